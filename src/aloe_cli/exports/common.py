"""Pieces several exports share: precision of EDTF ends, era bounds, citation text."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Lookup
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, DatedRecord, Era, Happening


OTHER_ERA_ID = "other"  # the group of records in no era the dataset names: one id, in every export


class EraGroup(NamedTuple):
    """An era of the timeline as every export shows it: its id, title, and its records in order."""

    id: str
    title: str
    records: list[Happening]


def era_groups(selection: Selection) -> list[EraGroup]:
    """The eras in the dataset's order, each with its milestones and events, then "Other" if needed."""
    from aloe_cli.model.models import localized

    lookup, happenings = selection.lookup, selection.happenings
    known = {era.id for era in selection.dataset.eras}
    groups = [
        EraGroup(era.id, localized(era.title, lookup.lang), [h for h in happenings if h.era == era.id])
        for era in selection.dataset.eras
    ]
    others = [h for h in happenings if h.era not in known]
    if others:
        groups.append(EraGroup(OTHER_ERA_ID, "Other", others))
    return groups


def era_bounds(era: Era, happenings: list[Happening]) -> tuple[date, date] | None:
    """An era's days: its own where known, else those of the records in it."""
    inside = [h for h in happenings if h.era == era.id and h.dates]
    starts = [d for d in [era.earliest, *(h.earliest for h in inside)] if d is not None]
    ends = [d for d in [era.latest, *(h.latest for h in inside)] if d is not None]
    first = era.earliest or (min(starts) if starts else None)
    last = era.latest or (max(ends) if ends else None)
    if first is None or last is None or first > last:
        return None
    return first, last


def citation_words(citation: Citation, lookup: Lookup) -> str:
    """'A story..., ¶4' — the source's title and where in it."""
    source = lookup.sources[citation.source]
    title = source.display_title
    return f"{title}, {citation.locator}" if citation.locator else title


def doubt_words(record: DatedRecord, lookup: Lookup) -> str:
    """A sentence on how sure the date is, or '' when it is certain."""
    notes: list[str] = []
    claim = record.date_claim
    if claim is not None and claim.edtf.approximate:
        notes.append("The date is approximate.")
    elif claim is not None and claim.edtf.uncertain:
        notes.append("The date is uncertain.")
    if claim is not None and (claim.edtf.unknown_start or claim.edtf.unknown_end):
        notes.append("One end of the period is unknown: no source gives it.")
    elif claim is not None and (claim.edtf.open_start or claim.edtf.open_end):
        notes.append("The period is open: a source says it goes on.")
    reasons = sorted({c.inferred for c in record.dates if c.inferred})
    notes += [f"Our reading, not a source's: {reason}" for reason in reasons]
    return " ".join(notes)


def claims_to_show(record: DatedRecord) -> bool:
    """Whether a record's claims need showing one by one: several, or one citing what the record does not."""
    own = set(record.sources)
    return len(record.dates) > 1 or any(set(claim.sources) - own for claim in record.dates)


def claims_in_words(record: DatedRecord, lookup: Lookup) -> list[tuple[str, list[Citation]]]:
    """Each claim's words (with '(our reading)' where it is), and its own citations."""
    return [
        (claim.words + (" (our reading)" if claim.inferred else ""), list(claim.sources))
        for claim in record.dates
    ]


def date_text(parts: tuple[int, ...]) -> str:
    """(2002,), (2002, 3) or (2002, 3, 15) as ISO 8601 at that precision: '2002', '2002-03', '2002-03-15'."""
    return "-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])])


def json_for_script(value: Any) -> str:
    """JSON to put inside a <script> element: every "<" escaped, since only "</" could end it early."""
    import json

    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")
