"""aloe's EDTF parser, checked case by case and against the `edtf` package as an oracle."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aloe_cli.model.edtf import EdtfError, describe_edtf, parse_edtf, refines_or_equals
from conftest import examples


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2001", date(2001, 1, 1), date(2001, 12, 31)),
        ("2001-06", date(2001, 6, 1), date(2001, 6, 30)),
        ("2001-06-15", date(2001, 6, 15), date(2001, 6, 15)),
        ("1997~", date(1997, 1, 1), date(1997, 12, 31)),
        ("2002-03", date(2002, 3, 1), date(2002, 3, 31)),
        ("1998/1999", date(1998, 1, 1), date(1999, 12, 31)),
        ("2001-06-10/2001-06-15", date(2001, 6, 10), date(2001, 6, 15)),
        ("201X", date(2010, 1, 1), date(2019, 12, 31)),
        ("2004-XX", date(2004, 1, 1), date(2004, 12, 31)),
        ("2000-02-XX", date(2000, 2, 1), date(2000, 2, 29)),
        ("2004-22", date(2004, 6, 1), date(2004, 8, 31)),
        ("2004-24", date(2004, 12, 1), date(2005, 2, 28)),
        ("2001-02-03T09:30:01Z", date(2001, 2, 3), date(2001, 2, 3)),
        ("2001-06/..", date(2001, 6, 1), None),
        ("../1997~", None, date(1997, 12, 31)),
        ("/2001", None, date(2001, 12, 31)),
    ],
)
def test_bounds(text: str, earliest: date | None, latest: date | None) -> None:
    parsed = parse_edtf(text)
    assert (parsed.earliest, parsed.latest) == (earliest, latest)


def test_qualifiers_are_kept() -> None:
    assert parse_edtf("1997~").approximate and not parse_edtf("1997~").uncertain
    assert parse_edtf("1984?").uncertain and not parse_edtf("1984?").approximate
    both = parse_edtf("2004-06-11%")
    assert both.approximate and both.uncertain
    assert parse_edtf("2001-06~/2002").approximate
    assert not parse_edtf("2001").qualified


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "an EDTF date is needed"),
        ("2001-13", "month 13 does not exist"),
        ("2001-02-30", "has no day 30"),
        ("2002/2001", "starts (2002) after it ends (2001)"),
        ("2001-06-15/2001-06-10", "after it ends"),
        ("June 2001", "is not an EDTF date"),
        ("01-06-2001", "is not an EDTF date"),
        ("987", "four digits"),
        ("-1000", "years 1 to 9999"),
        ("Y170000002", "years 1 to 9999"),
        ("0000", "years 1 to 9999"),
        ("../..", "at least one known end"),
        ("2001/2002/2003", "exactly one '/'"),
        (" 2001", "spaces"),
        ("2001-XX-12", "level 2"),
        ("201X-06", "cannot have a month"),
        ("2001-21~", "qualified season is EDTF level 2"),
        ("201X/2002", "inside an interval are EDTF level 2"),
    ],
)
def test_errors_say_why(text: str, reason: str) -> None:
    with pytest.raises(EdtfError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_edtf(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2001", "2001"),
        ("2001-06", "June 2001"),
        ("2001-06-15", "15 June 2001"),
        ("1997~", "about 1997"),
        ("1984?", "1984?"),
        ("1998/1999", "1998–1999"),
        ("2001-06-10/2001-06-15", "10–15 June 2001"),
        ("2002-01-31/2002-02-05", "31 January – 5 February 2002"),
        ("2001-01/2001-05", "January–May 2001"),
        ("2001-06/..", "from June 2001 on"),
        ("2001-06/", "from June 2001, end unknown"),
        ("../1997", "until 1997"),
        ("/1997", "start unknown, until 1997"),
        ("201X", "the 2010s"),
        ("2004-22", "summer 2004"),
    ],
)
def test_words(text: str, words: str) -> None:
    assert describe_edtf(text) == words


# --- the oracle -----------------------------------------------------------------------------------

years = st.integers(1000, 2999).map(lambda y: f"{y:04d}")
months = st.integers(1, 12).map(lambda m: f"{m:02d}")
days = st.integers(1, 28).map(lambda d: f"{d:02d}")
qualifiers = st.sampled_from(["", "~", "?", "%"])
specified_dates = st.one_of(
    years,
    st.tuples(years, months).map("-".join),
    st.tuples(years, months, days).map("-".join),
)
unspecified_dates = st.one_of(
    years.map(lambda y: y[:3] + "X"),
    st.tuples(years, st.just("XX")).map("-".join),
    st.tuples(years, months, st.just("XX")).map("-".join),
)
seasons = st.tuples(years, st.sampled_from(["21", "22", "23"])).map("-".join)  # winter differs: edtf.py
qualified = st.tuples(st.one_of(specified_dates, unspecified_dates), qualifiers).map("".join)
single_dates = st.one_of(qualified, seasons)
interval_ends = st.one_of(st.tuples(specified_dates, qualifiers).map("".join), seasons)


def _oracle_bounds(text: str) -> tuple[date, date]:
    from edtf import parse_edtf as oracle_parse

    parsed = oracle_parse(text)
    low, high = parsed.lower_strict(), parsed.upper_strict()
    return date(*low[:3]), date(*high[:3])


@settings(max_examples=examples(150), deadline=None)
@given(single_dates)
def test_single_dates_agree_with_the_edtf_package(text: str) -> None:
    ours = parse_edtf(text)
    assert (ours.earliest, ours.latest) == _oracle_bounds(text)


@settings(max_examples=examples(100), deadline=None)
@given(interval_ends, interval_ends)
def test_intervals_agree_with_the_edtf_package(start: str, end: str) -> None:
    text = f"{start}/{end}"
    try:
        ours = parse_edtf(text)
    except EdtfError:
        # aloe refuses an interval that ends before it starts; the oracle must see it that way too.
        low_start, _ = _oracle_bounds(start)
        _, high_end = _oracle_bounds(end)
        assert low_start > high_end
        return
    assert (ours.earliest, ours.latest) == _oracle_bounds(text)


@pytest.mark.timeout(60)  # a hang guard for the whole property, not a timing
@settings(max_examples=examples(150), deadline=None)
@given(st.text(max_size=30))
def test_any_text_parses_or_raises_edtf_error(text: str) -> None:
    with contextlib.suppress(EdtfError):
        parse_edtf(text)


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("2003", "2003-01-23/2003-01-28", True),  # the days refine the year
        ("2003-01-22/2003-01-28", "2003-01-23/2003-01-28", False),  # same precision, other days
        ("2005-10", "2005-11-22/2005-11-26", False),  # disjoint
        ("1993/", "1994/", False),  # the starts differ; unknown ends say nothing
        ("2001-06/", "2001-06-15/", True),
        ("2001-06", "2001-06-10/2001-06-15", True),
        ("2002", "2002-01-31/2002-02-05", True),
        ("2006", "2006-01-19/2006-03-29", True),
        ("2001-06-10", "2001-06-10", True),
        ("2001-06-10", "2001-06-11", False),
    ],
)
def test_claims_refine_or_dispute(first: str, second: str, agree: bool) -> None:
    assert refines_or_equals(parse_edtf(first), parse_edtf(second)) is agree
    assert refines_or_equals(parse_edtf(second), parse_edtf(first)) is agree


def test_open_and_unknown_ends_differ() -> None:
    assert parse_edtf("1993/").unknown_end and not parse_edtf("1993/").open_end
    assert parse_edtf("1993/..").open_end and not parse_edtf("1993/..").unknown_end
    assert parse_edtf("/1993").unknown_start and not parse_edtf("../1993").unknown_start
