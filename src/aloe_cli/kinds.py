"""The kinds of record `aloe list KIND` lists: an Enum light enough to import at start-up."""

from __future__ import annotations

from enum import StrEnum

from aloe_cli.i18n import _


class RecordKind(StrEnum):
    """The kinds `aloe list KIND` lists (milestones, events and workshops have commands of their own)."""

    sources = "sources"
    gaps = "gaps"
    organisations = "organisations"
    people = "people"
    places = "places"
    eras = "eras"
    series = "series"
    categories = "categories"
    phases = "phases"

    @classmethod
    def elsewhere(cls, value: str) -> str | None:
        """Where records of a kind `aloe list` does not list are listed: 'workshops: aloe workshops'."""
        command = LISTED_BY_COMMANDS.get(value.strip().casefold())
        if command is None:
            return None
        return _("{kind} are listed by `{command}`").format(kind=value.strip().casefold(), command=command)


# The kinds with commands of their own, and the singular a user may type for any kind.
LISTED_BY_COMMANDS = {
    "workshops": "aloe workshops", "workshop": "aloe workshops",
    "milestones": "aloe timeline", "milestone": "aloe timeline",
    "events": "aloe events", "event": "aloe events",
    "timeline": "aloe timeline", "lineage": "aloe lineage", "lineages": "aloe lineage",
}  # fmt: skip
