"""Commands about the dataset file itself: validate, schema."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from aloe_cli.cli.application import app, settings_of
from aloe_cli.errors import DatasetInvalid, ExitCode, Problem
from aloe_cli.i18n import _, ngettext
from aloe_cli.loading.source import DatasetSource
from aloe_cli.sanitize import printable


class ReportFormat(StrEnum):
    """How `aloe validate` reports: lines for people, JSON for editors and CI."""

    text = "text"
    json = "json"


@app.command(short_help="Check a dataset file and report every problem.")
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]", help="Dataset to check (default: the one --data or ALOE_DATA selects)."
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", case_sensitive=False, help="Report format.")
    ] = ReportFormat.text,
) -> None:
    """Check a dataset and report every problem as FILE:LINE:COLUMN: LOCATION: MESSAGE.

    Exit 0 when the dataset is valid, 1 when it is not.

    Example: aloe validate my-chronology.yaml
    """
    from aloe_cli.loading.dataset import load_dataset

    settings = settings_of(ctx)
    source = settings.session.source if path is None else DatasetSource(path, "the PATH argument")
    try:
        dataset = load_dataset(source, use_cache=settings.session.use_cache)
        problems: list[Problem] = []
    except DatasetInvalid as invalid:
        problems = invalid.problems
    if output_format is ReportFormat.json:
        report = [
            {"file": p.file, "line": p.line, "column": p.column, "location": p.location, "message": p.message}
            for p in problems
        ]
        settings.output.emit(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [problem.as_text() for problem in problems]
        if problems:
            count = len(problems)
            found = ngettext("{file}: {count} problem", "{file}: {count} problems", count)
            lines.append(found.format(file=source.display_name, count=count))
        else:
            records = sum(1 for _record in dataset.records())
            lines.append(_("{file}: valid ({count} records)").format(file=source.display_name, count=records))
        settings.output.emit("".join(printable(line) + "\n" for line in lines))
    if problems:
        raise typer.Exit(ExitCode.DATA_ERROR)


@app.command(short_help="The dataset format as a JSON Schema, for editors.")
def schema(ctx: typer.Context) -> None:
    """Print the dataset format as a JSON Schema (draft 2020-12), for editors and other tools.

    Example: aloe schema > aloe-dataset.schema.json
    """
    from aloe_cli.model.schema import dataset_json_schema

    settings_of(ctx).output.emit(json.dumps(dataset_json_schema(), ensure_ascii=False, indent=2) + "\n")
