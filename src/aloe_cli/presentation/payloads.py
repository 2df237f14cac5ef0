"""The JSON contract as types: what `--format json` writes and what `show`'s renderer reads.

TypedDicts rather than classes because these are the JSON itself (written with `json.dumps` as they
are); typing them lets `mypy --strict` check every key a renderer reads against what a view builds.
"""

# No `from __future__ import annotations` here: each TypedDict would then hold its annotations as strings,
# which typing compiles one by one at import (a millisecond a start). Every name is defined before use.
from typing import Literal, NotRequired, TypedDict

EndKind = Literal["known", "open", "unknown"]
# How a milestone's or event's places read: each of them, one of them (no source says which), or none
# known (an event no source places).
PlacesReading = Literal["all", "one-of", "unknown"]


class CitationJSON(TypedDict):
    """A citation: the source's id, where in it, its title as cited, and its address."""

    source: str
    locator: str | None
    title: str  # in [brackets] where it describes the document rather than being its own title
    descriptive_title: bool
    url: str | None
    supports: list[str]  # the record's statements this source gives: 'summary', 'name.fr' ...
    quote: NotRequired[str]


class ClaimJSON(TypedDict):
    """One source's dating of a record, with only the sources that give it."""

    date: str  # the EDTF value
    date_label: str  # the source's own words
    start: str | None  # the earliest possible day
    end: str | None  # the latest possible day
    start_precision: str  # year, month, day, season, decade; open or unknown
    end_precision: str
    end_kind: EndKind
    approximate: bool
    uncertain: bool
    inferred: str | None  # why this date is our reading, where it is
    sources: list[CitationJSON]
    note: NotRequired[str]


class DatedJSON(TypedDict):
    """The date fields of every dated record."""

    date: str | None
    date_label: str | None
    date_words: str | None
    start: str | None
    end: str | None
    uncertain: bool
    disputed: bool
    claims: list[ClaimJSON]


class ReferenceJSON(TypedDict):
    """A place, person or organisation a record names."""

    id: str
    name: str


class HappeningJSON(DatedJSON):
    """A milestone or an event in the listings."""

    id: str
    kind: str
    title: str
    era: str | None
    era_title: str | None
    summary: str | None
    places: list[ReferenceJSON]
    places_are: PlacesReading | None
    people: list[ReferenceJSON]
    organisations: list[ReferenceJSON]
    sources: list[CitationJSON]
    note: str | None
    inferred: str | None
    series: NotRequired[str | None]
    series_title: NotRequired[str | None]
    role: NotRequired[str]
    role_note: NotRequired[str | None]


class WorkshopJSON(TypedDict):
    """A workshop in the listings."""

    id: str
    kind: str
    title: str
    category: list[str]
    phases: list[str]
    other_names: list[str]
    probably_same_as: list[str]
    note: str | None
    inferred: str | None
    sources: list[CitationJSON]


class NameJSON(TypedDict):
    """A name a record has had, in some language."""

    name: str
    lang: str
    note: str | None
    inferred: NotRequired[str | None]
    sources: NotRequired[list[CitationJSON]]  # the sources that give this name


class RelatedJSON(TypedDict):
    """A record this one names, or one that names or cites it."""

    direction: str  # "names", "named by" or "cited by"
    via: str  # the field
    id: str
    kind: str
    title: str


class DetailJSON(TypedDict):
    """Everything `aloe show` says of one record."""

    id: str
    kind: str
    title: str
    lang: str  # the reader's language: the title, and each text given in several, is shown in it
    fields: dict[str, object]  # the record's own fields, as written in the dataset
    date: NotRequired[str | None]
    date_label: NotRequired[str | None]
    date_words: NotRequired[str | None]
    start: NotRequired[str | None]
    end: NotRequired[str | None]
    uncertain: NotRequired[bool]
    disputed: NotRequired[bool]
    claims: NotRequired[list[ClaimJSON]]
    names: NotRequired[list[NameJSON]]
    sources: NotRequired[list[CitationJSON]]
    related: list[RelatedJSON]


JSONRecord = HappeningJSON | WorkshopJSON | dict[str, object]  # a listing's record, as JSON writes it
