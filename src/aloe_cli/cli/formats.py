"""The output formats of the commands that print no listing: one Enum and one registry of callables each.

Listing formats are `renderers/listing.py` (`Format`, `RENDERERS`); export formats `exports/__init__.py`
(`ExportFormat`, `EXPORTERS`). Every registry here has one entry per member and no fall-through default;
`tests/test_registries.py` walks every member of each. A format's module is imported by its callable, when
it is used, so that a run loads only what its answer needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.cli.application import Settings, show_listing
from aloe_cli.i18n import _, ngettext
from aloe_cli.renderers import Format
from aloe_cli.renderers.listing import plain_yaml
from aloe_cli.sanitize import json_without_raw_controls, printable_line

if TYPE_CHECKING:
    from aloe_cli.errors import Problem
    from aloe_cli.model.models import Dataset
    from aloe_cli.renderers.blocks import Blocks


class DocumentFormat(StrEnum):
    """Formats of the commands that answer with one document rather than a list of records."""

    table = "table"
    json = "json"
    yaml = "yaml"


@dataclass(frozen=True)
class Document:
    """One answer, drawn for people or given as data to programs; only the side asked for is built."""

    for_people: Callable[[], Blocks]
    for_programs: Callable[[], Any]  # JSON-ready: dicts, lists, strings, numbers


def json_document(document: Any) -> str:
    """A JSON-ready document as indented JSON text (no raw control characters: see sanitize)."""
    return json_without_raw_controls(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


DOCUMENT_FORMATS: dict[DocumentFormat, Callable[[Document], Blocks | str]] = {
    DocumentFormat.table: lambda document: document.for_people(),
    DocumentFormat.json: lambda document: json_document(document.for_programs()),
    DocumentFormat.yaml: lambda document: plain_yaml(document.for_programs()),
}


class SourceFormat(StrEnum):
    """The formats of `aloe sources`: every listing format, and two for reference managers."""

    # An Enum cannot extend another: the listing formats are named again here, and a test checks that
    # every member of Format has its namesake (SOURCE_FORMATS is built from Format itself).
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    markdown = "markdown"
    csl_json = "csl-json"
    bibtex = "bibtex"


def _sources_as_listing(output_format: Format) -> Callable[[Settings], None]:
    """Print the sources as a listing in one of the listing formats."""

    def show(settings: Settings) -> None:
        from aloe_cli.evidence.kind_listings import sources_listing  # start-up: with the data, not before

        show_listing(
            settings,
            sources_listing(settings.session.dataset(), settings.session.presentation()),
            output_format,
        )

    return show


def _sources_as_csl_json(settings: Settings) -> None:
    from aloe_cli.renderers.bibliography import render_csl_json  # start-up: only for reference managers

    settings.output.emit(render_csl_json(settings.session.dataset().sources))


def _sources_as_bibtex(settings: Settings) -> None:
    from aloe_cli.renderers.bibliography import render_bibtex  # start-up: only for reference managers

    settings.output.emit(render_bibtex(settings.session.dataset().sources))


# Every listing format (a SourceFormat of the same name: the test says so), then the bibliographies.
SOURCE_FORMATS: dict[SourceFormat, Callable[[Settings], None]] = {
    **{SourceFormat(listing_format.value): _sources_as_listing(listing_format) for listing_format in Format},
    SourceFormat.csl_json: _sources_as_csl_json,
    SourceFormat.bibtex: _sources_as_bibtex,
}


class ReportFormat(StrEnum):
    """How `aloe validate` reports: lines for people, JSON for editors and CI."""

    text = "text"
    json = "json"


class ValidationReport(NamedTuple):
    """What `aloe validate` found: the file's name, every problem, and the dataset when it is valid."""

    name: str
    problems: list[Problem]
    dataset: Dataset | None


def _report_as_text(report: ValidationReport) -> str:
    """`FILE:LINE:COLUMN: LOCATION: MESSAGE` lines, then a summary line."""
    lines = [problem.as_text() for problem in report.problems]
    if report.dataset is None:
        count = len(report.problems)
        found = ngettext("{file}: {count} problem", "{file}: {count} problems", count)
        lines.append(found.format(file=report.name, count=count))
    else:
        records = sum(1 for _record in report.dataset.records())
        lines.append(_("{file}: valid ({count} records)").format(file=report.name, count=records))
    return "".join(printable_line(line) + "\n" for line in lines)


def _report_as_json(report: ValidationReport) -> str:
    """A JSON array of problems, each with its file, line, column, location and message."""
    return json_document([problem._asdict() for problem in report.problems])


REPORTERS: dict[ReportFormat, Callable[[ValidationReport], str]] = {
    ReportFormat.text: _report_as_text,
    ReportFormat.json: _report_as_json,
}
