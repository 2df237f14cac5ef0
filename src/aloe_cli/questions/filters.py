"""Filters built from what a user asked, every id checked against the dataset (the CLI only parses)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.errors import OptionError
from aloe_cli.i18n import N_, _
from aloe_cli.questions.names import fold_text, names_to_ids
from aloe_cli.questions.queries import HappeningFilter, Match, Period, Role

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset, DatasetLists


def known_id(
    value: str | None, ids: Iterable[str], option: str, kind: str, records: Iterable[Any] = ()
) -> str | None:
    """The id a user means: an id in any case, or any name of the record ('WSSE', 'pses').

    Names are the records' names, titles, acronyms, short and other names, in any language, without
    case or accents ('Macro-economic regulation' is a category's title). Otherwise an OptionError
    naming the closest id and the valid ones.
    """
    if value is None:
        return None
    known = sorted(ids)
    if value in known:
        return value
    by_name = names_to_ids(records)
    by_name.update({fold_text(id): id for id in known})  # an id wins over a name spelled the same
    meant = by_name.get(fold_text(value.strip()))
    if meant is not None:
        return meant
    close = difflib.get_close_matches(fold_text(value), list(by_name), n=1)
    message = _("no {kind} '{value}' in the dataset").format(kind=_(kind), value=value)
    if close:
        message += _(" (did you mean '{id}'?)").format(id=by_name[close[0]])
    if len(known) <= 30:
        message += _("; valid: {ids}").format(ids=", ".join(known))
    raise OptionError(option, message)


def checked_period(first_year: int | None, last_year: int | None) -> Period:
    """The years from --from to --to; an OptionError when they run backwards."""
    if first_year is not None and last_year is not None and first_year > last_year:
        raise OptionError(
            "--from/--to", _("--from {first} is after --to {last}").format(first=first_year, last=last_year)
        )
    return Period(first_year, last_year)


def happening_filter(
    dataset: DatasetLists,
    *,
    first_year: int | None,
    last_year: int | None,
    match: Match,
    org: str | None,
    person: str | None,
    place: str | None,
    series: str | None = None,
    role: Role | None = None,
    year: int | None = None,
) -> HappeningFilter:
    """The filters of the milestone and event listings, every id checked against the dataset.

    `--year Y` is `--from Y --to Y`, and is given instead of them.
    """
    if year is not None and (first_year is not None or last_year is not None):
        raise OptionError("--year", _("give --year, or --from/--to, not both"))
    if year is not None:
        first_year = last_year = year
    return HappeningFilter(
        period=checked_period(first_year, last_year),
        match=match,
        organisation=known_id(
            org, (o.id for o in dataset.organisations), "--org", N_("organisation"), dataset.organisations
        ),
        person=known_id(person, (p.id for p in dataset.people), "--person", N_("person"), dataset.people),
        place=known_id(place, (p.id for p in dataset.places), "--place", N_("place"), dataset.places),
        series=known_id(series, (s.id for s in dataset.series), "--series", N_("series"), dataset.series),
        role=role,
    )


def checked_search_terms(query: str) -> list[str]:
    """The distinct folded words to search for; an OptionError when there are none or too many."""
    from aloe_cli.questions.search import MAX_SEARCH_WORDS, search_terms  # start-up: for `aloe search` only

    folded = search_terms(query)  # distinct words: 'x x x ...' is one word, looked for once
    if not folded:
        raise OptionError("TEXT", _("give at least one word with a letter or a digit"))
    if len(folded) > MAX_SEARCH_WORDS:
        given = _("give at most {most} different words ({given} given)")
        raise OptionError("TEXT", given.format(most=MAX_SEARCH_WORDS, given=len(folded)))
    return folded


class WorkshopFilter(NamedTuple):
    """The filters of the workshop listing."""

    category: str | None = None
    phase: str | None = None


def workshop_filter(dataset: Dataset, *, category: str | None, phase: str | None) -> WorkshopFilter:
    """The filters of the workshop listing, every id checked against the dataset."""
    return WorkshopFilter(
        category=known_id(
            category, (c.id for c in dataset.categories), "--category", N_("category"), dataset.categories
        ),
        phase=known_id(phase, (p.id for p in dataset.phases), "--phase", N_("phase"), dataset.phases),
    )
