"""The SQLite export as datasette shows it: served on a loopback port, its pages read as a visitor would.

`aloe export --to sqlite` and `--to datasette-metadata` make the two files `datasette aloe.sqlite -m
metadata.json` serves (see the README).
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

pytest.importorskip("datasette")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from aloe_cli.cli import app

    folder = tmp_path_factory.mktemp("datasette")
    for output_format, name in (("sqlite", "aloe.sqlite"), ("datasette-metadata", "metadata.json")):
        result = CliRunner().invoke(app, ["export", "--to", output_format, "-o", str(folder / name)])
        assert result.exit_code == 0, result.stderr
    return folder / "aloe.sqlite"


@pytest.fixture(scope="module")
def site(database: Path) -> Iterator[str]:
    """datasette serving the export on a free loopback port; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "-m", str(database.parent / "metadata.json"),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s for it to start
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
    return body.decode("utf-8")


def rows(url: str) -> list[dict[str, Any]]:  # JSON: any value
    return list(json.loads(read(url)))


def test_the_home_page_says_what_the_data_is_where_it_comes_from_and_its_licence(site: str) -> None:
    page = read(f"{site}/")
    assert "<h1>From the Alliance to ALOE: the WSSE, 1997-2006</h1>" in page
    assert "gave rise to its Workgroup on Solidarity Social Economy" in page  # the description
    assert "Data license:" in page and "Not stated by the dataset" in page  # none is invented
    assert "Data source:" in page and "aloe.socioeco.org/page63-histoire_en.html" in page


def test_the_chronology_is_in_date_order_with_its_dates_in_words(site: str) -> None:
    chronology = rows(f"{site}/aloe/chronology.json?_shape=array&_size=max")
    starts = [row["start"] for row in chronology if row["start"]]
    assert starts == sorted(starts) and len(chronology) == 29
    assert list(chronology[0])[:3] == ["start", "end", "date_words"]  # the date first
    dakar = next(row for row in chronology if row["id"] == "dakar-2005")
    assert dakar["date_words"] == "October 2005" and dakar["disputed"] == 1
    # The table itself opens sorted by date too, with its columns described.
    table = read(f"{site}/aloe/happenings")
    assert "sorted by start" in table
    assert (
        'data-column-description="The date in the sources&#39; words, the exact days, and the doubt."'
        in table
    )


def test_a_records_page_links_its_dates_and_sources(site: str) -> None:
    page = read(f"{site}/aloe/records/dakar-2005")
    assert 'href="/aloe/dates?record_id=dakar-2005"' in page  # its two claims
    assert 'href="/aloe/citations?record_id=dakar-2005"' in page
    claims = rows(f"{site}/aloe/dates.json?record_id=dakar-2005&_shape=array&_sort=position")
    assert [claim["edtf"] for claim in claims] == ["2005-10", "2005-11-22/2005-11-26"]
    cited = rows(f"{site}/aloe/citations.json?record_id=dakar-2005&_shape=array")
    assert {row["source_id"] for row in cited} >= {"story", "ripess-dakar"}


def search_ids(site: str, query: str, table: str = "records") -> set[str]:
    """The ids of the records datasette's search box of `table` finds for query (its escaped mode)."""
    address = f"{site}/aloe/{table}.json?_search={urllib.parse.quote(query)}&_shape=array&_size=max"
    return {str(row["id"]) for row in rows(address)}


@pytest.mark.parametrize(
    "query", ["economie", "ECONOMIE", "findhorn", "wsf", "solidarity economy", "Porto", "socio"]
)
def test_search_by_part_finds_what_aloe_search_finds(
    site: str, aloe: Callable[..., Result], query: str
) -> None:
    """records_by_part matches any part of a word, as `aloe search` does."""
    found = search_ids(site, query, "records_by_part")
    result = aloe("search", *query.split(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    # datasette's full-text search wants every word; aloe ranks those with every word first.
    every_word = len(query.split())
    assert found == {hit["id"] for hit in json.loads(result.stdout) if hit["words_matched"] == every_word}
    assert found  # each query finds something: the comparison is not of two empty sets


@pytest.mark.parametrize(
    "spellings",
    [
        ("économie", "economie", "Économie", "ECONOMIE"),
        ("européen", "europeen", "EUROPEEN"),
        ("solidarité", "solidarite"),
        ("Québec", "quebec"),
        ("Hascoët", "hascoet"),
        ("economía solidaria", "economia solidaria"),
    ],
    ids=lambda spellings: spellings[0],
)
def test_the_search_box_finds_the_same_records_with_or_without_accents(
    site: str, spellings: tuple[str, ...]
) -> None:
    """The records' search box folds accents and case in the index and in the query alike."""
    found = [search_ids(site, spelling) for spelling in spellings]
    assert found[0] and all(each == found[0] for each in found), dict(zip(spellings, found, strict=True))


def test_an_accented_word_finds_its_unaccented_spelling_and_the_pages_say_how_each_search_matches(
    site: str,
) -> None:
    """'économie' finds a title that writes 'Economie' (libe-hascoet), which SQLite's trigram index missed."""
    assert {"libe-hascoet", "wsse"} <= search_ids(site, "économie")  # 'l'Economie', 'Socio-Economie'
    assert "libe-hascoet" not in search_ids(site, "économie", "records_by_part")  # parts: as written
    assert search_ids(site, "econom", "records_by_part") >= search_ids(site, "economie")
    assert not search_ids(site, "econom")  # the search box matches whole words
    page = " ".join(read(f"{site}/aloe/records").split())
    assert "with or without accents (economie, économie and Économie find the same records)" in page
    view = " ".join(read(f"{site}/aloe/records_by_part").split())
    assert "type without accents to find every spelling" in view
    assert 'name="_search"' in view  # the view has its own search box


def test_every_column_naming_a_record_has_a_foreign_key(database: Path) -> None:
    from aloe_cli.exports.sqlite import TABLES

    connection = sqlite3.connect(database)
    try:
        for table, (_, columns) in TABLES.items():
            keys = {row[3] for row in connection.execute(f"PRAGMA foreign_key_list({table})")}
            for column, _, _ in columns:
                if column.endswith("_id") or (column == "id" and table != "records"):
                    assert column in keys, (table, column)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
