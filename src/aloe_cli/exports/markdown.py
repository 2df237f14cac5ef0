"""A Markdown document for a wiki or a static site: eras, each with a Mermaid diagram; events; footnotes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, Happening

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~&])")  # & too: no text may become an HTML entity


def md(text: str) -> str:
    """Dataset text as literal Markdown: special characters escaped, one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def safe_url(url: str) -> str:
    """A URL that stays one autolink whatever it holds: characters Markdown or HTML read are %-encoded."""
    from urllib.parse import quote

    # Never <, >, ", `, \\, {, } or |; & stays (a query string needs it, and an autolink shows it as is).
    return quote(url, safe="/:?#[]@!$&'()*+,;=%-._~")


# Inside a quoted Mermaid label, these characters are syntax or HTML: each is written as Mermaid's entity.
_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}


def mermaid_label(text: str) -> str:
    """Dataset text as the inside of a quoted Mermaid label: one line, its syntax characters as entities."""
    return "".join(_MERMAID_ENTITIES.get(character, character) for character in " ".join(text.split()))


# How each doubt is drawn: a solid box for a date the sources agree on, a dashed one for an approximate,
# uncertain or inferred date, a dotted, shaded one for a disputed date. The label says it in words too,
# so the diagram reads in greyscale and to a screen reader.
MERMAID_CLASSES = (
    "    classDef agreed fill:#ffffff,stroke:#333333,stroke-width:2px",
    "    classDef doubtful fill:#ffffff,stroke:#333333,stroke-width:2px,stroke-dasharray:8 4",
    "    classDef disputed fill:#eeeeee,stroke:#333333,stroke-width:2px,stroke-dasharray:2 3",
)
MERMAID_LEGEND = (
    "_In the diagrams: a solid box, a date the sources agree on; dashed, an approximate, uncertain or "
    "inferred date; dotted and shaded, a date the sources dispute._"
)


def mermaid_era(records: list[Happening], lang: str) -> list[str]:
    """One era as a Mermaid flowchart that grows downward: a box per dated record, in order.

    A `timeline` diagram grows sideways, one column a record: 27 records made it 5,790 pixels wide, its
    text unreadable in a wiki's column. Downward, every box keeps its text at full size.
    """
    from aloe_cli.model.models import localized

    dated = [record for record in records if record.dates]
    if not dated:
        return []
    lines = ["```mermaid", "flowchart TD", *MERMAID_CLASSES]
    for number, record in enumerate(dated, start=1):
        label = f"{mermaid_label(_date_words(record))}<br/>{mermaid_label(localized(record.title, lang))}"
        doubt = "disputed" if record.disputed else "doubtful" if _doubtful(record) else "agreed"
        lines.append(f'    n{number}["{label}"]:::{doubt}')
    if len(dated) > 1:
        lines.append("    " + " --> ".join(f"n{number}" for number in range(1, len(dated) + 1)))
    return [*lines, "```", ""]


def _doubtful(record: Happening) -> bool:
    from aloe_cli.evidence.views import date_wording

    return bool(date_wording(record).doubts)


class Footnotes:
    """Numbered footnotes, one per distinct citation, in the order they are first used."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.labels: dict[tuple[str, str | None], str] = {}

    def cite(self, citations: list[Citation]) -> str:
        """The footnote references for these citations: '[^1][^2]'."""
        references = []
        for citation in citations:
            key = (citation.source, citation.locator)
            if key not in self.labels:
                self.labels[key] = str(len(self.labels) + 1)
            references.append(f"[^{self.labels[key]}]")
        return "".join(dict.fromkeys(references))

    def definitions(self) -> list[str]:
        """The footnote definitions, for the end of the document."""
        lines = []
        for (source_id, locator), label in self.labels.items():
            source = self.selection.lookup.sources[source_id]
            where = f", {md(locator)}" if locator else ""
            url = f" <{safe_url(source.url)}>" if source.url else ""
            lines.append(f"[^{label}]: {md(source.display_title)}{where}.{url}")
        return lines


def _date_words(record: Happening) -> str:
    from aloe_cli.evidence.views import date_cell

    return " ".join(date_cell(record, disputed_mark="(disputed)").splitlines())


def _media_lines(record: Happening, selection: Selection, notes: Footnotes) -> list[str]:
    """Each medium: an image where a page may draw it (with its alt text), else a link; then its words."""
    from aloe_cli.evidence.media import media_views

    lines = []
    for medium in media_views(record.media):
        href = safe_url(medium.href)
        if medium.drawn(selection.remote_media):
            shown = f"![{md(medium.alt)}]({href})"
            words = [md(medium.caption)] if medium.caption else []
        else:
            shown = f"[{md(medium.kind.capitalize())}: {md(medium.words)}]({href})"
            words = []
        if medium.credit:
            words.append(f"Credit: {md(medium.credit)}")
        lines.append(" ".join([shown, *words]) + notes.cite(list(medium.sources)))
    return lines


def export_markdown(selection: Selection) -> bytes:
    """The document, UTF-8."""
    from aloe_cli.evidence.views import ROLE_WORDS
    from aloe_cli.exports.common import claims_in_words, claims_to_show, era_groups
    from aloe_cli.model.models import Event, localized

    dataset, lookup = selection.dataset, selection.lookup
    notes = Footnotes(selection)
    lines = [f"# {md(dataset.title)}", ""]
    if dataset.description:
        lines += [md(dataset.description), ""]
    lines += [
        "Dates are in the sources' own words; approximate, uncertain and disputed dates are marked.",
        "",
    ]

    era_list = era_groups(selection)
    eras = [(group.id, group.title) for group in era_list]
    by_era = {group.id: group.records for group in era_list}

    if any(h.dates for h in selection.happenings):
        lines += [MERMAID_LEGEND, ""]

    for era_id, era_title in eras:
        if not by_era[era_id]:
            continue
        lines += [f"## {md(era_title)}", "", *mermaid_era(by_era[era_id], lookup.lang)]
        for record in by_era[era_id]:
            kind = "event" if isinstance(record, Event) else "milestone"
            where = "; ".join(lookup.place_name(p) for p in record.places)
            entry = f"- **{md(_date_words(record))}**: {md(localized(record.title, lookup.lang))}"
            entry += f", {md(where)}" if where else ""  # not in brackets: places carry their own
            entry += f" _{kind}_ `{record.id}`{notes.cite(record.sources)}"
            lines.append(entry)
            # Each further line its own paragraph of the item (a blank line before it), not run on.
            if record.summary:
                lines += ["", f"  {md(record.summary)}"]
            if claims_to_show(record):  # each claim with its own sources, as footnotes
                lead = "Disputed" if record.disputed else "Dates given"
                claims = "; ".join(
                    f"{md(words)}{notes.cite(cited)}" for words, cited in claims_in_words(record, lookup)
                )
                lines += ["", f"  {lead}: {claims}"]
            reasons = sorted({c.inferred for c in record.dates if c.inferred})
            if record.inferred:
                reasons.append(record.inferred)
            for reason in reasons:
                lines += ["", f"  Our reading, not a source's: {md(reason)}"]
            lines += [f"\n  {line}" for line in _media_lines(record, selection, notes)]
        lines.append("")

    events = [h for h in selection.happenings if isinstance(h, Event)]
    if events:
        lines += ["## Events", "", "| Date | Event | Role | Where | Sources |", "|---|---|---|---|---|"]
        for event in events:
            where = "; ".join(lookup.place_name(p) for p in event.places)
            cells = [_date_words(event), localized(event.title, lookup.lang), ROLE_WORDS[event.role], where]
            lines.append("| " + " | ".join(md(c) for c in cells) + f" | {notes.cite(event.sources)} |")
        lines.append("")

    if dataset.workshops:
        lines += ["## Workshops", ""]
        groups = [(c.id, localized(c.title, lookup.lang), c.description) for c in dataset.categories]
        groups.append(("", "In no category the sources give", ""))
        for category_id, title, description in groups:
            members = [
                w
                for w in dataset.workshops
                if (category_id in w.categories if category_id else not w.categories)
            ]
            if not members:
                continue
            lines += [f"### {md(title)}", ""]
            if description:
                lines += [md(description), ""]
            for workshop in members:
                phases = ", ".join(localized(lookup.phases[p].title, lookup.lang) for p in workshop.phases)
                name = md(localized(workshop.title, lookup.lang))
                lines.append(f"- {name}{f' ({md(phases)})' if phases else ''}{notes.cite(workshop.sources)}")
            lines.append("")

    if dataset.gaps:
        lines += ["## What the sources leave open", ""]
        lines += [f"- {md(gap.summary)}{notes.cite(gap.sources)}" for gap in dataset.gaps]
        lines.append("")

    lines += ["## Notes", "", *notes.definitions(), ""]
    return "\n".join(lines).encode("utf-8")
