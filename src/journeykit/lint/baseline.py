"""Baselines: record today's findings by fingerprint, then report only new ones.

Fingerprints do not contain line numbers, so editing a map above an old finding does not
make it "new". The file is sorted JSON, friendly to review and to git diffs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.errors import UsageError
from journeykit.files import UnreadableFileError, read_regular_file
from journeykit.findings import Finding, unmatched
from journeykit.output import atomic_text, write_json

BASELINE_VERSION = 1


@dataclass(frozen=True)
class BaselineOutcome:
    new: list[Finding]
    known: int
    fixed: int


def write_baseline(path: Path, findings: Sequence[Finding]) -> None:
    entries = sorted(
        (
            {"fingerprint": f.fingerprint, "code": f.code, "file": f.location.file, "message": f.message}
            for f in findings
        ),
        key=lambda e: (e["file"], e["code"], e["message"], e["fingerprint"]),
    )
    with atomic_text(path) as out:
        write_json(out, {"journeykit_baseline": BASELINE_VERSION, "findings": entries})


def read_baseline(path: Path) -> Counter[str]:
    """Fingerprint counts from a baseline file; UsageError when it cannot be used."""
    try:
        document = json.loads(read_regular_file(path).decode("utf-8"))
    except UnreadableFileError as error:
        raise UsageError(f"cannot read baseline {path}: {error}") from None
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError, and numbers past int()'s digit limit
        raise UsageError(f"baseline {path} is not valid JSON: {str(error)[:200]}") from None
    except RecursionError:
        raise UsageError(f"baseline {path} is nested too deeply to be a baseline") from None
    version = document.get("journeykit_baseline") if isinstance(document, dict) else None
    if type(version) is not int or version != BASELINE_VERSION:  # `true` == 1 in Python: not a version
        raise UsageError(
            f"{path} is not a journeykit baseline (version {BASELINE_VERSION}); write one with --write-baseline"
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise UsageError(f"baseline {path}: 'findings' must be a list of entries with a fingerprint")
    return Counter(e["fingerprint"] for e in entries)


def apply_baseline(findings: Sequence[Finding], baseline: Counter[str]) -> BaselineOutcome:
    """Drop findings recorded in the baseline (as many times as recorded)."""
    new = unmatched(((finding.fingerprint, finding) for finding in findings), baseline)
    known = len(findings) - len(new)
    return BaselineOutcome(new, known, sum(baseline.values()) - known)
