"""`aloe show` for people: one record's fields, dates, sources and related records as a Rich grid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..sanitize import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

# Fields shown in their own sections, not among the plain fields.
_SHOWN_APART = {"id", "title", "name", "dates", "sources", "other_names", "acronym"}


def _plain(value: Any) -> str:
    """A JSON value as readable text: lists one per line, mappings as 'key: value'."""
    if isinstance(value, list):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {_plain(item)}" for key, item in value.items() if item not in (None, [], "")
        )
    return str(value)


def _citation(citation: dict[str, Any]) -> str:
    where = f" {citation['locator']}" if citation.get("locator") else ""
    quote = f' "{citation["quote"]}"' if citation.get("quote") else ""
    url = f" <{citation['url']}>" if citation.get("url") else ""
    return f"{citation['source']}{where}{quote} — {citation['title']}{url}"


def render_detail(detail: dict[str, Any]) -> RenderableType:
    """A two-column grid: field names on the left, literal dataset text on the right."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(name: str, value: str, style: str = "") -> None:
        if value:
            grid.add_row(name, Text(printable(value), style=style))

    row("ID", detail["id"], "cyan")
    row("Kind", detail["kind"])
    row("Title", detail["title"])
    names = detail.get("names", [])
    row(
        "Names", "\n".join(f"{n['name']} ({n['lang']}{', ' + n['note'] if n['note'] else ''})" for n in names)
    )
    if detail.get("claims"):
        span = f"{detail['start'] or '…'} to {detail['end'] or '…'}"
        row("Date", f"{detail['date_label']}  [{detail['date']}]  possible days: {span}")
        if detail["disputed"]:
            row("Disputed", "the sources give different dates:", "bold")
        for number, claim in enumerate(detail["claims"], start=1):
            sources = "\n  ".join(_citation(c) for c in claim["sources"]) or "(the record's sources)"
            note = f"\n  note: {claim['note']}" if claim.get("note") else ""
            row(f"Claim {number}", f"{claim['date_label']}  [{claim['date']}]  {claim['start']} to "
                f"{claim['end']}\n  {sources}{note}")  # fmt: skip
    for field, value in detail["fields"].items():
        if field not in _SHOWN_APART:
            row(field.replace("_", " ").capitalize(), _plain(value))
    row("Sources", "\n".join(_citation(c) for c in detail.get("sources", [])))
    related = detail.get("related", [])
    row(
        "Related",
        "\n".join(f"{r['direction']} ({r['via']}): {r['kind']} {r['id']} — {r['title']}" for r in related),
    )
    return grid
