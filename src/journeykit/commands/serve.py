"""`journeykit serve`: preview the HTML reports while editing; each change reloads the open pages.

Listens on 127.0.0.1 unless told otherwise, and only with --allow-remote on an address other machines
can reach (the preview has no login: whoever reaches it reads the maps and the files beside them).
Ctrl-C (or SIGTERM) stops it cleanly: the event streams end, the watcher and the server's threads are
joined, and the command exits 0.
"""

from __future__ import annotations

import datetime
import ipaddress
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from journeykit.config import Settings
from journeykit.errors import JourneykitError, UsageError

if TYPE_CHECKING:
    from journeykit.serve.http import PreviewServer
    from journeykit.serve.live import Changes
    from journeykit.serve.site import Site

DEFAULT_PORT = 8000


@dataclass(frozen=True)
class ServeOptions:
    paths: Sequence[str]
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    allow_remote: bool = False
    template_dir: Path | None = None
    as_of: datetime.date | None = None
    lanes: bool = False
    poll: bool = False


def serve(options: ServeOptions, settings: Callable[[], Settings]) -> int:
    """Serve until interrupted; `settings` reads the configuration again at every change."""
    from journeykit.render import graphviz_run
    from journeykit.serve.files import Tree
    from journeykit.serve.live import Changes
    from journeykit.serve.site import Site, SiteOptions
    from journeykit.serve.watch import Watcher

    paths = _paths(options.paths)
    if options.template_dir is not None and not options.template_dir.is_dir():
        raise UsageError(f"--template-dir {options.template_dir} is not a directory")
    remote = not _is_loopback(options.host)
    if remote and not options.allow_remote:
        raise UsageError(
            f"--host {options.host} lets other machines read your maps and the files beside them (the preview "
            "has no login); add --allow-remote to do it anyway"
        )
    first = settings()
    try:
        dot: str | None = graphviz_run.find_dot()
    except JourneykitError as missing:
        print(f"journeykit: warning: reports are shown without their diagram: {missing}", file=sys.stderr)
        dot = None
    tree = Tree.of(paths)
    changes = Changes()
    site_options = SiteOptions(tuple(map(str, paths)), options.template_dir, options.as_of, options.lanes)
    site = Site(site_options, tree, changes, settings, dot)
    with _stopping_on_sigterm():
        try:
            server = _bind(options, site, changes, any_host=remote)
        except KeyboardInterrupt:
            return 0
        watcher: Watcher | None = None
        try:
            site.page("/")  # the first checks now, so the terminal says what was found
            watched_flat = {*(p.parent for p in tree.allowed if not p.is_dir()), *site.catalog_directories, Path.cwd()}
            if first.source is not None:
                watched_flat.add(first.source.parent)
            watcher = Watcher(tree.allowed, watched_flat, options.template_dir, changes.bump, poll=options.poll)
            watcher.start()
            _announce(server.port, options, site)
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            changes.stop()
            if watcher is not None:
                watcher.stop()
            server.server_close()  # joins every request thread; the event streams ended with changes.stop()
    print("journeykit: stopped serving", file=sys.stderr)
    return 0


def _paths(raw: Sequence[str]) -> list[Path]:
    paths = []
    for text in raw:
        if text == "-":
            raise UsageError("serve reads files, not standard input: name the maps or their directory")
        path = Path(text)
        if not path.exists():
            raise UsageError(f"{text} does not exist")
        paths.append(path)
    return paths


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def _bind(options: ServeOptions, site: Site, changes: Changes, *, any_host: bool) -> PreviewServer:
    from journeykit.serve.http import PreviewServer

    try:
        return PreviewServer((options.host, options.port), site, changes, any_host=any_host)
    except OSError as error:
        if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            message = f"port {options.port} is in use: choose another with --port (0 picks a free one)"
            raise UsageError(message) from None
        if isinstance(error, socket.gaierror):
            raise UsageError(f"--host {options.host}: {error.strerror or error}") from None
        raise UsageError(f"cannot listen on {options.host}:{options.port}: {error.strerror or error}") from None


def _announce(port: int, options: ServeOptions, site: Site) -> None:
    host = options.host if ":" not in options.host else f"[{options.host}]"
    print(f"Serving {site.summary()} at http://{host}:{port}/", flush=True)
    if not _is_loopback(options.host):
        print(
            f"journeykit: WARNING: listening on {options.host}: anyone who can reach this machine can read the maps "
            "and the files beside them",
            file=sys.stderr,
        )
    print("Open pages reload when a map, catalog, configuration or template changes. Ctrl-C stops.", file=sys.stderr)


@contextmanager
def _stopping_on_sigterm() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl-C does (only the main thread may set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signal: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
