"""Every registry of formats and options: one entry per member, each entry called and its output read back."""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import Result

from aloe_cli import __version__
from aloe_cli.cli.application import (
    GLOBAL_OPTIONS,
    app,
    command_position,
    hoist_global_options,
    main_options,
    session_of_options,
)
from aloe_cli.cli.formats import (
    BIBLIOGRAPHIES,
    DOCUMENT_FORMATS,
    REPORTERS,
    SOURCE_FORMATS,
    BibliographyFormat,
    Document,
    DocumentFormat,
    ReportFormat,
    ShowFormat,
    SourceFormat,
    ValidationReport,
)
from aloe_cli.errors import OptionError, Problem
from aloe_cli.exports import EXPORTERS, ExportFormat, Selection
from aloe_cli.loading.source import DatasetSource
from aloe_cli.model.models import Dataset
from aloe_cli.questions import queries
from aloe_cli.questions.filters import checked_search_terms, happening_filter, workshop_filter
from aloe_cli.questions.queries import HappeningFilter, Match, Period
from aloe_cli.renderers import RENDERERS, Format
from aloe_cli.renderers.blocks import Blocks
from aloe_cli.session import Session


@pytest.fixture
def small(small_dataset: Path) -> Session:
    return Session(DatasetSource(str(small_dataset), "--data"))


def test_every_listing_format_renders_the_timeline(small: Session) -> None:
    from aloe_cli.evidence.views import timeline_listing

    assert set(RENDERERS) == set(Format)
    listing = timeline_listing(queries.timeline(small.store(), HappeningFilter()), small.presentation())
    for output_format in Format:
        rendered = RENDERERS[output_format](listing)
        if isinstance(rendered, Blocks):
            text = rendered.plain(120)  # a table for people, laid out as on a wide screen
        else:
            text = rendered if isinstance(rendered, str) else "".join(rendered)  # CSV streams its rows
        assert "m-approx" in text and "An approximate milestone" in text, output_format


def test_every_document_format_builds_only_its_own_side() -> None:
    assert set(DOCUMENT_FORMATS) == set(DocumentFormat)
    data = {"id": "wsse", "dates": ["2001", None], "name": "économie"}
    drawn = Blocks(make=lambda width: [])
    built: list[str] = []

    def for_people() -> Blocks:
        built.append("people")
        return drawn

    def for_programs() -> object:
        built.append("programs")
        return data

    for output_format in DocumentFormat:
        built.clear()
        rendered = DOCUMENT_FORMATS[output_format](Document(for_people=for_people, for_programs=for_programs))
        if output_format is DocumentFormat.table:
            assert (rendered, built) == (drawn, ["people"])
        else:
            assert isinstance(rendered, str) and built == ["programs"]
            read = json.loads if output_format is DocumentFormat.json else yaml.safe_load
            assert read(rendered) == data


def test_every_listing_format_is_a_format_of_sources_and_every_source_format_prints(
    aloe: Callable[..., Result], small_dataset: Path
) -> None:
    assert {f.value for f in Format} <= {f.value for f in SourceFormat}
    assert set(SOURCE_FORMATS) == set(SourceFormat)
    readers: dict[SourceFormat, Callable[[str], list[str]]] = {
        SourceFormat.table: lambda text: text.split(),
        SourceFormat.json: lambda text: [row["id"] for row in json.loads(text)],
        SourceFormat.jsonl: lambda text: [json.loads(line)["id"] for line in text.splitlines()],
        SourceFormat.csv: lambda text: [row["id"] for row in csv.DictReader(io.StringIO(text))],
        SourceFormat.yaml: lambda text: [row["id"] for row in yaml.safe_load(text)],
        SourceFormat.markdown: lambda text: text.split(),
        SourceFormat.csl_json: lambda text: [item["id"] for item in json.loads(text)],
        SourceFormat.bibtex: lambda text: [line.split("{")[1].rstrip(",") for line in text.splitlines()[:1]],
        SourceFormat.ris: lambda text: [line[6:] for line in text.splitlines() if line.startswith("ID  - ")],
    }
    assert set(readers) == set(SourceFormat)
    for output_format in SourceFormat:
        result = aloe("--data", str(small_dataset), "sources", "--format", output_format.value)
        assert result.exit_code == 0, (output_format, result.stderr)
        assert "s1" in readers[output_format](result.stdout), output_format


def test_every_show_format_is_a_document_or_a_bibliography(
    aloe: Callable[..., Result], small_dataset: Path
) -> None:
    """`show` answers in each document format, and in each bibliography with the sources behind a record."""
    assert set(BIBLIOGRAPHIES) == set(BibliographyFormat)
    documents, bibliographies = {f.value for f in DocumentFormat}, {f.value for f in BibliographyFormat}
    assert {f.value for f in ShowFormat} == documents | bibliographies and not documents & bibliographies
    for output_format in ShowFormat:
        result = aloe("--data", str(small_dataset), "show", "org-a", "--format", output_format.value)
        assert result.exit_code == 0, (output_format, result.stderr)
        assert ("s1" if output_format.value in bibliographies else "org-a") in result.stdout, output_format


def test_every_validation_reporter_reports_problems_and_success(small: Session) -> None:
    assert set(REPORTERS) == set(ReportFormat)
    problem = Problem("bad.yaml", 3, 5, "events[0]", "'when' is missing")
    failed = ValidationReport("bad.yaml", [problem], None)
    passed = ValidationReport("good.yaml", [], small.dataset())
    expected = {
        ReportFormat.text: (
            "bad.yaml:3:5: events[0]: 'when' is missing\nbad.yaml: 1 problem\n",
            "good.yaml: valid (11 records)\n",
        ),
        ReportFormat.json: (
            [
                {
                    "file": "bad.yaml",
                    "line": 3,
                    "column": 5,
                    "location": "events[0]",
                    "message": "'when' is missing",
                }
            ],
            [],
        ),
    }
    assert set(expected) == set(ReportFormat)
    for output_format in ReportFormat:
        read: Callable[[str], object] = json.loads if output_format is ReportFormat.json else str
        assert (read(REPORTERS[output_format](failed)), read(REPORTERS[output_format](passed))) == expected[
            output_format
        ]


def _read_export(output_format: ExportFormat, content: bytes) -> str:
    """The export's text, whatever its container: a database and an archive are opened."""
    if output_format is ExportFormat.sqlite:
        import sqlite3
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".sqlite") as file:
            file.write(content)
            file.flush()
            database = sqlite3.connect(file.name)
            try:
                return "\n".join(database.iterdump())
            finally:
                database.close()
    if output_format is ExportFormat.csv:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return content.decode("utf-8")


def test_every_export_format_has_its_exporter_and_it_writes_the_records(small: Session) -> None:
    assert set(EXPORTERS) == set(ExportFormat)
    presentation = small.presentation()
    happenings = presentation.happenings(queries.timeline(small.store(), HappeningFilter()))
    selection = Selection(presentation, happenings, __version__)
    for output_format, made in EXPORTERS.items():
        content = made.make(selection)
        assert made.default_name
        assert "m-approx" in _read_export(output_format, content) or "A small test" in content.decode(
            "utf-8", "replace"
        ), output_format
        if made.text:
            content.decode("utf-8")  # text formats can go to standard output


def _main_callback_options() -> dict[str, bool]:
    """The options `main_options` declares, as Typer reads them: name, and whether it takes a value."""
    own = set(inspect.signature(main_options).parameters) - {"ctx", "version"}  # --version: answered at once
    group = typer.main.get_command(app)
    return {
        param.opts[0]: not getattr(param, "is_flag", False) for param in group.params if param.name in own
    }


def test_global_options_are_declared_once_and_match_the_main_callback() -> None:
    declared = {option.name: option.takes_value for option in GLOBAL_OPTIONS}
    assert declared == _main_callback_options()


def test_every_global_option_is_hoisted_from_after_the_command() -> None:
    for option in GLOBAL_OPTIONS:
        typed = [option.name, "value"] if option.takes_value else [option.name]
        assert hoist_global_options(["timeline", *typed, "--format", "json"]) == [
            *typed,
            "timeline",
            "--format",
            "json",
        ]
        assert command_position([*typed, "timeline"]) == len(typed)
        if (
            option.value_example is not None
        ):  # typed last without its value: a usage error that says what to give
            with pytest.raises(
                Exception, match=re.escape(f"{option.name} needs a value ({option.value_example})")
            ):
                hoist_global_options(["timeline", option.name])
    assert hoist_global_options(["search", "--", "--debug"]) == ["search", "--", "--debug"]


def test_the_help_names_every_global_option(aloe: Callable[..., Result]) -> None:
    note = aloe("timeline", "--help").stdout
    assert all(option.name in "".join(note.split()) for option in GLOBAL_OPTIONS)  # wrapped at any hyphen


def test_filters_are_checked_in_the_library(small: Session) -> None:
    dataset: Dataset = small.dataset()
    where = happening_filter(
        dataset,
        first_year=2001,
        last_year=2002,
        match=Match.contained,
        org="org-a",
        person=None,
        place="town",
    )
    assert where == HappeningFilter(Period(2001, 2002), Match.contained, "org-a", None, "town", None)
    with pytest.raises(OptionError) as unknown:
        happening_filter(
            dataset,
            first_year=None,
            last_year=None,
            match=Match.overlap,
            org="org-b",
            person=None,
            place=None,
        )
    assert (
        unknown.value.message
        == "--org: no organisation 'org-b' in the dataset (did you mean 'org-a'?); valid: org-a"
    )
    with pytest.raises(OptionError, match="--from 2003 is after --to 2002"):
        happening_filter(
            dataset, first_year=2003, last_year=2002, match=Match.overlap, org=None, person=None, place=None
        )
    assert checked_search_terms("Économie économie SOCIALE") == ["economie", "sociale"]
    with pytest.raises(OptionError, match=r"^TEXT: give at least one word"):
        checked_search_terms(" \u0301 ")
    with pytest.raises(OptionError, match=r"^TEXT: give at most 32 different words \(33 given\)"):
        checked_search_terms(" ".join(f"w{i}" for i in range(33)))
    assert workshop_filter(dataset, category="cat-a", phase=None).category == "cat-a"
    with pytest.raises(OptionError, match=r"^--phase: no phase 'x'"):
        workshop_filter(dataset, category=None, phase="x")


def test_an_unknown_id_is_a_usage_error_naming_the_option(
    aloe: Callable[..., Result], small_dataset: Path
) -> None:
    result = aloe("--data", str(small_dataset), "events", "--place", "twon")
    assert result.exit_code == 2
    assert result.stderr == (
        "aloe: error: --place: no place 'twon' in the dataset (did you mean 'town'?); valid: town "
        "(see 'aloe events --help')\n"
    )
    assert result.stdout == ""


def test_completion_reads_the_dataset_aloe_data_names(small_dataset: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "ALOE_DATA": str(small_dataset),
        "_ALOE_COMPLETE": "complete_bash",
        "COMP_WORDS": "aloe timeline --org o",
        "COMP_CWORD": "3",
    }
    done = subprocess.run(
        [sys.executable, "-m", "aloe_cli"], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["org-a"]


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["timeline"], {}, (None, "the bundled dataset", "en", True)),
        (["--data", "d.yaml", "--no-cache", "timeline"], {}, ("d.yaml", "--data", "en", False)),
        (["--lang", "fr", "timeline"], {"ALOE_DATA": "e.yaml"}, ("e.yaml", "ALOE_DATA", "fr", True)),
    ],
)
def test_completion_opens_the_session_the_options_select(
    args: list[str], env: dict[str, str], expected: tuple[object, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Completion parses without running the main callback: the session comes from the parsed options."""
    monkeypatch.delenv("ALOE_DATA", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    group = typer.main.get_command(app)
    ctx = group.make_context("aloe", args, resilient_parsing=True)
    session = session_of_options(ctx)
    assert (session.source.path, session.source.origin, session.lang, session.use_cache) == expected


def test_the_cli_loads_datasets_only_through_the_session() -> None:
    cli = Path(__file__).parents[1] / "src" / "aloe_cli" / "cli"
    assert [
        path.name for path in cli.glob("*.py") if "load_dataset" in path.read_text(encoding="utf-8")
    ] == []
