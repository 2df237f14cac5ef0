"""Hostile cache entries, snapshots and homes (hardening issue 25, points 1, 6, 10 and 12).

A cache entry only ever answers for the bytes its key was computed from; a damaged snapshot or entry,
or no home at all, is never an internal error: aloe answers from the YAML validated afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.loading import dataset as dataset_module
from aloe_cli.loading import source as source_module
from aloe_cli.loading.cache import cache_folder, cache_key, cache_secret, entry_bytes, load_entry
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource, bundled_snapshot_path
from aloe_cli.loading.store import DatasetStore
from aloe_cli.loading.unread import head_and_body
from aloe_cli.model.models import Dataset
from conftest import synthetic_yaml

ROOT = Path(__file__).parent.parent.parent


def answer(result: Result) -> list[str]:
    """The ids a successful run listed: exit 0, nothing on stderr."""
    assert result.exit_code == 0 and result.stderr == "", (result.exit_code, result.stderr)
    return [record["id"] for record in json.loads(result.stdout)]


def one_line_failure(result: Result, code: int, words: str) -> None:
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("aloe: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and words in result.stderr, result.stderr


def secret() -> bytes:
    found = cache_secret(create=True)
    assert found is not None
    return found


def entry_path(data: bytes) -> Path:
    folder = cache_folder()
    assert folder is not None
    return folder / f"{cache_key(data)}.json"


def changed_after_reading(monkeypatch: pytest.MonkeyPatch, path: Path, new_text: str) -> None:
    """The hook of the race: the file is rewritten right after aloe's first read of it, every time."""
    read = source_module.read_dataset_bytes

    def read_then_change(source: DatasetSource) -> bytes:
        data = read(source)
        path.write_text(new_text, encoding="utf-8")
        return data

    monkeypatch.setattr(dataset_module, "read_dataset_bytes", read_then_change)


@pytest.fixture
def cached_small_dataset(monkeypatch: pytest.MonkeyPatch, small_dataset: Path) -> Path:
    """The small dataset, cached like a large one."""
    monkeypatch.setattr(dataset_module, "CACHE_THRESHOLD_BYTES", 0)
    return small_dataset


# 1. Cache poisoning --------------------------------------------------------------------------------------


def test_25_1_a_file_changed_while_a_damaged_entry_is_replaced_poisons_nothing(
    aloe: Callable[..., Result], cached_small_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = cached_small_dataset
    old_text = path.read_text(encoding="utf-8")
    old_bytes, new_text = path.read_bytes(), old_text.replace("e-span", "e-new")
    old_answer = answer(aloe("--data", str(path), "events", "--format", "json"))
    entry = entry_path(old_bytes)
    damaged = bytearray(entry.read_bytes())
    damaged[len(damaged) // 2] ^= 1
    entry.write_bytes(bytes(damaged))
    with monkeypatch.context() as race:
        changed_after_reading(race, path, new_text)
        assert answer(aloe("--data", str(path), "events", "--format", "json")) == old_answer  # what it read
    rebuilt = load_entry(cache_key(old_bytes))
    assert rebuilt is not None, "the entry of the bytes read was written anew"
    whole = DatasetStore(entry=rebuilt, revalidate=lambda: load_dataset(DatasetSource(str(path)))).read_all()
    assert "e-span" in [event.id for event in whole.events]  # the old bytes' dataset, not the new one's
    assert "e-new" in answer(aloe("--data", str(path), "events", "--format", "json"))
    path.write_bytes(old_bytes)
    assert answer(aloe("--data", str(path), "events", "--format", "json")) == old_answer


def test_25_1_a_file_changed_before_a_late_found_damage_is_a_clean_error(
    aloe: Callable[..., Result], cached_small_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry found damaged only when a list is read: the file must still hold the entry's bytes."""
    path = cached_small_dataset
    old_bytes = path.read_bytes()
    answer(aloe("--data", str(path), "events", "--format", "json"))
    head, body = head_and_body(load_dataset(DatasetSource(str(path))))
    title = b'"title":{"en":"An event spanning two years"},'
    key = cache_key(old_bytes)
    entry_path(old_bytes).write_bytes(
        entry_bytes(key, head, body.replace(title, b" " * len(title)), secret())
    )
    with monkeypatch.context() as race:
        changed_after_reading(race, path, old_bytes.decode().replace("e-span", "e-new"))
        result = aloe("--data", str(path), "events", "--format", "json")
    one_line_failure(result, 1, "changed while aloe was reading it; run the command again")
    assert not entry_path(old_bytes).exists()  # removed, and nothing else stored under its key
    assert "e-new" in answer(aloe("--data", str(path), "events", "--format", "json"))


# 6. A damaged bundled snapshot ------------------------------------------------------------------------------


def sparse_file(path: Path) -> Path:
    with open(path, "wb") as stream:
        stream.truncate(8 * 1024**3)  # 8 GB of nothing: a sparse file on any ordinary file system
    return path


def torn(path: Path) -> Path:
    path.write_bytes(bundled_snapshot_path().read_bytes()[:5000])
    return path


def wrong_shape(path: Path) -> Path:
    yaml_sha256 = hashlib.sha256((ROOT / "data" / "timeline.yaml").read_bytes()).hexdigest()
    path.write_text(json.dumps({"format": "aloe-snapshot/1", "yaml_sha256": yaml_sha256, "dataset": []}))
    return path


def link_to(target: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.symlink_to(target)
        return path

    return make


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


SNAPSHOTS: dict[str, Callable[[Path], Path]] = {
    "torn": torn,
    "empty": lambda path: (path.write_bytes(b""), path)[1],
    "not-utf-8": lambda path: (path.write_bytes(b'{"format": "\xff\xfe"}'), path)[1],
    "a-list": lambda path: (path.write_text("[]"), path)[1],
    "wrong-shape": wrong_shape,
    "link-to-dev-zero": link_to("/dev/zero"),
    "fifo": fifo,
    "sparse-8-GB": sparse_file,
    "missing": lambda path: path,
}


@pytest.mark.timeout(60)  # a hang guard: /dev/zero and a FIFO must never be read or waited on
@pytest.mark.parametrize("damage", list(SNAPSHOTS))
def test_25_6_a_damaged_bundled_snapshot_falls_back_to_the_yaml(
    damage: str, aloe: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = answer(aloe("events", "--format", "json"))
    snapshot = SNAPSHOTS[damage](tmp_path / "timeline.snapshot.json")
    monkeypatch.setattr(source_module, "bundled_snapshot_path", lambda: snapshot)
    assert answer(aloe("events", "--format", "json")) == expected


# 10. No home at all ------------------------------------------------------------------------------------------


def large_dataset(tmp_path: Path) -> Path:
    """A dataset of more than 256 KiB: one aloe caches."""
    path = tmp_path / "large.yaml"
    path.write_text(synthetic_yaml(1000), encoding="utf-8")
    assert path.stat().st_size >= dataset_module.CACHE_THRESHOLD_BYTES
    return path


@pytest.mark.parametrize("cache_setting", ["unset", "~/cache"])
def test_25_10_no_home_and_no_account_entry_means_no_cache_not_an_error(
    cache_setting: str, aloe: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    def no_account(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    path = large_dataset(tmp_path)
    for name in ("HOME", "XDG_CACHE_HOME", "ALOE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    if cache_setting != "unset":
        monkeypatch.setenv("ALOE_CACHE_DIR", cache_setting)
    monkeypatch.setattr(pwd, "getpwuid", no_account)
    with pytest.raises(RuntimeError):
        Path.home()  # the container user of the issue: no home to be found
    for _ in range(2):
        assert len(answer(aloe("--data", str(path), "events", "--year", "2002", "--format", "json"))) > 0


# 12. Forged cache entries -------------------------------------------------------------------------------------


def forged(dataset: Dataset, how: str) -> Dataset:
    """The dataset with one record made wrong in a way validation would refuse (no validation runs here)."""
    event = dataset.events[0]
    if how == "dangling-source":
        event = dataclasses.replace(event, sources=[dataclasses.replace(event.sources[0], source="nowhere")])
    elif how == "unknown-role":
        event = dataclasses.replace(event, role="overlord")  # type: ignore[arg-type]
    else:
        event = dataclasses.replace(event, title=5)  # type: ignore[arg-type]
    return dataclasses.replace(dataset, events=[event, *dataset.events[1:]])


@pytest.mark.parametrize("how", ["dangling-source", "unknown-role", "title-of-the-wrong-type"])
@pytest.mark.parametrize(
    "command", [["events"], ["events", "--year", "2002"], ["show", "e-span"], ["timeline"]]
)
def test_25_12_a_forged_entry_is_removed_and_the_yaml_validated_afresh(
    how: str, command: list[str], aloe: Callable[..., Result], cached_small_dataset: Path
) -> None:
    """An entry whose checksum was recomputed by someone other than aloe (it has not the cache's secret)."""
    path = cached_small_dataset
    data = path.read_bytes()
    expected = aloe("--data", str(path), *command, "--format", "json")
    assert expected.exit_code == 0
    sound = entry_path(data).read_bytes()
    with warnings.catch_warnings():  # Pydantic warns as it dumps the title of the wrong type: so it is
        warnings.simplefilter("ignore")
        head, body = head_and_body(forged(load_dataset(DatasetSource(str(path))), how))
    unkeyed = cache_key(data).encode() + b"\n" + json.dumps(head).encode() + b"\n" + body
    entry_path(data).write_bytes(hashlib.sha256(unkeyed).hexdigest().encode() + b"\n" + unkeyed)
    result = aloe("--data", str(path), *command, "--format", "json")
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected.stdout)
    assert entry_path(data).read_bytes() == sound  # removed, then written anew from the YAML


def test_25_12_the_secret_is_the_owners_alone(
    cached_small_dataset: Path, aloe: Callable[..., Result]
) -> None:
    answer(aloe("--data", str(cached_small_dataset), "events", "--format", "json"))
    folder = cache_folder()
    assert folder is not None
    assert (folder / "secret").stat().st_mode & 0o077 == 0
