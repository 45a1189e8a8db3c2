"""The view model of the index page (index.html.j2): every map with its report, and each persona once."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeykit import __version__
from journeykit.coverage import CoverageMatrix, Ratio
from journeykit.findings import Finding
from journeykit.model import Journey, Persona
from journeykit.present import fraction, percent, plural
from journeykit.render.view.common import finding_counts, review_text, team_name


@dataclass(frozen=True)
class IndexEntry:
    title: str
    id: str
    file: str
    href: str | None
    owner: str | None
    updated: str | None
    review: str
    coverage: str
    evidenced: str
    counts: dict[str, int]
    rendered: bool


@dataclass(frozen=True)
class PersonaEntry:
    name: str
    id: str
    source: str
    maps: tuple[tuple[str, str | None], ...]
    """(map title, href) pairs."""


@dataclass(frozen=True)
class IndexView:
    title: str
    count: str
    maps: tuple[IndexEntry, ...]
    personas: tuple[PersonaEntry, ...]
    total: str
    generator: str
    generated: str
    failed: tuple[str, ...] = field(default=())


def build_index(
    entries: Sequence[tuple[Journey, str | None, Sequence[Finding], CoverageMatrix]],
    failed_files: Sequence[str],
    *,
    today: datetime.date,
) -> IndexView:
    """Every map with its report link (None when not rendered) and the coverage its report shows,
    and each persona once with the maps it occurs in."""
    maps = []
    personas: dict[int, tuple[Persona, list[tuple[str, str | None]]]] = {}
    total = Ratio()
    for journey, href, findings, matrix in entries:
        total = total + matrix.total
        maps.append(
            IndexEntry(
                title=journey.title,
                id=journey.id,
                file=journey.file,
                href=href,
                owner=team_name(journey, journey.owner),
                updated=journey.updated.isoformat() if journey.updated else None,
                review=review_text(journey.updated, today),
                coverage=fraction(matrix.total),
                evidenced=percent(matrix.total.evidence),
                counts=finding_counts(findings),
                rendered=href is not None,
            )
        )
        for persona in journey.personas:
            # Catalog personas are one object shared by every map that uses them: key by identity.
            personas.setdefault(id(persona), (persona, []))[1].append((journey.title, href))
    persona_entries = tuple(
        PersonaEntry(
            p.name,
            p.id,
            f"catalog {p.origin.file}" if p.from_catalog else f"map {p.origin.file}",
            tuple(maps_of),
        )
        for p, maps_of in sorted(personas.values(), key=lambda item: (item[0].name.lower(), item[0].origin.file))
    )
    return IndexView(
        title="Journey maps",
        count=plural(len(maps), "map"),
        maps=tuple(maps),
        personas=persona_entries,
        total=fraction(total, digits=1),
        generator=f"journeykit {__version__}",
        generated=today.isoformat(),
        failed=tuple(failed_files),
    )
