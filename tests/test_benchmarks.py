"""The benchmark suite runs as the README says (its figures are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FULL_TESTS

ROOT = Path(__file__).parents[1]


def test_benchmark_suite_runs_and_reports_every_case(tmp_path: Path) -> None:
    if not FULL_TESTS:  # the longest test (7 s): the everyday suite stays within a minute without it
        pytest.skip("the benchmark suite's own test runs in CI (ALOE_FULL_TESTS=1)")
    if not (Path(sys.executable).parent / "aloe").exists():
        pytest.skip("aloe is not installed beside this Python (the README's test install puts it there)")
    report = tmp_path / "BENCHMARKS.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--repeat", "3", "--scale-repeat", "2",
         "--sizes", "300,1000,10000", "--memory-mib", "0.2", "--write", str(report),
         "--import-sizes", "300,10000"],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    for case in (
        "minimal Typer app",
        "aloe --version",
        "aloe events --year 2002",
        "aloe timeline --format json",
        "aloe show dakar-2005",
        "aloe export --to html",
        "floor: Typer, aloe's models and the bundled dataset loaded",
    ):
        assert f"`{case}" in text
    for command in ("validate", "events --year 2002 --format json", "timeline --format csv"):
        assert f"| 300 | `{command}` |" in text
    assert "| 300 | " in text.split("streaming adds: median of pairs")[1]  # paired, not two medians
    assert "minimal app beside them" in text  # scale ratios are to the app run beside each case
    assert "| 300 | no cache entry" in text  # 300 records are under the cache's threshold
    assert "## Validation's memory per input MiB" in text and "| minimal records | " in text
    assert "on a terminal: median" in text  # start-up is timed on a pseudo-terminal too
    assert text.count("`aloe events --year 2002` | ") == 1 and "≤ 1.2x" in text
    assert "| 300 | " in text.split("## Import of a TimelineJS sheet")[1]


@pytest.fixture
def generate_module() -> Any:
    """benchmarks/generate.py, imported from its folder."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    return generate


def test_generated_datasets_are_valid(tmp_path: Path, generate_module: Any) -> None:
    generate = generate_module.generate
    from aloe_cli.loading.dataset import load_dataset
    from aloe_cli.loading.source import DatasetSource

    path = tmp_path / "synthetic.yaml"
    path.write_text(generate(500), encoding="utf-8")
    dataset = load_dataset(DatasetSource(str(path), "--data"))
    assert len(list(dataset.records())) == 500
    assert any(record.disputed for record in dataset.events)
    assert any(claim.edtf.approximate for record in dataset.milestones for claim in record.dates)


def test_generated_sheets_import(tmp_path: Path, generate_module: Any) -> None:
    generate_sheet = generate_module.generate_sheet
    from aloe_cli.importing.build import ImportSettings
    from aloe_cli.importing.run import import_file

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(generate_sheet(200), encoding="utf-8", newline="")
    result, _ = import_file(
        sheet, ImportSettings(file_name="sheet.csv", base_name="sheet.csv", format_words=""), None
    )
    assert result.problems == []
    assert result.counts["milestones"] == 200
