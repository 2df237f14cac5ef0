"""The TimelineJS spreadsheet template saved as CSV (Google Sheets, Excel, LibreOffice), read row by row.

Rows stream: a sheet of any length is read in one pass, one row in memory at a time. Headers are
matched without regard to case, accents or spacing, in English and in the languages people name
columns in (a "Groupe" or "Grupo" column is the Group column). Excel's ";" lists (French and other
locales) and tab-separated files are read as well as commas.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from typing import IO

from aloe_cli.i18n import _
from aloe_cli.importing.dates import DateParts
from aloe_cli.importing.entries import Entry, ImportedMedium, Where
from aloe_cli.importing.html_text import plain_text
from aloe_cli.importing.reading import CannotImport, NotTheFormat

# Each column of the template, and the other names it goes by.
COLUMNS: dict[str, tuple[str, ...]] = {
    "Year": ("year", "annee", "ano", "jahr", "anno", "start year"),
    "Month": ("month", "mois", "mes", "monat", "mese", "start month"),
    "Day": ("day", "jour", "dia", "tag", "giorno", "start day"),
    "Time": ("time", "heure", "hora", "zeit", "ora", "start time"),
    "End Year": ("end year", "annee de fin", "ano final", "ano de fin", "endjahr"),
    "End Month": ("end month", "mois de fin", "mes final", "mes de fin", "endmonat"),
    "End Day": ("end day", "jour de fin", "dia final", "dia de fin", "endtag"),
    "End Time": ("end time", "heure de fin", "hora final", "hora de fin", "endzeit"),
    "Display Date": ("display date", "date affichee", "fecha mostrada", "data exibida", "anzeigedatum"),
    "Headline": ("headline", "titre", "titulo", "titel", "titolo", "title"),
    "Text": ("text", "texte", "texto", "testo"),
    "Media": ("media", "medio", "midia", "medien"),
    "Media Credit": ("media credit", "credit", "credito", "credits media", "credit media"),
    "Media Caption": ("media caption", "legende", "legenda", "leyenda", "caption"),
    "Media Thumbnail": ("media thumbnail", "vignette", "miniatura", "thumbnail"),
    "Type": ("type", "tipo", "typ"),
    "Group": ("group", "groupe", "grupo", "gruppe", "gruppo"),
    "Background": ("background", "fond", "fondo", "hintergrund"),
    "Alt": ("alt", "media alt", "alt text", "texte alternatif"),
}
_BY_NAME = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}


def folded(name: str) -> str:
    """A header as compared: lower case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def is_timeline_header(cells: list[str]) -> bool:
    """Whether a first row names the template's Headline column (the one column a sheet needs)."""
    return any(_BY_NAME.get(folded(cell)) == "Headline" for cell in cells)


# A cell may hold a long text (the csv module's own limit is 128 KiB); one row is still read at a time.
MAX_CELL_CHARACTERS = 16 * 1024 * 1024


def read_sheet(stream: IO[bytes], name: str, notices: list[str]) -> Iterator[Entry]:
    """Each row of the sheet with something in it, as an entry; empty rows are passed over."""
    csv.field_size_limit(MAX_CELL_CHARACTERS)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        first = text.readline()
        delimiter = _delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter), [])
        columns = {index: _BY_NAME.get(folded(cell)) for index, cell in enumerate(header)}
        if "Headline" not in columns.values():
            found = ", ".join(repr(cell) for cell in header[:8]) or _("nothing")
            raise NotTheFormat(
                _(
                    "{file}: not a TimelineJS sheet: its first row names no Headline column (found {found})"
                ).format(file=name, found=found)
            )
        ignored = [cell for index, cell in enumerate(header) if columns[index] is None and cell.strip()]
        if ignored:
            notices.append(
                _("{file}: columns not imported: {columns}").format(file=name, columns=", ".join(ignored))
            )
        year_above = ""
        for row_number, row in enumerate(csv.reader(text, delimiter=delimiter), start=2):
            cells = {columns.get(i): value for i, value in enumerate(row) if columns.get(i)}
            if not any(value.strip() for value in cells.values()):
                continue  # an empty row, or one of separators only
            entry = _entry(cells, row_number)
            # A merged Year cell is written once, on its first row: a row with a month or a day but no
            # year takes the year above it, and its note says so.
            if entry.start.year.strip():
                year_above = entry.start.year.strip()
            elif year_above and (entry.start.month.strip() or entry.start.day.strip()):
                entry.start = entry.start._replace(year=year_above)
                entry.notes.append(
                    f"its Year cell is empty: the year {year_above} is the one of the row above"
                )
                notices.append(
                    _("{file}: row {row}: Year taken from the row above ({year})").format(
                        file=name, row=row_number, year=year_above
                    )
                )
            yield entry
    except UnicodeDecodeError as error:
        raise CannotImport(
            _(
                "{file}: a byte that is not UTF-8 ({byte}); save the sheet as UTF-8 (Excel: 'CSV UTF-8 "
                "(Comma delimited)'; Google Sheets always writes UTF-8)"
            ).format(file=name, byte=f"{error.object[error.start]:#04x}")
        ) from None
    except csv.Error as error:
        raise CannotImport(
            _("{file}: not a CSV file aloe can read ({reason})").format(file=name, reason=error)
        ) from None
    finally:
        text.detach()  # the caller closes the file it opened; the wrapper must not close it again


def _delimiter(header: str) -> str:
    counts = {mark: header.count(mark) for mark in (",", ";", "\t")}
    return max(counts, key=lambda mark: counts[mark]) if any(counts.values()) else ","


def _entry(cells: dict[str | None, str], row: int) -> Entry:
    def cell(column: str) -> str:
        return cells.get(column, "")

    kind = folded(cell("Type"))
    media_url = cell("Media").strip()
    return Entry(
        where=Where(row=row),
        role="title" if kind == "title" else "era" if kind == "era" else "slide",
        headline=plain_text(cell("Headline")),
        text=plain_text(cell("Text")),
        start=DateParts(cell("Year"), cell("Month"), cell("Day"), cell("Time")),
        end=DateParts(cell("End Year"), cell("End Month"), cell("End Day"), cell("End Time")),
        display_date=plain_text(cell("Display Date")),
        media=[
            ImportedMedium(
                url=media_url,
                caption=plain_text(cell("Media Caption")),
                credit=plain_text(cell("Media Credit")),
                alt=plain_text(cell("Alt")),
            )
        ]
        if media_url
        else [],
        group=plain_text(cell("Group")),
    )
