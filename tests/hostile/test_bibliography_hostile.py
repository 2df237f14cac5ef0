"""Hostile text in every bibliography field: each reader gets the same entries and the same values back.

Issue 25, points 3 (a URL that closes its entry and opens another), 5 (control characters on a terminal)
and 8 (an unbalanced brace, which BibTeX parsers count even escaped as `\\{`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from conftest import run_in_terminal
from test_bibliography import as_read, citation_js, latex_printed, pybtex_entries

# Braces (balanced and not), backslashes, @, %, #, quotes, a newline, a tab, ESC, BEL, DEL, a C1 control.
HOSTILE = 'Proceedings {draft }} \\input{/etc/passwd} @misc{x, % # $ & _ ^ ~ "q" \'s\nnext\tline \x1b]0;pwned\x07 \x7f \x9b end'
INJECTED_URL = "https://example.org/}},@misc{pwn,title={\\input{/etc/passwd}}}"

TYPES = [
    "webpage",
    "newspaper-article",
    "journal-article",
    "report",
    "chapter",
    "newsletter",
    "conference-document",
]


def hostile_dataset(path: Path) -> Path:
    """Two sources of each type, every text field of each hostile, cited by one event."""
    sources: list[dict[str, Any]] = []
    for number, source_type in enumerate(TYPES):
        sources.append(
            {
                "id": f"s{number}",
                "type": source_type,
                "title": f"{HOSTILE} {number}",
                "authors": [
                    {"family": f"Fam{{ily}} \\{number}", "given": HOSTILE},
                    {"organisation": f"Org {HOSTILE} and Co"},
                ],
                "issued": "2003-02-19",
                "accessed": "2026-12",
                "container": HOSTILE,
                "volume": HOSTILE,
                "issue": HOSTILE,
                "pages": HOSTILE,
                "publisher": HOSTILE,
                "place": HOSTILE,
                "url": INJECTED_URL,
                "copy_read": INJECTED_URL,
                "language": "fr",
                "note": HOSTILE,
            }
        )
    document = {
        "format": "aloe/1",
        "title": "hostile bibliography",
        "sources": sources,
        "events": [{"id": "e", "title": "E", "sources": [{"source": s["id"]} for s in sources]}],
    }
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_dataset(tmp_path / "hostile.yaml")


def unbraced(name: str) -> str:
    """A BibTeX name part without the braces that group it (they are syntax, not text)."""
    return name[1:-1] if name.startswith("{") and name.endswith("}") else name


def bibliography(aloe: Callable[..., Result], data: Path, format_name: str) -> str:
    result = aloe("--data", str(data), "sources", "--format", format_name)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_3_8_bibtex_keeps_every_entry_and_every_value(
    aloe: Callable[..., Result], hostile: Path, tmp_path: Path
) -> None:
    """pybtex and citation-js read as many entries as there are sources, each field's value as written."""
    text = bibliography(aloe, hostile, "bibtex")
    entries = pybtex_entries(text)
    assert list(entries) == [f"s{n}" for n in range(len(TYPES))]  # no "pwn", none lost
    items = {item["id"]: item for item in citation_js("bibtex", text, tmp_path)}
    assert list(items) == list(entries)
    for number in range(len(TYPES)):
        entry, item = entries[f"s{number}"], items[f"s{number}"]
        title = as_read(f"{HOSTILE} {number}")
        assert latex_printed(entry.fields["title"]) == item["title"] == title
        assert latex_printed(entry.fields["note"]).startswith(as_read(HOSTILE))
        person, organisation = entry.persons["author"]
        assert latex_printed(unbraced(" ".join(person.last_names))) == as_read(f"Fam{{ily}} \\{number}")
        assert latex_printed(unbraced(" ".join(person.first_names + person.middle_names))) == as_read(HOSTILE)
        assert latex_printed(unbraced(" ".join(organisation.last_names))) == as_read(f"Org {HOSTILE} and Co")
        assert [a.get("family") or a.get("literal") for a in item["author"]] == [
            as_read(f"Fam{{ily}} \\{number}"),
            as_read(f"Org {HOSTILE} and Co"),
        ]
        assert item["author"][0]["given"] == as_read(HOSTILE)
        assert entry.fields["url"] == INJECTED_URL.replace("}", "%7D").replace("{", "%7B").replace(
            "\\", "%5C"
        )
        assert item["URL"] == entry.fields["url"]  # the same address, its braces percent-encoded
    assert "@misc{pwn" not in text and "\\input{" not in text


def test_3_ris_keeps_every_record_and_every_value(
    aloe: Callable[..., Result], hostile: Path, tmp_path: Path
) -> None:
    """Every value on its own line: no value starts a tag; citation-js reads the values back."""
    text = bibliography(aloe, hostile, "ris")
    assert all(line == "" or line[2:6] == "  - " for line in text.split("\n"))
    items = {item["id"]: item for item in citation_js("ris", text, tmp_path)}
    assert list(items) == [f"s{n}" for n in range(len(TYPES))]
    for number in range(len(TYPES)):
        item = items[f"s{number}"]
        assert item["title"] == as_read(f"{HOSTILE} {number}")
        assert as_read(HOSTILE) in item.values()  # the container, under the name its type gives it
        assert item["URL"] == INJECTED_URL


def test_3_csl_json_keeps_every_value_exactly(
    aloe: Callable[..., Result], hostile: Path, tmp_path: Path
) -> None:
    """JSON holds any text: the values come back exactly, control characters and newlines included."""
    text = bibliography(aloe, hostile, "csl-json")
    items = {item["id"]: item for item in citation_js("csl-json", text, tmp_path)}
    written = {item["id"]: item for item in json.loads(text)}
    assert list(items) == list(written) == [f"s{n}" for n in range(len(TYPES))]
    for number in range(len(TYPES)):
        item = items[f"s{number}"]
        assert item["title"] == f"{HOSTILE} {number}"
        assert item["container-title"] == HOSTILE and item["publisher"] == HOSTILE
        assert item["author"][0] == {"family": f"Fam{{ily}} \\{number}", "given": HOSTILE}
        assert item["author"][1] == {"literal": f"Org {HOSTILE} and Co"}
        assert item["URL"] == INJECTED_URL


@pytest.mark.parametrize("format_name", ["bibtex", "ris", "csl-json"])
def test_5_bibliographies_show_control_characters_as_symbols_on_a_terminal(
    hostile: Path, format_name: str
) -> None:
    shown = run_in_terminal(["--data", str(hostile), "sources", "--format", format_name], {"PAGER": "cat"})
    assert b"\x1b]0;" not in shown and b"\x07" not in shown and b"\xc2\x9b" not in shown  # ESC, BEL, CSI
    # BibTeX and RIS hold the symbols themselves; JSON writes the C0 controls as escapes (\u001b).
    shown_as = "\u241b]0;pwned" if format_name != "csl-json" else "\\u001b]0;pwned"
    assert shown_as.encode() in shown
