"""A small cache in the user's cache directory, for results that are costly to compute and safe to lose.

Entries are written atomically, readable by their owner only, and checked before use: an entry
that another user could have written (a directory or file not owned by this user, or writable
by others), a link, or a file that fails its checksum is ignored and computed again. Any
problem with the cache (no home directory, a read-only disk) only means computing again.

`JOURNEYKIT_CACHE_DIR` chooses the directory; set to an empty string, it turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path

ENVIRONMENT = "JOURNEYKIT_CACHE_DIR"
_MAGIC = b"journeykit-cache-1\n"


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off or there is no home to put it in."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "journeykit" / "cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "journeykit"
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "journeykit"
    try:
        return Path.home() / ".cache" / "journeykit"
    except RuntimeError:  # no home directory
        return None


def read(name: str) -> bytes | None:
    """The bytes stored under `name`, or None when there are none that can be trusted."""
    directory = cache_dir()
    if directory is None or not _private(directory, is_dir=True):
        return None
    path = directory / name
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not _trusted(os.fstat(handle.fileno())):
            return None
        content = handle.read()
    head, digest, payload = content[: len(_MAGIC)], content[len(_MAGIC) : len(_MAGIC) + 32], content[len(_MAGIC) + 32 :]
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def write(name: str, payload: bytes) -> None:
    """Store `payload` under `name`, replacing what was there; problems are ignored."""
    directory = cache_dir()
    if directory is None:
        return
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory, is_dir=True):
            return
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")  # created 0o600
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            Path(temporary).replace(directory / name)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise
    except OSError:
        return


def _private(path: Path, *, is_dir: bool) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if is_dir else stat.S_ISREG(info.st_mode)
    return kind_ok and _trusted(info)


def _trusted(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (ownership is not checked where there is none)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
