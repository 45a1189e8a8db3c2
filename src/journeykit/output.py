"""Writing output files safely: a temporary file in the same directory, then an atomic rename."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from journeykit.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[tuple[int, str]]:
    """A temporary file beside `path` that replaces it on success and vanishes on failure.

    A path that cannot be written (a directory, no permission, a full disk) is a OutputError
    that names it, not a traceback.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        yield fd, temporary
        Path(temporary).chmod(0o666 & ~_umask())
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _special(path: Path) -> bool:
    """A device, FIFO or socket (`/dev/null`, `/dev/stdout`): written in place, never replaced."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    return path.exists() and not path.is_file()


@contextlib.contextmanager
def _in_place(path: Path, *, binary: bool) -> Iterator[Any]:
    try:
        handle = path.open("wb") if binary else path.open("w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


@contextlib.contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """Write text to `path` so that readers see the old file or the whole new one, never a part.

    Symbolic links are followed (the file they point to is replaced, not the link), and special
    files are written directly: replacing /dev/null with a regular file would break the system.
    """
    path = path.resolve()
    if _special(path):
        with _in_place(path, binary=False) as direct:
            yield direct
        return
    with _replacing(path) as (fd, _), os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_bytes(path: Path, data: bytes) -> None:
    """Write bytes to `path` atomically (special files and symbolic links as in atomic_text)."""
    path = path.resolve()
    if _special(path):
        with _in_place(path, binary=True) as direct:
            direct.write(data)
        return
    with _replacing(path) as (fd, _), os.fdopen(fd, "wb") as handle:
        _write_synced(handle, data)


def _write_synced(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or `path` written atomically."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_text(path) as handle:
        yield handle


def write_json(out: TextIO, data: Any) -> None:
    """Indented JSON and a final newline. `json.dumps` then one write is several times faster
    than `json.dump`, which encodes and writes piece by piece."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False))
    out.write("\n")
