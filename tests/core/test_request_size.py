"""Request size limit: an oversize body is refused with 413 before it is read."""

import io

import pytest
from django.test import override_settings

from quartierwerk.core.request_size import READ_BLOCK, ChunkedBodyLimit


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anybody reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


class CountingBody(io.RawIOBase):
    """An endless body that counts how much was read from it."""

    def __init__(self):
        self.taken = 0

    def read(self, size=-1):
        size = READ_BLOCK if size is None or size < 0 else size
        self.taken += size
        return b"x" * size


@pytest.mark.django_db
def test_declared_500_mb_upload_is_refused_before_reading(client, quarter):
    response = client.generic(
        "POST",
        f"/q/{quarter.slug}/reports/new/strassenlaterne/",
        data=b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(500 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413


@pytest.mark.django_db
@override_settings(QW_MAX_REQUEST_BYTES=1000)
def test_api_answers_413_in_json(client):
    response = client.generic(
        "POST",
        "/api/v1/reports/",
        data=b"",
        content_type="application/json",
        CONTENT_LENGTH="1001",
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "detail" in response.json()


@pytest.mark.django_db
def test_body_within_the_limit_passes(client):
    response = client.post("/api/v1/reports/", data=b"{}", content_type="application/json")
    assert response.status_code != 413


def _call(app, environ):
    seen = {}

    def start_response(status, headers):
        seen["status"] = status

    body = b"".join(app(environ, start_response))
    return seen["status"], body


@override_settings(QW_MAX_REQUEST_BYTES=200_000)
def test_chunked_body_is_refused_once_it_grows_past_the_limit():
    def inner(environ, start_response):
        raise AssertionError("an oversize body must not reach the application")

    source = CountingBody()
    status, _ = _call(
        ChunkedBodyLimit(inner),
        {"REQUEST_METHOD": "POST", "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": source},
    )
    assert status.startswith("413")
    assert source.taken <= 200_000 + READ_BLOCK, "reading stops right after the limit"


@override_settings(QW_MAX_REQUEST_BYTES=200_000)
def test_chunked_body_within_the_limit_reaches_the_application_with_its_length():
    def inner(environ, start_response):
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        start_response("200 OK", [])
        return [body[:5], str(len(body)).encode()]

    status, body = _call(
        ChunkedBodyLimit(inner),
        {
            "REQUEST_METHOD": "POST",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": io.BytesIO(b"hello" + b"." * 150_000),
        },
    )
    assert status.startswith("200") and body == b"hello150005"


def test_the_production_application_is_wrapped():
    from quartierwerk.wsgi import application

    assert isinstance(application, ChunkedBodyLimit)


@pytest.mark.django_db
@override_settings(QW_MAX_REQUEST_BYTES=1000)
@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("/api/v1/reports/", lambda r: r.json()["detail"]),
        ("/open311/v2/requests.json", lambda r: r.json()[0]["description"]),
        ("/open311/v2/requests.xml", lambda r: r.content.decode().split("<description>")[1]),
    ],
)
def test_interfaces_refuse_an_oversize_body_in_their_own_format_and_language(client, path, read):
    response = client.generic(
        "POST",
        path,
        data=b"",
        content_type="application/json",
        CONTENT_LENGTH="1001",
        HTTP_ACCEPT_LANGUAGE="de",
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert read(response).startswith("Die Anfrage ist zu groß")
