"""Listing formats: one Enum, one pure renderer per member (listing in, text or blocks for people out)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from aloe_cli.renderers.blocks import Block, Blocks, Column, Paragraph, Piece, Pieces, TableBlock
from aloe_cli.sanitize import one_line, printable, spreadsheet_cell

if TYPE_CHECKING:  # the models are imported only when a listing is drawn
    from aloe_cli.evidence.views import CitedSource, ClaimNote, ClaimsNote, Listing


class Format(StrEnum):
    """The output formats every listing command accepts."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    markdown = "markdown"


def render_json(listing: Listing) -> str:
    """A JSON array, one object per record, each on a line of its own.

    Not `indent=2`: with an indent the `json` module falls back to its pure-Python encoder, about
    ten times slower on large answers.
    """
    listing = listing.for_programs()
    if not listing.records:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(record, ensure_ascii=False) for record in listing.records) + "\n]\n"


def render_jsonl(listing: Listing) -> str:
    """One JSON object per line."""
    listing = listing.for_programs()
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in listing.records)


def render_yaml(listing: Listing) -> str:
    """A YAML list of the same objects as JSON."""
    listing = listing.for_programs()
    if not listing.records:
        return "[]\n"
    return plain_yaml(listing.records)


def plain_yaml(document: Any) -> str:
    """YAML that aloe's own reader takes back: no anchors or aliases where objects are shared."""
    import yaml

    class PlainDumper(yaml.SafeDumper):
        """Writes a shared object out again wherever it appears (aloe refuses aliases)."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    return str(yaml.dump(document, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=100))


def flat_value(value: Any) -> str:
    """A JSON value as one CSV cell: lists joined with '; ', citations as 'source locator'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(flat_value(item) for item in value)
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        if "source" in value:
            return " ".join(str(part) for part in (value["source"], value.get("locator")) if part)
        if "date" in value:  # a claim: its value, its own sources, and whether it is our reading
            cited = ", ".join(flat_value(source) for source in value.get("sources", []))
            reading = " (our reading)" if value.get("inferred") else ""
            return f"{value['date']}" + (f" [{cited}]" if cited else "") + reading
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render_csv(listing: Listing) -> str:
    """A CSV table of the records' fields (header only when nothing matched)."""
    listing = listing.for_programs()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    fields = list(listing.fields)
    writer.writerow(fields)
    for record in listing.records:
        get = record.get
        writer.writerow(
            [
                spreadsheet_cell(value if type(value) is str else flat_value(value))
                for value in map(get, fields)
            ]
        )
    text = buffer.getvalue()
    # Control characters are replaced once, over the whole text: the CSV's own newlines are kept.
    return printable(text)


class Apparatus:
    """The numbered sources of a listing, as a scholarly apparatus; rows and claims refer to the numbers.

    Each source (and place in it) is numbered once, in the order it is first cited.
    """

    def __init__(self, listing: Listing) -> None:
        self.numbers: dict[CitedSource, int] = {}
        self.markers = [self.mark(row) for row in listing.citations] if listing.show_sources else []
        # Row by row, the sources first cited there: a table lists them under the section they open.
        self.new_in_row: list[list[CitedSource]] = [[] for _ in self.markers]
        seen: set[CitedSource] = set()
        for row_number, row in enumerate(listing.citations if self.markers else []):
            for cited in row:
                if cited not in seen:
                    seen.add(cited)
                    self.new_in_row[row_number].append(cited)

    def entries(self, rows: range) -> str:
        """'[1] story ¶6 — A story... <url>' for each source first cited in these rows, a line each."""
        first = [cited for row in rows for cited in self.new_in_row[row]]
        return "\n".join(f"[{self.numbers[cited]}] {cited.full()}" for cited in first)

    def number(self, cited: CitedSource) -> int:
        """The number of a source (a new one the first time it is cited)."""
        return self.numbers.setdefault(cited, len(self.numbers) + 1)

    def mark(self, row: tuple[CitedSource, ...]) -> str:
        """'1, 4': the numbers of a row's sources."""
        return ", ".join(str(self.number(cited)) for cited in row)

    def with_column(self, listing: Listing) -> Listing:
        """The listing with a Sources column before its ID column (or last), holding the markers."""
        if not self.markers:
            return listing
        at = len(listing.columns) - 1 if listing.columns[-1] == "ID" else len(listing.columns)
        widths = [*listing.widths, *[1] * (len(listing.columns) - len(listing.widths))]
        return replace(
            listing,
            columns=(*listing.columns[:at], "Sources", *listing.columns[at:]),
            widths=(*widths[:at], 1, *widths[at:]),
            id_columns=(*listing.id_columns, at),  # "1, 12": numbers are never broken either
            cells=[(*c[:at], marker, *c[at:]) for c, marker in zip(listing.cells, self.markers, strict=True)],
        )

    def claim(self, claim: ClaimNote) -> str:
        """'22–26 November 2005 [7]', or with the sources named when there is no apparatus."""
        if not self.markers:
            return claim.named()
        cited = ", ".join(str(self.number(c)) for c in claim.sources)
        cited = f"[{cited}]" if cited else "[its record's sources]"
        return f"{claim.words} {cited}" + (" (our reading)" if claim.inferred else "")

    def claims(self, note: ClaimsNote) -> str:
        """'dakar-2005: October 2005 [3]; 22–26 November 2005 [7]'."""
        return f"{note.record_id}: " + "; ".join(self.claim(claim) for claim in note.claims)


def _markdown_cell(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return "<br>".join(one_line(line) for line in escaped.splitlines()) or " "


def render_markdown(listing: Listing) -> str:
    """Markdown tables a wiki takes as they are, one per group, under a heading."""
    listing = listing.for_people()
    lines = [f"# {_markdown_cell(listing.title)}", ""]
    if not listing.cells:
        return "\n".join([*lines, "No records match.", ""])
    apparatus = Apparatus(listing)
    disputes = [apparatus.claims(n) for n in listing.for_people().notes if n.disputed]  # numbered first
    agreeing = [apparatus.claims(n) for n in listing.notes if not n.disputed]
    listing = apparatus.with_column(listing)
    sources_column = listing.columns.index("Sources") if apparatus.markers else -1
    group: str | object | None = object()
    for row_group, cells in zip(listing.groups, listing.cells, strict=True):
        if row_group != group:
            group = row_group
            if row_group is not None:
                lines += ["", f"## {_markdown_cell(row_group)}", ""]
            lines += ["| " + " | ".join(listing.columns) + " |", "|" + "---|" * len(listing.columns)]
        shown = [
            "".join(f"[^{n.strip()}]" for n in cell.split(",") if n.strip())
            if position == sources_column
            else _markdown_cell(cell)
            for position, cell in enumerate(cells)
        ]
        lines.append("| " + " | ".join(shown) + " |")
    if listing.legend:
        lines += ["", f"_{_markdown_cell(listing.legend)}_"]
    if disputes:
        lines += ["", "**Disputed dates** (each claim with its own sources)", ""]
        lines += [f"- {_markdown_cell(dispute)}" for dispute in disputes]
    if agreeing:
        lines += ["", "**Dates given by several sources** (each with its own)", ""]
        lines += [f"- {_markdown_cell(claims)}" for claims in agreeing]
    if apparatus.numbers:
        lines += ["", *(f"[^{n}]: {_markdown_cell(cited.full())}" for cited, n in apparatus.numbers.items())]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


WIDE_ENOUGH_FOR_ID_COLUMN = 120


def render_table(listing: Listing) -> Blocks:
    """Tables, one per group, each followed by the sources first cited in it; every cell literal text."""
    people = listing.for_people()
    return Blocks(lambda width: _listing_blocks(people, width))


def _listing_blocks(listing: Listing, width: int) -> list[Block]:
    """The listing laid out for a width: on a narrow screen the ids go under the titles."""
    apparatus = Apparatus(listing)
    disputes = [apparatus.claims(n) for n in listing.notes if n.disputed]  # numbered first
    agreeing = [apparatus.claims(n) for n in listing.notes if not n.disputed]
    listing = apparatus.with_column(listing)
    separate_ids = width >= WIDE_ENOUGH_FOR_ID_COLUMN or listing.columns[-1] != "ID"
    fixed = _id_widths(listing, width, separate_ids)
    headers = listing.columns if separate_ids else listing.columns[:-1]
    columns = []
    for position, header in enumerate(headers):
        if header == "ID":  # an id is copied whole into `aloe show`: never broken
            columns.append(Column(header, no_wrap=True, style="cyan"))
        elif separate_ids:
            columns.append(Column(header))
        elif position in fixed:
            columns.append(Column(header, width=fixed[position]))  # ids fit whole
        else:
            ratio = listing.widths[position] if position < len(listing.widths) else 1
            columns.append(Column(header, ratio=ratio))
    blocks: list[Block] = []
    sections: list[tuple[str | None, int, int]] = []  # group, first row, row after the last
    for row_number, row_group in enumerate(listing.groups):
        if not sections or row_group != sections[-1][0]:
            sections.append((row_group, row_number, row_number + 1))
        else:
            sections[-1] = (row_group, sections[-1][1], row_number + 1)
    for section_number, (group, first, end) in enumerate(sections):
        if section_number:
            blocks.append(Paragraph((("", ""),)))
        # On a wide screen the columns take the width their text needs, no more; on a narrow one they
        # share it by weight, the title column never narrower than the ids it carries.
        rows = [_table_row(listing, row_number, separate_ids) for row_number in range(first, end)]
        heading = group if group is not None else listing.title
        blocks.append(TableBlock(printable(heading), tuple(columns), rows, expand=not separate_ids))
        entries = apparatus.entries(range(first, end)) if apparatus.markers else ""
        if entries:
            blocks.append(Paragraph(((printable(entries), "dim"),)))
    if listing.legend:
        blocks.append(Paragraph(((printable(listing.legend), "dim"),)))
    if disputes:
        blocks.append(Paragraph((("Disputed dates (each claim with its own sources)", "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {dispute}" for dispute in disputes)), ""),)))
    if agreeing:
        blocks.append(Paragraph((("Dates given by several sources (each with its own)", "bold"),)))
        blocks.append(Paragraph(((printable("\n".join(f"- {claims}" for claims in agreeing)), ""),)))
    return blocks


def _table_row(listing: Listing, row_number: int, separate_ids: bool) -> tuple[Pieces, ...]:
    """One row's cells as styled runs: search matches marked, the id under the title on narrow screens."""
    cells = listing.cells[row_number]
    marks = listing.marks[row_number] if listing.marks else {}
    row = [_marked(printable(cell), marks.get(column, ())) for column, cell in enumerate(cells)]
    if not separate_ids:
        row = row[:-1]
        title = listing.title_column
        row[title] = (*row[title], (f"\n{printable(cells[-1])}", "cyan"))
    return tuple(row)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> Pieces:
    """Text cut into runs, the marked spans (search matches) in bold reverse."""
    pieces: list[Piece] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            pieces.append((text[at:start], ""))
        pieces.append((text[start:end], "bold reverse"))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], ""))
    return tuple(pieces)


def _id_widths(listing: Listing, max_width: int, separate_ids: bool) -> dict[int, int]:
    """Columns that must be fixed at some width so that no id in them is broken: position -> width.

    A column holds ids when it is the title column with the ids under the titles, or one of the
    listing's `id_columns` (lists of ids). It is fixed only where its share of the width is too narrow.
    """
    columns = len(listing.columns) - (0 if separate_ids else 1)
    weights = [listing.widths[i] if i < len(listing.widths) else 1 for i in range(columns)]
    needed: dict[int, int] = {}
    for position in range(columns):
        if position == listing.title_column and not separate_ids:
            needed[position] = max((len(cells[-1]) for cells in listing.cells), default=0)
        elif position in listing.id_columns:
            words = (word for cells in listing.cells for word in cells[position].split())
            needed[position] = max((len(word) for word in words), default=0)
            needed[position] = max(needed[position], len(listing.columns[position]))  # and its header
    fixed: dict[int, int] = {}
    changed = True
    while changed:  # fixing one column narrows the others' shares: look again
        changed = False
        free = [p for p in range(columns) if p not in fixed]
        room = max_width - 2 * columns - sum(fixed.values())  # two cells of padding a column
        for position, longest in needed.items():
            share = room * weights[position] // max(sum(weights[p] for p in free), 1)
            if position not in fixed and share < longest + 1:  # Rich's rounding may give one cell less
                fixed[position] = min(longest, max_width * 2 // 3)
                changed = True
    return fixed


RENDERERS: dict[Format, Callable[[Listing], Any]] = {
    Format.table: render_table,
    Format.json: render_json,
    Format.jsonl: render_jsonl,
    Format.csv: render_csv,
    Format.yaml: render_yaml,
    Format.markdown: render_markdown,
}
