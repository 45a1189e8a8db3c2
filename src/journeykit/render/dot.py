"""The journey as a Graphviz diagram: stages as ordered clusters, touchpoints as nodes, flow as edges.

Node outlines show the channel's mode (digital: rounded; physical: square, double line;
hybrid: dashed) and fills the channel's colour, explained by a legend. Every piece of user
text goes into HTML-like labels through `html.escape`, or into plain attributes through
`graphviz.escape`, so no map can inject DOT syntax.
"""

from __future__ import annotations

import dataclasses
import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import graphviz

from journeykit.diff.marks import Mark, Marks
from journeykit.model import Journey, Stage, Touchpoint
from journeykit.present import metric_text
from journeykit.render.palette import TEXT, ChannelColour, channel_colours
from journeykit.sanitize import printable

FONT = "Helvetica,Arial,sans-serif"
MODE_STYLES = {
    "digital": {"shape": "box", "style": "rounded,filled", "peripheries": "1"},
    "physical": {"shape": "box", "style": "filled", "peripheries": "2"},
    "hybrid": {"shape": "box", "style": "rounded,filled,dashed", "peripheries": "1"},
    None: {"shape": "box", "style": "filled", "peripheries": "1"},
}
LARGE_DIAGRAM = 100
"""Above this many drawn touchpoints, Graphviz's iterative layout passes are capped: a map of
1,000 touchpoints takes 8 s to lay out instead of 60 s, and columns and clusters still hold."""
LARGE_LAYOUT = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.3"}
MAX_DRAWN_STEPS = 3000
"""Above this many `next`/`loops_to` steps, the flow is left out of the diagram (the touchpoints table
lists it): Graphviz takes over ten minutes on 3,000 touchpoints joined by 11,000 steps."""
MAX_LABEL = 300
"""Longer names are shortened in the diagram (Graphviz refuses labels over 16,384 characters)."""
MODE_LEGEND = {"digital": "rounded outline", "physical": "square, double outline", "hybrid": "dashed outline"}


@dataclass(frozen=True)
class DiagramOptions:
    """Which part of the map to draw, and whether to draw one lane per persona."""

    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    lanes: bool = False
    flow: bool = True
    """Draw the steps between touchpoints; off for a simpler layout when the full one takes too long."""
    marks: Marks | None = None
    """What changed since a revision (`render --since`): marked on the nodes, removed ones drawn dotted."""
    steps: Mapping[tuple[str, str], int] | None = None
    """Measured steps between touchpoints (`render --events`): each flow edge is labelled with its count and
    drawn wider the more customers took it."""
    lane_steps: Mapping[str, Mapping[tuple[str, str], int]] | None = None
    """The same per persona, for the lanes of `--lanes`."""


MAX_PEN = 6.0
"""The pen width of the busiest measured edge; an edge nobody took is drawn at 1."""


def dot_source(journey: Journey, options: DiagramOptions = DiagramOptions()) -> str:
    source: str = build_diagram(journey, options).source
    return source


def build_diagram(journey: Journey, options: DiagramOptions = DiagramOptions()) -> graphviz.Digraph:
    """The diagram of a map, restricted to the personas and stages asked for."""
    stages = [s for s in journey.stages if not options.stages or s.id in options.stages]
    visible = [t for t in journey.touchpoints if _wanted(t, options)]
    personas = [p for p in journey.personas if not options.personas or p.id in options.personas]
    steps = flow_steps(visible)
    if not options.flow or steps > MAX_DRAWN_STEPS:
        options = dataclasses.replace(options, flow=False)
    measured = options.steps is not None or options.lane_steps is not None
    graph = graphviz.Digraph(name=journey.id)
    graph.attr(
        rankdir="LR",
        newrank="true",
        compound="true",
        fontname=FONT,
        nodesep="0.18",
        ranksep="0.35",
        labelloc="b",
        label=_legend(journey, options.marks, steps_left_out=0 if options.flow else steps, measured=measured),
    )
    graph.attr("node", fontname=FONT, fontsize="11", margin="0.12,0.06")
    graph.attr("edge", color="#4a5568", arrowsize="0.7")
    colours = channel_colours(journey.channels)
    drawn = sum(1 for p in personas for t in visible if t.meets(p.id)) if options.lanes else len(visible)
    if drawn > LARGE_DIAGRAM:
        graph.attr(**LARGE_LAYOUT)
    if options.lanes:
        # Graphviz stacks left-to-right clusters from the bottom up: define the lanes last to first
        # so that they read top-down in the map's order.
        for lane, persona in reversed(list(enumerate(personas))):
            met = [t for t in visible if t.meets(persona.id)]
            with graph.subgraph(name=f"cluster_lane_{lane}") as lane_graph:
                lane_graph.attr(
                    label=_html_label(persona.name, bold=True),
                    labelloc="t",
                    labeljust="l",
                    style="filled",
                    fillcolor="#ffffff",
                    color="#a0aec0",
                )
                _draw(
                    lane_graph,
                    journey,
                    stages,
                    met,
                    colours,
                    prefix=f"p{lane}_",
                    flow=options.flow,
                    marks=options.marks,
                    steps=options.lane_steps.get(persona.id, {}) if options.lane_steps is not None else None,
                )
        for index in range(len(stages)):
            with graph.subgraph() as same:
                same.attr(rank="same")
                for lane in range(len(personas)):
                    same.node(f"p{lane}_stage_{index}")
    else:
        _draw(
            graph,
            journey,
            stages,
            visible,
            colours,
            prefix="",
            flow=options.flow,
            marks=options.marks,
            steps=options.steps,
        )
    return graph


def _wanted(touchpoint: Touchpoint, options: DiagramOptions) -> bool:
    if options.stages and touchpoint.stage not in options.stages:
        return False
    return not options.personas or any(touchpoint.meets(p) for p in options.personas)


def _draw(
    graph: graphviz.Digraph,
    journey: Journey,
    stages: Sequence[Stage],
    touchpoints: Sequence[Touchpoint],
    colours: dict[str, ChannelColour],
    prefix: str,
    *,
    flow: bool = True,
    marks: Marks | None = None,
    steps: Mapping[tuple[str, str], int] | None = None,
) -> None:
    """Stage clusters in order, held in columns by an invisible chain of anchors, then the flow."""
    node_ids = {t.id: f"{prefix}tp_{i}" for i, t in enumerate(touchpoints)}
    stage_list = list(stages)
    stage_position = {s.id: i for i, s in enumerate(stage_list)}
    for index, stage in enumerate(stage_list):
        with graph.subgraph(name=f"cluster_{prefix}stage_{index}") as cluster:
            cluster.attr(
                label=_html_label(stage.name, bold=True),
                labelloc="t",
                style="rounded,filled",
                fillcolor="#f5f7fa",
                color="#cbd2d9",
                fontname=FONT,
            )
            cluster.node(f"{prefix}stage_{index}", label="", shape="point", style="invis", width="0", height="0")
            for touchpoint in touchpoints:
                if touchpoint.stage == stage.id:
                    mark = marks.touchpoints.get(touchpoint.id) if marks is not None else None
                    _touchpoint_node(cluster, journey, touchpoint, node_ids[touchpoint.id], colours, prefix, mark)
            if marks is not None and not prefix:
                _removed_nodes(cluster, marks, stage)
    for index in range(len(stage_list) - 1):
        graph.edge(f"{prefix}stage_{index}", f"{prefix}stage_{index + 1}", style="invis", weight="10")
    for touchpoint in touchpoints:
        column = stage_position.get(touchpoint.stage)
        if column is None:
            continue
        graph.edge(f"{prefix}stage_{column}", node_ids[touchpoint.id], style="invis", weight="0")
        if column + 1 < len(stage_list):
            graph.edge(node_ids[touchpoint.id], f"{prefix}stage_{column + 1}", style="invis", weight="0")
    if flow:
        busiest = _busiest(touchpoints, steps or {})
        for touchpoint in touchpoints:
            _flow_edges(graph, journey, touchpoint, node_ids, steps, busiest)


def flow_steps(touchpoints: Sequence[Touchpoint]) -> int:
    """How many `next` and `loops_to` steps join these touchpoints."""
    ids = {t.id for t in touchpoints}
    return sum(1 for t in touchpoints for target in (*t.next, *t.loops_to) if target in ids)


def _touchpoint_node(
    graph: graphviz.Digraph,
    journey: Journey,
    touchpoint: Touchpoint,
    node_id: str,
    colours: dict[str, ChannelColour],
    prefix: str,
    mark: Mark | None = None,
) -> None:
    channel = journey.channel_by_id.get(touchpoint.channel or "")
    colour = colours.get(channel.id) if channel else None
    style = MODE_STYLES[channel.mode if channel else None]
    if mark is not None:
        style = {**style, "penwidth": "3"}  # a thick outline and the words on top: what changed
    graph.node(
        node_id,
        label=_touchpoint_label(journey, touchpoint, mark),
        id=f"diagram-{prefix}touchpoint-{touchpoint.id}",  # distinct from the report's own anchors
        tooltip=escape_tooltip(touchpoint.description or touchpoint.name),
        fillcolor=colour.fill if colour else "#ffffff",
        color=colour.border if colour else "#4a5568",
        fontcolor=TEXT,
        **style,
    )


def _busiest(touchpoints: Sequence[Touchpoint], steps: Mapping[tuple[str, str], int]) -> int:
    """The most measured steps on one drawn edge (at least 1), the pen width's scale."""
    counts = [steps.get((t.id, target), 0) for t in touchpoints for target in (*t.next, *t.loops_to)]
    return max([1, *counts])


def _flow_edges(
    graph: graphviz.Digraph,
    journey: Journey,
    touchpoint: Touchpoint,
    node_ids: dict[str, str],
    steps: Mapping[tuple[str, str], int] | None = None,
    busiest: int = 1,
) -> None:
    here = journey.stage_index(touchpoint.stage)
    for target in touchpoint.next:
        if target in node_ids:
            backward = journey.stage_index(journey.touchpoint_by_id[target].stage) < here
            measured = _measured(touchpoint, target, steps, busiest)
            if backward:
                graph.edge(
                    node_ids[touchpoint.id],
                    node_ids[target],
                    constraint="false",
                    style="dashed",
                    color="#c53030",
                    **measured,
                )
            else:
                graph.edge(node_ids[touchpoint.id], node_ids[target], **measured)
    for target in touchpoint.loops_to:
        if target in node_ids:
            measured = _measured(touchpoint, target, steps, busiest, word="loop")
            graph.edge(
                node_ids[touchpoint.id],
                node_ids[target],
                constraint="false",
                style="dashed",
                color="#718096",
                **(measured or {"label": _html_label("loop", size=9)}),
            )


def _measured(
    touchpoint: Touchpoint,
    target: str,
    steps: Mapping[tuple[str, str], int] | None,
    busiest: int,
    *,
    word: str | None = None,
) -> dict[str, str]:
    """An edge's label and pen width from the measured steps along it (none without a log)."""
    if steps is None:
        return {}
    count = steps.get((touchpoint.id, target), 0)
    text = f"{word} · {count:,}" if word else f"{count:,}"
    return {
        "label": _html_label(text, size=9),
        "penwidth": f"{1 + (MAX_PEN - 1) * count / busiest:.2f}",
        "fontname": FONT,
        "tooltip": escape_tooltip(f"{count:,} measured steps from {touchpoint.id} to {target}"),
    }


# --- labels -----------------------------------------------------------------------------------------


def escape_html_label(text: str) -> str:
    """Text made literal inside a Graphviz HTML-like label.

    Besides markup, Graphviz expands backslash sequences (`\\N` is the node's name, `\\G` the
    graph's) even inside HTML-like labels, and decodes `&#92;` before doing so; only a doubled
    backslash stays one literal backslash.
    """
    return html.escape(graphviz_text(text), quote=True).replace("\\", "\\\\")


def escape_tooltip(text: str) -> str:
    """Text made literal in a tooltip, which Graphviz unescapes twice: once as a DOT string,
    once as an escString. Backslashes are doubled for each round."""
    return str(graphviz.escape(graphviz_text(text).replace("\\", "\\\\")))


def graphviz_text(text: str) -> str:
    """Text that Graphviz can always draw: control characters, noncharacters and lone surrogates shown
    escaped (as in every plain-text output), and at most MAX_LABEL characters."""
    safe = printable(text)
    return safe if len(safe) <= MAX_LABEL else safe[: MAX_LABEL - 1] + "…"


def _lines(text: str, width: int) -> str:
    return "<BR/>".join(escape_html_label(line) for line in textwrap.wrap(text, width) or [""])


def _html_label(text: str, *, bold: bool = False, size: int | None = None) -> str:
    body = escape_html_label(text)
    if bold:
        body = f"<B>{body}</B>"
    if size:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    return f"<{body}>"


def _removed_nodes(graph: graphviz.Digraph, marks: Marks, stage: Stage) -> None:
    """Touchpoints removed since the revision, in the stage they were in, dotted and struck through."""
    for index, gone in enumerate(t for t, where in marks.removed_touchpoints if where == stage.id):
        graph.node(
            f"removed_{stage.index}_{index}",
            label=f'<<S>{_lines(gone.name, 26)}</S><BR/><FONT POINT-SIZE="9"><B>REMOVED</B></FONT>>',
            id=f"diagram-removed-touchpoint-{gone.id}",
            tooltip=escape_tooltip(f"{gone.name} (removed since {marks.since})"),
            shape="box",
            style="dotted",
            color="#4a5568",
            fontcolor="#4a5568",
        )


def _touchpoint_label(journey: Journey, touchpoint: Touchpoint, mark: Mark | None = None) -> str:
    rows = [f"<TR><TD><B>{_lines(touchpoint.name, 26)}</B></TD></TR>"]
    if mark is not None:
        rows.insert(0, f'<TR><TD><FONT POINT-SIZE="9"><B>{_lines(mark.label.upper(), 30)}</B></FONT></TD></TR>')
    details = []
    channel = journey.channel_by_id.get(touchpoint.channel or "")
    if channel:
        details.append(channel.name)
    owner_id = touchpoint.owner or journey.touchpoint_owner
    owner = journey.team_by_id.get(owner_id or "")
    if owner:
        details.append(f"owner: {owner.name}")
    for detail in details:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">{_lines(detail, 32)}</FONT></TD></TR>')
    for metric in touchpoint.metrics:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">{_lines(metric_text(metric), 34)}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _legend(journey: Journey, marks: Marks | None = None, *, steps_left_out: int = 0, measured: bool = False) -> str:
    colours = channel_colours(journey.channels)
    used = {t.channel for t in journey.touchpoints}
    rows = ['<TR><TD COLSPAN="3" ALIGN="LEFT"><B>Channels</B></TD></TR>']
    for channel in journey.channels:
        if channel.id not in used:
            continue
        colour = colours[channel.id]
        rows.append(
            f'<TR><TD BGCOLOR="{colour.fill}" BORDER="1" COLOR="{colour.border}" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT">{escape_html_label(channel.name)}</TD>'
            f'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{channel.mode}: {MODE_LEGEND[channel.mode]}</FONT></TD></TR>'
        )
    if steps_left_out:
        rows.append(
            f'<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT POINT-SIZE="9">{steps_left_out:,} steps between touchpoints '
            "are not drawn (too many to lay out): the touchpoints table lists them</FONT></TD></TR>"
        )
    else:
        rows.append(
            '<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT POINT-SIZE="9">solid arrow: next step · '
            "grey dashed: deliberate loop back · red dashed: step back into an earlier stage</FONT></TD></TR>"
        )
    if measured and not steps_left_out:
        rows.append(
            '<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT POINT-SIZE="9">numbers on the arrows: steps measured in the '
            "event log between the two touchpoints (the wider the arrow, the more steps)</FONT></TD></TR>"
        )
    if marks is not None:
        since = escape_html_label(marks.since)
        rows.append(
            f'<TR><TD COLSPAN="3" ALIGN="LEFT"><FONT POINT-SIZE="9">since {since}: thick outline and words on top: '
            "new, moved or changed · dotted and struck through: removed</FONT></TD></TR>"
        )
    return '<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"
