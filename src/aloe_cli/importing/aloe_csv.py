"""CSV as `aloe export --to csv` writes it: the zip archive, or one of its tables edited in a spreadsheet.

From the archive, eras, milestones and events come back with their ids, titles, summaries, eras and
every date claim (`dates.csv` holds each claim's EDTF). From one table alone (`events.csv` saved by a
spreadsheet), a `dates.csv` beside it gives the claims; without it, a record's `start` and `end` days
give its dates, at the precision its `date_words` show: a whole year or month is written back as one.
"""

from __future__ import annotations

import calendar
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

from aloe_cli.i18n import _
from aloe_cli.importing.entries import Entry, ImportedMedium, Where
from aloe_cli.importing.reading import CannotImport, NotTheFormat
from aloe_cli.model.edtf import EdtfError, describe_edtf, parse_edtf
from aloe_cli.model.edtf_words import DESCRIBERS

TABLES = ("eras", "milestones", "events")


def is_aloe_header(cells: list[str]) -> bool:
    """Whether a first row is one of aloe's CSV tables of dated records."""
    return bool(cells) and cells[0].lstrip("\ufeff") == "id" and "date_words" in cells


def read_aloe_zip(stream: IO[bytes], name: str, notices: list[str]) -> Iterator[Entry]:
    """The eras, milestones and events of an archive made by `aloe export --to csv`."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise NotTheFormat(_("{file}: not aloe's CSV archive: not a zip file").format(file=name)) from None
    members = {Path(member).name: member for member in archive.namelist()}
    if "dates.csv" not in members or not any(f"{table}.csv" in members for table in TABLES):
        raise NotTheFormat(
            _(
                "{file}: not aloe's CSV archive: it has no dates.csv and no milestones.csv or events.csv"
            ).format(file=name)
        )
    claims = _claims(_rows(archive.read(members["dates.csv"]), f"{name}: dates.csv"))
    media = (
        _media(_rows(archive.read(members["media.csv"]), f"{name}: media.csv"))
        if "media.csv" in members
        else {}
    )
    for table in TABLES:
        if f"{table}.csv" in members:
            rows = _rows(archive.read(members[f"{table}.csv"]), name)
            yield from _records(rows, table, claims, f"{table}.csv", media)


def read_aloe_table(stream: IO[bytes], name: str, path: Path, notices: list[str]) -> Iterator[Entry]:
    """One table of aloe's CSV (milestones.csv, events.csv, eras.csv), with dates.csv if it is beside it."""
    table = path.stem if path.stem in TABLES else "milestones"
    beside = path.with_name("dates.csv")
    claims: dict[str, list[tuple[str, str]]] | None = None
    if path.name != "dates.csv" and beside.is_file():
        claims = _claims(_rows(beside.read_bytes(), str(beside)))
        notices.append(_("{file}: dates from {beside}").format(file=name, beside=beside))
    media_beside = path.with_name("media.csv")
    media = _media(_rows(media_beside.read_bytes(), str(media_beside))) if media_beside.is_file() else {}
    yield from _records(_rows(stream.read(), name), table, claims, "", media)


def _rows(data: bytes, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CannotImport(_("{file}: not UTF-8 text; save it as UTF-8").format(file=name)) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for number, row in enumerate(reader, start=2):
        yield number, {key: _unguarded(value or "") for key, value in row.items() if key}


def _unguarded(cell: str) -> str:
    """A cell as it was before the export guarded it against spreadsheet formulas (a leading quote)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def _claims(rows: Iterator[tuple[int, dict[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    claims: dict[str, list[tuple[str, str]]] = {}
    for _number, row in rows:
        edtf, label = row.get("edtf", ""), row.get("label", "")
        # A label that only words the value, in any language aloe writes, is no source's wording.
        worded = {describe(edtf) for describe in DESCRIBERS.values()} if _readable(edtf) else set()
        claims.setdefault(row.get("record_id", ""), []).append((edtf, "" if label in worded else label))
    return claims


def _media(rows: Iterator[tuple[int, dict[str, str]]]) -> dict[str, list[ImportedMedium]]:
    media: dict[str, list[ImportedMedium]] = {}
    for _number, row in rows:
        medium = ImportedMedium(
            url=row.get("url") or row.get("path") or "",
            kind=row.get("kind", ""),
            caption=row.get("caption", ""),
            credit=row.get("credit", ""),
            alt=row.get("alt", ""),
        )
        media.setdefault(row.get("record_id", ""), []).append(medium)
    return media


def _readable(edtf: str) -> bool:
    try:
        parse_edtf(edtf)
    except EdtfError:
        return False
    return True


def _records(
    rows: Iterator[tuple[int, dict[str, str]]],
    table: str,
    claims: dict[str, list[tuple[str, str]]] | None,
    member: str,
    media: dict[str, list[ImportedMedium]],
) -> Iterator[Entry]:
    for number, row in rows:
        if not any(value.strip() for value in row.values()):
            continue
        record_id = row.get("id", "").strip()
        entry = Entry(
            where=Where(row=number, path=member),
            headline=_in_english(row, "title"),
            text=_in_english(row, "summary"),
            unique_id=record_id,
            kind=table,
            group="",
        )
        if claims is not None:
            entry.claims = claims.get(record_id, [])
        else:
            entry.claims = _from_days(row.get("start", ""), row.get("end", ""), row.get("date_words", ""))
        if table != "eras":
            entry.era = (row.get("era") or "").strip()
        entry.media = media.get(record_id, [])
        yield entry


def _in_english(row: dict[str, str], field: str) -> str:
    """A text the export wrote one column per language (`title_en`, `title_fr`): English, else the first."""
    found = row.get(f"{field}_en") or row.get(field)
    found = found or next((value for key, value in row.items() if key.startswith(f"{field}_") and value), "")
    return found.strip()


def _from_days(start: str, end: str, words: str) -> list[tuple[str, str]]:
    """A claim from a record's first and last possible day: a whole year or month is written as one."""
    if not start.strip() or not end.strip():
        return []
    try:
        first, last = date.fromisoformat(start.strip()), date.fromisoformat(end.strip())
    except ValueError:
        return []
    if first == last:
        edtf = first.isoformat()
    elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        edtf = f"{first.year:04d}"
    elif (
        first.day == 1
        and (first.year, first.month) == (last.year, last.month)
        and last.day == calendar.monthrange(last.year, last.month)[1]
    ):
        edtf = f"{first.year:04d}-{first.month:02d}"
    else:
        edtf = f"{first.isoformat()}/{last.isoformat()}"
    return [(edtf, "" if words == describe_edtf(edtf) else words)]
