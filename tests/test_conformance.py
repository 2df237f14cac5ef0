"""Conformance: every output carries every claim with its own source, the doubt in words, the literal text.

One fixture holds every shape of evidence (tests/datasets/valid/evidence-shapes.yaml). Each output is
read back by the reader its family needs, into what it says of each record; the same assertions then
hold for all. A new listing format, document format or export must have its reader here, or
`test_every_output_is_in_the_suite` fails.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from aloe_cli.cli.formats import DocumentFormat
from aloe_cli.exports import ExportFormat
from aloe_cli.renderers import Format
from conftest import DATASETS

SHAPES = str(DATASETS / "valid" / "evidence-shapes.yaml")

# What the fixture's claims are, with their sources (by id and by title), for every check below.
CLAIMS = {  # record -> [(words a person reads, source ids)]
    "fair": [("around May 2000", {"minutes"}), ("10 June 2000", {"paper"})],
    "founding": [("1998", {"minutes"}), ("summer 1998", {"paper"})],
}
TITLES = {"minutes": "Minutes of the assemblies", "paper": "[Local paper, article on the fair]"}
DOUBTS = ("approximate", "uncertain", "disputed", "our reading", "end unknown")
MARKUP = "[bold red]Not bold[/] :smile:"


def run(aloe: Callable[..., Result], *args: str) -> Result:
    result = aloe("--data", SHAPES, *args, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    return result


def cites(text: str, source: str) -> bool:
    """Whether a piece of output names a source, by id or by its title as cited."""
    return (
        source in text
        or TITLES[source] in text
        or TITLES[source].replace("[", "\\[").replace("]", "\\]") in text
    )


# --- readers: each turns an output into text per claim, for the shared checks ---------------------------


def people_text(text: str) -> dict[str, str]:
    """A table or a Markdown page: each claim's line, with its apparatus numbers resolved to sources."""
    numbered: dict[str, str] = dict(re.findall(r"^\[\^?(\d+[a-z]*)\]:? (.*)$", text, re.M))

    def source(mark: str) -> str:  # '6b': the place b of source 6, told in source 6's entry
        return numbered.get(mark, numbered.get(mark.rstrip("abcdefghijklmnopqrstuvwxyz"), mark))

    def resolve(line: str) -> str:
        marks = r"\[\^?(\w+(?:, \w+)*)\]"
        return re.sub(marks, lambda m: "[" + "; ".join(source(k) for k in m[1].split(", ")) + "]", line)

    lines = text.splitlines()
    claims = re.compile(r"- (\S+?)(?:, disputed)?: ")  # Markdown's notes name the record
    told = {found[1]: line for line in lines if (found := claims.match(line))}
    # A table's note has the letter its row's date cell gives: '(note A)' in the row of `fair`.
    letters = {
        found[1]: record
        for record in CLAIMS
        for line in lines
        if line.endswith(f" {record}") and (found := re.search(r"\(note\u00a0([A-Z]+)\)", line))
    }
    told |= {letters[line[0]]: line for line in lines if re.match(r"[A-Z]\. ", line) and line[0] in letters}
    # Else the record's row, whose date cell cites each claim: '1998 [1] (summer 1998 [2])'.
    rows = {record: next((line for line in lines if line.endswith(f" {record}")), "") for record in CLAIMS}
    return {record: resolve(told.get(record, rows[record])) for record in CLAIMS}


def json_claims(records: list[dict[str, object]]) -> dict[str, str]:
    """JSON, JSONL or YAML records: each record's claims as one text, words and cited source ids."""
    found = {}
    for record in records:
        if record.get("id") in CLAIMS:
            claims = record["claims"]
            assert isinstance(claims, list)
            found[str(record["id"])] = " | ".join(
                f"{c['date_label']} " + " ".join(s["source"] for s in c["sources"]) for c in claims
            )
    return found


def listing_reader(output_format: Format) -> Callable[[str], dict[str, str]]:
    if output_format in (Format.table, Format.markdown):
        return people_text
    if output_format is Format.json:
        return lambda text: json_claims(json.loads(text))
    if output_format is Format.jsonl:
        return lambda text: json_claims([json.loads(line) for line in text.splitlines()])
    if output_format is Format.yaml:
        return lambda text: json_claims(yaml.safe_load(text))
    assert output_format is Format.csv
    return lambda text: {
        row["id"]: row["claims"] for row in csv.DictReader(io.StringIO(text)) if row["id"] in CLAIMS
    }


LISTING_READERS = {output_format: listing_reader(output_format) for output_format in Format}


def claim_check(said: dict[str, str]) -> None:
    """Every claim of the fixture, in the words of its source, next to its own sources."""
    for record, claims in CLAIMS.items():
        text = said.get(record, "")
        for _, sources in claims:
            assert all(cites(text, source) for source in sources), (record, text)
    disputed = said.get("fair", "")
    assert "10 June 2000" in disputed or "2000-06-10" in disputed


@pytest.mark.parametrize("output_format", list(Format), ids=[f.value for f in Format])
@pytest.mark.parametrize("command", ["timeline", "events"], ids=["timeline", "events"])
def test_listings_carry_each_claim_with_its_source(
    aloe: Callable[..., Result], output_format: Format, command: str
) -> None:
    text = run(aloe, command, "--format", output_format.value).stdout
    said = LISTING_READERS[output_format](text)
    if command == "events":
        said.pop("founding", None)
        claim_check({**said, "founding": "minutes paper"})
    else:
        claim_check(said)
    if output_format in (Format.table, Format.markdown):
        for doubt in DOUBTS:
            assert doubt in text, doubt
        assert "open" in text or " on" in text  # the market runs on
    if output_format is not Format.csv:
        assert MARKUP in text.replace("\\[", "[").replace("\\]", "]") or command == "events"


def test_workshops_in_two_categories_and_search(aloe: Callable[..., Result]) -> None:
    for output_format in Format:
        text = run(aloe, "workshops", "--format", output_format.value).stdout
        assert "twofold" in text and "cat-a" in text.replace("Category A", "cat-a")
    found = json.loads(run(aloe, "search", "fair", "--format", "json").stdout)
    assert "fair" in [r["id"] for r in found]


# --- documents: show and lineage ------------------------------------------------------------------------


DOCUMENT_READERS: dict[DocumentFormat, Callable[[str], str]] = {
    DocumentFormat.table: lambda text: text,
    DocumentFormat.json: lambda text: json.dumps(json.loads(text), ensure_ascii=False),
    DocumentFormat.yaml: lambda text: json.dumps(yaml.safe_load(text), ensure_ascii=False),
}


@pytest.mark.parametrize("output_format", list(DocumentFormat), ids=[f.value for f in DocumentFormat])
def test_show_and_lineage_carry_claims_doubts_and_literal_text(
    aloe: Callable[..., Result], output_format: DocumentFormat
) -> None:
    read = DOCUMENT_READERS[output_format]
    for record, claims in CLAIMS.items():
        shown = read(run(aloe, "show", record, "--format", output_format.value).stdout)
        for words, sources in claims:
            assert words in shown and all(cites(shown, s) for s in sources)
    coop = read(run(aloe, "show", "coop", "--format", output_format.value).stdout)
    assert "our reading" in coop or '"inferred": "The minutes' in coop
    assert "unknown" in coop
    markup = read(run(aloe, "show", "markup", "--format", output_format.value).stdout)
    assert MARKUP in markup
    lineage = read(run(aloe, "lineage", "--format", output_format.value).stdout)
    assert "club" in lineage and ("from 1990 on" in lineage or '"end_kind": "open"' in lineage)


def test_the_chart_marks_doubt_and_ends(aloe: Callable[..., Result]) -> None:
    text = run(aloe, "chart", "--from", "1988", "--to", "2004").stdout
    assert "○ fair" in text or "△ fair" in text  # disputed: an open mark
    assert "▲ market" in text or "△ market" in text
    bars = {line.split()[0]: line for line in text.splitlines()[1:4] if line.strip()}
    assert bars["Valley"].rstrip().endswith("?")  # the cooperative's end is unknown
    assert bars["Reading"].rstrip().endswith("▶")  # the club's is open: it goes on
    assert "aloe show ID" in text or "undated-step" in text


# --- exports -------------------------------------------------------------------------------------------


def export_text(aloe: Callable[..., Result], tmp_path: Path, output_format: ExportFormat) -> str:
    """Every export as text to search: files are read back by the tool their readers use."""
    if output_format is ExportFormat.sqlite:
        target = tmp_path / "out.sqlite"
        run(aloe, "export", "--to", "sqlite", "-o", str(target))
        connection = sqlite3.connect(target)
        try:
            rows = connection.execute(
                "SELECT d.record_id, d.label, group_concat(c.source_id), d.inferred FROM dates d "
                "LEFT JOIN citations c ON c.record_id = d.record_id AND c.date_position = d.position "
                "GROUP BY d.record_id, d.position"
            ).fetchall()
            titles = connection.execute("SELECT title FROM happenings").fetchall()
        finally:
            connection.close()
        return (
            "\n".join(f"{r[0]}: {r[1]} {r[2]} {r[3] or ''}" for r in rows)
            + "\n"
            + "\n".join(t for (t,) in titles)
        )
    if output_format is ExportFormat.csv:
        target = tmp_path / "out.zip"
        run(aloe, "export", "--to", "csv", "-o", str(target))
        with zipfile.ZipFile(target) as archive:
            dates = archive.read("aloe-csv/dates.csv").decode("utf-8")
            events = archive.read("aloe-csv/milestones.csv").decode("utf-8")
        claims = csv.DictReader(io.StringIO(dates))
        return (
            "\n".join(f"{r['record_id']}: {r['label']} {r['claim_sources']} {r['inferred']}" for r in claims)
            + events
        )
    return run(aloe, "export", "--to", output_format.value).stdout


def _footnotes_resolved(text: str) -> str:
    """A Markdown page with each footnote reference replaced by its note, as a reader follows it."""
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", text, re.M))
    return re.sub(r"\[\^(\d+)\](?!:)", lambda m: f"[{notes.get(m[1], m[1])}]", text)


EXPORT_READERS: dict[ExportFormat, Callable[[str], str]] = {
    ExportFormat.timelinejs: lambda text: json.dumps(json.loads(text), ensure_ascii=False),
    ExportFormat.timelinejs_page: lambda text: json.dumps(
        json.loads(text.split('id="timeline-data">', 1)[1].split("</script>", 1)[0]), ensure_ascii=False
    ),  # the data the page hands TimelineJS, as the browser parses it
    ExportFormat.html: lambda text: text,
    ExportFormat.markdown: _footnotes_resolved,
    ExportFormat.jsonld: lambda text: json.dumps(json.loads(text), ensure_ascii=False),
    ExportFormat.sqlite: lambda text: text,
    ExportFormat.csv: lambda text: text,
}
# Exports that describe another export and hold no claim of their own, and why.
DESCRIPTIONS_ONLY = {
    ExportFormat.datasette_metadata: "datasette's description of the SQLite export's tables and columns",
}


@pytest.mark.parametrize("output_format", list(EXPORT_READERS), ids=[f.value for f in EXPORT_READERS])
def test_exports_carry_each_claim_with_its_source(
    aloe: Callable[..., Result], tmp_path: Path, output_format: ExportFormat
) -> None:
    text = EXPORT_READERS[output_format](export_text(aloe, tmp_path, output_format))
    for record, claims in CLAIMS.items():
        for words, sources in claims:
            # the claim's words, and within a short stretch after them, each of its own sources
            stretch = next((text[m.start() : m.start() + 600] for m in re.finditer(re.escape(words), text)
                            if all(cites(text[m.start() : m.start() + 600], s) for s in sources)), None)  # fmt: skip
            assert stretch is not None, (record, words, output_format.value)
    assert "our reading" in text or "the minutes mention it among the 2001 business" in text
    assert "Not bold" in text  # the literal text (escaped as each medium needs)


def test_every_output_is_in_the_suite() -> None:
    assert set(LISTING_READERS) == set(Format)
    assert set(DOCUMENT_READERS) == set(DocumentFormat)
    assert set(EXPORT_READERS) | set(DESCRIPTIONS_ONLY) == set(ExportFormat)
    assert not set(EXPORT_READERS) & set(DESCRIPTIONS_ONLY)
