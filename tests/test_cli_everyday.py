"""The everyday command line: what a newcomer expects without being told (one test or more per point)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.cli.application import hoist_global_options
from aloe_cli.evidence.kind_listings import KIND_LISTINGS
from aloe_cli.kinds import RecordKind
from aloe_cli.loading.yaml_loader import parse_yaml
from aloe_cli.questions.search import snippet
from conftest import run_in_terminal

NARROW = {"COLUMNS": "80"}


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


def ids_of(result: Result) -> list[str]:
    return [record["id"] for record in json.loads(ok(result))]


# 1. Options where people type them ------------------------------------------------------------------


def test_global_options_after_the_command(aloe: Callable[..., Result], small_dataset: Path) -> None:
    assert ok(aloe("timeline", "--lang", "fr")) == ok(aloe("--lang", "fr", "timeline"))
    assert ok(aloe("timeline", "--lang=fr", "--format", "json")) == ok(
        aloe("--lang", "fr", "timeline", "-f", "json")
    )
    assert ok(aloe("events", "--data", str(small_dataset), "-f", "json")) == ok(
        aloe("--data", str(small_dataset), "events", "-f", "json")
    )
    assert ok(aloe("workshops", "--no-color", "--no-cache", "--no-pager", "--debug"))


def test_hoisting_leaves_command_words_alone() -> None:
    assert hoist_global_options(["search", "--lang", "fr", "economie"]) == [
        "--lang",
        "fr",
        "search",
        "economie",
    ]
    assert hoist_global_options(["--data", "x.yaml", "show", "--debug", "wsse"]) == [
        "--data", "x.yaml", "--debug", "show", "wsse",
    ]  # fmt: skip
    assert hoist_global_options(["search", "--", "--debug"]) == ["search", "--", "--debug"]


def test_an_unknown_language_is_a_usage_error(aloe: Callable[..., Result]) -> None:
    for result in (aloe("timeline", "--lang", "de"), aloe("timeline", env={"ALOE_LANG": "de"})):
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert "'de' is not a language aloe speaks: use en, fr, es, pt" in result.stderr


# 2. Filters that don't silently miss -----------------------------------------------------------------


def test_org_finds_the_events_the_wsse_took_part_in(aloe: Callable[..., Result]) -> None:
    events = ids_of(aloe("events", "--org", "wsse", "-f", "json"))
    assert "wsf-2002" in events and "esf-2003" in events
    assert "lima-1997" not in events  # context only: no source says the WSSE took part
    assert "wsf-2002" in ids_of(aloe("timeline", "--org", "wsse", "-f", "json"))


# 3. No Python in human output (show over every record: tests/test_cli_explore.py) -----------------------


@pytest.mark.parametrize(
    "args",
    [
        ("timeline",),
        ("events",),
        ("workshops",),
        ("lineage",),
        ("chart",),
        ("gaps",),
        ("sources",),
        *(("list", kind.value) for kind in RecordKind),
    ],
    ids=" ".join,
)
def test_no_python_values_where_people_read(aloe: Callable[..., Result], args: tuple[str, ...]) -> None:
    assert not re.search(r"\b(None|True|False)\b", ok(aloe(*args, env=NARROW)))


# 4. Ids are never broken -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("timeline",),
        ("events",),
        ("workshops",),
        ("search", "economy"),
        ("gaps",),
        ("sources",),
        *(("list", kind.value) for kind in RecordKind),
    ],
    ids=" ".join,
)
def test_ids_stay_whole_at_80_columns(aloe: Callable[..., Result], args: tuple[str, ...]) -> None:
    words = set(ok(aloe(*args, env=NARROW)).replace(",", " ").split())
    for record_id in ids_of(aloe(*args, "--format", "json")):
        assert record_id in words, record_id


# 5. Every kind of record can be listed ------------------------------------------------------------------


def test_every_kind_has_a_listing() -> None:
    assert set(KIND_LISTINGS) == set(RecordKind)


@pytest.mark.parametrize("kind", list(RecordKind), ids=[k.value for k in RecordKind])
@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "csv", "yaml", "markdown"])
def test_list_every_kind_in_every_format(
    aloe: Callable[..., Result], kind: RecordKind, output_format: str
) -> None:
    text = ok(aloe("list", kind.value, "--format", output_format))
    assert text.strip()
    if output_format == "json":
        assert all(record["id"] for record in json.loads(text))


def test_sources_and_gaps_commands(aloe: Callable[..., Result]) -> None:
    sources = {s["id"]: s for s in json.loads(ok(aloe("sources", "--format", "json")))}
    assert "findhorn-2001" in sources["findhorn-report"]["cited_by"]
    assert sources["ripess-dakar"]["title"].startswith("[")  # a descriptive title, bracketed
    gaps = ids_of(aloe("gaps", "--format", "json"))
    assert "gap-dakar-date" in gaps


def test_csl_json_renders_in_citeproc(aloe: Callable[..., Result]) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(ok(aloe("sources", "--format", "csl-json")))
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, CiteProcJSON(items), citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"]) for item in items]))
    rendered = "\n".join(str(entry) for entry in bibliography.bibliography())
    assert "A story..." in rendered
    assert "La seconde étape de l'Alliance" in rendered and "Calame" in rendered and "2003" in rendered
    assert len(bibliography.bibliography()) == len(items)


def test_bibtex_reads_back_in_pybtex(aloe: Callable[..., Result]) -> None:
    database = pytest.importorskip("pybtex.database")
    text = ok(aloe("sources", "--format", "bibtex"))
    parsed = database.parse_string(text, "bibtex")
    assert len(parsed.entries) == len(json.loads(ok(aloe("sources", "--format", "json"))))
    calame = parsed.entries["calame-2003"]
    assert calame.fields["date"] == "2003-02-19" and "seconde" in calame.fields["title"]
    assert str(calame.persons["author"][0]) == "Calame, Pierre"  # sorts by the family name


# 6. Search finds what people call things ----------------------------------------------------------------


def test_search_acronyms_other_languages_and_ids(aloe: Callable[..., Result]) -> None:
    assert {"wsf-2002", "wsf-2006", "world-social-forum"} <= set(ids_of(aloe("search", "wsf", "-f", "json")))
    assert "wsse" in ids_of(aloe("search", "pses", "-f", "json"))
    assert "ripess" in ids_of(aloe("search", "ripess", "-f", "json"))
    assert ids_of(aloe("search", "findhorn-2001", "-f", "json"))[0] == "findhorn-2001"


def test_snippets_cut_at_word_boundaries() -> None:
    text = (
        "The workshops carried out pioneering work in building international networks on issues then ignored"
    )
    extract, spans = snippet(text * 2, [(text.index("networks"), text.index("networks") + 8)])
    words = extract.strip("…").split()
    assert all(word in (text * 2).split() or word.endswith(text[:3]) for word in words)
    assert extract[spans[0][0] : spans[0][1]] == "networks"


def test_every_see_below_has_its_below(aloe: Callable[..., Result]) -> None:
    for args in (("timeline",), ("events",), ("search", "forum")):
        text = ok(aloe(*args, env=NARROW))
        if "see below" in text:
            assert "Disputed dates" in text, args


# 7. A pager on long output -------------------------------------------------------------------------------


def terminal_text(args: list[str], env: dict[str, str]) -> str:
    """What reached the terminal, as text."""
    return run_in_terminal(args, env).decode("utf-8", "replace")


def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"cat > {paged}"
    terminal_text(["timeline"], {"PAGER": pager})
    assert "findhorn-2001" in paged.read_text(encoding="utf-8")
    paged.unlink()
    direct = terminal_text(["timeline", "--no-pager"], {"PAGER": pager})
    assert not paged.exists() and "findhorn-2001" in direct
    short = terminal_text(["show", "fph-renamed"], {"PAGER": pager})
    assert not paged.exists() and "fph-renamed" in short  # shorter than the screen: no pager


def test_never_a_pager_when_piped(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    result = subprocess.run(
        [sys.executable, "-m", "aloe_cli", "timeline"], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PAGER": f"cat > {paged}"},
    )  # fmt: skip
    assert result.returncode == 0 and "findhorn-2001" in result.stdout and not paged.exists()


# 8. Help that answers ---------------------------------------------------------------------------------------


def test_help_says_how_to_list_ids_and_what_things_are(aloe: Callable[..., Result]) -> None:
    assert "aloe list phases" in " ".join(ok(aloe("workshops", "--help", env=NARROW)).split())
    assert "aloe list organisations" in " ".join(ok(aloe("timeline", "--help", env=NARROW)).split())
    main = " ".join(ok(aloe("--help", env=NARROW)).split())
    assert "A milestone is" in main and "an event is" in main
    commands = ok(aloe("--help", env=NARROW)).split("Commands:")[1]
    assert "..." not in commands.replace("series ...", "")  # nothing cut mid-sentence


# 9. Dates read at a glance ----------------------------------------------------------------------------------


def test_a_date_cell_says_whose_words_and_which_days(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("events", "--year", "2002", env={"COLUMNS": "200"}))
    # The story's year [1], then the days another source gives [2], each claim with its own source.
    assert "2002 [1] (31 January – 5 February 2002 [2])" in text
    assert "[2] [Scoop story on the second World Social Forum] <http://www.scoop.co.nz/" in text
    assert "Dates: each source's words [its sources]" in text


# 10. Usage errors in one line ---------------------------------------------------------------------------------


def test_usage_errors_are_one_line_naming_the_option(aloe: Callable[..., Result]) -> None:
    for args, option in ((("timeline", "--bogus"), "--bogus"), (("events", "--year", "abc"), "--year"),
                         (("workshops", "--phase", "nope"), "--phase")):  # fmt: skip
        result = aloe(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and option in result.stderr and "--help" in result.stderr


def test_arguments_echoed_with_control_characters_visible(aloe: Callable[..., Result]) -> None:
    for args in (("show", "\x1b]0;pwned\x07x"), ("workshops", "--phase", "\x1b[31mred")):
        result = aloe(*args)
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "␛" in result.stderr


# 11. YAML output aloe can read back -----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("timeline",), ("events",), ("list", "sources"), ("show", "wsse")])
def test_yaml_output_reads_back(aloe: Callable[..., Result], args: tuple[str, ...]) -> None:
    text = ok(aloe(*args, "--format", "yaml"))
    assert "&id" not in text and "*id" not in text
    parse_yaml("wrapped:\n" + "".join("  " + line for line in text.splitlines(keepends=True)), "out.yaml")


# 12. Wide terminals ------------------------------------------------------------------------------------------------


def test_wide_terminals_use_the_width_for_text(aloe: Callable[..., Result]) -> None:
    def rule_widths(columns: str) -> list[int]:
        text = ok(aloe("timeline", env={"COLUMNS": columns}))
        return [len(line.strip()) for line in text.splitlines() if set(line.strip()) == {"─"}]

    assert rule_widths("300") == rule_widths("400")  # no table stretches with the screen
    assert max(rule_widths("300")) < 300
    assert min(rule_widths("200")) < 100  # a table with short text stays narrow on a wide screen


# 13. After install ---------------------------------------------------------------------------------------------------


def test_readme_says_how_to_call_aloe() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install and run")[1].split("## ")[0]
    assert "source .venv/bin/activate" in install and "pipx install" in install
