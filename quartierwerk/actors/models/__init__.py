"""Actors of a quarter: organisations, persons, and the groups (networks, committees, award teams) they form.

Also: typed relationships between persons and organisations, consent records (DSGVO), representatives of
organisations (self-service), staff notes and contact activity, saved filters, import batches and volunteer
engagement with its certificate (Ehrenamtsnachweis). One module per sub-domain; this package names them all.
"""

from quartierwerk.core.languages import Language  # Language is imported from here

from .choices import SEARCH_LANGUAGES, Offer, Topic, facet_tokens, labels_for_search
from .groups import Group, GroupMembership
from .organisations import Organisation, Representation
from .persons import Consent, Person, Relationship
from .records import ContactActivity, ImportBatch, SavedFilter
from .volunteering import VolunteerEngagement

__all__ = [
    "SEARCH_LANGUAGES",
    "Consent",
    "ContactActivity",
    "Group",
    "GroupMembership",
    "ImportBatch",
    "Language",
    "Offer",
    "Organisation",
    "Person",
    "Relationship",
    "Representation",
    "SavedFilter",
    "Topic",
    "VolunteerEngagement",
    "facet_tokens",
    "labels_for_search",
]
