"""The cache of validated datasets: trusted when its checksum and hash match, rebuilt when they do not."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.loading import dataset as dataset_module
from aloe_cli.loading.cache import cache_entry, cache_key
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.snapshot import dataset_from_json
from aloe_cli.loading.source import DatasetSource, bundled_dataset_path
from aloe_cli.model.models import Dataset


@pytest.fixture(autouse=True)
def cache_every_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests use small datasets, which aloe would not cache; here it caches them all."""
    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def test_the_cache_round_trips_the_bundled_dataset() -> None:
    dataset = load_dataset(DatasetSource(None))
    key = cache_key(b"any")
    body = cache_entry(dataset, key).split(b"\n", 2)[2]
    again = dataset_from_json(json.loads(body))
    assert again.model_dump(mode="json") == dataset.model_dump(mode="json")
    assert [m.earliest for m in again.milestones] == [m.earliest for m in dataset.milestones]
    assert [m.disputed for m in again.milestones] == [m.disputed for m in dataset.milestones]


def test_a_second_run_reads_the_cache(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path
) -> None:
    first = ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    entry = private_cache / f"{cache_key(small_dataset.read_bytes())}.json"
    assert entry.exists()
    # Prove the second run reads the entry, and trusts it: an entry whose checksum and hash fit is not
    # validated again (the README says why), so another title in it changes the answer.
    key = cache_key(small_dataset.read_bytes())
    cached = Dataset.model_validate_json(entry.read_bytes().split(b"\n", 2)[2])
    first_event = cached.events[0].model_copy(update={"title": {"en": "Read from the cache"}})
    entry.write_bytes(
        cache_entry(cached.model_copy(update={"events": [first_event, *cached.events[1:]]}), key)
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
        # an event without the title every event has: not an entry aloe wrote
        entry_of(key + "\n" + json.dumps({"format": "aloe/1", "title": "t", "events": [{"id": "BAD"}]})),
        # a sound entry of another dataset, copied under this one's name
        entry_of("0" * 64 + "\n" + json.dumps({"format": "aloe/1", "title": "another dataset"})),
    ]
    for garbage in damaged:
        entry.write_bytes(garbage)
        assert ids(aloe("--data", str(small_dataset), "events", "--format", "json")) == expected
        assert entry.read_bytes() == sound  # rebuilt


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
