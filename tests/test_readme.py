"""The README's examples, and those of the reference pages in docs/, are real output: each is run and compared.

Run `python tests/test_readme.py --write` to refresh the outputs after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aloe_cli.cli import app

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]  # the README and the reference it links to
EXAMPLE = re.compile(r"```console\n\$ ((?:COLUMNS=\d+ )?aloe[^\n]*)\n(.*?)```", re.S)
README_COLUMNS = "100"


def run_example(command: str) -> str:
    """The output of one README command, as a 100-column pipe shows it (trailing spaces dropped).

    A command may start with `COLUMNS=N ` to be shown at another width.
    """
    words = shlex.split(command)
    columns = README_COLUMNS
    if words[0].startswith("COLUMNS="):
        columns = words.pop(0).removeprefix("COLUMNS=")
    previous = Path.cwd()
    os.chdir(ROOT)  # the examples name files relative to the repository
    try:
        result = CliRunner().invoke(app, words[1:], env={"COLUMNS": columns})
    finally:
        os.chdir(previous)
    return "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())


EXAMPLES = [example for page in PAGES for example in EXAMPLE.findall(page.read_text(encoding="utf-8"))]


def test_readme_has_examples() -> None:
    commands = [command for command, _ in EXAMPLES]
    assert "aloe events --year 2002" in commands
    assert "aloe workshops --category regulation" in commands


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_real_output(command: str, shown: str) -> None:
    assert run_example(command) == shown


def test_readme_shows_the_example_dataset_whole() -> None:
    example = (ROOT / "examples" / "cooperative-history.yaml").read_text(encoding="utf-8")
    assert any(f"```yaml\n{example}```" in page.read_text(encoding="utf-8") for page in PAGES)


def rewrite_readme() -> None:
    """Replace every example's output with what aloe prints now, in the README and in docs/."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        text = EXAMPLE.sub(lambda m: f"```console\n$ {m[1]}\n{run_example(m[1])}```", text)
        page.write_text(text, encoding="utf-8")


def test_readme_chart_picture_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "chart.svg"
    result = CliRunner().invoke(app, ["chart", "--svg", str(fresh)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert fresh.read_text(encoding="utf-8") == (ROOT / "docs" / "chart.svg").read_text(encoding="utf-8"), (
        "run: COLUMNS=80 aloe chart --svg docs/chart.svg --force"
    )


if __name__ == "__main__" and "--write" in sys.argv:
    rewrite_readme()
