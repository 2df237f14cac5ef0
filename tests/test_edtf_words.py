"""Dates in French, Spanish and Portuguese: one function per language, the same doubts as in English."""

from __future__ import annotations

import re

import pytest

from aloe_cli.i18n import LANGUAGES
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.model.edtf import MONTH_NAMES, SEASON_NAMES
from aloe_cli.model.edtf_words import (
    DESCRIBERS,
    FRENCH_MONTHS,
    PORTUGUESE,
    SPANISH,
    describe_edtf_es,
    describe_edtf_fr,
    describe_edtf_pt,
)
from aloe_cli.presentation.build import Presentation
from aloe_cli.presentation.dating import SAID_ALREADY, Dating

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("edtf", "french"),
    [
        ("2005-10", "octobre 2005"),
        ("2001-06-10/2001-06-15", "10–15 juin 2001"),
        ("2002-01-31/2002-02-05", "du 31 janvier au 5 février 2002"),
        ("2001-06/..", "à partir de juin 2001"),
        ("2001-06-15/..", "à partir du 15 juin 2001"),
        ("2001-10/", "à partir d'octobre 2001, fin inconnue"),
        ("/2001-06", "début inconnu, jusqu'en juin 2001"),
        ("../2001-06-15", "jusqu'au 15 juin 2001"),
        ("1997~", "vers 1997"),
        ("1997?", f"1997{NBSP}?"),
        ("1997%", f"vers 1997{NBSP}?"),
        ("2004-21", "printemps 2004"),
        ("2004-22/2005-23", "de l'été 2004 à l'automne 2005"),
        ("2004-21/2004-22", "du printemps 2004 à l'été 2004"),
        ("199X", "les années 1990"),
        ("1998/1999", "1998–1999"),
        ("2000-04/2000-06", "d'avril à juin 2000"),
        ("2001-06/2002-03", "de juin 2001 à mars 2002"),
        ("2001-06-01", "1er juin 2001"),
        ("1997-08-15/1998-01-01", "du 15 août 1997 au 1er janvier 1998"),
        ("2001-06-15T10:00:00Z", "15 juin 2001"),
    ],
)
def test_french_words(edtf: str, french: str) -> None:
    assert describe_edtf_fr(edtf) == french


def test_spanish_and_portuguese_words() -> None:
    assert describe_edtf_es("2002-01-31/2002-02-05") == "del 31 de enero al 5 de febrero de 2002"
    assert describe_edtf_es("2001-06-15/..") == "desde el 15 de junio de 2001"
    assert describe_edtf_es("2000-04/2000-06") == "de abril a junio de 2000"
    assert describe_edtf_pt("2001-06-10/2001-06-15") == "10–15 de junho de 2001"
    assert describe_edtf_pt("1997~") == "por volta de 1997"
    assert describe_edtf_pt("2001-10/") == "desde outubro de 2001, fim desconhecido"


def test_month_names_are_the_cldrs() -> None:
    from babel.dates import get_month_names

    for locale, months in (("fr", FRENCH_MONTHS), ("es", SPANISH.months), ("pt", PORTUGUESE.months)):
        assert tuple(get_month_names("wide", "stand-alone", locale=locale).values()) == months


def test_every_language_has_its_describer_and_its_doubt_phrases() -> None:
    assert set(DESCRIBERS) == set(LANGUAGES) == set(SAID_ALREADY)


def test_no_english_word_in_the_bundled_dates_in_other_languages() -> None:
    dataset = load_dataset(DatasetSource(None))
    english = re.compile(
        r"\b("
        + "|".join([*MONTH_NAMES, *SEASON_NAMES.values(), "about", "from", "until", "unknown", "some"])
        + r")\b"
    )
    values = {claim.edtf.text for record in dataset.records() for claim in getattr(record, "dates", [])}
    assert len(values) > 20
    for describe in (describe_edtf_fr, describe_edtf_es, describe_edtf_pt):
        for value in values:
            words = describe(value)
            assert words and not english.search(words), (value, words)


def _dating(lang: str, record_id: str) -> Dating:
    dataset = load_dataset(DatasetSource(None))
    presentation = Presentation(dataset, lang)
    record = next(r for r in [*dataset.milestones, *dataset.events] if r.id == record_id)
    dating = presentation.happening(record).dating
    assert dating is not None
    return dating


def test_a_source_label_is_quoted_beside_the_value_in_french() -> None:
    dating = _dating("fr", "reorganisation-1997")
    assert dating.cell() == f"vers 1997 («{NBSP}mid-1997{NBSP}»)\n(approximatif)"
    english = _dating("en", "reorganisation-1997")
    assert english.cell() == "mid-1997\n(approximate)"


def test_a_label_that_says_no_more_than_the_value_is_not_quoted() -> None:
    dating = _dating("fr", "wsse-takes-shape")
    assert dating.text() == "1998–1999"


def test_doubts_and_disputes_in_french() -> None:
    assert "(notre lecture)" in _dating("fr", "dakar-2005-globalization").cell()
    dating = _dating("fr", "alliance-founded")  # the pages' years, none our reading now
    assert dating.cell() == "1993–1995, contesté"  # the span the disputed claims cover (issue 24)
    assert dating.in_words().startswith(f"contesté{NBSP}: ")
    dakar = _dating("fr", "dakar-2005")
    assert dakar.cell() == "d'octobre à novembre 2005, contesté"
