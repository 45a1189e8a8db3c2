"""JUnit XML: one test suite per file checked, one failing test case per finding at or above fail-on."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TextIO

from journeykit.reporters import ReportContext
from journeykit.reporters.concise import one_line
from journeykit.result import Result
from journeykit.sanitize import printable


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    findings = {file: list(group) for file, group in groupby(result.sorted_findings(), key=lambda f: f.location.file)}
    files = sorted(set(result.files) | set(findings))
    root = ET.Element("testsuites", name=f"journeykit {context.command}")
    total_tests = total_failures = 0
    for file in files:
        suite = ET.SubElement(root, "testsuite", name=printable(file))
        cases = findings.get(file, [])
        failures = 0
        if not cases:
            ET.SubElement(suite, "testcase", name=f"journeykit {context.command}", classname=printable(file))
        for finding in cases:
            case = ET.SubElement(
                suite,
                "testcase",
                name=printable(f"{finding.code} {finding.subject or finding.message}"),
                classname=printable(file),
            )
            text = one_line(finding)
            if finding.severity >= context.fail_on:
                failures += 1
                failure = ET.SubElement(case, "failure", message=printable(finding.message), type=finding.code)
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
        tests = max(len(cases), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
