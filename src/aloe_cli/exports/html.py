"""One self-contained web page: an overview chart, the chronology by era, workshops, sources; no script.

The page is in English (aloe's own words: headings, labels, dates); each text from the dataset in another
language carries its own `lang`. Dates are `<time>` elements with the start at the source's precision.
The dataset is also embedded as JSON-LD (the same graph as `aloe export --to jsonld`), which browsers do
not run. Checked by the W3C Nu HTML checker and axe-core in the tests, at 1400 and 400 pixels.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from aloe_cli.exports.common import NO_CATEGORY, era_groups, json_for_script, text_in, workshop_groups
from aloe_cli.exports.jsonld import jsonld_document
from aloe_cli.i18n import N_, _, current_language
from aloe_cli.presentation.dating import date_text
from aloe_cli.presentation.views import by_statement
from aloe_cli.questions.chart import build_chart
from aloe_cli.renderers.chart_svg import chart_svg
from aloe_cli.sanitize import escape_markup

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.exports.common import EraGroup
    from aloe_cli.presentation.dating import ClaimView, Dating
    from aloe_cli.presentation.views import (
        CitationView,
        HappeningView,
        MediumView,
        PhaseView,
        Text,
        WorkshopView,
    )

# Readable without JavaScript, printable, dark text on white (contrast above 7:1), no outside resource.
STYLE = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; --accent: #0b5394; --flag: #7a3e00; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.55 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff;
       hyphens: auto; overflow-wrap: break-word; }
h1, h2, h3, th, nav, .kind, .date { hyphens: manual; }
.address { overflow-wrap: anywhere; hyphens: none; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
header { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1.5rem 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 0 0 .2rem; }
a { color: var(--accent); }
a:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
ol.chronology { list-style: none; padding: 0; }
ol.chronology > li { border-left: 3px solid var(--rule); padding: .2rem 0 .8rem 1rem; margin: 0 0 .6rem; }
ol.chronology > li:target { border-left-color: var(--accent); background: #f3f7fb; }
.date { font-weight: bold; color: var(--muted); margin: 0; }
.flag { font-weight: normal; font-style: italic; color: var(--flag); }
.kind { font: .8rem/1 sans-serif; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.sources, .meta { font-size: .9rem; color: var(--muted); margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; }
figure.overview { margin: 1.5rem 0 0; overflow-x: auto; }
figure.overview svg { width: 960px; max-width: none; height: auto; display: block; }
@media (min-width: 1010px) { figure.overview { margin-left: calc((100% - 960px) / 2);
                                               margin-right: calc((100% - 960px) / 2); } }
figure.overview figcaption { font-size: .9rem; color: var(--muted); }
figure.medium { margin: .5rem 0; }
figure.medium img { max-width: 100%; height: auto; display: block; }
figure.medium figcaption { font-size: .9rem; color: var(--muted); }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); padding: .3rem .5rem; }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding: 1rem 1.25rem; color: var(--muted); }
@media print {
  nav { display: none; }
  a { color: inherit; }
  a[href^="http"]:not(.address)::after { content: " <" attr(href) ">"; font-size: .8em; }
  ol.chronology > li { break-inside: avoid; }
}
"""


def _english(text: str) -> str:
    """Dataset text written only in English (a summary, a note): marked so on a page in another language."""
    if current_language() == "en":
        return escape_markup(text)
    return f'<span lang="en">{escape_markup(text)}</span>'


def _cite(citation: CitationView) -> str:
    cited = citation.cited
    words = escape_markup(cited.words())
    # An imported file is said to be one wherever it is cited: it is only as good as its own sources.
    imported = (
        f' <span class="flag">{escape_markup(_("(an imported file)"))}</span>' if cited.imported else ""
    )
    if cited.url:
        return f'<a href="{escape_markup(cited.url)}">{words}</a>{imported}'
    return f'<a href="#source-{escape_markup(cited.source)}">{words}</a>{imported}'


def _sources(citations: tuple[CitationView, ...]) -> str:
    """'Sources: summary: A, B. title, places: C.' — each statement with the sources that give it."""
    if not citations:
        return ""
    if not any(c.supports for c in citations):
        return f'<p class="sources">{_("Sources:")} {_("; ").join(_cite(c) for c in citations)}</p>'
    parts = [
        _("{heading}:").format(heading=escape_markup(statements))
        + f" {_('; ').join(_cite(c) for c in cited)}"
        for statements, cited in by_statement(citations)
    ]
    return f'<p class="sources">{_("Sources:")} {". ".join(parts)}.</p>'


def _date(dating: Dating | None, own: tuple[CitationView, ...]) -> str:
    """The date in the source's words, the exact days where a source gives them, and flags for doubt."""
    if dating is None:
        return f'<p class="date">{_("Undated")}</p>'
    start = dating.shown.start_parts
    # The date said once: the span a dispute covers, then each claim; each agreeing claim with its
    # own sources ('2002 (A story…, ¶6); 31 January to 5 February 2002 (Scoop…)'); else the words.
    if dating.disputed:
        words = escape_markup(dating.span_words())
    elif dating.claims_to_show(own):
        words = _claims(dating)
    else:
        words = escape_markup(dating.text())
    if start:  # the start at the precision its source gives: 2002, 2005-10 or 2001-06-10
        words = f'<time datetime="{date_text(start)}">{words}</time>'
    parts = [words]
    if dating.disputed:
        parts.append(f'<span class="flag">{_("disputed: {claims}").format(claims=_claims(dating))}</span>')
    else:
        parts += [f'<span class="flag">{escape_markup(doubt)}</span>' for doubt in dating.doubt_words]
    parts += [
        f'<span class="flag">{_("our reading: {reason}").format(reason=_english(reason))}</span>'
        for reason in dating.readings
    ]
    return f'<p class="date">{" ".join(parts)}</p>'


def _claims(dating: Dating) -> str:
    """'October 2005 (A story..., ¶9); 22–26 November 2005 ([RIPESS ...])', each source a link."""
    return _("; ").join(_claim(claim) for claim in dating.claims)


def _claim(claim: ClaimView) -> str:
    """'October 2005 (A story..., ¶9)': the claim's words, then its sources as links."""
    sources = _("; ").join(_cite(c) for c in claim.citations) or _("its sources")
    return f"{escape_markup(claim.words)} ({sources}){escape_markup(claim.doubt_words(current_language()))}"


def _medium(medium: MediumView, remote_media: bool) -> str:
    """A figure: the image (lazy, with its alt text) or a link, then its caption, credit and sources."""
    href = escape_markup(medium.href)
    drawn = medium.drawn(remote_media)
    if drawn:
        shown = f'<img src="{href}" alt="{escape_markup(medium.alt)}" loading="lazy" decoding="async">'
    else:
        where = _(" (on another site: not loaded)") if medium.picture and medium.remote else ""
        label = escape_markup(
            _("{kind}: {words}").format(kind=_(medium.kind).capitalize(), words=medium.words)
        )
        shown = f'<a href="{href}">{label}</a>{where}'
    words = [escape_markup(medium.caption)] if medium.caption and drawn else []
    if medium.credit:
        credit = _("Credit: {credit}").format(credit=escape_markup(medium.credit))
        words.append(f'<span class="credit">{credit}</span>')
    if medium.citations:
        words.append(_("Source: {sources}").format(sources=_("; ").join(_cite(c) for c in medium.citations)))
    caption = f"<figcaption>{'<br>'.join(words)}</figcaption>" if words else ""
    return f'<figure class="medium">{shown}{caption}</figure>'


def _happening(record: HappeningView, remote_media: bool = False) -> str:
    kind = _("Event") if record.is_event else _("Milestone")
    items = [
        f'<li id="{escape_markup(record.id)}"><article aria-labelledby="{escape_markup(record.id)}-title">',
        f'<span class="kind">{kind}</span>',
        f'<h3 id="{escape_markup(record.id)}-title">{text_in(record.title)}</h3>',
        _date(record.dating, record.citations),
    ]
    if record.summary:
        items.append(f"<p>{text_in(record.summary)}</p>")
    meta = []
    if record.places_are:  # none for a milestone no source places: it may be no gathering
        places = record.where_with(lambda place: _place(place.name, place.label))
        meta.append(_("Where: {places}").format(places=places))
    if record.people:
        meta.append(_("Who: {people}").format(people=escape_markup(record.people_names())))
    if record.role_note:
        meta.append(_("Role: {role}").format(role=text_in(record.role_note)))
    if record.note:
        meta.append(_("Note: {note}").format(note=_english(record.note)))
    if record.inferred:
        meta.append(f'<span class="flag">{_("Our reading:")}</span> ' + _english(record.inferred))
    items += [f'<p class="meta">{m}</p>' for m in meta]
    items += [_medium(medium, remote_media) for medium in record.media]
    items.append(_sources(record.citations))
    items.append("</article></li>")
    return "\n".join(i for i in items if i)


def _place(name: Text, label: str) -> str:
    """'Porto Alegre (Brazil)', the name marked with its language."""
    return text_in(name) + escape_markup(label[len(name.value) :])


def _workshop(workshop: WorkshopView, *, anchored: bool = True) -> str:
    others = ", ".join(
        escape_markup(n.name) + (_(" (probably the same workshop: our reading)") if n.inferred else "")
        for n in workshop.other_names
    )
    notes = [_english(workshop.note) if workshop.note else ""]
    if workshop.inferred:
        notes.append(f'<span class="flag">{_("Our reading:")}</span> {_english(workshop.inferred)}')
    return (
        (f'<tr id="{escape_markup(workshop.id)}">' if anchored else "<tr>")
        + f"<td>{text_in(workshop.title)}"
        + (f'<br><span class="meta">{_("also: {names}").format(names=others)}</span>' if others else "")
        + f"</td><td>{' '.join(n for n in notes if n)}</td>"
        + f"<td>{_('; ').join(_cite(c) for c in workshop.citations)}</td></tr>"
    )


def _phases(phases: list[PhaseView], workshops: list[WorkshopView]) -> list[str]:
    """Each phase of the programme once, with its dates, count and workshops (not a column repeating it)."""
    if not phases:
        return []
    rows = []
    for phase in phases:
        members = [w for w in workshops if any(p.id == phase.id for p in w.phases)]
        names = ", ".join(f'<a href="#{escape_markup(w.id)}">{text_in(w.title)}</a>' for w in members)
        counted = (
            _("{count} counted by the sources").format(count=phase.workshops_counted)
            if phase.workshops_counted
            else ""
        )
        rows.append(
            f'<tr><th scope="row">{text_in(phase.title)}</th><td>{_date(phase.dating, phase.citations)}'
            f"{escape_markup(counted)}</td><td>{names or _('none named')}</td></tr>"
        )
    return [
        f'<h3 id="phases">{_("The phases of the programme")}</h3>',
        f'<table><thead><tr><th scope="col">{_("Phase")}</th><th scope="col">{_("When")}</th>'
        f'<th scope="col">{_("Workshops named")}</th></tr></thead><tbody>',
        *rows,
        "</tbody></table>",
    ]


def _overview(selection: Selection) -> str:
    """The decade chart as a figure at the top: eras and organisations as bars, each mark a link."""
    chart = build_chart(selection.presentation, None, None)
    on_page = {record.id for record in selection.happenings}
    chart = replace(chart, marks=[mark for mark in chart.marks if mark.record_id in on_page], outside=[])
    title = _("The decade at a glance, {first}-{last}").format(first=chart.first_year, last=chart.last_year)
    caption = _(
        "Solid bars: dates the sources agree on; hatched: approximate, uncertain or disputed; dotted to a "
        "question mark: no source gives the end. Each mark links to its record below."
    )
    return (
        # At its own size, so that no text is smaller than 12 px; on a narrow screen it scrolls sideways.
        f'<figure class="overview" tabindex="0" aria-label="{escape_markup(title)}">'
        f"{chart_svg(chart, title, link_marks=True)}"
        f"<figcaption>{caption}</figcaption>"
        "</figure>"
    )


INTRODUCTION = N_(
    "Dates in the sources' own words; approximate, uncertain and disputed dates are marked, and so is what "
    "is our reading rather than a source's statement. A title in [square brackets] describes a page whose "
    "own title was not read."
)


def export_html(selection: Selection) -> bytes:
    """The page, UTF-8: every text from the dataset escaped, so none can become markup or script."""
    presentation = selection.presentation
    eras = era_groups(selection)
    linked_data = json_for_script(jsonld_document(selection))
    description = presentation.description or presentation.title
    body: list[str] = []

    def era_title(group: EraGroup) -> str:
        return text_in(group.title) if group.title else _("Other")  # "Other": aloe's own word

    nav = [f'<li><a href="#era-{escape_markup(era.id)}">{era_title(era)}</a></li>' for era in eras]
    nav += [
        f'<li><a href="#workshops">{_("Workshops")}</a></li>',
        f'<li><a href="#gaps">{_("What the sources leave open")}</a></li>',
        f'<li><a href="#sources">{_("Sources")}</a></li>',
    ]
    for era in eras:
        era_id, records = era.id, era.records
        body.append(
            f'<section id="era-{escape_markup(era_id)}" aria-labelledby="era-{escape_markup(era_id)}-h">'
        )
        body.append(f'<h2 id="era-{escape_markup(era_id)}-h">{era_title(era)}</h2>')
        body.append(
            '<ol class="chronology">'
            + "\n".join(_happening(r, selection.remote_media) for r in records)
            + "</ol>"
        )
        body.append("</section>")
    body.append(
        f'<section id="workshops" aria-labelledby="workshops-h"><h2 id="workshops-h">{_("Workshops")}</h2>'
    )
    anchored: set[str] = set()
    for group in workshop_groups(presentation):
        category_id = group.category_id
        anchor = f' id="category-{escape_markup(category_id)}"' if category_id else ' id="category-none"'
        title = text_in(group.title) if group.title else escape_markup(_(NO_CATEGORY))
        body.append(f"<h3{anchor}>{title}</h3>")
        if group.description:
            body.append(f"<p>{text_in(group.description)}</p>")
        body.append(
            f'<table><thead><tr><th scope="col">{_("Workshop")}</th>'
            f'<th scope="col">{_("Note")}</th><th scope="col">{_("Sources")}</th></tr></thead><tbody>'
        )
        # A workshop in two categories has two rows; only its first carries its id (ids are unique).
        body.append("\n".join(_workshop(w, anchored=w.id not in anchored) for w in group.members))
        anchored.update(w.id for w in group.members)
        body.append("</tbody></table>")
    body += _phases(list(presentation.phases.values()), presentation.workshops)
    body.append("</section>")
    body.append(
        '<section id="gaps" aria-labelledby="gaps-h">'
        f'<h2 id="gaps-h">{_("What the sources leave open")}</h2><ul>'
    )
    on_the_page = {h.id for h in selection.happenings}
    for gap in presentation.gaps:
        listed = ""
        if gap.citations and all(c.cited.imported for c in gap.citations):  # what rests on an import
            named = ", ".join(
                f'<a href="#{escape_markup(r)}">{escape_markup(r)}</a>'
                if r in on_the_page
                else escape_markup(r)
                for r in gap.about
            )
            listed = f' <span class="meta">{_("Records: {ids}.").format(ids=named)}</span>'
        summary = text_in(gap.summary)
        body.append(f'<li id="{escape_markup(gap.id)}">{summary}{listed} {_sources(gap.citations)}</li>')
    body.append("</ul></section>")
    body.append(
        f'<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">{_("Sources")}</h2><ol>'
    )
    for source in presentation.sources:
        address = escape_markup(source.url) if source.url else ""
        link = f' <a class="address" href="{address}">{address}</a>' if source.url else ""
        kind = _(" (primary source)") if source.kind == "primary" else ""
        title = escape_markup(source.title)
        body.append(f'<li id="source-{escape_markup(source.id)}">{title}{kind}{link}</li>')
    body.append("</ol></section>")
    footer = _("Made with aloe {version}. Each fact cites its source.").format(
        version=escape_markup(selection.version)
    )
    page = f"""<!doctype html>
<html lang="{escape_markup(current_language())}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aloe {escape_markup(selection.version)}">
<meta name="description" content="{escape_markup(" ".join(description.split()))}">
<title>{escape_markup(presentation.title)}</title>
<style>{STYLE}</style>
<script type="application/ld+json">{linked_data}</script>
</head>
<body>
<header>
<h1>{text_in(presentation.title_text)}</h1>
{f"<p>{text_in(presentation.description_text)}</p>" if presentation.description_text else ""}
<p>{_(INTRODUCTION)}</p>
<nav aria-label="{_("Contents")}"><ul>{"".join(nav)}</ul></nav>
{_overview(selection)}
</header>
<main>
{chr(10).join(body)}
</main>
<footer><p>{footer}</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")
