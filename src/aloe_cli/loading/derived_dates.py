"""Dates defined by other records (`dated_by`): built from their claims, so a dispute there is one here.

ALOE starts at the Dakar meeting; the story and RIPESS date that meeting differently. Copying one of
the meeting's claims into ALOE's record would make ALOE's start look agreed. Instead ALOE says
`dated_by: {start: dakar-2005}` and gets one claim per claim of the meeting, each with its own sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from aloe_cli.model.edtf import EdtfError, parse_edtf

if TYPE_CHECKING:
    from aloe_cli.model.models import Citation, Dataset, DateClaim, DatedBy, DatedRecord, Happening

# The kinds of record whose dates others may take.
DATING_LISTS = ("milestones", "events")


def _start_side(text: str) -> str:
    return text.split("/", maxsplit=1)[0]


def _end_side(text: str) -> str:
    return text.rsplit("/", maxsplit=1)[-1]


def derived_claims(dated_by: DatedBy, happenings: dict[str, Happening]) -> list[DateClaim]:
    """The claims `dated_by` describes; raises EdtfError where a start would fall after an end."""
    from aloe_cli.model.models import DateClaim

    def claims_of(record_id: str | None) -> list[tuple[DateClaim, list[Citation]]]:
        if record_id is None:
            return []
        record = happenings[record_id]
        return [(claim, claim.sources or record.sources) for claim in record.dates]

    if dated_by.same_as is not None:
        return [
            claim.model_copy(
                update={
                    "sources": sources,
                    "inferred": dated_by.inferred or claim.inferred,
                    "note": _joined(claim.note, f"the dates of {dated_by.same_as}"),
                }
            )
            for claim, sources in claims_of(dated_by.same_as)
        ]
    starter = dated_by.start or dated_by.after
    no_side: list[tuple[DateClaim | None, list[Citation]]] = [(None, [])]
    starts = [*claims_of(starter)] or no_side
    ends = [*claims_of(dated_by.end)] or no_side
    made: list[DateClaim] = []
    for start, start_sources in starts:
        for end, end_sources in ends:
            left = "" if start is None else (_start_side if dated_by.start else _end_side)(start.edtf.text)
            right = "" if end is None else _end_side(end.edtf.text)
            text = f"{left}/{right}"
            edtf = parse_edtf(text)  # refuses a start after the end, with the reason
            cited = [*start_sources, *end_sources]
            sources = list({(c.source, c.locator, c.quote): c for c in cited}.values())
            # Built from parts that are already valid (a parsed date, checked citations): no validation
            # is run again, which would build the claim model's schema on its own at every start.
            made.append(
                DateClaim.model_construct(
                    edtf=edtf,
                    label=_label(dated_by, start, end),
                    sources=sources,
                    note="dated by " + " and ".join(i for i in (starter, dated_by.end) if i),
                    inferred=dated_by.inferred
                    or _joined(*(c.inferred for c in (start, end) if c is not None)),
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
    happenings: dict[str, Happening], list_name: str, index: int, record: DatedRecord
) -> Iterator[Any]:
    """Problems of one record's `dated_by` (`happenings`: the milestones and events by id), as findings."""
    dated_by = record.dated_by
    if dated_by is None:
        return
    base = (list_name, index, "dated_by")
    if record.dates:
        yield base, "give `dates` or `dated_by`, not both"
    if dated_by.same_as and (dated_by.start or dated_by.after or dated_by.end):
        yield base, "`same_as` stands alone: leave out start, after and end"
    if dated_by.start and dated_by.after:
        yield base, "give `start` or `after`, not both"
    named = [(f, getattr(dated_by, f)) for f in ("same_as", "start", "after", "end") if getattr(dated_by, f)]
    if not named:
        yield base, "name a milestone or event: same_as, start, after or end"
    unusable = False
    for field, target in named:
        found = happenings.get(target)
        if found is None:
            yield (*base, field), f"no milestone or event has the id '{target}'"
            unusable = True
        elif not found.dates:
            yield (*base, field), f"'{target}' has no dates of its own to give"
            unusable = True
    if not unusable and not record.dates:
        try:
            derived_claims(dated_by, happenings)
        except EdtfError as error:
            yield base, f"these dates do not make a period: {error}"


def with_derived_dates(dataset: Dataset) -> Dataset:
    """The dataset with every `dated_by` record given its claims (a checked dataset only)."""
    from aloe_cli.model.models import RECORD_KINDS, DatedRecord

    happenings = {r.id: r for name in DATING_LISTS for r in getattr(dataset, name)}
    changes: dict[str, list[Any]] = {}
    for list_name in RECORD_KINDS:
        records = getattr(dataset, list_name)
        if any(isinstance(r, DatedRecord) and r.dated_by is not None for r in records):
            changes[list_name] = [
                record.model_copy(update={"dates": derived_claims(record.dated_by, happenings)})
                if isinstance(record, DatedRecord) and record.dated_by is not None and not record.dates
                else record
                for record in records
            ]
    return dataset.model_copy(update=changes) if changes else dataset
