"""Validation's peak memory per MiB of input, on generated files of several shapes, against its budget.

    .venv/bin/python benchmarks/memory.py                 # about 8 MiB of each shape (a minute or two)
    .venv/bin/python benchmarks/memory.py --mib 100 --shape 'minimal records'  # 2 million records

Each file is validated by `aloe --no-cache validate` in a process of its own; its peak resident memory,
less that of validating a tiny dataset (aloe's start-up), is divided by the file's size. Memory is a
budget the tests hold (`tests/hostile/test_hardening_round3.py`); the times are only reported.
`benchmarks/run.py` adds this table to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

# The budget README and BENCHMARKS.md state: validating takes at most this many MiB of memory per MiB
# of dataset, above what aloe's start-up takes.
MEMORY_BUDGET_PER_INPUT_MIB = 64

HEADER = "format: aloe/1\ntitle: generated\nsources:\n  - {id: s, title: S}\n"


def minimal_records(mib: float) -> str:
    """The smallest valid events, one a line, to about `mib` MiB (issue 25: 2 million in 100 MiB)."""
    line = "  - {{id: e{0}, title: E, sources: [{{source: s}}]}}\n"
    count = int(mib * 2**20 / len(line.format(10**6)))
    return HEADER + "events:\n" + "".join(line.format(i) for i in range(count))


def nested_unknown_keys(mib: float) -> str:
    """Events each with an unknown key holding mappings nested 30 deep, to about `mib` MiB (invalid)."""
    nest = "{a: " * 30 + "x" + "}" * 30
    lines = (f"  - {{id: e{i}, title: E, sources: [{{source: s}}], junk: {nest}}}\n" for i in range(10**9))
    count = int(mib * 2**20 / len(next(lines)))
    return HEADER + "events:\n" + "".join(next(lines) for _ in range(count))


def realistic(mib: float) -> str:
    """benchmarks/generate.py's synthetic dataset, to about `mib` MiB."""
    return generate(int(mib * 2**20 / 440))  # about 440 bytes a record


SHAPES: dict[str, Callable[[float], str]] = {
    "realistic (generate.py)": realistic,
    "minimal records": minimal_records,
    "nested mappings under unknown keys (invalid)": nested_unknown_keys,
}


def validate_peak(path: Path) -> tuple[float, float]:
    """Seconds and peak resident MiB of `aloe --no-cache validate PATH`, in a process of its own."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "aloe_cli", "--no-cache", "validate", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)  # the one way to read this child's own peak
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024  # Linux gives KiB


def memory_per_input_mib(text: str, folder: Path) -> tuple[float, float, float]:
    """(input MiB, seconds, MiB of memory per MiB of input above start-up) of validating `text`."""
    tiny, path = folder / "tiny.yaml", folder / "data.yaml"
    tiny.write_text(minimal_records(0.001), encoding="utf-8")
    _, start_up = validate_peak(tiny)
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size / 2**20
    seconds, peak = validate_peak(path)
    return size, seconds, max(peak - start_up, 0) / size


def memory_rows(mib: float, shapes: list[str]) -> list[str]:
    """The budget, then a Markdown table: each shape's size, time and memory per input MiB, met or not."""
    rows = [
        f"Budget: at most {MEMORY_BUDGET_PER_INPUT_MIB} MiB of memory per MiB of input, above start-up "
        "(the tests hold it on files of 1 MiB, 8 in a full run).",
        "",
        "| shape | input | validation | memory per input MiB | budget |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for name in shapes:
            size, seconds, ratio = memory_per_input_mib(SHAPES[name](mib), Path(folder))
            verdict = "met" if ratio <= MEMORY_BUDGET_PER_INPUT_MIB else "**NOT met**"
            rows.append(f"| {name} | {size:.1f} MiB | {seconds:.1f} s | {ratio:.0f} MiB | {verdict} |")
    return rows


def main() -> None:
    """Measure every shape (or those named) and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=8, help="size of each generated file (default 8)")
    parser.add_argument("--shape", choices=list(SHAPES), action="append", help="only these shapes")
    options = parser.parse_args()
    print("\n".join(memory_rows(options.mib, options.shape or list(SHAPES))))


if __name__ == "__main__":
    main()
