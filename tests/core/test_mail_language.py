"""Mails go out in the recipient's language, which is stored with the mail."""

import pytest
from django.core import mail as sent
from django.utils import translation

from quartierwerk.core import mail
from quartierwerk.core.models import OutboxMail
from tests.conftest import create_user

pytestmark = pytest.mark.django_db

TEMPLATE = "core/mail/export_confirm"
CONTEXT = {"link": "https://example.org/confirm/abc"}
ARABIC_SUBJECT = "أكّد"


def queue(to, **kwargs) -> OutboxMail:
    return mail.queue_templated_mail(to, TEMPLATE, CONTEXT, **kwargs)


def test_a_person_without_account_gets_the_language_of_their_request():
    with translation.override("ar"):  # what LocaleMiddleware does for a visitor who chose Arabic
        queued = queue("resident@example.org")
    assert queued.language == "ar"
    assert ARABIC_SUBJECT in queued.subject
    with translation.override("de"):
        assert mail.deliver(queued.pk)
    message = sent.outbox[-1]
    assert ARABIC_SUBJECT in message.subject
    assert message.extra_headers["Content-Language"] == "ar"


def test_the_stored_preference_of_an_account_wins_over_the_request():
    create_user("nour@example.org", preferred_language="ar")
    with translation.override("de"):
        queued = queue("Nour@example.org")
    assert queued.language == "ar" and ARABIC_SUBJECT in queued.subject


def test_an_account_without_preference_is_written_to_in_german_not_in_someone_elses_language():
    create_user("office@example.org", preferred_language="")
    with translation.override("ar"):
        queued = queue("office@example.org")
    assert queued.language == "de" and ARABIC_SUBJECT not in queued.subject


def test_the_language_named_by_the_caller_wins():
    create_user("nour@example.org", preferred_language="uk")
    with translation.override("tr"):
        assert queue("nour@example.org", language="ar").language == "ar"
        assert queue("nour@example.org", language="xx").language == "uk"  # not an interface language


def test_several_recipients_are_written_to_in_german():
    with translation.override("ar"):
        assert queue(["a@example.org", "b@example.org"]).language == "de"
