"""The persona x stage coverage matrix, computed once per map, as docs/format.md defines it.

A cell (persona, stage) is `covered` when its experience has touchpoints, an emotion and
tasks; `partial` when an experience lacks some of those; `unmapped` when there is no
experience but the persona meets touchpoints there; `missing` when there is neither;
`not-applicable` when an experience says `applicable: false`. Coverage is covered cells
over applicable cells; `evidenced` counts the covered cells whose experience cites evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from journeykit.errors import UsageError
from journeykit.model import Experience, Journey, Origin, Persona, Stage
from journeykit.source import Location, SourceFile

CellState = Literal["covered", "partial", "unmapped", "missing", "not-applicable"]
LACKABLE = ("touchpoints", "emotion", "tasks")


@dataclass(frozen=True, slots=True)
class Cell:
    persona: str
    stage: str
    state: CellState
    lacks: tuple[str, ...] = ()
    evidenced: bool = False
    experience: Experience | None = None


@dataclass(frozen=True, slots=True)
class Ratio:
    """Covered and evidenced cells out of the applicable ones."""

    covered: int = 0
    evidenced: int = 0
    applicable: int = 0

    @property
    def coverage(self) -> float | None:
        """covered / applicable, or None when no cell is applicable."""
        return self.covered / self.applicable if self.applicable else None

    @property
    def evidence(self) -> float | None:
        return self.evidenced / self.applicable if self.applicable else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.covered + other.covered, self.evidenced + other.evidenced, self.applicable + other.applicable)

    @classmethod
    def of(cls, cells: Iterable[Cell]) -> Ratio:
        covered = evidenced = applicable = 0
        for cell in cells:
            if cell.state == "not-applicable":
                continue
            applicable += 1
            if cell.state == "covered":
                covered += 1
                evidenced += cell.evidenced
        return cls(covered, evidenced, applicable)


@dataclass(frozen=True)
class CoverageMatrix:
    """One map's cells, persona-major in map order, with ratios per map, persona and stage."""

    journey: Journey
    personas: tuple[str, ...]
    stages: tuple[str, ...]
    cells: tuple[Cell, ...]
    gap_locations: Mapping[tuple[str, str], Location] | None = field(default=None, compare=False)
    """Where each gap is to be fixed, in a detached matrix (whose journey holds only names)."""

    def cell(self, persona: str, stage: str) -> Cell:
        return self.cells[self.personas.index(persona) * len(self.stages) + self.stages.index(stage)]

    def row(self, persona: str) -> tuple[Cell, ...]:
        start = self.personas.index(persona) * len(self.stages)
        return self.cells[start : start + len(self.stages)]

    def column(self, stage: str) -> tuple[Cell, ...]:
        index = self.stages.index(stage)
        return self.cells[index :: len(self.stages)]

    @property
    def total(self) -> Ratio:
        return Ratio.of(self.cells)

    def by_persona(self) -> dict[str, Ratio]:
        return {p: Ratio.of(self.row(p)) for p in self.personas}

    def by_stage(self) -> dict[str, Ratio]:
        return {s: Ratio.of(self.column(s)) for s in self.stages}

    def gaps(self) -> list[Cell]:
        """Cells that are not covered and not out of scope, in matrix order."""
        return [c for c in self.cells if c.state in ("partial", "unmapped", "missing")]

    def filtered(self, personas: Sequence[str] = (), stages: Sequence[str] = ()) -> CoverageMatrix:
        """The matrix restricted to some personas and stages (`--persona`, `--stage`)."""
        keep_personas = tuple(p for p in self.personas if not personas or p in personas)
        keep_stages = tuple(s for s in self.stages if not stages or s in stages)
        cells = tuple(self.cell(p, s) for p in keep_personas for s in keep_stages)
        return CoverageMatrix(self.journey, keep_personas, keep_stages, cells, self.gap_locations)

    def detached(self) -> CoverageMatrix:
        """The matrix without the map behind it: what the coverage reports read (the map's id, file and
        title, persona and stage names, each cell's state, where each gap is), so that the map's data
        and model can be released, or stay in the worker process that checked it."""
        journey = self.journey
        origin = Origin(SourceFile(journey.file, journey.source.path, ""), ())
        names = Journey(
            id=journey.id,
            title=journey.title,
            origin=origin,
            stages=tuple(Stage(s.id, s.name, s.index, origin) for s in journey.stages),
            personas=tuple(Persona(p.id, p.name, origin) for p in journey.personas),
        )
        cells = tuple(replace(cell, experience=None) if cell.experience else cell for cell in self.cells)
        gaps = {(cell.persona, cell.stage): gap_location(self, cell) for cell in self.gaps()}
        return CoverageMatrix(names, self.personas, self.stages, cells, gaps)


def select(matrices: Sequence[CoverageMatrix], personas: Sequence[str], stages: Sequence[str]) -> list[CoverageMatrix]:
    """The matrices restricted to the personas and stages asked for (`--persona`, `--stage`); maps
    without any of them are left out. A persona or stage that no map has is a UsageError."""
    for kind, wanted, known in (
        ("persona", personas, {p for m in matrices for p in m.personas}),
        ("stage", stages, {s for m in matrices for s in m.stages}),
    ):
        for item in wanted:
            if item not in known:
                raise UsageError(f"no map has {kind} '{item}'")
    if not personas and not stages:
        return list(matrices)
    filtered = (matrix.filtered(personas, stages) for matrix in matrices)
    return [matrix for matrix in filtered if matrix.personas and matrix.stages]


def compute_matrix(journey: Journey) -> CoverageMatrix:
    """Classify every (persona, stage) cell of a map."""
    personas = tuple(p.id for p in journey.personas)
    stages = tuple(s.id for s in journey.stages)
    experiences = journey.experience_by_cell
    met = {(p, t.stage) for t in journey.touchpoints for p in personas if t.meets(p)}
    known = journey.touchpoint_by_id
    cells = tuple(_cell(p, s, experiences.get((p, s)), (p, s) in met, known) for p in personas for s in stages)
    return CoverageMatrix(journey, personas, stages, cells)


def _cell(
    persona: str, stage: str, experience: Experience | None, has_touchpoints: bool, known: Mapping[str, object]
) -> Cell:
    if experience is None:
        return Cell(persona, stage, "unmapped" if has_touchpoints else "missing")
    if not experience.applicable:
        return Cell(persona, stage, "not-applicable", experience=experience)
    present = {
        # Touchpoints that do not exist (a JK201 error) do not make a cell covered.
        "touchpoints": any(t in known for t in experience.touchpoints),
        "emotion": experience.emotion is not None,
        "tasks": bool(experience.tasks),
    }
    lacks = tuple(name for name in LACKABLE if not present[name])
    state: CellState = "partial" if lacks else "covered"
    return Cell(
        persona,
        stage,
        state,
        lacks,
        evidenced=state == "covered" and bool(experience.evidence),
        experience=experience,
    )


def gap_anchor(journey: Journey, cell: Cell) -> tuple[Origin, bool]:
    """Where to fix a gap, as (node, point at its key): the experience of a partial cell; else
    the `experiences:` list, where the missing experience goes; else the persona."""
    if cell.experience is not None:
        return cell.experience.origin, False
    if "experiences" in journey.source.data:
        return Origin(journey.source, ("experiences",)), True
    return journey.persona_origin(cell.persona), False


def gap_location(matrix: CoverageMatrix, cell: Cell) -> Location:
    if matrix.gap_locations is not None:
        return matrix.gap_locations[(cell.persona, cell.stage)]
    origin, key = gap_anchor(matrix.journey, cell)
    return origin.at(key=key)


@dataclass(frozen=True)
class CoverageReport:
    """The matrices of every map checked (filtered by persona and stage), and their total."""

    matrices: tuple[CoverageMatrix, ...]
    fail_under: float | None = None

    @property
    def total(self) -> Ratio:
        return sum((m.total for m in self.matrices), Ratio())

    def shortfall(self) -> float | None:
        """Percentage points below `fail_under`, or None when coverage is high enough (or unknown)."""
        coverage = self.total.coverage
        if self.fail_under is None or coverage is None:
            return None
        gap = self.fail_under - coverage * 100
        return gap if gap > 1e-9 else None
