"""Commands that explore the record: lineage, show, search, chart."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from aloe_cli.cli.application import app, settings_of, show_listing
from aloe_cli.cli.options import FormatOption, FromYear, SourcesOption, ToYear, complete_ids
from aloe_cli.i18n import _
from aloe_cli.renderers import Format
from aloe_cli.sanitize import printable


class DocumentFormat(StrEnum):
    """Formats of the commands that answer with one document rather than a list of records."""

    table = "table"
    json = "json"
    yaml = "yaml"


DocumentFormatOption = Annotated[
    DocumentFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]


def document_text(document: Any, output_format: DocumentFormat) -> str:
    """A JSON-ready document as JSON or YAML text."""
    if output_format is DocumentFormat.yaml:
        from aloe_cli.renderers.listing import plain_yaml

        return plain_yaml(document)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@app.command(short_help="Where ALOE came from: the organisations as a tree.")
def lineage(ctx: typer.Context, output_format: DocumentFormatOption = DocumentFormat.table) -> None:
    """Where ALOE came from: the organisations as a tree, with dates, milestones and sources.

    Example: aloe lineage --format json
    """
    from aloe_cli.questions.lineage import lineage_forest, lineage_record

    settings = settings_of(ctx)
    presentation = settings.session.presentation()
    if output_format is DocumentFormat.table:
        from aloe_cli.renderers.tree import render_lineage

        settings.output.emit(render_lineage(lineage_forest(presentation), presentation.title))
    else:
        settings.output.emit(document_text(lineage_record(presentation), output_format))


@app.command(short_help="Everything about one record, each claim with its source.")
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of any record (see the ID columns).", autocompletion=complete_ids()
        ),
    ],
    output_format: DocumentFormatOption = DocumentFormat.table,
) -> None:
    """Everything about one record: fields, every dated claim with its source, related records.

    Example: aloe show dakar-2005
    """
    from aloe_cli.questions.record_detail import record_detail

    settings = settings_of(ctx)
    detail = record_detail(settings.session.dataset(), record_id, settings.session.presentation())
    if output_format is DocumentFormat.table:
        from aloe_cli.renderers.detail import render_detail

        settings.output.emit(render_detail(detail))
    else:
        settings.output.emit(document_text(detail, output_format))


@app.command(short_help="Find records by name, acronym, title or any text.")
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words to find (all of them), any case or accents.")
    ],
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:
    """Find records by their titles, summaries, names in every language, places and people.

    Example: aloe search economie
    """
    from aloe_cli.evidence.search_results import search_listing
    from aloe_cli.questions.search import MAX_SEARCH_WORDS, search_terms
    from aloe_cli.questions.search import search as find

    settings = settings_of(ctx)
    terms = " ".join(words).split()
    folded = search_terms(" ".join(terms))
    if not folded:
        raise typer.BadParameter(_("give at least one word with a letter or a digit"), param_hint="TEXT")
    if len(folded) > MAX_SEARCH_WORDS:
        raise typer.BadParameter(
            _("give at most {most} different words ({given} given)").format(
                most=MAX_SEARCH_WORDS, given=len(folded)
            ),
            param_hint="TEXT",
        )
    hits = find(settings.session.dataset(), " ".join(terms))
    show_listing(
        settings, search_listing(hits, terms, settings.session.presentation()), output_format, sources=sources
    )


@app.command(short_help="A picture of the decade, as text or SVG.")
def chart(
    ctx: typer.Context,
    first_year: FromYear = None,
    last_year: ToYear = None,
    svg: Annotated[
        str | None,
        typer.Option("--svg", metavar="FILE", help="Save it as an SVG figure instead of printing it."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """A picture of the decade: organisations' spans as bars, milestones and events as marks.

    Example: aloe chart --svg decade.svg
    """
    from aloe_cli.questions.chart import build_chart
    from aloe_cli.renderers.chart_text import render_chart

    if first_year is not None and last_year is not None and first_year > last_year:
        raise typer.BadParameter(
            _("--from {first} is after --to {last}").format(first=first_year, last=last_year),
            param_hint="--from/--to",
        )
    settings = settings_of(ctx)
    built = build_chart(settings.session.presentation(), first_year, last_year)
    if svg is None:
        settings.output.emit(printable(render_chart(built, settings.output.width())))
        return
    from aloe_cli.files import write_new_file
    from aloe_cli.renderers.chart_svg import chart_svg

    write_new_file(svg, chart_svg(built, printable(settings.session.dataset().title)), force=force)
    # The picture went to the file, not the screen: say where.
    settings.output.note(_("Saved the chart as SVG to {file}").format(file=svg))
