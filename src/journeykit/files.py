"""Reading files that are not maps (configuration, baselines) safely: only regular files, never more
than a limit, in chunks (`read(n)` would allocate `n` bytes up front)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from journeykit.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

SMALL_FILE_LIMIT = 64 * 1024 * 1024
"""Configuration files and baselines larger than this are refused rather than read."""


class UnreadableFileError(Exception):
    """The file is missing, not a regular file, too large or unreadable; the message says which."""


def read_bounded(handle: BinaryIO, limit: int, chunk: int = 1 << 20) -> bytes:
    """At most `limit` bytes from `handle`, read in chunks."""
    parts: list[bytes] = []
    remaining = limit
    while remaining > 0:
        part = handle.read(min(chunk, remaining))
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def read_regular_file(path: Path, limit: int = SMALL_FILE_LIMIT) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UnreadableFileError otherwise.

    Devices and FIFOs (`/dev/zero`, a named pipe) are refused before they are opened for reading,
    so they can neither exhaust memory nor block the run.
    """
    try:
        if path.exists() and not path.is_file():
            raise UnreadableFileError("it is a directory" if path.is_dir() else "it is not a regular file")
        with path.open("rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise UnreadableFileError("it is not a regular file")
            size = status.st_size
            if size > limit:
                raise UnreadableFileError(f"it is {size:,} bytes, more than the {limit:,}-byte limit")
            data = read_bounded(handle, limit + 1)
    except OSError as error:
        raise UnreadableFileError(error.strerror or type(error).__name__) from None
    except RuntimeError:  # pathlib on a symbolic link loop
        raise UnreadableFileError("a symbolic link loop") from None
    if len(data) > limit:
        raise UnreadableFileError(f"it is more than the {limit:,}-byte limit")
    return data


CONFIG_SIZE_LIMIT = 1024 * 1024
"""A configuration file larger than this is not a configuration file."""


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML document from a regular, reasonably small file; ConfigError naming the problem otherwise."""
    try:
        document: dict[str, Any] = tomllib.loads(read_regular_file(path, CONFIG_SIZE_LIMIT).decode("utf-8"))
        return document
    except UnreadableFileError as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration") from None


def journeykit_table(document: dict[str, Any]) -> Any:
    """`[tool.journeykit]` of a pyproject.toml, however it is written (a table, dotted keys, inline), or None."""
    tool = document.get("tool")
    return tool.get("journeykit") if isinstance(tool, dict) else None
