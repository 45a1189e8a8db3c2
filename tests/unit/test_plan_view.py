"""The year view model, and the page it renders to on its own (outside the map report)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser
from pathlib import Path

from journeykit.render.plan_view import SHAPES, build_year_view, render_page
from tests.helpers import PLAN_HEAD, plan_of

MAP = (
    PLAN_HEAD.format(zone="Europe/London")
    + """\
stages:
  - {id: new, name: New, typical_duration: 10d}
  - {id: regular, name: "Regular <b>&</b>"}
interactions:
  - {id: hello, name: "Hello <script>alert(1)</script>", channel: push, stage: new, trigger: {type: day_of_use, day: 2}}
  - {id: mail, name: Mail, channel: email, stage: new, send_at: "08:00", trigger: {type: day_of_use, day: 2}}
  - {id: weekly, name: Weekly, channel: email, stage: regular, trigger: {type: schedule, cron: "0 9 * * 1"}}
  - {id: lost, name: Lost, channel: push, stage: new, trigger: {type: day_of_use, day: 30}}
"""
)


def view(project: Path):  # type: ignore[no-untyped-def]
    return build_year_view(plan_of(MAP, project, datetime.date(2026, 2, 1), days=59))


def test_month_grids_count_sends_per_day_with_a_shape_per_channel(project: Path) -> None:
    shopper = view(project).personas[0]
    assert [m.title for m in shopper.months] == ["February 2026", "March 2026"]
    february = shopper.months[0]
    assert len(february.weeks) == 5 and february.weeks[0][:6] == (None,) * 6  # 1 Feb 2026 is a Sunday
    cells = {c.date.day: c for week in february.weeks for c in week if c is not None}
    third = cells[3]
    assert third.count == 2 and third.stage is not None and third.stage.name == "New"
    assert [(m.channel.id, m.channel.shape, m.count) for m in third.marks] == [
        ("email", SHAPES[1], 1),
        ("push", SHAPES[0], 1),
    ]
    assert third.title.splitlines()[0] == "Tue 3 Feb 2026, day 2, in New: 2 sends"
    assert third.title.splitlines()[1].startswith("08:00 ■ Email: Mail (day 2 after install or sign-up at 08:00)")
    assert [c.date.day for c in february.busy_days] == [3, 16, 23]
    assert february.sends == 4
    # New for 10 days (1-10 February), then Regular: the bands say so
    assert [(b.stage.id if b.stage else None, b.days, b.first) for b in february.bands] == [
        ("new", 10, 1),
        ("regular", 18, 11),
    ]


def test_side_panel_lists_busiest_days_and_never_firing(project: Path) -> None:
    shopper = view(project).personas[0]
    assert shopper.busiest_days[0].label == "Tue 3 Feb 2026" and shopper.busiest_days[0].count == 2
    assert [s.interaction for s in shopper.never_fires] == ["lost"]
    assert [s.span for s in shopper.stages] == ["days 0-9", "days 10-58"]


class Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.titles.extend(v or "" for k, v in attrs if k == "title")


def test_the_page_renders_standalone_escaped_and_script_free(project: Path) -> None:
    page = render_page([plan_of(MAP, project, datetime.date(2026, 2, 1), days=59)])
    parsed = Parsed()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Regular &lt;b&gt;&amp;&lt;/b&gt;" in page
    assert any(t.startswith("Tue 3 Feb 2026, day 2, in New: 2 sends\n") for t in parsed.titles)
    assert "default-src 'none'" in page
    assert page.count('class="plan-month"') == 4  # two months for each of the two personas
