"""Demo data of the fund: one fund per demo quarter this year; Grünau gets an award team and applications
in every state, made through the services as the office and the applicants would. Running it again changes
nothing."""

import datetime
from decimal import Decimal

from quartierwerk.actors.models import Group, GroupMembership, Person
from quartierwerk.core import clock

from . import services
from .models import Category, Fund, Round

# Demo: one fund per quarter this year; Grünau gets an award team and applications in every state.
DEMO_FUNDS = {
    "gruenau": {
        "budget": "15000.00",
        # Notes only: the rules themselves are summarised from the configuration, so they cannot disagree.
        "rules_text": "Wir beraten Sie gern, bevor Sie den Antrag stellen: dienstags 14–17 Uhr im Stadtteilladen.",
        "subsidiary_only": True,
        "deadlines": [(2, 15), (5, 15), (8, 15), (9, 30)],
        "max": "5000.00",
        "staff_limit": "500.00",
    },
    "leipziger-osten": {
        "budget": "20000.00",
        "rules_text": "Anträge nehmen wir auch auf Papier im Stadtteilbüro entgegen.",
        "deadlines": [(3, 1), (6, 1), (9, 1)],
        "max": "5000.00",
        "staff_limit": "500.00",
    },
    "connewitz": {"budget": "5000.00", "continuous": True, "max": "1000.00", "staff_limit": "500.00"},
    "leimen-innenstadt": {
        "budget": "8000.00",
        "deadlines": [(4, 30), (10, 31)],
        "max": "2500.00",
        "staff_limit": "300.00",
    },
    "marburg-stadtwald": {
        "budget": "3000.00",
        "deadlines": [(3, 20), (6, 20), (9, 20), (11, 20)],
        "max": "2500.00",
        "staff_limit": "0.00",
        "min_age": 14,
    },
}


def load(demo) -> None:
    """Idempotent demo data: funds, rounds and kinds of project; in Grünau an award team and applications."""
    year = clock.today().year
    for slug, spec in DEMO_FUNDS.items():
        quarter = demo.quarters.get(slug)
        if quarter is None:
            continue
        fund, created = Fund.objects.get_or_create(
            quarter=quarter,
            year=year,
            defaults={
                "name": "Verfügungsfonds",
                "budget": Decimal(spec["budget"]),
                "purpose": f"Der Verfügungsfonds {quarter.name} unterstützt kleine Projekte, die das Zusammenleben "
                "im Quartier stärken: Nachbarschaftsfeste, Gärten, Kurse, Begegnungsorte.",
                "rules_text": spec.get("rules_text", ""),
                "subsidiary_only": spec.get("subsidiary_only", False),
                "continuous_submission": spec.get("continuous", False),
                "max_per_application": Decimal(spec["max"]),
                "staff_decision_limit": Decimal(spec["staff_limit"]),
                "min_applicant_age": spec.get("min_age", 18),
                "council_decision_limit": Decimal("5000.00"),
                "quorum": 3,
            },
        )
        if not created:
            continue
        for month, day in spec.get("deadlines", []):
            Round.objects.create(
                fund=fund, name=f"Frist {day:02d}.{month:02d}.", deadline=datetime.date(year, month, day)
            )
        if not spec.get("continuous"):
            # A round always lies ahead, so the demo can be tried on any day.
            ahead = clock.today() + datetime.timedelta(days=30)
            if not fund.rounds.filter(deadline__gte=clock.today()).exists():
                Round.objects.create(fund=fund, name=f"Frist {ahead:%d.%m.}", deadline=ahead)
        Category.objects.create(
            fund=fund, name="Baumaßnahmen", position=1, max_amount=Decimal("5000.00"), max_share_percent=50
        )
        Category.objects.create(
            fund=fund, name="Sonstige Projekte", position=2, max_amount=Decimal("1000.00")
        )
        if slug == "gruenau":
            _demo_gruenau(demo, fund)


def _demo_gruenau(demo, fund) -> None:
    group, _created = Group.objects.get_or_create(
        quarter=fund.quarter,
        slug="quartiersrat-vergabeteam",
        defaults={
            "name": "Quartiersrat Grünau – Vergabeteam",
            "kind": "award_team",
            "purpose": "Empfiehlt Anträge an den Verfügungsfonds.",
        },
    )
    Fund.objects.filter(pk=fund.pk).update(award_team=group, award_team_power=Fund.AwardTeamPower.RECOMMENDS)
    fund.refresh_from_db()
    # The chair has a demo log-in; the other seats are held by people known to the office (no accounts).
    chair = demo.users["award_team"]
    person, _created = Person.objects.get_or_create(
        user=chair, quarter=fund.quarter, defaults={"first_name": "Heike", "last_name": "Vogel"}
    )
    GroupMembership.objects.get_or_create(
        group=group, person=person, defaults={"role": "chair", "start_date": datetime.date(2024, 1, 1)}
    )
    for i, (first, last) in enumerate(
        [("Gisela", "Brandt"), ("Ömer", "Yıldız"), ("Paula", "Neumann"), ("Ralf", "Kästner")], start=1
    ):
        person, _created = Person.objects.get_or_create(
            quarter=fund.quarter, first_name=first, last_name=last, defaults={"user": None}
        )
        GroupMembership.objects.get_or_create(
            group=group,
            person=person,
            defaults={"role": "member" if i < 4 else "deputy", "start_date": datetime.date(2024, 1, 1)},
        )
    staff = demo.users["staff"]
    other = fund.categories.get(name="Sonstige Projekte")
    examples = [
        (
            "Hoffest Stuttgarter Allee",
            "Grünauer Nachbarn e. V.",
            "association",
            [("Musik und Technik", "300"), ("Kinderprogramm", "150")],
            "closed",
        ),
        (
            "Lesepaten in der Stadtteilbibliothek",
            "",
            "private",
            [("Bücher", "220"), ("Flyer", "60")],
            "approved",
        ),
        (
            "Hochbeete am Jugendclub",
            "Jugendclub Grünau",
            "institution",
            [("Holz und Erde", "780")],
            "scheduled",
        ),
        (
            "Repair-Café im Stadtteilladen",
            "Initiative Reparieren statt Wegwerfen",
            "association",
            [("Werkzeug", "420")],
            "submitted",
        ),
    ]
    session = services.plan_session(
        fund=fund,
        date=clock.today() + datetime.timedelta(days=14),
        actor=staff,
        location="Stadtteilladen Grünau",
        # Most seats are held by residents without an account: the office records presence and votes.
        on_paper=True,
    )
    today = clock.today()
    for title, org, kind, lines, target in examples:
        # The finished courtyard party took place ten weeks ago; the other projects lie ahead.
        start = today + datetime.timedelta(days=-70 if target == "closed" else 30)
        application, _token = services.start_application(
            fund=fund,
            applicant_name="Dirk Lehmann" if kind != "private" else "Anna Krüger",
            email=(demo.users["actor_representative"] if kind != "private" else demo.users["resident"]).email,
            applicant_kind=kind,
            organisation_name=org,
        )
        services.update_application(
            application=application,
            data={
                "title": title,
                "summary": f"{title}: ein Projekt für die Nachbarschaft in Grünau.",
                "benefit": "Menschen aus dem Quartier begegnen sich und gestalten ihr Umfeld mit.",
                "is_of_age": True,
                "no_other_funding": True,
                "category": other,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=0 if target == "closed" else 30),
            },
            cost_items=lines,
        )
        application = services.submit_application(
            application=application, consent=True, today=start - datetime.timedelta(days=30)
        )
        if target == "submitted":
            continue
        application = services.mark_complete(application=application, actor=staff)
        if target == "scheduled":
            services.schedule(application=application, session=session, actor=staff)
            continue
        # Small grants: the office decides by itself (up to 500 €).
        services.decide(
            application=application, outcome="approved", actor=staff, reasons="Kleinprojekt, förderfähig."
        )
        if target == "closed":
            services.record_payout(
                application=application,
                amount=application.requested_amount,
                paid_on=start - datetime.timedelta(days=10),
                actor=staff,
            )
            proof = services.submit_proof(
                application=application,
                report="Das Fest fand mit rund 200 Gästen statt. Alle Belege liegen bei.",
                public_summary="Rund 200 Nachbarinnen und Nachbarn feierten im Hof – mit Musik, Kinderprogramm und "
                "Kuchen aus dem Stadtteilladen.",
                spent_amount=application.requested_amount,
            )
            services.check_proof(proof=proof, outcome="accepted", actor=staff)
