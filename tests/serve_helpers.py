"""`journeykit serve` as a user starts it: a process of its own on a free port, and raw HTTP to it."""

from __future__ import annotations

import http.client
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STARTUP_SECONDS = 60.0


@dataclass
class Served:
    """A running `journeykit serve`: its process, port and what it has printed."""

    process: subprocess.Popen[str]
    port: int
    first_line: str
    _stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """GET `path` exactly as written (no normalisation of `..` or percent-escapes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def stop(self, sig: int = signal.SIGINT, timeout: float = 20.0) -> tuple[int, str]:
        """Stop as Ctrl-C does; the exit code and everything printed on standard error."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode, self.stderr

    @property
    def stderr(self) -> str:
        assert self.process.stderr is not None
        if self.process.poll() is not None:
            self._stderr.append(self.process.stderr.read())
        return "".join(self._stderr)


@contextmanager
def serving(cwd: Path, args: Sequence[str], program: Sequence[str] | None = None) -> Iterator[Served]:
    """Start `journeykit serve ARGS --port 0` in `cwd`, wait for its address, stop it afterwards."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [*(program or [sys.executable, "-m", "journeykit"]), "serve", *args, "--port", "0"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # a signal for the test run does not reach it, and it sends none back
        preexec_fn=_interruptible,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        first = lines.get(timeout=STARTUP_SECONDS)
    except queue.Empty:
        process.kill()
        raise AssertionError(f"journeykit serve did not start: {process.communicate()[1]}") from None
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    assert match, first
    served = Served(process, int(match.group(1)), first)
    try:
        yield served
    finally:
        if process.poll() is None:
            served.stop()


def _interruptible() -> None:
    """Ctrl-C as in a terminal, even when the test run was started with SIGINT ignored (in the background)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_until(condition: object, timeout: float = 30.0, step: float = 0.05) -> float:
    """Seconds until `condition()` is true; fails after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():  # type: ignore[operator]
            return time.monotonic() - start
        time.sleep(step)
    raise AssertionError(f"not true after {timeout} s")


class EventStream:
    """A raw connection to the server-sent event stream, read line by line in a thread."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/_journeykit/events")
        self.response = self.connection.getresponse()
        self.generations: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("data: "):
                    self.generations.put(line[len("data: ") :])
        except (OSError, ValueError):
            pass
        self.generations.put("")  # the stream ended

    def next(self, timeout: float = 30.0) -> str:
        return self.generations.get(timeout=timeout)

    def close(self) -> None:
        self.connection.close()
