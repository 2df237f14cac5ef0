"""Options shared by several commands, defined once (Typer's `Annotated` style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from aloe_cli.cli.application import session_of_options
from aloe_cli.errors import AloeError
from aloe_cli.questions.queries import Match, Role
from aloe_cli.renderers import Format


def complete_ids(*list_names: str) -> Callable[[Any, str], list[str]]:
    """Shell completion of the ids of some kinds of record (all kinds when none is named)."""

    def complete(ctx: Any, incomplete: str) -> list[str]:  # Click's own Context, not Typer's
        from aloe_cli.model.models import RECORD_KINDS  # start-up: the models load only to complete ids

        try:
            dataset = session_of_options(ctx).dataset()
        except AloeError:
            return []  # a broken dataset offers nothing to complete; the command itself will say why
        ids = (record.id for name in list_names or tuple(RECORD_KINDS) for record in getattr(dataset, name))
        return [record_id for record_id in ids if record_id.startswith(incomplete)]

    return complete


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", min=1, max=9999, metavar="YEAR", help="Only what possibly falls in this year."),
]
FromYear = Annotated[
    int | None,
    typer.Option("--from", min=1, max=9999, metavar="YEAR", help="Only records from this year on."),
]
ToYear = Annotated[
    int | None,
    typer.Option("--to", "--until", min=1, max=9999, metavar="YEAR", help="Only records up to this year."),
]
# `aloe export` keeps --to for the format it exports to, so its end year is --until only.
UntilYear = Annotated[
    int | None,
    typer.Option("--until", min=1, max=9999, metavar="YEAR", help="Only records up to this year."),
]
MatchOption = Annotated[
    Match,
    typer.Option(
        "--match",
        case_sensitive=False,
        help="overlap: records that possibly fall in the period; contained: those that certainly do.",
    ),
]
RoleOption = Annotated[
    Role | None,
    typer.Option(
        "--role", case_sensitive=False,
        help="Only events where the WSSE's part was this: theme_lead (in charge of the solidarity "
        "economy theme), participant, or context (no source says it took part).",
    ),
]  # fmt: skip
OrgOption = Annotated[
    str | None,
    typer.Option(
        "--org", metavar="ID",
        help="Only records involving this organisation (ids: aloe list organisations).",
        autocompletion=complete_ids("organisations"),
    ),
]  # fmt: skip
PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        metavar="ID",
        help="Only records naming this person (ids: aloe list people).",
        autocompletion=complete_ids("people"),
    ),
]
PlaceOption = Annotated[
    str | None,
    typer.Option(
        "--place",
        metavar="ID",
        help="Only records at this place (ids: aloe list places).",
        autocompletion=complete_ids("places"),
    ),
]
SeriesOption = Annotated[
    str | None,
    typer.Option(
        "--series", metavar="ID", help="Only events of this series (ids: aloe list series).",
        autocompletion=complete_ids("series"),
    ),
]  # fmt: skip
CategoryOption = Annotated[
    str | None,
    typer.Option(
        "--category", metavar="ID", autocompletion=complete_ids("categories"),
        help="Only workshops of this category (ids: aloe list categories).",
    ),
]  # fmt: skip
PhaseOption = Annotated[
    str | None,
    typer.Option(
        "--phase",
        metavar="ID",
        help="Only workshops of this phase (ids: aloe list phases).",
        autocompletion=complete_ids("phases"),
    ),
]
SourcesOption = Annotated[
    bool,
    typer.Option(
        "--sources/--no-sources",
        help="Number each row's sources and list them under the table (table and markdown; the default).",
    ),
]
