"""The cache of validated datasets: trusted when its checksum and hash match, rebuilt when they do not."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.loading import dataset as dataset_module
from aloe_cli.loading.cache import cache_entry, cache_key, load_cached
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource, bundled_dataset_path
from aloe_cli.loading.unread import head_and_body
from aloe_cli.model.models import RECORD_KINDS, Dataset
from aloe_cli.questions import queries
from aloe_cli.questions.queries import HappeningFilter, Match, Period

ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def cache_every_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests use small datasets, which aloe would not cache; here it caches them all."""
    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def never_revalidated() -> Dataset:
    raise AssertionError("a sound entry is never validated again")


def read_back(dataset: Dataset, private_cache: Path) -> Dataset:
    """The dataset as a later run reads it from its cache entry: its lists unread."""
    key = cache_key(b"any")
    (private_cache / f"{key}.json").write_bytes(cache_entry(dataset, key))
    again = load_cached(key, never_revalidated)
    assert again is not None
    return again


def test_the_cache_round_trips_the_bundled_dataset(private_cache: Path) -> None:
    dataset = load_dataset(DatasetSource(None))
    again = read_back(dataset, private_cache)
    assert not any(name in again.__dict__ for name in RECORD_KINDS)  # nothing built before it is read
    assert [m.earliest for m in again.milestones] == [m.earliest for m in dataset.milestones]
    assert [m.disputed for m in again.milestones] == [m.disputed for m in dataset.milestones]
    assert "events" not in again.__dict__  # reading one list builds that list only
    assert again.model_dump(mode="json") == dataset.model_dump(mode="json")
    assert again == dataset


def synthetic_dataset(tmp_path: Path, records: int) -> Dataset:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    path = tmp_path / "synthetic.yaml"
    path.write_text(generate(records), encoding="utf-8")
    return load_dataset(DatasetSource(str(path), "--data"))


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_questions_about_a_period_answer_alike_from_the_index(
    which: str, tmp_path: Path, private_cache: Path
) -> None:
    """A cache entry's index of possible days builds only a period's records, and loses none of them."""
    dataset = load_dataset(DatasetSource(None)) if which == "bundled" else synthetic_dataset(tmp_path, 400)
    again = read_back(dataset, private_cache)
    years = range(1980, 2011)
    periods = [Period(first, last) for first in [None, *years] for last in [None, *years]
               if first is None or last is None or first <= last]  # fmt: skip
    periods.remove(Period())  # an open period lists undated records too: it reads whole lists
    answers = 0
    for period in periods:
        for match in Match:
            where = HappeningFilter(period=period, match=match)
            for question in (queries.events, queries.milestones, queries.timeline):
                expected = [record.id for record in question(dataset, where)]
                assert [record.id for record in question(again, where)] == expected, (period, match)
                answers += len(expected)
    assert answers > 1000
    assert "events" not in again.__dict__ and "milestones" not in again.__dict__  # all from the index
    assert again.events == dataset.events  # and the records built one by one are the list's own
    assert again.milestones == dataset.milestones


def test_a_second_run_reads_the_cache(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path
) -> None:
    first = ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    entry = private_cache / f"{cache_key(small_dataset.read_bytes())}.json"
    assert entry.exists()
    # Prove the second run reads the entry, and trusts it: an entry whose checksum and hash fit is not
    # validated again (the README says why), so another title in it changes the answer.
    key = cache_key(small_dataset.read_bytes())
    validated = load_dataset(DatasetSource(str(small_dataset), "--data"))
    first_event = validated.events[0].model_copy(update={"title": {"en": "Read from the cache"}})
    entry.write_bytes(
        cache_entry(validated.model_copy(update={"events": [first_event, *validated.events[1:]]}), key)
    )
    second = json.loads(aloe("--data", str(small_dataset), "events", "--format", "json").stdout)
    assert [r["id"] for r in second] == first
    assert second[0]["title"] == "Read from the cache"


def test_a_corrupt_entry_is_ignored_and_rebuilt(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path
) -> None:
    expected = ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    entry = private_cache / f"{cache_key(small_dataset.read_bytes())}.json"
    sound = entry.read_bytes()
    key = cache_key(small_dataset.read_bytes())
    checksum, _, body = sound.partition(b"\n")
    damaged = [
        b"{not json",
        b"",
        checksum
        + b"\n"
        + body.replace(b"e-span", b"e-spam"),  # one changed byte: the checksum no longer fits
        # a head that is not one aloe writes
        entry_of(key + "\n" + json.dumps({"format": "aloe/1", "title": "t", "events": [{"id": "BAD"}]})),
        # a sound entry of another dataset, copied under this one's name
        entry_of("0" * 64 + "\n" + json.dumps({"format": "aloe/1", "title": "another dataset"})),
    ]
    for garbage in damaged:
        entry.write_bytes(garbage)
        assert ids(aloe("--data", str(small_dataset), "events", "--format", "json")) == expected
        assert entry.read_bytes() == sound  # rebuilt


@pytest.mark.parametrize("question", [["events"], ["events", "--year", "2001"]])
def test_a_record_aloe_did_not_write_is_found_when_read_and_the_entry_rebuilt(
    question: list[str], aloe: Callable[..., Result], small_dataset: Path, private_cache: Path
) -> None:
    """The lists are read after loading: a record without the title every event has (checksum and
    offsets fitting) is found then, and the run answers from the dataset validated afresh."""
    expected = ids(aloe("--data", str(small_dataset), *question, "--format", "json"))
    entry = private_cache / f"{cache_key(small_dataset.read_bytes())}.json"
    sound = entry.read_bytes()
    key = cache_key(small_dataset.read_bytes())
    head, body = head_and_body(load_dataset(DatasetSource(str(small_dataset), "--data")))
    title = b'"title":{"en":"An event spanning two years"},'
    assert title in body
    without_title = body.replace(title, b" " * len(title))  # blanks keep every offset of the index true
    entry.write_bytes(entry_of(key + "\n" + json.dumps(head) + "\n" + without_title.decode()))
    result = aloe("--data", str(small_dataset), *question, "--format", "json")
    assert ids(result) == expected and result.stderr == ""
    assert entry.read_bytes() == sound  # removed, then written anew from the validated dataset


def entry_of(body: str) -> bytes:
    """A cache entry whose checksum fits its body, whatever the body says."""
    data = body.encode()
    return hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def test_a_changed_file_is_read_afresh(aloe: Callable[..., Result], small_dataset: Path) -> None:
    assert "e-span" in ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    small_dataset.write_text(small_dataset.read_text().replace("e-span", "e-renamed"), encoding="utf-8")
    assert "e-renamed" in ids(aloe("--data", str(small_dataset), "events", "--format", "json"))


def test_no_cache_writes_nothing(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path
) -> None:
    ids(aloe("--no-cache", "--data", str(small_dataset), "events", "--format", "json"))
    assert list(private_cache.iterdir()) == []


def test_an_invalid_dataset_is_never_cached(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], private_cache: Path
) -> None:
    path = write_dataset("format: aloe/1\ntitle: t\nevents: [{id: e}]\n")
    assert aloe("--data", str(path), "events").exit_code == 1
    assert list(private_cache.iterdir()) == []


def test_an_unwritable_cache_folder_is_no_error(
    aloe: Callable[..., Result], monkeypatch: object, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = aloe(
        "events", "--year", "2002", "--format", "json", env={"ALOE_CACHE_DIR": str(blocker / "cache")}
    )
    assert result.exit_code == 0 and result.stderr == ""


def test_cache_key_depends_on_the_bytes() -> None:
    data = bundled_dataset_path().read_bytes()
    assert cache_key(data) == cache_key(bytes(data))
    assert cache_key(data) != cache_key(data + b"\n")


def test_small_datasets_are_not_cached(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 256 * 1024)
    ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    assert list(private_cache.iterdir()) == []
