"""SARIF 2.1.0 for code scanning: rule metadata, results, line-independent fingerprints."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from journeykit import __version__
from journeykit.codes.base import Rule
from journeykit.codes.examples import examples_of
from journeykit.findings import Finding, Severity
from journeykit.output import write_json
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.rules.registry import all_rules

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/journeykit/journeykit"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "journeykit/v1"


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    examples = examples_of(rule)
    help_text = f"{rule.explanation}\n\nFails:\n{examples.fails.text}\n\nPasses:\n{examples.passes.text}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": help_text},
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule.code.lower()}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["journeykit", rule.family.title]},
    }


def artifact_uri(file: str) -> dict[str, str]:
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(file, safe="/"), "uriBaseId": "%SRCROOT%"}


def result_entry(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    loc = finding.location
    region: dict[str, int] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column
    text = finding.message + (f"\nHint: {finding.hint}" if finding.hint else "")
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_uri(loc.file), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.code in rule_index:
        entry["ruleIndex"] = rule_index[finding.code]
    return entry


def document(result: Result) -> dict[str, Any]:
    rules = list(all_rules().values())
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "journeykit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": [result_entry(f, rule_index) for f in result.sorted_findings()],
            }
        ],
    }


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    write_json(out, document(result))
