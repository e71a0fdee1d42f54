"""The preview server answers only well-formed requests for its own addresses.

Requests are raw HTTP against a running preview: injected header lines,
redirects to other hosts and DNS rebinding (a foreign ``Host``) are refused.
"""

from __future__ import annotations

import http.client
import socket
from urllib.parse import urlsplit

import pytest
from test_preview import preview_of

from preview.server import same_site_location, served_hosts


def request(base: str, path: str, host: str | None = "") -> http.client.HTTPResponse:
    """GET ``path`` exactly as written, with ``host`` as Host ("" = the right one)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host or parts.netloc)
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def raw(base: str, data: bytes) -> bytes:
    """Send ``data`` as it is; the server's whole answer."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    with preview_of(tmp_path_factory.mktemp("requests")) as (_site, _b, base, _s):
        yield base


@pytest.mark.parametrize(
    "path",
    [
        "/de/x%0d%0aSet-Cookie:%20pwn=1/..",
        "/de/x%0aSet-Cookie:%20pwn=1",
        "/de%09/",
        "/de/%00",
        "/de%5c..%5c..%5cetc/",
        "/%1b[31m/",
    ],
)
def test_control_characters_and_backslashes_are_bad_requests(preview, path):
    response = request(preview, path)
    assert response.status == 400
    assert response.getheader("Set-Cookie") is None
    assert response.getheader("Location") is None


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/de", "/de/"),
        ("/%2Fevil.example/..%2Fde", "/de/"),
        ("//evil.example/../de", "/de/"),
        ("/de/../en", "/en/"),
        ("/%2F%2Fevil.example%2F..%2Fen", "/en/"),
    ],
)
def test_redirects_stay_on_the_site(preview, path, location):
    response = request(preview, path)
    assert response.status == 301
    assert response.getheader("Location") == location


def test_a_header_line_cannot_be_smuggled_into_a_redirect(preview):
    answer = raw(
        preview,
        b"GET /de/x%0d%0aSet-Cookie:%20pwn=1/.. HTTP/1.1\r\n"
        + f"Host: {urlsplit(preview).netloc}\r\n".encode()
        + b"Connection: close\r\n\r\n",
    )
    head = answer.split(b"\r\n\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.0 400") and b"Set-Cookie" not in head


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "attacker"]
)
def test_requests_for_other_hosts_are_refused(preview, host):
    port = urlsplit(preview).port
    response = request(preview, "/de/", host.format(port=port))
    assert response.status == 403


def test_requests_without_a_host_are_refused(preview):
    assert request(preview, "/de/", None).status == 403


def test_its_own_names_are_answered(preview):
    port = urlsplit(preview).port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert request(preview, "/de/", host).status == 200


def test_shared_previews_answer_the_addresses_they_print():
    hosts = served_hosts(["http://127.0.0.1:8000/", "http://192.168.1.20:8000/"])
    assert hosts == {"127.0.0.1:8000", "localhost:8000", "192.168.1.20:8000"}


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("//evil.example/x/", "/evil.example/x/"),
        ("/a/../../../b/", "/b/"),
        ("/grüße/", "/gr%C3%BC%C3%9Fe/"),
        ("/\\\\evil.example/", "/%5C%5Cevil.example/"),
    ],
)
def test_locations_are_same_site_paths(path, location):
    assert same_site_location(path) == location
