"""`aloe export`: the record written for TimelineJS, the web, wikis, linked data, SQL and spreadsheets."""

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from aloe_cli import __version__
from aloe_cli.cli.application import app, settings_of
from aloe_cli.cli.options import FromYear, MatchOption, OrgOption, PersonOption, PlaceOption, UntilYear
from aloe_cli.exports import EXPORTERS, ExportFormat, Selection
from aloe_cli.i18n import _, number
from aloe_cli.questions import queries
from aloe_cli.questions.filters import happening_filter
from aloe_cli.questions.queries import Match


@app.command(short_help="Publish for TimelineJS, the web, wikis, RDF, SQL, CSV.")
def export(
    ctx: typer.Context,
    to: Annotated[ExportFormat, typer.Option("--to", case_sensitive=False, help="What to publish for.")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write ('-': standard output, for the text formats). Default: standard output for "
            "text formats; sqlite and csv need a file (csv: a .zip, or a folder).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
    base_iri: Annotated[
        str, typer.Option("--base-iri", metavar="IRI", help="JSON-LD: the prefix that makes record ids IRIs.")
    ] = "urn:aloe:",
    bom: Annotated[
        bool,
        typer.Option(
            "--bom", help="CSV: start each file with a UTF-8 byte-order mark, so that Excel reads it."
        ),
    ] = False,
    remote_media: Annotated[
        bool,
        typer.Option(
            "--remote-media",
            help="Draw images from other sites (else they link to them and load nothing from elsewhere).",
        ),
    ] = False,
    first_year: FromYear = None,
    last_year: UntilYear = None,
    match: MatchOption = Match.overlap,
    org: OrgOption = None,
    person: PersonOption = None,
    place: PlaceOption = None,
) -> None:
    """Publish the whole record (or the milestones and events the filters keep) in another format.

    Example: aloe export --to html -o aloe.html
    """
    from aloe_cli.files import write_new_file  # start-up: `aloe --help` imports every command module

    settings = settings_of(ctx)
    made = EXPORTERS[to]
    if output in (None, "-") and not made.text:
        raise typer.BadParameter(
            _("{format} is not text: name a file with -o").format(format=to.value), param_hint="--output"
        )
    where = happening_filter(
        settings.session.store().lists(), first_year=first_year, last_year=last_year, match=match,
        org=org, person=person, place=place,
    )  # fmt: skip
    happenings = queries.timeline(settings.session.store(), where)
    presentation = settings.session.presentation()
    selection = Selection(
        presentation, presentation.happenings(happenings), __version__, base_iri, bom, remote_media
    )
    exporting = _("Exporting {count} milestones and events to {format}")
    with _progress(exporting.format(count=len(happenings), format=to.value)):
        if to is ExportFormat.csv and output is not None and not output.endswith(".zip"):
            written = _write_csv_folder(selection, Path(output), force)
            wrote = _("Wrote {count} CSV files to {folder}/")
            settings.output.note(wrote.format(count=written, folder=output))
            return
        content = made.make(selection)
        if output in (None, "-"):
            settings.output.emit_bytes(content)
            return
        assert output is not None
        write_new_file(output, content, force=force)
    settings.output.note(
        _("Wrote {format} ({count} milestones and events, {size} bytes) to {file}").format(
            format=to.value, count=len(happenings), size=number(len(content)), file=output
        )
    )


def _write_csv_folder(selection: Selection, folder: Path, force: bool) -> int:
    """One CSV file per table in `folder` (made if need be), all written or none."""
    # start-up: only a CSV folder needs them
    from aloe_cli.exports.csv_files import csv_tables
    from aloe_cli.files import write_file_set

    tables = csv_tables(selection)
    write_file_set(folder, {name: text.encode("utf-8") for name, text in tables.items()}, force=force)
    return len(tables)


# An export still running after this long gets a spinner. A shorter one shows none, and so never loads
# Rich's live display (about 100 ms: twice the whole export of the bundled record).
SPINNER_AFTER_SECONDS = 0.5


@contextmanager
def _progress(message: str) -> Iterator[None]:
    """A spinner on stderr once an export has run for half a second, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    lock = threading.Lock()
    spinners: list[Any] = []
    finished = threading.Event()

    def show() -> None:
        from rich.console import Console  # start-up: Rich only for a spinner, only for a long export

        with lock:
            if not finished.is_set():
                spinner = Console(stderr=True).status(message)
                spinner.start()
                spinners.append(spinner)

    timer = threading.Timer(SPINNER_AFTER_SECONDS, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            finished.set()
            for spinner in spinners:
                spinner.stop()
