"""Commands that explore the record: lineage, show, search, chart."""

from typing import TYPE_CHECKING, Annotated

import typer

from aloe_cli.cli.application import app, settings_of, show_listing
from aloe_cli.cli.formats import (
    BIBLIOGRAPHIES,
    DOCUMENT_FORMATS,
    BibliographyFormat,
    Document,
    DocumentFormat,
    ShowFormat,
)
from aloe_cli.cli.options import FormatOption, FromYear, SourcesOption, ToYear, complete_ids
from aloe_cli.i18n import _
from aloe_cli.questions.filters import checked_period, checked_search_terms
from aloe_cli.questions.queries import sources_behind
from aloe_cli.renderers import Format
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.renderers.blocks import Blocks

DocumentFormatOption = Annotated[
    DocumentFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]


@app.command(short_help="Where ALOE came from: the organisations as a tree.")
def lineage(ctx: typer.Context, output_format: DocumentFormatOption = DocumentFormat.table) -> None:
    """Where ALOE came from: the organisations as a tree, with dates, milestones and sources.

    Example: aloe lineage --format json
    """
    # start-up: `aloe --help` imports every command module, not what they run
    from aloe_cli.questions.lineage import lineage_forest, lineage_record

    settings = settings_of(ctx)
    presentation = settings.session.presentation()

    def tree() -> "Blocks":
        from aloe_cli.renderers.tree import render_lineage  # start-up: only a table needs the tree layout

        return render_lineage(lineage_forest(presentation), presentation.title)

    document = Document(for_people=tree, for_programs=lambda: lineage_record(presentation))
    settings.output.emit(DOCUMENT_FORMATS[output_format](document))


@app.command(short_help="Everything about one record, each claim with its source.")
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of any record (see the ID columns).", autocompletion=complete_ids()
        ),
    ],
    output_format: Annotated[
        ShowFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False,
            help="Output format; csl-json, bibtex and ris give the sources behind the record.",
        ),
    ] = ShowFormat.table,
) -> None:  # fmt: skip
    """Everything about one record: each statement and dated claim with its sources, related records.

    Example: aloe show dakar-2005
    """
    # start-up: `aloe --help` imports every command module, not what they run
    from aloe_cli.questions.record_detail import find_record, record_detail

    settings = settings_of(ctx)
    if output_format.value in {bibliography.value for bibliography in BibliographyFormat}:
        dataset = settings.session.dataset()
        record = find_record(dataset, record_id).record
        BIBLIOGRAPHIES[BibliographyFormat(output_format.value)](settings, sources_behind(dataset, [record]))
        return
    detail = record_detail(settings.session.dataset(), record_id, settings.session.presentation())

    def grid() -> "Blocks":
        from aloe_cli.renderers.detail import render_detail  # start-up: only a table needs the grid layout

        return render_detail(detail)

    settings.output.emit(
        DOCUMENT_FORMATS[DocumentFormat(output_format.value)](
            Document(for_people=grid, for_programs=lambda: detail)
        )
    )


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
    # start-up: `aloe --help` imports every command module, not what they run
    from aloe_cli.evidence.search_results import search_listing
    from aloe_cli.questions.search import search as find

    settings = settings_of(ctx)
    query = " ".join(words)
    folded = checked_search_terms(query)
    hits = find(settings.session.dataset(), query)
    show_listing(
        settings,
        search_listing(hits, folded, settings.session.presentation()),
        output_format,
        sources=sources,
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
    # start-up: `aloe --help` imports every command module, not what they run
    from aloe_cli.questions.chart import build_chart
    from aloe_cli.renderers.chart_text import render_chart

    checked_period(first_year, last_year)
    settings = settings_of(ctx)
    built = build_chart(settings.session.presentation(), first_year, last_year)
    if svg is None:
        settings.output.emit(printable(render_chart(built, settings.output.width())))
        return
    # start-up: only a chart saved as SVG needs them
    from aloe_cli.files import write_new_file
    from aloe_cli.renderers.chart_svg import chart_svg

    write_new_file(svg, chart_svg(built, settings.session.presentation().title), force=force)
    # The picture went to the file, not the screen: say where.
    settings.output.note(_("Saved the chart as SVG to {file}").format(file=svg))
