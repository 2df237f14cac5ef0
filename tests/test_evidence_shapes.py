"""Our readings, unknown ends and derived dates reach every output people read (issue: the record fact-checked)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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


def test_every_export_carries_each_disputed_claim_with_its_own_source(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """The Dakar meeting: October 2005 (the story) against 22-26 November 2005 (RIPESS), in each medium."""
    import sqlite3

    def export(*args: str) -> str:
        result = aloe("export", *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    graph = json.loads(export("--to", "jsonld"))["@graph"]
    dakar = next(node for node in graph if node.get("@id") == "urn:aloe:dakar-2005")
    claims = {
        c["aloe:edtf"]: [cited["isPartOf"] for cited in c["subjectOf"]] for c in dakar["aloe:dateClaim"]
    }
    assert claims == {"2005-10": ["urn:aloe:story"], "2005-11-22/2005-11-26": ["urn:aloe:ripess-dakar"]}
    assert dakar["aloe:disputed"] is True

    markdown = export("--to", "markdown")
    line = next(line for line in markdown.splitlines() if line.startswith("  Disputed: October 2005"))
    story_note, ripess_note = (ref.strip("[^]") for ref in line.split("[^")[1:3])
    assert f"[^{story_note.split(']')[0]}]: A story..., ¶9." in markdown
    assert f"[^{ripess_note.split(']')[0]}]: \\[RIPESS assessment of the Dakar 2005 meeting\\]." in markdown
    mermaid = "".join(block.split("```")[0] for block in markdown.split("```mermaid")[1:])
    assert (
        '"October–November 2005, disputed<br/>The Dakar meeting, where ALOE takes shape"]:::disputed'
        in mermaid
    )
    assert '"mid-1997 (approximate)<br/>' in mermaid  # the doubt in words in the diagram too

    slides = json.loads(export("--to", "timelinejs"))
    slide = next(e for e in slides["events"] if e["unique_id"] == "dakar-2005")
    assert (
        'October 2005 (<a href="https://aloe.socioeco.org/page63-histoire_en.html">A story..., ¶9</a>)'
        in slide["text"]["text"]
    )
    assert '<a href="http://www.ripess.net/en/bilan_dk2005.html">' in slide["text"]["text"]

    folder = tmp_path / "csv"
    assert aloe("export", "--to", "csv", "-o", str(folder)).exit_code == 0
    import csv

    with (folder / "dates.csv").open(encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["record_id"] == "dakar-2005"]
    assert [(r["edtf"], r["claim_sources"], r["record_disputed"]) for r in rows] == [
        ("2005-10", "story ¶9", "true"),
        ("2005-11-22/2005-11-26", "ripess-dakar", "true"),
    ]
    with (folder / "milestones.csv").open(encoding="utf-8", newline="") as stream:
        dakar_row = next(row for row in csv.DictReader(stream) if row["id"] == "dakar-2005")
    assert (dakar_row["date_words"], dakar_row["disputed"]) == ("October 2005", "true")

    database = tmp_path / "aloe.sqlite"
    assert aloe("export", "--to", "sqlite", "-o", str(database)).exit_code == 0
    connection = sqlite3.connect(database)
    try:
        cited = connection.execute(
            "SELECT d.edtf, c.source_id FROM dates d JOIN citations c "
            "ON c.record_id = d.record_id AND c.date_position = d.position "
            "WHERE d.record_id = 'dakar-2005' ORDER BY d.position"
        ).fetchall()
        flags = connection.execute(
            "SELECT disputed, date_words FROM happenings WHERE id = 'dakar-2005'"
        ).fetchone()
    finally:
        connection.close()
    assert cited == [("2005-10", "story"), ("2005-11-22/2005-11-26", "ripess-dakar")]
    assert flags == (1, "October 2005")
