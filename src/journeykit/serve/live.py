"""What serve mode adds to a page, and the stream of changes the pages listen to.

Reports are script-free and forbid scripts in their Content-Security-Policy. A page that `serve` sends
gets, in that response only, one inline script allowed by a fresh random nonce, and a policy that allows
it, a worker from this server and connections back to it. The script asks a shared worker (one per
browser, however many tabs are open: browsers keep only six connections to a server) to follow
`/_journeykit/events`, a server-sent event stream that names the current generation of the site; a page
from another generation reloads itself. A browser without shared workers follows the stream itself.
"""

from __future__ import annotations

import re
import secrets
import threading

EVENTS = "/_journeykit/events"
WORKER = "/_journeykit/live.js"
KEEP_ALIVE = 15.0
"""Seconds between comments on an idle stream, so that a closed tab's thread notices and ends."""

_PAGE_SCRIPT = (
    "(() => {"
    "const page = document.currentScript.dataset.generation;"
    "const follow = (generation) => { if (generation !== page) location.reload(); };"
    "if (window.SharedWorker) {"
    f'const worker = new SharedWorker("{WORKER}", {{name: "journeykit-live"}});'
    "worker.port.onmessage = (event) => follow(event.data);"
    "worker.port.start();"
    "} else {"
    f'new EventSource("{EVENTS}").addEventListener("generation", (event) => follow(event.data));'
    "}"
    "})();"
)
WORKER_SCRIPT = (
    "const ports = [];\n"
    "let last = null;\n"
    f'new EventSource("{EVENTS}").addEventListener("generation", (event) => {{\n'
    "  last = event.data;\n"
    "  for (const port of ports) port.postMessage(last);\n"
    "});\n"
    "onconnect = (event) => {\n"
    "  const port = event.ports[0];\n"
    "  ports.push(port);\n"
    "  if (ports.length > 1000) ports.shift();  // pages long closed; a port has no close event\n"
    "  if (last !== null) port.postMessage(last);\n"
    "};\n"
)
WORKER_POLICY = "default-src 'none'; connect-src 'self'"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE)
_BASE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def live_page(page: str, generation: str) -> tuple[str, str]:
    """The page with the reload script under a fresh nonce, and the policy to send with it (also in the page)."""
    nonce = secrets.token_urlsafe(18)
    found = _META.search(page)
    policy = _with_script(found.group(1) if found else _BASE_POLICY, nonce)
    if found:
        page = page[: found.start(1)] + policy + page[found.end(1) :]
    script = f'<script nonce="{nonce}" data-generation="{generation}">{_PAGE_SCRIPT}</script>\n'
    end = page.rfind("</body>")
    page = page[:end] + script + page[end:] if end != -1 else page + script
    return page, policy


def _with_script(policy: str, nonce: str) -> str:
    """`policy` with scripts allowed by `nonce` only, the worker from this server, and connections to it."""
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name.lower()] = value.strip()
    directives.update({"script-src": f"'nonce-{nonce}'", "worker-src": "'self'", "connect-src": "'self'"})
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


class Changes:
    """The site's generation, bumped on every change; event streams wait on it."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._run = secrets.token_hex(4)  # a restarted server is a new generation for every open page
        self._count = 0
        self._stopped = False

    @property
    def generation(self) -> str:
        with self._condition:
            return f"{self._run}-{self._count}"

    def bump(self) -> None:
        with self._condition:
            self._count += 1
            self._condition.notify_all()

    def stop(self) -> None:
        """Wake every waiting stream, for good: the server is stopping."""
        with self._condition:
            self._stopped = True
            self._condition.notify_all()

    @property
    def stopped(self) -> bool:
        with self._condition:
            return self._stopped

    def wait(self, seen: str, timeout: float = KEEP_ALIVE) -> str | None:
        """The generation once it is not `seen` (or `seen` again after `timeout`); None when stopping."""
        with self._condition:
            self._condition.wait_for(lambda: self._stopped or f"{self._run}-{self._count}" != seen, timeout)
            return None if self._stopped else f"{self._run}-{self._count}"
