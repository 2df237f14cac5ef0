"""`aloe import` on TimelineJS's own files, on sheets made the way people make them, and on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aloe_cli.importing import FORMAT_WORDS, GroupAs, ImportFormat
from aloe_cli.importing.dates import DateParts, DateProblem, doubt_mark, edtf_of
from aloe_cli.importing.html_text import plain_text
from aloe_cli.importing.ids import IdMaker, slug
from aloe_cli.importing.run import READERS
from aloe_cli.importing.yaml_text import scalar
from aloe_cli.loading.validation import validate_text
from aloe_cli.model.models import Dataset
from conftest import examples

TIMELINEJS3 = Path(__file__).parent / "imports" / "timelinejs3"
TEMPLATE = TIMELINEJS3 / "my-own-timeline.csv"
HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def imported(path: Path) -> Dataset:
    return validate_text(path.read_text(encoding="utf-8"), str(path))


def test_every_import_format_has_its_reader_and_its_words() -> None:
    assert set(READERS) == set(ImportFormat)
    assert set(FORMAT_WORDS) == set(ImportFormat)


@pytest.mark.parametrize(
    ("name", "counts"),
    [("eras.json", {"eras": 4, "milestones": 20}), ("my-own-timeline.csv", {"milestones": 10})],
)
def test_timelinejs_own_examples_import_validate_and_show(
    name: str, counts: dict[str, int], aloe: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "x.yaml"
    result = aloe("import", str(TIMELINEJS3 / name), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert aloe("--data", str(out), "validate").exit_code == 0
    timeline = aloe("--data", str(out), "timeline")
    assert timeline.exit_code == 0
    dataset = imported(out)
    assert {name: len(getattr(dataset, name)) for name in counts} == counts
    source = dataset.sources[0]
    assert source.kind == "import"
    for record in [*dataset.eras, *dataset.milestones]:
        assert [c.source for c in record.sources] == [source.id]  # the file, and nothing better


def test_the_template_keeps_dates_at_their_precision_and_media(
    tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    out = tmp_path / "x.yaml"
    assert aloe("import", str(TEMPLATE), "-o", str(out)).exit_code == 0
    dataset = imported(out)
    by_title = {record.title["en"]: record for record in dataset.milestones}
    assert dataset.title == {"en": "MY OWN CSV"}
    assert dataset.description and dataset.description["en"].startswith("In this sample timeline")
    assert by_title["Ada Lovelace"].dates[0].edtf.text == "1815-12-10/1852-11-27"
    assert by_title["...And the women who made it work"].dates[0].edtf.text == "1943-07/1946"
    assert by_title["Rózsa Péter writes recursion"].dates[0].edtf.text == "1951"
    assert by_title["Rózsa Péter writes recursion"].id == "rozsa-peter-writes-recursion"
    ada = by_title["Ada Lovelace"]
    assert ada.media[0].kind == "image"
    assert ada.media[0].url and ada.media[0].url.endswith("Ada_Lovelace_portrait.jpg")
    assert ada.media[0].credit == "Wikimedia Commons"
    assert ada.sources[0].locator == "row 3"  # the header is row 1, the title slide row 2
    assert "<" not in (ada.summary or {}).get("en", "")  # HTML made plain text
    # A quotation where the address goes is kept as words in the note, not dropped.
    clarke = by_title["Edith Clarke: Bucking the Trend"]
    assert clarke.note and "There is no demand for women engineers" in clarke.note


@pytest.mark.parametrize(
    ("label", "transform"),
    [
        ("Excel: byte-order mark and CRLF", lambda data: b"\xef\xbb\xbf" + data),
        ("Google Sheets: CRLF, no mark", lambda data: data),
        ("LF only", lambda data: data.replace(b"\r\n", b"\n")),
    ],
)
def test_the_template_as_sheets_and_excel_save_it(
    label: str, transform: Callable[[bytes], bytes], tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(transform(TEMPLATE.read_bytes()))
    out = tmp_path / "x.yaml"
    result = aloe("import", str(sheet), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    dataset = imported(out)
    assert len(dataset.milestones) == 10
    # A newline inside a quoted cell stays inside the text.
    women = next(m for m in dataset.milestones if m.id == "and-the-women-who-made-it-work")
    assert "the ENIAC Women.\n." in (women.summary or {}).get("en", "")


def test_a_sheet_made_by_hand(tmp_path: Path, aloe: Callable[..., Result]) -> None:
    """Dates as text, empty rows, a merged Year cell, vague display dates, a French header."""
    sheet = tmp_path / "hand.csv"
    sheet.write_text(
        "Année;Mois;Jour;Date affichée;Titre;Texte;Groupe\r\n"
        "c. 1997;;;;Early contacts;<p>Letters <b>between</b> members</p>;Réseau\r\n"
        ";;;;;;\r\n"
        "1998;juin;15;;First meeting;;Réseau\r\n"
        ";juillet;;vers juillet 1998;Second meeting;;Réseau\r\n"
        "1999?;;;;A doubtful year;;Forum\r\n"
        "2001-06-15;;;;Typed in the Year cell;;\r\n"
        ";;;;A headline only;;\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.yaml"
    result = aloe("import", str(sheet), "-o", str(out), "--group-as", "organisation")
    assert result.exit_code == 0, result.stderr
    assert "row 5: Year taken from the row above (1998)" in result.stderr
    dataset = imported(out)
    dates = {m.title["en"]: (m.dates[0].edtf.text if m.dates else None) for m in dataset.milestones}
    assert dates == {
        "Early contacts": "1997~",
        "First meeting": "1998-06-15",
        "Second meeting": "1998-07~",
        "A doubtful year": "1999?",
        "Typed in the Year cell": "2001-06-15",
        "A headline only": None,
    }
    assert [o.name["en"] for o in dataset.organisations] == ["Réseau", "Forum"]
    second = next(m for m in dataset.milestones if m.title["en"] == "Second meeting")
    assert second.organisations == ["reseau"]
    assert second.note and "the year 1998 is the one of the row above" in second.note
    assert second.dates[0].label == "vers juillet 1998"
    assert next(m for m in dataset.milestones if m.id == "early-contacts").summary == {
        "en": "Letters between members"
    }


@pytest.mark.parametrize("group_as", list(GroupAs))
def test_each_way_of_mapping_groups(group_as: GroupAs, tmp_path: Path, aloe: Callable[..., Result]) -> None:
    sheet = tmp_path / "groups.csv"
    sheet.write_text(
        f"{HEADER}\n2001,,,,,,,,,One,,,,,,,Alpha,\n2002,,,,,,,,,Two,,,,,,,Alpha,\n", encoding="utf-8"
    )
    out = tmp_path / "x.yaml"
    assert aloe("import", str(sheet), "-o", str(out), "--group-as", group_as.value).exit_code == 0
    dataset = imported(out)
    field, list_name = {
        GroupAs.era: ("era", "eras"),
        GroupAs.organisation: ("organisations", "organisations"),
        GroupAs.category: ("categories", "categories"),
    }[group_as]
    assert [r.id for r in getattr(dataset, list_name)] == ["alpha"]
    for milestone in dataset.milestones:
        assert getattr(milestone, field) in ("alpha", ["alpha"])


@pytest.mark.parametrize(
    ("words", "mark"),
    [("c. 1998", "~"), ("ca. 1998", "~"), ("circa 1998", "~"), ("around 1998", "~"), ("vers 1998", "~"),
     ("1998?", "?"), ("c. 1998?", "%"), ("1998", ""), ("December 1998", "")],
)  # fmt: skip
def test_vague_words_become_marks(words: str, mark: str) -> None:
    assert doubt_mark(words) == mark
    assert edtf_of(DateParts("1998"), DateParts(), words) == "1998" + mark


@pytest.mark.parametrize(
    ("typed", "edtf"),
    [("June 1998", "1998-06"), ("15 juin 1998", "1998-06-15"), ("15 de junio de 1998", "1998-06-15"),
     ("Sept. 2001", "2001-09"), ("15/06/1998", "1998-06-15"), ("06/15/1998", "1998-06-15"),
     ("c. June 1998", "1998-06~"), ("1998-06-15", "1998-06-15"), ("1998.0", "1998")],
)  # fmt: skip
def test_a_date_typed_as_text_in_the_year_cell(typed: str, edtf: str) -> None:
    assert edtf_of(DateParts(typed), DateParts(), "") == edtf


def test_an_interval_and_a_year_before_1000() -> None:
    assert edtf_of(DateParts("602"), DateParts("629"), "") == "0602/0629"
    assert edtf_of(DateParts("1998", "06"), DateParts("1998"), "") == "1998-06/1998"
    assert (
        edtf_of(DateParts("2001", "6", "15"), DateParts(), "from 15 June 2001, end unknown") == "2001-06-15/"
    )
    assert edtf_of(DateParts("1998"), DateParts(), "summer 1998") == "1998-22"
    assert edtf_of(DateParts("1998"), DateParts(), "été 1998") == "1998-22"


@pytest.mark.parametrize(
    ("start", "end", "part", "message"),
    [
        (DateParts("1998", "13"), DateParts(), "Month", "Month 13: expected a month, 1 to 12 or its name"),
        (DateParts("1998", "2", "30"), DateParts(), "Day", "Day 30: February 1998 has days 1 to 28"),
        (DateParts("Blue 1998"), DateParts(), "Year", "Year 'Blue 1998': expected a year such as 1998"),
        (
            DateParts("05/06/1998"),
            DateParts(),
            "Year",
            "is it day/month or month/day? write it as 1998-MM-DD",
        ),
        (DateParts("-258"), DateParts(), "Year", "Year -258: aloe's dates run from year 1 to 9999"),
        (DateParts("1999"), DateParts("1998"), "End Year", "the interval starts (1999) after it ends (1998)"),
        (DateParts("1998", "", "5"), DateParts(), "Month", "Day 5 without a month"),
        (DateParts("1998", "1", "5", "25:00"), DateParts(), "Time", "Time '25:00'"),
    ],
)
def test_a_date_that_cannot_be_read_names_its_part(
    start: DateParts, end: DateParts, part: str, message: str
) -> None:
    with pytest.raises(DateProblem) as raised:
        edtf_of(start, end, "")
    assert raised.value.part == part
    assert message in raised.value.message


def test_a_bad_month_is_named_by_row_and_column_and_nothing_is_written(
    tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    sheet = tmp_path / "bad.csv"
    rows = [f"200{n},1,,,,,,,,Row {n},,,,,,,," for n in range(5)]
    rows.insert(5, "2005,13,,,,,,,,A thirteenth month,,,,,,,,")
    sheet.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    result = aloe("import", str(sheet), "-o", str(out))
    assert result.exit_code == 1
    assert f"{sheet}: row 7, column Month: Month 13: expected a month, 1 to 12 or its name" in result.stderr
    assert "nothing written" in result.stderr
    assert not out.exists()
    kept = aloe("import", str(sheet), "-o", str(out), "--keep-going")
    assert kept.exit_code == 0
    record = next(m for m in imported(out).milestones if m.id == "a-thirteenth-month")
    assert record.dates == []
    assert record.note and "Year 2005, Month 13" in record.note  # the date kept as text, not dropped


def test_a_json_problem_is_named_by_its_path(tmp_path: Path, aloe: Callable[..., Result]) -> None:
    timeline = tmp_path / "t.json"
    timeline.write_text(json.dumps({"events": [
        {"start_date": {"year": "2001"}, "text": {"headline": "Fine"}},
        {"start_date": {"year": "2001", "month": "14"}, "text": {"headline": "Not fine"}},
        {"start_date": {"year": "2002"}},
    ]}), encoding="utf-8")  # fmt: skip
    result = aloe("import", str(timeline))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{timeline}: events[1].start_date.month: Month 14" in result.stderr
    assert f"{timeline}: events[2].text.headline: no headline" in result.stderr


@pytest.mark.parametrize(
    ("content", "chosen", "message"),
    [
        (b"not json at all {", "timelinejs", "not TimelineJS JSON: line 1, column 1"),
        (b'{"title": {}}', None, "not TimelineJS JSON: it has no list of `events`"),
        (b"name,date\nx,2001\n", None, "cannot tell its format"),
        (
            b"name,date\nx,2001\n",
            "timelinejs-sheet",
            "not a TimelineJS sheet: its first row names no Headline",
        ),
        (b"Headline\n\xff\xfe\n", "timelinejs-sheet", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_the_format_named(
    content: bytes, chosen: str | None, message: str, tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    args = ["import", str(path), *(["--from", chosen] if chosen else [])]
    result = aloe(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_never_over_an_existing_file(tmp_path: Path, aloe: Callable[..., Result]) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("my own work\n", encoding="utf-8")
    result = aloe("import", str(TEMPLATE), "-o", str(out))
    assert result.exit_code == 1
    assert "already exists; add --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "my own work\n"
    assert aloe("import", str(TEMPLATE), "-o", str(out), "--force").exit_code == 0
    assert imported(out).title == {"en": "MY OWN CSV"}


def test_to_standard_output_with_a_title(aloe: Callable[..., Result]) -> None:
    result = aloe("import", str(TIMELINEJS3 / "eras.json"), "--title", "Seventh century")
    assert result.exit_code == 0
    assert validate_text(result.stdout, "stdout").title == {"en": "Seventh century"}


def test_text_from_the_file_is_data() -> None:
    assert plain_text("<script>alert(1)</script><p>[bold]x[/bold] :smile:</p>") == "[bold]x[/bold] :smile:"
    assert plain_text('<a href="javascript:alert(1)">click</a>') == "click"
    assert plain_text("a &amp; b<br>c") == "a & b\nc"
    for text in [
        "yes",
        "no",
        "null",
        "1998",
        "a: b",
        "# x",
        "\x1b[31m",
        "line\u2028sep",
        "- x",
        "'q'",
        "[a]",
    ]:
        assert yaml.safe_load(f"key: {scalar(text)}") == {"key": text}


def test_ids_are_stable_unique_and_ascii() -> None:
    assert slug("Rózsa Péter writes recursion") == "rozsa-peter-writes-recursion"
    assert slug("Straße & Œuvre") == "strasse-oeuvre"
    assert slug("日本") == ""
    ids = IdMaker()
    made = [ids.make("Same", fallback="x") for _ in range(3)] + [ids.make("日本", fallback="row 4")]
    assert made == ["same", "same-2", "same-3", "row-4"]
    assert all(m.isascii() for m in made)


def test_gaps_and_the_page_say_which_records_rest_only_on_the_import(
    tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    out = tmp_path / "x.yaml"
    aloe("import", str(TEMPLATE), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    # One record gets a source of its own: it no longer rests on the import alone.
    text = text.replace("sources:\n", "sources:\n  - id: own\n    title: A checked source\n", 1)
    text = text.replace(
        "      - source: imported-my-own-timeline-csv\n        locator: row 3\n",
        "      - source: imported-my-own-timeline-csv\n        locator: row 3\n      - source: own\n",
    )
    out.write_text(text, encoding="utf-8")
    gaps = json.loads(aloe("--data", str(out), "gaps", "--format", "json").stdout)
    assert [gap["id"] for gap in gaps] == ["imported-my-own-timeline-csv-only"]
    assert gaps[0]["summary"].startswith("9 records rest only on the imported file 'MY OWN CSV'")
    assert "ada-lovelace" not in gaps[0]["about"] and "the-first-computer" in gaps[0]["about"]
    page = aloe("--data", str(out), "export", "--to", "html").stdout
    assert '<a href="#the-first-computer">the-first-computer</a>' in page
    assert "(an imported file)</span>" in page


def test_new_writes_a_valid_commented_starter_and_never_overwrites(
    tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    import jsonschema

    from test_schema import core_yaml

    target = tmp_path / "my.yaml"
    result = aloe("new", str(target), "--title", "Notre réseau: 1998", "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./aloe-dataset.schema.json\n")
    assert aloe("--data", str(target), "validate").exit_code == 0
    dataset = imported(target)
    assert dataset.title == {"en": "Notre réseau: 1998"}
    for list_name in ("sources", "organisations", "lineage", "eras", "people", "places", "series", "milestones",
                      "events", "categories", "phases", "workshops", "gaps"):  # fmt: skip
        assert getattr(dataset, list_name), f"no {list_name} in the starter"
    assert dataset.milestones[0].title == {"fr": "First general assembly"}
    assert dataset.milestones[0].media[0].alt
    # The schema beside it is aloe's, and it accepts the starter: an editor completes fields from it.
    schema = json.loads((tmp_path / "aloe-dataset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(core_yaml(target))  # read as an editor reads YAML 1.2
    assert {"kind", "url", "path", "alt", "caption", "credit", "sources"} <= set(
        schema["$defs"]["Media"]["properties"]
    )
    again = aloe("new", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert target.read_text(encoding="utf-8") == text


def test_a_sheet_of_headlines_only_and_one_with_an_era_row(
    tmp_path: Path, aloe: Callable[..., Result]
) -> None:
    only = tmp_path / "headlines.csv"
    only.write_text("Headline\nFirst meeting\n\nSecond meeting\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    assert aloe("import", str(only), "-o", str(out)).exit_code == 0
    dataset = imported(out)
    assert [(m.id, m.dates) for m in dataset.milestones] == [("first-meeting", []), ("second-meeting", [])]
    eras = tmp_path / "eras.csv"
    eras.write_text(
        f"{HEADER}\n1998,,,,2001,,,,,The founding years,,,,,,era,,\n1999,,,,,,,,,A meeting,,,,,,,,\n"
    )
    out2 = tmp_path / "y.yaml"
    assert aloe("import", str(eras), "-o", str(out2)).exit_code == 0
    dataset = imported(out2)
    assert [(e.id, e.dates[0].edtf.text) for e in dataset.eras] == [("the-founding-years", "1998/2001")]
    assert [m.id for m in dataset.milestones] == ["a-meeting"]


def test_a_missing_file_or_a_folder(tmp_path: Path, aloe: Callable[..., Result]) -> None:
    missing = aloe("import", str(tmp_path / "nowhere.csv"))
    assert missing.exit_code == 1 and "nowhere.csv: no such file" in missing.stderr
    folder = aloe("import", str(tmp_path))
    assert folder.exit_code == 1 and "is a directory" in folder.stderr


def test_hostile_files(tmp_path: Path, aloe: Callable[..., Result]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = aloe("import", str(deep))
    assert result.exit_code == 1 and "nested deeper than aloe reads" in result.stderr
    long_cell = tmp_path / "long.csv"
    long_cell.write_text(f'Headline,Text\nA,"{"x" * 200_000}"\n', encoding="utf-8")
    imported_text = aloe("import", str(long_cell))
    assert imported_text.exit_code == 0
    assert validate_text(imported_text.stdout, "stdout").milestones[0].summary == {"en": "x" * 200_000}
    controls = tmp_path / "controls.csv"
    controls.write_bytes(b'Headline,Text\nA\x00B\x1b[31m,"line one\x07\nline two"\n')
    dataset = validate_text(aloe("import", str(controls)).stdout, "stdout")
    assert dataset.milestones[0].title == {"en": "AB[31m"}  # control characters dropped, the rest literal
    assert dataset.milestones[0].summary == {"en": "line one\nline two"}


@settings(max_examples=examples(150), deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_any_text_survives_the_yaml_writer(text: str) -> None:
    assert yaml.load(f"key: {scalar(text)}\n", Loader=yaml.CSafeLoader) == {"key": text}


SHEET_ROW = st.tuples(
    st.integers(1, 9999),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 28),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
        lambda t: t.strip() and "<" not in t and "&" not in t
    ),
)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(SHEET_ROW, min_size=1, max_size=8))
def test_a_sheet_round_trips_through_the_import(rows: list[tuple[int, int | None, int, str]]) -> None:
    """Any years, months and days, any headline: each comes back at its precision, its title as written."""
    import csv
    import io
    import tempfile

    from aloe_cli.importing.build import ImportSettings
    from aloe_cli.importing.run import import_file

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Year", "Month", "Day", "Headline"])
    for year, month, day, headline in rows:
        writer.writerow([year, month or "", day if month else "", headline])
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "sheet.csv"
        sheet.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        result, _ = import_file(sheet, ImportSettings("sheet.csv", "sheet.csv", ""), None)
    assert result.problems == []
    dataset = validate_text(result.text, "imported")
    for (year, month, day, headline), record in zip(rows, dataset.milestones, strict=True):
        assert record.title["en"] == plain_text(headline)
        expected = f"{year:04d}" + (f"-{month:02d}-{day:02d}" if month else "")
        assert record.dates[0].edtf.text == expected
