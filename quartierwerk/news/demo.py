"""Demo data: invented news of each demo quarter, one pinned, one under embargo, and city-wide news."""

from datetime import timedelta

from django.utils import timezone

from .models import NewsPost

# slug -> [(title, teaser, body, topics, pinned, days ago (negative: embargo until then))]
POSTS = {
    "gruenau": [
        (
            "Grünauer Herbstputz am Schönauer Park",
            "Am Samstag räumen Nachbarinnen und Nachbarn gemeinsam den Park auf. Handschuhe und Säcke gibt es vor Ort.",
            "<p>Treffpunkt ist um 10 Uhr am Teich. Für Kinder gibt es eine Rallye.</p>"
            "<p>Bitte melden Sie sich im <strong>Stadtteilladen</strong> an, damit genug Material da ist.</p>",
            ["neighbourhood", "building"],
            True,
            2,
        ),
        (
            "Neue Sprechzeiten im Stadtteilladen",
            "Ab nächstem Monat ist der Stadtteilladen auch donnerstags bis 19 Uhr geöffnet.",
            "<p>Damit kommen wir allen entgegen, die tagsüber arbeiten.</p>",
            ["social"],
            False,
            9,
        ),
    ],
    "leipziger-osten": [
        (
            "Sommerfest im Rabet",
            "Musik, Essen aus vielen Ländern und ein Flohmarkt: das Sommerfest im Rabet lädt alle ein.",
            "<p>Über zwanzig Vereine und Initiativen gestalten das Programm.</p>"
            "<ul><li>Bühne mit Musik aus dem Quartier</li><li>Kinderflohmarkt</li><li>Tauschbörse</li></ul>",
            ["events", "neighbourhood"],
            True,
            1,
        ),
        (
            "Stadtteilzeitung: Beiträge gesucht",
            "Die nächste Ausgabe der Stadtteilzeitung erscheint im Frühjahr. Schreiben Sie mit!",
            "<p>Texte und Fotos nimmt die Redaktion im Quartiersbüro entgegen.</p>",
            ["participation"],
            False,
            12,
        ),
    ],
    "connewitz": [
        (
            "Beteiligungskonzept veröffentlicht",
            "Wie das Quartiersmanagement Bewohnerinnen und Bewohner beteiligt, steht jetzt im Beteiligungskonzept.",
            "<p>Das Konzept wurde im Stadtteilforum besprochen und ist in der Dokumentenbibliothek abrufbar.</p>",
            ["participation"],
            False,
            4,
        ),
        (
            "Verfügungsfonds: Anträge bis Ende des Monats",
            "Vereine und Initiativen können bis zu 1.500 Euro für Nachbarschaftsprojekte beantragen.",
            "<p>Das Vergabeteam entscheidet in seiner nächsten Sitzung.</p>",
            ["fund"],
            False,
            -3,
        ),
    ],
    "leimen-innenstadt": [
        (
            "Neue Bänke am Kurpfalzcentrum",
            "Die ersten Ideen aus der Bürgerwerkstatt sind umgesetzt: sechs neue Bänke laden zum Verweilen ein.",
            "<p>Weitere Vorschläge werden gerade mit dem Bauamt geprüft.</p>",
            ["building"],
            False,
            6,
        ),
    ],
    "marburg-stadtwald": [
        (
            "Jugendtreff öffnet wieder",
            "Nach der Renovierung öffnet der Jugendtreff im Stadtwald mit neuen Räumen und längeren Öffnungszeiten.",
            "<p>Die Jugendlichen haben die Farben der Wände selbst ausgesucht.</p>",
            ["youth"],
            True,
            3,
        ),
        (
            "Mieterberatung jetzt wöchentlich",
            "Die kostenlose Mieterberatung findet ab sofort jeden Dienstag im Stadtteilbüro statt.",
            "<p>Bitte bringen Sie Ihren Mietvertrag und die letzte Nebenkostenabrechnung mit.</p>",
            ["social"],
            False,
            15,
        ),
    ],
}
TRANSLATIONS = {
    "Sommerfest im Rabet": {
        "en": {
            "title": "Summer festival in the Rabet",
            "teaser": "Music, food from many countries and a flea market.",
        },
        "ar": {
            "title": "مهرجان الصيف في رابت",
            "teaser": "موسيقى وطعام من بلدان كثيرة وسوق للأغراض المستعملة.",
        },
        "uk": {"title": "Літнє свято в Рабеті", "teaser": "Музика, їжа з багатьох країн і блошиний ринок."},
        "tr": {"title": "Rabet'te yaz şenliği", "teaser": "Müzik, birçok ülkeden yemekler ve bit pazarı."},
    }
}
CITY_POST = (
    "Quartiersmanagement stellt sich vor",
    "In allen Quartieren der Stadt laden die Büros im kommenden Monat zum Kennenlernen ein.",
    "<p>Die Termine finden Sie im Kalender Ihres Quartiers.</p>",
    ["neighbourhood"],
)


def load(demo) -> None:
    now = timezone.now()
    staff = demo.users.get("staff")
    for slug, posts in POSTS.items():
        quarter = demo.quarters.get(slug)
        if quarter is None or NewsPost.objects.filter(quarter=quarter).exists():
            continue
        for title, teaser, body, topics, pinned, days in posts:
            NewsPost.objects.create(
                city=quarter.city,
                quarter=quarter,
                title=title,
                teaser=teaser,
                body=body,
                topics=topics,
                is_pinned=pinned,
                status=NewsPost.Status.PUBLISHED,
                publish_at=now - timedelta(days=abs(days)),
                embargo_until=now + timedelta(days=-days) if days < 0 else None,
                created_by=staff if slug == "gruenau" else None,
                translations={
                    lang: texts
                    for lang, texts in TRANSLATIONS.get(title, {}).items()
                    if lang in (quarter.city.languages or [])
                },
            )
    for city in {q.city for q in demo.quarters.values()}:
        if NewsPost.objects.filter(city=city, quarter__isnull=True).exists():
            continue
        title, teaser, body, topics = CITY_POST
        NewsPost.objects.create(
            city=city,
            title=title,
            teaser=teaser,
            body=body,
            topics=topics,
            status=NewsPost.Status.PUBLISHED,
            publish_at=now - timedelta(days=5),
        )


# A tiny valid PDF: enough for a demo document that opens.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DOCUMENTS = (
    (
        "Beteiligungskonzept des Quartiersmanagements",
        "concept",
        True,
        "Wie wir Bewohnerinnen und Bewohner beteiligen.",
    ),
    ("Protokoll der Steuerungsrunde", "minutes", False, "Intern: Absprachen mit dem Amt."),
)


def load_library_and_newsletter(demo) -> None:
    """Two documents per quarter (one public, one internal) and a sent newsletter issue in each quarter."""
    from django.core.files.base import ContentFile

    from .models import Document, DocumentVersion, Issue

    now = timezone.now()
    for quarter in demo.quarters.values():
        if not Document.objects.filter(quarter=quarter).exists():
            for title, category, public, description in DOCUMENTS:
                document = Document.objects.create(
                    quarter=quarter, title=title, category=category, is_public=public, description=description
                )
                version = DocumentVersion(
                    document=document,
                    number=1,
                    content_type="application/pdf",
                    original_name=f"{category}.pdf",
                    size=len(DEMO_PDF),
                )
                version.file.save(f"{category}.pdf", ContentFile(DEMO_PDF), save=True)
        if not Issue.objects.filter(quarter=quarter).exists():
            posts = list(NewsPost.objects.visible().filter(quarter=quarter)[:2])
            body = "\n\n".join(f"{p.title}\n{p.teaser}" for p in posts)
            issue = Issue.objects.create(
                city=quarter.city,
                quarter=quarter,
                subject=f"Neues aus {quarter.name}",
                intro="Liebe Nachbarinnen und Nachbarn,",
                body=f"Neues aus {quarter.name}\n\n{body}\n",
                status=Issue.Status.SENT,
                sent_at=now - timedelta(days=1),
            )
            issue.posts.set(posts)
