"""The one list of languages that events, organisations and people are offered in, as BCP 47 codes.

Stored everywhere as a JSON list of codes (`["de", "gsg"]`). German Sign Language is `gsg` (ISO 639-3);
Easy German (Leichte Sprache) is the variant `de-simple`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    EASY_GERMAN = "de-simple", _("Easy German")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    TURKISH = "tr", _("Turkish")
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    PERSIAN = "fa", _("Persian")
    KURDISH = "ku", _("Kurdish")
    POLISH = "pl", _("Polish")
    ROMANIAN = "ro", _("Romanian")
    BULGARIAN = "bg", _("Bulgarian")
    VIETNAMESE = "vi", _("Vietnamese")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    TIGRINYA = "ti", _("Tigrinya")
    SIGN_LANGUAGE = "gsg", _("German Sign Language")


# Codes written before the one list: events stored German Sign Language as "dgs".
OLD_CODES = {"dgs": Language.SIGN_LANGUAGE.value}


def default_languages() -> list[str]:
    """What an event is held in unless told otherwise."""
    return [Language.GERMAN.value]


def clean_codes(codes) -> list[str]:
    """Known codes from a list or a comma-separated string, old codes renamed, each once, in order."""
    if isinstance(codes, str):
        codes = codes.split(",")
    out = []
    for code in codes or []:
        code = OLD_CODES.get(str(code).strip(), str(code).strip())
        if code in Language.values and code not in out:
            out.append(code)
    return out


def labels(codes) -> list[str]:
    """The names of the known codes in the active language."""
    return [str(Language(code).label) for code in codes or [] if code in Language.values]
