"""Hostile input, environments and arguments: a clean message, the documented exit code, no traceback.

Each test names the point of the hardening issue it holds (1-24). Processes run with a time limit far
above their normal time: a hang fails the test instead of stalling the suite (hang guards, not timings).
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import run_in_terminal

GUARD = 60  # seconds: far above any normal run here


def aloe_process(
    *args: str, stdin: int | None = subprocess.DEVNULL, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """Run `aloe ARGS` as a real process (file descriptors, signals and terminals are real)."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "aloe_cli", *args], capture_output=True, text=True, stdin=stdin,
        timeout=GUARD, env={**os.environ, **(env or {})}, check=False, **kwargs,
    )  # fmt: skip


def clean_failure(result: subprocess.CompletedProcess[str] | Result, code: int, words: str) -> None:
    """One line on stderr saying `words`, the exit code, and no traceback."""
    stderr = result.stderr
    exit_code = result.returncode if isinstance(result, subprocess.CompletedProcess) else result.exit_code
    assert exit_code == code, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith("aloe: error: ") and stderr.count("\n") == 1, stderr
    assert words in stderr, stderr


def dataset(body: str) -> str:
    return "format: aloe/1\ntitle: t\nsources:\n  - {id: s, title: S}\n" + body


# 1. A FIFO as the dataset ------------------------------------------------------------------------------


def test_1_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    for args in (("--data", str(fifo), "timeline"), ("validate", str(fifo))):
        clean_failure(aloe_process(*args), 1, "is a FIFO (named pipe), not a regular file")
    completion = aloe_process(
        env={"_ALOE_COMPLETE": "complete_bash", "COMP_WORDS": "aloe show ", "COMP_CWORD": "2",
             "ALOE_DATA": str(fifo)},
    )  # fmt: skip
    assert completion.returncode == 0 and "Traceback" not in completion.stderr


def test_1_a_device_is_refused() -> None:
    clean_failure(aloe_process("--data", "/dev/zero", "timeline"), 1, "is a device")


# 2. Validation linear in records and problems (the counting test is test_validation_cost.py) ----------------


def lineage_chain(links: int) -> str:
    organisations = "".join(
        f"  - {{id: o{i}, name: O, sources: [{{source: s}}]}}\n" for i in range(links + 1)
    )
    chain = "".join(
        f"  - {{id: l{i}, relation: emerged_within, from: o{i + 1}, to: o{i}, sources: [{{source: s}}]}}\n"
        for i in range(links)
    )
    return dataset(f"organisations:\n{organisations}lineage:\n{chain}")


def mistyped_places(count: int) -> str:
    places = "".join(f"  - {{id: place-{i}, name: P, sources: [{{source: s}}]}}\n" for i in range(count))
    events = "".join(
        f"  - {{id: e{i}, title: E, places: [plcae-{i}], sources: [{{source: s}}]}}\n" for i in range(count)
    )
    return dataset(f"places:\n{places}events:\n{events}")


def test_2_a_long_lineage_and_many_typos_validate(tmp_path: Path) -> None:
    chain = tmp_path / "chain.yaml"
    chain.write_text(lineage_chain(2000), encoding="utf-8")
    result = aloe_process("--no-cache", "validate", str(chain))
    assert result.returncode == 0 and "valid (4002 records)" in result.stdout
    typos = tmp_path / "typos.yaml"
    typos.write_text(mistyped_places(1000), encoding="utf-8")
    result = aloe_process("--no-cache", "validate", str(typos))
    assert result.returncode == 1 and result.stdout.endswith("1000 problems\n")
    assert "(did you mean 'place-0'?)" in result.stdout  # the first mistakes still get a suggestion


# 3. A huge search query ----------------------------------------------------------------------------------


def test_3_a_query_of_14000_words_is_a_usage_error(aloe: Callable[..., Result]) -> None:
    clean_failure(aloe("search", *(f"w{i}" for i in range(14000))), 2, "give at most 32 different words")


# 4-7. Anything validate accepts, every command handles ----------------------------------------------------------


COMMANDS = (("timeline",), ("events",), ("timeline", "-f", "json"), ("chart",), ("lineage",), ("search", "e"),
            ("export", "--to", "markdown"), ("export", "--to", "timelinejs"), ("export", "--to", "html"),
            ("export", "--to", "jsonld"))  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # 4. season intervals
        "events:\n  - {id: e, title: E, dates: [{edtf: 2001-21/2001-22}], sources: [{source: s}]}\n",
        # 5. records near the ends of the calendar
        "organisations:\n  - {id: o, name: O, dates: [{edtf: 9990/9999}], sources: [{source: s}]}\n"
        "events:\n  - {id: e, title: E, dates: [{edtf: 9999-12~}], sources: [{source: s}]}\n"
        "  - {id: f, title: F, dates: [{edtf: 0001-01?}], sources: [{source: s}]}\n",
        # a season at the end of 9998 runs into 9999
        "events:\n  - {id: e, title: E, dates: [{edtf: 9998-24}], sources: [{source: s}]}\n",
    ],
    ids=["season-intervals", "near-9999-and-year-1", "winter-9998"],
)
def test_4_5_what_validates_every_command_handles(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], body: str
) -> None:
    path = write_dataset(dataset(body))
    assert aloe("validate", str(path)).exit_code == 0
    for args in COMMANDS:
        result = aloe("--data", str(path), *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_6_a_lineage_600_deep(aloe: Callable[..., Result], write_dataset: Callable[..., Path]) -> None:
    path = write_dataset(lineage_chain(600))
    for args in (("lineage",), ("chart",), ("lineage", "-f", "json"), ("export", "--to", "jsonld")):
        result = aloe("--data", str(path), *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_7_a_count_sqlite_cannot_hold_is_refused_by_validate(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset(
        dataset(f"phases:\n  - {{id: p, title: P, workshops_counted: {10**30}, sources: [{{source: s}}]}}\n")
    )
    result = aloe("validate", str(path))
    assert (
        result.exit_code == 1
        and "phases[0].workshops_counted: must be less than or equal to" in result.stdout
    )


# 8. Closed, full and narrow environments ----------------------------------------------------------------------------


def test_8_closed_standard_input() -> None:
    result = aloe_process("--data", "-", "timeline", stdin=None, preexec_fn=lambda: os.close(0))
    clean_failure(result, 1, "standard input is closed")


@pytest.mark.parametrize(
    "args", [("timeline", "-f", "json"), ("export", "--to", "html"), ("validate",), ("--version",)]
)
def test_8_9_closed_standard_output(args: tuple[str, ...]) -> None:
    clean_failure(aloe_process(*args, preexec_fn=lambda: os.close(1)), 1, "standard output is closed")


@pytest.mark.parametrize("args", [("timeline", "-f", "json"), ("export", "--to", "html"), ("--version",)])
def test_8_9_a_full_disk_on_standard_output(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "aloe_cli", *args], stdout=full, stderr=subprocess.PIPE, text=True,
            timeout=GUARD, check=False,
        )  # fmt: skip
    clean_failure(result, 1, "No space left on device")


def test_8_an_encoding_that_cannot_hold_the_text() -> None:
    result = aloe_process("timeline", env={"PYTHONIOENCODING": "ascii"})
    clean_failure(result, 1, "the output encoding (ascii) cannot show this text")


def test_8_output_paths_that_cannot_be_written(aloe: Callable[..., Result], tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    clean_failure(aloe("export", "--to", "html", "-o", str(a_file / "page.html")), 1, "Not a directory")
    clean_failure(aloe("export", "--to", "html", "-o", str(tmp_path / ("n" * 300))), 1, "File name too long")


def test_8_a_full_disk_leaves_no_half_written_files(
    aloe: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    written = {"count": 0}
    real_fdopen = os.fdopen

    def filling_up(handle: int, mode: str) -> object:
        written["count"] += 1
        if written["count"] > 3:  # the disk fills after three files
            os.close(handle)
            raise OSError(28, "No space left on device")
        return real_fdopen(handle, mode)

    monkeypatch.setattr("aloe_cli.files.os.fdopen", filling_up)
    folder = tmp_path / "tables"
    clean_failure(aloe("export", "--to", "csv", "-o", str(folder)), 1, "No space left on device")
    assert not folder.exists() or list(folder.iterdir()) == []


def test_8_a_cache_folder_that_cannot_be_used_is_no_error(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    for folder in (tmp_path / ("c" * 300), tmp_path / "a-file" / "cache"):
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        result = aloe("events", "--year", "2002", env={"ALOE_CACHE_DIR": str(folder)})
        assert result.exit_code == 0 and result.stderr == ""


# 9. Ctrl-C at start-up ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3])
def test_9_ctrl_c_at_any_moment_of_start_up(delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "aloe_cli", "timeline"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=GUARD)
    # Python's own start-up (site, runpy, finding the package) runs before any code of aloe's and is out
    # of its reach: on a loaded machine the signal can land there, and the traceback is Python's. None
    # may come from aloe's code: no frame of aloe_cli but __main__.py's line that imports the launcher,
    # whose first act is to make Ctrl-C a quiet exit (test_25_ctrl_c_while_aloe_is_imported_exits_130_quietly).
    frames = re.findall(r'File "([^"]*aloe_cli[^"]*)", line \d+', stderr)
    assert all(frame.endswith("__main__.py") for frame in frames), stderr
    # Done already, interrupted, killed before Python set its handler, or Python's start-up interrupted
    # (it exits 1 after its traceback).
    assert process.returncode in (0, 130, -signal.SIGINT) or (
        process.returncode == 1 and "Traceback" in stderr
    )


# 10. The cache bound to its dataset, bounded in size ----------------------------------------------------------------------


def test_10_a_huge_sparse_entry_is_removed_not_read(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from aloe_cli.loading import dataset as dataset_module
    from aloe_cli.loading.cache import cache_key

    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)
    path = write_dataset(
        dataset("events:\n  - {id: e, title: E, dates: [{edtf: '2002'}], sources: [{source: s}]}\n")
    )
    entry = private_cache / f"{cache_key(path.read_bytes())}.json"
    with open(entry, "wb") as sparse:
        sparse.truncate(64 * 1024**3)  # 64 GB that take no room on disk
    result = aloe("--data", str(path), "events", "-f", "json")
    assert result.exit_code == 0 and [r["id"] for r in json.loads(result.stdout)] == ["e"]
    assert entry.stat().st_size < 1024**2  # removed, and written again sound


# 11-12. Wrong answers that validate must catch --------------------------------------------------------------------------------


def test_11_12_mixed_cycles_and_impossible_times(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    cycle = write_dataset(dataset(
        "organisations:\n  - {id: a, name: A, sources: [{source: s}]}\n  - {id: b, name: B, sources: [{source: s}]}\n"
        "lineage:\n  - {id: x, relation: emerged_within, from: b, to: a, sources: [{source: s}]}\n"
        "  - {id: y, relation: became, from: b, to: a, sources: [{source: s}]}\n"
    ), name="cycle.yaml")  # fmt: skip
    result = aloe("validate", str(cycle))
    assert result.exit_code == 1 and "goes round in a circle: b -> a -> b" in result.stdout
    times = write_dataset(dataset(
        "events:\n  - {id: e, title: E, dates: [{edtf: '2001-06-15T25:61:00'}], sources: [{source: s}]}\n"
        "  - {id: f, title: F, dates: [{edtf: '2001-06-15T10:00:00+19:00'}], sources: [{source: s}]}\n"
    ), name="times.yaml")  # fmt: skip
    result = aloe("validate", str(times))
    assert (
        result.exit_code == 1
        and "is not a time of day" in result.stdout
        and "time zone offset" in result.stdout
    )


# 13. Range checks that agree ------------------------------------------------------------------------------------------------------


def test_13_every_command_checks_its_ranges(aloe: Callable[..., Result]) -> None:
    clean_failure(aloe("chart", "--from", "2005", "--to", "2001"), 2, "--from 2005 is after --to 2001")
    clean_failure(aloe("export", "--to", "html", "--from", "2005", "--until", "2001"), 2, "is after")
    clean_failure(aloe("search", "  "), 2, "give at least one word")
    assert "2010" in aloe("chart", "--from", "2010").stdout.splitlines()[0]  # an axis, not nothing


@pytest.mark.parametrize("columns", ["0", "1", "3", "-5", "abc", "100000"])
def test_13_any_terminal_width_gives_the_whole_answer(aloe: Callable[..., Result], columns: str) -> None:
    for args in (("timeline",), ("show", "wsse"), ("lineage",), ("chart",)):
        result = aloe(*args, env={"COLUMNS": columns})
        assert result.exit_code == 0 and "wsse" in result.stdout, (args, columns)


# 14. Unicode that shifts positions or matches everything ----------------------------------------------------------------------------


def test_14_line_separators_do_not_shift_positions(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset(dataset(
        'events:\n  - {id: e, title: "a\u2028b\u0085c\u2029d", sources: [{source: s}]}\n'
        '  - {id: f, title: "🙂é", dates: [{edtf: "2001-13"}], sources: [{source: s}]}\n'
    ))  # fmt: skip
    problem = json.loads(aloe("validate", "-f", "json", str(path)).stdout)[0]
    line = path.read_text(encoding="utf-8").split("\n")[problem["line"] - 1]
    assert line[problem["column"] - 1 :].startswith('"2001-13"')


def test_14_a_lone_combining_mark_matches_nothing(aloe: Callable[..., Result]) -> None:
    clean_failure(aloe("search", "\u0301"), 2, "give at least one word")


# 15-19. What the data can make another program do ---------------------------------------------------------------------------------


HOSTILE = dataset(
    '  - {id: u, title: T, url: "https://example.org/<script>alert(1)</script>"}\n'
    "events:\n"
    '  - {id: e, title: "\\e]0;pwned\\a=HYPERLINK(\\"http://x\\")", summary: "+cmd &lt;b&gt;", '
    'dates: [{edtf: "2001", label: "title pwned <b>"}], sources: [{source: u}]}\n'
    '  - {id: f, title: "@SUM(A1)", dates: [{edtf: "2002", label: "section x"}], sources: [{source: s}]}\n'
)


def test_15_text_exports_to_a_terminal_are_sanitised(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    seen = run_in_terminal(["--no-pager", "--data", str(path), "export", "--to", "html"])
    assert b"\x1b]0;" not in seen and "␛]0;pwned".encode() in seen


def test_16_17_markdown_escapes_urls_text_and_mermaid_keywords(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    text = aloe("--data", str(write_dataset(HOSTILE)), "export", "--to", "markdown").stdout
    assert "<script>" not in text and "%3Cscript%3E" in text
    assert "&lt;" not in text.replace("\\&lt;", "")  # a `&` of the data is escaped, never an entity
    mermaid = text.split("```mermaid\n")[1].split("```")[0]
    # Every line is one aloe wrote: the header, the styles, boxes whose quoted labels hold no quote and no
    # tag but the line break, the arrows. Dataset text cannot open a line of Mermaid's own (`click` ...).
    allowed = re.compile(
        r'flowchart TD|    classDef \w+ [^\n]+|    n\d+\["[^"<>]*<br/>[^"<>]*"\]:::(agreed|doubtful|disputed)'
        r"|    n\d+( --> n\d+)+"
    )
    assert all(allowed.fullmatch(line) for line in mermaid.splitlines()), mermaid
    assert "title pwned #lt;b#gt;" in mermaid  # the label's text, its tag written as Mermaid's entities


def test_18_timelinejs_escapes_what_it_renders_as_html(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    slides = json.loads(aloe("--data", str(write_dataset(HOSTILE)), "export", "--to", "timelinejs").stdout)
    slide = next(e for e in slides["events"] if e["unique_id"] == "e")
    assert "<b>" not in slide["display_date"] and "&lt;b&gt;" in slide["display_date"]


def test_19_spreadsheet_formulas_are_neutralised(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_dataset(HOSTILE)
    listed = aloe("--data", str(path), "timeline", "-f", "csv").stdout
    assert ",'@SUM(A1)," in listed and ",'+cmd" in listed
    folder = tmp_path / "csv"
    assert aloe("--data", str(path), "export", "--to", "csv", "-o", str(folder)).exit_code == 0
    import csv

    for table in folder.iterdir():
        with table.open(encoding="utf-8", newline="") as stream:
            cells = [cell for row in csv.reader(stream) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], table.name


# 20-22. Files the user owns -----------------------------------------------------------------------------------------------------------


def test_20_force_never_replaces_a_device(aloe: Callable[..., Result]) -> None:
    clean_failure(aloe("export", "--to", "html", "-o", "/dev/null", "--force"), 1, "is not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_21_concurrent_exports_to_one_new_path_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "aloe_cli", "export", "--to", "html", "-o", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    codes = [p.wait(timeout=GUARD) for p in processes]
    for process in processes:
        assert process.stderr is not None
        process.stderr.close()
    assert sorted(codes) == [0, 1, 1, 1, 1]
    assert [p for p in tmp_path.iterdir() if p.name != "page.html"] == []  # no temporary left behind


def test_22_a_killed_run_leaves_nothing_the_next_run_does_not_clean(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    process = subprocess.Popen(["sleep", "0"])
    process.wait()
    stale = tmp_path / f".page.html.aloe-{process.pid}-dead.tmp"  # a finished process's temporary
    stale.write_text("half", encoding="utf-8")
    assert aloe("export", "--to", "html", "-o", str(tmp_path / "other.html")).exit_code == 0
    assert not stale.exists()


# 23-24. Arguments and readers ------------------------------------------------------------------------------------------------------------


def test_23_usage_errors_show_escapes_as_symbols(aloe: Callable[..., Result]) -> None:
    result = aloe("workshops", "--category", "\x1b[2J\x1b]0;x\x07")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "␛[2J" in result.stderr


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("timeline",), ("timeline", "-f", "json"),
                                  ("export", "--to", "html"), ("validate",), ("chart",), ("lineage",)])  # fmt: skip
def test_24_a_reader_that_closes_at_once_is_no_error(args: tuple[str, ...]) -> None:
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    writer = subprocess.run(
        [sys.executable, "-m", "aloe_cli", *args], stdout=reader.stdin, stderr=subprocess.PIPE, text=True,
        timeout=GUARD, check=False,
    )  # fmt: skip
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait(timeout=GUARD)
    assert writer.returncode == 0 and writer.stderr == ""


def test_10_a_damaged_entry_in_a_read_only_cache_is_no_error(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], private_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from aloe_cli.loading import dataset as dataset_module
    from aloe_cli.loading.cache import cache_key

    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)
    path = write_dataset(
        dataset("events:\n  - {id: e, title: E, dates: [{edtf: '2002'}], sources: [{source: s}]}\n")
    )
    entry = private_cache / f"{cache_key(path.read_bytes())}.json"
    entry.write_bytes(b"damaged")

    def refuse(self: Path, missing_ok: bool = False) -> None:  # root ignores permission bits: refuse here
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    for _ in range(2):  # every run: the entry cannot be removed, and the answer is right all the same
        result = aloe("--data", str(path), "events", "-f", "json")
        assert result.exit_code == 0 and result.stderr == "" and "Traceback" not in result.stdout
        assert [r["id"] for r in json.loads(result.stdout)] == ["e"]
