"""`journeykit serve` through its real entry point, in a process of its own, over raw HTTP.

What it serves (the index, each report, files inside the given paths and nothing outside them), how it
follows changes (a reload event after each, a half-written map's errors then the fixed report), and how
it stops (Ctrl-C: exit 0, no traceback, even with open event streams).
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, FIXTURES, CliRun
from tests.serve_helpers import EventStream, Served, serving, wait_until

Jk = Callable[..., CliRun]
RETAIL = "maps/consumer/retail/retail-app-first-year.journey.yaml"
RETAIL_URL = "/consumer/retail/retail-app-first-year.journey.html"
BROKEN = "journeykit: 1\nkind: journey\nid: broken\ntitle: 'A quote never closed <script>x</script>\n"


def _workspace(root: Path) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    shutil.copytree(EXAMPLES, root / "maps")
    shutil.copy(FIXTURES / "hostile" / "hostile.journey.yaml", root / "maps")
    (root / "maps" / "broken.journey.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "maps" / "notes.txt").write_text("evidence beside the maps\n", encoding="utf-8")
    (root / "secret.txt").write_text("outside the served paths\n", encoding="utf-8")
    (root / "maps" / ".env").write_text("TOKEN=hidden\n", encoding="utf-8")
    (root / "maps" / "escape.txt").symlink_to(root / "secret.txt")
    return root


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server over the examples and the hostile map, for the tests that only read."""
    root = _workspace(tmp_path_factory.mktemp("serve"))
    with serving(root, ["maps", "--as-of", "2026-11-22"]) as server:
        yield server


def _page(served: Served, path: str) -> str:
    status, _, body = served.get(path)
    assert status == 200, (path, status)
    return body.decode("utf-8")


def test_index_and_every_report_carry_exactly_one_script_under_a_fresh_nonce(served: Served) -> None:
    assert served.first_line.startswith("Serving 5 maps (1 with errors) at http://127.0.0.1:")
    index = _page(served, "/")
    reports = sorted(set(re.findall(r'href="([^"#]+\.journey\.html)"', index)))
    assert len(reports) == 4
    nonces = set()
    for path in ["/", *(f"/{href}" for href in reports)]:
        status, headers, body = served.get(path)
        text = body.decode("utf-8")
        assert status == 200 and headers["cache-control"] == "no-store"
        assert text.count("<script") == 1
        nonce = re.search(r'<script nonce="([^"]+)"', text).group(1)  # type: ignore[union-attr]
        assert f"script-src 'nonce-{nonce}'" in headers["content-security-policy"]
        assert f"script-src 'nonce-{nonce}'" in text  # the page's own policy too, or the script would be blocked
        nonces.add(nonce)
    assert len(nonces) == 5
    again = _page(served, RETAIL_URL)
    assert re.search(r'<script nonce="([^"]+)"', again).group(1) not in nonces  # type: ignore[union-attr]


def test_a_report_is_the_one_render_writes_plus_the_script(served: Served, project: Path, jk: Jk) -> None:
    _workspace(project)
    assert jk("render", "maps", "-o", "out", "--as-of", "2026-11-22").code == 1  # one map has errors
    written = (project / "out" / "retail-app-first-year.html").read_text(encoding="utf-8")
    shown = _page(served, RETAIL_URL)
    assert "<script" not in written
    # What serve changes: the script, the policy that allows it, the index link (`/` rather than index.html).
    strip = re.compile(r'<script.*?</script>\n|<meta http-equiv="Content-Security-Policy"[^>]*>|<a href="[^"]*">All')
    assert strip.sub("", shown) == strip.sub("", written)


def test_files_inside_the_paths_are_served_and_nothing_outside_them(served: Served) -> None:
    status, headers, body = served.get("/notes.txt")
    assert status == 200 and body == b"evidence beside the maps\n" and headers["content-type"].startswith("text/plain")
    status, _, body = served.get("/consumer/consumer.catalog.yaml")
    assert status == 200 and b"kind: catalog" in body
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/consumer/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/escape.txt",  # a symbolic link pointing out
        "/.env",
        "/%2eenv",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/etc/passwd",
        "/consumer",  # directories are not listed
        "/notes.txt%00.html",
        "/%ff",
    ]:
        status, _, body = served.get(path)
        assert status == 404, path
        assert b"outside the served paths" not in body and b"TOKEN" not in body and b"root:" not in body
    status, _, _ = served.get("http://127.0.0.1/../secret.txt")  # an absolute URI in the request line
    assert status == 404


def test_requests_for_another_host_name_are_refused(served: Served) -> None:
    status, _, _ = served.get("/", {"Host": "attacker.example"})
    assert status == 403
    assert served.get("/", {"Host": f"localhost:{served.port}"})[0] == 200


def test_a_broken_map_shows_its_errors_with_source_lines(served: Served) -> None:
    text = _page(served, "/broken.journey.html")
    assert "maps/broken.journey.yaml has errors" in text
    assert "maps/broken.journey.yaml:4:8: error[JK003]" in text
    assert "4 | title: &#39;A quote never closed &lt;script&gt;x&lt;/script&gt;" in text  # the line, escaped
    assert "<script>x" not in text and text.count("<script") == 1


def test_a_symbolic_link_loop_among_the_maps_is_a_finding_not_a_stopped_server(tmp_path: Path) -> None:
    # Serving used to stop at start-up (RuntimeError) while it noted the directories of the files it read.
    (tmp_path / ".git").mkdir()
    (tmp_path / "maps").mkdir()
    shutil.copy(EXAMPLES / "b2b-saas" / "saas-trial.journey.yaml", tmp_path / "maps")
    (tmp_path / "maps" / "loop.journey.yaml").symlink_to("loop.journey.yaml")
    with serving(tmp_path, ["maps", "--as-of", "2026-11-22"]) as server:
        assert server.first_line.startswith("Serving 2 maps (1 with errors)")
        assert "loop.journey.yaml" in _page(server, "/")
        assert "maps/loop.journey.yaml:1:1: error[JK001]" in _page(server, "/loop.journey.html")


def test_the_hostile_map_is_shown_as_text(served: Served) -> None:
    text = _page(served, "/hostile.journey.html")
    assert text.count("<script") == 1 and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text


@pytest.fixture
def own(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    """A server of its own, for tests that change files."""
    root = _workspace(tmp_path)
    with serving(root, ["maps", "--as-of", "2026-11-22"]) as server:
        yield server, root


def test_every_change_is_a_new_generation_on_the_event_stream(own: tuple[Served, Path]) -> None:
    served, root = own
    stream = EventStream(served.port)
    first = stream.next()
    path = root / RETAIL
    path.write_text(path.read_text(encoding="utf-8").replace("Larkfield app", "Larkfield app, edited"), "utf-8")
    second = stream.next()
    assert second and second != first
    assert "Larkfield app, edited" in _page(served, RETAIL_URL)
    (root / "maps" / "notes.txt").write_text("not something a page shows\n", encoding="utf-8")
    (root / "maps" / "x.journey.yaml.swp").write_text("an editor's swap file\n", encoding="utf-8")
    (root / "journeykit.toml").write_text('ignore = ["JK505"]\n', encoding="utf-8")
    third = stream.next()
    assert third != second
    stream.close()


def test_a_half_written_map_shows_its_error_then_the_fixed_report(own: tuple[Served, Path]) -> None:
    served, root = own
    path = root / RETAIL
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole[: whole.index("stages:") + 40], encoding="utf-8")  # an editor's save, caught halfway
    wait_until(lambda: "has errors" in _page(served, RETAIL_URL))
    assert "retail-app-first-year.journey.yaml has errors" in _page(served, RETAIL_URL)
    path.write_text(whole, encoding="utf-8")
    wait_until(lambda: "has errors" not in _page(served, RETAIL_URL))
    assert '<table class="journey">' in _page(served, RETAIL_URL)


def test_a_removed_map_is_not_found_and_comes_back(own: tuple[Served, Path]) -> None:
    served, root = own
    path = root / RETAIL
    moved = path.with_suffix(".bak")
    path.rename(moved)
    wait_until(lambda: served.get(RETAIL_URL)[0] == 404)
    assert served.get(RETAIL_URL)[2].count(b"<script") == 1  # the not-found page reloads too
    moved.rename(path)
    wait_until(lambda: served.get(RETAIL_URL)[0] == 200)


def test_many_open_streams_all_hear_a_change_and_ctrl_c_still_stops_cleanly(own: tuple[Served, Path]) -> None:
    served, root = own
    streams = [EventStream(served.port) for _ in range(40)]
    firsts = {stream.next() for stream in streams}
    assert len(firsts) == 1
    (root / RETAIL).write_text((root / RETAIL).read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert all(stream.next() not in firsts for stream in streams)
    code, stderr = served.stop(signal.SIGINT)
    assert code == 0
    assert "Traceback" not in stderr and "stopped serving" in stderr
    assert all(stream.next() == "" for stream in streams)  # every stream was ended, not left hanging


def test_sigterm_stops_it_as_ctrl_c_does(own: tuple[Served, Path]) -> None:
    served, _ = own
    code, stderr = served.stop(signal.SIGTERM)
    assert code == 0 and "Traceback" not in stderr


def test_unusable_options_exit_2_with_one_line(project: Path, jk: Jk) -> None:
    _workspace(project)
    run = jk("serve", "maps", "--host", "0.0.0.0", "--port", "0")
    assert run.code == 2 and "--allow-remote" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert jk("serve", "-").code == 2
    assert jk("serve", "nowhere").code == 2
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        run = jk("serve", "maps", "--port", str(taken.getsockname()[1]))
        assert run.code == 2 and "in use" in run.stderr
    (project / "journeykit.toml").write_text("not = [valid\n", encoding="utf-8")
    assert jk("serve", "maps", "--port", "0").code == 2
