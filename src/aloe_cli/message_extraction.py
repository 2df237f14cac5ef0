"""Finds aloe's user-facing strings in its source, for Babel's `pybabel extract` (see `babel.cfg`).

A tool of translators and of the tests, never imported by a run. Beside the calls to `_`, `N_` and
`ngettext` that gettext tools find anyway, it finds what Typer shows without a call: the `help=` (and
`short_help=`, `epilog=`) of options and commands, and the docstrings of commands, each paragraph a message
of its own (`cli/application.py:translate_help` translates them paragraph by paragraph).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from aloe_cli.i18n import paragraphs

HELP_KEYWORDS = frozenset({"help", "short_help", "epilog"})
CALLS = {"_": 1, "N_": 1, "gettext": 1, "ngettext": 2}


def messages_in(source: str) -> Iterator[tuple[int, str, str | tuple[str, str], list[str]]]:
    """(line, function, message, comments) for each user-facing string in a module's source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            count = CALLS.get(name or "")
            if count and all(_text(argument) is not None for argument in node.args[:count]):
                texts = [_text(argument) or "" for argument in node.args[:count]]
                yield node.lineno, name or "_", texts[0] if count == 1 else (texts[0], texts[1]), []
            for keyword in node.keywords:
                text = _text(keyword.value)
                if keyword.arg in HELP_KEYWORDS and text:
                    for part in paragraphs(text):
                        yield keyword.value.lineno, "_", part, []
        elif isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node)
            if docstring:
                for part in paragraphs(docstring):
                    yield node.body[0].lineno, "_", part, []


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_command(decorator: ast.expr) -> bool:
    """`@app.command(...)`, `@app.callback()`: a function whose docstring Typer shows as help."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr in ("command", "callback")


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str, str], list[str]]]:
    """Babel's extraction method interface (`[extractors]` in babel.cfg)."""
    yield from messages_in(fileobj.read().decode(options.get("encoding", "utf-8")))
