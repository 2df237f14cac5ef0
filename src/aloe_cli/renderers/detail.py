"""`aloe show` for people: one record's fields, dates, sources and related records as a grid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aloe_cli.presentation.views import ROLE_WORDS
from aloe_cli.renderers.blocks import Blocks, FieldGrid, Pieces
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.presentation.payloads import CitationJSON, DetailJSON, NameJSON, RelatedJSON

# Fields shown in their own sections, not among the plain fields.
_SHOWN_APART = {
    "id", "title", "name", "dates", "sources", "other_names", "acronym", "inferred", "dated_by", "media",
}  # fmt: skip
_FIELD_LABELS = {"descriptive_title": "Title is descriptive", "probably_same_as": "Probably the same as"}


def _plain(value: Any) -> str:
    """A JSON value as readable text: lists one per line, mappings as 'key: value'."""
    if isinstance(value, list):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {_plain(item)}" for key, item in value.items() if item not in (None, [], "")
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _possible_days(start: str | None, end: str | None, end_kind: str = "known") -> str:
    """'2001-06-10 to 2001-06-15', 'from 2001-06-15, end unknown', 'from 2001-06-15 on'."""
    if start and end:
        return start if start == end else f"{start} to {end}"
    if start:
        return f"from {start} on" if end_kind == "open" else f"from {start}, end unknown"
    if end:
        return f"until {end}"
    return "not known"


def _citation(citation: CitationJSON) -> str:
    where = f" {citation['locator']}" if citation.get("locator") else ""
    quote = f' "{citation["quote"]}"' if citation.get("quote") else ""
    url = f" <{citation['url']}>" if citation.get("url") else ""
    return f"{citation['source']}{where}{quote} — {citation['title']}{url}"


def _medium(medium: Any) -> str:
    """'image media/x.jpg' and, under it, its alt text, caption, credit and sources, one per line."""
    lines = [f"{medium.get('kind', 'image')} {medium.get('url') or medium.get('path')}"]
    for field in ("alt", "caption", "credit"):
        if medium.get(field):
            lines.append(f"  {field}: {medium[field]}")
    cited = [
        " ".join(str(part) for part in (c.get("source"), c.get("locator")) if part)
        for c in medium.get("sources", [])
    ]
    if cited:
        lines.append(f"  sources: {'; '.join(cited)}")
    return "\n".join(lines)


def _name(name: NameJSON) -> str:
    """'Social Money and Local Exchange Systems (en; probably the same: our reading, ...)'."""
    extras = [name["lang"]]
    if name["note"]:
        extras.append(name["note"])
    if name.get("inferred"):
        extras.append(f"our reading: {name['inferred']}")
    return f"{name['name']} ({'; '.join(extras)})"


def _named_by_field(related: list[RelatedJSON]) -> dict[str, list[str]]:
    """The records this one names, by the field naming them: {'places': ['Dakar (dakar)']}."""
    named: dict[str, list[str]] = {}
    for other in related:
        if other["direction"] == "names":
            named.setdefault(other["via"], []).append(f"{other['title']} ({other['id']})")
    return named


def _naming_it(related: list[RelatedJSON]) -> list[tuple[str, str, list[str]]]:
    """The records that name or cite this one, by direction and kind: ('cited by', 'milestone', [...])."""
    found: dict[tuple[str, str], list[str]] = {}
    for other in related:
        if other["direction"] != "names":
            found.setdefault((other["direction"], other["kind"]), []).append(
                f"{other['title']} ({other['id']})"
            )
    return [(direction, kind, names) for (direction, kind), names in found.items()]


def render_detail(detail: DetailJSON) -> Blocks:
    """A two-column grid: field names on the left, literal dataset text on the right."""
    rows: list[tuple[str, Pieces]] = []

    def row(name: str, value: str, style: str = "") -> None:
        if value:
            rows.append((name, ((printable(value), style),)))

    fields = detail["fields"]
    named = _named_by_field(detail.get("related", []))
    row("ID", detail["id"], "cyan")
    own_kind = fields.get("kind")  # a source's own kind (primary ...): said with the record's, once
    row("Kind", f"{detail['kind']} ({own_kind})" if isinstance(own_kind, str) else detail["kind"])
    row("Title", detail["title"])
    names = detail.get("names", [])
    row("Names", "\n".join(_name(n) for n in names))
    if detail.get("claims"):
        span = _possible_days(detail["start"], detail["end"], detail["claims"][0]["end_kind"])
        row("Date", f"{detail['date_words']}  [{detail['date']}]  possible days: {span}")
        if detail["disputed"]:
            row("Disputed", "the sources give dates that cannot all be true:", "bold")
        dated_by = detail["fields"].get("dated_by")
        if isinstance(dated_by, dict):
            by = ", ".join(
                f"{key.replace('_', ' ')} {value}" for key, value in dated_by.items() if key != "inferred"
            )
            row("Dated by", f"the dates of other records ({by}), claim by claim")
        for number, claim in enumerate(detail["claims"], start=1):
            sources = "\n  ".join(_citation(c) for c in claim["sources"]) or "(the record's sources)"
            note = f"\n  note: {claim['note']}" if claim.get("note") else ""
            reading = f"\n  our reading, not a source's: {claim['inferred']}" if claim.get("inferred") else ""
            days = _possible_days(claim["start"], claim["end"], claim["end_kind"])
            words = f"{claim['date_label']}  [{claim['date']}]  {days}"
            row(f"Claim {number}", f"{words}\n  {sources}{note}{reading}")
    inferred = detail["fields"].get("inferred")
    if isinstance(inferred, str):
        row("Our reading", inferred, "italic")
    for field, value in fields.items():
        if field in _SHOWN_APART or field == "kind":
            continue
        label = _FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
        if field in named:  # the records it names, by name, each id in brackets: 'Dakar (dakar)'
            row(label, "; ".join(named.pop(field)))
        elif field == "role" and isinstance(value, str):
            row(label, ROLE_WORDS.get(value, value))
        else:
            row(label, _plain(value))
    media = fields.get("media")
    for number, medium in enumerate(media if isinstance(media, list) else [], start=1):
        row(f"Media {number}", _medium(medium))
    row("Sources", "\n".join(_citation(c) for c in detail.get("sources", [])))
    for field, others in named.items():  # named through a field not shown above
        row(field.replace("_", " ").capitalize(), "; ".join(others))
    for direction, kind, others in _naming_it(detail.get("related", [])):
        row(f"{direction.capitalize()} ({kind})", "; ".join(others))
    grid = FieldGrid(rows)
    return Blocks(lambda width: [grid])
