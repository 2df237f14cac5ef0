"""timeline, events and workshops through the command line: answers, formats, filters, errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from aloe_cli.renderers import Format

WIDE = {"COLUMNS": "250"}  # a wide screen, so that phrases are not wrapped across lines
LISTINGS = [
    ["timeline"],
    ["events"],
    ["workshops"],
    ["search", "findhorn"],
]


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def as_json(result: Result) -> list[dict[str, Any]]:  # JSON: any value
    data = json.loads(ok(result))
    assert isinstance(data, list)
    return data


def test_events_in_2002(aloe: Callable[..., Result]) -> None:
    records = as_json(aloe("events", "--year", "2002", "--format", "json"))
    assert [r["id"] for r in records] == ["wsf-2002", "microfinance-2002", "esf-2002"]
    wsf = records[0]
    assert (wsf["date"], wsf["date_label"]) == ("2002", "2002")  # the story's words, cited to the story
    assert wsf["date_words"] == "2002 (31 January – 5 February 2002)"
    assert [(c["date"], [s["source"] for s in c["sources"]]) for c in wsf["claims"]] == [
        ("2002", ["story"]),
        ("2002-01-31/2002-02-05", ["scoop-wsf-2002"]),
    ]
    assert (wsf["start"], wsf["end"]) == ("2002-01-31", "2002-02-05")  # claims that agree narrow the days
    assert not wsf["disputed"]
    assert wsf["role"] == "theme_lead"
    assert wsf["places"] == [{"id": "porto-alegre", "name": "Porto Alegre (Brazil)"}]
    story = next(c for c in wsf["sources"] if c["source"] == "story")
    assert {key: story[key] for key in ("locator", "title", "descriptive_title", "url")} == {
        "locator": "¶6", "title": "A story...", "descriptive_title": False,
        "url": "https://aloe.socioeco.org/page63-histoire_en.html",
    }  # fmt: skip
    assert "role" in story["supports"]  # the story is the source of the WSSE's role


def test_events_table_reads_plainly(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("events", "--year", "2002", env=WIDE))
    assert "2nd World Social Forum" in text
    assert "in charge of the solidarity economy theme" in text
    assert "Conference on Microfinance and Governance" in text
    assert "\x1b" not in text  # piped: no escape codes


def test_workshops_by_category(aloe: Callable[..., Result]) -> None:
    records = as_json(aloe("workshops", "--category", "regulation", "--format", "json"))
    assert [r["id"] for r in records] == ["governance", "indicators", "debt", "international-finance"]  # ¶7b
    indicators = records[1]
    assert indicators["category"] == ["regulation", "integration"]
    assert indicators["phases"] == ["post-findhorn-workshops"]
    text = ok(aloe("workshops", "--category", "regulation", env=WIDE))
    assert "International finance" in text and "Macro-economic regulation" in text


def test_unknown_category_is_a_usage_error_listing_the_valid_ones(aloe: Callable[..., Result]) -> None:
    result = aloe("workshops", "--category", "regulatoin")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no category 'regulatoin' in the dataset (did you mean 'regulation'?)" in result.stderr
    assert "valid: initiatives, integration, regulation" in result.stderr


@pytest.mark.parametrize(
    "args", [["events", "--year", "abc"], ["timeline", "--from", "x"], ["events", "--format", "pdf"]]
)
def test_bad_option_values_are_usage_errors(aloe: Callable[..., Result], args: list[str]) -> None:
    result = aloe(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"aloe: error: '{args[1]}'") and result.stderr.count("\n") == 1


def test_timeline_is_grouped_by_era_oldest_first(aloe: Callable[..., Result]) -> None:
    records = as_json(aloe("timeline", "--format", "json"))
    eras = [r["era"] for r in records]
    eras_in_order = ["fph-era", "alliance-era", "wsse-era", "aloe-era"]
    assert eras == sorted(eras, key=eras_in_order.index)
    for era in eras_in_order:
        starts = [r["start"] for r in records if r["era"] == era and r["start"]]
        assert starts == sorted(starts)
    kinds = {r["kind"] for r in records}
    assert kinds == {"milestone", "event"}
    text = ok(aloe("timeline"))
    for heading in ("The Alliance for a Responsible, Plural and United World", "ALOE", "(WSSE)"):
        assert heading in text


def test_timeline_shows_uncertain_and_disputed_dates(aloe: Callable[..., Result]) -> None:
    text = ok(aloe("timeline", env=WIDE))
    assert "mid-1997" in text and "(approximate)" in text
    assert "October–November 2005, disputed (note\u00a0D)" in text  # the span the claims cover, its note
    # Each claim with its own source, in the note under the group's table, the sources numbered ...
    import re

    found = re.search(
        r"\nD\. October 2005 \[(\w+)\]; 22–26 November 2005 \[(\d+)\]", text
    )  # the claims (the cell says it is disputed), each with its mark: '6k' is place k of source [6]
    assert found is not None
    story = re.search(r"\[(\d+)\] A story...: (.*) <https://aloe.socioeco.org/page63-histoire_en.html>", text)
    assert story is not None and found[1].startswith(story[1])
    assert f"{found[1].removeprefix(story[1])}\u00a0¶9" in story[2]
    assert f"[{found[2]}] [RIPESS assessment of the Dakar 2005 meeting] <http://www.ripess.net/" in text
    # ... or named in the line when the apparatus is turned off
    bare = ok(aloe("timeline", "--no-sources", env=WIDE))
    assert "D. October 2005 (story ¶9); 22–26 November 2005 (ripess-dakar)" in bare
    assert "\nSources\n" not in bare
    dakar = next(r for r in as_json(aloe("timeline", "--format", "json")) if r["id"] == "dakar-2005")
    assert dakar["disputed"] is True
    assert [c["date"] for c in dakar["claims"]] == ["2005-10", "2005-11-22/2005-11-26"]
    assert [c["sources"][0]["source"] for c in dakar["claims"]] == ["story", "ripess-dakar"]


def test_timeline_from_to(aloe: Callable[..., Result]) -> None:
    records = as_json(aloe("timeline", "--from", "2001", "--to", "2001", "--format", "json"))
    ids = [r["id"] for r in records]
    assert "findhorn-2001" in ids and "wsf-2002" not in ids
    assert "workshop-programme" in ids  # 2000/2001 possibly falls in 2001
    assert "wsse-goes-public" in ids  # open-ended from June 2001


def test_year_overlap_with_uncertain_dates(aloe: Callable[..., Result], small_dataset: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [str(r["id"]) for r in as_json(aloe("--data", str(small_dataset), *args, "--format", "json"))]

    assert ids("events", "--year", "2001") == ["e-span"]  # 30 Dec 2001 - 2 Jan 2002 meets 2001
    assert ids("events", "--year", "2002") == ["e-span"]  # ... and 2002
    assert ids("events", "--year", "2002", "--match", "contained") == []  # but is not certainly in 2002
    assert ids("events", "--from", "2001", "--to", "2002", "--match", "contained") == ["e-span"]
    assert ids("events", "--year", "2003") == ["e-disputed"]
    assert ids("timeline", "--from", "2001", "--to", "2001") == ["m-approx", "e-span"]


def test_disputed_record_spans_all_its_claims(aloe: Callable[..., Result], small_dataset: Path) -> None:
    record = as_json(aloe("--data", str(small_dataset), "events", "--format", "json"))[1]
    assert (record["start"], record["end"]) == ("2003-10-01", "2003-11-26")
    assert record["date"] == "2003-10" and record["date_label"] == "October 2003"


def test_empty_results(aloe: Callable[..., Result]) -> None:
    assert as_json(aloe("events", "--year", "1990", "--format", "json")) == []
    header = ok(aloe("events", "--year", "1990", "--format", "csv"))
    assert header.startswith("id,kind,title,date,date_label,date_words,start,end")
    assert header.count("\n") == 1
    table = aloe("events", "--year", "1990")
    assert table.exit_code == 0 and table.stdout == "" and table.stderr == "No records match.\n"


@pytest.mark.parametrize("output_format", list(Format), ids=[f.value for f in Format])
@pytest.mark.parametrize("args", LISTINGS, ids=[" ".join(a) for a in LISTINGS])
def test_every_format_of_every_listing(
    aloe: Callable[..., Result], args: list[str], output_format: Format
) -> None:
    json_records = as_json(aloe(*args, "--format", "json"))
    text = ok(aloe(*args, "--format", output_format.value, env=WIDE))
    ids = [str(r["id"]) for r in json_records]
    if output_format is Format.json:
        assert json.loads(text) == json_records
    elif output_format is Format.jsonl:
        assert [json.loads(line) for line in text.splitlines()] == json_records
    elif output_format is Format.csv:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [row["id"] for row in rows] == ids
        assert [row["title"] for row in rows] == [r["title"] for r in json_records]
    elif output_format is Format.yaml:
        assert yaml.safe_load(text) == json_records
    elif output_format is Format.markdown:
        assert text.startswith("# ")
        assert all(f"| {i} |" in text or f"{i}" in text for i in ids)
        assert "|---|" in text
    elif output_format is Format.table:
        assert all(i in text for i in ids)
    else:  # pragma: no cover - a new format must get its own check here
        pytest.fail(f"no check for {output_format}")


def test_csv_and_json_round_trip_awkward_text(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    title = 'Commas, "quotes", semicolons; accents: Économie solidária\nand a second line ' + "long " * 60
    path = write_dataset(
        "format: aloe/1\ntitle: t\nsources: [{id: s, title: s}]\nevents:\n"
        f"  - {{id: e, title: {json.dumps(title)}, dates: [{{edtf: '2002'}}], sources: [{{source: s}}]}}\n"
    )
    records = as_json(aloe("--data", str(path), "events", "--format", "json"))
    assert records[0]["title"] == title
    rows = list(csv.DictReader(io.StringIO(ok(aloe("--data", str(path), "events", "--format", "csv")))))
    assert rows[0]["title"] == title
    table = ok(aloe("--data", str(path), "events"))
    assert "…" not in table and "solidária" in table


def test_json_contract_fields(aloe: Callable[..., Result]) -> None:
    for args in (["timeline"], ["events"]):
        for record in as_json(aloe(*args, "--format", "json")):
            assert {"id", "title", "date", "date_label", "start", "end", "sources"} <= record.keys()
            assert all({"source", "locator", "title", "url"} <= s.keys() for s in record["sources"])
    for record in as_json(aloe("workshops", "--format", "json")):
        assert {"id", "title", "category", "sources"} <= record.keys()


def test_dataset_text_is_never_interpreted(aloe: Callable[..., Result]) -> None:
    from conftest import DATASETS

    path = DATASETS / "valid" / "unicode-and-markup.yaml"
    for fmt in ("table", "markdown", "csv"):
        text = ok(aloe("--data", str(path), "timeline", "--format", fmt))
        assert "\x1b" not in text
        assert "␛" in text  # the escape character is shown, not sent
    table = ok(aloe("--data", str(path), "events", env=WIDE))
    assert "[link=https://evil.example]click[/link]" in table
    records = as_json(aloe("--data", str(path), "events", "--format", "json"))
    assert records[0]["title"].startswith("[link=https://evil.example]click[/link] \x1b]8;;")
    assert "\\u001b" in ok(aloe("--data", str(path), "events", "--format", "json"))


def test_markup_in_titles_is_literal_in_tables(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset(
        "format: aloe/1\ntitle: t\nsources: [{id: s, title: s}]\nevents:\n"
        "  - {id: e, title: '[bold]Bold?[/b] :smile: [red]x', dates: [{edtf: '2002'}],"
        " sources: [{source: s}]}\n"
    )
    text = ok(aloe("--data", str(path), "events", env=WIDE))
    assert "[bold]Bold?[/b] :smile: [red]x" in text


def test_lang_falls_back_to_english(aloe: Callable[..., Result], small_dataset: Path) -> None:
    records = as_json(aloe("--lang", "fr", "timeline", "--format", "json"))
    assert any(r["title"] == "Assemblée mondiale des citoyens" for r in records)
    assert any(
        r["title"] == "La rencontre de Findhorn, premier séminaire transversal du PSES" for r in records
    )
    assert any(r["title"] == "2e Forum social mondial" for r in records)
    small = as_json(aloe("--data", str(small_dataset), "--lang", "fr", "timeline", "--format", "json"))
    english = as_json(aloe("--data", str(small_dataset), "timeline", "--format", "json"))
    assert small and [r["title"] for r in small] == [r["title"] for r in english]  # no French titles there
    bad = aloe("--lang", "French", "timeline")
    assert bad.exit_code == 2 and "not a language aloe speaks" in bad.stderr


def test_filters_by_org_person_place_and_series(aloe: Callable[..., Result]) -> None:
    def ids(*args: str) -> list[str]:
        return [str(r["id"]) for r in as_json(aloe(*args, "--format", "json"))]

    assert ids("timeline", "--person", "philippe-amouroux") == ["reorganisation-1997"]
    assert ids("events", "--place", "porto-alegre") == ["wsf-2002", "wsf-2003", "wsf-2005"]
    assert ids("events", "--series", "european-social-forum") == ["esf-2002", "esf-2003"]
    assert "dakar-2005" in ids("timeline", "--org", "aloe")
    unknown = aloe("timeline", "--org", "wse")
    assert unknown.exit_code == 2 and "no organisation 'wse'" in unknown.stderr
    both = aloe("events", "--year", "2002", "--from", "2001")
    assert both.exit_code == 2 and "not both" in both.stderr
    reversed_period = aloe("timeline", "--from", "2003", "--to", "2001")
    assert reversed_period.exit_code == 2 and "after --to" in reversed_period.stderr
