"""Entries of a foreign file made into an aloe dataset: records citing the file, dates at their precision.

Nothing is made up. Every record cites the imported file (a source of kind `import`, with the row or
JSON path as the place in it), so that nothing looks better sourced than the file was. A date that
cannot be read leaves its record undated, the date's text kept in the record's note, and is listed as
a problem; a headline that is missing is a problem too (with --keep-going the record is titled by its
place in the file, in brackets, as a title we supplied).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, get_args

from aloe_cli.i18n import _
from aloe_cli.importing import GroupAs
from aloe_cli.importing.dates import DateProblem, edtf_of
from aloe_cli.importing.entries import Entry, ImportedMedium, ImportProblem
from aloe_cli.importing.html_text import plain_text
from aloe_cli.importing.ids import IdMaker, slug
from aloe_cli.importing.yaml_text import lines_of, list_lines
from aloe_cli.model.models import MediaKind

_PICTURE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif|tiff?|bmp)$", re.IGNORECASE)
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|odt|rtf|txt|epub)$", re.IGNORECASE)
_VIDEO_HOSTS = ("youtube.com/", "youtu.be/", "vimeo.com/", "dailymotion.com/")
_AUDIO = re.compile(r"soundcloud\.com/|\.(?:mp3|ogg|oga|wav|m4a|flac)$", re.IGNORECASE)
# aloe's own TimelineJS export puts milestones and events in groups named so: they say the record's kind.
KIND_GROUPS = {"Milestones": "milestones", "Events": "events"}
MEDIA_KINDS = frozenset(get_args(MediaKind))


@dataclass(frozen=True)
class ImportSettings:
    """What the user chose, and what the run knows of the file."""

    file_name: str  # as the user named it, for messages
    base_name: str  # the file's own name, for the source record
    format_words: str  # 'TimelineJS JSON', 'a TimelineJS sheet (CSV)' ...
    group_as: GroupAs = GroupAs.category
    title: str | None = None
    read_on: date = field(default_factory=date.today)
    version: str = ""


@dataclass
class ImportResult:
    """The dataset as YAML text, what could not be taken as it is, and how many records of each kind."""

    text: str
    problems: list[ImportProblem]
    counts: dict[str, int]


class DatasetBuilder:
    """Collects entries as they stream in and writes the dataset when they are all read."""

    def __init__(self, settings: ImportSettings) -> None:
        self.settings = settings
        self.ids = IdMaker()
        self.source_id = self.ids.make("imported-" + slug(settings.base_name), fallback="imported-file")
        self.lists: dict[str, list[dict[str, Any]]] = {
            "organisations": [], "eras": [], "milestones": [], "events": [], "categories": [],
        }  # fmt: skip
        self.groups: dict[str, str] = {}  # group text -> the id of the record it became
        self.era_ids: dict[str, str] = {}  # aloe's CSV: an era's id in the file -> its id here
        self.problems: list[ImportProblem] = []
        self.title = ""
        self.description = ""

    def add(self, entry: Entry) -> None:
        """Take one entry: the title slide, an era, or a slide that becomes a milestone or an event."""
        if entry.role == "title" and not self.title:
            self.title, self.description = entry.headline, entry.text
            return
        record: dict[str, Any] = {"id": ""}
        title = entry.headline
        if not title:
            self.problems.append(
                ImportProblem(entry.where.at(_headline_part(entry)), _("no headline: a record needs a title"))
            )
            title = f"[{entry.where.locator}, no headline]"
        record["id"] = self.ids.make(
            entry.unique_id, entry.headline, fallback=f"record-{entry.where.locator}"
        )
        record["title"] = title
        dates, unread = self._dates(entry)
        list_name = entry.kind or (
            "eras" if entry.role == "era" else KIND_GROUPS.get(entry.group, "milestones")
        )
        if list_name != "eras":
            record["summary"] = entry.text or None
        record["dates"] = dates
        if entry.group and entry.group not in KIND_GROUPS and list_name != "eras":
            self._group(record, entry.group)
        if list_name == "eras" and entry.unique_id:
            self.era_ids[entry.unique_id] = record["id"]
        if entry.era:
            if entry.era in self.era_ids:
                record["era"] = self.era_ids[entry.era]
            else:
                entry.notes.append(
                    f"The file puts it in the era '{entry.era}', which the file does not hold."
                )
        notes = [*entry.notes, *unread]
        record["media"] = [self._medium(medium, notes) for medium in entry.media]
        record["media"] = [medium for medium in record["media"] if medium]
        record["sources"] = [{"source": self.source_id, "locator": entry.where.locator}]
        record["note"] = " ".join(notes) or None
        self.lists[list_name].append(record)

    def _dates(self, entry: Entry) -> tuple[list[dict[str, str]], list[str]]:
        """The entry's claims, and the note that keeps a date aloe could not read."""
        if entry.claims:
            return [{"edtf": edtf, "label": label or None} for edtf, label in entry.claims], []  # type: ignore[dict-item]
        if entry.start.is_empty() and entry.end.is_empty():
            return [], []
        try:
            edtf = edtf_of(entry.start, entry.end, entry.display_date, names=entry.date_names)
        except DateProblem as problem:
            self.problems.append(ImportProblem(entry.where.at(problem.part), problem.message))
            written = _as_written(entry)
            return [], [f"The file dates it as {written}; aloe could not read that date ({problem.message})."]
        claim = {"edtf": edtf}
        if entry.display_date:
            claim["label"] = entry.display_date
        return [claim], []

    def _group(self, record: dict[str, Any], group: str) -> None:
        """Link the record to the record its group became (made at the group's first row)."""
        group_as = self.settings.group_as
        made = self.groups.get(group)
        if made is None:
            made = self.groups[group] = self.ids.make(group, fallback="group")
            cited = [{"source": self.source_id}]
            if group_as is GroupAs.era:
                self.lists["eras"].append({"id": made, "title": group, "sources": cited})
            elif group_as is GroupAs.organisation:
                self.lists["organisations"].append({"id": made, "name": group, "sources": cited})
            else:
                description = f"The group '{group}' of {self.settings.base_name}."
                self.lists["categories"].append(
                    {"id": made, "title": group, "description": description, "sources": cited}
                )
        if group_as is GroupAs.era:
            record["era"] = made
        elif group_as is GroupAs.organisation:
            record["organisations"] = [made]
        else:
            record["categories"] = [made]

    def _medium(self, medium: ImportedMedium, notes: list[str]) -> dict[str, Any] | None:
        """A media field as a medium of the record, or (no address in it) a line of the note."""
        location = medium.url.strip()
        kind = medium.kind if medium.kind in MEDIA_KINDS else _kind_of(location)
        if re.fullmatch(r"https?://\S+", location):
            where = {"url": location}
        elif (
            location
            and not re.search(r"[:<>\\\s]", location)
            and not location.startswith("/")
            and ".." not in location.split("/")
        ):
            where = {"path": location}
        else:  # a quotation or an embed code where the address goes: its words are kept, not dropped
            notes.append(f"Its media field holds no address aloe can link; its text: {plain_text(location)}")
            return None
        return {
            "kind": kind,
            **where,
            "alt": medium.alt or None,
            "caption": medium.caption or None,
            "credit": medium.credit or None,
        }

    def finish(self) -> ImportResult:
        """The dataset as YAML text, lists in aloe's order."""
        settings = self.settings
        title = settings.title or self.title or f"Imported from {settings.base_name}"
        source: dict[str, Any] = {
            "id": self.source_id,
            "title": self.title or settings.base_name,
            "descriptive_title": None if self.title else "true",
            "kind": "import",
            "note": (
                f"The file {settings.base_name} ({settings.format_words}), read by aloe {settings.version} "
                f"on {settings.read_on.isoformat()}. It gives no sources of its own: a record citing only "
                "this file rests on the import alone (`aloe gaps` lists them)."
            ),
        }
        head: dict[str, Any] = {"format": "aloe/1", "title": title, "description": self.description or None}
        parts = [
            f"# Imported by aloe from {settings.base_name} on {settings.read_on.isoformat()}.\n",
            "# Every record cites the imported file; add the sources each fact rests on as you check it.\n",
            *lines_of(head),
            "sources:\n",
            *list_lines([source], 2),
        ]
        for list_name in ("organisations", "eras", "milestones", "events", "categories"):
            records = self.lists[list_name]
            if records:
                parts.append(f"{list_name}:\n")
                parts.extend(list_lines(records, 2))
        counts = {name: len(records) for name, records in self.lists.items() if records}
        return ImportResult("".join(parts), self.problems, counts)


def _headline_part(entry: Entry) -> str:
    return "Headline" if entry.where.row is not None else "text.headline"


def _as_written(entry: Entry) -> str:
    """The entry's date cells as the file writes them: 'Year 1998, Month 13 (display date: ...)'."""
    pieces = []
    for side, names in ((entry.start, entry.date_names[0]), (entry.end, entry.date_names[1])):
        pieces += [
            f"{name} {value.strip()}" for name, value in zip(names, side, strict=True) if value.strip()
        ]
    written = ", ".join(pieces)
    return written + (f" (display date: {entry.display_date})" if entry.display_date else "")


def _kind_of(location: str) -> str:
    bare = location.split("?", 1)[0].split("#", 1)[0]
    if _PICTURE.search(bare):
        return "image"
    if _DOCUMENT.search(bare):
        return "document"
    if any(host in location for host in _VIDEO_HOSTS):
        return "video"
    if _AUDIO.search(bare):
        return "audio"
    return "link"
