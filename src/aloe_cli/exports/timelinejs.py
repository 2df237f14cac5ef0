"""The JSON that Knight Lab's TimelineJS3 loads: one slide per dated record, eras, a title slide."""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from aloe_cli.exports.common import citation_words, claims_in_words, claims_to_show, doubt_words, era_bounds

if TYPE_CHECKING:
    from aloe_cli.evidence.views import DateWording
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, Happening


def _date(parts: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(("year", "month", "day"), parts, strict=False))


def _day(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _link(citation: Citation, selection: Selection) -> str:
    """A citation as HTML: the source's title and place in it, linked where the source has an address."""
    source = selection.lookup.sources[citation.source]
    words = escape(citation_words(citation, selection.lookup))
    return f'<a href="{escape(source.url)}">{words}</a>' if source.url else words


def _text(record: Happening, selection: Selection) -> str:
    """The slide's HTML: summary, where and who, how sure the date is, and the sources as links.

    Every piece of dataset text is escaped: TimelineJS renders this field as HTML.
    """
    lookup = selection.lookup
    paragraphs: list[str] = []
    if record.summary:
        paragraphs.append(escape(record.summary))
    where = "; ".join(lookup.place_name(p) for p in record.places)
    if where:
        paragraphs.append(f"Where: {escape(where)}")
    who = ", ".join([lookup.people[p].name for p in record.people])
    if who:
        paragraphs.append(f"Who: {escape(who)}")
    doubt = doubt_words(record, lookup)
    if doubt:
        paragraphs.append(f"<em>{escape(doubt)}</em>")
    if claims_to_show(record):  # each claim with its own sources, linked
        claims = "; ".join(
            f"{escape(words)} ({'; '.join(_link(c, selection) for c in cited) or 'its sources'})"
            for words, cited in claims_in_words(record, lookup)
        )
        lead = "The sources disagree on the date" if record.disputed else "The dates given"
        paragraphs.append(f"{lead}: {claims}.")
    links = [_link(citation, selection) for citation in record.sources]
    if links:
        paragraphs.append("Sources: " + "; ".join(links))
    paragraphs.append(f"<small>aloe record {escape(record.id)}</small>")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _display_date(record: Happening, wording: DateWording) -> str:
    """'2002 (31 January – 5 February 2002)', with the doubt in words: 'mid-1997, approximate'."""
    doubts = [*wording.doubts, *(["disputed"] if record.disputed else [])]
    return wording.text() + (f", {', '.join(doubts)}" if doubts else "")


def timelinejs_document(selection: Selection) -> dict[str, Any]:
    """The TimelineJS3 data object (https://timeline.knightlab.com/docs/json-format.html)."""
    from aloe_cli.model.models import Event, localized

    lookup = selection.lookup
    events: list[dict[str, Any]] = []
    undated: list[str] = []
    from aloe_cli.evidence.views import date_wording

    for record in selection.happenings:
        # The marker sits on the exact days where claims that agree give them; the slide says whose.
        claim = record.finest_claim or record.date_claim
        start, end = (claim.edtf.start_parts(), claim.edtf.end_parts()) if claim else (None, None)
        if claim is None or start is None:
            undated.append(record.id)
            continue
        slide: dict[str, Any] = {
            "unique_id": record.id,
            "start_date": _date(start),
            "display_date": escape(_display_date(record, date_wording(record))),
            "text": {
                "headline": escape(localized(record.title, lookup.lang)),
                "text": _text(record, selection),
            },
            "group": "Events" if isinstance(record, Event) else "Milestones",
        }
        if end is not None and end != start:
            slide["end_date"] = _date(end)
        events.append(slide)
    eras = []
    for era in selection.dataset.eras:
        bounds = era_bounds(era, selection.happenings)
        if bounds is not None:
            eras.append(
                {
                    "start_date": _day(bounds[0]),
                    "end_date": _day(bounds[1]),
                    "text": {"headline": escape(localized(era.title, lookup.lang))},
                }
            )
    intro = escape(selection.dataset.description or "")
    if undated:
        intro += f"<p>Not on the timeline, for want of a date: {escape(', '.join(undated))}.</p>"
    return {
        "title": {"text": {"headline": escape(selection.dataset.title), "text": intro}},
        "events": events,
        "eras": eras,
    }


def export_timelinejs(selection: Selection) -> bytes:
    """The TimelineJS3 JSON, UTF-8."""
    return (json.dumps(timelinejs_document(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
