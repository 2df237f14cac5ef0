"""Shared fixtures: a CLI runner that keeps stdout and stderr apart, and small dataset files."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from aloe_cli.cli import app

DATASETS = Path(__file__).parent / "datasets"

SMALL_DATASET = """\
format: aloe/1
title: A small test chronology
sources:
  - id: s1
    title: Test source
    url: https://example.org/s1
organisations:
  - id: org-a
    name: {en: Organisation A, fr: Organisation A en français}
    acronym: OA
    sources: [{source: s1}]
eras:
  - id: era-one
    title: The first era
    sources: [{source: s1}]
places:
  - id: town
    name: Town
    country: Country
    sources: [{source: s1}]
series:
  - id: forum
    title: Forum
    sources: [{source: s1}]
categories:
  - id: cat-a
    title: Category A
    description: The first category.
    sources: [{source: s1}]
phases:
  - id: phase-1
    title: Phase one
    sources: [{source: s1}]
milestones:
  - id: m-approx
    title: An approximate milestone
    era: era-one
    organisations: [org-a]
    dates: [{edtf: 2001~, label: around 2001}]
    sources: [{source: s1, locator: "p. 1"}]
events:
  - id: e-span
    title: An event spanning two years
    series: forum
    era: era-one
    places: [town]
    dates: [{edtf: 2001-12-30/2002-01-02}]
    sources: [{source: s1}]
  - id: e-disputed
    title: A disputed event
    era: era-one
    dates:
      - {edtf: 2003-10, label: October 2003}
      - {edtf: 2003-11-22/2003-11-26, sources: [{source: s1, locator: "p. 2"}]}
    sources: [{source: s1}]
workshops:
  - id: w-one
    title: Workshop one
    categories: [cat-a]
    phases: [phase-1]
    sources: [{source: s1}]
"""


# The README's `pytest` runs the property tests with their everyday number of examples (150 or 100 each)
# and skips the benchmark suite's test, within a minute; CI sets ALOE_FULL_TESTS=1 to run them in full
# (five times the examples; the benchmark suite on 300, 1,000 and 10,000 records).
FULL_TESTS = os.environ.get("ALOE_FULL_TESTS") == "1"


def synthetic_yaml(records: int, seed: int = 2006) -> str:
    """The YAML of a synthetic dataset of about `records` records (`benchmarks/generate.py`)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    return str(generate(records, seed))


def pydantic_json(value: Any, model: Any = None) -> bytes:
    """What Pydantic writes of a dataset (or of a record, with its kind): every field, nested records too."""
    from pydantic import TypeAdapter

    from aloe_cli.model.models import Dataset

    return TypeAdapter(model or Dataset).dump_json(value)


def examples(everyday: int) -> int:
    """How many examples a property test tries: `everyday`, or five times as many in a full run."""
    return everyday * 5 if FULL_TESTS else everyday


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty cache folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ALOE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests speak English whatever the machine's locale (aloe follows LC_ALL, LC_MESSAGES, LANG)."""
    from aloe_cli.i18n import use_language

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "ALOE_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    use_language("en")


@pytest.fixture
def runner() -> CliRunner:
    """A runner whose result keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture
def aloe(runner: CliRunner) -> Callable[..., Result]:
    """Run `aloe ARGS...` in-process: `aloe("events", "--year", "2002")`."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def small_dataset(tmp_path: Path) -> Path:
    """A small valid dataset file with an approximate, a year-spanning and a disputed record."""
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_DATASET, encoding="utf-8")
    return path


@pytest.fixture
def write_dataset(tmp_path: Path) -> Callable[[str | bytes], Path]:
    """Write text or bytes to a dataset file and return its path."""

    def write(content: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def run_in_terminal(args: list[str], env: dict[str, str] | None = None, timeout: float = 60) -> bytes:
    """Run `aloe ARGS` with a terminal (a pty) as its stdout and stderr; the bytes that reached it."""
    return run_in_terminal_with_code(args, env, timeout)[0]


def run_in_terminal_with_code(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 60
) -> tuple[bytes, int]:
    """Run `aloe ARGS` on a terminal (a pty) as `run_in_terminal` does; the bytes and the exit code."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "aloe_cli", *args], stdout=terminal, stderr=terminal, stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "80", "LINES": "20", "TERM": "xterm", **(env or {})},
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the pty is closed once the process has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=timeout)
    os.close(controller)
    return b"".join(chunks), code
