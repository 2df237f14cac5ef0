"""Commands that list the other kinds of record: sources (also for reference managers), gaps, `list KIND`."""

from typing import Annotated

import typer

from aloe_cli.cli.application import app, settings_of, show_listing
from aloe_cli.cli.formats import SOURCE_FORMATS, SourceFormat
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
from aloe_cli.questions.queries import Match, sources_behind, timeline
from aloe_cli.renderers import Format


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
    settings = settings_of(ctx)
    dataset = settings.session.dataset()
    chosen = dataset.sources
    filtered = any(v is not None for v in (year, first_year, last_year, org, person, place, series))
    if for_ids or filtered:
        # start-up: `aloe --help` imports every command module, not what they run
        from aloe_cli.questions.filters import happening_filter
        from aloe_cli.questions.record_detail import find_record

        records: list[object] = [find_record(dataset, record_id).record for record_id in for_ids or []]
        if filtered:
            store = settings.session.store()
            where = happening_filter(
                store.lists(), first_year=first_year, last_year=last_year, match=match,
                org=org, person=person, place=place, series=series, year=year,
            )  # fmt: skip
            records += timeline(store, where)
        chosen = sources_behind(dataset, records)
    SOURCE_FORMATS[output_format](settings, chosen)


@app.command(short_help="What the sources leave open: a research agenda.")
def gaps(
    ctx: typer.Context, output_format: FormatOption = Format.table, sources: SourcesOption = True
) -> None:
    """What the sources leave open, recorded instead of guessed: each gap, what it is about, its sources.

    Example: aloe gaps --format markdown
    """
    # start-up: `aloe --help` imports every command module, not what they run
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
    # start-up: `aloe --help` imports every command module, not what they run
    from aloe_cli.evidence.kind_listings import KIND_LISTINGS

    settings = settings_of(ctx)
    show_listing(
        settings,
        KIND_LISTINGS[kind](settings.session.dataset(), settings.session.presentation()),
        output_format,
        sources=sources,
    )
