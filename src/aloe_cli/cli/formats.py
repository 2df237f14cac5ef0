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
    from aloe_cli.model.models import Dataset, Source
    from aloe_cli.presentation.views import SourceView
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
    """The formats of `aloe sources`: every listing format, and three for reference managers."""

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
    ris = "ris"


class BibliographyFormat(StrEnum):
    """The bibliographies reference managers import: of every source, or of those behind an answer."""

    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


def _csl_json(sources: list[SourceView]) -> str:
    from aloe_cli.renderers.bibliography import render_csl_json  # start-up: only for reference managers

    return render_csl_json(sources)


def _bibtex(sources: list[SourceView]) -> str:
    from aloe_cli.renderers.bibliography import render_bibtex  # start-up: only for reference managers

    return render_bibtex(sources)


def _ris(sources: list[SourceView]) -> str:
    from aloe_cli.renderers.bibliography import render_ris  # start-up: only for reference managers

    return render_ris(sources)


def _bibliography(render: Callable[[list[SourceView]], str]) -> Callable[[Settings, list[Source]], None]:
    """Write sources in one bibliography format, from their views; the bytes as the renderer made them."""

    def write(settings: Settings, sources: list[Source]) -> None:
        views = settings.session.presentation().source_views(sources)
        settings.output.emit_bytes(render(views).encode("utf-8"))

    return write


BIBLIOGRAPHIES: dict[BibliographyFormat, Callable[[Settings, list[Source]], None]] = {
    BibliographyFormat.csl_json: _bibliography(_csl_json),
    BibliographyFormat.bibtex: _bibliography(_bibtex),
    BibliographyFormat.ris: _bibliography(_ris),
}


def _sources_as_listing(output_format: Format) -> Callable[[Settings, list[Source]], None]:
    """Print the sources as a listing in one of the listing formats."""

    def show(settings: Settings, sources: list[Source]) -> None:
        from aloe_cli.evidence.kind_listings import sources_listing  # start-up: with the data, not before

        dataset = settings.session.dataset()
        only = None if sources is dataset.sources else {source.id for source in sources}
        show_listing(settings, sources_listing(dataset, settings.session.presentation(), only), output_format)

    return show


# Every listing format (a SourceFormat of the same name: the test says so), then the bibliographies.
SOURCE_FORMATS: dict[SourceFormat, Callable[[Settings, list[Source]], None]] = {
    **{SourceFormat(listing_format.value): _sources_as_listing(listing_format) for listing_format in Format},
    **{SourceFormat(bibliography.value): BIBLIOGRAPHIES[bibliography] for bibliography in BibliographyFormat},
}


class ShowFormat(StrEnum):
    """The formats of `aloe show`: the document's, and the bibliographies of the sources behind it."""

    table = "table"
    json = "json"
    yaml = "yaml"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


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
