"""EDTF values in French, Spanish and Portuguese words: one function per language, beside `describe_edtf`.

The month and season names are the CLDR's (Babel's `format_skeleton`/`get_month_names`, stand-alone, wide);
they are written out here rather than read from Babel, whose locale data costs tens of milliseconds to load
at each start, and `tests/test_edtf_words.py` checks them against Babel. French typography: a
non-breaking space (U+00A0) inside the qualifier ("1997 ?"), the en dash between the two ends of a range.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple, Protocol

from aloe_cli.model.edtf import describe_edtf

NBSP = "\u00a0"


class _Point(NamedTuple):
    """One end of an EDTF value, as words are made from it."""

    precision: str  # "year", "month", "day", "season", "decade", "unspecified"
    year: str
    month: int  # 1-12, or the season 21-24; 0 where not given
    day: int  # 0 where not given
    qualifier: str  # "", "~", "?", "%"


def _point(text: str) -> _Point:
    qualifier = text[-1] if text[-1] in "?~%" else ""
    parts = text.rstrip("?~%").split("T")[0].split("-")
    year = parts[0]
    if "X" in year:
        return _Point("decade" if len(year.rstrip("X")) == 3 else "unspecified", year, 0, 0, qualifier)
    if len(parts) == 1 or parts[1] == "XX":
        return _Point("year", year, 0, 0, qualifier)
    month = int(parts[1])
    if month > 12:
        return _Point("season", year, month, 0, qualifier)
    if len(parts) == 2 or parts[2] == "XX":
        return _Point("month", year, month, 0, qualifier)
    return _Point("day", year, month, int(parts[2]), qualifier)


class _Grammar(Protocol):
    """What a language says of the parts of an EDTF value; `_words` puts them together."""

    start_unknown: str
    end_unknown: str

    def point(self, point: _Point) -> str: ...  # '15 juin 2001', 'vers 1997'
    def plain(self, point: _Point) -> str: ...  # the same without the qualifier
    def day(self, day: int) -> str: ...  # the first day of a range within a month: '1er', '10'
    def until(self, point: _Point) -> str: ...  # 'jusqu'en juin 2001'
    def since(self, point: _Point) -> str: ...  # 'à partir de juin 2001'
    def between(self, start: _Point, end: _Point, same_year: bool) -> str: ...  # 'du … au …'


def _words(grammar: _Grammar, text: str) -> str:
    """A valid EDTF value in one language's words: the cases every language tells apart, in one place."""
    if "/" not in text:
        return grammar.point(_point(text))
    left, right = text.split("/")
    if left in ("", ".."):  # `..` is the source saying "open"; an empty side is one no source gives
        until = grammar.until(_point(right))
        return until if left == ".." else f"{grammar.start_unknown}, {until}"
    start = _point(left)
    if right in ("", ".."):
        since = grammar.since(start)
        return since if right == ".." else f"{since}, {grammar.end_unknown}"
    end = _point(right)
    if start.qualifier or end.qualifier or "unspecified" in (start.precision, end.precision):
        return f"{grammar.point(start)} – {grammar.point(end)}"
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{grammar.day(start.day)}–{grammar.plain(end)}"
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"
    same_year = (
        start.precision == end.precision and start.year == end.year and start.precision in ("day", "month")
    )
    return grammar.between(start, end, same_year)


# --- French --------------------------------------------------------------------------------------------

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
FRENCH_SEASONS = {21: "printemps", 22: "été", 23: "automne", 24: "hiver"}


def _french_day(day: int) -> str:
    return "1er" if day == 1 else str(day)  # French writes the first of the month as an ordinal


def _french_plain(point: _Point) -> str:
    """The point's words without its qualifier: '15 juin 2001', 'octobre 2005', 'les années 1990'."""
    if point.precision == "decade":
        return f"les années {point.year.rstrip('X')}0"
    if point.precision == "unspecified":
        return f"une année {point.year}"
    if point.precision == "year":
        return point.year
    if point.precision == "season":
        return f"{FRENCH_SEASONS[point.month]} {point.year}"
    month = f"{FRENCH_MONTHS[point.month - 1]} {point.year}"
    return month if point.precision == "month" else f"{_french_day(point.day)} {month}"


def _french_point(point: _Point) -> str:
    words = _french_plain(point)
    return {
        "": words,
        "~": f"vers {words}",
        "?": f"{words}{NBSP}?",
        "%": f"vers {words}{NBSP}?",
    }[point.qualifier]


def _french_from(point: _Point, words: str | None = None) -> str:
    """'du 15 juin 2001', 'de juin 2001', 'd'octobre 2005', 'du printemps 2004', 'de l'été 2004'."""
    words = _french_plain(point) if words is None else words
    if point.precision == "day":
        return f"du {words}"
    if point.precision == "season":
        return f"du {words}" if point.month == 21 else f"de l'{words}"
    if point.precision == "decade":
        return f"des {words[4:]}"  # 'les années 1990' -> 'des années 1990'
    return f"d'{words}" if words[0] in "aeiouhéè" else f"de {words}"


def _french_to(point: _Point) -> str:
    """'au 5 février 2002', 'à juin 2002', 'au printemps 2004', 'à l'été 2004'."""
    words = _french_plain(point)
    if point.precision == "day":
        return f"au {words}"
    if point.precision == "season":
        return f"au {words}" if point.month == 21 else f"à l'{words}"
    if point.precision == "decade":
        return f"aux {words[4:]}"
    return f"à {words}"


def _french_until(point: _Point) -> str:
    """'jusqu'au 15 juin 2001', 'jusqu'en juin 2001', 'jusqu'en 2001', 'jusqu'à l'été 2004'."""
    if point.precision in ("day", "season", "decade"):
        return "jusqu'" + _french_to(point)
    return f"jusqu'en {_french_plain(point)}"


FRENCH_BOUND_DOUBTS = {"": "", "~": " environ", "?": f"{NBSP}?", "%": f" environ{NBSP}?"}


class _FrenchWords:
    """French's answers to what `_words` asks: 'à partir du 15 juin 2001', 'jusqu'en 2001'."""

    start_unknown = "début inconnu"
    end_unknown = "fin inconnue"

    def point(self, point: _Point) -> str:
        return _french_point(point)

    def plain(self, point: _Point) -> str:
        return _french_plain(point)

    def day(self, day: int) -> str:
        return _french_day(day)

    # A bound's doubt follows it: 'à partir de 1997 environ', not 'à partir de vers 1997'.
    def until(self, point: _Point) -> str:
        return _french_until(point) + FRENCH_BOUND_DOUBTS[point.qualifier]

    def since(self, point: _Point) -> str:
        return f"à partir {_french_from(point)}" + FRENCH_BOUND_DOUBTS[point.qualifier]

    def between(self, start: _Point, end: _Point, same_year: bool) -> str:
        # the year said once, at the end: 'du 31 janvier au 5 février 2002'
        shorter = _french_plain(start).removesuffix(f" {start.year}") if same_year else None
        return f"{_french_from(start, shorter)} {_french_to(end)}"


@lru_cache(maxsize=4096)
def describe_edtf_fr(text: str) -> str:
    """A valid EDTF value in French words: '2001-06-10/2001-06-15' -> '10–15 juin 2001'."""
    return _words(_FrenchWords(), text)


# --- Spanish and Portuguese ----------------------------------------------------------------------------


class _Romance(NamedTuple):
    """What Spanish and Portuguese date words need: '15 de junio de 2001', 'del 31 de enero al …'."""

    months: tuple[str, ...]
    seasons: dict[int, str]
    decade: str  # 'los años 1990' / 'os anos 1990'
    some_year: str
    about: str
    since: str  # 'desde' / 'desde'
    until: str  # 'hasta' / 'até'
    start_unknown: str
    end_unknown: str
    range_from: str  # before a day or a season: 'del' / 'de'
    range_to: str  # 'al' / 'a'
    day_article: str  # 'desde el 15 de junio' / 'desde 15 de junho'


SPANISH = _Romance(
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio",
            "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    seasons={21: "primavera", 22: "verano", 23: "otoño", 24: "invierno"},
    decade="los años {decade}", some_year="algún año {year}", about="hacia", since="desde", until="hasta",
    start_unknown="inicio desconocido", end_unknown="fin desconocido", range_from="del", range_to="al",
    day_article="el ",
)  # fmt: skip
PORTUGUESE = _Romance(
    months=("janeiro", "fevereiro", "março", "abril", "maio", "junho",
            "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    seasons={21: "primavera", 22: "verão", 23: "outono", 24: "inverno"},
    decade="os anos {decade}", some_year="algum ano {year}", about="por volta de", since="desde",
    until="até", start_unknown="início desconhecido", end_unknown="fim desconhecido", range_from="de",
    range_to="a", day_article="",
)  # fmt: skip


def _romance_plain(language: _Romance, point: _Point) -> str:
    if point.precision == "decade":
        return language.decade.format(decade=f"{point.year.rstrip('X')}0")
    if point.precision == "unspecified":
        return language.some_year.format(year=point.year)
    if point.precision == "year":
        return point.year
    if point.precision == "season":
        return f"{language.seasons[point.month]} de {point.year}"
    month = f"{language.months[point.month - 1]} de {point.year}"
    return month if point.precision == "month" else f"{point.day} de {month}"


def _romance_point(language: _Romance, point: _Point, *, after_preposition: bool = False) -> str:
    words = _romance_plain(language, point)
    if after_preposition and point.precision == "day" and not point.qualifier:
        words = language.day_article + words
    about = f"{language.about} {words}"
    return {"": words, "~": about, "?": f"{words}?", "%": f"{about}?"}[point.qualifier]


class _RomanceWords:
    """Spanish's or Portuguese's answers to what `_words` asks: 'desde el 15 de junio de 2001'."""

    def __init__(self, language: _Romance) -> None:
        self.language = language
        self.start_unknown = language.start_unknown
        self.end_unknown = language.end_unknown

    def point(self, point: _Point) -> str:
        return _romance_point(self.language, point)

    def plain(self, point: _Point) -> str:
        return _romance_plain(self.language, point)

    def day(self, day: int) -> str:
        return str(day)

    def until(self, point: _Point) -> str:
        return f"{self.language.until} {_romance_point(self.language, point, after_preposition=True)}"

    def since(self, point: _Point) -> str:
        return f"{self.language.since} {_romance_point(self.language, point, after_preposition=True)}"

    def between(self, start: _Point, end: _Point, same_year: bool) -> str:
        shorter = _romance_plain(self.language, start)
        if same_year:
            shorter = shorter.removesuffix(f" de {start.year}")
        with_article = start.precision in ("day", "season")
        before, after = (self.language.range_from, self.language.range_to) if with_article else ("de", "a")
        return f"{before} {shorter} {after} {_romance_plain(self.language, end)}"


@lru_cache(maxsize=4096)
def describe_edtf_es(text: str) -> str:
    """A valid EDTF value in Spanish words: '2001-06-10/2001-06-15' -> '10–15 de junio de 2001'."""
    return _words(_RomanceWords(SPANISH), text)


@lru_cache(maxsize=4096)
def describe_edtf_pt(text: str) -> str:
    """A valid EDTF value in Portuguese words: '2001-06-10/2001-06-15' -> '10–15 de junho de 2001'."""
    return _words(_RomanceWords(PORTUGUESE), text)


# One function per language aloe speaks (`i18n.LANGUAGES`; a test checks that none is missing).
DESCRIBERS: dict[str, Callable[[str], str]] = {
    "en": describe_edtf,
    "fr": describe_edtf_fr,
    "es": describe_edtf_es,
    "pt": describe_edtf_pt,
}
