"""JK2xx: ids and the references between them. Emitted by the model builder."""

from __future__ import annotations

from journeykit.rules.base import MINIMAL_MAP, Family, structural_rule

_WITH_TOUCHPOINT = MINIMAL_MAP + "touchpoints:\n  - id: pay\n    name: Pay\n    stage: {stage}\n"

UNKNOWN_REFERENCE = structural_rule(
    Family.REFERENCES,
    "JK201",
    "unknown-reference",
    "A reference names an id that is not defined.",
    "Everything refers to everything else by id: a touchpoint's `stage`, `channel` and `owner`, an "
    "experience's `persona`, `touchpoints` and `evidence`, an opportunity's `addresses`, and so on; in a map "
    "with a `calendar`, an `event` trigger's `name` is the id of a calendar event. The id "
    "must be defined in the map or, for personas, channels and teams, in a catalog the map sees. The hint "
    "names the closest existing id.",
    _WITH_TOUCHPOINT.format(stage="purchse"),
    _WITH_TOUCHPOINT.format(stage="purchase"),
)
DUPLICATE_ID = structural_rule(
    Family.REFERENCES,
    "JK202",
    "duplicate-id",
    "Two definitions of the same kind share an id.",
    "Ids are unique within their kind (persona, stage, channel, team, touchpoint, pain point, opportunity, "
    "interaction, evidence) across a map and within a catalog.",
    MINIMAL_MAP + "  - id: purchase\n    name: Purchase again\n",
    MINIMAL_MAP + "  - id: delivery\n    name: Delivery\n",
)
AMBIGUOUS_ID = structural_rule(
    Family.REFERENCES,
    "JK203",
    "ambiguous-id",
    "An id is defined both in the map and in a catalog it sees, or in two such catalogs.",
    "A map sees the catalogs of its directory and of every directory above it, up to the project root. "
    "If the map, or a second catalog, defines the same persona, channel or team id again, a reference to "
    "it could mean either. Remove one definition, or refer to the catalog's.",
    "# shared.catalog.yaml defines persona `deal-hunter`, and the map too:\n"
    + MINIMAL_MAP
    + "personas:\n  - id: deal-hunter\n    name: Deal hunter\n",
    "# shared.catalog.yaml defines persona `deal-hunter`; the map refers to it:\n"
    + MINIMAL_MAP
    + "personas: [deal-hunter]\n",
)
DUPLICATE_EXPERIENCE = structural_rule(
    Family.REFERENCES,
    "JK204",
    "duplicate-experience",
    "Two experiences describe the same persona in the same stage.",
    "An experience is the cell (persona, stage) of the journey grid; there is one per cell. Merge the two.",
    MINIMAL_MAP
    + "personas:\n  - id: shopper\n    name: Shopper\nexperiences:\n"
    + "  - persona: shopper\n    stage: purchase\n    emotion: 1\n"
    + "  - persona: shopper\n    stage: purchase\n    emotion: -1\n",
    MINIMAL_MAP
    + "personas:\n  - id: shopper\n    name: Shopper\n"
    + "experiences:\n  - persona: shopper\n    stage: purchase\n    emotion: 1\n",
)
DUPLICATE_MAP_ID = structural_rule(
    Family.REFERENCES,
    "JK205",
    "duplicate-map-id",
    "Two maps checked together share the same map id.",
    "Reports, coverage and the index page name maps by id, so two maps with one id would overwrite each "
    "other. Give each map its own id.",
    "# a.journey.yaml and b.journey.yaml both say:\nid: checkout\n",
    "# a.journey.yaml says `id: checkout`, b.journey.yaml says `id: returns`\n",
)
UNKNOWN_TIMEZONE = structural_rule(
    Family.REFERENCES,
    "JK207",
    "unknown-timezone",
    "A map's `timezone` is not an IANA time zone name.",
    "`timezone` names a zone of the IANA time zone database, such as `Europe/London` or `America/New_York`, "
    "which journeykit plan uses to place `send_at` times and `cron` schedules, daylight-saving changes "
    "included. Names are case-sensitive; the hint names the closest zone. Like an id, the name refers to "
    "something defined elsewhere (the time zone database), so it is checked with the references.",
    """\
journeykit: 1
kind: journey
id: checkout
title: Checkout
timezone: Europe/Londn
stages:
  - id: purchase
    name: Purchase
""",
    """\
journeykit: 1
kind: journey
id: checkout
title: Checkout
timezone: Europe/London
stages:
  - id: purchase
    name: Purchase
""",
)
