"""One flat record per send, the same for JSON and CSV (and what the iCalendar test compares)."""

from __future__ import annotations

import datetime
from typing import Any

from journeykit.plan.describe import describe, raw
from journeykit.plan.result import JourneyPlan, Send

SEND_FIELDS = (
    "map",
    "persona",
    "at",
    "utc",
    "date",
    "time",
    "day",
    "interaction",
    "interaction_name",
    "channel",
    "type",
    "stage",
    "trigger_type",
    "trigger",
    "trigger_raw",
    "sequence",
    "quiet_hours_exempt",
    "message",
)
"""The keys of a send record, in the order CSV columns take."""


def send_record(plan: JourneyPlan, send: Send) -> dict[str, Any]:
    """A send as plain data: local time with offset, UTC, the day number, and the trigger in words and as written."""
    interaction = send.interaction
    return {
        "map": plan.journey.id,
        "persona": send.persona,
        "at": send.at.isoformat(timespec="minutes"),
        "utc": send.at.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
        "date": send.date.isoformat(),
        "time": send.at.strftime("%H:%M"),
        "day": plan.day_number(send.date),
        "interaction": interaction.id,
        "interaction_name": interaction.name,
        "channel": interaction.channel,
        "type": interaction.type,
        "stage": interaction.stage,
        "trigger_type": interaction.trigger.type,
        "trigger": describe(interaction, plan.journey),
        "trigger_raw": raw(interaction.trigger),
        "sequence": send.sequence,
        "quiet_hours_exempt": interaction.quiet_hours_exempt,
        "message": interaction.message,
    }
