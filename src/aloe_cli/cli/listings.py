"""The listing commands: timeline, events, workshops. Each parses options, queries, renders."""

import typer

from aloe_cli.cli.application import app, settings_of, show_listing
from aloe_cli.cli.options import (
    CategoryOption,
    FormatOption,
    FromYear,
    MatchOption,
    OrgOption,
    PersonOption,
    PhaseOption,
    PlaceOption,
    RoleOption,
    SeriesOption,
    SourcesOption,
    ToYear,
    YearOption,
)
from aloe_cli.questions import queries
from aloe_cli.questions.filters import happening_filter, workshop_filter
from aloe_cli.questions.queries import Match
from aloe_cli.renderers import Format


@app.command(short_help="Milestones and events, oldest first, grouped by era.")
def timeline(
    ctx: typer.Context,
    first_year: FromYear = None,
    last_year: ToYear = None,
    match: MatchOption = Match.overlap,
    org: OrgOption = None,
    person: PersonOption = None,
    place: PlaceOption = None,
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:
    """The whole chronology, milestones and events, oldest first, grouped by era.

    Example: aloe timeline --from 2001 --to 2003
    """
    from aloe_cli.evidence import views  # start-up: the models load with the data, not before

    settings = settings_of(ctx)
    where = happening_filter(
        settings.session.store().lists(), first_year=first_year, last_year=last_year, match=match,
        org=org, person=person, place=place,
    )  # fmt: skip
    records = queries.timeline(settings.session.store(), where)
    listing = views.timeline_listing(records, settings.session.presentation())
    show_listing(settings, listing, output_format, sources=sources)


@app.command(short_help="The events the WSSE took part in, with its role.")
def events(
    ctx: typer.Context,
    year: YearOption = None,
    first_year: FromYear = None,
    last_year: ToYear = None,
    match: MatchOption = Match.overlap,
    series: SeriesOption = None,
    org: OrgOption = None,
    person: PersonOption = None,
    place: PlaceOption = None,
    role: RoleOption = None,
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:
    """The events the WSSE took part in, with its role, oldest first.

    Example: aloe events --role theme_lead
    """
    from aloe_cli.evidence import views  # start-up: the models load with the data, not before

    settings = settings_of(ctx)
    where = happening_filter(
        settings.session.store().lists(), first_year=first_year, last_year=last_year, match=match,
        org=org, person=person, place=place, series=series, role=role, year=year,
    )  # fmt: skip
    records = queries.events(settings.session.store(), where)
    listing = views.events_listing(records, settings.session.presentation())
    show_listing(settings, listing, output_format, sources=sources)


@app.command(short_help="The workshops, with their categories and phases.")
def workshops(
    ctx: typer.Context,
    category: CategoryOption = None,
    phase: PhaseOption = None,
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:
    """The workshops, with their categories and the phases they belong to.

    Example: aloe workshops --category regulation
    """
    from aloe_cli.evidence import views  # start-up: the models load with the data, not before

    settings = settings_of(ctx)
    dataset = settings.session.dataset()
    where = workshop_filter(dataset, category=category, phase=phase)
    records = queries.workshops(dataset, category=where.category, phase=where.phase)
    show_listing(
        settings,
        views.workshops_listing(records, settings.session.presentation()),
        output_format,
        sources=sources,
    )
