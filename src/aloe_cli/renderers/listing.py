"""Listing formats: one Enum, one pure renderer per member (listing in, text or blocks for people out)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from aloe_cli.i18n import _
from aloe_cli.sanitize import json_without_raw_controls, markdown_text, one_line, printable, spreadsheet_cell

if TYPE_CHECKING:  # the models and the table layout are imported only when a listing is drawn
    from aloe_cli.evidence.views import Listing
    from aloe_cli.renderers.blocks import Blocks


class Format(StrEnum):
    """The output formats every listing command accepts."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    markdown = "markdown"


# One encoder for every record (json.dumps would make one a call). Each record's JSON is a tree the views
# build afresh, so there is no circle for the encoder to look for.
RECORD_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def render_json(listing: Listing) -> str:
    """A JSON array, one object per record, each on a line of its own.

    Not `indent=2`: with an indent the `json` module falls back to its pure-Python encoder, about
    ten times slower on large answers.
    """
    records = list(listing.records())
    if not records:
        return "[]\n"
    encode = RECORD_ENCODER.encode
    return json_without_raw_controls("[\n" + ",\n".join(encode(record) for record in records) + "\n]\n")


def render_jsonl(listing: Listing) -> str:
    """One JSON object per line."""
    encode = RECORD_ENCODER.encode
    return json_without_raw_controls("".join(encode(record) + "\n" for record in listing.records()))


def render_yaml(listing: Listing) -> str:
    """A YAML list of the same objects as JSON."""
    records = list(listing.records())
    if not records:
        return "[]\n"
    return plain_yaml(records)


def plain_yaml(document: Any) -> str:
    """YAML that aloe's own reader takes back: no anchors or aliases where objects are shared."""
    import yaml  # only `--format yaml` writes YAML: a run that reads the cache never loads PyYAML

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


CSV_CHUNK_ROWS = 1000  # rows written at a time: a large listing streams, never held whole


def render_csv(listing: Listing) -> Iterator[str]:
    """A CSV table of the records' fields (header only when nothing matched), in chunks of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    fields = list(listing.fields)
    writer.writerow(fields)
    for number, record in enumerate(listing.records(), start=1):
        get = record.get
        writer.writerow(
            [
                spreadsheet_cell(value if type(value) is str else flat_value(value))
                for value in map(get, fields)
            ]
        )
        if number % CSV_CHUNK_ROWS == 0:
            yield printable(buffer.getvalue())  # control characters shown; the CSV's own newlines kept
            buffer.seek(0)
            buffer.truncate()
    yield printable(buffer.getvalue())


def _markdown_line(text: str) -> str:
    """Dataset text as literal Markdown on one line."""
    return markdown_text(one_line(text))


def _markdown_cell(text: str) -> str:
    """Dataset text as a literal table cell: each line escaped, the lines joined by aloe's own <br>."""
    return "<br>".join(_markdown_line(line) for line in text.splitlines()) or " "


def _cited(documents: list[tuple[str, str]]) -> str:
    """'[^6] d, f–i; [^13]': a footnote a document, the letters of its places this row cites after it."""
    return "; ".join(f"[^{number}] {letters}" if letters else f"[^{number}]" for number, letters in documents)


def render_markdown(listing: Listing) -> str:
    """Markdown tables a wiki takes as they are, one per group, under a heading."""
    # The apparatus (and the listing types under it) is imported with the first listing drawn for
    # people: every command imports this module for `Format`, most never draw one.
    from aloe_cli.renderers.apparatus import Apparatus, sources_column

    rows = listing.rows
    lines = [f"# {_markdown_cell(listing.title)}", ""]
    if not rows:
        return "\n".join([*lines, _("No records match."), ""])
    apparatus = Apparatus(rows, listing.show_sources)
    # The data's words escaped, the apparatus's markers kept.
    disputes, agreeing = apparatus.notes(rows, _markdown_line)
    specs, rows = apparatus.with_column(listing.columns, rows)
    headers = [spec.header for spec in specs]
    sources_at = specs.index(sources_column()) if apparatus.markers else -1
    group: str | object | None = object()
    for row in rows:
        if row.group != group:
            group = row.group
            if row.group is not None:
                lines += ["", f"## {_markdown_cell(row.group)}", ""]
            lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        shown = [
            _cited(apparatus.by_document(row.citations)) if position == sources_at else _markdown_cell(cell)
            for position, cell in enumerate(row.cells)
        ]
        lines.append("| " + " | ".join(shown) + " |")
    if listing.legend:
        lines += ["", f"_{_markdown_cell(listing.legend)}_"]
    if disputes:
        lines += ["", _("**Disputed dates** (each claim with its own sources)"), ""]
        lines += [f"- {dispute}" for dispute in disputes]
    if agreeing:
        lines += ["", _("**Dates given by several sources** (each with its own)"), ""]
        lines += [f"- {claims}" for claims in agreeing]
    if apparatus.marks:
        lines += ["", *(f"[^{mark}]: {_markdown_cell(full)}" for mark, full in apparatus.footnotes())]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def render_table(listing: Listing) -> Blocks:
    """Tables, one per group, each followed by the sources first cited in it (`renderers/table.py`)."""
    from aloe_cli.renderers.table import listing_tables  # only a table for people needs its layout

    return listing_tables(listing)


RENDERERS: dict[Format, Callable[[Listing], Any]] = {
    Format.table: render_table,
    Format.json: render_json,
    Format.jsonl: render_jsonl,
    Format.csv: render_csv,
    Format.yaml: render_yaml,
    Format.markdown: render_markdown,
}
