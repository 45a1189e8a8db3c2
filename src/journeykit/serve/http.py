"""The HTTP side of `journeykit serve`: the standard library's threading server, GET and HEAD only.

Every response is `no-store` and `nosniff`; journeykit's pages carry the serve-mode policy (live.py),
files that could run scripts a sandbox. Requests whose Host header is not the server's own are refused,
so that a web page cannot reach the preview through a DNS name that points at this machine. Threads are
not daemons: closing the server waits for each, and event streams end as soon as the server stops.
"""

from __future__ import annotations

import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from journeykit.serve.live import EVENTS, WORKER, WORKER_POLICY, WORKER_SCRIPT, Changes, live_page
from journeykit.serve.site import Page, Site, internal_error

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], site: Site, changes: Changes, *, any_host: bool = False) -> None:
        self.site = site
        self.changes = changes
        self.any_host = any_host
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client gone mid-answer is no error; anything else is reported in one line, never a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"journeykit: error answering {client_address[0]}: {type(error).__name__}: {error}", file=sys.stderr)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "journeykit"
    sys_version = ""
    protocol_version = "HTTP/1.0"  # one request per connection: nothing holds a connection but an event stream

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows what changed, not every request."""

    def _answer(self, *, send_body: bool) -> None:
        if not self._host_allowed():
            self._send(Page(HTTPStatus.FORBIDDEN, b"This preview answers only to its own address.\n", "text/plain"))
            return
        path = urlsplit(self.path).path or "/"
        if path == EVENTS:
            self._events(send_body)
            return
        if path == WORKER:
            self._send(
                Page(200, WORKER_SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8", live=False),
                send_body,
                policy=WORKER_POLICY,
            )
            return
        try:
            page, generation = self.server.site.page(path)
        except Exception as error:  # a bug in journeykit: answer, say so, keep serving
            print(f"journeykit: internal error on {path}: {type(error).__name__}: {error}", file=sys.stderr)
            page, generation = internal_error(error), self.server.changes.generation
        if not page.live:
            self._send(page, send_body, policy="sandbox" if page.sandbox else None)
            return
        text, policy = live_page(page.body.decode("utf-8"), generation)
        self._send(Page(page.status, text.encode("utf-8"), page.content_type), send_body, policy=policy)

    def _host_allowed(self) -> bool:
        if self.server.any_host:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in LOOPBACK_NAMES or name == str(self.server.server_address[0])

    def _send(self, page: Page, send_body: bool = True, *, policy: str | None = None) -> None:
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if send_body:
            self.wfile.write(page.body)

    def _events(self, send_body: bool) -> None:
        """The server-sent event stream: the current generation at once, then each new one, until stopped."""
        changes = self.server.changes
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not send_body:
            return
        seen = changes.generation
        self._event(f"retry: 1000\nevent: generation\ndata: {seen}\n\n")
        while True:
            generation = changes.wait(seen)
            if generation is None:
                return
            if generation == seen:
                self._event(": still here\n\n")
            else:
                seen = generation
                self._event(f"event: generation\ndata: {generation}\n\n")

    def _event(self, text: str) -> None:
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()
