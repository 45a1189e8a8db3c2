"""JK8xx: a map that is valid but cannot be drawn. Emitted by `journeykit render`, which still writes
the map's report (with a note where the diagram would be) and every other map."""

from __future__ import annotations

from journeykit.codes.base import Family, structural_rule

DIAGRAM_FAILED = structural_rule(
    Family.RENDERING,
    "JK801",
    "diagram-failed",
    "Graphviz could not draw the map's diagram.",
    "`dot` failed, or took longer than the time limit even with the simpler layout that leaves out the steps "
    "between touchpoints. The HTML report is written without the diagram, and the other maps are rendered as "
    "usual. The message quotes Graphviz's last line; a map with thousands of touchpoints may need `--stage` "
    "or `--persona` to draw a part at a time.",
)
