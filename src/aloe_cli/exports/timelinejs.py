"""The JSON that Knight Lab's TimelineJS3 loads: one slide per dated record, eras, a title slide."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from aloe_cli.exports.common import era_bounds, json_for_script, text_in
from aloe_cli.i18n import _
from aloe_cli.presentation.views import by_statement
from aloe_cli.sanitize import escape_markup

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.presentation.views import CitationView, HappeningView


def _date(parts: tuple[int, ...]) -> dict[str, int]:
    return dict(zip(("year", "month", "day"), parts, strict=False))


def _day(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _link(citation: CitationView) -> str:
    """A citation as HTML: the source's title and place in it, linked where the source has an address."""
    words = escape_markup(citation.cited.words())
    url = citation.cited.url
    return f'<a href="{escape_markup(url)}">{words}</a>' if url else words


def _links(citations: tuple[CitationView, ...]) -> str:
    """Citations as HTML links, joined by '; '."""
    return _("; ").join(_link(citation) for citation in citations)


def _text(record: HappeningView) -> str:
    """The slide's HTML: summary, where and who, the WSSE's part, how sure the date is, the sources as links.

    Every piece of dataset text is escaped: TimelineJS renders this field as HTML.
    """
    paragraphs: list[str] = []
    if record.summary:
        paragraphs.append(text_in(record.summary))
    where = record.where()
    if where:
        paragraphs.append(_("Where: {places}").format(places=escape_markup(where)))
    who = record.people_names()
    if who:
        paragraphs.append(_("Who: {people}").format(people=escape_markup(who)))
    if record.role_note:
        paragraphs.append(_("Role: {role}").format(role=text_in(record.role_note)))
    dating = record.dating
    doubt = dating.doubt_sentences() if dating else ""
    if doubt:
        paragraphs.append(f"<em>{escape_markup(doubt)}</em>")
    if dating and dating.claims_to_show(record.citations):  # each claim with its own sources, linked
        claims = _("; ").join(
            f"{escape_markup(claim.words_marked(dating.lang))} "
            f"({_links(claim.citations) or _('its sources')})"
            for claim in dating.claims
        )
        lead = (
            _("The sources disagree on the date: {claims}.")
            if dating.disputed
            else _("The dates given: {claims}.")
        )
        paragraphs.append(lead.format(claims=claims))
    if record.citations and any(c.supports for c in record.citations):  # each statement with its sources
        given = ". ".join(
            _("{heading}:").format(heading=escape_markup(what)) + f" {_links(cited)}"
            for what, cited in by_statement(record.citations)
        )
        paragraphs.append(_("Sources: {sources}").format(sources=given + "."))
    elif record.citations:
        paragraphs.append(_("Sources: {sources}").format(sources=_links(record.citations)))
    paragraphs.append(f"<small>{_('aloe record {id}').format(id=escape_markup(record.id))}</small>")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _slide_media(record: HappeningView, remote_allowed: bool) -> dict[str, str] | None:
    """A slide's one medium: the record's first that may be shown (TimelineJS shows one per slide).

    TimelineJS draws a medium as it finds it (an image, a YouTube page, a map): in the page, a medium
    on another site is left out unless remote media were asked for, so that the page loads nothing
    from elsewhere; the JSON, which is data, carries it.
    """
    for medium in record.media:
        if medium.remote and not remote_allowed:
            continue
        shown = {
            "url": medium.href,
            "caption": escape_markup(medium.caption),
            "credit": escape_markup(medium.credit),
            "alt": medium.alt,  # TimelineJS sets it as the image's alt attribute: text, not markup
        }
        return {key: value for key, value in shown.items() if value}
    return None


def timelinejs_document(selection: Selection, *, page: bool = False) -> dict[str, Any]:
    """The TimelineJS3 data object (https://timeline.knightlab.com/docs/json-format.html)."""
    presentation = selection.presentation
    events: list[dict[str, Any]] = []
    undated: list[HappeningView] = []
    for record in selection.happenings:
        # The marker sits on the exact days where claims that agree give them; the slide says whose.
        dating = record.dating
        start, end = (dating.shown.start_parts, dating.shown.end_parts) if dating else (None, None)
        if dating is None or start is None:
            undated.append(record)
            continue
        slide: dict[str, Any] = {
            "unique_id": record.id,
            "start_date": _date(start),
            "display_date": escape_markup(dating.with_doubts()),
            "text": {"headline": text_in(record.title), "text": _text(record)},
            "group": _("Events") if record.is_event else _("Milestones"),
        }
        if end is not None and end != start:
            slide["end_date"] = _date(end)
        media = _slide_media(record, selection.remote_media if page else True)
        if media:
            slide["media"] = media
        events.append(slide)
    eras = _eras(selection)
    intro = escape_markup(presentation.description or "")
    if undated:
        named = [f"{record.title.value} ({record.id})" for record in undated]
        missing = _("Not on the timeline, for want of a date: {records}.")
        intro += f"<p>{missing.format(records=escape_markup(_('; ').join(named)))}</p>"
    return {
        "title": {"text": {"headline": escape_markup(presentation.title), "text": intro}},
        "events": events,
        "eras": eras,
    }


def _eras(selection: Selection) -> list[dict[str, Any]]:
    """The eras as bands that follow one another: each ends the day before the next may begin.

    Where an era's start is uncertain or disputed (the WSSE from mid-1997; ALOE from October or
    November 2005), the bands would overlap for the whole span of the doubt; instead each band stops
    where the next era's earliest possible day is, and its headline says the era's dates in words,
    with their doubt.
    """
    bounded = [
        (era, bounds)
        for era in selection.presentation.eras.values()
        if (bounds := era_bounds(era, selection.happenings)) is not None
    ]
    bounded.sort(key=lambda pair: pair[1][0])
    eras = []
    for number, (era, (first, own_last)) in enumerate(bounded):
        last = own_last
        if number + 1 < len(bounded):
            next_first = bounded[number + 1][1][0]
            last = min(own_last, max(next_first - timedelta(days=1), first))
        title = era.title.value
        when = era.dating.with_doubts() if era.dating else ""
        eras.append(
            {
                "start_date": _day(first),
                "end_date": _day(last),
                "text": {"headline": escape_markup(f"{title}: {when}" if when else title)},
            }
        )
    return eras


def export_timelinejs(selection: Selection) -> bytes:
    """The TimelineJS3 JSON, UTF-8."""
    return (json.dumps(timelinejs_document(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# The page loads TimelineJS from beside it and nothing from anywhere else: `font: null` keeps TimelineJS
# from fetching a font stylesheet (by default from a path outside the folder, or a CDN), and the data is
# in the page, so that it opens offline, even from a file.
TIMELINEJS_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<!-- TimelineJS 3 (https://timeline.knightlab.com) beside this page, in a folder named timeline: the
     dist folder of the npm package @knight-lab/timelinejs (timeline/css/timeline.css, its icons in
     timeline/css/icons, timeline/js/timeline.js). Nothing else is loaded. Made by aloe {version}. -->
<link rel="stylesheet" href="timeline/css/timeline.css">
<style>html, body {{ height: 100%; margin: 0; }}
body {{ display: flex; flex-direction: column; }}
h1 {{ font: bold 1.1rem/1.3 Georgia, "Times New Roman", serif; margin: .5rem 1rem; color: #1b1b1b; }}
main {{ flex: 1; min-height: 0; }} #timeline {{ width: 100%; height: 100%; }}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<div id="timeline" lang="{lang}"></div>
</main>
<script type="application/json" id="timeline-data">{data}</script>
<script src="timeline/js/timeline.js"></script>
<script>
new TL.Timeline("timeline", JSON.parse(document.getElementById("timeline-data").textContent),
                {{font: null, hash_bookmark: false{language}}});
</script>
</body>
</html>
"""


def export_timelinejs_page(selection: Selection) -> bytes:
    """A ready page for the TimelineJS data: opens offline with TimelineJS's dist folder beside it."""
    data = json_for_script(timelinejs_document(selection, page=True))
    page = TIMELINEJS_PAGE.format(
        title=escape_markup(selection.presentation.title),
        description=escape_markup(selection.presentation.description or selection.presentation.title),
        version=escape_markup(selection.version),
        lang=escape_markup(selection.presentation.lang),
        # TimelineJS's own controls in the page's language: its locale file, from beside the page too.
        language=""
        if selection.presentation.lang == "en"
        else f', language: "{escape_markup(selection.presentation.lang)}", script_path: "timeline/js"',
        data=data,
    )
    return page.encode("utf-8")
