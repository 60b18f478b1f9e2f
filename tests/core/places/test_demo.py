from quartierwerk.core import demo, geo
from quartierwerk.core.places import selectors
from quartierwerk.core.places.models import Address


def test_demo_register_lies_inside_each_quarter_and_loads_once(db):
    data = demo.load()
    total = Address.objects.count()
    for quarter in data.quarters.values():
        addresses = list(Address.objects.filter(postcode__in=[_postcode(quarter)], city=quarter.city))
        assert len(addresses) >= 100, quarter.slug
        assert all(geo.contains(quarter, a.lat, a.lon) for a in addresses), quarter.slug
    demo.load()
    assert Address.objects.count() == total
    some = Address.objects.filter(city__slug="leipzig").first()
    typed = some.street.replace("straße", "str.") + " " + some.house_number
    assert some in selectors.search(some.city_id, typed)


def _postcode(quarter):
    from quartierwerk.core.places.demo import POSTCODES

    return POSTCODES[quarter.slug][0]
