"""The language a run speaks: chosen once from --lang, ALOE_LANG or the locale, and its message catalogue.

Every user-facing string of aloe is an English msgid translated through `_()` (or marked `N_()` where it is
written before the language is known, and translated where it is shown). The catalogues are standard
gettext files (`locale/<lang>/LC_MESSAGES/aloe.po`, compiled to `.mo`), read with the standard library's
`gettext`: Babel is a tool of translators and of the tests, not imported at run time. Click's own strings
("Usage:", "Show this message and exit.") are in the same catalogue (see CLICK_STRINGS).
"""

from __future__ import annotations

import functools
import gettext
import inspect
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from aloe_cli.errors import AloeError, ExitCode

ENGLISH = "en"
# The languages aloe's interface speaks (RIPESS's four). A dataset text missing in one falls back to English.
LANGUAGES = ("en", "fr", "es", "pt")
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "aloe"

# 'fr', 'FR', 'fr-FR', 'fr_FR', 'fr_FR.UTF-8', 'fr_FR@euro', 'pt-BR': a language and what may follow it.
_TAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?"
)


class LanguageError(AloeError):
    """A --lang (or ALOE_LANG) that names no language aloe speaks: a usage error."""

    exit_code = ExitCode.USAGE_ERROR


def language_of(tag: str) -> str | None:
    """The language a BCP 47 tag or POSIX locale names ('fr_FR.UTF-8' -> 'fr'); 'C' and 'POSIX' are English.

    None where the text is not such a tag at all ('french').
    """
    tag = tag.strip()
    if tag.split(".")[0] in ("C", "POSIX"):
        return ENGLISH
    match = _TAG.fullmatch(tag)
    return match["language"].lower() if match else None


def parse_language(value: str) -> str:
    """The language a --lang value names, one of LANGUAGES; anything else is a LanguageError saying why."""
    language = language_of(value)
    if language in LANGUAGES:
        return language
    raise LanguageError(
        _(
            "'{value}' is not a language aloe speaks: use {accepted} (in any case; fr-FR and fr_FR.UTF-8 too)"
        ).format(value=value, accepted=", ".join(LANGUAGES))
    )


def locale_language(environ: Mapping[str, str]) -> str:
    """The language the locale asks for, as gettext (and git) read it; English where aloe lacks it.

    The first of LC_ALL, LC_MESSAGES and LANG that is set is the locale; 'C' or 'POSIX' (or none) is
    English. Where it is a real locale, LANGUAGE (a list such as 'fr:en') comes first, as in GNU gettext.
    """
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if language_of(locale) is None or locale.split(".")[0] in ("C", "POSIX"):
        return ENGLISH  # unset, C, POSIX or unreadable: gettext reads no LANGUAGE then either
    for candidate in [*environ.get("LANGUAGE", "").split(":"), locale]:
        language = language_of(candidate) if candidate else None
        if language in LANGUAGES:
            return language
    return ENGLISH


def choose_language(option: str | None, environ: Mapping[str, str]) -> str:
    """The run's language: --lang or ALOE_LANG where given (refused unless aloe speaks it), else locale."""
    if option is None and environ.get("ALOE_LANG"):
        option = environ["ALOE_LANG"]
    return parse_language(option) if option is not None else locale_language(environ)


def language_option(args: list[str]) -> str | None:
    """The value of --lang among a command line's words, wherever it stands (before `--`), or None."""
    for index, word in enumerate(args):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


class _Catalogue:
    """The run's language and its translations (one per process: a run speaks one language)."""

    def __init__(self) -> None:
        self.language = ENGLISH
        self.messages: gettext.NullTranslations = gettext.NullTranslations()


_current = _Catalogue()


def use_language(language: str) -> None:
    """Speak `language` from now on: aloe's catalogue, and Typer's few gettext strings through it."""
    if language == _current.language:
        return
    _current.language = language
    _current.messages = _translations(language)
    # Typer words "[default: …]" and "[env var: …]" through the standard `gettext.gettext`, whose
    # language comes from the environment and cannot be told; the name it bound is pointed here.
    typer_core = sys.modules.get("typer.core")
    if typer_core is not None and getattr(typer_core, "_", None) in (gettext.gettext, _):
        typer_core._ = _  # type: ignore[attr-defined]


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def translator(language: str) -> Callable[[str], str]:
    """`_` for one language, whatever the run speaks (a Presentation words its dates in its own)."""
    return _translations(language).gettext


def plural_translator(language: str) -> Callable[[str, str, int], str]:
    """`ngettext` for one language, whatever the run speaks."""
    return _translations(language).ngettext


def current_language() -> str:
    """The language the run speaks."""
    return _current.language


def _(message: str) -> str:
    """The message in the run's language (its English msgid where the catalogue lacks it)."""
    return _current.messages.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the run's language."""
    return _current.messages.ngettext(singular, plural, count)


# Each language's separator of thousands, as CLDR gives it (a test checks them against Babel's, which
# a run does not load): 227,051 bytes, 227 051 octets, 227.051 bytes.
THOUSANDS_SEPARATORS = {"en": ",", "fr": "\u202f", "es": ".", "pt": "."}


def number(value: int) -> str:
    """A whole number grouped by thousands as the run's language writes it."""
    return f"{value:,}".replace(",", THOUSANDS_SEPARATORS.get(_current.language, ","))


def N_(message: str) -> str:  # gettext's own name for a marker that extraction finds
    """Mark a message for the catalogue without translating it yet (it is translated where it is shown)."""
    return message


def paragraphs(text: str) -> list[str]:
    """A help text's paragraphs, as Click shows them: each is one message of the catalogue."""
    return [part for part in inspect.cleandoc(text).split("\n\n") if part.strip()]


def translate_paragraphs(text: str) -> str:
    """A help text in the run's language, paragraph by paragraph."""
    return "\n\n".join(_(part) for part in paragraphs(text))


def interface_language_from(args: list[str], environ: Mapping[str, str] | None = None) -> str:
    """The language a command line asks for; the locale's where it asks for one refused (Click says so)."""
    environ = os.environ if environ is None else environ
    try:
        return choose_language(language_option(args), environ)
    except LanguageError:
        return locale_language(environ)


# The strings of Typer and of the Click it carries that aloe's help and errors show. Typer's own go
# through `_` (see use_language); Click's are plain text, translated where aloe shows them
# (`cli/application.py`). `tests/test_i18n.py` checks Typer's are all here.
CLICK_STRINGS = (
    N_("Usage: "),
    N_("{heading}:"),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
