"""Round trips: a dataset exported for TimelineJS, or as CSV, then imported, gives back what the format carries.

What TimelineJS cannot carry (the README lists it): sources per claim and per record (every record
comes back citing the imported file), every claim but the one a slide shows (the finest where they
agree, the first where they dispute), a record's era, lineage, people, places, workshops, gaps, the ids,
titles and dates of eras (a band has no id; its headline carries its dates in words; its days are cut
so that bands do not overlap), and all media but a slide's first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.loading.validation import validate_text
from aloe_cli.model.models import Dataset, DatedRecord, Happening, localized

ROOT = Path(__file__).parents[1]
DATASETS = {
    "bundled": None,
    "cooperative-history": ROOT / "examples" / "cooperative-history.yaml",
    "media": ROOT / "tests" / "datasets" / "valid" / "media.yaml",
}


def original(name: str) -> Dataset:
    path = DATASETS[name]
    return load_dataset(DatasetSource(None if path is None else str(path), "test"))


def through(aloe: Callable[..., Result], tmp_path: Path, name: str, export_to: str, suffix: str) -> Dataset:
    data = [] if DATASETS[name] is None else ["--data", str(DATASETS[name])]
    exported = tmp_path / f"exported{suffix}"
    assert aloe(*data, "export", "--to", export_to, "-o", str(exported)).exit_code == 0
    back = tmp_path / "back.yaml"
    result = aloe("import", str(exported), "-o", str(back))
    assert result.exit_code == 0, result.stderr
    return validate_text(back.read_text(encoding="utf-8"), str(back))


def happenings(dataset: Dataset) -> dict[str, Happening]:
    return {record.id: record for record in [*dataset.milestones, *dataset.events]}


def shown_claim_parts(record: DatedRecord) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None, bool]:
    """The start and end a slide shows (the finest claim where claims agree), and whether it is qualified."""
    claim = record.finest_claim or record.date_claim
    assert claim is not None
    start, end = claim.edtf.start_parts(), claim.edtf.end_parts()
    return start, (end if end != start else None), claim.edtf.qualified


@pytest.mark.parametrize("name", list(DATASETS))
def test_through_timelinejs(name: str, aloe: Callable[..., Result], tmp_path: Path) -> None:
    before, after = original(name), through(aloe, tmp_path, name, "timelinejs", ".json")
    old, new = happenings(before), happenings(after)
    dated = {i for i, r in old.items() if r.dates and (r.finest_claim or r.date_claim).edtf.start_parts()}  # type: ignore[union-attr]
    assert set(new) == dated  # the ids, all of them (the undated are named on the title slide only)
    for record_id in dated:
        was, now = old[record_id], new[record_id]
        assert type(now) is type(was)  # a milestone stays a milestone, an event an event
        assert localized(now.title, "en") == localized(was.title, "en")
        assert shown_claim_parts(now) == shown_claim_parts(was), record_id  # precision and doubt
        assert [(m.location, m.alt, m.caption, m.credit) for m in now.media] == [
            (m.location, m.alt, m.caption, m.credit) for m in was.media[:1]
        ]
        assert [c.source for c in now.sources] == [after.sources[0].id]  # the import, and nothing more
    bands = json.loads((tmp_path / "exported.json").read_text(encoding="utf-8"))["eras"]
    assert [(e.dates[0].edtf.start_parts(), e.dates[0].edtf.end_parts()) for e in after.eras] == [
        (tuple(b["start_date"].values()), tuple(b["end_date"].values())) for b in bands
    ]  # each band comes back as an era over the band's days


@pytest.mark.parametrize("name", list(DATASETS))
def test_through_csv(name: str, aloe: Callable[..., Result], tmp_path: Path) -> None:
    before, after = original(name), through(aloe, tmp_path, name, "csv", ".zip")
    old, new = happenings(before), happenings(after)
    assert set(new) == set(old)
    for record_id, was in old.items():
        now = new[record_id]
        assert type(now) is type(was)
        assert localized(now.title, "en") == localized(was.title, "en")
        assert (now.summary or {}).get("en") == (was.summary or {}).get("en")  # English only, as titles
        assert now.era == was.era
        assert [(c.edtf.text, c.words) for c in now.dates] == [(c.edtf.text, c.words) for c in was.dates], (
            record_id
        )
        assert [(m.kind, m.location, m.alt, m.caption, m.credit) for m in now.media] == [
            (m.kind, m.location, m.alt, m.caption, m.credit) for m in was.media
        ]
    assert {e.id: [c.edtf.text for c in e.dates] for e in after.eras} == {
        e.id: [c.edtf.text for c in e.dates] for e in before.eras
    }
    assert {e.id: localized(e.title, "en") for e in after.eras} == {
        e.id: localized(e.title, "en") for e in before.eras
    }
