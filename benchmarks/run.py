"""aloe's benchmark suite: start-up against a minimal Typer app, and scale on synthetic datasets.

Run it with the Python of the virtual environment aloe is installed in (see BENCHMARKS.md):

    .venv/bin/python benchmarks/run.py --write BENCHMARKS.md

Every figure is a median over repeated runs, with its spread (lowest and highest); ratios compare
medians measured side by side in the same run, the cases interleaved so that a busy moment of the
machine falls on all of them alike. Timings are never test assertions: this script only reports.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def noop() -> None:
    pass


app()
"""

FLOOR_PYDANTIC = "floor: Typer with Pydantic validation in use (no aloe)"
PYDANTIC_FLOOR_CODE = (
    "import typer, typer._adapters\nfrom pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)"
)
FLOOR_DATASET = "floor: Typer and the bundled dataset loaded (no command run)"
DATASET_FLOOR_CODE = (
    "import typer, typer._adapters\nfrom aloe_cli.loading.dataset import load_dataset\n"
    "from aloe_cli.loading.source import DatasetSource\nload_dataset(DatasetSource(None))"
)
STARTUP_CASES = [
    ("aloe --version", ["--version"], 1.0),
    ("aloe --help", ["--help"], 1.0),
    ("aloe events --year 2002", ["events", "--year", "2002"], 1.2),
    ("aloe timeline", ["timeline"], 1.2),
    ("aloe timeline --format json", ["timeline", "--format", "json"], 1.2),
]
SCALE_COMMANDS = [
    ("validate", ["validate"]),
    ("events --year 2002 --format json", ["events", "--year", "2002", "--format", "json"]),
    ("timeline --format csv", ["timeline", "--format", "csv"]),
]
# Budgets of issue 6, in seconds and MiB: (first run, repeated run) per size and command.
TIME_BUDGETS = {
    (10_000, "events --year 2002 --format json"): (1.5, 0.4),
    (100_000, "events --year 2002 --format json"): (12.0, 3.0),
    (100_000, "validate"): (15.0, None),
}
MEMORY_BUDGETS = {100_000: (1.2 * 1024, 500)}
STREAMING_BUDGET = 0.3


@dataclass
class Sample:
    """One timed run: wall seconds and the child's peak resident memory in MiB."""

    seconds: float
    peak_mib: float


def run(command: list[str], env: dict[str, str]) -> Sample:
    """Run a command to completion, output discarded; its wall time and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error}")
    return Sample(seconds, usage.ru_maxrss / 1024)


def summary(samples: list[Sample]) -> tuple[float, float, float, float]:
    """Median seconds, lowest, highest, and the highest peak memory."""
    times = [s.seconds for s in samples]
    return statistics.median(times), min(times), max(times), max(s.peak_mib for s in samples)


def verdict(value: float, budget: float | None) -> str:
    """'met' or 'NOT met' against a budget; '' when there is none."""
    if budget is None:
        return ""
    return "met" if value <= budget else "**NOT met**"


def startup(aloe: str, python: str, repeat: int, env: dict[str, str], work: Path) -> list[str]:
    """Start-up on the bundled data, each case interleaved with the minimal Typer app and `python -c pass`."""
    app_file = work / "minimal_typer_app.py"
    app_file.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
    cases = [
        ("python -c pass", [python, "-c", "pass"], None),
        ("minimal Typer app (one no-op command)", [python, str(app_file)], None),
        # Floors: what any data command pays before aloe's own work, measured in the same run.
        (FLOOR_PYDANTIC, [python, "-c", PYDANTIC_FLOOR_CODE], None),
        (FLOOR_DATASET, [python, "-c", DATASET_FLOOR_CODE], None),
        *((name, [aloe, *arguments], budget) for name, arguments, budget in STARTUP_CASES),
    ]
    for _, command, _ in cases:  # warm the file cache and aloe's dataset cache once
        run(command, env)
    samples: dict[str, list[Sample]] = {name: [] for name, _, _ in cases}
    for _ in range(repeat):
        for name, command, _ in cases:
            samples[name].append(run(command, env))
    baseline = statistics.median(s.seconds for s in samples["minimal Typer app (one no-op command)"])
    rows = [
        "| case | median | spread (min-max) | ratio to the minimal Typer app | budget | |",
        "|---|---|---|---|---|---|",
    ]
    floors = {
        name: statistics.median(s.seconds for s in samples[name]) for name in (FLOOR_PYDANTIC, FLOOR_DATASET)
    }
    for name, _, budget in cases:
        median, low, high, _ = summary(samples[name])
        ratio = median / baseline
        budget_text = f"≤ {budget:.1f}x" if budget else ""
        rows.append(
            f"| `{name}` | {median * 1000:.0f} ms | {low * 1000:.0f}-{high * 1000:.0f} ms | {ratio:.2f}x "
            f"| {budget_text} | {verdict(ratio, budget)} |"
        )
    pydantic_floor, dataset_floor = floors[FLOOR_PYDANTIC], floors[FLOOR_DATASET]
    return [
        *rows,
        "",
        "The floors bound the data commands: Typer with Pydantic validation in use, before any of aloe, "
        f"already takes {pydantic_floor / baseline:.2f}x the minimal app, and Typer with aloe's models "
        f"and the bundled dataset loaded takes {dataset_floor / baseline:.2f}x, before a query runs or "
        "anything is printed. The minimal app never builds a Pydantic validator; a command with "
        "options does (Typer converts each option through Pydantic), and so does loading a dataset "
        "into Pydantic models.",
    ]


def scale(aloe: str, sizes: list[int], repeat: int, env: dict[str, str], work: Path) -> list[str]:
    """First and repeated runs on synthetic datasets, with peak memory; the cost of streaming rows."""
    rows = [
        "| records | command | first run | repeated runs: median (min-max) | peak memory first / repeated "
        "| budget first / repeated | |",
        "|---|---|---|---|---|---|---|",
    ]
    streaming: list[str] = []
    for size in sizes:
        dataset = work / f"synthetic-{size}.yaml"
        dataset.write_text(generate(size), encoding="utf-8")
        medians: dict[str, float] = {}
        for name, arguments in SCALE_COMMANDS:
            cache = work / f"cache-{size}-{name.split()[0]}"
            command = [aloe, "--data", str(dataset), *arguments]
            first = run(command, {**env, "ALOE_CACHE_DIR": str(cache)})  # an empty cache: the first run
            repeated = [run(command, {**env, "ALOE_CACHE_DIR": str(cache)}) for _ in range(repeat)]
            median, low, high, peak = summary(repeated)
            medians[name] = median
            first_budget, repeated_budget = TIME_BUDGETS.get((size, name), (None, None))
            memory_first, memory_repeated = MEMORY_BUDGETS.get(size, (None, None))
            budget_text = " / ".join(
                f"{b:.1f} s" if b is not None else "-" for b in (first_budget, repeated_budget)
            )
            verdicts = [verdict(first.seconds, first_budget), verdict(median, repeated_budget)]
            if memory_first is not None:
                budget_text += f"; {memory_first:.0f} / {memory_repeated:.0f} MiB"
                verdicts += [verdict(first.peak_mib, memory_first), verdict(peak, memory_repeated)]
            rows.append(
                f"| {size:,} | `{name}` | {first.seconds:.2f} s | {median:.2f} s ({low:.2f}-{high:.2f}) "
                f"| {first.peak_mib:.0f} / {peak:.0f} MiB | {budget_text} "
                f"| {' '.join(v for v in verdicts if v)} |"
            )
        cost = medians["timeline --format csv"] - medians["validate"]
        budget = STREAMING_BUDGET if size == 10_000 else None
        streaming.append(
            f"| {size:,} | {cost:.2f} s | {f'≤ {budget} s' if budget else ''} | {verdict(cost, budget)} |"
        )
    return [
        *rows,
        "",
        "Streaming every milestone and event as CSV, over loading alone (repeated runs: "
        "`timeline --format csv` minus `validate`):",
        "",
        "| records | streaming adds | budget | |",
        "|---|---|---|---|",
        *streaming,
    ]


def machine() -> list[str]:
    """Where the figures come from."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib import metadata

    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("aloe-cli", "typer", "rich", "pydantic", "PyYAML")
    )
    return [
        f"- Machine: {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable}); {versions}",
        f"- Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    ]


def main() -> None:
    """Run the suite and print (or write) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per start-up case (default 15)")
    parser.add_argument(
        "--scale-repeat", type=int, default=5, help="repeated runs per scale case (default 5)"
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="dataset sizes (default 1000,10000,100000)"
    )
    parser.add_argument("--write", metavar="FILE", help="also write the report to FILE (BENCHMARKS.md)")
    arguments = parser.parse_args()
    bin_folder = Path(sys.executable).parent
    aloe = str(bin_folder / "aloe")
    if not Path(aloe).exists():
        raise SystemExit(f"no aloe beside {sys.executable}: install aloe into this virtual environment first")
    env = {k: v for k, v in os.environ.items() if k not in ("ALOE_DATA", "ALOE_LANG", "NO_COLOR")}
    sizes = [int(size) for size in arguments.sizes.split(",") if size]
    with tempfile.TemporaryDirectory(prefix="aloe-bench-") as folder:
        work = Path(folder)
        env["ALOE_CACHE_DIR"] = str(work / "cache-startup")
        report = [
            "# Benchmarks",
            "",
            "Made by `benchmarks/run.py` (see the README); figures are medians, spreads are min-max.",
            "",
            *machine(),
            "",
            f"## Start-up on the bundled data ({arguments.repeat} runs each, interleaved)",
            "",
            *startup(aloe, sys.executable, arguments.repeat, env, work),
            "",
            "## Scale on synthetic datasets "
            f"(first run with an empty cache, then {arguments.scale_repeat} runs)",
            "",
            *scale(aloe, sizes, arguments.scale_repeat, env, work),
            "",
        ]
    text = "\n".join(report)
    print(text)
    if arguments.write:
        Path(arguments.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
