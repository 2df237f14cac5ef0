"""`aloe validate` over folders of valid and invalid example datasets, and its report formats."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import DATASETS

INVALID = sorted((DATASETS / "invalid").glob("*.yaml"))
VALID = sorted((DATASETS / "valid").glob("*.yaml"))
EXPECT = re.compile(r"# expect: (\d+):(\d+) (.*)")


def expectations(path: Path) -> tuple[list[tuple[int, int, str]], bool]:
    """The `# expect: LINE:COL LOCATION: MESSAGE` lines of an example, and whether more may follow."""
    text = path.read_text(encoding="utf-8")
    found = [(int(m[1]), int(m[2]), m[3]) for m in EXPECT.finditer(text)]
    return found, "# expect-more" in text


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_examples_report_each_problem_at_its_place(path: Path, aloe: Callable[..., Result]) -> None:
    expected, more_may_follow = expectations(path)
    assert expected, f"{path.name} states no expectation"
    result = aloe("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    assert result.stderr == ""
    problems = json.loads(result.stdout)
    reported = [
        (p["line"], p["column"], f"{p['location']}: {p['message']}" if p["location"] else p["message"])
        for p in problems
    ]
    for item in expected:
        assert item in reported
    if not more_may_follow:
        assert len(reported) == len(expected)
    assert all(p["file"] == str(path) for p in problems)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_text_report_is_sorted_with_a_summary_last(path: Path, aloe: Callable[..., Result]) -> None:
    result = aloe("validate", str(path))
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert re.fullmatch(rf"{re.escape(str(path))}: \d+ problems?", lines[-1])
    positions = [tuple(int(n) for n in line.split(":")[1:3]) for line in lines[:-1]]
    assert positions == sorted(positions)
    assert all(line.startswith(f"{path}:") for line in lines)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_other_commands_give_one_line_and_nothing_on_stdout(path: Path, aloe: Callable[..., Result]) -> None:
    result = aloe("--data", str(path), "timeline")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"aloe: error: {path}:")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_examples_pass(path: Path, aloe: Callable[..., Result]) -> None:
    result = aloe("validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert re.fullmatch(rf"{re.escape(str(path))}: valid \(\d+ records\)\n", result.stdout)
    assert json.loads(aloe("validate", "--format", "json", str(path)).stdout) == []


def test_bundled_dataset_is_valid(aloe: Callable[..., Result]) -> None:
    result = aloe("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("data/timeline.yaml: valid (")


def test_validate_uses_data_option_and_environment(aloe: Callable[..., Result], small_dataset: Path) -> None:
    assert aloe("--data", str(small_dataset), "validate").stdout.startswith(f"{small_dataset}: valid")
    from_env = aloe("validate", env={"ALOE_DATA": str(small_dataset)})
    assert from_env.stdout.startswith(f"{small_dataset}: valid")


def test_messages_never_dump_the_input_value(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    secret = "x" * 5000
    path = write_dataset(f"format: aloe/1\ntitle: [{secret}]\n")
    result = aloe("validate", str(path))
    assert secret not in result.stdout
    assert "title: expected text, or a mapping of languages" in result.stdout


def test_problems_past_the_first_few_hundred_records_are_each_placed(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    # Records are validated a few hundred at a time: a problem in any batch, in several lists at
    # once, is reported at its own line, and a batch with a problem does not hide the next one's.
    head = "format: aloe/1\ntitle: Many records\nsources: [{id: s1, title: Source}]\n"
    broken_events = {
        0: "title: ''",
        255: "title: E, bogus: 1",
        256: "title: ''",
        299: "title: E, dates: [{edtf: 2001-13}]",
    }
    events = [
        f"  - {{id: e-{n}, sources: [{{source: s1}}], {broken_events.get(n, 'title: E')}}}"
        for n in range(600)
    ]
    people = [
        f"  - {{id: p-{n}, name: P, sources: [{{source: s1}}]{', role: [a]' if n == 270 else ''}}}"
        for n in range(300)
    ]
    path = write_dataset(head + "events:\n" + "\n".join(events) + "\npeople:\n" + "\n".join(people) + "\n")
    result = aloe("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    reported = [(p["line"], p["location"], p["message"]) for p in json.loads(result.stdout)]
    events_line, people_line = 5, 5 + 600 + 1
    assert reported == [
        (events_line + 0, "events[0].title.en", "this text is empty"),
        (
            events_line + 255,
            "events[255].bogus",
            "unknown field 'bogus' (known fields: " + KNOWN_EVENT_FIELDS + ")",
        ),
        (events_line + 256, "events[256].title.en", "this text is empty"),
        (
            events_line + 299,
            "events[299].dates[0].edtf",
            "'2001-13': month 13 does not exist (01-12, or 21-24 for seasons)",
        ),
        (people_line + 270, "people[270].role", "expected text, found a list"),
    ]


KNOWN_EVENT_FIELDS = (
    "id, sources, note, inferred, media, translated, dates, dated_by, title, summary, era, places,"
    " places_are, people, organisations, categories, series, role, role_note"
)


def test_a_field_is_named_as_the_file_names_it_never_by_its_python_name(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    # `from` and `to` are `from_org` and `to_org` in Python: only the file's names are read.
    path = write_dataset(
        "format: aloe/1\ntitle: T\nsources: [{id: s1, title: S}]\n"
        "organisations: [{id: a, name: A, sources: [{source: s1}]}, {id: b, name: B, sources: [{source: s1}]}]\n"
        "lineage: [{id: l, relation: became, from_org: a, to: b, sources: [{source: s1}]}]\n"
    )
    result = aloe("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    assert [(p["location"], p["message"]) for p in json.loads(result.stdout)] == [
        ("lineage[0].from", "'from' is required here"),
        ("lineage[0].from_org", "unknown field 'from_org' (did you mean 'from'?)"),
    ]
