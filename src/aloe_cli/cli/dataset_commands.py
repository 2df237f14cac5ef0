"""Commands about the dataset file itself: validate, schema."""

from pathlib import Path
from typing import Annotated

import typer

from aloe_cli.cli.application import app, settings_of
from aloe_cli.cli.formats import REPORTERS, ReportFormat, ValidationReport, json_document
from aloe_cli.errors import DatasetInvalid, ExitCode
from aloe_cli.i18n import _
from aloe_cli.loading.source import DatasetSource
from aloe_cli.session import Session


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
    settings = settings_of(ctx)
    session = settings.session
    if path is not None:
        session = Session(DatasetSource(path, "the PATH argument"), use_cache=session.use_cache)
    try:
        report = ValidationReport(session.source.display_name, [], session.dataset())
    except DatasetInvalid as invalid:
        report = ValidationReport(session.source.display_name, invalid.problems, None)
    settings.output.emit(REPORTERS[output_format](report))
    if report.dataset is None:
        raise typer.Exit(ExitCode.DATA_ERROR)
    dataset_path = session.source.path
    if dataset_path not in (None, "-"):
        from aloe_cli.loading.media_files import missing_media  # start-up: only for a file of the user's

        for location, media_path in missing_media(report.dataset, Path(dataset_path).parent):
            settings.output.note(
                _(
                    "{file}: {location}: warning: no file {path} beside the dataset (a page made from it "
                    "would not find it)"
                ).format(file=dataset_path, location=location, path=media_path)
            )


@app.command(short_help="The dataset format as a JSON Schema, for editors.")
def schema(ctx: typer.Context) -> None:
    """Print the dataset format as a JSON Schema (draft 2020-12), for editors and other tools.

    Example: aloe schema > aloe-dataset.schema.json
    """
    from aloe_cli.model.schema import dataset_json_schema  # start-up: Pydantic's schema machinery, here only

    settings_of(ctx).output.emit(json_document(dataset_json_schema()))
