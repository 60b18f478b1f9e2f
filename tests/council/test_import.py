"""Import from an OParl endpoint (a fixture directory): papers keyed on their OParl id, suggestions by keyword."""

from pathlib import Path

from django.core.management import call_command

from quartierwerk.council.importer import DirectoryFetch, import_papers
from quartierwerk.council.models import (
    Consultation,
    File,
    ImportSource,
    Organization,
    Paper,
    PaperQuarter,
    QuarterKeyword,
)
from quartierwerk.council.services import body_for

FIXTURE = Path(__file__).parent / "oparl_fixture"
SYSTEM = "https://ratsinfo.example.org/oparl/v1/system"


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(*fields))
        for model, fields in (
            (Paper, ("oparl_id", "kind", "name", "reference", "deleted", "lead_office__name", "modified")),
            (Organization, ("oparl_id", "kind", "name", "modified")),
            (File, ("oparl_id", "paper__reference", "is_main", "access_url", "modified")),
            (Consultation, ("oparl_id", "organization__name", "authoritative", "modified")),
            (PaperQuarter, ("paper__reference", "quarter__slug", "confirmed", "matched_keyword")),
        )
    }


def test_importing_twice_gives_the_same_data(quarter):
    QuarterKeyword.objects.create(quarter=quarter, word="Grünau")
    call_command("import_oparl", city=quarter.city.slug, url=SYSTEM, directory=str(FIXTURE))
    first = _snapshot()
    assert len(first["Paper"]) == 4
    kinds = {ref: kind for _id, kind, _n, ref, *_rest in first["Paper"]}
    assert kinds == {
        "VIII-A-00101": "motion",
        "VIII-DS-00102": "draft_resolution",
        "VIII-F-00103": "inquiry",
        "VIII-A-00104": "motion",
    }
    assert {o[2]: o[1] for o in first["Organization"]}["Stadtbezirksbeirat West"] == "district_council"
    # The motion names the quarter, the budget's file text does; the deleted one is not suggested.
    assert first["PaperQuarter"] == [
        ("VIII-A-00101", "gruenau", False, "Grünau"),
        ("VIII-DS-00102", "gruenau", False, "Grünau"),
    ]
    source = ImportSource.objects.get()
    assert source.last_modified.isoformat() == "2026-11-04T09:00:00+00:00"

    fetch = DirectoryFetch(FIXTURE)
    import_papers(source, fetch)
    assert _snapshot() == first  # no duplicates, nothing rewritten
    first_page = next(url for url in fetch.asked if "/papers" in url)
    assert "modified_since=2026-11-04T09" in first_page  # only what changed since the last run is asked for


def test_a_confirmed_suggestion_stays_confirmed_on_reimport(quarter):
    QuarterKeyword.objects.create(quarter=quarter, word="Grünau")
    source = ImportSource.objects.create(body=body_for(quarter.city), url=SYSTEM)
    import_papers(source, DirectoryFetch(FIXTURE))
    PaperQuarter.objects.filter(paper__reference="VIII-A-00101").update(confirmed=True)
    source.last_modified = None
    import_papers(source, DirectoryFetch(FIXTURE))
    assert list(PaperQuarter.objects.filter(confirmed=True).values_list("paper__reference", flat=True)) == [
        "VIII-A-00101"
    ]
    assert Paper.objects.get(reference="VIII-A-00104").deleted is True
