"""Our readings, unknown ends and derived dates reach every output people read (issue: the record fact-checked)."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import Result

from conftest import DATASETS

SHAPES = str(DATASETS / "valid" / "evidence-shapes.yaml")


def run(aloe: Callable[..., Result], *args: str) -> str:
    result = aloe("--data", SHAPES, *args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_carries_each_claim_with_its_reading_and_end(aloe: Callable[..., Result]) -> None:
    records = {r["id"]: r for r in json.loads(run(aloe, "timeline", "--format", "json"))}
    visit = records["visit"]["claims"][0]
    assert visit["inferred"] == "the minutes mention it among the 2001 business"
    assert records["founding"]["date_words"] == "1998 (summer 1998)"
    assert not records["founding"]["disputed"]  # the season refines the year
    assert records["fair"]["disputed"]
    detail = json.loads(run(aloe, "show", "coop", "--format", "json"))
    assert [c["date"] for c in detail["claims"]] == ["1998/", "1998-22/"]
    assert {c["end_kind"] for c in detail["claims"]} == {"unknown"}
    assert all(c["inferred"] for c in detail["claims"])
    club = json.loads(run(aloe, "show", "club", "--format", "json"))
    assert club["claims"][0]["end_kind"] == "open"


def test_the_table_and_show_say_our_reading(aloe: Callable[..., Result]) -> None:
    assert "our reading" in run(aloe, "timeline")
    shown = run(aloe, "show", "coop")
    assert "our reading, not a source's: The minutes date its founding assembly" in shown
    assert "from 1998-01-01, end unknown" in shown  # the possible days: no source gives an end
    assert "[Local paper, article on the fair]" in shown  # a descriptive title, bracketed
    assert "from 1990 on" in run(aloe, "show", "club")  # an open end, said so


def test_the_exports_say_our_reading(aloe: Callable[..., Result]) -> None:
    html = run(aloe, "export", "--to", "html")
    assert "our reading: the minutes mention it among the 2001 business" in html
    markdown = run(aloe, "export", "--to", "markdown")
    assert "Our reading, not a source's: the minutes mention it among the 2001 business" in markdown
    slides = json.loads(run(aloe, "export", "--to", "timelinejs"))
    visit = next(e for e in slides["events"] if e["unique_id"] == "visit")
    assert "Our reading, not a source&#x27;s" in visit["text"]["text"]
    assert visit["display_date"] == "2001?, uncertain, our reading"
