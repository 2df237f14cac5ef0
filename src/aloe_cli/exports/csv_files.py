"""CSV files, one per kind of record, in a zip archive (or a folder): each one round-trips through `csv`."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import TYPE_CHECKING, Any

from aloe_cli.sanitize import spreadsheet_cell

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.presentation.views import CitationView


def csv_tables(selection: Selection) -> dict[str, str]:
    """File name -> CSV text, for every kind of record and for dates, citations and names."""
    tables: dict[str, str] = {}
    dates: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    media: list[dict[str, Any]] = []
    for table in selection.presentation.field_tables(selection.happenings):
        rows = []
        expanded: dict[str, list[str]] = {}  # a field in several languages -> its columns, English first
        for record in table.rows:
            row: dict[str, Any] = {}
            for key, value in record.fields.items():
                if isinstance(value, dict):  # one column per language (or part): `title_en`, `title_fr`
                    for part, text in value.items():
                        row[f"{key}_{part}"] = _cell(text)
                        columns = expanded.setdefault(key, [])
                        if f"{key}_{part}" not in columns:
                            columns.append(f"{key}_{part}")
                else:
                    row[key] = _cell(value)
            dating = record.dating
            if table.dated:  # the date as people read it, and how sure it is
                row.update(
                    date_words=dating.text() if dating else "",
                    start=_iso(dating.earliest) if dating else "",
                    end=_iso(dating.latest) if dating else "",
                    disputed="true" if dating and dating.disputed else "false",
                )
            rows.append(row)
            for position, claim in enumerate(dating.claims if dating else ()):
                dates.append(
                    {
                        "record_id": record.id,
                        "position": position,
                        "edtf": claim.edtf,
                        # the source's own words, else its value's: never a wording in the reader's
                        # language around a quote ('vers 1997 (« mid-1997 »)'), which reads back as a label
                        "label": claim.label or claim.exact_words,
                        "start": _iso(claim.earliest),
                        "end": _iso(claim.latest),
                        "end_kind": claim.end_kind,
                        "approximate": "true" if claim.approximate else "false",
                        "uncertain": "true" if claim.uncertain else "false",
                        "record_disputed": "true" if dating and dating.disputed else "false",
                        "inferred": claim.inferred or "",
                        "claim_sources": "; ".join(c.short() for c in claim.citations),
                        "note": claim.note or "",
                    }
                )
                citations += [_citation(record.id, position, c) for c in claim.citations]
            citations += [_citation(record.id, "", c) for c in record.citations]
            media += [
                {"record_id": record.id, "position": position, "kind": m.kind,
                 "url": m.href if m.remote else "", "path": "" if m.remote else m.href, "alt": m.alt,
                 "caption": m.caption, "credit": m.credit, "cited_sources": m.cited_words}
                for position, m in enumerate(record.media)
            ]  # fmt: skip
        last = ("note", "inferred")  # remarks on the evidence after the facts
        names = ["id"]
        if table.rows and table.dated:
            names += ["date_words", "start", "end", "disputed"]  # the date next to the id
        for name in [*table.fields, *last] if table.rows else []:
            names += (
                sorted(expanded[name], key=lambda c: (not c.endswith("_en"), c))
                if name in expanded
                else [name]
            )
        tables[f"{table.list_name}.csv"] = _write(rows, names)
    tables["dates.csv"] = _write(
        dates,
        ["record_id", "position", "edtf", "label", "start", "end", "end_kind", "approximate", "uncertain",
         "record_disputed", "inferred", "claim_sources", "note"],
    )  # fmt: skip
    tables["citations.csv"] = _write(
        citations, ["record_id", "date_position", "source", "locator", "quote", "supports"]
    )
    tables["media.csv"] = _write(
        media, ["record_id", "position", "kind", "url", "path", "alt", "caption", "credit", "cited_sources"]
    )
    if selection.bom:  # Excel on Windows reads UTF-8 only after a byte-order mark ("LÃ©opold" otherwise)
        tables = {name: "\ufeff" + text for name, text in tables.items()}
    return tables


def _citation(record_id: str, position: int | str, citation: CitationView) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "date_position": position,
        "source": citation.source,
        "locator": citation.locator or "",
        "quote": citation.quote or "",
        "supports": " ".join(citation.supports),
    }


def _iso(day: Any) -> str:
    return day.isoformat() if day is not None else ""


def _cell(value: Any) -> str:
    """A value as one cell: languages as 'en: ...; fr: ...', lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    return str(value)


def _write(rows: list[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=[f for f in fields if f not in ("dates", "sources", "other_names", "media")],
        extrasaction="ignore",
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows({key: spreadsheet_cell(str(value)) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def export_csv_zip(selection: Selection) -> bytes:
    """A zip archive of the CSV files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_tables(selection).items():
            archive.writestr(zipfile.ZipInfo(f"aloe-csv/{name}", date_time=(2006, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()
