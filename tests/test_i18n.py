"""The language a run speaks: --lang in the forms people type, the locale as git reads it, the catalogues."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from aloe_cli.i18n import LanguageError, choose_language, language_option, locale_language, parse_language


@pytest.mark.parametrize(
    "typed", ["fr", "FR", "Fr", "fr-FR", "fr-fr", "fr_FR", "fr_FR.UTF-8", "fr_CA.utf8", "fr_FR@euro"]
)
def test_lang_accepts_any_case_and_bcp47_or_posix_forms(typed: str) -> None:
    assert parse_language(typed) == "fr"


def test_lang_accepts_the_four_languages_and_c() -> None:
    assert [parse_language(t) for t in ("en", "es-419", "pt_BR.UTF-8", "EN-gb", "C", "POSIX")] == [
        "en",
        "es",
        "pt",
        "en",
        "en",
        "en",
    ]


@pytest.mark.parametrize("typed", ["french", "de", "de_DE.UTF-8", "", "f", "12"])
def test_lang_refuses_what_aloe_does_not_speak_listing_what_it_does(typed: str) -> None:
    with pytest.raises(LanguageError, match="use en, fr, es, pt") as refused:
        parse_language(typed)
    assert f"'{typed}'" in refused.value.message


def test_the_locale_is_read_as_gettext_and_git_read_it() -> None:
    assert locale_language({}) == "en"
    assert locale_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert locale_language({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}) == "es"
    assert locale_language({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES", "LC_ALL": "pt_BR"}) == "pt"
    assert locale_language({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}) == "en"  # C is English
    assert locale_language({"LANG": "POSIX", "LANGUAGE": "fr"}) == "en"  # LANGUAGE is ignored under C
    assert locale_language({"LANG": "en_GB.UTF-8", "LANGUAGE": "de:fr:en"}) == "fr"  # its first spoken
    assert locale_language({"LANG": "de_DE.UTF-8"}) == "en"  # a language aloe lacks: English


def test_lang_and_aloe_lang_come_before_the_locale() -> None:
    assert choose_language(None, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert choose_language("es", {"LANG": "fr_FR.UTF-8", "ALOE_LANG": "pt"}) == "es"
    assert choose_language(None, {"LANG": "fr_FR.UTF-8", "ALOE_LANG": "pt"}) == "pt"
    with pytest.raises(LanguageError):
        choose_language(None, {"ALOE_LANG": "klingon"})


def test_the_lang_option_is_found_wherever_it_stands() -> None:
    assert language_option(["timeline", "--lang", "fr"]) == "fr"
    assert language_option(["--lang=es", "timeline"]) == "es"
    assert language_option(["search", "--", "--lang", "fr"]) is None
    assert language_option(["timeline"]) is None


def test_a_refused_language_names_the_accepted_ones(aloe: Callable[..., Result]) -> None:
    result = aloe("--lang", "french", "timeline")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'french' is not a language aloe speaks: use en, fr, es, pt" in result.stderr


def test_the_locale_chooses_the_language_without_lang(aloe: Callable[..., Result]) -> None:
    french = aloe("timeline", "--format", "json", env={"LANG": "fr_FR.UTF-8"})
    assert french.exit_code == 0, french.stderr
    assert "Assemblée mondiale des citoyens" in french.stdout
    english = aloe("timeline", "--format", "json", env={"LANG": "fr_FR.UTF-8", "LC_ALL": "C"})
    assert "Assemblée mondiale des citoyens" not in english.stdout
