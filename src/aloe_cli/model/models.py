"""The dataset's records as frozen dataclasses Pydantic validates; dates are EDTF claims with sources.

A run that reads validated data (the bundled snapshot, a cache entry) builds these records without
validating them again, and never imports Pydantic: each rule of a field is plain data (`rules.py`) that
Pydantic reads when `loading/validation.py` validates a file. The structure is the one Pydantic models
would have: unknown keys are errors, records never change once made, a docstring under a field is its
description in the JSON Schema.
"""

# No `from __future__ import annotations` here: the annotations are objects, so Pydantic (when it
# validates) and the record builder (`loading/snapshot.py`) read them without evaluating any text.

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, Protocol, TypeVar, dataclass_transform

from aloe_cli.i18n import N_, _
from aloe_cli.model.edtf import (
    EDTF_SCHEMA_PATTERN,
    PRECISION_RANK,
    EdtfDate,
    EdtfError,
    describe_edtf,
    parse_edtf,
    refines_or_equals,
)
from aloe_cli.model.rules import Before, JsonSchema, Parsed, Rule, invalid

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
LANG_PATTERN = r"^[a-z]{2,3}$"
DEFAULT_LANG = "en"


def _require_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise invalid(
            "aloe_type", _("{what} must be text, not {found}"), {"what": _(what), "found": kind_of(value)}
        )
    return value


def kind_of(value: Any) -> str:
    """How a value looks to a YAML author: text, a list, a mapping, nothing."""
    if value is None:
        return _("an empty value")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return _("text")


# Ids and language codes are checked by pydantic-core itself (no Python call per value: a large
# dataset has hundreds of thousands of them); `validation.py` words the errors for people.
RecordId = Annotated[str, Rule(pattern=ID_PATTERN)]
LangCode = Annotated[str, Rule(pattern=LANG_PATTERN)]
# Only web addresses: a `javascript:` or `data:` link in a published page would run or hide code.
URL_PATTERN = r"^https?://\S+$"
# A field of the record, or one language of a field in several: `summary`, `name.fr`.
SUPPORT_PATTERN = r"^[a-z_]+(\.[a-z]{2,3})?$"
WebAddress = Annotated[str, Rule(pattern=URL_PATTERN)]
Statement = Annotated[str, Rule(pattern=SUPPORT_PATTERN)]


def text_to_english(value: Any) -> Any:
    """Plain text stands for English: `title: Fair trade` is `title: {en: Fair trade}`."""
    return {DEFAULT_LANG: value} if isinstance(value, str) else value


LocalizedText = Annotated[
    dict[LangCode, Annotated[str, Rule(min_length=1, pattern=r"\S")]],
    Rule(min_length=1),
    Before(text_to_english),
    JsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANG_PATTERN},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
            "description": "Text in English, or a mapping of language codes to text.",
        }
    ),
]


def _parse_edtf_value(value: Any) -> EdtfDate:
    text = _require_text(value, N_("a date"))
    try:
        return parse_edtf(text)
    except EdtfError as error:
        raise invalid("aloe_edtf", "{reason}", {"reason": str(error)}) from None


EdtfValue = Annotated[
    EdtfDate,
    Parsed(_parse_edtf_value, as_text=lambda value: value.text),
    JsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": EDTF_SCHEMA_PATTERN},
                # aloe reads every YAML scalar as text, so `edtf: 2001` unquoted is the date "2001".
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "An EDTF date (levels 0-1): 2001, 2001-06, 2001-06-15, 1997~, 1998/1999.",
            "examples": ["2001-06", "1997~", "2001-06-10/2001-06-15", "2001-06/.."],
        }
    ),
]

NonEmptyText = Annotated[str, Rule(min_length=1)]


def _yes_or_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):  # aloe reads every YAML scalar as text
        return bool(value == "true")
    raise invalid("aloe_bool", _("write true or false"))


YesOrNo = Annotated[
    bool,
    Parsed(_yes_or_no),
    JsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}),
]


def described(
    default: Any = dataclasses.MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    alias: str | None = None,
    **rules: Any,
) -> Any:
    """A field with what Pydantic reads of it: its description, its name in the file, its rules (min_length).

    Given as the field's metadata, which Pydantic reads as it would the arguments of its own `Field`.
    """
    metadata = {"description": description, "alias": alias, **rules}
    metadata = {key: value for key, value in metadata.items() if value is not None}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def inference() -> Any:
    """Our reading, not a source's statement: the text says why we think so. Every output shows it apart."""
    return described(
        default=None,
        description="Marks this as the dataset authors' reading, not a source's statement; says why.",
        min_length=1,
    )


def localized(text: dict[str, str], lang: str) -> str:
    """The text in `lang`, else in English, else in the first language given."""
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()))


class FieldSpec(NamedTuple):
    """One field of a kind of record: its name, its name in the file, and its default (or factory)."""

    name: str
    key: str  # its name in the file: `from` for `from_org`
    default: Any  # dataclasses.MISSING when the field is required or made by a factory
    factory: Callable[[], Any] | None
    annotation: Any


_FIELD_SPECS: dict[type, tuple[FieldSpec, ...]] = {}


def field_specs(model: type) -> tuple[FieldSpec, ...]:
    """The fields of a kind of record, in their declared order (worked out once per kind)."""
    specs = _FIELD_SPECS.get(model)
    if specs is None:
        specs = _FIELD_SPECS[model] = tuple(
            FieldSpec(
                field.name,
                field.metadata.get("alias", field.name),
                field.default,
                None if field.default_factory is dataclasses.MISSING else field.default_factory,
                field.type,
            )
            for field in dataclasses.fields(model)
        )
    return specs


def fields_as_json(
    record: Any, *, exclude_defaults: bool = False, exclude: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A record's fields as JSON values under their names in the file (aliases), nested records too.

    What Pydantic's `dump_python(mode="json", by_alias=True)` gives (a test checks it on every bundled
    record), without Pydantic: a reading run never loads it.
    """
    out: dict[str, Any] = {}
    for spec in field_specs(type(record)):
        if spec.name in exclude:
            continue
        value = getattr(record, spec.name)
        if exclude_defaults and value == (spec.factory() if spec.factory is not None else spec.default):
            continue
        out[spec.key] = _as_json(value, exclude_defaults)
    return out


def _as_json(value: Any, exclude_defaults: bool) -> Any:
    if isinstance(value, Record):
        return fields_as_json(value, exclude_defaults=exclude_defaults)
    if isinstance(value, EdtfDate):
        return value.text
    if isinstance(value, list):
        return [_as_json(item, exclude_defaults) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item, exclude_defaults) for key, item in value.items()}
    return value


def localized_with_lang(text: dict[str, str], lang: str) -> tuple[str, str]:
    """What `localized` gives, and the language that text is in (a page marks it, `lang="fr"`)."""
    for candidate in (lang, DEFAULT_LANG):
        if text.get(candidate):
            return text[candidate], candidate
    first = next(iter(text))
    return text[first], first


_T = TypeVar("_T")


@dataclass_transform(
    frozen_default=True, kw_only_default=True, field_specifiers=(dataclasses.field, described)
)
def record(cls: type[_T]) -> type[_T]:
    """Make a class a record: a frozen dataclass whose fields are given by name (in any order)."""
    return dataclasses.dataclass(frozen=True, kw_only=True)(cls)


@record
class Record:
    """Base of every dataset record: unknown keys are errors, and records never change once loaded."""

    # What Pydantic reads of every record when it validates one.
    # A docstring under a field is its description in the JSON Schema (editors show it on hover):
    # `schema.py` reads them from this file's source when the schema is made.
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


@record
class Citation(Record):
    """A pointer into a source: which document, where in it, and optionally a short quoted phrase."""

    source: RecordId
    """The id of the cited source (a record of `sources`)."""
    locator: str | None = described(default=None, description="Where in the source: '¶4', a section, a page.")
    quote: str | None = described(
        default=None, description="A short phrase, only where the exact wording matters."
    )
    supports: list[Statement] = described(
        default_factory=list,
        description=(
            "The statements of the record this source gives: its fields ('summary', 'places'), or a name in"
            " one language ('name.fr', 'acronym.fr'). Only on a record's own sources; see STATEMENT_FIELDS."
        ),
    )

    def __hash__(self) -> int:
        # A frozen record hashes its fields; `supports` is a list, so hash it as a tuple.
        return hash((self.source, self.locator, self.quote, tuple(self.supports)))


@record
class DateClaim(Record):
    """One source's dating of a record: an EDTF value, the source's own words, and who says so."""

    edtf: EdtfValue
    """The date the source gives, as EDTF (levels 0-1): as precise as the source, no more."""
    label: str | None = described(
        default=None, description="The source's own wording where it is vaguer: 'mid-1997'."
    )
    sources: list[Citation] = described(default_factory=list, description="Empty: the record's own sources.")
    note: str | None = None
    """What a reader should know about this claim: how the source words it, why it differs."""
    inferred: str | None = inference()

    @property
    def words(self) -> str:
        """The date in words: the source's label, or the EDTF value spelled out."""
        return self.label or describe_edtf(self.edtf.text)

    @property
    def exact_words(self) -> str:
        """The EDTF value spelled out, whatever the label says."""
        return describe_edtf(self.edtf.text)


# A file beside the dataset: a relative path with `/` between folders, never leaving the dataset's folder
# (no `..`, no leading `/`), and no scheme (a `file:` or `javascript:` address is not a path).
MEDIA_PATH_PATTERN = r"^(?![/\\])(?!.*(?:^|/)\.\.(?:/|$))[^\\:\x00-\x1f]+$"


def _media_path(value: Any) -> str:
    text = _require_text(value, N_("a path"))
    parts = text.split("/")
    if not text or text.startswith("/") or "\\" in text or ":" in text or ".." in parts:
        raise invalid(
            "aloe_media_path",
            _(
                "'{path}' is not a path beside the dataset: write a relative path such as media/scan-1.jpg "
                "(no leading /, no .., no backslash, no scheme); for a web address use `url`"
            ),
            {"path": text},
        )
    if any(ord(character) < 32 for character in text):
        raise invalid("aloe_media_path", _("a path has no control characters"))
    return text


MediaPath = Annotated[
    str,
    Parsed(_media_path),
    JsonSchema({"type": "string", "pattern": MEDIA_PATH_PATTERN, "examples": ["media/minutes-1998-p1.jpg"]}),
]
MediaKind = Literal["image", "scan", "document", "video", "audio", "link"]
# What a page can draw as an <img>: the rest is linked, never embedded.
PICTURE_KINDS = frozenset({"image", "scan"})


@record
class Media(Record):
    """An image, a scan or a document shown with a record: a web address or a file beside the dataset."""

    # Editors learn the one-place rule from the schema too: `url` or `path`, not both, not neither.
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "json_schema_extra": {"oneOf": [{"required": ["url"]}, {"required": ["path"]}]},
    }

    kind: MediaKind = "image"
    """image, scan (a photograph of a document), document (a PDF ...), video, audio, or link (a page)."""
    url: WebAddress | None = None
    """Where it is on the web: an http(s) address (give this or `path`)."""
    path: MediaPath | None = None
    """A file beside the dataset, relative to the dataset's folder: media/scan-1.jpg (this or `url`)."""
    alt: str | None = None
    """What the image shows, in words, for readers who cannot see it (the page's alt text)."""
    caption: str | None = None
    """The caption shown under it."""
    credit: str | None = None
    """Who made it or holds it, as they ask to be credited."""
    sources: list[Citation] = described(default_factory=list)
    """The sources it comes from (a scan: the document it shows)."""

    @property
    def location(self) -> str:
        """The web address or the path, whichever it has."""
        return self.url or self.path or ""

    @property
    def is_picture(self) -> bool:
        """Whether a page shows it as an image (an image or a scan), rather than a link."""
        return self.kind in PICTURE_KINDS

    def __post_init__(self) -> None:
        """Exactly one of `url` and `path`: a medium is somewhere, and in one place."""
        if (self.url is None) == (self.path is None):
            raise invalid(
                "aloe_media_where",
                _("give either `url` (a web address) or `path` (a file beside the dataset)"),
            )


@record
class SourcedRecord(Record):
    """A record with a stable id and the sources its facts come from."""

    id: RecordId
    """The record's id: lower-case words joined by hyphens, unique in the dataset."""
    sources: list[Citation] = described(default_factory=list)
    """The sources of the record's facts, each with the place in it."""
    note: str | None = None
    """A note for readers: what the sources leave open, how a fact was checked."""
    inferred: str | None = inference()
    media: list[Media] = described(default_factory=list)
    """Images, scans and documents shown with the record, each with its caption, credit and sources."""
    translated: list[Statement] = described(
        default_factory=list,
        description=(
            "Names in another language that are the dataset authors' translation, no source in that language"
            " giving the words: 'acronym.fr'. `aloe show` marks them 'our translation'."
        ),
    )


@record
class DatedBy(Record):
    """Dates taken from other records (milestones, events) instead of copied: disputed where they are."""

    same_as: RecordId | None = described(
        default=None, description="The record's dates are this record's dates."
    )
    start: RecordId | None = described(default=None, description="It starts when this record starts.")
    after: RecordId | None = described(default=None, description="It starts when this record ends.")
    end: RecordId | None = described(
        default=None, description="It ends when this record ends (else: end unknown)."
    )
    inferred: str | None = inference()


class DateFacts(NamedTuple):
    """What a record's claims say together: whether they dispute, the finest, the possible days."""

    disputed: bool
    finest: DateClaim | None  # the most precise claim where they agree
    earliest: date | None
    latest: date | None


@record
class DatedRecord(SourcedRecord):
    """A record placed in time by one or more claims, which may refine or dispute one another."""

    dates: list[DateClaim] = described(default_factory=list)
    """The record's dates, one claim per source that dates it: several claims refine or dispute one
    another.
    """
    dated_by: DatedBy | None = described(
        default=None, description="Take the dates from milestones or events (then give no `dates`)."
    )

    @property
    def date_claim(self) -> DateClaim | None:
        """The claim shown first: the dataset's own order puts the preferred one first."""
        return self.dates[0] if self.dates else None

    @cached_property
    def date_facts(self) -> DateFacts:
        """What the claims say together, worked out once (one entry in the record's `__dict__`).

        One cached value, not one per fact: a model keeps its fields in its `__dict__`, and four more
        entries grow an event's past its table's size: about 1 KiB more per record, 70 MiB for 100,000.
        """
        claims = [claim.edtf for claim in self.dates]
        # Two claims dispute when they cannot both be true ('2003' and its days can; two sets of days can't).
        disputed = any(
            not refines_or_equals(first, second)
            for position, first in enumerate(claims)
            for second in claims[position + 1 :]
        )
        starts = [edtf.earliest for edtf in claims]
        ends = [edtf.latest for edtf in claims]
        if disputed:  # the span of every claim: disputed claims widen it
            earliest = None if not starts or None in starts else min(d for d in starts if d is not None)
            latest = None if not ends or None in ends else max(d for d in ends if d is not None)
            finest = None
        else:  # agreeing claims narrow it
            earliest = max((d for d in starts if d is not None), default=None)
            latest = min((d for d in ends if d is not None), default=None)
            finest = max(self.dates, key=lambda claim: _fineness(claim.edtf)) if self.dates else None
        return DateFacts(disputed, finest, earliest, latest)

    @property
    def disputed(self) -> bool:
        """True when two claims cannot both be true ('2003' and its days can; two sets of days can't)."""
        return self.date_facts.disputed

    @property
    def finest_claim(self) -> DateClaim | None:
        """The most precise claim when the claims agree (the exact days behind '2002'); else None."""
        return self.date_facts.finest

    @property
    def earliest(self) -> date | None:
        """The earliest possible day (None: unknown or open): agreeing claims narrow it, disputed widen it."""
        return self.date_facts.earliest

    @property
    def latest(self) -> date | None:
        """The latest possible day (None: unknown or open): agreeing claims narrow it, disputed widen it."""
        return self.date_facts.latest

    @property
    def uncertain(self) -> bool:
        """True when a claim is qualified (~ ? %) or has an open or unknown end."""
        return any(
            claim.edtf.qualified or claim.edtf.earliest is None or claim.edtf.latest is None
            for claim in self.dates
        )

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """Whether the record possibly falls in [first, last] (None: unbounded); undated never does."""
        return bool(self.dates) and possible_days_meet(self.earliest, self.latest, first, last)

    def within(self, first: date | None, last: date | None) -> bool:
        """Whether the record certainly falls in [first, last]: all its possible days are inside."""
        if not self.dates:
            return False
        after_first = first is None or (self.earliest is not None and self.earliest >= first)
        before_last = last is None or (self.latest is not None and self.latest <= last)
        return after_first and before_last


Day = TypeVar("Day", date, int)  # a day as a date, or as its ordinal (a cache entry's index of days)


def possible_days_meet(earliest: Day | None, latest: Day | None, first: Day | None, last: Day | None) -> bool:
    """Whether possible days [earliest, latest] meet the period [first, last]; None is unbounded."""
    starts_in_time = last is None or earliest is None or earliest <= last
    ends_in_time = first is None or latest is None or latest >= first
    return starts_in_time and ends_in_time


def _fineness(edtf: EdtfDate) -> tuple[int, int, int]:
    """How precise a claim is: the precision of its start, of its end, then how few its possible days."""
    span = -(10**7) if edtf.earliest is None or edtf.latest is None else -(edtf.latest - edtf.earliest).days
    return (PRECISION_RANK.get(edtf.start_precision, -1), PRECISION_RANK.get(edtf.end_precision, -1), span)


SourceType = Literal[
    "webpage",
    "newspaper-article",
    "magazine-article",
    "journal-article",
    "report",
    "book",
    "chapter",
    "newsletter",
    "conference-document",
]


@record
class Author(Record):
    """A document's author: a person by family and given names, or an organisation by its name."""

    family: str | None = described(
        default=None, min_length=1, description="A person's family name: 'Calame'."
    )
    given: str | None = described(default=None, min_length=1, description="A person's given names: 'Pierre'.")
    organisation: str | None = described(
        default=None, min_length=1, description="An organisation that is the author."
    )

    def __post_init__(self) -> None:
        """A person's name or an organisation's, never both."""
        if (self.family is None) == (self.organisation is None):
            raise invalid("aloe_author", _("give a family name or an organisation (one of them)"))
        if self.organisation is not None and self.given is not None:
            raise invalid("aloe_author", _("an organisation has no given name"))

    @property
    def display(self) -> str:
        """'Pierre Calame', or the organisation's name."""
        if self.organisation is not None:
            return self.organisation
        return f"{self.given} {self.family}" if self.given else str(self.family)

    @property
    def sort_name(self) -> str:
        """'Calame, Pierre', or the organisation's name."""
        if self.organisation is not None:
            return self.organisation
        return f"{self.family}, {self.given}" if self.given else str(self.family)


@record
class Source(Record):
    """A document the dataset cites, described as a bibliographer would."""

    id: RecordId
    """The source's id, which citations name."""
    type: SourceType = "webpage"
    """What the document is: webpage, newspaper-article, magazine-article, journal-article, report, book,
    chapter, newsletter or conference-document.
    """
    title: NonEmptyText
    """The document's own title (or, with `descriptive_title`, a description of it in our words)."""
    descriptive_title: YesOrNo = described(
        default=False,
        description="True: `title` describes the document in our words; it is not its own title.",
    )
    authors: list[Author] = described(default_factory=list)
    """Who wrote the document: people by family and given names, or organisations."""
    author: str | None = None
    """A single author's name as the document writes it, where it cannot be split (prefer `authors`)."""
    issued: EdtfValue | None = described(
        default=None, description="When the document was published, as EDTF."
    )
    container: str | None = None
    """What the document is part of: the site, newspaper, journal, newsletter or book."""
    volume: str | None = None
    """The volume of the journal or newsletter."""
    issue: str | None = None
    """The issue (number) of the journal or newsletter."""
    pages: str | None = None
    """The pages in the journal or book: '97-116'."""
    publisher: str | None = None
    """Who published the document."""
    place: str | None = None
    """Where the document was published (the publisher's city)."""
    doi: Annotated[str, Rule(pattern=r"^10\.\S+/\S+$")] | None = None
    """The document's DOI, without 'doi:' or an address: 10.36311/1519-0110.2020.v21n2.p97-116."""
    url: WebAddress | None = None
    """Where the document can be read: an http(s) address."""
    copy_read: WebAddress | None = None
    """Where the copy that was read is, when it is not the document's own address (a mirror)."""
    archived: WebAddress | None = None
    """An archived copy of the document (a web archive's address), where one is known."""
    accessed: EdtfValue | None = described(default=None, description="When the document was read, as EDTF.")
    language: str | None = None
    """The document's language, as a language code (en, fr, pt)."""
    kind: Literal["primary", "secondary", "notes", "import"] = "secondary"
    """primary (written by the actors at the time), secondary (written about them), notes (the dataset
    authors' own working notes) or import (a timeline or sheet `aloe import` read: its own sources unknown).
    """
    note: str | None = None
    """What the source is, and how far to trust it."""

    @property
    def display_title(self) -> str:
        """The title to cite: a descriptive one in square brackets, as cataloguers mark a supplied title."""
        return f"[{self.title}]" if self.descriptive_title else self.title

    @property
    def author_names(self) -> list[Author]:
        """Every author as a name: `authors`, or `author` kept whole as an organisation-like name."""
        if self.authors:
            return self.authors
        return [Author(organisation=self.author)] if self.author else []


@record
class OtherName(Record):
    """A name a body or workshop has had, in some language, with who uses it."""

    name: NonEmptyText
    """The other name, as the sources write it."""
    lang: LangCode = DEFAULT_LANG
    """The language of the name, as a language code (en, fr, pt)."""
    note: str | None = None
    """Who uses the name, and when."""
    sources: list[Citation] = described(default_factory=list)
    """The sources that give this name."""
    inferred: str | None = inference()


@record
class Place(SourcedRecord):
    """A city, site or country named by the record."""

    name: LocalizedText
    """The place's name, in English or per language."""
    country: LocalizedText | None = None
    """The country the place is in, in English or per language."""


@record
class Person(SourcedRecord):
    """A person the sources name."""

    name: NonEmptyText
    """The person's name as the sources write it."""
    role: str | None = None
    """The person's part in the story, as the sources describe it."""


@record
class Organisation(DatedRecord):
    """A body of the lineage: the FPH, the Alliance, the WSSE, ALOE."""

    name: LocalizedText
    """The body's full name, in English or per language."""
    acronym: LocalizedText | None = None
    """The body's acronym (FPH, WSSE, ALOE), in English or per language."""
    short_name: LocalizedText | None = described(
        default=None, description="What the sources call it for short."
    )
    other_names: list[OtherName] = described(default_factory=list)
    """Other names the body has had, each with its language and sources."""
    summary: LocalizedText | None = None
    """What the body is, in the dataset authors' words, in English or per language."""


LineageRelation = Literal["emerged_within", "became", "supported_by"]
# Each relation in words: "the WSSE emerged within the Alliance".
# English msgids: a Presentation gives them in its language.
RELATION_WORDS = {
    "emerged_within": N_("emerged within"),
    "became": N_("became"),
    "supported_by": N_("supported by"),
}


@record
class LineageLink(DatedRecord):
    """A dated, typed edge: organisation `from` emerged within, became, or was supported by `to`."""

    relation: LineageRelation
    """emerged_within (from grew inside to), became (from turned into to) or supported_by (to backed from)."""
    from_org: RecordId = described(alias="from")
    """The id of the organisation the link starts from."""
    to_org: RecordId = described(alias="to")
    """The id of the organisation the link goes to."""
    milestones: list[RecordId] = described(default_factory=list, description="The milestones that mark it.")
    summary: LocalizedText | None = None
    """What happened, in the dataset authors' words, in English or per language."""


@record
class Era(DatedRecord):
    """A period of the timeline named after the body that carried the work."""

    title: LocalizedText
    """The era's title, in English or per language."""
    organisation: RecordId | None = None
    """The id of the organisation that carried the work in this era."""
    summary: LocalizedText | None = None
    """What the era is, in the dataset authors' words, in English or per language."""


PlacesAre = Literal["all", "one-of"]


@record
class Happening(DatedRecord):
    """What milestones and events share: a title, a summary, an era, places, people, organisations."""

    title: LocalizedText
    """The title, in English or per language."""
    summary: LocalizedText | None = None
    """What happened, in the dataset authors' words, in English or per language."""
    era: RecordId | None = None
    """The id of the era it belongs to."""
    places: list[RecordId] = described(default_factory=list)
    """The ids of the places where it happened."""
    places_are: PlacesAre | None = None
    """How to read `places`: all (it happened in each; the reading when not given) or one-of (in one of
    them, and no source says which: the WSSE at the polycentric forum of 2006). A statement: cite it.
    """
    people: list[RecordId] = described(default_factory=list)
    """The ids of the people the sources name in it."""
    organisations: list[RecordId] = described(default_factory=list)
    """The ids of the organisations that took part."""
    categories: list[RecordId] = described(default_factory=list)
    """The ids of the categories it is in (an imported timeline's groups, with `--group-as category`)."""

    def __post_init__(self) -> None:
        """`places_are: one-of` names the places it may have been in: two or more."""
        if self.places_are == "one-of" and len(self.places) < 2:
            raise invalid("aloe_places_are", _("`places_are: one-of` needs two places or more in `places`"))


@record
class Milestone(Happening):
    """A step in the history of the WSSE and ALOE."""


EventRole = Literal["theme_lead", "participant", "context"]


@record
class Event(Happening):
    """An event the WSSE took part in (or, as `context`, one that frames the story)."""

    series: RecordId | None = None
    """The id of the recurring gathering it is one of (a record of `series`)."""
    role: EventRole = "participant"
    """The WSSE's part: theme_lead (in charge of a theme), participant, or context (an event that frames
    the story, without the WSSE).
    """
    role_note: LocalizedText | None = None
    """The WSSE's part as the sources describe it, in English or per language."""


@record
class Series(SourcedRecord):
    """A recurring gathering: the World Social Forum, the European Social Forum, ..."""

    title: LocalizedText
    """The gathering's title, in English or per language."""
    acronym: LocalizedText | None = described(
        default=None, description="What the sources call it for short: WSF."
    )


@record
class Category(SourcedRecord):
    """One of the workshop categories of the post-Findhorn period."""

    title: LocalizedText
    """The category's title, in English or per language."""
    description: LocalizedText
    """What the category groups, in the sources' terms, in English or per language."""


@record
class Phase(DatedRecord):
    """A period of the workshop programme, with the number of workshops the sources count."""

    title: LocalizedText
    """The phase's title, in English or per language."""
    workshops_counted: Annotated[
        int | None,
        # aloe reads every YAML scalar as text, so a quoted "12" is as good as 12.
        JsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+$"}]}),
    ] = described(default=None, ge=0, le=2**63 - 1)  # what SQLite, and so the SQLite export, can hold
    """How many workshops the sources count in this phase (even where they name fewer)."""
    summary: LocalizedText | None = None
    """What the phase is, in the dataset authors' words, in English or per language."""


@record
class Workshop(SourcedRecord):
    """A thematic workshop of the WSSE, its categories and the phases it belongs to."""

    title: LocalizedText
    """The workshop's title, in English or per language."""
    other_names: list[OtherName] = described(default_factory=list)
    """Other names of the workshop, each with its language and sources."""
    categories: list[RecordId] = described(default_factory=list)
    """The ids of the categories the workshop is in (one or more)."""
    phases: list[RecordId] = described(default_factory=list)
    """The ids of the phases the workshop belongs to."""
    probably_same_as: list[RecordId] = described(
        default_factory=list, description="Workshops that are probably this one (say why in `inferred`)."
    )


@record
class Gap(SourcedRecord):
    """Something the sources leave unknown or ambiguous, recorded instead of guessed."""

    summary: LocalizedText
    """What the sources leave unknown or ambiguous, in English or per language."""
    about: list[RecordId] = described(default_factory=list)
    """The ids of the records the gap concerns."""


@record
class Dataset(Record):
    """A whole aloe dataset: its sources and every kind of record."""

    format: Literal["aloe/1"] = described(description="The dataset format and its version.")
    title: LocalizedText
    """The dataset's title, in English or per language."""
    description: LocalizedText | None = None
    """What the dataset covers, and who made it, in English or per language."""
    sources: list[Source] = described(default_factory=list)
    """The documents the dataset cites."""
    organisations: list[Organisation] = described(default_factory=list)
    """The bodies of the lineage."""
    lineage: list[LineageLink] = described(default_factory=list)
    """How the organisations came from one another: dated, typed links."""
    eras: list[Era] = described(default_factory=list)
    """The periods of the timeline."""
    people: list[Person] = described(default_factory=list)
    """The people the sources name."""
    places: list[Place] = described(default_factory=list)
    """The places the sources name."""
    series: list[Series] = described(default_factory=list)
    """Recurring gatherings (the World Social Forum...)."""
    milestones: list[Milestone] = described(default_factory=list)
    """Steps in the history of the organisations themselves."""
    events: list[Event] = described(default_factory=list)
    """Gatherings of others the organisations took part in."""
    categories: list[Category] = described(default_factory=list)
    """The categories of the workshops."""
    phases: list[Phase] = described(default_factory=list)
    """The periods of the workshop programme."""
    workshops: list[Workshop] = described(default_factory=list)
    """The thematic workshops."""
    gaps: list[Gap] = described(default_factory=list)
    """What the sources leave unknown or ambiguous, recorded instead of guessed."""

    def records(self) -> Iterator[Record]:
        """Every record of every kind, sources included, in the order of RECORD_KINDS."""
        for list_name in RECORD_KINDS:
            yield from getattr(self, list_name)


class DatasetLists(Protocol):
    """A dataset's head and lists read as attributes: a Dataset, or a store's view (`loading/store.py`).

    What the presentation and the questions over every record read, so that a run reading a cache
    entry builds only the lists they ask for; the Dataset itself stays plain, whole data.
    """

    @property
    def title(self) -> dict[str, str]:
        """The dataset's title, per language."""

    @property
    def description(self) -> dict[str, str] | None:
        """What the dataset covers, per language."""

    @property
    def sources(self) -> list[Source]:
        """The documents cited."""

    @property
    def organisations(self) -> list[Organisation]:
        """The organisations."""

    @property
    def lineage(self) -> list[LineageLink]:
        """The lineage links."""

    @property
    def eras(self) -> list[Era]:
        """The eras."""

    @property
    def people(self) -> list[Person]:
        """The people."""

    @property
    def places(self) -> list[Place]:
        """The places."""

    @property
    def series(self) -> list[Series]:
        """The series."""

    @property
    def milestones(self) -> list[Milestone]:
        """The milestones."""

    @property
    def events(self) -> list[Event]:
        """The events."""

    @property
    def categories(self) -> list[Category]:
        """The categories."""

    @property
    def phases(self) -> list[Phase]:
        """The phases."""

    @property
    def workshops(self) -> list[Workshop]:
        """The workshops."""

    @property
    def gaps(self) -> list[Gap]:
        """The gaps."""

    def records(self) -> Iterator[Record]:
        """Every record of every kind, in the order of RECORD_KINDS."""


def citations_of(record: Any) -> list[Citation]:
    """Every citation of a record: its own, its claims' and its other names'."""
    citations = list(getattr(record, "sources", []) or [])
    for claim in getattr(record, "dates", []) or []:
        citations.extend(claim.sources)
    for other in getattr(record, "other_names", []) or []:
        citations.extend(other.sources)
    for medium in getattr(record, "media", []) or []:
        citations.extend(medium.sources)
    return citations


def languages_of(dataset: Dataset) -> set[str]:
    """The languages the dataset has names or titles in (English always: every text falls back to it)."""
    found = {DEFAULT_LANG}
    for record in dataset.records():
        for field_name in ("name", "title", "acronym", "short_name"):
            value = getattr(record, field_name, None)
            if isinstance(value, dict):
                found.update(value)
    return found


# The record lists of a dataset, in the order `show` and the exports walk them, with each kind's name.
RECORD_KINDS: dict[str, str] = {
    "sources": "source",
    "organisations": "organisation",
    "lineage": "lineage",
    "eras": "era",
    "people": "person",
    "places": "place",
    "series": "series",
    "milestones": "milestone",
    "events": "event",
    "categories": "category",
    "phases": "phase",
    "workshops": "workshop",
    "gaps": "gap",
}

# Every reference between records: (list of records, field as written, attribute, list it names).
# None as the named list: any record at all.
REFERENCES: tuple[tuple[str, str, str, str | None], ...] = (
    *(
        (happenings, field, field, named)
        for happenings in ("milestones", "events")
        for field, named in (
            ("era", "eras"),
            ("places", "places"),
            ("people", "people"),
            ("organisations", "organisations"),
        )
    ),
    *((happenings, "categories", "categories", "categories") for happenings in ("milestones", "events")),
    ("events", "series", "series", "series"),
    ("lineage", "from", "from_org", "organisations"),
    ("lineage", "to", "to_org", "organisations"),
    ("lineage", "milestones", "milestones", "milestones"),
    ("eras", "organisation", "organisation", "organisations"),
    ("workshops", "categories", "categories", "categories"),
    ("workshops", "phases", "phases", "phases"),
    ("workshops", "probably_same_as", "probably_same_as", "workshops"),
    ("gaps", "about", "about", None),
)

# The fields of each kind of record that state something a source must give (a citation's `supports`
# names them); the others are ids, our notes about the sources, or marks of our own reading. A name in
# several languages is a statement per language: `name.fr` is supported apart from `name.en`.
STATEMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "sources": (),
    "organisations": ("name", "acronym", "short_name", "summary"),
    "lineage": ("relation", "summary"),
    "eras": ("title", "summary"),
    "people": ("name", "role"),
    "places": ("name", "country"),
    "series": ("title", "acronym"),
    "milestones": ("title", "summary", "places", "places_are", "people", "organisations"),
    "events": ("title", "summary", "places", "places_are", "people", "organisations", "role", "role_note"),
    "categories": ("title", "description"),
    "phases": ("title", "workshops_counted", "summary"),
    "workshops": ("title", "categories"),
    "gaps": ("summary",),
}


def statements_of(record: Any, list_name: str) -> list[str]:
    """The statements a record makes, as `supports` names them: 'summary', 'name.en', 'name.fr' ..."""
    found: list[str] = []
    for field_name in STATEMENT_FIELDS[list_name]:
        value = getattr(record, field_name, None)
        if value is None or value in ([], ""):
            continue
        if isinstance(value, dict):
            found.extend(f"{field_name}.{lang}" for lang in value)
        else:
            found.append(field_name)
    return found


# A proper name a source must give in each language (a body's, a place's): a source in one language does
# not give its translations. Titles, summaries and descriptions are our wording of what a source says,
# in any language: a bare `title` gives them all.
PROPER_NAMES = ("name", "acronym", "short_name", "country")


def is_our_translation(statement: str, record: Any) -> bool:
    """Whether the record marks this statement (a name in one language) as our translation."""
    return statement in (getattr(record, "translated", None) or ())


def supported(statement: str, citation: Citation) -> bool:
    """Whether a citation gives a statement: 'name.fr' gives the French name; 'name' the English one."""
    field_name, _, lang = statement.partition(".")
    if statement in citation.supports:
        return True
    return field_name in citation.supports and (lang in ("", DEFAULT_LANG) or field_name not in PROPER_NAMES)
