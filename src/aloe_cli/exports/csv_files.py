"""CSV files, one per kind of record, in a zip archive (or a folder): each one round-trips through `csv`."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import TYPE_CHECKING, Any

from aloe_cli.sanitize import spreadsheet_cell

if TYPE_CHECKING:
    from aloe_cli.exports import Selection


def csv_tables(selection: Selection) -> dict[str, str]:
    """File name -> CSV text, for every kind of record and for dates, citations and names."""
    from aloe_cli.evidence.media import media_views
    from aloe_cli.evidence.views import date_wording
    from aloe_cli.model.models import RECORD_KINDS, DatedRecord, fields_as_json

    dataset = selection.dataset
    happening_ids = {h.id for h in selection.happenings}
    tables: dict[str, str] = {}
    dates: list[dict[str, Any]] = []
    citations: list[dict[str, Any]] = []
    media: list[dict[str, Any]] = []
    for list_name in RECORD_KINDS:
        records = getattr(dataset, list_name)
        if list_name in ("milestones", "events"):
            records = [r for r in records if r.id in happening_ids]
        rows = []
        expanded: dict[str, list[str]] = {}  # a field in several languages -> its columns, English first
        for record in records:
            dumped = fields_as_json(record, exclude=frozenset({"dates", "sources", "other_names", "media"}))
            media += [
                {"record_id": record.id, "position": position, "kind": m.kind,
                 "url": m.href if m.remote else "",
                 "path": "" if m.remote else m.href, "alt": m.alt, "caption": m.caption, "credit": m.credit,
                 "cited_sources": m.cited_words}
                for position, m in enumerate(media_views(getattr(record, "media", [])))
            ]  # fmt: skip
            row: dict[str, Any] = {}
            for key, value in dumped.items():
                if isinstance(value, dict):  # one column per language (or part): `title_en`, `title_fr`
                    for part, text in value.items():
                        row[f"{key}_{part}"] = _cell(text)
                        columns = expanded.setdefault(key, [])
                        if f"{key}_{part}" not in columns:
                            columns.append(f"{key}_{part}")
                else:
                    row[key] = _cell(value)
            if isinstance(record, DatedRecord):  # the date as people read it, and how sure it is
                row.update(
                    date_words=date_wording(record).text() if record.dates else "",
                    start=_iso(record.earliest) if record.dates else "",
                    end=_iso(record.latest) if record.dates else "",
                    disputed="true" if record.disputed else "false",
                )
            rows.append(row)
            if isinstance(record, DatedRecord):
                for position, claim in enumerate(record.dates):
                    edtf = claim.edtf
                    dates.append(
                        {
                            "record_id": record.id,
                            "position": position,
                            "edtf": edtf.text,
                            "label": claim.words,
                            "start": _iso(edtf.earliest),
                            "end": _iso(edtf.latest),
                            "end_kind": "open"
                            if edtf.open_end
                            else "unknown"
                            if edtf.unknown_end
                            else "known",
                            "approximate": "true" if edtf.approximate else "false",
                            "uncertain": "true" if edtf.uncertain else "false",
                            "record_disputed": "true" if record.disputed else "false",
                            "inferred": claim.inferred or "",
                            "claim_sources": "; ".join(
                                f"{c.source} {c.locator or ''}".strip() for c in claim.sources
                            ),
                            "note": claim.note or "",
                        }
                    )
                    citations += [
                        {
                            "record_id": record.id,
                            "date_position": position,
                            "source": c.source,
                            "locator": c.locator or "",
                            "quote": c.quote or "",
                        }
                        for c in claim.sources
                    ]
            citations += [
                {
                    "record_id": record.id,
                    "date_position": "",
                    "source": c.source,
                    "locator": c.locator or "",
                    "quote": c.quote or "",
                }
                for c in getattr(record, "sources", [])
                if list_name != "sources"
            ]
        last = ("note", "inferred")  # remarks on the evidence after the facts
        fields = [f for f in type(records[0]).model_fields if f not in ("id", *last)] if records else []
        names = ["id"]
        if records and isinstance(records[0], DatedRecord):
            names += ["date_words", "start", "end", "disputed"]  # the date next to the id
        for name in [*(_alias(records, f) for f in fields), *last] if records else []:
            names += (
                sorted(expanded[name], key=lambda c: (not c.endswith("_en"), c))
                if name in expanded
                else [name]
            )
        tables[f"{list_name}.csv"] = _write(rows, names)
    tables["dates.csv"] = _write(
        dates,
        ["record_id", "position", "edtf", "label", "start", "end", "end_kind", "approximate", "uncertain",
         "record_disputed", "inferred", "claim_sources", "note"],
    )  # fmt: skip
    tables["citations.csv"] = _write(citations, ["record_id", "date_position", "source", "locator", "quote"])
    tables["media.csv"] = _write(
        media, ["record_id", "position", "kind", "url", "path", "alt", "caption", "credit", "cited_sources"]
    )
    if selection.bom:  # Excel on Windows reads UTF-8 only after a byte-order mark ("LÃ©opold" otherwise)
        tables = {name: "\ufeff" + text for name, text in tables.items()}
    return tables


def _alias(records: list[Any], field: str) -> str:
    info = type(records[0]).model_fields[field]
    return info.alias or field


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
