"""What records are called, as a user types it: text folded (no case, no accents), names to ids."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any


def fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents ('Économie' -> 'economie'), and where each folded character came from."""
    folded: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        for part in unicodedata.normalize("NFKD", character):
            if unicodedata.combining(part):
                continue
            for piece in part.casefold():
                folded.append(piece)
                origin.append(position)
    return "".join(folded), origin


def fold_text(text: str) -> str:
    """What `fold` gives as text, without the positions: a whole string at once (search folds every text)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def names_to_ids(records: Iterable[Any]) -> dict[str, str]:
    """Every name a record goes by, folded (no case, no accents), to its id; a name two share: neither."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for record in records:
        for name in _names(record):
            key = fold_text(name.strip())
            if found.setdefault(key, record.id) != record.id:
                shared.add(key)
    return {name: id for name, id in found.items() if name not in shared}


def _names(record: Any) -> Iterable[str]:
    for field in ("name", "title", "acronym", "short_name"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            yield from value.values()
    for other in getattr(record, "other_names", ()):
        yield other.name
