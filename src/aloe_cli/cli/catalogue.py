"""Commands that list the other kinds of record: sources (also for reference managers), gaps, `list KIND`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from aloe_cli.cli.application import Settings, app, settings_of, show_listing
from aloe_cli.cli.listings import happening_filter
from aloe_cli.cli.options import (
    FormatOption,
    FromYear,
    MatchOption,
    OrgOption,
    PersonOption,
    PlaceOption,
    SeriesOption,
    SourcesOption,
    ToYear,
    YearOption,
)
from aloe_cli.kinds import RecordKind
from aloe_cli.questions.queries import Match
from aloe_cli.renderers import Format

if TYPE_CHECKING:
    from aloe_cli.model.models import Source


class SourceFormat(StrEnum):
    """The formats of `aloe sources`: every listing format, and three for reference managers."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    yaml = "yaml"
    markdown = "markdown"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


# The bibliography formats, each with its renderer's name in `renderers.bibliography`.
BIBLIOGRAPHY_RENDERERS = {
    SourceFormat.csl_json: "render_csl_json",
    SourceFormat.bibtex: "render_bibtex",
    SourceFormat.ris: "render_ris",
}


def emit_bibliography(settings: Settings, sources: list[Source], output_format: str) -> None:
    """Write the sources in a bibliography format; on a terminal, control characters shown as symbols."""
    from aloe_cli.renderers import bibliography

    render = getattr(bibliography, BIBLIOGRAPHY_RENDERERS[SourceFormat(output_format)])
    settings.output.emit_bytes(render(sources).encode("utf-8"))


@app.command(short_help="Every source and what cites it; BibTeX, RIS, CSL-JSON too.")
def sources(
    ctx: typer.Context,
    output_format: Annotated[
        SourceFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False,
            help="Output format; csl-json, bibtex and ris import into Zotero and other reference managers.",
        ),
    ] = SourceFormat.table,
    for_ids: Annotated[
        list[str] | None,
        typer.Option("--for", metavar="ID", help="Only the sources behind these records (repeat --for)."),
    ] = None,
    year: YearOption = None,
    first_year: FromYear = None,
    last_year: ToYear = None,
    match: MatchOption = Match.overlap,
    org: OrgOption = None,
    person: PersonOption = None,
    place: PlaceOption = None,
    series: SeriesOption = None,
) -> None:  # fmt: skip
    """Every source the dataset cites, with its kind, address and the records that cite it.

    With --for, or the timeline's filters (--year, --from, --to, --org, --person, --place, --series),
    only the sources behind those records: the evidence for one answer. A title in [square brackets]
    describes a page whose own title was not read.

    Example: aloe sources --for findhorn-2001 --format bibtex > findhorn.bib
    """
    from aloe_cli.evidence.kind_listings import sources_listing

    settings = settings_of(ctx)
    dataset = settings.session.dataset()
    filtered = any(v is not None for v in (year, first_year, last_year, org, person, place, series))
    chosen = dataset.sources
    if for_ids or filtered:
        from aloe_cli.questions import queries
        from aloe_cli.questions.record_detail import find_record

        records: list[object] = [find_record(dataset, record_id).record for record_id in for_ids or []]
        if filtered:
            where = happening_filter(
                settings, first_year=first_year, last_year=last_year, match=match,
                org=org, person=person, place=place, series=series, year=year,
            )  # fmt: skip
            records += queries.timeline(dataset, where)
        chosen = queries.sources_behind(dataset, records)
    if output_format in BIBLIOGRAPHY_RENDERERS:
        emit_bibliography(settings, chosen, output_format)
    else:
        only = None if chosen is dataset.sources else {s.id for s in chosen}
        listing = sources_listing(dataset, settings.session.presentation(), only)
        show_listing(settings, listing, Format(output_format.value))


@app.command(short_help="What the sources leave open: a research agenda.")
def gaps(
    ctx: typer.Context, output_format: FormatOption = Format.table, sources: SourcesOption = True
) -> None:
    """What the sources leave open, recorded instead of guessed: each gap, what it is about, its sources.

    Example: aloe gaps --format markdown
    """
    from aloe_cli.evidence.kind_listings import gaps_listing

    settings = settings_of(ctx)
    show_listing(
        settings,
        gaps_listing(settings.session.dataset(), settings.session.presentation()),
        output_format,
        sources=sources,
    )


@app.command(name="list", short_help="Records of one kind: people, places, eras, series ...")
def list_kind(
    ctx: typer.Context,
    kind: Annotated[
        RecordKind,
        typer.Argument(
            case_sensitive=False, metavar="KIND",
            help="sources, gaps, organisations, people, places, eras, series, categories or phases.",
        ),
    ],
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:  # fmt: skip
    """List every record of one kind, with its ids (for --org, --person, --place, --series, --phase ...).

    Milestones and events: aloe timeline; workshops: aloe workshops.

    Example: aloe list people
    """
    from aloe_cli.evidence.kind_listings import KIND_LISTINGS

    settings = settings_of(ctx)
    show_listing(
        settings,
        KIND_LISTINGS[kind](settings.session.dataset(), settings.session.presentation()),
        output_format,
        sources=sources,
    )
