"""Reading dataset files safely: hostile bytes, YAML 1.1 traps, sizes, and arbitrary input."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from aloe_cli.errors import AloeError, DatasetInvalid, DataSourceError
from aloe_cli.loading import source
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.loading.validation import validate_text
from aloe_cli.loading.yaml_loader import parse_yaml
from conftest import DATASETS, examples


def one_line_error(result: Result) -> str:
    """The single error line of a failed run, checked to be the only output."""
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_file_names_the_option(aloe: Callable[..., Result], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert one_line_error(aloe("--data", str(missing), "timeline")) == (
        f"aloe: error: {missing}: no such file (given by --data)"
    )
    from_env = aloe("events", env={"ALOE_DATA": str(missing)})
    assert one_line_error(from_env) == f"aloe: error: {missing}: no such file (given by ALOE_DATA)"


def test_directory(aloe: Callable[..., Result], tmp_path: Path) -> None:
    line = one_line_error(aloe("--data", str(tmp_path), "timeline"))
    assert line == f"aloe: error: {tmp_path}: is a directory, not a dataset file (given by --data)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file: no unreadable file can be made")
def test_unreadable_file(aloe: Callable[..., Result], small_dataset: Path) -> None:
    small_dataset.chmod(0)
    assert "permission denied" in one_line_error(aloe("--data", str(small_dataset), "timeline"))


def test_empty_file(aloe: Callable[..., Result], write_dataset: Callable[..., Path]) -> None:
    path = write_dataset("")
    assert one_line_error(aloe("--data", str(path), "timeline")) == (
        f"aloe: error: {path}:1:1: the file is empty: a dataset is a mapping (key: value) at the top level"
    )


def test_bytes_that_are_not_utf8_are_placed_by_line_and_character(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path]
) -> None:
    path = write_dataset(
        "format: aloe/1\ntitle: Éé \xe9t\xe9\n".encode("latin-1").replace(b"\xc9\xe9", "Éé".encode())
    )
    line = one_line_error(aloe("--data", str(path), "timeline"))
    assert line == f"aloe: error: {path}:2:11: this is not UTF-8 text (byte 0xE9)"


def test_nul_byte(aloe: Callable[..., Result], write_dataset: Callable[..., Path]) -> None:
    path = write_dataset(b"format: aloe/1\ntitle: a\x00b\n")
    assert one_line_error(aloe("--data", str(path), "timeline")) == (
        f"aloe: error: {path}:2:9: a NUL byte: this is not a text file"
    )


def test_byte_order_mark_loads(write_dataset: Callable[..., Path]) -> None:
    path = write_dataset(b"\xef\xbb\xbfformat: aloe/1\ntitle: With a BOM\n")
    assert load_dataset(DatasetSource(str(path), "--data")).title == {"en": "With a BOM"}


def test_file_over_the_cap_is_refused_before_parsing(
    aloe: Callable[..., Result], write_dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "MAX_DATASET_BYTES", 1024)
    path = write_dataset("format: aloe/1\ntitle: big\ndescription: " + "x" * 2000 + "\n")
    line = one_line_error(aloe("--data", str(path), "timeline"))
    assert line.startswith(f"aloe: error: {path}: larger than the ")


@pytest.mark.timeout(30)  # a hang guard, not a timing: it reads one chunk, not the cap
def test_dev_zero_is_refused(aloe: Callable[..., Result]) -> None:
    line = one_line_error(aloe("--data", "/dev/zero", "timeline"))
    assert line == (
        "aloe: error: /dev/zero: is a device, not a regular file (given by --data); "
        "to read a stream, pipe it to --data -"
    )


def test_endless_text_stream_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless:
        def read(self, size: int) -> bytes:
            return b"a" * size

    monkeypatch.setattr(source, "MAX_DATASET_BYTES", 3 * 1024 * 1024)
    with pytest.raises(DataSourceError, match="larger than the 3 MiB"):
        source._read_capped(Endless(), "<stdin>")  # type: ignore[arg-type]


def test_standard_input(aloe: Callable[..., Result], small_dataset: Path) -> None:
    result = aloe("--data", "-", "events", "--format", "json", input=small_dataset.read_text())
    assert result.exit_code == 0
    assert result.stdout.startswith("[")
    broken = aloe("--data", "-", "events", input="format: [")
    assert one_line_error(broken).startswith("aloe: error: <stdin>:")


def test_yaml_1_1_traps_stay_as_written() -> None:
    dataset = load_dataset(DatasetSource(str(DATASETS / "valid" / "yaml-1-1-traps.yaml"), "--data"))
    assert dataset.title == {"en": "no"}
    assert dataset.description == {"en": "010"}
    assert dataset.sources[0].title == "1:30"
    assert dataset.sources[0].publisher == "on"
    milestone = dataset.milestones[0]
    assert milestone.title == {"en": "2001-06-15"}
    assert milestone.summary == {"en": "0x1F"}
    assert milestone.dates[0].edtf.text == "2001-06-15"
    assert milestone.dates[0].label == "1e3"
    assert milestone.sources[0].locator == "12:30:00"


def test_tags_construct_nothing() -> None:
    text = "format: aloe/1\ntitle: !!python/object/apply:os.system ['touch /tmp/aloe-pwned']\n"
    with pytest.raises(DatasetInvalid, match="YAML tags such as"):
        validate_text(text, "t.yaml")
    assert not Path("/tmp/aloe-pwned").exists()


@pytest.mark.timeout(30)  # a hang guard: expanding the bomb would never finish
def test_alias_bomb_is_refused_at_once() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(DatasetInvalid) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert "anchors (&name) are not supported" in str(caught.value)


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    # libyaml stops at its own limit (1,000 levels) while scanning ahead; aloe stops at 64.
    too_deep = "nests deeper than 64 levels|exceeded maximum nesting depth"
    text = "a: " + "[" * 100_000 + "]" * 100_000
    with pytest.raises(DatasetInvalid, match=too_deep):
        parse_yaml(text, "deep.yaml")
    flow_mappings = "a: " + "{b: " * 5000 + "c" + "}" * 5000
    with pytest.raises(DatasetInvalid, match=too_deep):
        parse_yaml(flow_mappings, "deep.yaml")
    block = "".join(f"{' ' * level}k{level}:\n" for level in range(200)) + " " * 200 + "v\n"
    with pytest.raises(DatasetInvalid, match="nests deeper than 64 levels"):
        parse_yaml(block, "deep.yaml")


# --- properties ------------------------------------------------------------------------------------


def _load_or_own_error(text: str) -> None:
    with contextlib.suppress(AloeError):
        validate_text(text, "fuzz.yaml")


@pytest.mark.timeout(120)  # the time bound of the whole property: a hang fails it, a slow machine does not
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_loads_or_raises_aloe_error(text: str) -> None:
    _load_or_own_error(text)


yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)
dataset_keys = st.sampled_from(["format", "title", "sources", "events", "milestones", "workshops", "x"])


@pytest.mark.timeout(120)
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(dataset_keys, yaml_values, max_size=6), st.sampled_from([None, True]))
def test_arbitrary_yaml_documents_load_or_raise_aloe_error(
    document: dict[str, Any], flow: bool | None
) -> None:
    _load_or_own_error(yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True))


# PyYAML's emitter does not round-trip NEL and the Unicode line separators: leave them out here.
texts = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029"))
nested_texts = st.recursive(
    texts.filter(lambda t: len(t) <= 20),
    lambda c: (
        st.lists(c, max_size=3) | st.dictionaries(texts.filter(lambda t: 0 < len(t) <= 5), c, max_size=3)
    ),
    max_leaves=15,
)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(st.dictionaries(texts.filter(lambda t: 0 < len(t) <= 10), nested_texts))
def test_strings_round_trip_exactly(document: dict[str, Any]) -> None:
    """Any mapping of strings, lists and mappings reads back exactly as PyYAML wrote it."""
    text = yaml.safe_dump(document, allow_unicode=True)
    if not document:
        return
    parsed = parse_yaml(text, "round-trip.yaml")
    assert parsed == document


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(dataset_keys, yaml_values, min_size=1, max_size=6), st.sampled_from([None, True, False])
)
def test_fast_and_careful_readers_agree(document: dict[str, Any], flow: bool | None) -> None:
    """The fast loop and the careful reader give the same value for every clean document."""
    from aloe_cli.loading.yaml_loader import _read_fast, _Reader

    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    careful = _Reader(text, "f.yaml")
    assert _read_fast(text) == careful.read()
    assert careful.problems == []
