"""What a reader sees (issue 24): tables and fields that read well at every width, sources told compactly."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aloe_cli.renderers.blocks import Block, Blocks, Paragraph, linked
from conftest import examples, run_in_terminal

Aloe = Callable[..., Result]

WIDTHS = (60, 80, 120, 200)
WIDEST = "500"  # nothing wraps: every word of the output whole, the vocabulary the narrow ones must keep
SCREENS = [
    ["timeline"],
    ["events"],
    ["workshops"],
    ["sources"],
    ["gaps"],
    *(
        ["list", kind]
        for kind in ("organisations", "people", "places", "eras", "series", "categories", "phases")
    ),
    ["search", "forum"],
    ["lineage"],
    *(["show", id] for id in ("findhorn-2001", "wsf-2006", "alliance-founded", "story", "wsse", "dakar")),
    *(
        ["show", id]
        for id in (
            "solidarity-finance",
            "wsse-becomes-aloe",
            "paul-singer",
            "world-social-forum",
            "gap-dakar-date",
        )
    ),
]
RULES = re.compile(r"[─│├└ ]+")


def words(text: str) -> set[str]:
    """The whitespace-separated words of text, the table rules and tree guides left out."""
    return {word for word in text.split() if not RULES.fullmatch(word)}


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_no_word_is_broken_and_no_address_split_at_any_width(aloe: Aloe, args: list[str]) -> None:
    """Every word at 60, 80, 120 and 200 columns is a word the unwrapped output has: none cut in two."""
    whole = aloe(*args, env={"COLUMNS": WIDEST})
    assert whole.exit_code == 0, whole.stderr
    vocabulary = words(whole.stdout)
    for width in WIDTHS:
        shown = aloe(*args, env={"COLUMNS": str(width)}).stdout
        broken = words(shown) - vocabulary
        assert not broken, f"{width} columns: {sorted(broken)[:5]}"
        addresses = [word for word in shown.split() if "http" in word]
        assert all(address in vocabulary for address in addresses), width
        too_wide = [line for line in shown.splitlines() if len(line) > width and "http" not in line]
        assert not too_wide, f"{width} columns: {too_wide[:2]}"


def told_lines(text: str) -> list[str]:
    """The lines that are not tables: the sources, the notes on dates, the legend.

    A table's lines start with a space (its edge); its title is the line before a blank line and
    a header; blank lines are neither.
    """
    lines = text.splitlines()
    titles = {n for n in range(len(lines) - 2) if not lines[n + 1] and lines[n + 2].startswith(" ")}
    return [line for n, line in enumerate(lines) if line and not line.startswith(" ") and n not in titles]


def apparatus_share(text: str) -> float:
    """The share of the lines that are not tables (`told_lines`), of all the lines."""
    return len(told_lines(text)) / len(text.splitlines())


def test_the_timelines_apparatus_is_a_quarter_of_it_on_a_terminal_with_links(aloe: Aloe) -> None:
    """At 80 columns: each document once, its places lettered; the notes on dates beside their table.

    On a terminal that shows links the titles link to the addresses (<= 25 % of the lines).
    """
    raw = run_in_terminal(["--no-pager", "timeline"], env={"ALOE_HYPERLINKS": "1"}).decode()
    assert "\x1b]8;;https://" in raw and "\x1b]8;;\x1b\\" in raw  # OSC 8 links to addresses, each closed
    shown = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\|\x1b\[[0-9;?]*[a-zA-Z]", "", raw.replace("\r", ""))
    assert "https://aloe.socioeco.org" not in shown  # the title links there: the address unprinted
    assert "[6] A story...: a\u00a0¶2\u00a0· b\u00a0¶3" in shown
    assert apparatus_share(shown) <= 0.25


def test_the_piped_timelines_apparatus_says_each_source_once_in_the_fewest_lines(aloe: Aloe) -> None:
    """Piped at 80 columns each title is followed by its full address: the apparatus in as few lines as that allows.

    Measured: 63 of 204 lines (30.9 %; 31.2 % before the places were told without their number and the
    notes without the record's id). What is left is the titles and addresses themselves: 27 sources, 3,300
    characters that no address split can shorten, 54 lines, each source on as few lines as its own words
    take at 80 columns.
    """
    piped = aloe("timeline", env={"COLUMNS": "80"}).stdout
    assert apparatus_share(piped) <= 0.31
    assert piped.count("page63-histoire_en.html") == 1  # the story once, each place in it a letter
    story = "[6] A story...: a\u00a0¶2\u00a0· b\u00a0¶3\u00a0· c\u00a0¶8\u00a0·"
    assert story in piped
    assert "k\u00a0¶9 <https://aloe.socioeco.org/page63-histoire_en.html>" in piped
    assert " 1993–1995," in piped  # the span the disputed claims cover, not the first claim's year
    # The note says the claims (the cell says 'disputed (note A)'); two sources' same year once.
    assert re.search(r"\nA\. 1993 \[\d+\]; 1994 \[\d+, \d+\]; since 1995 \[\d+\]\n", piped)
    assert "see below" not in piped
    told = told_lines(piped)
    source_lines, in_sources = 0, False
    for line in told:  # a source's entry runs on until the next entry, note or legend
        in_sources = bool(re.match(r"\[\d+\] ", line)) or (
            in_sources and not re.match(r"[A-E]\. |Dates:", line)
        )
        source_lines += in_sources
    assert source_lines == 54  # no title and address fit in one line: two a source, [3] three, [11] one
    assert sum(bool(re.match(r"\[\d+\] ", line)) for line in told) == 27
    addresses = re.findall(r"<(https?://\S+)>", piped)
    assert len(addresses) == len(set(addresses)) == 26  # each whole, once


def test_a_markdown_listing_gives_a_footnote_a_source_its_places_listed(aloe: Aloe) -> None:
    """As under a table: each document once, its places lettered; a row cites the document and the letters."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    text = aloe("timeline", "--format", "markdown").stdout
    notes = re.findall(r"^\[\^(\w+)\]: ", text, re.M)
    assert notes == [str(n) for n in range(1, 28)]  # 27 sources, 27 notes (one a place before: 39)
    story = "[^6]: story — A story... \\<https://aloe.socioeco.org/page63-histoire\\_en.html\\>: a ¶2 · b ¶3 · c ¶8"
    assert story in text and text.count("page63-histoire\\_en.html") == 1
    assert "| [^6] d, f–i; [^7] b; [^13] | twelve-workshops |" in text  # runs of letters joined
    page = MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(text)
    assert "[^" not in page and page.count('class="footnote-item"') == 27  # every reference resolved


def test_a_link_never_carries_an_escape_from_the_data() -> None:
    """Only a plain http(s) address becomes a link: nothing in it can end the escape sequence."""
    assert linked("t", "https://example.org/a?b=1") == "link=https://example.org/a?b=1"
    for hostile in ("https://x.org/\x1b]8;;\x1b\\evil", "javascript:alert(1)", "https://x.org/a b", None):
        assert linked("t", hostile) == ""
    for address, links in (("https://x.org/\x07", 0), ("https://x.org/ok", 1)):

        def make(width: int, address: str = address) -> list[Block]:
            return [Paragraph((("title", linked("title", address)),))]

        document = Blocks(make, hyperlinks=True)
        own = document.painted(80)  # what aloe writes to a colour terminal
        assert "\x07" not in own and own.count("\x1b]8;;https://") == links


# Matching as a user types -------------------------------------------------------------------------------


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [record["id"] for record in json.loads(result.stdout)]


def test_an_id_in_any_case_or_a_name_finds_its_record(aloe: Aloe) -> None:
    assert aloe("show", "FINDHORN-2001").stdout == aloe("show", "findhorn-2001").stdout
    assert aloe("show", "pses").stdout == aloe("show", "wsse").stdout  # the WSSE's French acronym
    wsse = ids(aloe("events", "--org", "wsse", "-f", "json"))
    assert ids(aloe("events", "--org", "pses", "-f", "json")) == wsse
    assert ids(aloe("events", "--org", "WSSE", "-f", "json")) == wsse
    regulation = ids(aloe("workshops", "--category", "regulation", "-f", "json"))
    assert (
        regulation
        and ids(aloe("workshops", "--category", "Macro-economic regulation", "-f", "json")) == regulation
    )
    missing = aloe("events", "--place", "Florenz")
    assert missing.exit_code == 2 and "did you mean 'florence'?" in missing.stderr
    missing = aloe("show", "findhorn-2011")
    assert missing.exit_code == 1 and "did you mean 'findhorn-2001'" in missing.stderr


def test_events_by_the_wssees_role(aloe: Aloe) -> None:
    assert ids(aloe("events", "--role", "theme_lead", "-f", "json")) == ["wsf-2002", "wsf-2004"]
    assert "theme_lead" in " ".join(aloe("events", "--help", env={"COLUMNS": "200"}).stdout.split())
    wrong = aloe("events", "--role", "lead")
    assert wrong.exit_code == 2 and "'lead' is not one of theme_lead, participant, context" in wrong.stderr


def test_a_wrong_choice_is_said_in_aloes_words(aloe: Aloe) -> None:
    workshops = aloe("list", "workshops")
    assert workshops.exit_code == 2 and "workshops are listed by `aloe workshops`" in workshops.stderr
    pdf = aloe("export", "--to", "pdf")
    assert pdf.exit_code == 2 and "'pdf' is not one of timelinejs," in pdf.stderr
    for result in (workshops, pdf):
        assert "Value error" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_several_words_rank_records_by_how_many_they_have(aloe: Aloe) -> None:
    found = aloe("search", "supported", "throughout", "-f", "json")
    assert found.exit_code == 0 and json.loads(found.stdout)  # no record has both words: some have one
    words = [
        record["words_matched"]
        for record in json.loads(aloe("search", "wsse", "findhorn", "-f", "json").stdout)
    ]
    assert words[0] == 2 and words == sorted(words, reverse=True)
    assert "Ranked by how many of the 2 words each record has" in aloe("search", "wsse", "findhorn").stdout


ONE_OF = "one of: Bamako, Caracas, Karachi"  # wsf-2006: the story puts the WSSE there, in no named city
UNKNOWN = "place not known"  # microfinance-2002: no source says where it was held


def flat(text: str) -> str:
    """Text with every run of whitespace one space, a no-break space too (French has one before a colon)."""
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_of_several_places_and_an_unknown_place_are_said_in_every_listing_for_people(
    aloe: Aloe, lang: str
) -> None:
    """The table, Markdown, the page and TimelineJS say 'one of: ...' and 'place not known', in the run's language."""
    one_of, unknown = (
        (ONE_OF, UNKNOWN) if lang == "en" else ("l'un de ces lieux : " + ONE_OF[8:], "lieu inconnu")
    )
    wide = {"COLUMNS": WIDEST}  # each cell on one line
    for args in (
        ["timeline"],
        ["events"],
        ["events", "--format", "markdown"],
        ["export", "--to", "markdown"],
    ):
        shown = flat(aloe("--lang", lang, *args, env=wide).stdout)
        assert one_of in shown and unknown in shown, args
        assert "Bamako; Caracas" not in shown, args  # not as if it were in all three
    for page in ("html", "timelinejs"):
        marked = re.sub(
            r"<[^>]+>", "", aloe("--lang", lang, "export", "--to", page).stdout
        )  # a name's language
        text = flat(html.unescape(marked))  # TimelineJS's HTML escapes the apostrophe
        assert f": {one_of}" in text and f": {unknown}" in text, page
    show = flat(aloe("--lang", lang, "show", "wsf-2006", env=wide).stdout)
    lead = one_of.removesuffix("Bamako, Caracas, Karachi")
    assert f"{lead}Bamako (bamako), Caracas (caracas), Karachi (karachi)" in show
    assert "Places are" not in show and "one-of" not in show  # the field said in the Places row


def test_one_of_several_places_and_an_unknown_place_are_said_in_every_listing_for_programs(
    aloe: Aloe, tmp_path: Path
) -> None:
    """JSON, JSONL, YAML and CSV listings give places_are; SQLite a column; JSON-LD asserts no location."""
    expected = {"wsf-2006": "one-of", "microfinance-2002": "unknown", "wsf-2002": "all"}
    for output_format in ("json", "yaml"):
        text = aloe("events", "--format", output_format).stdout
        records = json.loads(text) if output_format == "json" else yaml.safe_load(text)
        found = {record["id"]: record["places_are"] for record in records if record["id"] in expected}
        assert found == expected, output_format
    lines = [json.loads(line) for line in aloe("events", "--format", "jsonl").stdout.splitlines()]
    assert {r["id"]: r["places_are"] for r in lines if r["id"] in expected} == expected
    rows = csv.DictReader(io.StringIO(aloe("events", "--format", "csv").stdout))
    assert {r["id"]: r["places_are"] for r in rows if r["id"] in expected} == expected
    milestone = json.loads(aloe("timeline", "--format", "json").stdout)
    assert {r["places_are"] for r in milestone if r["kind"] == "milestone" and not r["places"]} == {None}
    database = tmp_path / "aloe.sqlite"
    assert aloe("export", "--to", "sqlite", "-o", str(database)).exit_code == 0
    connection = sqlite3.connect(database)
    try:
        query = (
            "SELECT id, places_are FROM happenings WHERE id IN ('wsf-2006', 'microfinance-2002', 'wsf-2002')"
        )
        assert dict(connection.execute(query).fetchall()) == expected
    finally:
        connection.close()
    graph = json.loads(aloe("export", "--to", "jsonld").stdout)["@graph"]
    forum = next(node for node in graph if node.get("@id", "").endswith(":wsf-2006"))
    assert "location" not in forum and forum["aloe:placesAre"] == "one-of"
    assert [place.rsplit(":", 1)[1] for place in forum["aloe:possibleLocation"]] == [
        "bamako",
        "caracas",
        "karachi",
    ]
    conference = next(node for node in graph if node.get("@id", "").endswith(":microfinance-2002"))
    assert conference["aloe:placesAre"] == "unknown" and conference["location"] == []


def test_places_are_one_of_needs_several_places(aloe: Aloe, write_dataset: Callable[..., Path]) -> None:
    """A record in 'one of' a single place is refused, the problem placed in the file."""
    from conftest import SMALL_DATASET

    one = SMALL_DATASET.replace("    places: [town]\n", "    places: [town]\n    places_are: one-of\n")
    assert one != SMALL_DATASET
    line = one[: one.index("  - id: e-span")].count("\n") + 1  # the record's first line
    result = aloe("validate", str(write_dataset(one)))
    assert result.exit_code == 1, result.stdout
    said = result.stdout + result.stderr
    assert f"data.yaml:{line}:5: events[0]: `places_are: one-of` needs two places or more in `places`" in said
    assert "Traceback" not in said
    several = one.replace("    places: [town]\n", "    places: [town, town]\n")
    assert "needs two places" not in aloe("validate", str(write_dataset(several))).stdout


# show and lineage, tidy ---------------------------------------------------------------------------------


def test_show_says_roles_in_words_each_label_once_and_names_what_it_names(aloe: Aloe) -> None:
    forum = aloe("show", "wsf-2002", env={"COLUMNS": "200"}).stdout
    assert "Role           in charge of the solidarity economy theme" in forum and "theme_lead" not in forum
    assert "Places         Porto Alegre (porto-alegre)" in forum
    assert "Series         World Social Forum (world-social-forum)" in forum
    assert "names (places)" not in forum
    story = aloe("show", "story", env={"COLUMNS": "200"}).stdout
    labels = [line.split("  ")[0] for line in story.splitlines() if line and not line.startswith(" ")]
    assert len(labels) == len(set(labels)), labels  # 'Kind' once: 'source (primary)'
    assert "source (primary)" in story


def test_the_lineage_tells_a_dispute_once_a_branch(aloe: Aloe) -> None:
    tree = aloe("lineage", env={"COLUMNS": "200"}).stdout
    assert tree.count("October 2005 (story ¶9); 22–26 November 2005 (ripess-dakar)") == 1
    flat = " ".join(tree.split())
    assert flat.count("October–November 2005, disputed, as above") == 1  # the Dakar meeting
    # ALOE and the FPH's support of it: when it began is disputed, when it ended no source says
    assert flat.count("began October–November 2005, disputed; end unknown, as above") == 2


def test_a_day_from_a_weaker_source_is_marked_with_the_datasets_note(aloe: Aloe) -> None:
    shown = " ".join(aloe("timeline", env={"COLUMNS": WIDEST}).stdout.split())  # no cell wrapped
    found = re.search(r"2003 \[(\w+)\] \(28 May 2003 \[(\w+)\]\) \(note ([A-Z])\)", shown)
    assert found is not None  # each claim its own source, and a note letter
    note = f"{found[3]}. 2003 [{found[1]}]; 28 May 2003 [{found[2]}], the law's date, from a secondary"
    assert note in shown
    assert "- france-secretary-of-state" not in shown  # every claim cited in its cell: no list of them


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet="aé漢 \u0301", max_size=12), st.sampled_from(["", "bold"])), max_size=12
    ),
    st.integers(min_value=1, max_value=9),
)
def test_wrapping_styled_runs_walks_them_once_and_keeps_every_character(
    pieces: list[tuple[str, str]], width: int
) -> None:
    """Each line takes the runs it meets (a long match-marked snippet is no longer sliced per line)."""
    from aloe_cli.renderers.blocks import _spans, _text, cell_len, wrap_pieces

    runs = tuple(pieces)
    lines = wrap_pieces(runs, width, style="dim")
    text = _text(runs)
    spans = _spans(text, width, True)
    assert ["".join(part for part, _ in line) for line in lines] == [text[a:b] for a, b in spans]
    for line in lines:  # a folded word's pieces fit the width, but for a single wide character
        shown = "".join(part for part, _ in line).strip()
        assert cell_len(shown) <= width or len(shown) <= 1
        assert all(style in ("bold", "dim") for _, style in line)
