"""Demo data of who is responsible: invented city administrations and operators (no real people or
addresses; every address is under example.org)."""

from .models import ControllerArrangement, ResponsibleParty

AUTHORITY = {
    "leipzig": "Sächsische Datenschutz- und Transparenzbeauftragte (Demo)\nBeispielweg 1\n01099 Dresden",
    "leimen": "Landesbeauftragter für Datenschutz Baden-Württemberg (Demo)\nBeispielweg 2\n70173 Stuttgart",
    "marburg": "Hessischer Beauftragter für Datenschutz (Demo)\nBeispielweg 3\n65189 Wiesbaden",
}

CITY_ADMINISTRATIONS = {
    "leipzig": ("Stadt Leipzig (Demo), Amt für Stadterneuerung", "Martin-Luther-Ring 99\n04109 Leipzig"),
    "leimen": ("Stadt Leimen (Demo), Stadtplanungsamt", "Rathausstraße 99\n69181 Leimen"),
    "marburg": ("Universitätsstadt Marburg (Demo), Fachdienst Soziale Stadt", "Markt 99\n35037 Marburg"),
}

# quarter slug: (operator name, legal form, street, arrangement)
OPERATORS = {
    "gruenau": (
        "Quartiersbüro Grünau – Träger: Stadtteilwerk Leipzig-West gGmbH",
        "gemeinnützige GmbH",
        "Beispielallee 12\n04209 Leipzig",
        ControllerArrangement.PROCESSOR,
    ),
    "leipziger-osten": (
        "Quartiersbüro Ost e. V.",
        "eingetragener Verein",
        "Musterstraße 45\n04315 Leipzig",
        ControllerArrangement.JOINT,
    ),
    "leimen-innenstadt": (
        "Nachbarschaftshilfe Kurpfalz e. V.",
        "eingetragener Verein",
        "Probegasse 3\n69181 Leimen",
        ControllerArrangement.PROCESSOR,
    ),
    "marburg-stadtwald": (
        "Gemeinwesenarbeit Stadtwald e. V.",
        "eingetragener Verein",
        "Testweg 7\n35043 Marburg",
        ControllerArrangement.JOINT,
    ),
}


def load(demo) -> None:
    """City administrations, operators and each demo quarter's arrangement (idempotent)."""
    for slug, city in demo.cities.items():
        name, address = CITY_ADMINISTRATIONS[slug]
        ResponsibleParty.objects.get_or_create(
            city=city,
            kind=ResponsibleParty.Kind.CITY,
            defaults={
                "name": name,
                "legal_form": "Körperschaft des öffentlichen Rechts",
                "is_public_body": True,
                "address": address,
                "email": f"stadterneuerung@{slug}.example.org",
                "phone": "0000 000000",
                "represented_by": "die Oberbürgermeisterin (Demo)",
                "content_responsible": "Pressestelle (Demo), Anschrift wie oben",
                "dpo_name": "Behördlicher Datenschutzbeauftragter (Demo)",
                "dpo_email": f"datenschutz@{slug}.example.org",
                "dpo_address": address,
                "data_protection_authority": AUTHORITY[slug],
            },
        )
    for quarter_slug, (name, legal_form, address, arrangement) in OPERATORS.items():
        quarter = demo.quarters.get(quarter_slug)
        if quarter is None or quarter.operator_party_id:
            continue
        domain = f"{quarter_slug}.example.org"
        operator, _ = ResponsibleParty.objects.get_or_create(
            city=quarter.city,
            kind=ResponsibleParty.Kind.OPERATOR,
            name=name,
            defaults={
                "legal_form": legal_form,
                "is_public_body": False,
                "address": address,
                "email": f"kontakt@{domain}",
                "represented_by": "Vorstand / Geschäftsführung (Demo)",
                "register_entry": "Registergericht Beispielstadt, VR 0000 (Demo)",
                "dpo_name": "Externer Datenschutzbeauftragter (Demo)",
                "dpo_email": f"datenschutz@{domain}",
                "data_protection_authority": AUTHORITY[quarter.city.slug],
            },
        )
        quarter.operator_party = operator
        quarter.arrangement = arrangement
        quarter.save(update_fields=["operator_party", "arrangement"])
