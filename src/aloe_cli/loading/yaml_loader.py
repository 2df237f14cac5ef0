"""A hardened YAML reader: plain strings, lists and mappings only, with positions for error messages.

It builds values from PyYAML's event stream instead of its constructors, so nothing the author did not
write appears: every scalar stays a string (YAML 1.1 would turn `no` into False, `010` into 8, `1:30`
into 90 and `2001-06-15` into a date), no tag constructs an object, anchors and aliases are refused
before any expansion (so an alias bomb costs nothing), and nesting is capped without recursion.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import yaml

from aloe_cli.errors import DatasetInvalid, Problem
from aloe_cli.i18n import N_, _

# libyaml's words for the syntax errors a dataset written by hand runs into (the rest stay libyaml's).
LIBYAML_PROBLEMS = (
    N_("invalid YAML"),
    N_("block sequence entries are not allowed in this context"),
    N_("could not find expected ':'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected comment or line break"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found character that cannot start any token"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("mapping values are not allowed in this context"),
)

# The C parser is 5-10 times faster; PyYAML's wheels ship it, a build without libyaml may not.
# Only its event stream is used: no constructor of either loader ever runs.
_EventSource: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Explicit tags that only restate what a value already is; any other tag is refused.
HARMLESS_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

Path = tuple[str | int, ...]
Position = tuple[int, int]

# libyaml reads YAML 1.1, which breaks lines at U+0085, U+2028 and U+2029; YAML 1.2 and editors read
# them as ordinary characters (`title: before\u2028after` is one title on one line). While a text is
# parsed they stand in private-use characters it does not hold, one for one, so positions keep;
# every key and value gets its own characters back.
_YAML_11_BREAKS = "\x85\u2028\u2029"
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")


@dataclass
class PositionIndex:
    """Where each value and each mapping key of a document starts (1-based line and column)."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, at_key: bool = False) -> Position | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get(())


class _NeedsCarefulPass(Exception):
    """Raised by the fast pass when something needs the careful pass to be reported."""


class _StopReading(Exception):
    """Reading cannot go on past this point (a structural problem already recorded)."""


_MISSING: Any = object()


@dataclass
class _Frame:
    """An open mapping or list while the event stream is read."""

    value: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None  # a mapping's key waiting for its value
    first_key_position: dict[str, Position] = field(default_factory=dict)
    # The pending key repeats an earlier one: its value is read (and checked) but the first is kept.
    discard_value: bool = False


def parse_yaml(text: str, file: str) -> Any:
    """Parse one YAML document into plain Python values, or raise DatasetInvalid with every problem."""
    value, problems = read_yaml(text, file)
    if problems:
        raise DatasetInvalid(file, problems)
    return value


def read_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document, going on past the problems that leave its values known.

    A duplicate key or an anchor leaves every value known (the first value of a repeated key is
    kept, as yamllint does), so the caller can check the rest of the file in the same run; those
    problems are returned beside the value. Anything else (a syntax error, several documents, an
    alias, a merge key, a tag, nesting too deep, a top level that is not a mapping) leaves the
    values unknown and raises DatasetInvalid at once.
    """
    try:
        return _read_fast(text), []
    except (_NeedsCarefulPass, yaml.YAMLError):
        pass
    reader = _Reader(text, file)
    value = reader.read()
    if reader.fatal:
        raise DatasetInvalid(file, reader.problems)
    return value, reader.problems


def index_positions(text: str, file: str, wanted: Iterable[Path]) -> PositionIndex:
    """Re-read a document that parsed cleanly, recording where the `wanted` values and keys start.

    Only the wanted paths and their ancestors are recorded, and no value is kept: a file with a few
    problems costs little more memory than its text, however large or deeply nested it is.
    """
    reader = _Reader(text, file, wanted={path[:end] for path in wanted for end in range(len(path) + 1)})
    reader.read()
    return reader.index


def _yaml_1_2_text(text: str) -> tuple[str, dict[int, str] | None]:
    """The text to parse, and how to give its keys and values their characters back (None: as they are)."""
    breaks = [character for character in _YAML_11_BREAKS if character in text]
    if not breaks:
        return text, None
    taken = set(_PRIVATE_USE.findall(text))
    free = (
        chr(code) for code in (*range(0xE000, 0xF900), *range(0xF0000, 0xFFFFE)) if chr(code) not in taken
    )
    stand_ins = dict(zip(breaks, free, strict=False))
    if len(stand_ins) < len(breaks):  # a file that holds every private-use character: read as YAML 1.1
        return text, None
    return (
        text.translate({ord(old): new for old, new in stand_ins.items()}),
        {ord(new): old for old, new in stand_ins.items()},
    )


@dataclass(frozen=True)
class _Mark:
    """A character offset into the text, shaped like PyYAML's marks."""

    index: int


class _Lines:
    """Lines as editors count them: only a newline ends one (U+2028 ... are ordinary: see _yaml_1_2_text)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def position(self, mark: Any) -> Position:
        """1-based line and column (in characters) of a PyYAML mark, from its character index."""
        line = bisect.bisect_right(self.starts, mark.index)
        return (line, mark.index - self.starts[line - 1] + 1)


_NO_KEY: Any = object()


def _read_fast(text: str) -> Any:  # noqa: PLR0915 - one loop on purpose: a helper costs a call per event
    """The common case in one tight loop: a clean document becomes values, anything else hands over.

    This loop runs once per YAML event (about 50 per record), so it avoids method calls and keeps
    only what a clean document needs; `_Reader` reads the same events slowly and says what is wrong.
    """
    text, originals = _yaml_1_2_text(text)
    parser = _EventSource(text)
    check, get = parser.check_event, parser.get_event
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    skipped = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
    containers: list[Any] = []
    keys: list[Any] = []  # per open container: the pending key of a mapping, None for a list
    root: Any = _MISSING
    documents = 0
    while check():
        event: Any = get()
        kind = event.__class__
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                raise _NeedsCarefulPass
            value = event.value
            if originals is not None:
                value = value.translate(originals)
            if not containers:
                raise _NeedsCarefulPass  # a single value at the top level
            top = containers[-1]
            if keys[-1] is _NO_KEY:  # a mapping waits for a key
                if value in top or (value == "<<" and not event.style):
                    raise _NeedsCarefulPass
                # Keys repeat in every record ('id', 'title', 'sources'): one string each, not one per record.
                keys[-1] = intern(value)
                continue
            if not event.style and value in NULL_WORDS:
                value = None
            if keys[-1] is None:
                top.append(value)
            else:
                top[keys[-1]] = value
                keys[-1] = _NO_KEY
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(containers) >= MAX_DEPTH:
                raise _NeedsCarefulPass
            container: Any = {} if kind is mapping_start else []
            if containers:
                if keys[-1] is _NO_KEY:
                    raise _NeedsCarefulPass  # a list or mapping used as a key
                if keys[-1] is None:
                    containers[-1].append(container)
                else:
                    containers[-1][keys[-1]] = container
                    keys[-1] = _NO_KEY
            elif root is _MISSING:
                root = container
            containers.append(container)
            keys.append(_NO_KEY if kind is mapping_start else None)
        elif kind in ends:
            containers.pop()
            keys.pop()
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _NeedsCarefulPass
        elif kind not in skipped:  # an alias
            raise _NeedsCarefulPass
    if not isinstance(root, dict):
        raise _NeedsCarefulPass  # empty, or not a mapping: the careful pass words it
    return root


class _Reader:
    """Walks the event stream slowly, recording positions and every problem, so they can be reported."""

    def __init__(self, text: str, file: str, wanted: set[Path] | None = None) -> None:
        self.text = text
        self.file = file
        # Only positions are wanted (index_positions): the values are dropped as soon as they are read.
        self.wanted = wanted
        self.lines = _Lines(text)
        self.index = PositionIndex()
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = _MISSING
        self.root_mark: Any = None
        self.fatal = False  # a problem after which the document's values are not known
        self.originals: dict[int, str] | None = None  # see _yaml_1_2_text
        self.skipping = 0  # how deep inside a container being skipped (only positions wanted)

    def report(self, mark: Any, path: Path, message: str, *, fatal: bool = True) -> None:
        """Record a problem at `mark`; `fatal=False` when every value is still known."""
        line, column = self.lines.position(mark) if mark is not None else (1, 1)
        self.problems.append(Problem(self.file, line, column, format_path(path), message))
        self.fatal = self.fatal or fatal

    def _note_position(self, table: dict[Path, Position], path: Path, mark: Any) -> None:
        """Remember where `path` starts (the first time only: a repeated key keeps the first)."""
        if path not in table and (self.wanted is None or path in self.wanted):
            table[path] = self.lines.position(mark)

    def read(self) -> Any:
        """Read the whole document; return its value (None when problems were recorded)."""
        try:
            self._read_events()
        except _StopReading:
            return None
        except yaml.MarkedYAMLError as error:
            reason = _((error.problem or error.context or "invalid YAML").strip())  # libyaml's, translated
            self.report(
                error.problem_mark or error.context_mark,
                (),
                _("YAML syntax error: {reason}").format(reason=reason),
            )
            return None
        except yaml.reader.ReaderError as error:  # a character YAML forbids; it knows only the offset
            message = _("character U+{code} is not allowed in YAML").format(code=f"{error.character:04X}")
            self.report(_Mark(self._character_offset(error.position)), (), message)
            return None
        if self.fatal:
            return None
        if self.root is _MISSING or self.root is None:
            self.report(
                None, (), _("the file is empty: a dataset is a mapping (key: value) at the top level")
            )
        elif not isinstance(self.root, dict):
            found = _("a list") if isinstance(self.root, list) else _("a single value")
            message = _("the top level must be a mapping (key: value), found {found}").format(found=found)
            self.report(self.root_mark, (), message)
        return None if self.fatal else self.root

    def _character_offset(self, offset: int) -> int:
        """A reader error's offset in characters: libyaml gives it in bytes of the UTF-8 text."""
        if _EventSource is yaml.SafeLoader:  # PyYAML's own reader counts characters
            return offset
        return len(self.text.encode("utf-8")[:offset].decode("utf-8", "ignore"))

    def _read_events(self) -> None:
        text, self.originals = _yaml_1_2_text(self.text)
        parser = _EventSource(text)
        documents = 0
        starts, ends = (
            (yaml.MappingStartEvent, yaml.SequenceStartEvent),
            (yaml.MappingEndEvent, yaml.SequenceEndEvent),
        )
        while parser.check_event():
            event: Any = parser.get_event()
            kind = type(event)
            if self.skipping:  # inside a container no wanted path leads into: only find where it ends
                if kind in starts:
                    self.skipping += 1
                elif kind in ends:
                    self.skipping -= 1
                    if not self.skipping:
                        self._finish(None)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.report(
                        event.start_mark, (), _("the file holds several YAML documents (---): keep one")
                    )
                    raise _StopReading
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self._finish(self.stack.pop().value)
            elif kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                self._scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._start_container(event)

    def _check_node(self, event: Any, path: Path) -> None:
        """Refuse anchors and tags that would make the value something other than written."""
        if event.anchor is not None:  # the value is still the one written: reading can go on
            message = _("anchors (&name) are not supported: write the value out")
            self.report(event.start_mark, path, message, fatal=False)
        tag = event.tag
        if tag is not None and tag not in HARMLESS_TAGS and tag != "!":
            self.report(
                event.start_mark,
                path,
                _("YAML tags such as '{tag}' are not supported: remove it").format(tag=tag),
            )

    def _scalar(self, event: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.root_mark = event.start_mark
        path = _child_path(parent)
        expecting_key = parent is not None and isinstance(parent.value, dict) and parent.key is None
        if type(event) is yaml.AliasEvent:
            self.report(event.start_mark, path, _("aliases (*name) are not supported: write the value out"))
            value: Any = f"*{event.anchor}"
        else:
            if event.anchor is not None or event.tag is not None:
                self._check_node(event, path)
            value = event.value if self.originals is None else event.value.translate(self.originals)
            if not event.style and value in NULL_WORDS and not expecting_key:  # plain: '' (C) or None
                value = None
        if expecting_key:
            assert parent is not None
            self._open_key(parent, value, event)
            return
        self._note_position(self.index.values, path, event.start_mark)
        self._finish(value)

    def _start_container(self, event: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.root_mark = event.start_mark
        path = _child_path(parent)
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            self.report(event.start_mark, path, _("a key must be plain text, not a list or a mapping"))
            raise _StopReading
        if len(self.stack) >= MAX_DEPTH:
            self.report(
                event.start_mark, path, _("the data nests deeper than {depth} levels").format(depth=MAX_DEPTH)
            )
            raise _StopReading
        if event.anchor is not None or event.tag is not None:
            self._check_node(event, path)
        self._note_position(self.index.values, path, event.start_mark)
        if self.wanted is not None and path not in self.wanted:
            self.skipping = 1  # nothing inside is wanted: its events are only counted (see _read_events)
            return
        container: dict[str, Any] | list[Any] = {} if type(event) is yaml.MappingStartEvent else []
        self.stack.append(_Frame(container, path))

    def _open_key(self, parent: _Frame, key: str, event: Any) -> None:
        """Record a mapping key; a repeated key is reported with both positions."""
        assert isinstance(parent.value, dict)
        path = (*parent.path, key)
        if type(event) is yaml.ScalarEvent and not event.style and key == "<<":
            self.report(event.start_mark, path, _("merge keys (<<) are not supported: write the fields out"))
        if key in parent.value:
            first = parent.first_key_position.get(key)
            where = (
                _(" (first at line {line}, column {column})").format(line=first[0], column=first[1])
                if first
                else ""
            )
            self.report(
                event.start_mark,
                path,
                _("duplicate key '{key}'{where}: keep one").format(key=key, where=where),
                fatal=False,
            )
        if self.wanted is None:  # the careful pass, which reports repeated keys with both positions
            parent.first_key_position.setdefault(key, self.lines.position(event.start_mark))
        self._note_position(self.index.keys, path, event.start_mark)
        parent.key = key
        parent.discard_value = key in parent.value

    def _finish(self, value: Any) -> None:
        """Put a finished value into its parent, or make it the document's root."""
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if self.wanted is not None:
            value = None  # only positions are wanted: keep the keys and the count, not the values
        if isinstance(parent.value, list):
            parent.value.append(value)
        else:
            assert parent.key is not None
            if not parent.discard_value:
                parent.value[parent.key] = value
            parent.key = None
            parent.discard_value = False


def _child_path(parent: _Frame | None) -> Path:
    """The path of the value about to be read inside `parent`."""
    if parent is None:
        return ()
    if isinstance(parent.value, list):
        return (*parent.path, len(parent.value))
    return (*parent.path, parent.key) if parent.key is not None else parent.path


MAX_SHOWN_PATH = 8


def format_path(path: Path) -> str:
    """`('events', 3, 'date')` -> `events[3].date` (a very deep path keeps its first and last steps)."""
    if len(path) > MAX_SHOWN_PATH:
        head, tail = format_path(path[:4]), format_path(path[-3:])
        return f"{head}…{tail if tail.startswith('[') else '.' + tail}"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
