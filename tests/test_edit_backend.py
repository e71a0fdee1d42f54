"""``invoke edit``'s backend: decap-server's real API, confined to content/.

Requests go to a running backend over HTTP, as the editing interface sends
them; what may not pass is refused before decap-server's own code sees it.
"""

from __future__ import annotations

import http.client
import json
import socket
import time

import pytest

from admin.backend import allowed_origins, start_backend

ORIGIN = "http://127.0.0.1:8000"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Backend:
    def __init__(self, root, port):
        self.root, self.port = root, port

    def call(self, action, params, host=None, origin=ORIGIN):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        headers["Host"] = host or f"127.0.0.1:{self.port}"
        if origin:
            headers["Origin"] = origin
        body = json.dumps({"action": action, "params": {"branch": "main", **params}})
        connection.request("POST", "/api/v1", body, headers)
        response = connection.getresponse()
        data = response.read().decode()
        connection.close()
        return response.status, data


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("repo")
    (root / "content" / "news").mkdir(parents=True)
    (root / "content" / "images").mkdir()
    (root / "content" / "news" / "a.de.md").write_text("---\ntitle: A\n---\n", "utf-8")
    (root / "tasks.py").write_text("# the maintainers' tasks\n", "utf-8")
    (root / "pelicanconf.py").write_text("SECRET = 'settings'\n", "utf-8")
    (root / ".github" / "workflows").mkdir(parents=True)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "x.md").write_text("outside", "utf-8")
    (root / "content" / "linked").symlink_to(outside, target_is_directory=True)
    port = free_port()
    process = start_backend(root, port, [ORIGIN], lambda text: text)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise AssertionError("the backend did not start")
    yield Backend(root, port)
    process.terminate()
    process.wait(timeout=10)


def entry(path, raw="---\ntitle: Neu\n---\n"):
    return {
        "entry": {"slug": "neu", "path": path, "raw": raw},
        "assets": [],
        "options": {
            "commitMessage": "x",
            "collectionName": "news",
            "useWorkflow": False,
            "status": "draft",
        },
    }


def test_saving_and_reading_content_works(backend):
    status, _ = backend.call("persistEntry", entry("content/news/neu.de.md"))
    assert status == 200
    assert (
        (backend.root / "content/news/neu.de.md")
        .read_text("utf-8")
        .startswith("---\ntitle: Neu")
    )
    status, data = backend.call("getEntry", {"path": "content/news/a.de.md"})
    assert status == 200 and "title: A" in data
    status, data = backend.call(
        "entriesByFolder", {"folder": "content/news", "extension": "md", "depth": 1}
    )
    assert status == 200 and "a.de.md" in data
    picture = {"path": "content/images/p.png", "content": "iVBO", "encoding": "base64"}
    status, _ = backend.call(
        "persistMedia", {"asset": picture, "options": {"commitMessage": "x"}}
    )
    assert status == 200 and (backend.root / "content/images/p.png").is_file()


@pytest.mark.parametrize(
    "path",
    [
        "tasks.py",
        ".github/workflows/ci.yml",
        "../x.md",
        "content/../tasks.py",
        "content/news/../../tasks.py",
        "/etc/passwd",
        "content//news/x.md",
        "content/./news/x.md",
        "content/.git/config",
        "content\\..\\tasks.py",
        "content/news/x\u202e.md",
        "content/linked/x.md",  # a link that leads out of content/
        "contentx/a.md",
        "plugins/sitecore/__init__.py",
    ],
)
def test_writing_outside_content_is_refused(backend, path):
    before = sorted(p.as_posix() for p in backend.root.rglob("*"))
    status, data = backend.call("persistEntry", entry(path, "import os\n"))
    assert status == 403 and "content/" in data
    assert sorted(p.as_posix() for p in backend.root.rglob("*")) == before
    assert (backend.root / "tasks.py").read_text(
        "utf-8"
    ) == "# the maintainers' tasks\n"


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("getEntry", {"path": "pelicanconf.py"}),
        ("getMediaFile", {"path": "pelicanconf.py"}),
        ("getMedia", {"mediaFolder": "."}),
        ("entriesByFolder", {"folder": ".", "extension": "py", "depth": 1}),
        ("entriesByFiles", {"files": [{"path": "pelicanconf.py"}]}),
        (
            "deleteFiles",
            {
                "paths": ["content/news/a.de.md", "tasks.py"],
                "options": {"commitMessage": "x"},
            },
        ),
        (
            "persistEntry",
            {
                **entry("content/news/ok.de.md"),
                "assets": [
                    {"path": "tasks.py", "content": "eA==", "encoding": "base64"}
                ],
            },
        ),
    ],
)
def test_reading_or_deleting_outside_content_is_refused(backend, action, params):
    status, data = backend.call(action, params)
    assert status == 403
    assert "SECRET" not in data
    assert (backend.root / "content/news/a.de.md").is_file()
    assert not (backend.root / "content/news/ok.de.md").exists()


def test_other_actions_are_refused(backend):
    status, _ = backend.call(
        "publishUnpublishedEntry", {"collection": "news", "slug": "a"}
    )
    assert status == 403


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("evil.example:{port}", ORIGIN),  # DNS rebinding
        ("127.0.0.1:{port}", "http://evil.example"),
        ("127.0.0.1:{port}", "http://localhost:3000"),  # another local site
        ("127.0.0.1:{port}", "null"),
    ],
)
def test_foreign_hosts_and_origins_are_refused(backend, host, origin):
    status, data = backend.call(
        "getEntry",
        {"path": "content/news/a.de.md"},
        host=host.format(port=backend.port),
        origin=origin,
    )
    assert status == 403 and "title: A" not in data


def test_the_preview_origins_include_localhost():
    assert allowed_origins(["http://127.0.0.1:8001/"]) == [
        "http://127.0.0.1:8001",
        "http://localhost:8001",
    ]
