"""The command line's edges: version, help, exit codes, Ctrl-C, closed pipes, colour, internal errors."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli import __version__
from aloe_cli.cli import app
from aloe_cli.evidence import views
from aloe_cli.questions import queries

PYTHON_ALOE = [sys.executable, "-m", "aloe_cli"]


def test_version(aloe: Callable[..., Result]) -> None:
    result = aloe("--version")
    assert (result.exit_code, result.stdout) == (0, f"aloe {__version__}\n")


def test_python_dash_m_runs_from_another_directory(tmp_path: Path) -> None:
    done = subprocess.run(
        [*PYTHON_ALOE, "--version"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"aloe {__version__}\n", "")


def test_every_command_is_documented_with_an_example(aloe: Callable[..., Result]) -> None:
    from typer.main import get_command

    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert {"timeline", "events", "workshops", "validate", "schema"} <= set(commands)
    for name, command in commands.items():
        assert command.help, f"{name} has no help"
        assert "Example: aloe " in command.help, f"{name}'s help ends with no example"
        result = aloe(name, "--help")
        assert result.exit_code == 0 and "Example: aloe" in result.stdout


def test_internal_error_is_one_line_with_a_hint(
    aloe: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(views, "timeline_listing", broken)
    result = aloe("timeline")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        "aloe: error: internal error (ValueError: boom); run again with --debug for the traceback\n"
    )
    debugged = aloe("--debug", "timeline")
    assert debugged.exit_code == 3
    assert "Traceback (most recent call last)" in debugged.stderr and "ValueError: boom" in debugged.stderr


def test_ctrl_c_exits_130_with_a_short_note(
    aloe: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(queries, "timeline", interrupted)
    result = aloe("timeline")
    assert result.exit_code == 130
    assert result.stderr.strip() == "aloe: interrupted"
    assert "Traceback" not in result.stderr


def test_data_error_with_debug_shows_the_traceback(aloe: Callable[..., Result], tmp_path: Path) -> None:
    result = aloe("--debug", "--data", str(tmp_path / "missing.yaml"), "timeline")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "no such file" in result.stderr


@pytest.fixture
def big_dataset(tmp_path: Path) -> Path:
    """Enough events that the output overflows a pipe's buffer."""
    events = "".join(
        f"  - {{id: e{i}, title: 'Event number {i} with a long title', dates: [{{edtf: '2002'}}],"
        " sources: [{source: s}]}\n"
        for i in range(1500)
    )
    path = tmp_path / "big.yaml"
    path.write_text(
        f"format: aloe/1\ntitle: big\nsources: [{{id: s, title: s}}]\nevents:\n{events}", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("shell_tail", ["head -c 100", "head -1"])
@pytest.mark.parametrize("output_format", ["json", "table", "csv"])
def test_a_closed_pipe_ends_quietly(big_dataset: Path, shell_tail: str, output_format: str) -> None:
    command = " ".join([*PYTHON_ALOE, "--data", str(big_dataset), "timeline", "--format", output_format])
    done = subprocess.run(
        f"{command} | {shell_tail} >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stderr == ""
    assert done.stdout.strip() == "0"


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run aloe with its stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    inherited = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env = {**inherited, "COLUMNS": "200", "TERM": "xterm-256color", **env}
    process = subprocess.Popen(
        [*PYTHON_ALOE, *args], stdout=follower, stderr=subprocess.DEVNULL, env=full_env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_only_on_a_terminal_that_wants_it() -> None:
    assert "\x1b[" in run_on_a_terminal(["events", "--year", "2002"], {})
    assert "\x1b[" not in run_on_a_terminal(["events", "--year", "2002"], {"NO_COLOR": "1"})
    assert "\x1b[" not in run_on_a_terminal(["events", "--year", "2002"], {"TERM": "dumb"})
    assert "\x1b[" not in run_on_a_terminal(["--no-color", "events", "--year", "2002"], {})


def test_piped_output_has_no_escape_codes() -> None:
    done = subprocess.run([*PYTHON_ALOE, "timeline"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "\x1b" not in done.stdout
    assert re.search(r"Findhorn", done.stdout)


def test_schema_is_draft_2020_12_and_matches_the_committed_copy(aloe: Callable[..., Result]) -> None:
    result = aloe("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "events" in schema["properties"]
    committed = Path(__file__).parents[1] / "schema" / "aloe-dataset.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == schema, (
        "run: aloe schema > schema/aloe-dataset.schema.json"
    )


def test_schema_accepts_the_bundled_dataset_and_rejects_a_typo(aloe: Callable[..., Result]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from aloe_cli.loading.source import bundled_dataset_path
    from aloe_cli.loading.yaml_loader import parse_yaml

    schema = json.loads(aloe("schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    document = parse_yaml(bundled_dataset_path().read_text(encoding="utf-8"), "timeline.yaml")
    assert list(validator.iter_errors(document)) == []
    document["events"][0]["tittle"] = "typo"
    assert any("tittle" in error.message for error in validator.iter_errors(document))


def test_the_schema_accepts_what_aloe_accepts_unquoted(aloe: Callable[..., Result]) -> None:
    """An editor's YAML reads `edtf: 2001` as a number; aloe reads it as the date "2001": both valid."""
    import jsonschema
    import yaml

    schema = json.loads(aloe("schema").stdout)
    document = yaml.safe_load(
        "format: aloe/1\ntitle: t\nsources: [{id: s, title: S}]\n"
        "events: [{id: e, title: E, dates: [{edtf: 2001}], sources: [{source: s}]}]\n"
    )
    assert document["events"][0]["dates"][0]["edtf"] == 2001
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
