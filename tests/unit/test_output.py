"""Output files: atomic replacement of regular files, in-place writes to special files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from journeykit.output import atomic_bytes, atomic_text


def test_replaces_a_regular_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    with atomic_text(target) as handle:
        handle.write("new")
        assert target.read_text() == "old"  # not visible until the end
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_an_error_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_text(target) as handle:
        handle.write("half")
        raise RuntimeError
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_creates_directories_and_honours_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.svg"
    atomic_bytes(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_a_symbolic_link_keeps_pointing_at_the_new_content(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    atomic_bytes(link, b"new")
    assert link.is_symlink() and real.read_text() == "new"


def test_special_files_are_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with atomic_text(fifo) as handle:
            handle.write("through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    with atomic_text(Path("/dev/null")) as handle:
        handle.write("nothing")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
