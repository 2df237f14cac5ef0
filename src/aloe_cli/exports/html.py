"""One self-contained web page: the chronology by era, workshops by category, sources; no script."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aloe_cli.exports.common import citation_words, claims_to_show, era_groups

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, DatedRecord, Happening, Workshop

# Readable without JavaScript, printable, dark text on white (contrast above 7:1), no outside resource.
STYLE = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c8c8c8; --accent: #0b5394; --flag: #7a3e00; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.55 Georgia, "Times New Roman", serif; color: var(--ink); background: #fff; }
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
.sources, .meta, .id { font-size: .9rem; color: var(--muted); margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); padding: .3rem .5rem; }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding: 1rem 1.25rem; color: var(--muted); }
@media print {
  nav { display: none; }
  a { color: inherit; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; }
  ol.chronology > li { break-inside: avoid; }
}
"""


def _cite(citation: Citation, selection: Selection) -> str:
    source = selection.lookup.sources[citation.source]
    words = escape(citation_words(citation, selection.lookup))
    if source.url:
        return f'<a href="{escape(source.url)}">{words}</a>'
    return f'<a href="#source-{escape(source.id)}">{words}</a>'


def _sources(citations: list[Citation], selection: Selection) -> str:
    if not citations:
        return ""
    return f'<p class="sources">Sources: {"; ".join(_cite(c, selection) for c in citations)}</p>'


def _date(record: DatedRecord, selection: Selection) -> str:
    """The date in the source's words, the exact days where a source gives them, and flags for doubt."""
    from aloe_cli.evidence.views import date_wording

    if not record.dates:
        return '<p class="date">Undated</p>'
    wording = date_wording(record)
    parts = [escape(wording.text())]
    parts += [f'<span class="flag">{escape(doubt)}</span>' for doubt in wording.doubts]
    if record.disputed:
        parts.append(f'<span class="flag">disputed: {_claims(record, selection)}</span>')
    elif claims_to_show(record):  # claims that agree: still each with its own source
        parts.append(f'<span class="claims">{_claims(record, selection)}</span>')
    reasons = {claim.inferred for claim in record.dates if claim.inferred}
    parts += [f'<span class="flag">our reading: {escape(reason)}</span>' for reason in sorted(reasons)]
    return f'<p class="date">{" ".join(parts)}</p>'


def _claims(record: DatedRecord, selection: Selection) -> str:
    """'October 2005 (A story..., ¶9); 22–26 November 2005 ([RIPESS ...])', each source a link."""
    return "; ".join(
        f"{escape(claim.words)} ({'; '.join(_cite(c, selection) for c in claim.sources) or 'its sources'})"
        for claim in record.dates
    )


def _happening(record: Happening, selection: Selection) -> str:
    from aloe_cli.model.models import Event, localized

    lookup = selection.lookup
    kind = "Event" if isinstance(record, Event) else "Milestone"
    items = [
        f'<li id="{escape(record.id)}"><article aria-labelledby="{escape(record.id)}-title">',
        f'<span class="kind">{kind}</span>',
        f'<h3 id="{escape(record.id)}-title">{escape(localized(record.title, lookup.lang))}</h3>',
        _date(record, selection),
    ]
    if record.summary:
        items.append(f"<p>{escape(record.summary)}</p>")
    meta = []
    if record.places:
        meta.append("Where: " + escape("; ".join(lookup.place_name(p) for p in record.places)))
    if record.people:
        meta.append("Who: " + escape(", ".join(lookup.people[p].name for p in record.people)))
    if isinstance(record, Event) and record.role_note:
        meta.append("Role: " + escape(record.role_note))
    if record.note:
        meta.append("Note: " + escape(record.note))
    if record.inferred:
        meta.append('<span class="flag">Our reading:</span> ' + escape(record.inferred))
    items += [f'<p class="meta">{m}</p>' for m in meta]
    items.append(_sources(record.sources, selection))
    items.append(f'<p class="id">Record <a href="#{escape(record.id)}">{escape(record.id)}</a></p>')
    items.append("</article></li>")
    return "\n".join(i for i in items if i)


def _workshop(workshop: Workshop, selection: Selection, *, anchored: bool = True) -> str:
    from aloe_cli.model.models import localized

    lookup = selection.lookup
    phases = ", ".join(localized(lookup.phases[p].title, lookup.lang) for p in workshop.phases)
    others = ", ".join(
        n.name + (" (probably the same workshop: our reading)" if n.inferred else "")
        for n in workshop.other_names
    )
    notes = [escape(workshop.note or "")]
    if workshop.inferred:
        notes.append(f'<span class="flag">Our reading:</span> {escape(workshop.inferred)}')
    return (
        (f'<tr id="{escape(workshop.id)}">' if anchored else "<tr>")
        + f"<td>{escape(localized(workshop.title, lookup.lang))}"
        + (f'<br><span class="meta">also: {escape(others)}</span>' if others else "")
        + f"</td><td>{escape(phases)}</td><td>{' '.join(n for n in notes if n)}</td>"
        + f"<td>{'; '.join(_cite(c, selection) for c in workshop.sources)}</td></tr>"
    )


def export_html(selection: Selection) -> bytes:
    """The page, UTF-8: every text from the dataset escaped, so none can become markup or script."""
    from aloe_cli.model.models import localized

    dataset, lookup = selection.dataset, selection.lookup
    lang = escape(lookup.lang)
    eras = era_groups(selection)
    body: list[str] = []
    nav = [f'<li><a href="#era-{escape(era.id)}">{escape(era.title)}</a></li>' for era in eras]
    nav += [
        '<li><a href="#workshops">Workshops</a></li>',
        '<li><a href="#gaps">What the sources leave open</a></li>',
        '<li><a href="#sources">Sources</a></li>',
    ]
    for era in eras:
        era_id, era_title, records = era.id, era.title, era.records
        body.append(f'<section id="era-{escape(era_id)}" aria-labelledby="era-{escape(era_id)}-h">')
        body.append(f'<h2 id="era-{escape(era_id)}-h">{escape(era_title)}</h2>')
        body.append(
            '<ol class="chronology">' + "\n".join(_happening(r, selection) for r in records) + "</ol>"
        )
        body.append("</section>")
    body.append('<section id="workshops" aria-labelledby="workshops-h"><h2 id="workshops-h">Workshops</h2>')
    groups = [(c.id, localized(c.title, lookup.lang), c.description) for c in dataset.categories]
    groups.append(("", "In no category the sources give", ""))
    anchored: set[str] = set()
    for category_id, title, description in groups:
        members = [
            w for w in dataset.workshops if (category_id in w.categories if category_id else not w.categories)
        ]
        if not members:
            continue
        anchor = f' id="category-{escape(category_id)}"' if category_id else ' id="category-none"'
        body.append(f"<h3{anchor}>{escape(title)}</h3>")
        if description:
            body.append(f"<p>{escape(description)}</p>")
        body.append(
            '<table><thead><tr><th scope="col">Workshop</th><th scope="col">Phases</th>'
            '<th scope="col">Note</th><th scope="col">Sources</th></tr></thead><tbody>'
        )
        # A workshop in two categories has two rows; only its first carries its id (ids are unique).
        body.append("\n".join(_workshop(w, selection, anchored=w.id not in anchored) for w in members))
        anchored.update(w.id for w in members)
        body.append("</tbody></table>")
    body.append("</section>")
    body.append(
        '<section id="gaps" aria-labelledby="gaps-h"><h2 id="gaps-h">What the sources leave open</h2><ul>'
    )
    body += [
        f'<li id="{escape(g.id)}">{escape(g.summary)} {_sources(g.sources, selection)}</li>'
        for g in dataset.gaps
    ]
    body.append("</ul></section>")
    body.append('<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Sources</h2><ol>')
    for source in dataset.sources:
        link = f' <a href="{escape(source.url)}">{escape(source.url)}</a>' if source.url else ""
        kind = " (primary source)" if source.kind == "primary" else ""
        body.append(f'<li id="source-{escape(source.id)}">{escape(source.display_title)}{kind}{link}</li>')
    body.append("</ol></section>")
    page = f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="aloe {escape(selection.version)}">
<title>{escape(dataset.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{escape(dataset.title)}</h1>
{f"<p>{escape(dataset.description)}</p>" if dataset.description else ""}
<p>Dates in the sources' own words; approximate, uncertain and disputed dates are marked, and so is
what is our reading rather than a source's statement. A title in [square brackets] describes a page
whose own title was not read.</p>
<nav aria-label="Contents"><ul>{"".join(nav)}</ul></nav>
</header>
<main>
{chr(10).join(body)}
</main>
<footer><p>Made with aloe {escape(selection.version)}. Each fact cites its source.</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")
