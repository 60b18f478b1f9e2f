"""The client address behind the reverse proxy, and the log-in lockout that depends on it."""

import pytest
from django.test import RequestFactory

from quartierwerk.core.client import client_address
from tests.conftest import create_user

PASSWORD = "test-password-123"
PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        ([], "198.51.100.7", "", "198.51.100.7"),
        # Without trusted proxies the header is ignored, whatever it says.
        ([], "198.51.100.7", "192.0.2.1", "198.51.100.7"),
        # A direct client that is not a trusted proxy cannot choose its address by a header.
        (["10.0.0.0/8"], "198.51.100.7", "192.0.2.1", "198.51.100.7"),
        # Behind the proxy: the entry the proxy appended.
        (["10.0.0.0/8"], PROXY, "203.0.113.5", "203.0.113.5"),
        # A forged entry to the left of the proxy's own is not believed.
        (["10.0.0.0/8"], PROXY, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        # Two trusted proxies in a row: the right-most entry that is not one of them.
        (["10.0.0.0/8", "172.16.0.1"], PROXY, "192.0.2.1, 203.0.113.5, 172.16.0.1", "203.0.113.5"),
        # Garbage ends the walk at the last trusted hop, never at the garbage.
        (["10.0.0.0/8"], PROXY, "not-an-address", PROXY),
        (["10.0.0.0/8"], PROXY, "203.0.113.5, 10.0.0.9, x", PROXY),
        (["10.0.0.0/8"], PROXY, "x, 10.0.0.9", "10.0.0.9"),
        (["10.0.0.0/8"], PROXY, "", PROXY),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::5, 2a00:1450::1", "2a00:1450::1"),
        (["10.0.0.2"], "::ffff:10.0.0.2", "203.0.113.5", "203.0.113.5"),
    ],
)
def test_client_address_is_the_rightmost_untrusted_hop(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == expected


def post_login(client, email, password, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/account/login/", {"username": email, "password": password}, **extra)


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(client, db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    create_user("anna@test.example")
    for _ in range(5):
        assert post_login(client, "anna@test.example", "falsch-1", PROXY, "203.0.113.5").status_code == 200
    assert post_login(client, "anna@test.example", "falsch-1", PROXY, "203.0.113.5").status_code == 429
    # Anna herself, from her own address through the same proxy, still gets in.
    assert post_login(client, "anna@test.example", PASSWORD, PROXY, "198.51.100.9").status_code == 302


def test_a_forged_forwarded_header_does_not_unlock_a_direct_client(client, db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    create_user("anna@test.example")
    for _ in range(6):
        post_login(client, "anna@test.example", "falsch-1", "198.51.100.7")
    assert post_login(client, "anna@test.example", PASSWORD, "198.51.100.7").status_code == 429
    assert post_login(client, "anna@test.example", PASSWORD, "198.51.100.7", "192.0.2.44").status_code == 429


def test_a_forged_entry_in_front_of_the_proxys_does_not_unlock(client, db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    create_user("anna@test.example")
    for _ in range(6):
        post_login(client, "anna@test.example", "falsch-1", PROXY, "203.0.113.5")
    locked = post_login(client, "anna@test.example", PASSWORD, PROXY, "192.0.2.44, 203.0.113.5")
    assert locked.status_code == 429


def test_changing_the_letter_case_of_the_address_does_not_escape_the_lockout(client, db):
    create_user("anna@test.example")
    spellings = [
        "anna@test.example",
        "Anna@test.example",
        "ANNA@TEST.EXAMPLE",
        "anna@Test.Example",
        "aNNa@test.example",
    ]
    for spelling in spellings:
        assert post_login(client, spelling, "falsch-1", "198.51.100.7").status_code == 200
    assert post_login(client, "AnNa@TeSt.ExAmPlE", "falsch-1", "198.51.100.7").status_code == 429
    assert post_login(client, "ANNA@test.example", PASSWORD, "198.51.100.7").status_code == 429
    assert "_auth_user_id" not in client.session
