"""Persons and organisations written outside the actors services (another module, the admin) are searchable."""

from quartierwerk.actors import search
from quartierwerk.actors.models import Organisation, Person


def test_person_created_by_another_module_is_found_by_staff_search(quarter):
    Person.objects.create(quarter=quarter, first_name="Gisela", last_name="Brandt")
    found = search.matching(Person.objects.filter(quarter=quarter), "Brandt")
    assert [p.last_name for p in found] == ["Brandt"]


def test_organisation_saved_directly_is_found(quarter):
    Organisation.objects.create(quarter=quarter, name="Kleingartenverein Sonnenschein", slug="kgv")
    assert search.matching(Organisation.objects.filter(quarter=quarter), "Sonnenschein").count() == 1


def test_explicit_update_fields_are_left_to_the_caller(quarter):
    person = Person.objects.create(quarter=quarter, first_name="Ralf", last_name="Kästner")
    person.search_document = ""
    person.save(update_fields=["search_document"])
    person.refresh_from_db()
    assert person.search_document == ""
