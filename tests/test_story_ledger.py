"""The story ledger: every statement of the primary source is carried by the dataset, cited to its paragraph."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.model.models import Citation, DatedRecord
from aloe_cli.questions.record_detail import Found, index_records

ROOT = Path(__file__).parents[1]
LEDGER = ROOT / "data" / "story-ledger.yaml"
FACTS = ROOT.parent / "shared" / "sources" / "story-facts.md"
STORY_STATEMENTS = 70


@pytest.fixture(scope="module")
def ledger() -> list[dict[str, Any]]:
    entries = yaml.safe_load(LEDGER.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


@pytest.fixture(scope="module")
def records() -> dict[str, Found]:
    return index_records(load_dataset(DatasetSource(None)))


def citations_of(record: Any) -> list[Citation]:
    found = list(getattr(record, "sources", []))
    if isinstance(record, DatedRecord):
        found += [c for claim in record.dates for c in claim.sources]
    found += [c for other in getattr(record, "other_names", []) for c in other.sources]
    return found


def test_every_statement_is_in_the_ledger_once(ledger: list[dict[str, Any]]) -> None:
    assert [entry["fact"] for entry in ledger] == list(range(1, STORY_STATEMENTS + 1))
    assert all(entry["carried_by"] for entry in ledger)


@pytest.mark.research_notes
def test_the_ledger_follows_the_checklist(ledger: list[dict[str, Any]]) -> None:
    rows = re.findall(r"^\| (\d+) \| (\w+) \| (.*) \|$", FACTS.read_text(encoding="utf-8"), re.M)
    checklist = [(int(number), paragraph, text.replace('"', "'")) for number, paragraph, text in rows]
    assert len(checklist) == STORY_STATEMENTS
    assert [(e["fact"], e["paragraph"], e["statement"]) for e in ledger] == checklist


def test_each_statement_is_carried_and_cited_to_its_paragraph(
    ledger: list[dict[str, Any]], records: dict[str, Found]
) -> None:
    for entry in ledger:
        for place in entry["carried_by"]:
            record_id, _, field = place.partition(".")
            assert record_id in records, f"fact {entry['fact']}: no record '{record_id}'"
            record = records[record_id].record
            assert getattr(record, field, None), f"fact {entry['fact']}: '{place}' is missing or empty"
            cited = {c.locator for c in citations_of(record) if c.source == "story"}
            assert f"¶{entry['paragraph']}" in cited, (
                f"fact {entry['fact']}: {record_id} does not cite ¶{entry['paragraph']}"
            )


def test_the_ledger_carries_each_statement_itself(ledger: list[dict[str, Any]]) -> None:
    """The ledger stands alone: each entry has its paragraph and the statement's words, no notes needed."""
    paragraphs = {"1", "2", "3", "4", "5", "6", "7", "7a", "7b", "7c", "8", "9"}
    for entry in ledger:
        assert entry["paragraph"] in paragraphs and len(entry["statement"]) > 5, entry["fact"]
