"""The language a run speaks: --lang in the forms people type, the locale as git reads it, the catalogues."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from aloe_cli import i18n
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
    titles = [record["title"] for record in json.loads(english.stdout)]  # a French quotation may stay French
    assert "World Citizens Assembly" in titles and "Assemblée mondiale des citoyens" not in titles


# The catalogues --------------------------------------------------------------------------------------

LOCALE = Path(i18n.__file__).parent / "locale"
ROOT = Path(__file__).parents[1]  # the repository: the install may be a copy in site-packages
TRANSLATED = ("fr", "es", "pt")


def _extracted() -> set[str]:
    """The msgids `pybabel extract -F babel.cfg` finds in the source now."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = ROOT
    with (root / "babel.cfg").open(encoding="utf-8") as config:
        # Babel's frontend has no type hints; the test only hands its result back to Babel.
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found = extract_from_dir(str(root), method_map, options_map, keywords=DEFAULT_KEYWORDS)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def _catalogue(language: str | None) -> Any:
    from babel.messages.pofile import read_po

    path = LOCALE / "aloe.pot" if language is None else LOCALE / language / "LC_MESSAGES" / "aloe.po"
    with path.open("rb") as file:
        return read_po(file)


def test_the_template_holds_every_string_the_source_marks() -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue(None) if m.id}
    extracted = _extracted()
    assert extracted - template == set(), (
        "run the pybabel extract/update/compile of README's 'Translating aloe'"
    )
    assert template - extracted == set(), "strings no longer in the source: run pybabel extract and update"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_with_the_same_placeholders(language: str) -> None:
    template = {m.id for m in _catalogue(None) if m.id}
    catalogue = _catalogue(language)
    placeholder = re.compile(r"\{[^}]*\}")
    for message in catalogue:
        if not message.id:
            continue
        assert message.string, f"{language}: no translation of {message.id!r}"
        assert not message.fuzzy, f"{language}: fuzzy translation of {message.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for string in strings:
            assert sorted(placeholder.findall(string)) == sorted(placeholder.findall(ids[0])), message.id
    assert {m.id for m in catalogue if m.id} == template


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogues_are_current(language: str) -> None:
    import io

    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(language))
    committed = (LOCALE / language / "LC_MESSAGES" / "aloe.mo").read_bytes()
    assert committed == compiled.getvalue(), "run: pybabel compile -d src/aloe_cli/locale -D aloe"


def test_spanish_and_portuguese_say_they_are_ours_to_be_reviewed() -> None:
    for language in ("es", "pt"):
        header = (LOCALE / language / "LC_MESSAGES" / "aloe.po").read_text(encoding="utf-8").split("msgid")[0]
        assert "to be reviewed" in header


def test_french_puts_a_non_breaking_space_before_double_punctuation() -> None:
    for message in _catalogue("fr"):
        if message.id and isinstance(message.string, str):
            assert not re.search(r" [:;!?»]|« ", message.string), message.string


def test_typers_own_strings_are_in_the_catalogue() -> None:
    import typer.core

    source = Path(typer.core.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'\b_\("([^"]+)"\)', source))
    assert used and used <= set(i18n.CLICK_STRINGS)


def test_help_and_usage_errors_speak_the_language(aloe: Callable[..., Result]) -> None:
    help_text = aloe("--lang", "fr", "timeline", "--help").stdout
    assert "Usage\u00a0: aloe timeline" in help_text and "Afficher ce message et quitter." in help_text
    assert "Seulement les fiches à partir de cette année." in help_text
    error = aloe("--lang", "fr", "events", "--bogus")
    assert error.exit_code == 2
    assert error.stderr.startswith("aloe\u00a0: erreur\u00a0: pas d'option --bogus")


def test_a_run_imports_no_babel() -> None:
    import subprocess
    import sys

    probe = "import sys, runpy; sys.argv = ['aloe', '--lang', 'fr', 'gaps', '-f', 'json']\n"
    probe += "try:\n    runpy.run_module('aloe_cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    probe += "print('babel' in sys.modules, file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.stderr.strip().endswith("False"), done.stderr


def test_french_search_finds_the_european_social_forums(aloe: Callable[..., Result]) -> None:
    import json

    def found(*words: str) -> list[str]:
        result = aloe("--lang", "fr", "search", *words, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return [record["id"] for record in json.loads(result.stdout)]

    for words in (("forum", "social", "européen"), ("forum", "social", "europeen"), ("FSE",), ("fse",)):
        assert {"esf-2002", "esf-2003"} <= set(found(*words)), words
    assert {"wsf-2002", "wsf-2006"} <= set(found("FSM"))


# No English word of the interface in a French run ---------------------------------------------------

FRENCH_RUNS = [
    ("timeline",),
    ("events", "--year", "2002"),
    ("workshops", "--category", "regulation"),
    ("show", "dakar-2005"),
    ("show", "findhorn-2001"),
    ("show", "alliance-founded"),
    ("lineage",),
    ("gaps",),
    ("search", "forum", "social", "européen"),
    ("timeline", "--format", "markdown"),
    ("sources",),
    ("chart",),
    ("validate",),
    *[("export", "--to", to) for to in ("html", "markdown", "timelinejs", "timelinejs-page")],
    *[("list", kind) for kind in ("organisations", "people", "places", "eras", "series", "categories", "phases")],
    *[(command, "--help") for command in ("timeline", "events", "workshops", "sources", "gaps", "list",
                                          "lineage", "show", "search", "chart", "export", "validate", "schema")],
    ("--help",),
]  # fmt: skip


@functools.cache
def _interface_english() -> list[tuple[str, re.Pattern[str]]]:
    """Each English msgid whose French differs, as a pattern (a placeholder matches any text).

    A msgid the dataset also writes is left out: a French run shows the dataset's English where the
    dataset has no French, and that is the record's text, not the interface.
    """
    dataset_text = " ".join((ROOT / "data" / "timeline.yaml").read_text().split())
    found = []
    for message in _catalogue("fr"):
        if not message.id or isinstance(message.id, tuple) or message.string == message.id:
            continue
        literal = re.sub(r"\{[^}]*\}", " ", message.id)
        if len(re.findall(r"[A-Za-z]", literal)) < 4 or " ".join(message.id.split()) in dataset_text:
            continue
        parts = [
            r"\s+".join(map(re.escape, part.split())) for part in re.split(r"\{[^}]*\}", message.id.strip())
        ]
        pattern = r"\S{1,40}".join(parts)  # a placeholder: one word, a date or a number
        found.append((message.id, re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])")))
    return found


def test_the_global_options_note_is_the_catalogues() -> None:
    from aloe_cli.cli.application import GLOBAL_OPTIONS_NOTE, GLOBAL_OPTIONS_NOTE_MSGID

    assert GLOBAL_OPTIONS_NOTE == GLOBAL_OPTIONS_NOTE_MSGID


# Texts in several languages: summaries, role notes, descriptions, countries ---------------------------

BILINGUAL = """\
format: aloe/1
title: Two languages
sources:
  - {id: minutes, title: Minutes, language: fr}
places:
  - id: geneva
    name: {en: Geneva, fr: Genève}
    country: {en: Switzerland, fr: Suisse}
    translated: [name.fr, country.fr]
    sources: [{source: minutes, supports: [name, country]}]
events:
  - id: fair
    title: {en: The fair, fr: La foire}
    summary: {en: The members meet at the fair., fr: Les membres se retrouvent à la foire.}
    role: theme_lead
    role_note: {en: In charge of the theme., fr: Chargé du thème.}
    places: [geneva]
    dates: [{edtf: "2001"}]
    sources: [{source: minutes, supports: [title, summary, role, role_note, places]}]
categories:
  - id: money
    title: {en: Money, fr: Monnaie}
    description: {en: Workshops on money., fr: Les chantiers sur la monnaie.}
    sources: [{source: minutes}]
gaps:
  - id: where-exactly
    summary: {en: Which hall is not known., fr: On ne sait pas dans quelle salle.}
    about: [fair]
    sources: [{source: minutes}]
"""


def test_texts_given_in_several_languages_are_shown_in_the_readers(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    import json

    data = tmp_path / "bilingual.yaml"
    data.write_text(BILINGUAL, encoding="utf-8")

    def run(lang: str, *args: str) -> str:
        result = aloe("--lang", lang, "--data", str(data), *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    for lang, summary, role_note, place in (
        ("fr", "Les membres se retrouvent à la foire.", "Chargé du thème.", "Genève (Suisse)"),
        ("en", "The members meet at the fair.", "In charge of the theme.", "Geneva (Switzerland)"),
        ("es", "The members meet at the fair.", "In charge of the theme.", "Geneva (Switzerland)"),
    ):
        [event] = json.loads(run(lang, "events", "--format", "json"))
        assert (event["summary"], event["role_note"]) == (summary, role_note)
        assert event["places"][0]["name"] == place
        assert summary in run(lang, "export", "--to", "markdown")
        assert role_note in run(lang, "export", "--to", "timelinejs")
    shown = run("fr", "show", "fair")
    assert "Les membres se retrouvent à la foire." in shown
    assert "[en] The members meet at the fair." in shown  # the other language under it, marked
    place = run("fr", "show", "geneva")
    assert "Suisse (notre traduction)" in place and "[en] Switzerland" in place  # ours, said where shown
    assert "country.fr" not in place.split("Sources")[0]  # no raw `translated` row
    assert "Les chantiers sur la monnaie." in run("fr", "list", "categories")
    assert "On ne sait pas dans quelle salle." in run("fr", "gaps")
    page = run("fr", "export", "--to", "html")
    assert "<p>Les membres se retrouvent à la foire.</p>" in page
    english_page = run("es", "export", "--to", "html")  # no Spanish: the English, marked as such
    assert '<span lang="en">The members meet at the fair.</span>' in english_page
    [slide] = json.loads(run("es", "export", "--to", "timelinejs"))["events"]  # TimelineJS's text is HTML
    assert '<span lang="en">The members meet at the fair.</span>' in slide["text"]["text"]
    assert slide["text"]["headline"] == '<span lang="en">The fair</span>'
    graph = json.loads(run("fr", "export", "--to", "jsonld"))["@graph"]
    fair = next(node for node in graph if str(node.get("@id", "")).endswith("fair"))
    assert {"@value": "Les membres se retrouvent à la foire.", "@language": "fr"} in fair["description"]
    assert {"@value": "The members meet at the fair.", "@language": "en"} in fair["description"]


# No common English word at all in a French run, marked in the source or not --------------------------

# Words of aloe's English interface found in French runs before they were translated, each of which
# cannot be French ("records", "are", "range", "as", "on" can be, and are left out).
ENGLISH_WORDS = frozenset({
    "the", "and", "with", "from", "not", "of", "is", "was", "were", "its", "has", "have", "this", "that",
    "these", "which", "where", "when", "than", "more", "only", "each", "see", "must", "found", "expected",
    "exists", "already", "folder", "such", "give", "warning", "wrote", "imported", "row", "column",
    "unknown", "missing", "choose", "did", "you", "mean", "out", "number", "nothing", "none", "no", "by",
    "into", "cannot", "does", "here", "there", "empty", "first", "value", "write", "add", "replace",
    "primary", "secondary", "got", "unexpected", "problem", "problems", "run",
})  # fmt: skip
INVALID = Path(__file__).parent / "datasets" / "invalid"
IMPORTS = Path(__file__).parent / "imports" / "timelinejs3"
# The runs of FRENCH_RUNS, and the ones where an unmarked English string was found: usage errors,
# problems in files, `aloe import` and `aloe new`, the sources and `show` of every kind of record.
FRENCH_RUNS_ANY_WORD = [
    *FRENCH_RUNS,
    ("list", "sources"), ("workshops",), ("show", "story"), ("show", "calame-2003"), ("show", "wsse"),
    ("show", "aloe-era"), ("show", "fair-trade"), ("show", "gap-twelve-workshops"), ("show", "world-social-forum"),
    ("events", "--year", "0"), ("events", "--role", "boss"), ("list", "peple"), ("list", "workshops"),
    ("export",), ("timeline", "extra"), ("events", "--org", "nowhere"), ("events", "--from", "2005", "--to", "2001"),
    ("show", "nowhere"), ("--data", "{tmp}/missing.yaml", "timeline"), ("--data", "{tmp}", "timeline"),
    ("chart", "--svg", "{tmp}/existing.svg"), ("export", "--to", "csv", "-o", "{tmp}/nowhere/x"),
    *[("--data", str(path), "validate") for path in sorted(INVALID.glob("*.yaml")) if path.stem != "billion-laughs"],
    ("--data", str(INVALID / "unknown-references.yaml"), "timeline"),
    ("import", "{tmp}/bad.csv"), ("import", "{tmp}/bad.csv", "--keep-going", "-o", "{tmp}/kept.yaml"),
    ("import", str(IMPORTS / "eras.json"), "-o", "{tmp}/eras.yaml"), ("import", "{tmp}/unknown.csv"),
    ("new", "{tmp}/new.yaml"), ("export", "--to", "datasette-metadata"),
]  # fmt: skip
# What is code, not words: addresses, `commands`, --options, paths and file names.
_CODE = re.compile(r"https?://\S+|`[^`]*`|(?<!\w)--?[\w-]+|\S*/\S*|\S+\.(?:csv|json|yaml|zip|svg|html)\b")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")


def _texts_of(value: Any, key: str = "") -> list[str]:
    """Every string of a dumped dataset but the codes whose words are the interface's (a source's kind)."""
    if isinstance(value, dict):
        return [text for name, item in value.items() for text in _texts_of(item, str(name))]
    if isinstance(value, list):
        return [text for item in value for text in _texts_of(item, key)]
    if not isinstance(value, str) or (key in {"kind", "role", "relation"} and " " not in value):
        return []
    return [" ".join(value.split())]


def _dataset_texts(args: tuple[str, ...]) -> list[str]:
    """The texts of every dataset a run reads: the bundled one (as loaded: dates made from `dated_by` too)."""
    paths = [ROOT / "data" / "timeline.yaml", *(Path(a) for a in args if a.endswith((".yaml", ".json")))]
    texts = []
    for path in paths:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            texts += _texts_of(json.loads(text))
            continue
        texts += _texts_of_yaml(text, str(path))
    return sorted(set(texts), key=len, reverse=True)


@functools.cache
def _texts_of_yaml(text: str, name: str) -> list[str]:
    """The texts of a dataset file (validated once per content: every run reads the bundled one)."""
    import contextlib

    import yaml

    from aloe_cli.errors import DatasetInvalid
    from aloe_cli.loading.snapshot import dataset_json
    from aloe_cli.loading.validation import validate_text

    try:
        return _texts_of(dataset_json(validate_text(text, name)))
    except DatasetInvalid:  # its problems quote its ids and values: the YAML's, where it reads
        with contextlib.suppress(yaml.YAMLError):
            return _texts_of(yaml.safe_load(text))
    return []


def _interface_words(shown: str, texts: list[str]) -> list[str]:
    """The words of `shown` that no dataset text explains.

    A word is the data's where a text has it beside the same neighbour, or whole. The output is read
    in pieces (lines, table cells: runs of two spaces apart), and a word that ends a piece may be cut
    from its neighbour by the wrapping of a table or a search's snippet: there, being a word of the
    texts is enough.
    """
    import html

    pairs: set[tuple[str, ...]] = set()
    vocabulary: set[str] = set()
    for text in texts:
        words = [word.casefold() for word in _TOKEN.findall(text)]
        vocabulary.update(words)
        pairs |= (
            {tuple(words[i : i + 2]) for i in range(len(words) - 1)} if len(words) > 1 else {tuple(words)}
        )
    found = []
    for piece in re.split(r"\n| {2,}|<[^>]*>|…", html.unescape(shown).replace("\\", "")):
        tokens = _TOKEN.findall(_CODE.sub(" ", piece))
        folded = [token.casefold() for token in tokens]
        in_data = {i for i in (0, len(tokens) - 1) if tokens and folded[i] in vocabulary}
        for size in (1, 2):
            for i in range(len(folded) - size + 1):
                if tuple(folded[i : i + size]) in pairs:
                    in_data.update(range(i, i + size))
        found += [token for i, token in enumerate(tokens) if i not in in_data and token.isalpha()]
    return found


@pytest.mark.parametrize("args", FRENCH_RUNS_ANY_WORD, ids=" ".join)
def test_a_french_run_shows_no_english_word_of_the_interface(
    aloe: Callable[..., Result], args: tuple[str, ...], tmp_path: Path
) -> None:
    """No msgid of the catalogue in English, and no common English word outside the dataset's texts."""
    (tmp_path / "existing.svg").write_text("mine\n", encoding="utf-8")
    header = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text"
    (tmp_path / "bad.csv").write_text(
        f"{header}\n2001,1,,,,,,,,Row one,\n2005,13,,,,,,,,Row two,\n", encoding="utf-8"
    )
    (tmp_path / "unknown.csv").write_text("name,date\nx,2001\n", encoding="utf-8")
    args = tuple(arg.replace("{tmp}", str(tmp_path)) for arg in args)
    result = aloe("--lang", "fr", *args, env={"COLUMNS": "1000"})
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr
    # A page's style sheet and its JSON-LD are for browsers and machines; TimelineJS's data is for people.
    for_people = re.sub(
        r'<style>.*?</style>|<script type="application/ld\+json">.*?</script>', "", result.stdout, flags=re.S
    )
    if args in FRENCH_RUNS:  # the everyday runs: no message of the catalogue left in English
        # (the others name code values a user types, 'video', 'approximate', which stay as they are)
        assert result.exit_code == 0, result.stderr
        shown = " ".join((for_people + result.stderr).split())
        assert [message for message, pattern in _interface_english() if pattern.search(shown)] == []
    words = _interface_words(for_people + "\n" + result.stderr, _dataset_texts(args))
    english = sorted({word for word in words if word.casefold() in ENGLISH_WORDS and not word.isupper()})
    assert english == []


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_numbers_are_grouped_as_cldr_groups_them(language: str) -> None:
    from babel.numbers import format_decimal

    i18n.use_language(language)
    try:
        for value in (7, 999, 1234, 227_051, 1_234_567):
            assert i18n.number(value) == format_decimal(value, locale=language)
    finally:
        i18n.use_language("en")


def test_dates_taken_from_other_records_quote_only_what_a_source_says() -> None:
    """In French, a `dated_by` claim quotes its sides' own words, never aloe's English ('from mid-1997')."""
    from aloe_cli.loading.dataset import load_dataset
    from aloe_cli.loading.source import DatasetSource
    from aloe_cli.model.models import RECORD_KINDS
    from aloe_cli.presentation.build import Presentation

    dataset = load_dataset(DatasetSource(None))
    french = Presentation(dataset, "fr")
    sources_words = {claim.label for record in french.happening_by_id.values() for claim in record.dates}
    derived = [r for kind in RECORD_KINDS for r in getattr(dataset, kind) if getattr(r, "dated_by", None)]
    quoted = []
    for record in derived:
        dating = french.dating(record)
        assert dating is not None
        for claim in dating.claims:
            quoted += re.findall("«\u00a0(.*?)\u00a0»", claim.words)
            assert not re.search(
                r"\b(from|to|after|until|dated by|the dates of)\b", claim.words + (claim.note or "")
            )
    assert quoted and set(quoted) <= sources_words  # 'mid-1997' is the story's; there is one to check


def test_a_french_csv_export_reads_back_with_no_french_wording_taken_for_a_source(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """A claim's `label` in dates.csv is its source's words: the import must not quote aloe's French."""
    archive, english_archive = tmp_path / "fr.zip", tmp_path / "en.zip"
    assert aloe("--lang", "fr", "export", "--to", "csv", "-o", str(archive)).exit_code == 0
    assert aloe("export", "--to", "csv", "-o", str(english_archive)).exit_code == 0
    labels = {}
    for name, path in (("fr", archive), ("en", english_archive)):
        out = tmp_path / f"{name}.yaml"
        assert aloe("import", str(path), "-o", str(out)).exit_code == 0
        labels[name] = sorted(
            line.strip() for line in out.read_text(encoding="utf-8").splitlines() if "label:" in line
        )
    assert labels["fr"] == labels["en"] and labels["fr"]  # the same sources' words, whatever the language
