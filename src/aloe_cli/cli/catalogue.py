"""Commands that list the other kinds of record: sources (also for reference managers), gaps, `list KIND`."""

from __future__ import annotations

from typing import Annotated

import typer

from aloe_cli.cli.application import app, settings_of, show_listing
from aloe_cli.cli.formats import SOURCE_FORMATS, SourceFormat
from aloe_cli.cli.options import FormatOption, SourcesOption
from aloe_cli.kinds import RecordKind
from aloe_cli.renderers import Format


@app.command(short_help="Every source and what cites it; CSL-JSON, BibTeX too.")
def sources(
    ctx: typer.Context,
    output_format: Annotated[
        SourceFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False,
            help="Output format; csl-json and bibtex import into Zotero and other reference managers.",
        ),
    ] = SourceFormat.table,
) -> None:  # fmt: skip
    """Every source the dataset cites, with its kind, address and the records that cite it.

    A title in [square brackets] describes a page whose own title was not read.

    Example: aloe sources --format bibtex > aloe.bib
    """
    SOURCE_FORMATS[output_format](settings_of(ctx))


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
