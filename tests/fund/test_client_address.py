"""The fund's throttle counts per client behind the reverse proxy, not per proxy."""

from django.urls import reverse

from quartierwerk.fund import services as fund_services


def test_behind_the_proxy_one_clients_fund_drafts_do_not_block_another(client, fund, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    url = reverse("fund:apply", args=[fund.quarter.slug])
    data = {"applicant_kind": "private", "applicant_name": "Spam", "email": "opfer@example.org"}
    behind = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(fund_services.START_LIMIT_PER_HOUR):
        assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.5", **behind).status_code == 302
    assert client.post(url, data, HTTP_X_FORWARDED_FOR="203.0.113.5", **behind).status_code == 200
    # A forged address in front of the proxy's entry does not help the same client.
    forged = client.post(url, data, HTTP_X_FORWARDED_FOR="192.0.2.9, 203.0.113.5", **behind)
    assert forged.status_code == 200
    other = client.post(
        url, {**data, "email": "nachbarin@example.org"}, HTTP_X_FORWARDED_FOR="198.51.100.4", **behind
    )
    assert other.status_code == 302
