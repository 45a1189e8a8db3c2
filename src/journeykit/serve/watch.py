"""Watching the files a preview depends on, with watchfiles (inotify, FSEvents, ReadDirectoryChangesW).

The given directories are watched with everything below them; single files, the configuration and
catalogs found above the given paths through their directories alone. Only what journeykit reads
counts as a change: YAML files, `journeykit.toml` and `pyproject.toml`, and anything in the template
directory; editors' temporary and backup files are ignored. Where the operating system's events do
not arrive (some network and container file systems), `--poll` has watchfiles poll instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

DEBOUNCE_MS = 80
"""Changes closer together than this are one change: an editor's save is often several writes."""
STEP_MS = 20
READY_MS = 200
"""With no change for this long, the watcher says it is watching (and says so again, unheard, every time)."""
CONFIG_NAMES = frozenset({"journeykit.toml", "pyproject.toml"})
YAML_SUFFIXES = (".yaml", ".yml")


class Watcher:
    """Threads that call `changed()` after each batch of relevant changes, until `stop()`."""

    def __init__(
        self,
        trees: Iterable[Path],
        directories: Iterable[Path],
        templates: Path | None,
        changed: Callable[[], None],
        *,
        poll: bool = False,
    ) -> None:
        self._stop = threading.Event()
        self._changed = changed
        self._poll = poll
        self._templates = templates.resolve() if templates else None
        recursive = {p.resolve() for p in trees if p.is_dir()}
        if self._templates is not None:
            recursive.add(self._templates)
        flat = {p.resolve() for p in directories if p.is_dir()} - recursive
        self._threads = []
        self._ready = []
        for paths, deep in ((recursive, True), (flat, False)):
            if paths:
                ready = threading.Event()
                self._ready.append(ready)
                name = f"journeykit-watch-{'tree' if deep else 'directories'}"
                self._threads.append(
                    threading.Thread(target=self._run, args=(sorted(paths), deep, ready), name=name, daemon=True)
                )

    def start(self, timeout: float = 10.0) -> None:
        """Start watching; returns once the watches are in place, so no change after it is missed."""
        for thread in self._threads:
            thread.start()
        for ready in self._ready:
            ready.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout)

    def relevant(self, path: str) -> bool:
        """Whether a change to `path` can change a page."""
        file = Path(path)
        name = file.name
        if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")):
            return False  # editors' temporary, lock and backup files
        if self._templates is not None and self._templates in file.parents:
            return True
        return name in CONFIG_NAMES or name.endswith(YAML_SUFFIXES)

    def _run(self, paths: list[Path], recursive: bool, ready: threading.Event) -> None:
        from watchfiles import watch

        def keep(_change: Any, path: str) -> bool:
            return self.relevant(path)

        try:
            for batch in watch(
                *paths,
                watch_filter=keep,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self._stop,
                rust_timeout=READY_MS,
                yield_on_timeout=True,  # the first (empty) batch says the watches are in place
                recursive=recursive,
                force_polling=self._poll or None,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                ready.set()
                if batch:
                    self._changed()
        except Exception as error:  # a watched directory removed, the system's watch limit reached
            ready.set()
            if not self._stop.is_set():
                import sys

                print(f"journeykit: warning: stopped watching {', '.join(map(str, paths))}: {error}", file=sys.stderr)
