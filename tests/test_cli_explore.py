"""lineage, show, search and chart: the researcher's next questions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.questions.names import fold
from aloe_cli.questions.record_detail import index_records
from aloe_cli.questions.search import match_spans
from conftest import examples

WIDE = {"COLUMNS": "250"}


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- lineage ------------------------------------------------------------------------------------


def test_lineage_tree(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("lineage", env=WIDE))
    lines = text.splitlines()
    alliance = next(
        i for i, line in enumerate(lines) if "Alliance for a Responsible, Plural and United World" in line
    )
    wsse = next(i for i, line in enumerate(lines) if "emerged within it, mid-1997" in line)
    aloe_line = next(
        i for i, line in enumerate(lines)
        if "it became (our reading), disputed: October 2005 (story ¶9); 22–26 November 2005 (ripess-dakar): ALOE"
        in line
    )  # fmt: skip
    assert alliance < wsse < aloe_line
    indent = [len(lines[i]) - len(lines[i].lstrip("│ ├└─")) for i in (alliance, wsse, aloe_line)]
    assert indent == sorted(indent) and len(set(indent)) == 3  # each a level deeper
    assert "marked by: The WSSE takes shape (1998-1999)" in text
    # The Dakar dispute told once on its branch (by the link), after that as its span (issue 24).
    assert (
        "marked by: The Dakar meeting, where ALOE takes shape (October–November 2005, disputed, as above)"
        in text
    )
    assert text.count("22–26 November 2005 (ripess-dakar)") == 1
    assert "(from 1982, end unknown)" in text  # an unknown end, not an open one
    assert "supported by FPH" in text


def test_lineage_json_maps_onto_the_org_ontology(aloe: Callable[..., Result]) -> None:
    document = json.loads(ok(aloe("lineage", "--format", "json")))
    assert {n["id"] for n in document["nodes"]} == {"fph", "alliance", "wsse", "aloe"}
    edges = {e["id"]: e for e in document["edges"]}
    became = edges["wsse-becomes-aloe"]
    assert became["relation"] == "became"
    assert became["org"] == {
        "@type": "org:ChangeEvent", "org:originalOrganization": "wsse", "org:resultingOrganization": "aloe",
    }  # fmt: skip
    assert became["date"] == "2005-10" and became["sources"][0]["source"] == "story"
    emerged = edges["wsse-emerges-within-alliance"]
    assert emerged["org"]["org:subOrganizationOf"] == "alliance"
    assert [m["id"] for m in emerged["milestones"]] == ["reorganisation-1997", "wsse-takes-shape"]
    assert edges["aloe-supported-by-fph"]["org"]["org:linkedTo"] == ["aloe", "fph"]  # from, to
    wsse = next(n for n in document["nodes"] if n["id"] == "wsse")
    assert wsse["names"]["fr"] == "Pôle de Socio-Economie Solidaire"
    assert yaml_round_trip(aloe, "lineage") == document


def yaml_round_trip(aloe: Callable[..., Result], *args: str) -> object:
    import yaml

    return yaml.safe_load(ok(aloe(*args, "--format", "yaml")))


def test_lineage_of_a_dataset_without_one(aloe: Callable[..., Result], small_dataset: Path) -> None:
    document = json.loads(ok(aloe("--data", str(small_dataset), "lineage", "--format", "json")))
    assert document == {"nodes": [], "edges": []}


# --- show ---------------------------------------------------------------------------------------


def test_show_dakar_has_both_dates_and_both_sources(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("show", "dakar-2005", env=WIDE))
    assert "October 2005  [2005-10]" in text
    assert "22–26 November 2005  [2005-11-22/2005-11-26]" in text
    assert "story ¶9 “The Dakar meeting in October 2005” — A story..." in text
    assert (
        "ripess-dakar — [RIPESS assessment of the Dakar 2005 meeting] <http://www.ripess.net/en/bilan_dk2005.html>"
        in text
    )
    assert "the sources give different dates" in text and "may be one gathering or two" in text
    assert "cannot all be true" not in text  # the sources say it may be two gatherings
    detail = json.loads(ok(aloe("show", "dakar-2005", "--format", "json")))
    assert detail["disputed"] is True
    assert [c["date"] for c in detail["claims"]] == ["2005-10", "2005-11-22/2005-11-26"]
    related = {(r["direction"], r["id"]) for r in detail["related"]}
    assert {
        ("names", "dakar"),
        ("names", "aloe"),
        ("named by", "wsse-becomes-aloe"),
        ("named by", "gap-dakar-date"),
    } <= related


def test_show_lists_every_name_of_a_body(aloe: Callable[..., Result]) -> None:
    detail = json.loads(ok(aloe("show", "wsse", "--format", "json")))
    names = {(n["name"], n["lang"]) for n in detail["names"]}
    assert {
        ("Pôle de Socio-Economie Solidaire", "fr"),
        ("PSES", "fr"),
        ("Workshop on a Socio-Economy of Solidarity", "en"),
    } <= names
    sources = {(c["source"], tuple(c["supports"])) for c in detail["sources"]}
    assert ("story-fr", ("name.fr", "acronym.fr")) in sources  # the source of "PSES"


def test_show_a_source_lists_what_cites_it(aloe: Callable[..., Result]) -> None:
    detail = json.loads(ok(aloe("show", "ripess-dakar", "--format", "json")))
    citing = {r["id"] for r in detail["related"] if r["direction"] == "cited by"}
    assert {"dakar-2005", "dakar-2005-globalization", "ripess"} <= citing


def test_show_works_for_every_record_with_no_python_in_sight(aloe: Callable[..., Result]) -> None:
    """Every record's `show`, built in-process (the CLI path is the same function), reads as prose."""

    from aloe_cli.presentation.build import Presentation
    from aloe_cli.questions.record_detail import record_detail
    from aloe_cli.renderers.detail import render_detail

    dataset = load_dataset(DatasetSource(None))
    lookup = Presentation(dataset, "en")
    for record_id in index_records(dataset):
        detail = record_detail(dataset, record_id, lookup)
        assert json.loads(json.dumps(detail))["id"] == record_id
        screen = render_detail(detail).plain(100)
        assert not re.search(r"\b(None|True|False)\b", screen), record_id
    for record_id in ("twelve-workshops", "aloe", "original-debt"):  # and through the CLI
        assert json.loads(ok(aloe("show", record_id, "--format", "json")))["id"] == record_id
        assert "None" not in ok(aloe("show", record_id))


def test_show_an_unknown_id(aloe: Callable[..., Result]) -> None:
    result = aloe("show", "findhorn-2002")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(
        "aloe: error: no record has the id 'findhorn-2002'; did you mean 'findhorn-2001'"
    )


# --- search -------------------------------------------------------------------------------------


def test_fold_and_spans() -> None:
    assert fold("Économie")[0] == "economie"
    assert match_spans("Alliance pour une économie responsable", "ECONOMIE") == [(18, 26)]
    assert match_spans("ﬁnance Économie", "economie") == [(7, 15)]  # a ligature folds to two letters


def search_ids(aloe: Callable[..., Result], *terms: str) -> list[str]:
    return [r["id"] for r in json.loads(ok(aloe("search", *terms, "--format", "json")))]


def test_search_ignores_case_and_accents(aloe: Callable[..., Result]) -> None:
    assert {"wsse", "aloe"} <= set(search_ids(aloe, "economie"))
    assert search_ids(aloe, "findhorn")[0] == "findhorn-2001"
    assert "wsse" in search_ids(aloe, "SOCIO-ECONOMIE")
    # every word must match; names first: the story's workshop and the original one probably the same
    assert set(search_ids(aloe, "social", "money")[:2]) == {"social-money", "original-social-money"}


def test_search_finds_places_and_people(aloe: Callable[..., Result]) -> None:
    assert "findhorn-2001" in search_ids(aloe, "amouroux")
    assert {"wsf-2002", "wsf-2003", "wsf-2005"} <= set(search_ids(aloe, "porto", "alegre"))


def test_search_with_no_match(aloe: Callable[..., Result]) -> None:
    assert json.loads(ok(aloe("search", "zzzz-nothing", "--format", "json"))) == []
    table = aloe("search", "zzzz-nothing")
    assert table.exit_code == 0 and table.stderr == "No records match.\n"


def test_search_marks_the_match_on_a_terminal() -> None:

    from aloe_cli.evidence.search_results import search_listing
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.questions.search import search
    from aloe_cli.renderers import RENDERERS, Format

    dataset = load_dataset(DatasetSource(None))
    listing = search_listing(search(dataset, "findhorn"), ["findhorn"], Presentation(dataset, "en"))
    output = RENDERERS[Format.table](listing).painted(200)  # what a colour terminal is sent
    assert "\x1b[1;7mFindhorn\x1b[0m" in output


# --- chart --------------------------------------------------------------------------------------


def test_chart_fits_80_columns_without_colour(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("chart", env={"COLUMNS": "80"}))
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\x1b" not in text
    lines = text.splitlines()
    assert lines[0].split() == [str(year) for year in range(1982, 2007, 5)]
    bars = {line.split()[0]: line for line in lines[1:5]}
    assert "┄" in bars["WSSE"] and "?" in bars["WSSE"]  # mid-1997 is approximate; its end unknown
    assert bars["ALOE"].rstrip().endswith("·?")  # no source says when ALOE ended: unknown, not open
    assert "▶" not in bars["ALOE"]
    assert "━ span the sources agree on" in text and "By year:" in text
    assert "○ dakar-2005" in text  # disputed: an open mark


def test_chart_years_can_be_chosen(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("chart", "--from", "2001", "--to", "2003"))
    assert text.splitlines()[0].split() == ["2001", "2002", "2003"]


def test_chart_svg(aloe: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "decade.svg"
    result = aloe("chart", "--svg", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"Saved the chart as SVG to {target}\n"
    assert result.stdout == ""  # the picture went to the file, not the screen as well
    svg = target.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "1997" in svg
    target.write_text("mine", encoding="utf-8")
    refused = aloe("chart", "--svg", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == f"aloe: error: {target}: already exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    assert aloe("chart", "--svg", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert [p.name for p in tmp_path.iterdir()] == ["decade.svg"]  # no temporary file left behind


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "era"),
    [("fr", "Le Pôle de Socio-Economie Solidaire (PSES)")],
)
def test_timeline_in_other_languages(aloe: Callable[..., Result], lang: str, era: str) -> None:
    records = json.loads(ok(aloe("--lang", lang, "timeline", "--format", "json")))
    assert era in {r["era_title"] for r in records}
    text = ok(aloe("timeline", env={**WIDE, "ALOE_LANG": lang}))
    assert era in text


# --- a small dataset of one's own, and shell completion ------------------------------------------


def test_explore_commands_on_a_small_dataset(aloe: Callable[..., Result], small_dataset: Path) -> None:
    data = ("--data", str(small_dataset))
    detail = json.loads(ok(aloe(*data, "show", "e-disputed", "--format", "json")))
    assert [c["date"] for c in detail["claims"]] == ["2003-10", "2003-11-22/2003-11-26"]
    assert detail["claims"][1]["sources"][0]["locator"] == "p. 2"
    assert json.loads(ok(aloe(*data, "show", "org-a", "--format", "json")))["names"][1] == {
        "name": "Organisation A en français", "lang": "fr", "note": None,
        "sources": [],  # its citation names no statement: no source is said to give this name
    }  # fmt: skip
    assert aloe(*data, "show", "wsse").exit_code == 1
    assert [r["id"] for r in json.loads(ok(aloe(*data, "search", "SPANNING", "--format", "json")))] == [
        "e-span"
    ]
    assert [r["id"] for r in json.loads(ok(aloe(*data, "search", "town", "--format", "json")))] == [
        "town",
        "e-span",
    ]
    chart = ok(aloe(*data, "chart", env={"COLUMNS": "80"}))
    assert chart.splitlines()[0].split() == ["2001", "2002", "2003"]
    assert "○ m-approx" in chart and "△ e-disputed" in chart


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("aloe workshops --category re", ["regulation"]),
        ("aloe show dakar-2005", ["dakar-2005", "dakar-2005-globalization"]),
        ("aloe events --series european", ["european-social-forum"]),
        ("aloe timeline --person paul", ["paul-singer"]),
    ],
)
def test_shell_completion_offers_ids(words: str, expected: list[str]) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_ALOE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-m", "aloe_cli"], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == expected


@settings(max_examples=examples(150), deadline=None)
@given(st.text(max_size=40))
def test_folding_a_whole_text_is_folding_it_character_by_character(text: str) -> None:
    from aloe_cli.questions.names import fold, fold_text

    assert fold_text(text) == fold(text)[0]


@settings(max_examples=examples(150), deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>\"'a é\n"), max_size=40) | st.text(max_size=40))
def test_escaping_markup_is_what_html_escape_gives(text: str) -> None:
    import html

    from aloe_cli.sanitize import escape_markup

    assert escape_markup(text) == html.escape(text, quote=True)
