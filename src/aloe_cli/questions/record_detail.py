"""Everything about one record: its fields, its dated claims, its sources, and the records around it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.errors import UnknownRecordError
from aloe_cli.i18n import N_, _
from aloe_cli.model.models import (
    PROPER_NAMES,
    RECORD_KINDS,
    REFERENCES,
    DatedRecord,
    Source,
    citations_of,
    field_specs,
    fields_as_json,
    localized,
    supported,
)
from aloe_cli.presentation.dating import UNDATED_JSON
from aloe_cli.presentation.payloads import CitationJSON, DetailJSON, NameJSON, RelatedJSON
from aloe_cli.questions.names import fold_text, names_to_ids

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset, DatasetLists, Record, SourcedRecord
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.views import CitedSource


# The attributes through which a record names others, and each one's field as written in YAML.
REFERENCE_FIELDS = {attribute: field for _, field, attribute, _ in REFERENCES}
# The fields that give a record more names, and how a name from each is noted.
NAME_FIELD_WORDS = {"acronym": N_("acronym"), "short_name": N_("short name")}


class Found(NamedTuple):
    """A record and the kind of record it is."""

    kind: str
    record: Source | SourcedRecord


def index_records(dataset: DatasetLists) -> dict[str, Found]:
    """Every record of the dataset by id."""
    return {
        record.id: Found(kind, record)
        for list_name, kind in RECORD_KINDS.items()
        for record in getattr(dataset, list_name)
    }


def find_record(dataset: Dataset, record_id: str) -> Found:
    """The record with this id in any case, or this name, acronym or title; else the closest ids.

    A name two records share finds neither: UnknownRecordError names them both as close.
    """
    records = index_records(dataset)
    if record_id in records:
        return records[record_id]
    by_name = names_to_ids(found.record for found in records.values())
    by_name.update({fold_text(id): id for id in records})  # an id wins over a name spelled the same
    meant = by_name.get(fold_text(record_id.strip()))
    if meant is not None:
        return records[meant]
    import difflib  # only for an id that matches no record

    close = difflib.get_close_matches(fold_text(record_id), list(by_name), n=3, cutoff=0.5)
    close = list(dict.fromkeys(by_name[name] for name in close))
    hint = (
        _("; did you mean {ids}?").format(ids=", ".join(repr(c) for c in close))
        if close
        else _("; `aloe search` finds records")
    )
    raise UnknownRecordError(_("no record has the id '{id}'").format(id=record_id) + hint)


def references_of(record: Record) -> list[tuple[str, str]]:
    """The (field, id) pairs through which a record names other records, in the order of its fields."""
    pairs: list[tuple[str, str]] = []
    for attribute in (spec.name for spec in field_specs(type(record))):
        field = REFERENCE_FIELDS.get(attribute)
        value = getattr(record, attribute) if field else None
        if field and value:
            pairs.extend((field, str(target)) for target in (value if isinstance(value, list) else [value]))
    return pairs


def title_of(found: Found, presentation: Presentation) -> str:
    """A record's title or name in the chosen language."""
    record: Any = found.record
    if found.kind == "lineage":  # 'WSSE supported by FPH', as the lineage's view says it
        return next(link.title for link in presentation.lineage if link.id == record.id)
    for field in ("title", "name"):
        value = getattr(record, field, None)
        if isinstance(value, dict):
            return localized(value, presentation.lang)
        if isinstance(value, str):
            return value
    summary = getattr(record, "summary", None)  # a gap is known by what it says
    return localized(summary, presentation.lang) if isinstance(summary, dict) else record.id


def related(dataset: Dataset, target_id: str, presentation: Presentation) -> list[RelatedJSON]:
    """Records the target names, and records that name it or cite it."""
    records = index_records(dataset)
    target = records[target_id]
    found: list[RelatedJSON] = []
    for field, other_id in references_of(target.record):
        other = records.get(other_id)
        if other is not None:
            found.append(RelatedJSON(direction="names", via=field, id=other_id, kind=other.kind,
                                      title=title_of(other, presentation)))  # fmt: skip
    for other_id, other in records.items():
        if other_id == target_id:
            continue
        for field, referenced in references_of(other.record):
            if referenced == target_id:
                found.append(RelatedJSON(direction="named by", via=field, id=other_id, kind=other.kind,
                                      title=title_of(other, presentation)))  # fmt: skip
        if target.kind == "source" and any(c.source == target_id for c in citations_of(other.record)):
            found.append(RelatedJSON(direction="cited by", via="sources", id=other_id, kind=other.kind,
                                      title=title_of(other, presentation)))  # fmt: skip
    return found


def record_detail(dataset: Dataset, record_id: str, presentation: Presentation) -> DetailJSON:
    """The JSON of `aloe show`: fields as written, resolved dates and sources, names, related records."""
    found = find_record(dataset, record_id)
    record: Any = found.record
    detail: DetailJSON = {
        "id": record.id,
        "kind": found.kind,
        "title": title_of(found, presentation),
        "lang": presentation.lang,
        "fields": fields_as_json(record, exclude_defaults=True),
        "related": [],
    }
    if isinstance(record, DatedRecord):
        dating = presentation.dating(record)
        dated = dating.json() if dating else UNDATED_JSON
        detail["date"], detail["date_label"], detail["date_words"] = (
            dated["date"], dated["date_label"], dated["date_words"]
        )  # fmt: skip
        detail["start"], detail["end"] = dated["start"], dated["end"]
        detail["uncertain"], detail["disputed"], detail["claims"] = (
            dated["uncertain"], dated["disputed"], dated["claims"]
        )  # fmt: skip
    names = all_names(record, presentation)
    if len(names) > 1:
        detail["names"] = names
    if not isinstance(record, Source):
        unique = {(c.source, c.locator, c.quote, tuple(c.supports)): c for c in citations_of(record)}
        detail["sources"] = [presentation.citation(c).json() for c in unique.values()]
    detail["related"] = related(dataset, record.id, presentation)
    return detail


def every_cited_of(record: Any, presentation: Presentation) -> tuple[CitedSource, ...]:
    """Every source a record cites, its claims' and its other names' included, each place once, in order."""
    return tuple(dict.fromkeys(presentation.citation(c).cited for c in citations_of(record)))


def all_names(record: Any, presentation: Presentation | None = None) -> list[NameJSON]:
    """Every name a record has had: its name or title in each language, acronyms, other names.

    With the presentation, each name carries the sources that give it: for a name in a language, the
    record's citations that support it (`name.fr`, or `name` for every language); for another name, its own.
    """
    own = list(getattr(record, "sources", []) or [])

    def sources_of(statement: str) -> list[CitationJSON]:
        # A proper name's sources are shown with it; a title is our wording, its sources under Sources.
        if presentation is None or statement.partition(".")[0] not in PROPER_NAMES:
            return []
        return [presentation.citation(c).json() for c in own if supported(statement, c)]

    primary_field = "name"
    primary = getattr(record, "name", None)
    if not isinstance(primary, dict):
        primary_field, primary = "title", getattr(record, "title", None)
    names: list[NameJSON] = []  # "inferred": our reading that it is this record's name
    translated = set(getattr(record, "translated", None) or ())

    def note(field: str, lang: str, words: str | None) -> str | None:
        if f"{field}.{lang}" not in translated:
            return words
        return "; ".join(filter(None, (words, _("our translation"))))

    if isinstance(primary, dict):
        names += [
            {
                "name": text,
                "lang": lang,
                "note": note(primary_field, lang, None),
                "sources": sources_of(f"{primary_field}.{lang}"),
            }
            for lang, text in primary.items()
        ]
    for field, words in NAME_FIELD_WORDS.items():
        value = getattr(record, field, None)
        if isinstance(value, dict):
            names += [
                {
                    "name": text,
                    "lang": lang,
                    "note": note(field, lang, _(words)),
                    "sources": sources_of(f"{field}.{lang}"),
                }
                for lang, text in value.items()
            ]
    names += [
        {
            "name": n.name,
            "lang": n.lang,
            "note": n.note,
            "inferred": n.inferred,
            "sources": [presentation.citation(c).json() for c in n.sources] if presentation else [],
        }
        for n in getattr(record, "other_names", [])
    ]
    return names
