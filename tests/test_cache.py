"""The cache of validated datasets: trusted when its keyed checksum and key fit, rebuilt when they do not."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aloe_cli.loading import cache as cache_module
from aloe_cli.loading import dataset as dataset_module
from aloe_cli.loading.cache import cache_entry, cache_folder, cache_key, cache_secret, entry_bytes, load_entry
from aloe_cli.loading.dataset import load_dataset, load_store
from aloe_cli.loading.source import DatasetSource, bundled_dataset_path
from aloe_cli.loading.store import DatasetStore
from aloe_cli.loading.unread import head_and_body
from aloe_cli.model.models import RECORD_KINDS, Dataset
from aloe_cli.questions import queries
from aloe_cli.questions.queries import HappeningFilter, Match, Period
from conftest import SMALL_DATASET, examples, pydantic_json, synthetic_yaml

ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def cache_every_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests use small datasets, which aloe would not cache; here it caches them all."""
    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def secret() -> bytes:
    found = cache_secret(create=True)
    assert found is not None
    return found


def never_revalidated() -> Dataset:
    raise AssertionError("a sound entry is never validated again")


def read_back(dataset: Dataset) -> DatasetStore:
    """The dataset as a later run reads it from its cache entry: its lists unread."""
    key = cache_key(b"any")
    folder = cache_folder()
    assert folder is not None
    (folder / f"{key}.json").write_bytes(cache_entry(dataset, key, secret()))
    entry = load_entry(key)
    assert entry is not None
    return DatasetStore(entry=entry, revalidate=never_revalidated)


def unread_lists(store: DatasetStore) -> set[str]:
    """The lists a store has not built yet (what the test of laziness looks at, not the code)."""
    entry = store._entry
    return set() if entry is None else set(entry._lists)


def test_the_cache_round_trips_the_bundled_dataset() -> None:
    dataset = load_dataset(DatasetSource(None))
    again = read_back(dataset)
    assert unread_lists(again) == {name for name in RECORD_KINDS if getattr(dataset, name)}
    assert [m.earliest for m in again.milestones()] == [m.earliest for m in dataset.milestones]
    assert [m.disputed for m in again.milestones()] == [m.disputed for m in dataset.milestones]
    assert "events" in unread_lists(again)  # reading one list builds that list only
    whole = again.read_all()
    assert pydantic_json(whole) == pydantic_json(dataset)
    assert whole == dataset


def synthetic_dataset(tmp_path: Path, records: int) -> Dataset:
    path = tmp_path / "synthetic.yaml"
    path.write_text(synthetic_yaml(records), encoding="utf-8")
    return load_dataset(DatasetSource(str(path), "--data"))


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_questions_about_a_period_answer_alike_from_the_index(which: str, tmp_path: Path) -> None:
    """A cache entry's index of possible days builds only a period's records, and loses none of them."""
    dataset = load_dataset(DatasetSource(None)) if which == "bundled" else synthetic_dataset(tmp_path, 400)
    whole, again = DatasetStore(dataset), read_back(dataset)
    years = range(1980, 2011)
    periods = [Period(first, last) for first in [None, *years] for last in [None, *years]
               if first is None or last is None or first <= last]  # fmt: skip
    periods.remove(Period())  # an open period lists undated records too: it reads whole lists
    answers = 0
    for period in periods:
        for match in Match:
            where = HappeningFilter(period=period, match=match)
            for question in (queries.events, queries.milestones, queries.timeline):
                expected = [record.id for record in question(whole, where)]
                assert [record.id for record in question(again, where)] == expected, (period, match)
                answers += len(expected)
    assert answers > 1000
    assert {"events", "milestones"} <= unread_lists(again)  # all from the index
    assert again.events() == dataset.events  # and the records built one by one are the list's own
    assert again.milestones() == dataset.milestones


@settings(
    max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.integers(min_value=150, max_value=300), seed=st.integers(min_value=0, max_value=2**16))
def test_a_dataset_from_the_cache_is_the_dataset_validated(tmp_path: Path, records: int, seed: int) -> None:
    """A dataset read from its cache entry is the dataset validated: Pydantic's JSON, fields, ==, pickle."""
    path = tmp_path / f"generated-{records}-{seed}.yaml"
    path.write_text(synthetic_yaml(records, seed), encoding="utf-8")
    validated = load_dataset(DatasetSource(str(path), "--data"), use_cache=False)
    load_dataset(DatasetSource(str(path), "--data"), use_cache=True)  # writes the entry
    store = load_store(DatasetSource(str(path), "--data"), use_cache=True)
    assert unread_lists(store), "read from the entry, its lists unread"
    cached = store.read_all()
    assert pydantic_json(cached) == pydantic_json(validated)
    assert len(pydantic_json(cached)) > 100 * records  # every record, not the head alone
    fields = [field.name for field in dataclasses.fields(Dataset)]
    assert list(vars(cached)) == list(vars(validated)) == fields  # the same fields, in the same order
    assert dataclasses.astuple(cached) == dataclasses.astuple(validated)
    assert cached == validated
    assert pickle.loads(pickle.dumps(cached)) == validated
    assert repr(cached).split("(", 1)[1][:200] == repr(validated).split("(", 1)[1][:200]


def test_a_second_run_reads_the_cache(aloe: Callable[..., Result], small_dataset: Path) -> None:
    first = ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    key = cache_key(small_dataset.read_bytes())
    entry = cache_folder() / f"{key}.json"  # type: ignore[operator]
    assert entry.exists()
    # Prove the second run reads the entry, and trusts it: an entry whose keyed checksum and key fit is
    # not validated again (the README says why), so another title in it changes the answer.
    validated = load_dataset(DatasetSource(str(small_dataset), "--data"))
    first_event = dataclasses.replace(validated.events[0], title={"en": "Read from the cache"})
    edited = dataclasses.replace(validated, events=[first_event, *validated.events[1:]])
    entry.write_bytes(cache_entry(edited, key, secret()))
    second = json.loads(aloe("--data", str(small_dataset), "events", "--format", "json").stdout)
    assert [r["id"] for r in second] == first
    assert second[0]["title"] == "Read from the cache"


def sha256_entry(body: str | bytes) -> bytes:
    """An entry whose plain SHA-256 checksum fits its body, as anything but aloe could write it."""
    data = body.encode() if isinstance(body, str) else body
    return hashlib.sha256(data).hexdigest().encode() + b"\n" + data


def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(
    aloe: Callable[..., Result], small_dataset: Path
) -> None:
    expected = ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    key = cache_key(small_dataset.read_bytes())
    entry = cache_folder() / f"{key}.json"  # type: ignore[operator]
    sound = entry.read_bytes()
    checksum, _, body = sound.partition(b"\n")
    head, lists = head_and_body(load_dataset(DatasetSource(str(small_dataset), "--data")))
    another = {"dataset": {"format": "aloe/1", "title": "another dataset"}, "lists": {}}
    damaged = [
        b"{not json",
        b"",
        checksum
        + b"\n"
        + body.replace(b"e-span", b"e-spam"),  # one changed byte: the checksum no longer fits
        sha256_entry(body),  # the body untouched, its checksum not keyed with the cache's secret
        # a sound entry of another dataset, copied under this one's name
        entry_bytes("0" * 64, another, b"", secret()),
    ]
    for garbage in damaged:
        entry.write_bytes(garbage)
        assert ids(aloe("--data", str(small_dataset), "events", "--format", "json")) == expected
        assert entry.read_bytes() == sound  # rebuilt
    assert head and lists


@pytest.mark.parametrize("question", [["events"], ["events", "--year", "2001"]])
def test_a_record_aloe_did_not_write_is_found_when_read_and_the_entry_rebuilt(
    question: list[str], aloe: Callable[..., Result], small_dataset: Path
) -> None:
    """The lists are read after loading: a record without the title every event has (in an entry whose
    keyed checksum fits) is found then, and the run answers from the same bytes validated afresh."""
    expected = ids(aloe("--data", str(small_dataset), *question, "--format", "json"))
    key = cache_key(small_dataset.read_bytes())
    entry = cache_folder() / f"{key}.json"  # type: ignore[operator]
    sound = entry.read_bytes()
    head, body = head_and_body(load_dataset(DatasetSource(str(small_dataset), "--data")))
    title = b'"title":{"en":"An event spanning two years"},'
    assert title in body
    without_title = body.replace(title, b" " * len(title))  # blanks keep every offset of the index true
    entry.write_bytes(entry_bytes(key, head, without_title, secret()))
    result = aloe("--data", str(small_dataset), *question, "--format", "json")
    assert ids(result) == expected and result.stderr == ""
    assert entry.read_bytes() == sound  # removed, then written anew from the validated dataset


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


def test_an_unwritable_cache_folder_is_no_error(aloe: Callable[..., Result], tmp_path: Path) -> None:
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


# Where the cache lives ---------------------------------------------------------------------------------


def test_the_cache_folder_follows_the_xdg_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ALOE_CACHE_DIR", "~/x")
    assert cache_folder() == tmp_path / "home" / "x"  # `~` is expanded
    monkeypatch.delenv("ALOE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "aloe"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the spec: a relative path is ignored
    assert cache_folder() == tmp_path / "home" / ".cache" / "aloe"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    assert cache_folder() == tmp_path / "home" / ".cache" / "aloe"


# Pruning -----------------------------------------------------------------------------------------------


def test_old_entries_are_pruned_and_nothing_else(
    aloe: Callable[..., Result], small_dataset: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five edits leave the entries of the last ones within the size bound; a stale entry goes at once."""
    mine = private_cache / "notes.txt"  # not an entry's name: never removed
    mine.write_text("mine", encoding="utf-8")
    stale = private_cache / f"{'a' * 64}.json"
    stale.write_bytes(b"an entry last used long ago")
    long_ago = time.time() - (cache_module.MAX_AGE_DAYS + 1) * 24 * 3600
    os.utime(stale, (long_ago, long_ago))
    ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
    assert not stale.exists()
    entry_size = max(p.stat().st_size for p in private_cache.glob("*.json"))
    monkeypatch.setattr(cache_module, "MAX_TOTAL_BYTES", entry_size * 2 + entry_size // 2)
    text = small_dataset.read_text(encoding="utf-8")
    keys = []
    for edit in range(5):
        small_dataset.write_text(text.replace("e-span", f"e-span-{edit}"), encoding="utf-8")
        keys.append(cache_key(small_dataset.read_bytes()))
        ids(aloe("--data", str(small_dataset), "events", "--format", "json"))
        time.sleep(0.01)  # distinct times of use, so that "least recently used" is one entry
    left = {p.name for p in private_cache.glob("*.json")}
    assert left == {f"{key}.json" for key in keys[-2:]}
    assert mine.read_text(encoding="utf-8") == "mine" and (private_cache / "secret").exists()


# An entry answers only for the bytes it was made from ---------------------------------------------------------


@settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.sampled_from(["e-span", "e-close", "e-disputed", "keep"]), min_size=1, max_size=4),
       damage=st.sampled_from(["none", "torn", "byte"]))  # fmt: skip
def test_an_entry_never_answers_for_other_bytes(
    edits: list[str], damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the file held at each load, and however the entries were damaged between loads, each load
    answers what validating the bytes it read answers, and each sound entry holds the dataset of its key."""
    with tempfile.TemporaryDirectory() as work:  # each example its own file and cache
        folder = Path(work) / "cache"
        monkeypatch.setenv("ALOE_CACHE_DIR", str(folder))
        small_dataset = Path(work) / "small.yaml"
        check_each_load(small_dataset, folder, edits, damage)


def check_each_load(small_dataset: Path, folder: Path, edits: list[str], damage: str) -> None:
    text = SMALL_DATASET
    validated: dict[str, Dataset] = {}  # by key: each version of the file, validated
    for step, renamed in enumerate(edits):
        if renamed != "keep":
            text = text.replace(renamed, f"{renamed}-{step}")
        small_dataset.write_text(text, encoding="utf-8")
        for path in folder.glob("*.json"):
            if damage == "torn":
                path.write_bytes(path.read_bytes()[:-7])
            elif damage == "byte":
                data = bytearray(path.read_bytes())
                data[len(data) // 2] ^= 1
                path.write_bytes(bytes(data))
        key = cache_key(small_dataset.read_bytes())
        validated[key] = load_dataset(DatasetSource(str(small_dataset), "--data"))
        assert load_dataset(DatasetSource(str(small_dataset), "--data"), use_cache=True) == validated[key]
        for path in folder.glob("*.json"):
            entry = load_entry(path.stem)
            if entry is not None:  # a sound entry: the dataset of the bytes its key names, none other
                whole = DatasetStore(entry=entry, revalidate=never_revalidated).read_all()
                assert whole == validated[path.stem]
        assert (folder / f"{key}.json").exists()


@pytest.mark.parametrize("output", ["json", "table", "csv"])
def test_a_question_about_a_period_builds_only_that_period(
    output: str, aloe: Callable[..., Result], small_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`events --year` on a cache entry: the presentation reads the lists it names, never every event."""
    ids(aloe("--data", str(small_dataset), "events", "--format", "json"))  # writes the entry
    stores: list[DatasetStore] = []

    def kept(source: DatasetSource, *, use_cache: bool = False) -> DatasetStore:
        stores.append(load_store(source, use_cache=use_cache))
        return stores[-1]

    monkeypatch.setattr(dataset_module, "load_store", kept)
    result = aloe("--data", str(small_dataset), "events", "--year", "2003", "--format", output)
    assert result.exit_code == 0 and "e-disputed" in result.stdout and "e-span" not in result.stdout
    assert {"events", "milestones", "workshops"} <= unread_lists(stores[0])


def test_loading_leaves_the_collector_as_it_was(small_dataset: Path) -> None:
    """No process-wide side effect from the library: the console script alone chooses gc.freeze()."""
    import gc

    frozen = gc.get_freeze_count()
    for use_cache in (False, True, True):  # validated, stored, then read from the entry
        store = load_store(DatasetSource(str(small_dataset), "--data"), use_cache=use_cache)
        store.events_between(None, None)
        store.read_all()
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        load_dataset(DatasetSource(str(small_dataset), "--data"), use_cache=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
