"""Record ids made from headlines: ASCII, lower case, hyphens; the same headline gives the same id."""

from __future__ import annotations

import re
import unicodedata

MAX_ID_LENGTH = 60
_NOT_ID = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not take apart into a base letter and a mark.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i"})


def slug(text: str) -> str:
    """'Rózsa Péter writes recursion' -> 'rozsa-peter-writes-recursion' ('' when nothing is left)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    words = _NOT_ID.sub("-", ascii_text).strip("-")
    if len(words) > MAX_ID_LENGTH:
        words = (
            words[:MAX_ID_LENGTH].rsplit("-", 1)[0] if "-" in words[:MAX_ID_LENGTH] else words[:MAX_ID_LENGTH]
        )
    return words


class IdMaker:
    """Gives each record an id unique in the dataset: its own, else '-2', '-3' ... after it, in file order."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next_number: dict[str, int] = {}

    def make(self, *wishes: str, fallback: str) -> str:
        """The first wish that makes an id (a given id, a headline), else the fallback; made unique."""
        base = next((made for wish in wishes if (made := slug(wish))), slug(fallback) or "record")
        candidate = base
        number = self.next_number.get(base, 2)
        while candidate in self.taken:
            candidate = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(candidate)
        return candidate
