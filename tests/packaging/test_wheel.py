"""The wheel carries the schema and templates: build it, install it into a fresh virtualenv, run it elsewhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.serve_helpers import serving

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with only the built wheel (and its dependencies) installed; returns its bin directory."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("journeykit-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", str(wheel)], check=True, capture_output=True)
    return bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "journeykit"), *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_installed_wheel_validates_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    shutil.copy(REPO / "tests/fixtures/valid/complete.journey.yaml", tmp_path)
    (tmp_path / "bad.journey.yaml").write_text("journeykit: 1\nkind: journey\nid: Bad\n")
    result = run(installed, "validate", ".", "-f", "concise", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "bad.journey.yaml:3:5: error[JK104]" in result.stdout
    assert "complete.journey.yaml" not in result.stdout


def test_installed_wheel_ships_the_schema(installed: Path, tmp_path: Path) -> None:
    result = run(installed, "schema", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (REPO / "schemas/journeymap.schema.json").read_text(encoding="utf-8")


def test_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    location = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import journeykit, pathlib; print(pathlib.Path(journeykit.__file__).parent)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    package = Path(location)
    assert REPO not in package.parents
    assert (package / "schemas" / "journeymap.schema.json").is_file()
    assert (package / "templates").is_dir()


def test_installed_wheel_serves_reports_and_errors(installed: Path, tmp_path: Path) -> None:
    shutil.copy(REPO / "tests/fixtures/valid/complete.journey.yaml", tmp_path)
    (tmp_path / "bad.journey.yaml").write_text("journeykit: 1\nkind: journey\nid: Bad\n")
    with serving(tmp_path, ["."], program=[str(installed / "journeykit")]) as served:
        status, _, body = served.get("/complete.journey.html")
        assert status == 200 and b'<table class="journey">' in body
        status, _, body = served.get("/bad.journey.html")
        assert status == 200 and b"bad.journey.yaml has errors" in body
        code, stderr = served.stop()
    assert code == 0, stderr
