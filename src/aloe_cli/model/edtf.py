"""A small parser for the EDTF levels aloe uses (ISO 8601-2, levels 0 and 1).

The `edtf` package costs 80-120 ms to import, as much as the rest of aloe's start-up, so aloe carries
this parser instead and the tests check it against `edtf` as an oracle.

Supported: `1997`, `2001-06`, `2001-06-15`, date-times (the day is kept), qualifiers `?` `~` `%`,
unspecified digits (`201X`, `2004-XX`, `2004-06-XX`), seasons 21-24, intervals `A/B` with open (`..`)
or unknown (empty) ends. Not supported: years before 1 or after 9999 (Python dates cannot hold them).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from aloe_cli.i18n import N_, _

MONTH_NAMES = [
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
]
SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Northern-hemisphere meteorological seasons; winter runs into the next year. The `edtf` package ends
# winter on 31 December, which cuts January and February off; we do not follow it there.
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}

# What aloe accepts, as one regular expression for the JSON Schema (editors check dates as they are
# typed). It is the shape only: an interval that ends before it starts passes it, and `aloe validate`
# says so. `tests/test_schema.py` checks that every date aloe accepts matches it.
_SCHEMA_YEAR = r"(?:[0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX)"
_SCHEMA_TIME = r"(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?)"
_SCHEMA_MONTH = r"(?:0[1-9]|1[0-2]|2[1-4]|XX)"  # 21-24: the seasons
_SCHEMA_DAY = r"(?:0[1-9]|[12][0-9]|3[01]|XX)"
_SCHEMA_POINT = rf"{_SCHEMA_YEAR}(?:-{_SCHEMA_MONTH}(?:-{_SCHEMA_DAY}{_SCHEMA_TIME}?)?)?[?~%]?"
_SCHEMA_END = (  # no unspecified digits inside an interval (level 2)
    rf"[0-9]{{4}}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-(?:0[1-9]|[12][0-9]|3[01]){_SCHEMA_TIME}?)?)?[?~%]?"
)
EDTF_SCHEMA_PATTERN = rf"^(?:{_SCHEMA_POINT}|{_SCHEMA_END}/(?:{_SCHEMA_END}|\.\.)?|(?:\.\.)?/{_SCHEMA_END})$"

_DATE_RE = re.compile(
    r"""
    (?P<year>-?[0-9]{1,4}X{0,3}|Y-?[0-9]+)
    (?:-(?P<month>[0-9]{2}|XX)
       (?:-(?P<day>[0-9]{2}|XX)
          (?P<time>T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?)?
       )?
    )?
    (?P<qualifier>[?~%])?
    """,
    re.VERBOSE,
)


class EdtfError(ValueError):
    """A string that is not an EDTF date aloe can read; the message says why."""


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """One parsed EDTF value: its earliest and latest possible day, and how sure it is."""

    text: str
    earliest: date | None
    latest: date | None
    approximate: bool
    uncertain: bool
    is_interval: bool
    open_start: bool = False  # `../2001`: the source says it ran from before any date
    open_end: bool = False  # `2001/..`: the source says it goes on
    qualified_start: bool = False  # the start (or the single date) is approximate or uncertain
    qualified_end: bool = False
    # The possible days of each side (a single date is both sides); None: an open or unknown side.
    start_latest: date | None = None
    end_earliest: date | None = None
    start_precision: str = "unknown"  # "year", "month", "day", "season", "decade"; "open" or "unknown"
    end_precision: str = "unknown"

    @property
    def qualified(self) -> bool:
        """True when the source marks the date as approximate or uncertain."""
        return self.approximate or self.uncertain

    @property
    def unknown_start(self) -> bool:
        """`/2001`: the start is not known (unlike `../2001`, where the source says it is open)."""
        return self.is_interval and self.earliest is None and not self.open_start

    @property
    def unknown_end(self) -> bool:
        """`2001/`: the end is not known (unlike `2001/..`, where the source says it goes on)."""
        return self.is_interval and self.latest is None and not self.open_end

    def start_parts(self) -> tuple[int, ...] | None:
        """The known (year, month, day) of the start, at the precision it is given; None: open or unknown."""
        return _known_parts(self.earliest, self.start_precision)

    def end_parts(self) -> tuple[int, ...] | None:
        """The known (year, month, day) of the end, at the precision it is given; None: open or unknown."""
        return _known_parts(self.latest, self.end_precision)

    def sides(self) -> tuple[tuple[date | None, date | None, str], tuple[date | None, date | None, str]]:
        """(earliest, latest, precision) of the start and of the end; a single date is both."""
        return (
            (self.earliest, self.start_latest, self.start_precision),
            (self.end_earliest, self.latest, self.end_precision),
        )


def _known_parts(day: date | None, precision: str) -> tuple[int, ...] | None:
    """(2002,), (2002, 3) or (2002, 3, 15): only what the precision makes certain (a season: its year)."""
    if day is None or precision not in ("year", "season", "month", "day"):
        return None
    if precision == "day":
        return (day.year, day.month, day.day)
    return (day.year, day.month) if precision == "month" else (day.year,)


# How fine each precision is: a claim refines another only at a finer precision.
PRECISION_RANK = {"decade": 0, "year": 1, "season": 2, "month": 2, "day": 3}


def refines_or_equals(first: EdtfDate, second: EdtfDate) -> bool:
    """Whether the two claims can both be true: side by side, equal, or one a finer reading of the other.

    '2003' and '23-28 January 2003' agree (the days refine the year); '22-28' and '23-28 January
    2003' do not (the same precision, different days); an open or unknown side agrees with anything.
    """
    if first.text == second.text:
        return True
    for (a_first, a_last, a_precision), (b_first, b_last, b_precision) in zip(
        first.sides(), second.sides(), strict=True
    ):
        if a_first is None or b_first is None or a_last is None or b_last is None:
            continue
        if (a_first, a_last) == (b_first, b_last):
            continue
        a_rank, b_rank = PRECISION_RANK.get(a_precision, 0), PRECISION_RANK.get(b_precision, 0)
        a_holds_b = a_first <= b_first and b_last <= a_last and a_rank < b_rank
        b_holds_a = b_first <= a_first and a_last <= b_last and b_rank < a_rank
        if not (a_holds_b or b_holds_a):
            return False
    return True


class _Point(NamedTuple):
    """One side of a date: its bounds, precision and qualifier."""

    earliest: date
    latest: date
    precision: str  # "year", "month", "day", "season", "decade", ...
    approximate: bool
    uncertain: bool


@lru_cache(maxsize=8192)  # datasets repeat dates; an EdtfDate is immutable, so sharing one is safe
def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string of level 0 or 1; raise EdtfError with a readable reason otherwise."""
    if not isinstance(text, str) or not text:
        raise EdtfError(_("an EDTF date is needed, such as 2001-06 or 1998/1999"))
    if text != text.strip():
        raise EdtfError(_("remove the spaces around the date"))
    if "/" not in text:
        point = _parse_point(text)
        qualified = point.approximate or point.uncertain
        return EdtfDate(
            text, point.earliest, point.latest, point.approximate, point.uncertain, is_interval=False,
            qualified_start=qualified, qualified_end=qualified, start_latest=point.latest,
            end_earliest=point.earliest, start_precision=point.precision, end_precision=point.precision,
        )  # fmt: skip
    if text.count("/") > 1:
        raise EdtfError(_("an interval has exactly one '/'"))
    left, right = text.split("/")
    if left in ("", "..") and right in ("", ".."):
        raise EdtfError(_("an interval needs at least one known end"))
    for side in (left, right):
        if "X" in side:
            raise EdtfError(
                _("'{text}': unspecified digits (X) inside an interval are EDTF level 2").format(text=text)
            )
    start = None if left in ("", "..") else _parse_point(left)
    end = None if right in ("", "..") else _parse_point(right)
    if start is not None and end is not None and start.earliest > end.latest:
        raise EdtfError(
            _("the interval starts ({start}) after it ends ({end})").format(start=left, end=right)
        )
    return EdtfDate(
        text,
        start.earliest if start else None,
        end.latest if end else None,
        approximate=any(p is not None and p.approximate for p in (start, end)),
        uncertain=any(p is not None and p.uncertain for p in (start, end)),
        is_interval=True,
        open_start=left == "..",
        open_end=right == "..",
        qualified_start=start is not None and (start.approximate or start.uncertain),
        qualified_end=end is not None and (end.approximate or end.uncertain),
        start_latest=start.latest if start else None,
        end_earliest=end.earliest if end else None,
        start_precision=start.precision if start else ("open" if left == ".." else "unknown"),
        end_precision=end.precision if end else ("open" if right == ".." else "unknown"),
    )


def _parse_point(text: str) -> _Point:
    """Parse one date (not an interval) into its bounds."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise EdtfError(
            _("'{text}' is not an EDTF date (expected forms like 2001, 2001-06, 2001-06-15)").format(
                text=text
            )
        )
    year_text, month_text, day_text = match["year"], match["month"], match["day"]
    if match["time"]:
        _check_time(text, match["time"])
    qualifier = match["qualifier"] or ""
    if year_text.startswith(("Y", "-")) or year_text.lstrip("X") == "":
        raise EdtfError(_("'{text}': aloe reads years 1 to 9999 only").format(text=text))
    if len(year_text) != 4:
        raise EdtfError(_("'{text}': a year has four digits (write 0987, not 987)").format(text=text))
    if "X" in year_text and month_text is not None:
        raise EdtfError(_("'{text}': a year with unspecified digits cannot have a month").format(text=text))
    if month_text == "XX" and day_text not in (None, "XX"):
        raise EdtfError(
            _("'{text}': an unspecified month cannot have a known day (EDTF level 2)").format(text=text)
        )
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")

    if "X" in year_text:
        known = year_text.rstrip("X")
        span = 10 ** (4 - len(known))
        first_year = max(int(known) * span, 1)
        last_year = int(known) * span + span - 1
        return _Point(date(first_year, 1, 1), date(last_year, 12, 31), "decade", approximate, uncertain)
    year = int(year_text)
    if year == 0:
        raise EdtfError(_("'{text}': aloe reads years 1 to 9999 only").format(text=text))
    if month_text is None or month_text == "XX":
        return _Point(date(year, 1, 1), date(year, 12, 31), "year", approximate, uncertain)
    month = int(month_text)
    if month in SEASON_MONTHS and day_text is None:
        if qualifier:
            raise EdtfError(_("'{text}': a qualified season is EDTF level 2").format(text=text))
        first_month, last_month = SEASON_MONTHS[month]
        last_year = year + (last_month - 1) // 12
        last_month = (last_month - 1) % 12 + 1
        if last_year > 9999:
            raise EdtfError(_("'{text}': aloe reads years 1 to 9999 only").format(text=text))
        last_day = _days_in_month(last_year, last_month)
        return _Point(
            date(year, first_month, 1),
            date(last_year, last_month, last_day),
            "season",
            approximate,
            uncertain,
        )
    if not 1 <= month <= 12:
        raise EdtfError(
            _("'{text}': month {month} does not exist (01-12, or 21-24 for seasons)").format(
                text=text, month=month_text
            )
        )
    days_in_month = _days_in_month(year, month)
    if day_text is None or day_text == "XX":
        return _Point(date(year, month, 1), date(year, month, days_in_month), "month", approximate, uncertain)
    day = int(day_text)
    if not 1 <= day <= days_in_month:
        raise EdtfError(
            _("'{text}': {month} {year} has no day {day}").format(
                text=text, month=_(MONTH_NAMES[month - 1]), year=year, day=day_text
            )
        )
    return _Point(date(year, month, day), date(year, month, day), "day", approximate, uncertain)


def _days_in_month(year: int, month: int) -> int:
    """How many days a month has (a valid month: 1-12)."""
    # Not calendar.monthrange, which works out the weekday of the 1st too (an enum made a call).
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month - 1]


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_time(text: str, time: str) -> None:
    """A time of day must exist: hours 00-23, minutes and seconds 00-59, an offset up to ±14:00."""
    hours, minutes, seconds = int(time[1:3]), int(time[4:6]), int(time[7:9])
    if hours > 23 or minutes > 59 or seconds > 59:
        raise EdtfError(_("'{text}': {time} is not a time of day").format(text=text, time=time[1:9]))
    offset = time[9:]
    if offset and offset != "Z":
        offset_hours = int(offset[1:3])
        offset_minutes = int(offset[4:6]) if len(offset) > 3 else 0
        if offset_hours > 14 or offset_minutes > 59:
            raise EdtfError(
                _("'{text}': {offset} is not a time zone offset").format(text=text, offset=offset)
            )


@lru_cache(maxsize=8192)
def describe_edtf(text: str) -> str:
    """Put a valid EDTF string into English words: '2001-06-10/2001-06-15' -> '10–15 June 2001'."""
    if "/" not in text:
        return _describe_point(text)
    left, right = text.split("/")
    if left in ("", ".."):
        # `..` is the source saying "open"; an empty side is one no source gives.
        end = _describe_point(right)
        return f"until {end}" if left == ".." else f"start unknown, until {end}"
    if right in ("", ".."):
        start = _describe_point(left)
        return f"from {start} on" if right == ".." else f"from {start}, end unknown"
    return _describe_range(left, right)


def _describe_range(left: str, right: str) -> str:
    """Words for a closed interval, sharing the month and year where both ends have them."""
    plain = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?")  # months only: a season is said apart
    if plain.fullmatch(left) and plain.fullmatch(right) and len(left) == len(right):
        left_parts, right_parts = left.split("-"), right.split("-")
        if len(left_parts) == 3 and left_parts[:2] == right_parts[:2]:
            return f"{int(left_parts[2])}–{_describe_point(right)}"
        if len(left_parts) == 3 and left_parts[0] == right_parts[0]:
            first = f"{int(left_parts[2])} {MONTH_NAMES[int(left_parts[1]) - 1]}"
            return f"{first} – {_describe_point(right)}"
        if len(left_parts) == 2 and left_parts[0] == right_parts[0]:
            return f"{MONTH_NAMES[int(left_parts[1]) - 1]}–{_describe_point(right)}"
        if len(left_parts) == 1:
            return f"{int(left)}–{int(right)}"  # a year before 1000 without its padding: 602-629
    return f"{_describe_point(left)} – {_describe_point(right)}"


def _describe_point(text: str) -> str:
    """Words for one EDTF date."""
    qualifier = text[-1] if text[-1] in "?~%" else ""
    core = text.rstrip("?~%").split("T")[0]
    parts = core.split("-")
    year = parts[0]
    if "X" in year:
        known = year.rstrip("X")
        words = f"the {known}0s" if len(known) == 3 else f"some year {year}"
    elif len(parts) == 1 or parts[1] == "XX":
        words = str(int(year))  # EDTF pads a year to four digits; people write 602
    elif int(parts[1]) in SEASON_NAMES:
        words = f"{SEASON_NAMES[int(parts[1])]} {int(year)}"
    elif len(parts) == 2 or parts[2] == "XX":
        words = f"{MONTH_NAMES[int(parts[1]) - 1]} {int(year)}"
    else:
        words = f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {int(year)}"
    return {"": words, "~": f"about {words}", "?": f"{words}?", "%": f"about {words}?"}[qualifier]
