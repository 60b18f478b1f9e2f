"""An application records the language its texts were written in: the page's at submission, or the client's."""

import pytest
from django.utils import translation

from quartierwerk.core.errors import DomainError
from quartierwerk.fund import services

pytestmark = pytest.mark.django_db


def test_submission_records_the_language_of_the_page(make_application):
    draft = make_application("draft")
    assert draft.written_in == ""
    with translation.override("ar"):
        submitted = services.submit_application(application=draft, consent=True)
    assert submitted.written_in == "ar"


def test_a_client_names_the_language_and_submission_keeps_it(make_application):
    draft = make_application("draft")
    draft = services.update_application(application=draft, data={"written_in": "fa"})
    with translation.override("de"):
        submitted = services.submit_application(application=draft, consent=True)
    assert submitted.written_in == "fa"
    with pytest.raises(DomainError):
        services.update_application(application=make_application("draft"), data={"written_in": "klingon"})
