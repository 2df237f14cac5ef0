"""Pieces several exports share: precision of EDTF ends, era bounds, citation text."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Citation, DatedRecord, Era, Happening
    from ..views import Lookup


def edtf_sides(text: str) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None]:
    """The known (year, month, day) parts of each end of an EDTF value, at the precision it gives.

    Seasons and unspecified digits keep only what is certain: '2004-22' -> (2004,), '201X' -> None.
    """
    left, _, right = text.partition("/")
    start = _parts(left)
    return start, (_parts(right) if "/" in text else start)


def _parts(side: str) -> tuple[int, ...] | None:
    core = side.rstrip("?~%").split("T")[0]
    if core in ("", "..") or "X" in core[:4]:
        return None
    pieces = core.split("-")
    parts = [int(pieces[0])]
    for piece in pieces[1:]:
        if "X" in piece or (int(piece) > 12 and len(parts) == 1):  # unspecified, or a season
            break
        parts.append(int(piece))
    return tuple(parts)


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


def claims_in_words(record: DatedRecord, lookup: Lookup) -> list[tuple[str, list[Citation]]]:
    """Each claim's words (with '(our reading)' where it is), and its own citations."""
    return [
        (claim.words + (" (our reading)" if claim.inferred else ""), list(claim.sources))
        for claim in record.dates
    ]
