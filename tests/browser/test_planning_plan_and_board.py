"""The office revises the action plan for the next year, reads the comparison and publishes it; then it takes
up a resident's idea as a project and moves it along the board with the keyboard. Every page is checked with
axe."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from quartierwerk.planning.models import ActionPlan, Goal, Project
from quartierwerk.reports import services as report_services
from quartierwerk.reports.models import Category, Report
from tests.browser.conftest import assert_accessible, click_and_load, login

STAFF = "qm-gruenau@demo.quartierwerk.example"


@pytest.fixture
def demo_data(transactional_db):
    loaded = demo.load()
    # Start from last year's published plan only: this year's draft is what the office makes here.
    ActionPlan.objects.filter(quarter__slug="gruenau", status="draft").delete()
    staff = loaded.users["staff"]
    category = Category.objects.filter(code="green").first() or Category.objects.first()
    report = Report.objects.create(
        quarter=loaded.quarters["gruenau"],
        category=category,
        description="Auf der Brache an der Ringstraße wäre ein Gemeinschaftsgarten schön.",
    )
    report_services.convert_to_idea(report=report, by=staff)
    return loaded


def test_office_revises_the_plan_and_moves_a_project_from_a_report_along_the_board(page, demo_data):
    base = page.live_url
    plan = ActionPlan.objects.get(quarter__slug="gruenau", status="published")
    login(page, STAFF, demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)

    # Revise last year's plan: a draft for this year with every part.
    page.goto(f"{base}/plan/{plan.pk}/staff/")
    assert_accessible(page)
    click_and_load(page, page.get_by_role("button", name="Für das nächste Jahr fortschreiben"))
    expect(page.get_by_text(f"Ein Entwurf für {plan.year + 1} ist angelegt.")).to_be_visible()
    draft = ActionPlan.objects.get(revised_from=plan)
    assert_accessible(page)

    # Sharpen a goal, record the adoption, compare, publish.
    goal_title = "Grünflächen zwischen den Wohnblöcken aufwerten"
    goal = Goal.objects.get(field_of_action__plan=draft, title=goal_title)
    click_and_load(page, page.locator(f'a[href$="/staff/goal/{goal.pk}/"]'))
    page.locator("#id_title").fill(f"{goal_title} und pflegen")
    click_and_load(page, page.get_by_role("button", name="Speichern"))
    page.locator("#id_adopted_by").fill("Quartiersrat Grünau")
    page.locator("#id_adopted_on").fill(f"{plan.year + 1}-03-10")
    page.locator("#id_revision_participants").fill("Grünauer Nachbarn e. V.\nJugendtreff am Park")
    click_and_load(page, page.get_by_role("button", name="Speichern").first)
    click_and_load(page, page.get_by_role("link", name="Mit der vorigen Fassung vergleichen"))
    expect(page.locator("ins", has_text="pflegen")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/plan/{draft.pk}/staff/")
    click_and_load(page, page.get_by_role("button", name="Veröffentlichen"))
    expect(page.get_by_text("Das Konzept ist jetzt öffentlich.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == "published"
    page.goto(f"{base}/q/gruenau/plan/")
    expect(page.get_by_text("Quartiersrat Grünau", exact=False).first).to_be_visible()
    assert_accessible(page)

    # The resident's idea becomes a project, linked both ways.
    page.goto(f"{base}/q/gruenau/staff/projects/")
    assert_accessible(page)
    click_and_load(page, page.locator("form[action*='/from-report/'] button").first)
    project = Project.objects.exclude(report=None).get()
    expect(page.get_by_role("link", name=f"Meldung {project.report_id}")).to_be_visible()
    assert_accessible(page)

    # On the board, with the keyboard only: Tab to the card's button, Enter.
    page.goto(f"{base}/q/gruenau/staff/projects/board/")
    assert_accessible(page)
    button = page.locator(f'#card-{project.pk} button[value="plan"]')
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    project.refresh_from_db()
    assert project.stage == "planning"
    button = page.locator(f'#card-{project.pk} button[value="start"]')
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    project.refresh_from_db()
    assert project.stage == "running"
    expect(page.locator(f"#card-{project.pk}")).to_be_visible()
    assert_accessible(page)
