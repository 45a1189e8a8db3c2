"""`export --format mermaid`: Markdown that GitHub renders, with Mermaid diagrams of each map.

Per persona, a `journey` diagram: one section per stage, the persona's tasks in it scored
emotion + 3 (so -2..+2 becomes 1..5), the persona as actor. A stage where the persona has tasks
but no emotion scores them 3 and says "(emotion not recorded)"; a stage with no tasks shows one
placeholder task at 3: "(not applicable)" for a cell marked out of scope, "(not mapped)" otherwise.
Then a `flowchart` of the touchpoints, one subgraph per stage, with `next` as arrows and
`loops_to` as dotted arrows labelled "loop".

Map text is data. Journey diagrams cannot quote, so the characters their syntax gives a meaning
(`:` `;` `#` `%` and line breaks; `,` in actor names) are replaced by look-alikes; flowchart labels
are quoted and every character other than letters, digits and spaces is written as a Mermaid
entity code (`#35;`), so no text can close a label, start a comment or add a statement. Node
ids are generated (`t0`, `s0`), never taken from the map. Markdown around the diagrams is
escaped too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journeykit.model import Journey, Persona

_JOURNEY_LOOKALIKES = str.maketrans(
    {
        ":": "\ua789",  # modifier letter colon
        ";": "\uff1b",  # fullwidth semicolon
        "#": "\uff03",  # fullwidth number sign
        "%": "\uff05",  # fullwidth percent sign
        "<": "\u2039",
        ">": "\u203a",
        "`": "\u02cb",
        "\\": "\u29f5",
    }
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_KEYWORD = re.compile(r"^(section|title|journey|acc)", re.IGNORECASE)


def document(journeys: Sequence[Journey]) -> str:
    """One Markdown document: a heading and the diagrams for each map."""
    parts = []
    for journey in journeys:
        parts.append(f"# {markdown_text(journey.title)}\n\n")
        if journey.description:
            parts.append(f"{markdown_text(journey.description)}\n\n")
        for persona in journey.personas:
            parts.append(f"## {markdown_text(persona.name)}\n\n```mermaid\n{journey_diagram(journey, persona)}```\n\n")
        if journey.touchpoints:
            parts.append(f"## Touchpoint flow\n\n```mermaid\n{flowchart(journey)}```\n\n")
    return "".join(parts).rstrip("\n") + "\n"


def journey_text(text: str) -> str:
    """Text for a journey diagram: one line, without the characters its syntax uses."""
    flat = _CONTROL.sub(" ", text).translate(_JOURNEY_LOOKALIKES).strip()
    flat = re.sub(r" {2,}", " ", flat)
    if _KEYWORD.match(flat):
        flat = "\u200b" + flat  # a task or section may not start with a keyword
    return flat or "(untitled)"


def _actor(name: str) -> str:
    return journey_text(name).replace(",", "\u201a")


def journey_diagram(journey: Journey, persona: Persona) -> str:
    """A Mermaid `journey` diagram of one persona across every stage."""
    actor = _actor(persona.name)
    lines = ["journey", f"  title {journey_text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"  section {journey_text(stage.name)}")
        for task, score in stage_tasks(journey, persona.id, stage.id):
            lines.append(f"    {journey_text(task)}: {score}: {actor}")
    return "\n".join(lines) + "\n"


def stage_tasks(journey: Journey, persona: str, stage: str) -> list[tuple[str, int]]:
    """The (task, score) pairs a persona's section shows for a stage; never empty."""
    experience = journey.experience_by_cell.get((persona, stage))
    if experience is not None and not experience.applicable:
        return [("(not applicable)", 3)]
    if experience is None or not experience.tasks:
        if experience is not None and experience.emotion is not None:
            return [("(no tasks recorded)", experience.emotion + 3)]
        return [("(not mapped)", 3)]
    if experience.emotion is None:
        return [(f"{task} (emotion not recorded)", 3) for task in experience.tasks]
    return [(task, experience.emotion + 3) for task in experience.tasks]


def label(text: str) -> str:
    """A quoted flowchart label: letters, digits and spaces as they are, all else as entity codes."""
    flat = _CONTROL.sub(" ", text).strip() or "(untitled)"
    return '"' + "".join(c if c.isalnum() or c == " " else f"#{ord(c)};" for c in flat) + '"'


def flowchart(journey: Journey) -> str:
    """A Mermaid flowchart: touchpoints grouped by stage, `next` and `loops_to` as arrows."""
    ids = {t.id: f"t{index}" for index, t in enumerate(journey.touchpoints)}
    lines = ["flowchart LR"]
    for index, stage in enumerate(journey.stages):
        members = [t for t in journey.touchpoints if t.stage == stage.id]
        if not members:
            continue
        lines.append(f"  subgraph s{index}[{label(stage.name)}]")
        lines.extend(f"    {ids[t.id]}[{label(t.name)}]" for t in members)
        lines.append("  end")
    for touchpoint in journey.touchpoints:
        source = ids[touchpoint.id]
        lines.extend(f"  {source} --> {ids[target]}" for target in touchpoint.next if target in ids)
        lines.extend(f"  {source} -.->|loop| {ids[target]}" for target in touchpoint.loops_to if target in ids)
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def markdown_text(text: str) -> str:
    """Text for a Markdown heading or paragraph: one line, every Markdown character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _CONTROL.sub(" ", text).strip())
