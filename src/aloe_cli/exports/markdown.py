"""A Markdown document for a wiki or a static site: eras, each with a Mermaid diagram; events; footnotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.exports.common import NO_CATEGORY, era_groups, workshop_groups
from aloe_cli.i18n import N_, _
from aloe_cli.presentation.views import by_statement
from aloe_cli.sanitize import markdown_text

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.presentation.views import CitationView, CitedSource, HappeningView


def md(text: str) -> str:
    """Dataset text as literal Markdown: special characters escaped, one line."""
    return markdown_text(" ".join(text.split()))


def safe_url(url: str) -> str:
    """A URL that stays one autolink whatever it holds: characters Markdown or HTML read are %-encoded."""
    from urllib.parse import quote  # only a Markdown export loads it: no other output needs it

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
MERMAID_LEGEND = N_(
    "_In the diagrams: a solid box, a date the sources agree on; dashed, an approximate, uncertain or "
    "inferred date; dotted and shaded, a date the sources dispute._"
)


def mermaid_era(records: list[HappeningView]) -> list[str]:
    """One era as a Mermaid flowchart that grows downward: a box per dated record, in order.

    A `timeline` diagram grows sideways, one column a record: 27 records made it 5,790 pixels wide, its
    text unreadable in a wiki's column. Downward, every box keeps its text at full size.
    """
    dated = [(record, record.dating) for record in records if record.dating]
    lines: list[str] = []
    # A long era in several diagrams, each at most MERMAID_BOXES tall (about 1,400 px): one of 22 boxes
    # was 3,718 px, more than a screen's height; the next diagram goes on where the last one ended.
    for first in range(0, len(dated), MERMAID_BOXES):
        part = dated[first : first + MERMAID_BOXES]
        lines += ["```mermaid", "flowchart TD", *MERMAID_CLASSES]
        for number, (record, dating) in enumerate(part, start=first + 1):
            label = f"{mermaid_label(dating.one_line())}<br/>{mermaid_label(record.title.value)}"
            doubt = "disputed" if dating.disputed else "doubtful" if dating.doubtful else "agreed"
            lines.append(f'    n{number}["{label}"]:::{doubt}')
        if len(part) > 1:
            lines.append(
                "    " + " --> ".join(f"n{number}" for number in range(first + 1, first + len(part) + 1))
            )
        lines += ["```", ""]
    return lines


MERMAID_BOXES = 8  # boxes in one diagram


class Footnotes:
    """Numbered footnotes, one per distinct citation, in the order they are first used."""

    def __init__(self) -> None:
        self.labels: dict[CitedSource, str] = {}

    def cite(self, citations: tuple[CitationView, ...]) -> str:
        """The footnote references for these citations: '[^1][^2]'."""
        references = []
        for citation in citations:
            if citation.cited not in self.labels:
                self.labels[citation.cited] = str(len(self.labels) + 1)
            references.append(f"[^{self.labels[citation.cited]}]")
        return "".join(dict.fromkeys(references))

    def definitions(self) -> list[str]:
        """The footnote definitions, for the end of the document."""
        lines = []
        for cited, label in self.labels.items():
            where = f", {md(cited.locator)}" if cited.locator else ""
            url = f" <{safe_url(cited.url)}>" if cited.url else ""
            lines.append(f"[^{label}]: {md(cited.title)}{where}.{url}")
        return lines


def _date_words(record: HappeningView) -> str:
    return record.dating.one_line() if record.dating else _("undated")


def _media_lines(record: HappeningView, selection: Selection, notes: Footnotes) -> list[str]:
    """Each medium: an image where a page may draw it (with its alt text), else a link; then its words."""
    lines = []
    for medium in record.media:
        href = safe_url(medium.href)
        if medium.drawn(selection.remote_media):
            shown = f"![{md(medium.alt)}]({href})"
            words = [md(medium.caption)] if medium.caption else []
        else:
            label = _("{kind}: {words}").format(kind=md(_(medium.kind).capitalize()), words=md(medium.words))
            shown = f"[{label}]({href})"
            words = []
        if medium.credit:
            words.append(_("Credit: {credit}").format(credit=md(medium.credit)))
        lines.append(" ".join([shown, *words]) + notes.cite(medium.citations))
    return lines


def export_markdown(selection: Selection) -> bytes:
    """The document, UTF-8."""
    presentation = selection.presentation
    notes = Footnotes()
    lines = [f"# {md(presentation.title)}", ""]
    if presentation.description:
        lines += [md(presentation.description), ""]
    lines += [
        _("Dates are in the sources' own words; approximate, uncertain and disputed dates are marked."),
        "",
    ]

    era_list = era_groups(selection)
    if any(h.dating for h in selection.happenings):
        lines += [_(MERMAID_LEGEND), ""]

    for group in era_list:
        if not group.records:
            continue
        heading = md(group.title.value if group.title else _("Other"))
        lines += [f"## {heading}", "", *mermaid_era(group.records)]
        for record in group.records:
            where = record.where()
            entry = f"- **{md(_date_words(record))}**: {md(record.title.value)}"
            entry += f", {md(where)}" if where else ""  # not in brackets: places carry their own
            entry += f" _{_(record.kind)}_ `{record.id}`{notes.cite(record.citations)}"
            lines.append(entry)
            # Each further line its own paragraph of the item (a blank line before it), not run on.
            if record.summary:
                lines += ["", f"  {md(record.summary.value)}"]
            if record.role_note:
                lines += ["", "  " + _("Role: {role}").format(role=md(record.role_note.value))]
            if any(c.supports for c in record.citations):  # each statement with the sources that give it
                given = "; ".join(
                    f"{md(what)}{notes.cite(cited)}" for what, cited in by_statement(record.citations)
                )
                lines += ["", "  " + _("Sources by statement: {given}").format(given=given)]
            dating = record.dating
            if dating and dating.claims_to_show(record.citations):  # each claim with its own sources
                lead = _("Disputed: {claims}") if dating.disputed else _("Dates given: {claims}")
                claims = _("; ").join(
                    f"{md(c.words_marked(dating.lang))}{notes.cite(c.citations)}" for c in dating.claims
                )
                lines += ["", "  " + lead.format(claims=claims)]
            reasons = list(dating.readings) if dating else []
            if record.inferred:
                reasons.append(record.inferred)
            for reason in reasons:
                lines += ["", "  " + _("Our reading, not a source's: {reason}").format(reason=md(reason))]
            lines += [f"\n  {line}" for line in _media_lines(record, selection, notes)]
        lines.append("")

    events = [h for h in selection.happenings if h.is_event]
    if events:
        header = " | ".join([_("Date"), _("Event"), _("Role"), _("Where"), _("Sources")])
        lines += [f"## {_('Events')}", "", f"| {header} |", "|---|---|---|---|---|"]
        for event in events:
            cells = [_date_words(event), event.title.value, event.role_words or "", event.where()]
            lines.append("| " + " | ".join(md(c) for c in cells) + f" | {notes.cite(event.citations)} |")
        lines.append("")

    workshops = presentation.workshops
    if workshops:
        lines += [f"## {_('Workshops')}", ""]
        for category in workshop_groups(presentation):
            lines += [f"### {md(category.title.value if category.title else _(NO_CATEGORY))}", ""]
            if category.description:
                lines += [md(category.description.value), ""]
            for workshop in category.members:
                phases = ", ".join(phase.label for phase in workshop.phases)
                name = md(workshop.title.value)
                lines.append(
                    f"- {name}{f' ({md(phases)})' if phases else ''}{notes.cite(workshop.citations)}"
                )
            lines.append("")

    if presentation.gaps:
        lines += [f"## {_('What the sources leave open')}", ""]
        lines += [f"- {md(gap.summary.value)}{notes.cite(gap.citations)}" for gap in presentation.gaps]
        lines.append("")

    lines += [f"## {_('Notes')}", "", *notes.definitions(), ""]
    return "\n".join(lines).encode("utf-8")
