"""Bringing your own chronology: `aloe import` (TimelineJS, its sheet, aloe's CSV) and `aloe new`."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from aloe_cli import __version__
from aloe_cli.cli.application import app, settings_of
from aloe_cli.errors import ExitCode
from aloe_cli.i18n import _, ngettext
from aloe_cli.importing import GroupAs, ImportFormat

OutputFile = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the dataset (default: standard output)."
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]


@app.command("import", short_help="Make a dataset from TimelineJS JSON, its sheet, or aloe's CSV.")
def import_command(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="FILE", help="The file to import.")],
    from_format: Annotated[
        ImportFormat | None,
        typer.Option(
            "--from", case_sensitive=False, help="The file's format (default: guessed from the file)."
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    group_as: Annotated[
        GroupAs, typer.Option("--group-as", case_sensitive=False, help="What a TimelineJS group becomes.")
    ] = GroupAs.category,
    title: Annotated[
        str | None, typer.Option("--title", help="The dataset's title (default: the file's).")
    ] = None,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Write the dataset even when some rows have problems (their dates kept as text in a note).",
        ),
    ] = False,
) -> None:
    """Make an aloe dataset from a TimelineJS timeline, a TimelineJS sheet saved as CSV, or aloe's CSV.

    Every record cites the imported file, with its row or JSON path, and nothing else: add the sources
    each fact rests on as you check it. Every problem is listed as FILE: PLACE: MESSAGE; when there is
    one, nothing is written (exit 1) unless --keep-going.

    Example: aloe import my-timeline.csv -o my-chronology.yaml
    """
    # start-up: the readers, the models and validation load only when a file is imported, not for --help
    from aloe_cli.files import check_writable_target, write_new_file
    from aloe_cli.importing.build import ImportSettings
    from aloe_cli.importing.run import import_file

    settings = settings_of(ctx)
    if output not in (None, "-"):
        check_writable_target(Path(output), force=force)  # before the work, not after it
    source = Path(path)
    options = ImportSettings(
        file_name=path,
        base_name=source.name,
        format_words="",
        group_as=group_as,
        title=title,
        version=__version__,
    )
    result, notices = import_file(source, options, from_format)
    for notice in notices:
        settings.output.note(notice)
    for problem in result.problems:
        settings.output.note(f"{path}: {problem.where}: {problem.message}")
    records = sum(result.counts.values())
    counted = ", ".join(
        _IMPORTED_COUNTS[name](count).format(count=count) for name, count in result.counts.items()
    ) or _("no records")
    if result.problems and not keep_going:
        count = len(result.problems)
        problems = ngettext("{file}: {count} problem", "{file}: {count} problems", count)
        settings.output.error(
            problems.format(file=path, count=count)
            + _(
                "; nothing written (--keep-going writes the dataset, each unreadable date kept as text in "
                "its record's note)"
            )
        )
        raise typer.Exit(ExitCode.DATA_ERROR)
    if output in (None, "-"):
        settings.output.emit_bytes(result.text.encode("utf-8"))
    else:
        write_new_file(output, result.text, force=force)
    imported = ngettext(
        "Imported {count} records ({counted}) from {file}",
        "Imported {count} records ({counted}) from {file}",
        records,
    ).format(count=records, counted=counted, file=path)
    settings.output.note(
        imported
        + (_(" into {file}").format(file=output) if output not in (None, "-") else "")
        + _("; each cites only {file}: add the sources it rests on as you check it.").format(file=source.name)
    )


# What `aloe import` counts, by list (English says the plural even for one, as it always has).
_IMPORTED_COUNTS: dict[str, Callable[[int], str]] = {
    "organisations": lambda n: ngettext("{count} organisations", "{count} organisations", n),
    "eras": lambda n: ngettext("{count} eras", "{count} eras", n),
    "milestones": lambda n: ngettext("{count} milestones", "{count} milestones", n),
    "events": lambda n: ngettext("{count} events", "{count} events", n),
    "categories": lambda n: ngettext("{count} categories", "{count} categories", n),
}


@app.command(short_help="Write a starter dataset: one record of each kind, every field explained.")
def new(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(metavar="FILE", help="The dataset file to create (never replaced).")],
    title: Annotated[str, typer.Option("--title", help="The dataset's title.")] = "My chronology",
) -> None:
    """Write a starter dataset with one record of each kind, each field commented, valid as written.

    Its first line points editors with the YAML language server to aloe's JSON Schema, which is written
    beside it (aloe-dataset.schema.json) unless a file of that name is there. aloe's own --lang sets the
    language of its names and titles.

    Example: aloe new my-chronology.yaml --title "Our network's history"
    """
    # start-up: the starter and the schema (the models) load only when a file is made, not for --help
    from aloe_cli.files import write_new_file
    from aloe_cli.importing.starter import SCHEMA_FILE, starter_dataset
    from aloe_cli.model.schema import dataset_json_schema

    settings = settings_of(ctx)
    write_new_file(path, starter_dataset(title, settings.session.lang), force=False)
    settings.output.note(
        _("Wrote {file}: check it with `aloe --data {file} validate`, then make it yours.").format(file=path)
    )
    schema_path = Path(path).parent / SCHEMA_FILE
    if not schema_path.exists():
        write_new_file(
            schema_path, json.dumps(dataset_json_schema(), ensure_ascii=False, indent=2) + "\n", force=False
        )
        settings.output.note(
            _("Wrote {file}, the JSON Schema its first line names, for editors.").format(file=schema_path)
        )
