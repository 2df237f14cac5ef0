"""Option values read without building a Pydantic validator per option: about 11 ms of every run.

Typer 0.29 converts each option's value through a Pydantic TypeAdapter it builds the first time the
option is read. aloe's options hold text, whole numbers and choices from an Enum: those values are read
here directly. Any other type, and any value that does not read cleanly, goes to Typer's own
conversion, so what is accepted and every error message stay Typer's.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from enum import Enum
from typing import Any

import typer

from aloe_cli.i18n import _

_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def read_values_plainly(params: Iterable[Any]) -> None:
    """Give each parameter that Typer has not yet prepared the plain reading."""
    for param in params:
        # Typer's lazily built converter: None until first used. Another Typer may lack it: then
        # nothing changes, and `test_options_are_read_without_pydantic` says so.
        if getattr(param, "_runtime_param", "absent") is None and hasattr(param, "type_descriptor"):
            param._runtime_param = PlainReading(param.type_descriptor.annotation)


class PlainReading:
    """Reads a value of a plain type; hands anything else to Typer's own converter."""

    def __init__(self, annotation: Any) -> None:
        self.annotation = annotation

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """The option's value as its type (the interface Typer calls)."""
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        read, result = plain_value(self.annotation, value)
        if read and multiple == isinstance(result, list):
            _check_range(result, param)
            return result
        param._runtime_param = None  # Typer builds its own converter, which also words the error
        return param.get_runtime_param().coerce(value, param=param, ctx=ctx)


def _check_range(value: Any, param: Any) -> None:
    """Refuse a number outside the option's `min`..`max`, naming the range (a usage error, exit 2)."""
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, bool) or not isinstance(item, int | float):
            continue
        if (low is not None and item < low) or (high is not None and item > high):
            if low is not None and high is not None:
                wording = _("{value} is out of range: give a number from {low} to {high}")
            elif low is not None:
                wording = _("{value} is out of range: give a number of at least {low}")
            else:
                wording = _("{value} is out of range: give a number of at most {high}")
            shown = str(item) if len(str(item)) <= 20 else f"{str(item)[:20]}…"
            raise typer.BadParameter(wording.format(value=shown, low=low, high=high), param=param)


def unknown_choice(choices: type[Enum], value: str) -> str:
    """The error for a value that is no choice: the choices, a close one, or where that value is found."""
    import difflib  # only for a value that is no choice

    values = [str(member.value) for member in choices]
    shown = value if len(value) <= 40 else f"{value[:40]}…"
    message = _("'{value}' is not one of {choices}").format(value=shown, choices=", ".join(values))
    close = difflib.get_close_matches(value.casefold(), values, n=1)
    elsewhere = getattr(choices, "elsewhere", None)
    hint = elsewhere(value) if callable(elsewhere) else None
    if hint:
        message += f"; {hint}"
    elif close:
        message += _("; did you mean '{choice}'?").format(choice=close[0])
    return message


def plain_value(annotation: Any, value: Any) -> tuple[bool, Any]:
    """(True, the value as its annotation's type): text, numbers, flags, Enum values; else (False, None)."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType) and len(arguments) == 2 and type(None) in arguments:
        annotation = next(a for a in arguments if a is not type(None))
        origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list and len(arguments) == 1 and isinstance(value, list | tuple):
        items = [plain_value(arguments[0], item) for item in value]
        return all(read for read, _ in items), [item for _, item in items]
    if not isinstance(annotation, type) or isinstance(value, list | tuple):
        return False, None
    if isinstance(value, annotation) and (annotation is bool or not isinstance(value, bool)):
        return True, value
    if isinstance(value, str) and annotation is int and _WHOLE_NUMBER.fullmatch(value):
        return True, int(value)
    if isinstance(value, str) and issubclass(annotation, Enum):  # a choice, in any case
        member = next((m for m in annotation if str(m.value).casefold() == value.casefold()), None)
        if member is None:
            raise typer.BadParameter(unknown_choice(annotation, value))
        return True, member
    return False, None
