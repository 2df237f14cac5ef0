"""TimelineJS JSON (https://timeline.knightlab.com/docs/json-format.html), aloe's own export included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from aloe_cli.i18n import _
from aloe_cli.importing.dates import DateParts
from aloe_cli.importing.entries import Entry, ImportedMedium, Where
from aloe_cli.importing.html_text import plain_text
from aloe_cli.importing.reading import NotTheFormat

_JSON_DATE_NAMES = (
    ("start_date.year", "start_date.month", "start_date.day", "start_date.hour"),
    ("end_date.year", "end_date.month", "end_date.day", "end_date.hour"),
)


def read_timelinejs(text: str, name: str) -> Iterator[Entry]:
    """The title slide, the eras and the events of a TimelineJS JSON document, in the file's order."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise NotTheFormat(
            _("{file}: not TimelineJS JSON: nested deeper than aloe reads").format(file=name)
        ) from None
    except json.JSONDecodeError as error:
        raise NotTheFormat(
            _("{file}: not TimelineJS JSON: line {line}, column {column}: {reason}").format(
                file=name, line=error.lineno, column=error.colno, reason=error.msg
            )
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise NotTheFormat(
            _("{file}: not TimelineJS JSON: it has no list of `events` at the top level").format(file=name)
        )
    title = document.get("title")
    if isinstance(title, dict):
        yield _entry(title, "title", "title")
    for index, era in enumerate(_items(document.get("eras"), "eras")):
        yield _entry(era, f"eras[{index}]", "era")
    for index, event in enumerate(document["events"]):
        yield _entry(event, f"events[{index}]", "slide")


def _items(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise NotTheFormat(_("{path}: expected a list").format(path=path))
    return value


def _text(value: Any) -> str:
    """A JSON value as text: strings as they are, numbers as written, anything else as nothing."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value if isinstance(value, str) else ""


def _date(value: Any) -> DateParts:
    if not isinstance(value, dict):
        return DateParts()
    hour, minute, second = (_text(value.get(key)).strip() for key in ("hour", "minute", "second"))
    time = f"{hour}:{minute or '00'}:{second or '00'}" if hour else ""
    return DateParts(_text(value.get("year")), _text(value.get("month")), _text(value.get("day")), time)


def _entry(item: Any, path: str, role: str) -> Entry:
    where = Where(path=path)
    if not isinstance(item, dict):
        entry = Entry(where=where, role="slide")
        entry.notes.append(f"{path} is not an object")
        return entry
    text_value, media_value = item.get("text"), item.get("media")
    text: dict[str, Any] = text_value if isinstance(text_value, dict) else {}
    media: dict[str, Any] | None = media_value if isinstance(media_value, dict) else None
    start, end = _date(item.get("start_date")), _date(item.get("end_date"))
    return Entry(
        where=where,
        role="title" if role == "title" else "era" if role == "era" else "slide",
        headline=plain_text(_text(text.get("headline"))),
        text=plain_text(_text(text.get("text"))),
        start=start,
        end=end,
        display_date=plain_text(_text(item.get("display_date"))),
        media=[_medium(media)] if media and _text(media.get("url")).strip() else [],
        group=plain_text(_text(item.get("group"))),
        unique_id=_text(item.get("unique_id") or item.get("uniqueid")).strip(),
        date_names=_JSON_DATE_NAMES,
    )


def _medium(media: dict[str, Any]) -> ImportedMedium:
    return ImportedMedium(
        url=_text(media.get("url")).strip(),
        caption=plain_text(_text(media.get("caption"))),
        credit=plain_text(_text(media.get("credit"))),
        alt=plain_text(_text(media.get("alt"))),
    )
