"""Issue 25, the third hardening round: each case a test named after its item (`test_25_<item>_...`).

Like `test_hostile.py`: the exact exit code, one line on stderr naming the file, line and column or the
option, no traceback, nothing lost. Processes run under a hang guard far above their normal time, never
a timing.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_hostile import GUARD, clean_failure, dataset
from typer.testing import Result

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


def run_in_terminal_with_code(args: list[str], env: dict[str, str]) -> tuple[bytes, int]:
    """Run `aloe ARGS` on a terminal of 20 lines (a pty); what reached it, and the exit code."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "aloe_cli", *args], stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "80", "LINES": "20", "TERM": "xterm", **env},
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the pty is closed once the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=GUARD)
    os.close(controller)
    return b"".join(chunks), code


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
    path = write_dataset(dated_by_product(300, 100))  # the file: 300 x 300 claims for each of 100
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
