"""The rules a dataset's values follow, written as plain data that Pydantic reads when it validates.

A record is a frozen dataclass (`models.py`); each rule of its fields is an object in its annotation's
`Annotated[...]` metadata with the hooks Pydantic looks for (`__get_pydantic_core_schema__`,
`__get_pydantic_json_schema__`). A run that reads validated data (the bundled snapshot, a cache entry)
builds records without validating them, so it never imports Pydantic: these hooks import it only when
`loading/validation.py` or `schema.py` asks Pydantic to validate or describe a record.
"""

from collections.abc import Callable
from typing import Any


class Rule:
    """Constraints that pydantic-core checks itself, no Python call per value: a pattern, a minimum length."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        """The schema of the annotated type, with these constraints ('pattern', 'min_length' ...) added."""
        return {**handler(source), **self.constraints}


class Before:
    """A function applied to the raw value before it is validated: plain text stands for English."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        """The annotated type's schema, run after the function."""
        from pydantic_core import core_schema  # validation only: a reading run never loads Pydantic

        return core_schema.no_info_before_validator_function(self.function, handler(source))


class Parsed:
    """A value read by a function of aloe's own, and written back as text (an EDTF date is its text)."""

    def __init__(self, parse: Callable[[Any], Any], as_text: Callable[[Any], str] | None = None) -> None:
        self.parse = parse
        self.as_text = as_text

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        """The function's schema in place of the type's, with its serializer where it has one."""
        from pydantic_core import core_schema  # validation only: a reading run never loads Pydantic

        serialization = None
        if self.as_text is not None:
            serialization = core_schema.plain_serializer_function_ser_schema(
                self.as_text, return_schema=core_schema.str_schema()
            )
        return core_schema.no_info_plain_validator_function(self.parse, serialization=serialization)


class JsonSchema:
    """What an editor is told of the value, in place of what Pydantic would derive from its type."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Callable[[Any], Any]) -> Any:
        """The schema given, whatever the type's would be."""
        return dict(self.schema)


def invalid(kind: str, message: str, context: dict[str, Any] | None = None) -> Exception:
    """An error Pydantic reports at the value's place, under aloe's own kind ('aloe_edtf') and words."""
    from pydantic_core import PydanticCustomError  # validation only: the rules run only when validating

    return PydanticCustomError(kind, message, context)
