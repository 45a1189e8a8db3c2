"""One flat record per send, the same for JSON and CSV (and what the iCalendar test compares)."""

from __future__ import annotations

import datetime
from typing import Any

from journeykit.plan.result import JourneyPlan, Send
from journeykit.present import trigger_as_written, when_text

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


class SendRecords:
    """Send records of one plan; each interaction's trigger is put in words once, not once per send."""

    def __init__(self, plan: JourneyPlan) -> None:
        self.plan = plan
        self._triggers: dict[str, tuple[str, str]] = {}

    def record(self, send: Send) -> dict[str, Any]:
        """A send as plain data: local time with offset, UTC, the day number, the trigger in words and as written."""
        plan = self.plan
        interaction = send.interaction
        words = self._triggers.get(interaction.id)
        if words is None:
            words = self._triggers[interaction.id] = (
                when_text(interaction, plan.journey),
                trigger_as_written(interaction.trigger),
            )
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
            "trigger": words[0],
            "trigger_raw": words[1],
            "sequence": send.sequence,
            "quiet_hours_exempt": interaction.quiet_hours_exempt,
            "message": interaction.message,
        }


def sorted_sends(plan: JourneyPlan) -> list[Send]:
    """Every send of the plan in time order, then persona, then the interactions' order in the map."""
    sends = [send for persona in plan.personas for send in persona.sends]
    sends.sort(key=lambda s: (s.at, s.persona, plan.interaction_index[s.interaction.id], s.sequence))
    return sends
