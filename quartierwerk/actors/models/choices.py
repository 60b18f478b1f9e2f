"""The directory's vocabularies (topics, offers) and the words they add to the search document."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.languages import Language  # noqa: F401 - Language is imported from here


class Topic(models.TextChoices):
    EDUCATION = "education", _("Education")
    INTEGRATION = "integration", _("Integration")
    CULTURE = "culture", _("Culture")
    HOUSING = "housing", _("Housing")
    ENVIRONMENT = "environment", _("Environment")
    HEALTH = "health", _("Health")
    YOUTH = "youth", _("Youth")
    SENIORS = "seniors", _("Seniors")
    FAMILY = "family", _("Families")
    SPORTS = "sports", _("Sports")
    WORK = "work", _("Work and employment")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


class Offer(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    ROOMS = "rooms", _("Rooms")
    COURSES = "courses", _("Courses")
    LANGUAGE_COURSES = "language_courses", _("Language courses")
    HOMEWORK_HELP = "homework_help", _("Homework help")
    LEISURE = "leisure", _("Leisure activities")
    CHILDCARE = "childcare", _("Childcare")
    MEETING_PLACE = "meeting_place", _("Meeting place")
    VOLUNTEERING = "volunteering", _("Volunteering opportunities")
    FOOD = "food", _("Food and meals")
    EQUIPMENT = "equipment", _("Equipment to lend")


def facet_tokens(prefix: str, values) -> list[str]:
    return [f"{prefix}:{v}" for v in values or ()]


SEARCH_LANGUAGES = ("de", "en")


def labels_for_search(choices, values) -> list[str]:
    """The labels of chosen values in every search language, so "Beratung" and "counselling" both match
    whatever language the person who saved the entry was using."""
    from django.utils import translation

    words = []
    for lang in SEARCH_LANGUAGES:
        with translation.override(lang):
            for v in values or ():
                if v in choices.values:
                    label = str(choices(v).label)
                    if label not in words:
                        words.append(label)
    return words
