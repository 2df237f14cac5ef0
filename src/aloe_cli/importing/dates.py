"""Dates as timelines and spreadsheets write them, read into EDTF at the precision they give, no finer.

A year alone stays a year, a month a month; a start and an end make an interval. The words of a
display date that say a date is vague ("c.", "ca.", "circa", "around", "vers", "?") become EDTF's
marks: `~` approximate, `?` uncertain, `%` both. What cannot be read is never guessed: the caller keeps
the text in a note and lists it.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import NamedTuple

from aloe_cli.i18n import _
from aloe_cli.model.edtf import MONTH_NAMES, EdtfError, parse_edtf

# Month names people type in a Month cell, in the languages of the network's pages (and German).
MONTH_WORDS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv enero ene janeiro januar",
        "february feb fevrier fev fevr febrero fevereiro februar",
        "march mar mars marzo marco marz",
        "april apr avril avr abril",
        "may mai mayo maio",
        "june jun juin junio junho juni",
        "july jul juillet juil julio julho juli",
        "august aug aout agosto",
        "september sep sept septembre septiembre setiembre setembro",
        "october oct octobre octubre outubro oktober okt",
        "november nov novembre noviembre novembro",
        "december dec decembre diciembre dic dezembro dezember dez",
    ),
    start=1,
):
    for _word in _names.split():
        MONTH_WORDS[_word] = _number

# Words that make a date approximate, and the mark that makes it uncertain.
_APPROXIMATE = re.compile(
    r"(?:^|[\s(\[])(?:c\.|ca\.?|circa|around|about|approx\.?|approximate(?:ly)?|vers|environ|hacia|cerca de)"
    r"(?=[\s\d]|$)",
    re.IGNORECASE,
)
_UNCERTAIN = re.compile(r"\?|\buncertain\b|\bprobably\b", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
# A date typed as text in a Year cell: "1998", "c. 1998", "1998?", "1998-06", "1998-06-15".
_TYPED_DATE = re.compile(r"^(-?\d{1,5})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateProblem(ValueError):
    """A part of a date that cannot be read; the message names the part and what was expected."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part
        self.message = message


class DateParts(NamedTuple):
    """A date as the file gives it: year, month, day and time, each as written ('' when not given)."""

    year: str = ""
    month: str = ""
    day: str = ""
    time: str = ""

    def is_empty(self) -> bool:
        """Whether no part is given at all."""
        return not any(part.strip() for part in self)


def doubt_mark(words: str) -> str:
    """The EDTF mark the words ask for: '~' (approximate), '?' (uncertain), '%' (both) or ''."""
    approximate = bool(_APPROXIMATE.search(words))
    uncertain = bool(_UNCERTAIN.search(words))
    return "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_month(text: str, part: str) -> int:
    """A Month cell: 1-12, '06', or a month's name ('June', 'juin', 'Jun')."""
    cleaned = text.strip()
    if cleaned.isdigit() or _is_whole_number(cleaned):
        number = int(float(cleaned))
        if 1 <= number <= 12:
            return number
        raise DateProblem(
            part, _("Month {value}: expected a month, 1 to 12 or its name").format(value=cleaned)
        )
    found = MONTH_WORDS.get(_folded(cleaned))
    if found is None:
        raise DateProblem(
            part, _("Month '{value}': expected a month, 1 to 12 or its name").format(value=cleaned)
        )
    return found


def _is_whole_number(text: str) -> bool:
    """'1998.0': how a spreadsheet may write a whole number."""
    return re.fullmatch(r"-?\d+\.0+", text) is not None


_IN_WORDS = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th|er)?\.? )?(?:de )?([^\W\d]+)\.?,? (?:de )?(\d{3,4})$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _date_in_words(text: str, year_name: str, written: str) -> tuple[str, str, str]:
    """(year, month, day) of a date typed as text in one cell; the text as it is when it is not one.

    A day and a month in figures are read only where they cannot be the other way round: 15/06/1998 is
    15 June, 06/15/1998 is 15 June too, and 05/06/1998 is a problem (5 June, or May 6?).
    """
    found = _IN_WORDS.fullmatch(text.lower())
    if found and _folded(found[2]) in MONTH_WORDS:
        return found[3], str(MONTH_WORDS[_folded(found[2])]), found[1] or ""
    slashed = _SLASHED.fullmatch(text)
    if slashed:
        first, second = int(slashed[1]), int(slashed[2])
        if first > 12 >= second:
            return slashed[3], str(second), str(first)
        if second > 12 >= first:
            return slashed[3], str(first), str(second)
        raise DateProblem(
            year_name,
            _("Year '{value}': is it day/month or month/day? write it as {year}-MM-DD").format(
                value=written, year=slashed[3]
            ),
        )
    return text, "", ""


def read_point(parts: DateParts, names: tuple[str, str, str, str]) -> tuple[str, str]:
    """One side of a date as EDTF without a mark, and the doubt its own cells carry ('~', '?', '')."""
    year_name, month_name, day_name, time_name = names
    year_text = parts.year.strip()
    mark = doubt_mark(year_text)
    bare = re.sub(r"[?~%]", "", _APPROXIMATE.sub(" ", year_text)).strip()
    month_text, day_text = parts.month.strip(), parts.day.strip()
    if not month_text and not day_text:  # "June 1998", "15 juin 1998", "15/06/1998" typed in the Year cell
        bare, month_text, day_text = _date_in_words(bare, year_name, year_text)
    typed = _TYPED_DATE.fullmatch(bare)
    if typed is None and not _is_whole_number(bare):
        raise DateProblem(
            year_name,
            _("Year '{value}': expected a year such as 1998 (or 1998-06, 1998-06-15, June 1998)").format(
                value=year_text
            ),
        )
    if typed is not None and typed[2] and not month_text:  # "1998-06-15" typed in the Year cell
        bare, month_text, day_text = typed[1], typed[2], typed[3] or day_text
    year = int(float(bare))
    if not 1 <= year <= 9999:
        raise DateProblem(
            year_name, _("Year {value}: aloe's dates run from year 1 to 9999").format(value=year)
        )
    text = f"{year:04d}"
    if not month_text:
        if day_text:
            raise DateProblem(
                month_name, _("Day {value} without a month: give the month too").format(value=day_text)
            )
        return text, mark
    month = read_month(month_text, month_name)
    text += f"-{month:02d}"
    if not day_text:
        return text, mark
    if not (day_text.isdigit() or _is_whole_number(day_text)):
        raise DateProblem(day_name, _("Day '{value}': expected a day of the month").format(value=day_text))
    day = int(float(day_text))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateProblem(
            day_name,
            _("Day {value}: {month} {year} has days 1 to {last}").format(
                value=day, month=_(MONTH_NAMES[month - 1]), year=year, last=last
            ),
        )
    text += f"-{day:02d}"
    time = parts.time.strip()
    if time:
        text += read_time(time, time_name)
    return text, mark


def read_time(text: str, part: str) -> str:
    """A Time cell ('6:45', '18:30:05', '6:45 PM') as EDTF's 'T06:45:00'."""
    found = _TIME.fullmatch(text)
    if found is None:
        raise DateProblem(
            part, _("Time '{value}': expected a time such as 18:30 or 6:30 PM").format(value=text)
        )
    hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
    if found[4]:
        if not 1 <= hour <= 12:
            raise DateProblem(part, _("Time '{value}': a 12-hour time runs from 1 to 12").format(value=text))
        hour = hour % 12 + (12 if found[4].lower().startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateProblem(
            part, _("Time '{value}': expected a time such as 18:30 or 6:30 PM").format(value=text)
        )
    return f"T{hour:02d}:{minute:02d}:{second:02d}"


START_NAMES = ("Year", "Month", "Day", "Time")
END_NAMES = ("End Year", "End Month", "End Day", "End Time")


def edtf_of(
    start: DateParts,
    end: DateParts,
    display: str,
    *,
    names: tuple[tuple[str, str, str, str], tuple[str, str, str, str]] = (START_NAMES, END_NAMES),
) -> str:
    """The EDTF for a start, an optional end and the display date's words about how sure it is."""
    start_text, start_mark = read_point(start, names[0])
    whole_mark = doubt_mark(display)
    if end.is_empty():
        start_text = _season(start_text, display)
        unknown_end = "/" if _END_UNKNOWN.search(display) else ""
        return start_text + _combined(start_mark, whole_mark) + unknown_end
    if not end.year.strip():
        raise DateProblem(names[1][0], _("an end without its year: give the end's year too"))
    end_text, end_mark = read_point(end, names[1])
    if end_text == start_text and not end_mark:
        return start_text + _combined(start_mark, whole_mark)
    # A display date's "c." qualifies the claim as a whole: both sides, never more precise than given.
    interval = f"{start_text}{_combined(start_mark, whole_mark)}/{end_text}{_combined(end_mark, whole_mark)}"
    try:
        parse_edtf(interval)  # aloe's own rule: an interval that ends before it starts is refused
    except EdtfError as error:
        raise DateProblem(names[1][0], f"{interval}: {error}") from None
    return interval


# The display date's own words may be finer than a year cell: "summer 1998" is the season, as EDTF
# writes it (21-24); "end unknown" (aloe's words for `1998/`) leaves the end open to be found.
_SEASONS = {"spring": 21, "printemps": 21, "primavera": 21, "summer": 22, "ete": 22, "verano": 22,
            "verao": 22, "autumn": 23, "fall": 23, "automne": 23, "otono": 23, "outono": 23,
            "winter": 24, "hiver": 24, "invierno": 24, "inverno": 24}  # fmt: skip
_SEASON_WORDS = re.compile(r"\b([a-z]+) (?:de |of )?(\d{4})\b")
_END_UNKNOWN = re.compile(r"\bend unknown\b", re.IGNORECASE)


def _season(year_text: str, display: str) -> str:
    """A year made the season the display date names in that year ('summer 1998' -> 1998-22)."""
    if len(year_text) != 4:
        return year_text
    for word, year in _SEASON_WORDS.findall(_folded(display)):
        if year == year_text and word in _SEASONS:
            return f"{year_text}-{_SEASONS[word]}"
    return year_text


def _combined(first: str, second: str) -> str:
    marks = set(first + second)
    if "%" in marks or {"~", "?"} <= marks:
        return "%"
    return "~" if "~" in marks else "?" if "?" in marks else ""
