"""`--statistics`: how many findings each code has, most first, instead of the findings themselves."""

from __future__ import annotations

from typing import TextIO

from journeykit.output import write_json
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.rules.registry import all_rules


def report(result: Result, out: TextIO, context: ReportContext, *, as_json: bool = False) -> None:
    rules = all_rules()
    rows = [(code, n, rules[code].name if code in rules else "") for code, n in result.summary.most_common()]
    if as_json:
        write_json(out, [{"code": code, "name": name, "count": n} for code, n, name in rows])
        return
    for code, n, name in rows:
        out.write(f"{n:>5}  {code}  {name}\n")
