"""The listing commands: timeline, events, workshops. Each parses options, queries, renders."""

from __future__ import annotations

from collections.abc import Iterable

import typer

from aloe_cli.cli.application import Settings, app, settings_of, show_listing
from aloe_cli.cli.options import (
    CategoryOption,
    FormatOption,
    FromYear,
    MatchOption,
    OrgOption,
    PersonOption,
    PhaseOption,
    PlaceOption,
    SeriesOption,
    SourcesOption,
    ToYear,
)
from aloe_cli.i18n import N_, _
from aloe_cli.questions.queries import HappeningFilter, Match, Period
from aloe_cli.renderers import Format


def _known(value: str | None, ids: Iterable[str], option: str, kind: str) -> str | None:
    """The value if the dataset has such an id; otherwise a usage error listing close or valid ids."""
    if value is None:
        return None
    known = sorted(ids)
    if value in known:
        return value
    import difflib  # only for a value that names nothing

    close = difflib.get_close_matches(value, known, n=1)
    message = _("no {kind} '{value}' in the dataset").format(kind=_(kind), value=value)
    if close:
        message += _(" (did you mean '{id}'?)").format(id=close[0])
    if len(known) <= 30:
        message += _("; valid: {ids}").format(ids=", ".join(known))
    raise typer.BadParameter(message, param_hint=option)


def happening_filter(
    settings: Settings,
    *,
    first_year: int | None,
    last_year: int | None,
    match: Match,
    org: str | None,
    person: str | None,
    place: str | None,
    series: str | None = None,
) -> HappeningFilter:
    """The shared filters, with every id checked against the dataset."""
    if first_year is not None and last_year is not None and first_year > last_year:
        raise typer.BadParameter(
            _("--from {first} is after --to {last}").format(first=first_year, last=last_year),
            param_hint="--from/--to",
        )
    dataset = settings.session.dataset()
    return HappeningFilter(
        period=Period(first_year, last_year),
        match=match,
        organisation=_known(org, (o.id for o in dataset.organisations), "--org", N_("organisation")),
        person=_known(person, (p.id for p in dataset.people), "--person", N_("person")),
        place=_known(place, (p.id for p in dataset.places), "--place", N_("place")),
        series=_known(series, (s.id for s in dataset.series), "--series", N_("series")),
    )


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
    from aloe_cli.evidence import views  # the models load with the data, not at start-up
    from aloe_cli.questions import queries

    settings = settings_of(ctx)
    where = happening_filter(
        settings, first_year=first_year, last_year=last_year, match=match, org=org, person=person, place=place
    )
    records = queries.timeline(settings.session.dataset(), where)
    listing = views.timeline_listing(records, settings.session.presentation())
    show_listing(settings, listing, output_format, sources=sources)


@app.command(short_help="The events the WSSE took part in, with its role.")
def events(
    ctx: typer.Context,
    year: int | None = typer.Option(
        None, "--year", min=1, max=9999, metavar="YEAR", help="Only events that possibly fall in this year."
    ),
    first_year: FromYear = None,
    last_year: ToYear = None,
    match: MatchOption = Match.overlap,
    series: SeriesOption = None,
    org: OrgOption = None,
    person: PersonOption = None,
    place: PlaceOption = None,
    output_format: FormatOption = Format.table,
    sources: SourcesOption = True,
) -> None:
    """The events the WSSE took part in, with its role, oldest first.

    Example: aloe events --year 2002
    """
    from aloe_cli.evidence import views
    from aloe_cli.questions import queries

    if year is not None and (first_year is not None or last_year is not None):
        raise typer.BadParameter(_("give --year, or --from/--to, not both"), param_hint="--year")
    if year is not None:
        first_year = last_year = year
    settings = settings_of(ctx)
    where = happening_filter(
        settings, first_year=first_year, last_year=last_year, match=match,
        org=org, person=person, place=place, series=series,
    )  # fmt: skip
    records = queries.events(settings.session.dataset(), where)
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
    from aloe_cli.evidence import views
    from aloe_cli.questions import queries

    settings = settings_of(ctx)
    dataset = settings.session.dataset()
    category = _known(category, (c.id for c in dataset.categories), "--category", "category")
    phase = _known(phase, (p.id for p in dataset.phases), "--phase", "phase")
    records = queries.workshops(dataset, category=category, phase=phase)
    show_listing(
        settings,
        views.workshops_listing(records, settings.session.presentation()),
        output_format,
        sources=sources,
    )
