"""One-time codes (core.onetime): only hashes stored, bad codes refused before hashing, revoke, expiry,
and the links the apps mailed before keep their format."""

import datetime
import time

import pytest
from django.core import signing
from django.utils import timezone

from quartierwerk.core import onetime
from quartierwerk.core.models import ApiToken
from quartierwerk.core.tokens import secret_hash
from tests.conftest import create_user


def test_issue_hands_out_the_code_and_keeps_only_its_hash():
    code, stored = onetime.issue()
    assert len(code) == 43 and code not in stored and stored == secret_hash(code)
    assert onetime.issue()[0] != code


def test_codes_of_implausible_length_are_refused_before_hashing(monkeypatch):
    hashed = []
    monkeypatch.setattr(onetime, "secret_hash", lambda s: hashed.append(s) or secret_hash(s))
    for bad in ("", None, "x" * (onetime.MAX_CODE_LENGTH + 1), "x" * 10_000_000):
        assert onetime.digest(bad) is None
        assert onetime.matches(bad, secret_hash("x")) is False
    assert onetime.digest("short", min_length=20) is None
    assert hashed == []
    assert onetime.digest("x" * onetime.MAX_CODE_LENGTH) == secret_hash("x" * onetime.MAX_CODE_LENGTH)


def test_matches_compares_with_every_stored_hash():
    code, stored = onetime.issue()
    assert onetime.matches(code, None, stored)
    assert onetime.matches(code, stored, secret_hash("other"))
    assert not onetime.matches(code + "x", stored)
    assert not onetime.matches(code)


@pytest.mark.django_db
def test_find_revoke_and_expiry():
    user = create_user("a@test.example")
    code, stored = onetime.issue()
    row = ApiToken.objects.create(user=user, name="t", key_hash=stored, prefix="x")
    rows = ApiToken.objects.all()
    assert onetime.find(rows, code, fields=("key_hash",), revoked="revoked_at") == row
    assert onetime.find(rows, "wrong", fields=("key_hash",)) is None
    assert onetime.find(rows, "x" * 5000, fields=("key_hash",)) is None
    assert onetime.find(rows, code, fields=("key_hash",), issued="created_at", max_age=datetime.timedelta(1))
    ApiToken.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert (
        onetime.find(rows, code, fields=("key_hash",), issued="created_at", max_age=datetime.timedelta(1))
        is None
    )
    assert onetime.revoke(rows) == 1 and onetime.revoke(rows) == 0
    assert onetime.find(rows, code, fields=("key_hash",), revoked="revoked_at") is None


def test_signed_codes_keep_the_format_of_links_already_sent():
    payload = {"r": 7, "e": "a@test.example"}
    sent_before = signing.dumps(payload, salt="quartierwerk.events.cancel-registration", compress=True)
    assert onetime.unsign(sent_before, salt="quartierwerk.events.cancel-registration") == payload
    assert (
        onetime.sign(payload, salt="s", compress=True).split(":")[0]
        == signing.dumps(payload, salt="s", compress=True).split(":")[0]
    )
    assert onetime.unsign(sent_before, salt="another purpose") is None
    assert onetime.unsign(sent_before[:-2] + "xx", salt="quartierwerk.events.cancel-registration") is None
    assert onetime.unsign("x" * (onetime.MAX_SIGNED_LENGTH + 1), salt="s") is None
    assert onetime.unsign("", salt="s") is None and onetime.unsign(None, salt="s") is None


def test_signed_codes_can_expire(monkeypatch):
    code = onetime.sign({"p": 1}, salt="s")
    assert onetime.unsign(code, salt="s", max_age=60) == {"p": 1}
    later = time.time() + 300
    monkeypatch.setattr(time, "time", lambda: later)
    assert onetime.unsign(code, salt="s", max_age=60) is None
    assert onetime.unsign(code, salt="s") == {"p": 1}
