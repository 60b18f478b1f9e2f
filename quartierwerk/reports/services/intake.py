"""Filing a report: place, description, the category's questions and photos."""

import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import generations, geo, multilingual
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import atomic_with_files
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.places import selectors as places
from quartierwerk.core.text import clean_email, clean_line, clean_text

from ..models import ApiClient, Category, CategoryAttribute, Report
from .common import MAX_DESCRIPTION, _store_photos, _user, clean_photos, follow_url


def check_location(quarter, lat, lon, address: str, *, no_place: bool = False) -> tuple:
    """A point inside the quarter, an address, or (on the web form) explicitly no place."""
    if (lat is None) != (lon is None):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="lat")
    if lat is None and address:
        # A typed address the city's register knows places the pin (also without JavaScript).
        found = places.resolve(quarter.city_id, address)
        if found is not None:
            lat, lon = found.lat, found.lon
    if lat is not None:
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            raise DomainError(_("Latitude and longitude must be numbers."), field="lat")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DomainError(_("Latitude and longitude are outside the valid range."), field="lat")
        if quarter.boundary and not geo.contains(quarter, lat, lon):
            raise DomainError(places.check_place(quarter, lat, lon).message, field="lat")
    elif not address and not no_place:
        raise DomainError(
            _("Put a pin on the map, type an address, or choose “no particular place”."), field="lat"
        )
    return lat, lon


def clean_attributes(category: Category, raw: dict, attributes=None) -> dict:
    """Answers to the category's extra questions, checked by type and list of values."""
    attributes = list(attributes if attributes is not None else category.attributes.all())
    out = {}
    for attr in attributes:
        value = raw.get(attr.code)
        if isinstance(value, list) and attr.datatype != CategoryAttribute.Datatype.MULTI:
            value = value[0] if value else None
        if value in (None, "", []):
            if attr.required:
                raise DomainError(
                    _("The question “%(q)s” must be answered.") % {"q": attr.description}, field=attr.code
                )
            continue
        keys = {str(v.get("key")) for v in attr.values or []}
        if attr.datatype == CategoryAttribute.Datatype.NUMBER:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise DomainError(_("“%(q)s” must be a number.") % {"q": attr.description}, field=attr.code)
        elif attr.datatype == CategoryAttribute.Datatype.SINGLE:
            if str(value) not in keys:
                raise DomainError(
                    _("“%(v)s” is not a choice of “%(q)s”.") % {"v": value, "q": attr.description},
                    field=attr.code,
                )
            value = str(value)
        elif attr.datatype == CategoryAttribute.Datatype.MULTI:
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if str(v) not in keys]
            if bad:
                raise DomainError(
                    _("“%(v)s” is not a choice of “%(q)s”.") % {"v": bad[0], "q": attr.description},
                    field=attr.code,
                )
            value = [str(v) for v in values]
        elif attr.datatype == CategoryAttribute.Datatype.DATETIME:
            from django.utils.dateparse import parse_datetime

            if parse_datetime(str(value)) is None:
                raise DomainError(
                    _("“%(q)s” must be a date and time (ISO 8601).") % {"q": attr.description},
                    field=attr.code,
                )
            value = str(value)
        else:
            value = clean_text(str(value), max_length=1000, field=attr.code)
        out[attr.code] = value
    return out


def create_report(
    *,
    quarter,
    category: Category,
    description: str,
    lat=None,
    lon=None,
    address: str = "",
    no_place: bool = False,
    attributes: dict | None = None,
    category_attributes=None,
    reporter=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    show_name: bool = False,
    photos=(),
    source: str = Report.Source.WEB,
    api_client: ApiClient | None = None,
    media_url: str = "",
    with_token: bool = False,
    language: str | None = None,
    written_in: str | None = None,
) -> Report:
    """File a report; the reporter gets a confirmation with the private follow link if an e-mail was given."""
    if not category.is_active or (category.city_id and category.city_id != quarter.city_id):
        raise DomainError(_("This category is not offered here."), field="category")
    description = clean_text(description, max_length=MAX_DESCRIPTION, field="description")
    if not description:
        raise DomainError(_("Describe what you want to report."), field="description")
    address = clean_line(address, max_length=250, field="address")
    lat, lon = check_location(quarter, lat, lon, address, no_place=no_place)
    answers = clean_attributes(category, attributes or {}, category_attributes)
    cleaned = clean_photos(photos)
    user = _user(reporter)
    email = clean_email(email) or (user.email if user else "")
    name = clean_line(name, max_length=160, field="name") or (user.display_name if user else "")
    now = timezone.now()
    with atomic_with_files():
        report = Report.objects.create(
            quarter=quarter,
            category=category,
            kind=category.kind,
            description=description,
            lat=lat,
            lon=lon,
            address=address,
            attributes=answers,
            reporter=user,
            reporter_name=name,
            reporter_email=email,
            reporter_phone=clean_line(phone, max_length=60, field="phone"),
            show_name=bool(show_name and name),
            language=(language or "")[:8],
            # The language of the description: given by an API client, else the language of the page.
            written_in=multilingual.clean_written_in(written_in),
            source=source,
            api_client=api_client,
            media_url=clean_line(media_url, max_length=500, field="media_url"),
            open311_token=secrets.token_hex(16) if with_token else None,
            created_at=now,
            updated_at=now,
        )
        _store_photos(report, cleaned)
        if email:
            queue_templated_mail(
                email,
                "reports/mail/received",
                {"report": report, "quarter": quarter, "link": follow_url(report)},
                language=language,
                purpose="reports.received",
            )
        generations.bump("reports", quarter.pk)
    return report
