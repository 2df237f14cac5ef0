"""aloe's benchmark suite: start-up against a minimal Typer app, and scale on synthetic datasets.

Run it with the Python of the virtual environment aloe is installed in (see BENCHMARKS.md):

    .venv/bin/python benchmarks/run.py --write BENCHMARKS.md

Every figure is a median over repeated runs, with its spread (lowest and highest); ratios compare
medians measured side by side in the same run, the cases interleaved so that a busy moment of the
machine falls on all of them alike. Start-up is timed both piped (output to a pipe, as in a script) and
on a terminal (a pseudo-terminal of 80 by 24, as a person sees it: there aloe draws with Rich). Timings
are never test assertions: this script only reports.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, generate_sheet
from memory import SHAPES, memory_rows

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def noop() -> None:
    pass


app()
"""

FLOOR_DATASET = "floor: Typer, aloe's models and the bundled dataset loaded (no command, no option read)"
# What every data command of aloe does before its own work: Typer imported (aloe reads option values
# itself, so not Typer's Pydantic adapters), the models defined, the bundled snapshot read.
DATASET_FLOOR_CODE = (
    "import gc\ngc.disable()\nimport typer, typer.main\nfrom aloe_cli.loading.dataset import load_dataset\n"
    "from aloe_cli.loading.source import DatasetSource\nload_dataset(DatasetSource(None))"
)
MINIMAL = "minimal Typer app (one no-op command)"
# Budgets of issue 20, as ratios to the minimal Typer app measured in the same run and the same way
# (piped, or on a terminal): (piped, on a terminal).
STARTUP_CASES = [
    ("aloe --version", ["--version"], (0.6, 0.6)),
    ("aloe --help", ["--help"], (0.6, 0.6)),
    ("aloe events --year 2002", ["events", "--year", "2002"], (1.1, 1.2)),
    ("aloe timeline", ["timeline"], (1.1, 1.2)),
    ("aloe timeline --format json", ["timeline", "--format", "json"], (1.1, 1.2)),
    ("aloe workshops --category regulation", ["workshops", "--category", "regulation"], (1.1, 1.2)),
    ("aloe show dakar-2005", ["show", "dakar-2005"], (1.1, 1.2)),
    ("aloe lineage", ["lineage"], (1.1, 1.2)),
    ("aloe search findhorn", ["search", "findhorn"], (1.1, 1.2)),
    ("aloe gaps", ["gaps"], (1.1, 1.2)),
    ("aloe chart", ["chart"], (1.1, 1.2)),
    ("aloe export --to html", ["export", "--to", "html"], (1.1, 1.2)),
    # The same questions in French: the catalogue read, dates and labels in French (issue 21).
    ("aloe --lang fr --help", ["--lang", "fr", "--help"], (0.6, 0.6)),
    ("aloe --lang fr timeline", ["--lang", "fr", "timeline"], (1.1, 1.2)),
    ("aloe --lang fr events --year 2002", ["--lang", "fr", "events", "--year", "2002"], (1.1, 1.2)),
    ("aloe --lang fr show dakar-2005", ["--lang", "fr", "show", "dakar-2005"], (1.1, 1.2)),
    ("aloe --lang fr export --to html", ["--lang", "fr", "export", "--to", "html"], (1.1, 1.2)),
]
SCALE_COMMANDS = [
    ("validate", ["validate"]),
    ("events --year 2002 --format json", ["events", "--year", "2002", "--format", "json"]),
    ("timeline --format csv", ["timeline", "--format", "csv"]),
]
# (first run, repeated run) as ratios to the minimal Typer app, per size and command.
TIME_BUDGETS = {
    (10_000, "events --year 2002 --format json"): (10.0, 1.5),
    (100_000, "events --year 2002 --format json"): (None, 8.0),
}
MEMORY_BUDGETS = {100_000: (1024, 500)}  # MiB: first run, repeated run
# `aloe import` of a sheet of so many rows: within the first-run memory budget of a dataset that size.
IMPORT_MEMORY_BUDGETS = {100_000: 1024}  # MiB


@dataclass
class Sample:
    """One timed run: wall seconds and the child's peak resident memory in MiB."""

    seconds: float
    peak_mib: float


def run(command: list[str], env: dict[str, str], terminal: bool = False) -> Sample:
    """Run a command to completion, output discarded (or read from its terminal); its time and peak memory."""
    if terminal:
        return run_on_terminal(command, env)
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


def run_on_terminal(command: list[str], env: dict[str, str]) -> Sample:
    """Run a command with a pseudo-terminal of 80 by 24 as its stdout and stderr, reading all it shows.

    The pager is left out (`ALOE_PAGER=cat` would time `cat`; a person's pager waits for them): aloe's
    global `--no-pager` is given to aloe's own commands, the minimal app needs none.
    """
    controller, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env={**env, "TERM": "xterm-256color"},
    )
    os.close(terminal)
    shown = bytearray()
    while True:  # the terminal must be read as the command writes, or a long answer would wait on it
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal is gone once the command has exited
            break
        if not chunk:
            break
        shown += chunk
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    os.close(controller)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed on a terminal: {shown[-500:].decode(errors='replace')}")
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


def startup(
    aloe: str, python: str, repeat: int, env: dict[str, str], minimal: list[str], warm: bool = True
) -> list[str]:
    """Start-up on the bundled data, piped and on a terminal, interleaved with the minimal Typer app."""
    cases: list[tuple[str, list[str], list[str], tuple[float, float] | None]] = [
        ("python -c pass", [python, "-c", "pass"], [python, "-c", "pass"], None),
        (MINIMAL, minimal, minimal, None),
        (FLOOR_DATASET, [python, "-c", DATASET_FLOOR_CODE], [python, "-c", DATASET_FLOOR_CODE], None),
        *(
            (name, [aloe, *arguments], [aloe, "--no-pager", *arguments], budgets)
            for name, arguments, budgets in STARTUP_CASES
        ),
    ]
    ways = (False, True)  # piped, on a terminal
    for _, piped, shown, _ in cases if warm else []:  # compile bytecode, warm the file cache
        run(piped, env)
        run(shown, env, terminal=True)
    samples: dict[tuple[str, bool], list[Sample]] = {(name, way): [] for name, *_ in cases for way in ways}
    for _ in range(repeat):
        for name, piped, shown, _ in cases:
            samples[(name, False)].append(run(piped, env))
            samples[(name, True)].append(run(shown, env, terminal=True))
    baselines = {way: statistics.median(s.seconds for s in samples[(MINIMAL, way)]) for way in ways}
    floors = {way: statistics.median(s.seconds for s in samples[(FLOOR_DATASET, way)]) for way in ways}
    rows = [
        "| case | piped: median (min-max) | ratio | budget | "
        "| on a terminal: median (min-max) | ratio | budget | |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    missed = []
    for name, _, _, budgets in cases:
        cells = []
        for way in ways:
            median, low, high, _ = summary(samples[(name, way)])
            ratio = median / baselines[way]
            budget = None if budgets is None else budgets[way]
            budget_text = f"≤ {budget:.1f}x" if budget else ""
            cells.append(
                f"{median * 1000:.0f} ms ({low * 1000:.0f}-{high * 1000:.0f}) | {ratio:.2f}x | {budget_text} "
                f"| {verdict(ratio, budget)}"
            )
            if budget is not None and ratio > budget:
                where = "on a terminal" if way else "piped"
                missed.append(
                    f"- `{name}` {where}: {ratio:.2f}x against ≤ {budget:.1f}x. The floor measures "
                    f"{floors[way] * 1000:.0f} ms ({floors[way] / baselines[way]:.2f}x) the same way in this "
                    f"run; the command's own work adds {(median - floors[way]) * 1000:.0f} ms to it."
                )
        rows.append(f"| `{name}` | {' | '.join(cells)} |")
    rows += [
        "",
        "Ratios are to the minimal Typer app run the same way (piped or on a terminal) in this run. The "
        "floor is what every data command does before its own work: Typer imported (aloe reads its "
        "options' values itself, so not Typer's Pydantic adapters, which the minimal app loads), aloe's "
        "models defined, the bundled snapshot read into records. `--help` and `--version` answer before "
        "any of that. On a terminal aloe's commands run with `--no-pager`, and draw with Rich.",
    ]
    if missed:
        rows += ["", "### Start-up budgets not met, and what bounds them", "", *missed]
    return rows


def alongside(
    command: list[str], minimal: list[str], repeat: int, env: dict[str, str]
) -> tuple[list[Sample], float]:
    """Repeated runs of a command, each right after a run of the minimal Typer app; and that app's median.

    A case's ratio is to the minimal app measured beside it: a scale run lasts minutes, in which this
    machine's speed drifts by a tenth or more, so a baseline taken once at the start would drift with it.
    """
    samples, baselines = [], []
    for _ in range(repeat):
        baselines.append(run(minimal, env).seconds)
        samples.append(run(command, env))
    return samples, statistics.median(baselines)


def scale(
    aloe: str, sizes: list[int], repeat: int, env: dict[str, str], work: Path, minimal: list[str]
) -> list[str]:
    """First and repeated runs on synthetic datasets, with peak memory; the cost of streaming rows."""
    rows = [
        "| records | command | first run | repeated runs: median (min-max) | minimal app beside them "
        "| ratio first / repeated | peak memory first / repeated | budget | |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    streaming: list[str] = []
    floors: list[str] = []
    medians: dict[tuple[int, str], float] = {}
    baselines: dict[tuple[int, str], float] = {}  # the minimal app's median, run beside each case
    missed: list[tuple[int, str, float]] = []  # (size, command, budget) of repeated runs over budget
    entry_floors: dict[int, tuple[float, float]] = {}  # the floor, and the minimal app's beside it
    for size in sizes:
        dataset = work / f"synthetic-{size}.yaml"
        dataset.write_text(generate(size), encoding="utf-8")
        caches: dict[str, Path] = {}
        for name, arguments in SCALE_COMMANDS:
            cache = caches[name] = work / f"cache-{size}-{name.split()[0]}"
            command = [aloe, "--data", str(dataset), *arguments]
            first = run(command, {**env, "ALOE_CACHE_DIR": str(cache)})  # an empty cache: the first run
            repeated, baseline = alongside(command, minimal, repeat, {**env, "ALOE_CACHE_DIR": str(cache)})
            median, low, high, peak = summary(repeated)
            medians[(size, name)], baselines[(size, name)] = median, baseline
            first_budget, repeated_budget = TIME_BUDGETS.get((size, name), (None, None))
            if repeated_budget is not None and median / baseline > repeated_budget:
                missed.append((size, name, repeated_budget))
            memory_first, memory_repeated = MEMORY_BUDGETS.get(size, (None, None))
            budgets = [f"first ≤ {first_budget:.1f}x" if first_budget else "",
                       f"repeated ≤ {repeated_budget:.1f}x" if repeated_budget else ""]  # fmt: skip
            verdicts = [
                verdict(first.seconds / baseline, first_budget),
                verdict(median / baseline, repeated_budget),
            ]
            if memory_first is not None:
                budgets += [f"peak ≤ {memory_first:.0f} / {memory_repeated:.0f} MiB"]
                verdicts += [verdict(first.peak_mib, memory_first), verdict(peak, memory_repeated)]
            rows.append(
                f"| {size:,} | `{name}` | {first.seconds:.2f} s | {median:.2f} s ({low:.2f}-{high:.2f}) "
                f"| {baseline * 1000:.0f} ms | {first.seconds / baseline:.1f}x / {median / baseline:.2f}x "
                f"| {first.peak_mib:.0f} / {peak:.0f} MiB | {'; '.join(b for b in budgets if b)} "
                f"| {' '.join(v for v in verdicts if v)} |"
            )
        floor_row, entry_seconds = entry_floor(size, caches["validate"], repeat, env, minimal)
        floors.append(floor_row)
        if entry_seconds is not None:
            entry_floors[size] = entry_seconds
        streaming.append(streaming_cost(aloe, dataset, caches["timeline --format csv"], size, repeat, env))
    return [
        *rows,
        "",
        "The floor of a repeated run: start-up and reading the cache entry, before any record is built "
        "(Typer imported, the entry read, its keyed checksum checked, its head parsed: where "
        "each record starts and each dated record's possible days; the collector paused as aloe pauses it). "
        "The rest of a repeated run is building the records the command reads (a question about a "
        "period, only those the index lets through) and the answer:",
        "",
        "| records | floor: imports, the entry checked and its index parsed | ratio | entry size |",
        "|---|---|---|---|",
        *floors,
        "",
        "Streaming every milestone and event as CSV, over loading alone: `timeline --format csv` and "
        "`validate` run back to back on the same cache, the difference taken pair by pair:",
        "",
        "| records | streaming adds: median of pairs (min-max) |",
        "|---|---|",
        *streaming,
        *bounds(missed, medians, baselines, entry_floors),
    ]


def bounds(
    missed: list[tuple[int, str, float]],
    medians: dict[tuple[int, str], float],
    baselines: dict[tuple[int, str], float],
    entry_floors: dict[int, tuple[float, float]],
) -> list[str]:
    """For each repeated-run budget not met: the figure, and the floors under it, from this same run."""
    if not missed:
        return []
    lines = ["", "### Budgets not met, and what bounds them", ""]
    for size, name, budget in missed:
        median, baseline = medians[(size, name)], baselines[(size, name)]
        load, load_baseline = medians[(size, "validate")], baselines[(size, "validate")]
        spent = ""
        if size in entry_floors:
            floor, floor_baseline = entry_floors[size]
            spent = (
                f"The floor (start-up, the entry read and checked, its index parsed; no record built) takes "
                f"{floor:.2f} s ({floor / floor_baseline:.1f}x): the command spends the other "
                f"{median - floor:.2f} s building the records it reads and its answer. "
            )
        lines.append(
            f"- {size:,} records, `{name}`, repeated: {median:.2f} s ({median / baseline:.2f}x) against "
            f"≤ {budget:.1f}x ({budget * baseline:.2f} s). {spent}Building every record (`validate` "
            f"repeated, no question asked) takes {load:.2f} s ({load / load_baseline:.1f}x)."
        )
    return lines


# What every repeated run does before it builds a record: start-up, the cache's secret and the entry
# read, its keyed checksum checked, its head (the index of where each record starts and of its possible
# days) parsed. The collector paused, as aloe pauses it while it loads.
ENTRY_FLOOR_CODE = (
    "import gc\ngc.disable()\nimport sys, os, json, hmac, hashlib, typer, typer.main\n"
    "secret = open(os.path.join(os.path.dirname(sys.argv[1]), 'secret'), 'rb').read()\n"
    "data = open(sys.argv[1], 'rb').read()\nchecksum, key, head, body = data.split(b'\\n', 3)\n"
    "digest = hmac.new(secret, data[len(checksum) + 1 :], hashlib.sha256).hexdigest().encode()\n"
    "assert hmac.compare_digest(digest, checksum)\njson.loads(head)"
)


def entry_floor(
    size: int, cache: Path, repeat: int, env: dict[str, str], minimal: list[str]
) -> tuple[str, tuple[float, float] | None]:
    """The floor of a repeated run: start-up, the cache entry read and checked, its head parsed."""
    entry = next(cache.glob("*.json"), None)
    if entry is None:
        return f"| {size:,} | no cache entry: a file under 256 KiB is validated at each run | | |", None
    samples, baseline = alongside([sys.executable, "-c", ENTRY_FLOOR_CODE, str(entry)], minimal, repeat, env)
    median, low, high, _ = summary(samples)
    mib = entry.stat().st_size / 2**20
    return (
        f"| {size:,} | {median:.2f} s ({low:.2f}-{high:.2f}) | {median / baseline:.1f}x | {mib:.0f} MiB |",
        (median, baseline),
    )


def streaming_cost(aloe: str, dataset: Path, cache: Path, size: int, repeat: int, env: dict[str, str]) -> str:
    """Paired runs: each CSV run timed right after a `validate` run on the same, warm cache."""
    environment = {**env, "ALOE_CACHE_DIR": str(cache)}
    differences = []
    for _ in range(repeat):
        loading = run([aloe, "--data", str(dataset), "validate"], environment)
        streamed = run([aloe, "--data", str(dataset), "timeline", "--format", "csv"], environment)
        differences.append(streamed.seconds - loading.seconds)
    return (
        f"| {size:,} | {statistics.median(differences):.2f} s "
        f"({min(differences):.2f}-{max(differences):.2f}) |"
    )


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


def imports(aloe: str, sizes: list[int], repeat: int, env: dict[str, str], work: Path) -> list[str]:
    """`aloe import` of TimelineJS sheets (CSV) of each size: time, time per 1,000 rows, peak memory."""
    rows = [
        "| rows | import: median (min-max) | per 1,000 rows | peak memory | budget | |",
        "|---|---|---|---|---|---|",
    ]
    for size in sizes:
        sheet = work / f"sheet-{size}.csv"
        sheet.write_text(generate_sheet(size), encoding="utf-8", newline="")
        target = work / f"imported-{size}.yaml"
        samples = [
            run([aloe, "import", str(sheet), "-o", str(target), "--force"], env) for _ in range(repeat)
        ]
        median, low, high, peak = summary(samples)
        budget = IMPORT_MEMORY_BUDGETS.get(size)
        rows.append(
            f"| {size:,} | {median:.2f} s ({low:.2f}-{high:.2f}) | {median / size * 1000:.3f} s "
            f"| {peak:.0f} MiB | {f'peak ≤ {budget} MiB' if budget else ''} | {verdict(peak, budget)} |"
        )
    return [
        *rows,
        "",
        "Each sheet is made by `benchmarks/generate.py` (`generate_sheet`): the template's columns, years, "
        "months and days, ranges, vague display dates, HTML text with a quoted newline, media on a third "
        "of the rows, five groups. The import reads the sheet row by row, builds the dataset, checks it "
        "with aloe's own validation (about half the time) and writes it.",
    ]


def main() -> None:
    """Run the suite and print (or write) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per start-up case (default 15)")
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="skip the first, untimed run of each case (a test's quick check)",
    )
    parser.add_argument(
        "--scale-repeat", type=int, default=5, help="repeated runs per scale case (default 5)"
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="dataset sizes (default 1000,10000,100000)"
    )
    parser.add_argument(
        "--memory-mib", type=float, default=8, help="size of each file validation's memory is measured on"
    )
    parser.add_argument(
        "--import-sizes",
        default="10000,100000",
        help="rows of the sheets `aloe import` reads (default 10000,100000)",
    )
    parser.add_argument("--write", metavar="FILE", help="also write the report to FILE (BENCHMARKS.md)")
    arguments = parser.parse_args()
    bin_folder = Path(sys.executable).parent
    aloe = str(bin_folder / "aloe")
    if not Path(aloe).exists():
        raise SystemExit(f"no aloe beside {sys.executable}: install aloe into this virtual environment first")
    # A person's own environment: no aloe settings, and Python writing bytecode as it does by default
    # (with PYTHONDONTWRITEBYTECODE, an editable install would compile aloe at every run).
    unset = ("ALOE_DATA", "ALOE_LANG", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    sizes = [int(size) for size in arguments.sizes.split(",") if size]
    with tempfile.TemporaryDirectory(prefix="aloe-bench-") as folder:
        work = Path(folder)
        env["ALOE_CACHE_DIR"] = str(work / "cache-startup")
        app_file = work / "minimal_typer_app.py"
        app_file.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        minimal = [sys.executable, str(app_file)]
        startup_rows = startup(
            aloe, sys.executable, arguments.repeat, env, minimal, warm=not arguments.no_warm_up
        )
        scale_rows = scale(aloe, sizes, arguments.scale_repeat, env, work, minimal)
        import_sizes = [int(size) for size in arguments.import_sizes.split(",") if size]
        import_rows = imports(aloe, import_sizes, arguments.scale_repeat, env, work)
        report = [
            "# Benchmarks",
            "",
            "Made by `benchmarks/run.py` (see docs/speed.md); figures are medians, spreads are min-max.",
            "",
            *machine(),
            "",
            f"## Start-up on the bundled data ({arguments.repeat} runs each, interleaved)",
            "",
            *startup_rows,
            "",
            "## Scale on synthetic datasets "
            f"(first run with an empty cache, then {arguments.scale_repeat} runs)",
            "",
            *scale_rows,
            "",
            f"## Validation's memory per input MiB (files of about {arguments.memory_mib:g} MiB)",
            "",
            *memory_rows(arguments.memory_mib, list(SHAPES)),
            "",
            f"## Import of a TimelineJS sheet ({arguments.scale_repeat} runs each)",
            "",
            *import_rows,
            "",
        ]
    text = "\n".join(report)
    print(text)
    if arguments.write:
        Path(arguments.write).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
