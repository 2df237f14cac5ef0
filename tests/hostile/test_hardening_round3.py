"""Issue 25, the third hardening round: each case a test named after its item (`test_25_<item>_...`).

Like `test_hostile.py`: the exact exit code, one line on stderr naming the file, line and column or the
option, no traceback, nothing lost. Processes run under a hang guard far above their normal time, never
a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from test_hostile import GUARD, clean_failure, dataset
from typer.testing import Result

from conftest import FULL_TESTS, run_in_terminal_with_code

# 4. Year options keep their range ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option", "shown"),
    [
        (("events", "--year", "0"), "'--year'", "0"),
        (("timeline", "--to", "10000"), "'--to' / '--until'", "10000"),
        (("events", "--from", "-1"), "'--from'", "-1"),
        (("export", "--to", "html", "--until", "99999999999999999999"), "'--until'", "99999999999999999999"),
        (("chart", "--from", "0"), "'--from'", "0"),
        (("timeline", "--until", "0"), "'--to' / '--until'", "0"),
    ],
)
def test_25_4_a_year_out_of_range_is_a_usage_error(
    aloe: Callable[..., Result], args: tuple[str, ...], option: str, shown: str
) -> None:
    clean_failure(aloe(*args), 2, f"{option}: {shown} is out of range: give a number from 1 to 9999")


# 13. A query of repeated words ------------------------------------------------------------------------------


def test_25_13_a_query_of_one_word_repeated_is_searched_once(
    aloe: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aloe_cli.questions import search

    looked_for: list[str] = []
    real_match_spans = search.match_spans

    def counting(text: str, term: str) -> list[tuple[int, int]]:
        looked_for.append(term)
        return real_match_spans(text, term)

    monkeypatch.setattr(search, "match_spans", counting)
    result = aloe("search", *["findhorn"] * 16000)
    assert result.exit_code == 0 and "findhorn" in result.stdout.casefold()
    assert set(looked_for) == {"findhorn"}
    once = len(looked_for)
    looked_for.clear()
    assert aloe("search", "findhorn").exit_code == 0
    assert len(looked_for) == once  # the same work as for the word given once


# 15. A pager that cannot run --------------------------------------------------------------------------------


@pytest.mark.parametrize("pager", ["/etc/passwd", "/no/such/pager"])
def test_25_15_a_pager_that_cannot_run_loses_no_output(pager: str) -> None:
    seen, code = run_in_terminal_with_code(["--no-color", "sources"], {"PAGER": pager, "ALOE_PAGER": pager})
    paged, _ = run_in_terminal_with_code(
        ["--no-color", "sources"], {"ALOE_PAGER": "cat -"}
    )  # a pager that runs
    assert code == 0 and b"Traceback" not in seen
    text = seen.decode().replace("\r\n", "\n")
    warning = f"aloe: warning: the pager '{pager}' "
    assert text.count(warning) == 1, text[:300]
    after_warning = text.split(warning, 1)[1].split("\n", 1)[1]  # the shell said why before it
    shown = [line.rstrip() for line in after_warning.splitlines()]  # Rich pads a terminal's lines
    assert len(shown) > 20  # taller than the terminal: it would have been paged
    assert shown == [line.rstrip() for line in paged.decode().splitlines()]  # what the pager would show


# 16. A global option after the command, without its value --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("timeline", "--lang"), "--lang needs a value (such as --lang fr)"),
        (("search", "--data"), "--data needs a value"),
        (("events", "--year", "2002", "--lang", "--"), "--lang needs a value"),
        (("timeline", "--data="), "--data needs a value"),
        (("--data=", "timeline"), "--data needs a value"),
    ],
)
def test_25_16_a_global_option_without_its_value(
    aloe: Callable[..., Result], args: tuple[str, ...], words: str
) -> None:
    clean_failure(aloe(*args), 2, words)


# 2. `dated_by` cross product ----------------------------------------------------------------------------------


def dated_by_product(claims: int, records: int) -> str:
    """Milestones `a` and `b` of `claims` claims each, and `records` events dated from `a` to `b`."""
    dates = "".join(f"{{edtf: '{1900 + i}', sources: [{{source: s}}]}}, " for i in range(claims))
    later = "".join(f"{{edtf: '{2000 + i}', sources: [{{source: s}}]}}, " for i in range(claims))
    return dataset(
        f"milestones:\n  - {{id: a, title: A, dates: [{dates}], sources: [{{source: s}}]}}\n"
        f"  - {{id: b, title: B, dates: [{later}], sources: [{{source: s}}]}}\n"
        "events:\n"
        + "".join(
            f"  - {{id: e{i}, title: E, dated_by: {{start: a, end: b}}, sources: [{{source: s}}]}}\n"
            for i in range(records)
        )
    )


def count_derived_claims(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a record's derived claims are built."""
    from aloe_cli.loading import derived_dates

    made: list[int] = []
    real = derived_dates.derived_claims

    def counted(*args: Any) -> Any:
        made.append(1)
        return real(*args)

    monkeypatch.setattr(derived_dates, "derived_claims", counted)
    return made


def test_25_2_a_dated_by_cross_product_is_refused(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_derived_claims(monkeypatch)
    path = write_dataset(dated_by_product(300, 100))  # the issue's file: 300 x 300 claims for each of 100
    result = aloe("--no-cache", "--data", str(path), "timeline")
    clean_failure(
        result, 1, f"{path}:9:34: events[0].dated_by: these dates would make 90000 claims (300 x 300)"
    )
    assert "more than 16: give this record `dates` of its own (and 99 more problems" in result.stderr
    assert made == []  # counted, never built


def test_25_2_dated_by_claims_are_built_once(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_derived_claims(monkeypatch)
    path = write_dataset(dated_by_product(4, 10))  # 4 x 4: as many claims as allowed
    result = aloe("--no-cache", "--data", str(path), "events", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert made == [1] * 10  # once per record dated by others
    assert '"e9"' in result.stdout and result.stdout.count("1903/2003") == 10


def test_25_2_too_many_derived_citations_are_refused(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    citations = ", ".join(["{source: s}"] * 300)
    path = write_dataset(dataset(
        f"milestones:\n  - {{id: a, title: A, dates: [{{edtf: '2001', sources: [{citations}]}}], sources: [{{source: s}}]}}\n"
        "events:\n  - {id: e, title: E, dated_by: {same_as: a}, sources: [{source: s}]}\n"
    ))  # fmt: skip
    clean_failure(
        aloe("--data", str(path), "timeline"), 1, "these dates would cite 300 sources, more than 256"
    )


# 7. Memory linear in the input, within the budget BENCHMARKS.md states ---------------------------------------------


def benchmarks_memory() -> ModuleType:
    """benchmarks/memory.py, which holds the budget and the shapes of file it is measured on."""
    folder = str(Path(__file__).parents[2] / "benchmarks")
    sys.path.insert(0, folder)
    try:
        import memory
    finally:
        sys.path.remove(folder)
    return memory


@pytest.mark.parametrize("shape", ["minimal records", "nested mappings under unknown keys (invalid)"])
def test_25_7_validation_memory_within_its_budget_per_input_mib(shape: str, tmp_path: Path) -> None:
    memory = benchmarks_memory()
    mib = 8 if FULL_TESTS else 1
    size, _, per_input_mib = memory.memory_per_input_mib(memory.SHAPES[shape](mib), tmp_path)
    assert size > mib * 0.9  # the file is as large as asked
    # Peak resident memory is not a timing: it varies by a few MiB from run to run, the budget's margin.
    assert per_input_mib <= memory.MEMORY_BUDGET_PER_INPUT_MIB, (shape, size, per_input_mib)


def test_25_7_nested_unknown_keys_are_each_reported_at_their_place(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset(benchmarks_memory().nested_unknown_keys(0.05))
    result = aloe("--no-cache", "--data", str(path), "timeline")
    clean_failure(result, 1, f"{path}:6:48: events[0].junk: unknown field 'junk'")


# Also noted: Ctrl-C at start-up ------------------------------------------------------------------------------------


def test_25_ctrl_c_while_aloe_is_imported_exits_130_quietly() -> None:
    # Ctrl-C delivered the moment the launcher is imported, before main() and any of aloe's imports.
    interrupted = subprocess.run(
        [sys.executable, "-c", "import os, signal, time\nimport aloe_cli.launcher\n"
         "os.kill(os.getpid(), signal.SIGINT)\ntime.sleep(GUARD)".replace("GUARD", str(GUARD))],
        capture_output=True, text=True, timeout=GUARD, check=False,
    )  # fmt: skip
    assert interrupted.returncode == 130 and interrupted.stderr == "\naloe: interrupted\n"


# 14. Positions in characters; U+2028, U+2029 and U+0085 are not line breaks ------------------------------------------


def test_25_14_a_forbidden_character_after_non_ascii_text_is_placed_in_characters(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset("format: aloe/1\ntitle: t\ndescription: é\x01\n")
    clean_failure(aloe("--data", str(path), "timeline"), 1, f"{path}:3:15: character U+0001 is not allowed")


def test_25_14_a_forbidden_character_on_the_last_of_53_lines(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    comments = "".join(f"# ligne {i}: économie sociale et solidaire, 🙂\n" for i in range(50))
    path = write_dataset(f"format: aloe/1\ntitle: t\n{comments}description: ééé\x01\n")
    assert path.read_text(encoding="utf-8").count("\n") == 53
    clean_failure(aloe("--data", str(path), "timeline"), 1, f"{path}:53:17: character U+0001 is not allowed")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_25_14_a_line_separator_inside_a_value_is_an_ordinary_character(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], separator: str
) -> None:
    two_lines = write_dataset(f"title: before{separator}after\nformat: aloe/1\n", name="two.yaml")
    result = aloe("validate", str(two_lines))
    assert result.exit_code == 0 and result.stdout == f"{two_lines}: valid (0 records)\n", result.stdout
    path = write_dataset(dataset(
        f"events:\n  - {{id: e, title: before{separator}after, summary: '{separator}x', sources: [{{source: s}}]}}\n"
        f"  - {{id: f, title: F, dates: [{{edtf: '2001-13'}}], sources: [{{source: s}}]}}\n"
    ))  # fmt: skip
    problem = json.loads(aloe("validate", "-f", "json", str(path)).stdout)[0]
    assert (problem["line"], problem["column"]) == (7, 38)  # the separator on line 6 breaks no line
    valid = write_dataset(
        path.read_text(encoding="utf-8").replace("'2001-13'", "'2001-12'"), name="valid.yaml"
    )
    record = json.loads(aloe("--data", str(valid), "show", "e", "-f", "json").stdout)
    assert record["title"] == f"before{separator}after" and record["fields"]["summary"] == {
        "en": f"{separator}x"
    }


# 9. The SVG chart is well-formed XML whatever the names hold ----------------------------------------------------


def test_25_9_svg_chart_with_control_characters_in_names_is_well_formed_xml(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], tmp_path: Path
) -> None:
    from xml.etree import ElementTree

    path = write_dataset(dataset(
        'eras:\n  - {id: r, title: "Era\\x01\\x0c", dates: [{edtf: 2000/2003}], sources: [{source: s}]}\n'
        'organisations:\n  - {id: o, name: "Org\\x1b[31m\\uFFFE<&>", dates: [{edtf: 2001/2002}], '
        "sources: [{source: s}]}\n"
        'milestones:\n  - {id: m, title: "M\\x02\\x7f\\x9b", dates: [{edtf: "2001"}], sources: [{source: s}]}\n'
        'events:\n  - {id: e, title: "E\\x08\\"", dates: [{edtf: "2002-05"}], sources: [{source: s}]}\n'
    ).replace("title: t", 'title: "t\\x03"'))  # fmt: skip
    svg = tmp_path / "chart.svg"
    result = aloe("--data", str(path), "chart", "--svg", str(svg))
    assert result.exit_code == 0, result.stderr
    root = ElementTree.parse(svg).getroot()  # raises on a character XML cannot hold
    texts = " ".join(root.itertext())
    for shown in ("Era␁␌", "Org␛[31m\ufffd<&>", "M␂␡\ufffd", 'E␈"', "t␃"):
        assert shown in texts, shown


# 11. A CSV folder export is written all or none ------------------------------------------------------------------


def old_csv_folder(aloe: Callable[..., Result], folder: Path) -> dict[str, str]:
    """A folder of an earlier CSV export (each file marked as old) and a file of the user's."""
    assert aloe("export", "--to", "csv", "-o", str(folder)).exit_code == 0
    for number, table in enumerate(sorted(folder.iterdir())):
        table.write_text(f"old {number}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


def fail_after(monkeypatch: pytest.MonkeyPatch, name: str, calls: int, error: OSError) -> None:
    """Make `files.os.NAME` fail once, at its call number `calls + 1` (a disk that fills, say)."""
    real = getattr(os, name)
    count = {"calls": 0}

    def failing(*args: object) -> object:
        count["calls"] += 1
        if count["calls"] == calls + 1:
            if name == "fdopen":
                os.close(args[0])  # type: ignore[arg-type]
            raise error
        return real(*args)

    monkeypatch.setattr(f"aloe_cli.files.os.{name}", failing)


@pytest.mark.parametrize(
    ("failing", "calls"),
    [("fdopen", 3), ("replace", 3)],
    ids=["disk-full-while-writing", "fails-while-renaming"],
)
def test_25_11_a_forced_csv_folder_export_that_fails_half_way_leaves_the_old_files(
    aloe: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, calls: int
) -> None:
    folder = tmp_path / "tables"
    before = old_csv_folder(aloe, folder)
    fail_after(monkeypatch, failing, calls, OSError(28, "No space left on device"))
    clean_failure(aloe("export", "--to", "csv", "-o", str(folder), "--force"), 1, "No space left on device")
    assert {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()} == before
    assert [path.name for path in tmp_path.iterdir()] == ["tables"]  # no temporary left beside either


def test_25_11_a_forced_csv_folder_export_replaces_every_table_and_keeps_other_files(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "tables"
    before = old_csv_folder(aloe, folder)
    assert aloe("export", "--to", "csv", "-o", str(folder), "--force").exit_code == 0
    after = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert after.keys() == before.keys() and after["notes.txt"] == "mine"
    assert not [name for name, text in after.items() if text.startswith("old ")]


def test_25_11_a_csv_export_to_a_new_folder_that_fails_leaves_nothing(
    aloe: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_after(monkeypatch, "fdopen", 3, OSError(28, "No space left on device"))
    clean_failure(aloe("export", "--to", "csv", "-o", str(tmp_path / "new")), 1, "No space left on device")
    assert list(tmp_path.iterdir()) == []


# 17a. Only what aloe made is ever removed ----------------------------------------------------------------------------


def test_25_17a_a_file_that_only_looks_like_a_temporary_is_kept(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    # Not aloe's shape (".NAME.aloe-PID-HEX.tmp"), though each holds ".aloe-", a dead pid and ".tmp".
    lookalikes = ["my.aloe-4194303-draft.tmp", "notes.aloe-4194303.tmp", ".aloe-4194303-x-y.tmp.tmp"]
    for name in lookalikes:
        (tmp_path / name).write_text("the user's", encoding="utf-8")
    assert aloe("export", "--to", "html", "-o", str(tmp_path / "page.html")).exit_code == 0
    assert aloe("export", "--to", "csv", "-o", str(tmp_path / "tables")).exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*lookalikes, "page.html", "tables"])


# 17b. An output path's trailing slash names a folder -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("export", "--to", "html", "-o"), ("export", "--to", "sqlite", "-o"), ("chart", "--svg")]
)
@pytest.mark.parametrize("suffix", ["/", "/."])
def test_25_17b_a_file_output_ending_in_a_slash_is_refused(
    aloe: Callable[..., Result], tmp_path: Path, args: tuple[str, ...], suffix: str
) -> None:
    named = f"{tmp_path / 'out'}{suffix}"
    clean_failure(aloe(*args, named), 1, f"{named}: names a folder; give the name of a file")
    assert list(tmp_path.iterdir()) == []  # no file named `out`


def test_25_17b_a_csv_output_ending_in_a_slash_is_a_folder(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    result = aloe("export", "--to", "csv", "-o", f"{tmp_path / 'out'}/")
    assert (
        result.exit_code == 0 and (tmp_path / "out").is_dir() and len(list((tmp_path / "out").iterdir())) > 3
    )


# 17c. A file name's characters never break the one-line message ---------------------------------------------------


@pytest.mark.parametrize(
    ("character", "shown"),
    [("\n", "␊"), ("\t", "␉"), ("\x1b", "␛"), ("\u202e", "\ufffd"), ("\x9b", "\ufffd")],
)
def test_25_17c_a_control_character_in_a_file_name_is_shown_escaped_on_one_line(
    aloe: Callable[..., Result], tmp_path: Path, character: str, shown: str
) -> None:
    missing = tmp_path / f"no{character}such.yaml"
    clean_failure(aloe("--data", str(missing), "timeline"), 1, f"no{shown}such.yaml: no such file")
    invalid = tmp_path / f"bad{character}name.yaml"
    invalid.write_text("format: aloe/1\ntitle: t\nbad: 1\n", encoding="utf-8")
    clean_failure(aloe("--data", str(invalid), "timeline"), 1, f"bad{shown}name.yaml:3:1: bad: unknown field")
    listed = aloe("validate", str(invalid))
    assert listed.exit_code == 1 and listed.stdout.count("\n") == 2  # a problem and the count
    assert character == "\n" or character not in listed.stdout
    assert f"bad{shown}name.yaml: 1 problem\n" in listed.stdout
    folder = tmp_path / f"no{character}folder"
    clean_failure(aloe("export", "--to", "html", "-o", str(folder / "x.html")), 1, f"no{shown}folder")


# 17d. Every listing format prints data text literally ----------------------------------------------------------------

# Rich markup, Markdown, HTML, an emoji code, an entity and a YAML tag in one text: each must come out as written.
MARK = "[bold]B[/bold] *em* _u_ `c` <i>i</i> [x](javascript:alert(1)) &amp; :smile: !!python/object:os.system"
FORMULA = "=HYPERLINK(1)"


def marked_dataset() -> str:
    mark = json.dumps(MARK)
    text = f"{{source: s, locator: {mark}}}"
    return (
        f"format: aloe/1\ntitle: {mark}\nsources:\n  - {{id: s, title: {mark}, publisher: {mark}}}\n"
        f"organisations:\n  - {{id: o, name: {mark}, sources: [{text}]}}\n"
        f"people:\n  - {{id: p, name: {mark}, sources: [{text}]}}\n"
        f"places:\n  - {{id: pl, name: {mark}, sources: [{text}]}}\n"
        f"categories:\n  - {{id: c, title: {mark}, description: {mark}, sources: [{text}]}}\n"
        f"events:\n  - {{id: e, title: {mark}, summary: {mark}, places: [pl], people: [p], organisations: [o], "
        f"dates: [{{edtf: '2002', label: {mark}}}], sources: [{text}]}}\n"
        f"  - {{id: f, title: '{FORMULA}', dates: [{{edtf: '2003'}}], sources: [{text}]}}\n"
        f"workshops:\n  - {{id: w, title: {mark}, categories: [c], sources: [{text}]}}\n"
        f"gaps:\n  - {{id: g, summary: {mark}, sources: [{text}]}}\n"
    )


def values_in(data: object) -> list[str]:
    """Every text value inside parsed JSON or YAML."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in values_in(value)]
    if isinstance(data, list):
        return [text for value in data for text in values_in(value)]
    return [data] if isinstance(data, str) else []


LISTINGS = [("timeline",), ("events",), ("workshops",), ("sources",), ("gaps",), ("list", "people"),
            ("list", "places"), ("list", "organisations"), ("list", "categories"), ("search", "bold")]  # fmt: skip


@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "csv", "yaml", "markdown"])
def test_25_17d_every_listing_format_prints_data_text_literally(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], output_format: str
) -> None:
    import csv
    import io

    import yaml
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    path = write_dataset(marked_dataset())
    for args in LISTINGS:
        result = aloe("--data", str(path), *args, "-f", output_format, env={"COLUMNS": "500"})
        assert result.exit_code == 0, (args, result.stderr)
        out = result.stdout
        if output_format == "json":
            texts = values_in(json.loads(out))
        elif output_format == "jsonl":
            texts = [text for line in out.splitlines() for text in values_in(json.loads(line))]
        elif output_format == "yaml":
            texts = values_in(yaml.safe_load(out))  # a tag in the data would make safe_load refuse
        elif output_format == "csv":
            texts = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
            assert FORMULA not in texts  # written as text for spreadsheets: `'=HYPERLINK(1)`
        elif output_format == "markdown":
            html = MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(out)
            for live in (
                "<em>em</em>",
                "<em>u</em>",
                "<code>c</code>",
                "<i>i</i>",
                'href="javascript',
                "&amp;amp;amp;",
            ):
                assert live not in html, (args, live)
            texts = [html.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")]
        else:
            texts = [out]
        assert any(MARK in text for text in texts), (args, out[:400])


# Also noted: C1 controls in JSON ------------------------------------------------------------------------------------


def test_25_json_output_escapes_c1_controls_and_stays_the_same_json(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], tmp_path: Path
) -> None:
    title = "CSI\x9b31m DEL\x7f RLO\u202e ESC\x1b"
    path = write_dataset(dataset(
        f"events:\n  - {{id: e, title: {json.dumps(title)}, dates: [{{edtf: '2002'}}], sources: [{{source: s}}]}}\n"
    ))  # fmt: skip
    commands: list[tuple[str, ...]] = [
        ("timeline", "-f", "json"),
        ("events", "-f", "jsonl"),
        ("show", "e", "-f", "json"),
    ]
    for args in commands:
        piped = aloe("--data", str(path), *args).stdout
        assert not [c for c in "\x9b\x7f\u202e\x1b" if c in piped], args  # each a JSON escape instead
        document = json.loads(piped.splitlines()[0] if "jsonl" in args else piped)
        record = document[0] if isinstance(document, list) else document
        assert record["title"] == title, args  # the same value for any JSON reader
    seen = run_in_terminal_with_code(["--no-pager", "--data", str(path), "timeline", "-f", "json"], {})[0]
    assert b"\xc2\x9b" not in seen and b"\\u009b31m" in seen


def test_25_17d_a_table_on_a_terminal_prints_data_text_literally(write_dataset: Callable[..., Path]) -> None:
    path = write_dataset(marked_dataset())
    seen, code = run_in_terminal_with_code(
        ["--no-pager", "--data", str(path), "timeline"], {"COLUMNS": "500"}
    )
    assert code == 0 and MARK.encode() in seen, seen[:300]  # drawn by Rich, in colour, its markup not read


def test_25_7_record_by_record_validation_gives_the_same_dataset() -> None:
    from aloe_cli.loading.validation import _validated_record_by_record, dataset_validator
    from aloe_cli.loading.yaml_loader import read_yaml

    memory = benchmarks_memory()
    bundled = (Path(__file__).parents[2] / "data" / "timeline.yaml").read_text(encoding="utf-8")
    for text in (bundled, memory.realistic(0.2), memory.minimal_records(0.05)):
        whole = dataset_validator().validate_python(read_yaml(text, "x")[0])
        by_record = _validated_record_by_record(read_yaml(text, "x")[0])
        assert by_record == whole and list(vars(by_record)) == list(vars(whole))
