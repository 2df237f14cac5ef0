"""A Markdown document for a wiki or a static site: eras, events, workshops, footnotes, a Mermaid timeline."""

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


# Words that open a line of Mermaid's own (`title`, `section` ...): a label starting so is read as text
# once a word joiner (U+2060, invisible) stands before it.
MERMAID_KEYWORDS = re.compile(r"^(title|section|timeline|acc(title|descr)|%%)", re.IGNORECASE)


def mermaid_text(text: str) -> str:
    """Text safe inside a Mermaid timeline line, where ':' separates events and '#' '%' ';' are syntax."""
    cleaned = " ".join(text.split())
    for character, replacement in (
        (":", " -"),
        (";", ","),
        ("#", "no. "),
        ("%", " percent"),
        ("<", "‹"),
        (">", "›"),
    ):
        cleaned = cleaned.replace(character, replacement)
    return "\u2060" + cleaned if MERMAID_KEYWORDS.match(cleaned) else cleaned


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

    lines += ["## Timeline", "", "```mermaid", "timeline", f"    title {mermaid_text(dataset.title)}"]
    for era_id, era_title in eras:
        dated = [h for h in by_era[era_id] if h.dates]
        if dated:
            lines.append(f"    section {mermaid_text(era_title)}")
            lines += [
                f"        {mermaid_text(_date_words(h))} : {mermaid_text(localized(h.title, lookup.lang))}"
                for h in dated
            ]
    lines += ["```", ""]

    for era_id, era_title in eras:
        if not by_era[era_id]:
            continue
        lines += [f"## {md(era_title)}", ""]
        for record in by_era[era_id]:
            kind = "event" if isinstance(record, Event) else "milestone"
            where = "; ".join(lookup.place_name(p) for p in record.places)
            entry = f"- **{md(_date_words(record))}**: {md(localized(record.title, lookup.lang))}"
            entry += f", {md(where)}" if where else ""  # not in brackets: places carry their own
            entry += f" _{kind}_ `{record.id}`{notes.cite(record.sources)}"
            lines.append(entry)
            if record.summary:
                lines.append(f"  {md(record.summary)}")
            if claims_to_show(record):  # each claim with its own sources, as footnotes
                lead = "Disputed" if record.disputed else "Dates given"
                claims = "; ".join(
                    f"{md(words)}{notes.cite(cited)}" for words, cited in claims_in_words(record, lookup)
                )
                lines.append(f"  {lead}: {claims}")
            reasons = sorted({c.inferred for c in record.dates if c.inferred})
            if record.inferred:
                reasons.append(record.inferred)
            lines += [f"  Our reading, not a source's: {md(reason)}" for reason in reasons]
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
