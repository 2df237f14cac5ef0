"""Options shared by several commands, defined once (Typer's `Annotated` style)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..queries import Match
from ..renderers import Format

FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
FromYear = Annotated[
    int | None,
    typer.Option("--from", min=1, max=9999, metavar="YEAR", help="Only records from this year on."),
]
ToYear = Annotated[
    int | None,
    typer.Option("--to", min=1, max=9999, metavar="YEAR", help="Only records up to this year."),
]
MatchOption = Annotated[
    Match,
    typer.Option(
        "--match",
        case_sensitive=False,
        help="overlap: records that possibly fall in the period; contained: those that certainly do.",
    ),
]
OrgOption = Annotated[
    str | None, typer.Option("--org", metavar="ID", help="Only records involving this organisation.")
]
PersonOption = Annotated[
    str | None, typer.Option("--person", metavar="ID", help="Only records naming this person.")
]
PlaceOption = Annotated[str | None, typer.Option("--place", metavar="ID", help="Only records at this place.")]
