"""JK2xx: ids and the references between them. Emitted by the model builder."""

from __future__ import annotations

from journeykit.codes.base import Family, structural_rule

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
)
DUPLICATE_ID = structural_rule(
    Family.REFERENCES,
    "JK202",
    "duplicate-id",
    "Two definitions of the same kind share an id.",
    "Ids are unique within their kind (persona, stage, channel, team, touchpoint, pain point, opportunity, "
    "interaction, evidence) across a map and within a catalog.",
)
AMBIGUOUS_ID = structural_rule(
    Family.REFERENCES,
    "JK203",
    "ambiguous-id",
    "An id is defined both in the map and in a catalog it sees, or in two such catalogs.",
    "A map sees the catalogs of its directory and of every directory above it, up to the project root. "
    "If the map, or a second catalog, defines the same persona, channel or team id again, a reference to "
    "it could mean either. Remove one definition, or refer to the catalog's.",
)
DUPLICATE_EXPERIENCE = structural_rule(
    Family.REFERENCES,
    "JK204",
    "duplicate-experience",
    "Two experiences describe the same persona in the same stage.",
    "An experience is the cell (persona, stage) of the journey grid; there is one per cell. Merge the two.",
)
DUPLICATE_MAP_ID = structural_rule(
    Family.REFERENCES,
    "JK205",
    "duplicate-map-id",
    "Two maps checked together share the same map id.",
    "Reports, coverage and the index page name maps by id, so two maps with one id would overwrite each "
    "other. Give each map its own id.",
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
)
DUPLICATE_EVENT = structural_rule(
    Family.REFERENCES,
    "JK206",
    "duplicate-event",
    "Two touchpoints of one map list the same analytics event name.",
    'A touchpoint\'s `events` are the event names that mean "this customer met this touchpoint". '
    "`journeykit analytics` gives every event of the log to the one touchpoint that lists it, so within a "
    "map an event name belongs to one touchpoint only. The finding is at the second listing; the hint names "
    "the first. Keep the name on one touchpoint, or give the analytics tool two names.",
)
OPTIONAL_FIRST_STAGE = structural_rule(
    Family.REFERENCES,
    "JK208",
    "optional-first-stage",
    "The first stage of a map says `optional: true`.",
    "Stages may be optional (customers may skip them, such as research for a repeat buyer), but the first "
    "stage is where every customer enters the journey: `journeykit analytics` measures entry by it, so it "
    "cannot be skipped. Make a later stage optional, or add the stage before it.",
)
