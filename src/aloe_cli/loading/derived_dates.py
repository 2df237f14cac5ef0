"""Dates defined by other records (`dated_by`): built from their claims, so a dispute there is one here.

ALOE starts at the Dakar meeting; the story and RIPESS date that meeting differently. Copying one of
the meeting's claims into ALOE's record would make ALOE's start look agreed. Instead ALOE says
`dated_by: {start: dakar-2005}` and gets one claim per claim of the meeting, each with its own sources.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aloe_cli.i18n import _
from aloe_cli.model.edtf import EdtfError, parse_edtf
from aloe_cli.model.models import RECORD_KINDS, DateClaim, DatedRecord

if TYPE_CHECKING:
    from aloe_cli.model.models import Citation, Dataset, DatedBy, Happening

# The kinds of record whose dates others may take.
DATING_LISTS = ("milestones", "events")

# A record dated by a start and an end gets one claim per pair of their claims, each citing the sources
# of both: without a bound, two milestones of 300 claims make 90,000 claims for every record dated by
# them. With these, what one `dated_by` record makes is bounded, so validation stays linear in the file.
MAX_DERIVED_CLAIMS = 16
MAX_DERIVED_CITATIONS = 256  # over all the claims one record derives


def _start_side(text: str) -> str:
    return text.split("/", maxsplit=1)[0]


def _end_side(text: str) -> str:
    return text.rsplit("/", maxsplit=1)[-1]


def _claims_of(
    record_id: str | None, happenings: dict[str, Happening]
) -> list[tuple[DateClaim, list[Citation]]]:
    """The claims of the record a `dated_by` names, each with the sources it stands on."""
    if record_id is None:
        return []
    record = happenings[record_id]
    return [(claim, claim.sources or record.sources) for claim in record.dates]


def too_many_claims(dated_by: DatedBy, happenings: dict[str, Happening]) -> str | None:
    """Why `dated_by` would derive more claims or citations than allowed, counted before any is made."""
    if dated_by.same_as is not None:
        sides = [_claims_of(dated_by.same_as, happenings)]
    else:
        sides = [
            _claims_of(dated_by.start or dated_by.after, happenings),
            _claims_of(dated_by.end, happenings),
        ]
    sides = [side for side in sides if side]
    claims = 1
    for side in sides:
        claims *= len(side)
    # Each claim made cites the sources of one claim of each side: every claim of a side is cited as
    # often as the other side has claims.
    citations = sum(sum(len(sources) for _claim, sources in side) * claims // len(side) for side in sides)
    if claims > MAX_DERIVED_CLAIMS:
        counts = " x ".join(str(len(side)) for side in sides)
        return _(
            "these dates would make {claims} claims ({counts}), more than {most}: give this record "
            "`dates` of its own"
        ).format(claims=claims, counts=counts, most=MAX_DERIVED_CLAIMS)
    if citations > MAX_DERIVED_CITATIONS:
        return _(
            "these dates would cite {citations} sources, more than {most}: give this record `dates` of "
            "its own"
        ).format(citations=citations, most=MAX_DERIVED_CITATIONS)
    return None


Side = tuple["DateClaim | None", "list[Citation]"]  # a claim of a record named, and its sources


def _pairs(dated_by: DatedBy, happenings: dict[str, Happening]) -> list[tuple[Side, Side]]:
    """The (start, end) sides of each claim a start/end `dated_by` makes, in the order it makes them."""
    unknown: list[Side] = [(None, [])]  # a side no record gives
    starts: list[Side] = [*_claims_of(dated_by.start or dated_by.after, happenings)] or unknown
    ends: list[Side] = [*_claims_of(dated_by.end, happenings)] or unknown
    return [(start, end) for start in starts for end in ends]


def derivation_sides(
    dated_by: DatedBy, happenings: dict[str, Happening]
) -> list[tuple[DateClaim | None, DateClaim | None]]:
    """The (start, end) claims each claim `derived_claims` makes is built from, in the order it makes them."""
    if dated_by.same_as is not None:
        return [(claim, None) for claim, _sources in _claims_of(dated_by.same_as, happenings)]
    return [(start, end) for (start, _), (end, _) in _pairs(dated_by, happenings)]


def derived_claims(dated_by: DatedBy, happenings: dict[str, Happening]) -> list[DateClaim]:
    """The claims `dated_by` describes; raises EdtfError where a start would fall after an end.

    Call it only where `too_many_claims` found nothing: the number of claims is a product.
    """

    def claims_of(record_id: str | None) -> list[tuple[DateClaim, list[Citation]]]:
        return _claims_of(record_id, happenings)

    if dated_by.same_as is not None:
        return [
            dataclasses.replace(
                claim,
                sources=sources,
                inferred=dated_by.inferred or claim.inferred,
                note=_joined(claim.note, f"the dates of {dated_by.same_as}"),
            )
            for claim, sources in claims_of(dated_by.same_as)
        ]
    starter = dated_by.start or dated_by.after
    made: list[DateClaim] = []
    for (start, start_sources), (end, end_sources) in _pairs(dated_by, happenings):
        left = "" if start is None else (_start_side if dated_by.start else _end_side)(start.edtf.text)
        right = "" if end is None else _end_side(end.edtf.text)
        text = f"{left}/{right}"
        edtf = parse_edtf(text)  # refuses a start after the end, with the reason
        cited = [*start_sources, *end_sources]
        sources = list({(c.source, c.locator, c.quote): c for c in cited}.values())
        # Built from parts that are already valid (a parsed date, checked citations): a record made
        # directly is not validated again.
        made.append(
            DateClaim(
                edtf=edtf,
                label=_label(dated_by, start, end),
                sources=sources,
                note="dated by " + " and ".join(i for i in (starter, dated_by.end) if i),
                inferred=dated_by.inferred or _joined(*(c.inferred for c in (start, end) if c is not None)),
            )
        )
    return made


def _label(dated_by: DatedBy, start: DateClaim | None, end: DateClaim | None) -> str:
    """'mid-1997 to October 2005', 'after June 2001', 'from October 2005', 'until mid-1997'."""
    if start is not None and end is not None:
        return f"{start.words} to {end.words}"
    if start is not None:
        if start.words.startswith(("since ", "from ", "after ")):
            return start.words  # the source's own words already say it: "since 1995"
        return f"after {start.words}" if dated_by.after else f"from {start.words}"
    assert end is not None
    return f"until {end.words}"


def _joined(*parts: str | None) -> str | None:
    kept = [part for part in parts if part]
    return "; ".join(kept) if kept else None


def dated_by_findings(
    happenings: dict[str, Happening],
    list_name: str,
    index: int,
    record: DatedRecord,
    derived: dict[str, list[DateClaim]] | None = None,
) -> Iterator[Any]:
    """Problems of one record's `dated_by` (`happenings`: the milestones and events by id), as findings.

    The claims it builds to check them are kept in `derived` by record id, so they are built once.
    """
    dated_by = record.dated_by
    if dated_by is None:
        return
    base = (list_name, index, "dated_by")
    if record.dates:
        yield base, _("give `dates` or `dated_by`, not both")
    if dated_by.same_as and (dated_by.start or dated_by.after or dated_by.end):
        yield base, _("`same_as` stands alone: leave out start, after and end")
    if dated_by.start and dated_by.after:
        yield base, _("give `start` or `after`, not both")
    named = [(f, getattr(dated_by, f)) for f in ("same_as", "start", "after", "end") if getattr(dated_by, f)]
    if not named:
        yield base, _("name a milestone or event: same_as, start, after or end")
    unusable = False
    for field, target in named:
        found = happenings.get(target)
        if found is None:
            yield (*base, field), _("no milestone or event has the id '{id}'").format(id=target)
            unusable = True
        elif not found.dates:
            yield (*base, field), _("'{id}' has no dates of its own to give").format(id=target)
            unusable = True
    if unusable or record.dates:
        return
    too_many = too_many_claims(dated_by, happenings)
    if too_many is not None:
        yield base, too_many
        return
    try:
        claims = derived_claims(dated_by, happenings)
    except EdtfError as error:
        yield base, _("these dates do not make a period: {reason}").format(reason=error)
        return
    if derived is not None:
        derived[record.id] = claims


def with_derived_dates(dataset: Dataset, derived: dict[str, list[DateClaim]]) -> Dataset:
    """The dataset with every `dated_by` record given its claims, as the check built them (by record id)."""
    changes: dict[str, Any] = {}
    for list_name in RECORD_KINDS:
        records = getattr(dataset, list_name)
        if any(isinstance(r, DatedRecord) and r.dated_by is not None for r in records):
            changes[list_name] = [
                dataclasses.replace(record, dates=derived[record.id])
                if isinstance(record, DatedRecord) and record.dated_by is not None and not record.dates
                else record
                for record in records
            ]
    return dataclasses.replace(dataset, **changes) if changes else dataset
