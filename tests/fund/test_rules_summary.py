"""The public rules are summarised from the configured rules, so they cannot contradict them."""

from decimal import Decimal

from django.urls import reverse

from quartierwerk.fund.models import Fund


def _page(client, fund):
    return client.get(reverse("fund:home", args=[fund.quarter.slug])).content.decode()


def test_no_council_sentence_that_the_maximum_makes_impossible(client, fund, settings):
    # The rules change past the services here, which bump the page cache's generation; no cached page.
    settings.PAGE_CACHE_SECONDS = 0
    Fund.objects.filter(pk=fund.pk).update(
        max_per_application=Decimal("5000.00"), council_decision_limit=Decimal("5000.00")
    )
    page = _page(client, fund)
    assert "Höchstens 5.000,00 € pro Antrag" in page or "5.000,00 €" in page
    assert "entscheidet der Stadtbezirksbeirat" not in page and "Above" not in page
    Fund.objects.filter(pk=fund.pk).update(council_decision_limit=Decimal("3000.00"))
    page = _page(client, fund)
    assert "3.000,00 €" in page


def test_the_binding_guideline_is_linked_beside_the_summary(client, fund):
    Fund.objects.filter(pk=fund.pk).update(
        guideline_url="https://example.org/foerderrichtlinie.pdf", rules_text="Beratung dienstags."
    )
    page = _page(client, fund)
    assert 'href="https://example.org/foerderrichtlinie.pdf"' in page and "Förderrichtlinie" in page
    assert "Hinweise des Quartiersmanagements" in page and "Beratung dienstags." in page


def test_letterhead_of_the_pdfs_keeps_street_and_town_apart(fund):
    from django.template.loader import render_to_string

    quarter = fund.quarter
    quarter.contact_address = "Stuttgarter Allee 12\n04209 Leipzig"
    html = render_to_string("fund/pdf/base.html", {"quarter": quarter})
    assert "Stuttgarter Allee 12 · 04209 Leipzig" in html and "1204209" not in html
