"""The pieces of `journeykit serve`: which file a URL names, the serve-mode script and policy, the changes."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from journeykit.serve.files import Tree, report_url
from journeykit.serve.live import Changes, live_page
from journeykit.serve.watch import Watcher
from tests.helpers import write


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    write(
        tmp_path,
        {
            "maps/a.journey.yaml": "a",
            "maps/sub/b.journey.yaml": "b",
            "maps/sub/notes.pdf": b"%PDF",
            "maps/.hidden/c.journey.yaml": "c",
            "maps/.env": "secret",
            "other/d.journey.yaml": "d",
            "secret.txt": "outside",
        },
    )
    (tmp_path / "maps" / "out.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "maps" / "in.txt").symlink_to(tmp_path / "maps" / "sub" / "notes.pdf")
    (tmp_path / "maps" / "dotlink.txt").symlink_to(tmp_path / "maps" / ".env")
    return Tree.of([tmp_path / "maps", tmp_path / "other" / "d.journey.yaml"])


def test_urls_name_files_inside_the_given_paths(tree: Tree) -> None:
    assert tree.root == tree.allowed[0].parent
    assert tree.file_of("/maps/a.journey.yaml") == tree.root / "maps" / "a.journey.yaml"
    assert tree.file_of("/maps/sub/notes.pdf") is not None
    assert tree.file_of("/maps/in.txt") == tree.root / "maps" / "sub" / "notes.pdf"  # a link that stays inside
    assert tree.file_of("/other/d.journey.yaml") is not None  # a file given by name
    assert tree.file_of("/maps//a.journey.yaml") is not None


@pytest.mark.parametrize(
    "url",
    [
        "/secret.txt",
        "/maps/../secret.txt",
        "/maps/%2e%2e/secret.txt",
        "/maps/%2E%2E/%2e%2e/etc/passwd",
        "/maps/sub/..%2f..%2fsecret.txt",
        "/maps/..%5c..%5csecret.txt",
        "/maps/out.txt",
        "/maps/dotlink.txt",
        "/maps/.env",
        "/maps/%2eenv",
        "/maps/.hidden/c.journey.yaml",
        "/maps/sub",
        "/maps",
        "/other/anything",
        "/etc/passwd",
        "/%2Fetc%2Fpasswd",
        "//etc/passwd",
        "etc/passwd",
        "/maps/a.journey.yaml%00.txt",
        "/maps/%ff%fe",
        "/maps/nope.yaml",
    ],
)
def test_nothing_else_is_ever_named(tree: Tree, url: str) -> None:
    assert tree.file_of(url) is None


def test_report_urls() -> None:
    assert report_url("/maps/a.journey.yaml") == "/maps/a.journey.html"
    assert report_url("/maps/a.journey.yml") == "/maps/a.journey.html"
    assert report_url("/maps/v1.0/map") == "/maps/v1.0/map.html"
    assert report_url("/a%20b.journey.yaml") == "/a%20b.journey.html"


def test_url_of_encodes_and_refuses_files_outside(tree: Tree, tmp_path: Path) -> None:
    write(tmp_path, {"maps/with space#1.journey.yaml": "x"})
    assert tree.url_of(tmp_path / "maps" / "with space#1.journey.yaml") == "/maps/with%20space%231.journey.yaml"
    assert tree.url_of(Path("/etc/passwd")) is None


PAGE = (
    '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'\"></head>\n<body><h1>Map</h1></body></html>\n"
)


def test_each_live_page_has_one_script_under_its_own_nonce_in_its_policy() -> None:
    first, policy = live_page(PAGE, "run-3")
    second, _ = live_page(PAGE, "run-3")
    nonce = re.search(r'<script nonce="([^"]+)" data-generation="run-3">', first).group(1)  # type: ignore[union-attr]
    assert len(nonce) >= 22 and nonce not in second
    assert policy == (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; worker-src 'self'; "
        "connect-src 'self'"
    )
    assert f'content="{policy}"' in first and first.count("<script") == 1
    assert first.index("<script") > first.index("<h1>") and first.endswith("</script>\n</body></html>\n")


def test_a_page_without_its_own_policy_still_gets_the_script() -> None:
    page, policy = live_page("<p>plain</p>", "g")
    assert page.startswith("<p>plain</p><script nonce=") and "script-src 'nonce-" in policy


def test_changes_wake_waiters_and_stop_ends_them() -> None:
    changes = Changes()
    seen = changes.generation
    assert changes.wait(seen, timeout=0.01) == seen  # nothing changed: the same generation after the timeout
    woke: list[str | None] = []
    waiter = threading.Thread(target=lambda: woke.append(changes.wait(seen, timeout=30)))
    waiter.start()
    time.sleep(0.05)
    changes.bump()
    waiter.join(5)
    assert woke and woke[0] not in (None, seen)
    assert Changes().generation != changes.generation  # another server run: every page reloads
    stopped: list[str | None] = []
    waiter = threading.Thread(target=lambda: stopped.append(changes.wait(changes.generation, timeout=30)))
    waiter.start()
    time.sleep(0.05)
    changes.stop()
    waiter.join(5)
    assert stopped == [None] and changes.stopped


def test_only_files_journeykit_reads_are_changes(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    watcher = Watcher([tmp_path], [], templates, lambda: None)
    assert watcher.relevant(str(tmp_path / "maps" / "a.journey.yaml"))
    assert watcher.relevant(str(tmp_path / "shared.catalog.yml"))
    assert watcher.relevant(str(tmp_path / "journeykit.toml"))
    assert watcher.relevant(str(templates / "report.css"))
    for name in ["notes.txt", ".a.journey.yaml.swp", "a.journey.yaml~", "#a.journey.yaml#", ".#lock", "x.tmp"]:
        assert not watcher.relevant(str(tmp_path / name)), name


def test_the_watcher_reports_a_change_and_stops_quickly(tmp_path: Path) -> None:
    write(tmp_path, {"maps/a.journey.yaml": "a"})
    changed = threading.Event()
    watcher = Watcher([tmp_path / "maps"], [], None, changed.set)
    watcher.start()
    try:
        deadline = time.monotonic() + 20
        while not changed.is_set() and time.monotonic() < deadline:  # the watch may take a moment to begin
            (tmp_path / "maps" / "a.journey.yaml").write_text(f"a {time.monotonic()}", encoding="utf-8")
            changed.wait(0.3)
        assert changed.is_set()
    finally:
        start = time.monotonic()
        watcher.stop()
        assert time.monotonic() - start < 3


def test_a_failing_page_is_a_500_and_the_server_keeps_answering(tree: Tree) -> None:
    import http.client

    from journeykit.serve.http import PreviewServer
    from journeykit.serve.site import Page

    class Failing:
        calls = 0

        def page(self, path: str) -> tuple[Page, str]:
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("a bug")
            return Page(200, b"<html><body>fine</body></html>"), "g"

    changes = Changes()
    server = PreviewServer(("127.0.0.1", 0), Failing(), changes)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        answers = []
        for _ in range(2):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            connection.request("GET", "/")
            response = connection.getresponse()
            answers.append((response.status, response.read()))
            connection.close()
        assert answers[0][0] == 500 and b"RuntimeError: a bug" in answers[0][1]
        assert answers[1][0] == 200 and b"fine" in answers[1][1] and answers[1][1].count(b"<script") == 1
    finally:
        changes.stop()
        server.shutdown()
        server.server_close()
        thread.join(5)
