"""Fund applications: text cleaned once when stored (controls, lone surrogates), titles as one line,
e-mail addresses checked by the API and the service."""

import json

import pytest

from quartierwerk.core.errors import DomainError
from quartierwerk.fund import services
from quartierwerk.fund.models import Application

API = "/api/v1/fund"


def send(client, method, url, data, **headers):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json", headers=headers)


@pytest.mark.parametrize("field", ["title", "summary", "description", "applicant_name", "location"])
def test_controls_in_a_draft_field_are_stored_cleaned_and_a_surrogate_refused(
    client, make_application, field
):
    application = make_application("draft")
    h = {"X-Application-Token": application.token}
    r = send(client, "patch", f"{API}/application", {field: "Hof\u000bfest\x00"}, **h)
    assert r.status_code == 200, r.content
    application.refresh_from_db()
    assert getattr(application, field) == "Hoffest"
    r = send(client, "patch", f"{API}/application", {field: "Hof\ud800fest"}, **h)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == field
    application.refresh_from_db()
    assert getattr(application, field) == "Hoffest"


def test_the_service_drops_a_lone_surrogate(fund, make_application):
    application = make_application("draft")
    application = services.update_application(
        application=application,
        data={"title": "Hof\ud800fest", "summary": "kurz\ud800"},
        cost_items=[("B\u00fccher\ud800\n f\u00fcr alle", "10")],
    )
    assert application.title == "Hoffest" and application.summary == "kurz"
    assert application.cost_items.get().description == "B\u00fccher f\u00fcr alle"
    started, _token = services.start_application(
        fund=fund, applicant_name="Ute\ud800", email="ute@example.org"
    )
    assert started.applicant_name == "Ute"


def test_a_surrogate_in_a_cost_line_or_a_new_application_is_refused_clearly(client, fund, make_application):
    application = make_application("draft")
    r = send(
        client,
        "patch",
        f"{API}/application",
        {"cost_items": [{"description": "B\u00fccher\ud800", "amount": "10"}]},
        **{"X-Application-Token": application.token},
    )
    assert r.status_code == 422
    r = send(
        client,
        "post",
        f"{API}/{fund.quarter.slug}/applications",
        {"applicant_name": "Ute\ud800", "email": "u@example.org"},
    )
    assert r.status_code == 422
    assert not Application.objects.filter(email="u@example.org").exists()


def test_the_title_is_one_line(make_application):
    application = make_application("draft", title="Hof\r\nfest")
    assert application.title == "Hof fest"


@pytest.mark.parametrize("email", ["a@b.de\nBcc: x@y.de", "kein-at", "a@b.de, c@d.de"])
def test_an_address_that_is_not_one_is_refused(client, fund, make_application, email):
    r = send(
        client, "post", f"{API}/{fund.quarter.slug}/applications", {"applicant_name": "Ute", "email": email}
    )
    assert r.status_code in (400, 422)
    application = make_application("draft")
    r = send(
        client, "patch", f"{API}/application", {"email": email}, **{"X-Application-Token": application.token}
    )
    assert r.status_code in (400, 422)
    with pytest.raises(DomainError):
        services.start_application(fund=fund, applicant_name="Ute", email=email)
    with pytest.raises(DomainError):
        services.update_application(application=application, data={"email": email})
    assert not Application.objects.filter(email__contains="\n").exists()
