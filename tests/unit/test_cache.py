"""The on-disk cache: private, checked before use, safe to lose; the schema gate is cached in it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from journeykit import cache, schema


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.ENVIRONMENT, str(directory))
    return directory


def test_written_entries_are_read_back_and_private(cache_dir: Path) -> None:
    cache.write("entry", b"payload")
    assert cache.read("entry") == b"payload"
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir / "entry").stat().st_mode) == 0o600
    assert [p.name for p in cache_dir.iterdir()] == ["entry"]


def test_entries_others_could_have_written_are_ignored(cache_dir: Path) -> None:
    cache.write("entry", b"payload")
    (cache_dir / "entry").chmod(0o666)
    assert cache.read("entry") is None
    (cache_dir / "entry").chmod(0o600)
    cache_dir.chmod(0o777)
    assert cache.read("entry") is None
    cache_dir.chmod(0o700)
    (cache_dir / "link").symlink_to(cache_dir / "entry")
    assert cache.read("link") is None
    assert cache.read("entry") == b"payload"


def test_a_damaged_entry_is_ignored(cache_dir: Path) -> None:
    cache.write("entry", b"payload")
    path = cache_dir / "entry"
    path.write_bytes(path.read_bytes()[:-1] + b"X")
    assert cache.read("entry") is None
    assert cache.read("missing") is None


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENVIRONMENT, "")
    assert cache.cache_dir() is None
    cache.write("entry", b"payload")
    assert cache.read("entry") is None


def test_an_unwritable_cache_only_means_computing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(cache.ENVIRONMENT, str(blocker / "cache"))
    cache.write("entry", b"payload")
    assert cache.read("entry") is None


def test_the_schema_gate_is_compiled_once_then_read_from_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema._fast_validator.cache_clear()
    schema._fast_validator()
    (entry,) = cache_dir.iterdir()
    assert entry.name.startswith("schema-gate-")

    def must_not_generate() -> str:
        raise AssertionError("the gate was generated again")

    schema._fast_validator.cache_clear()
    monkeypatch.setattr(schema, "_gate_source", must_not_generate)
    validate = schema._fast_validator()
    assert schema._is_valid({"journeykit": 1, "kind": "catalog"})
    assert not schema._is_valid({"journeykit": 1, "kind": "catalog", "teams": [{"id": "Bad Id", "name": "x"}]})
    assert validate is schema._fast_validator()
    schema._fast_validator.cache_clear()


def test_a_cache_entry_that_is_not_code_is_replaced(cache_dir: Path) -> None:
    schema._fast_validator.cache_clear()
    schema._fast_validator()
    (entry,) = cache_dir.iterdir()
    cache.write(entry.name, b"not marshalled code")
    schema._fast_validator.cache_clear()
    assert schema._is_valid({"journeykit": 1, "kind": "catalog"})
    assert cache.read(entry.name) != b"not marshalled code"
    schema._fast_validator.cache_clear()
