"""The kinds of record `aloe list KIND` lists: an Enum light enough to import at start-up."""

from __future__ import annotations

from enum import StrEnum


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
