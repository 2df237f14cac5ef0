"""Checks Pydantic cannot make record by record: unique ids, resolving references, sources, cycles."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from aloe_cli.i18n import _
from aloe_cli.loading.derived_dates import DATING_LISTS, dated_by_findings
from aloe_cli.loading.yaml_loader import Path
from aloe_cli.model.models import (
    RECORD_KINDS,
    REFERENCES,
    STATEMENT_FIELDS,
    Citation,
    Dataset,
    DateClaim,
    DatedRecord,
    OtherName,
)

Finding = tuple[Path, str]  # where, and what is wrong


def check_references(
    dataset: Dataset,
    also_known: dict[str, set[str]] | None = None,
    derived: dict[str, list[DateClaim]] | None = None,
) -> list[Finding]:
    """Every cross-record problem of a schema-valid dataset, each with the path it is at.

    `also_known` adds ids of records left out because they failed the schema, so that a reference to
    them is not reported as unknown on top of their own problem. Paths are built only for problems:
    a sound dataset of 100,000 records is checked without making one. The claims of `dated_by` records,
    built to check them, are kept in `derived` by record id.
    """
    _unknown = _Unknown()
    findings: list[Finding] = []
    ids_by_list = {name: {record.id for record in getattr(dataset, name)} for name in RECORD_KINDS}
    for name, ids in (also_known or {}).items():
        ids_by_list[name] |= ids
    findings.extend(_duplicate_ids(dataset))
    all_ids = set().union(*ids_by_list.values())

    for list_name, field, attribute, named in REFERENCES:
        known = all_ids if named is None else ids_by_list[named]
        for index, record in enumerate(getattr(dataset, list_name)):
            value = getattr(record, attribute)
            if value is None or (isinstance(value, list) and known.issuperset(value)):
                continue
            if isinstance(value, list):
                findings += [
                    ((list_name, index, field, position), _unknown(target, named, known))
                    for position, target in enumerate(value)
                    if target not in known
                ]
            elif value not in known:
                findings.append(((list_name, index, field), _unknown(value, named, known)))

    source_ids = ids_by_list["sources"]
    for list_name in RECORD_KINDS:
        if list_name == "sources":
            continue
        for index, record in enumerate(getattr(dataset, list_name)):
            for path, citation in _citations_of(record, (list_name, index), source_ids):
                findings.append((path, _unknown(citation.source, "sources", source_ids)))
            findings.extend(_support_problems(record, list_name, index))
            if not _cites_a_source(record):
                findings.append(
                    (
                        (list_name, index, "sources"),
                        _("'{id}' cites no source: add at least one").format(id=record.id),
                    )
                )
    findings.extend(_lineage_cycles(dataset))
    findings.extend(_dated_by_problems(dataset, derived))
    return findings


def _dated_by_problems(dataset: Dataset, derived: dict[str, list[DateClaim]] | None) -> Iterator[Finding]:
    """Records whose dates come from milestones or events that do not exist or cannot give them."""
    happenings = {r.id: r for name in DATING_LISTS for r in getattr(dataset, name)}
    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name)):
            if isinstance(record, DatedRecord) and record.dated_by is not None:
                yield from dated_by_findings(happenings, list_name, index, record, derived)


# "Did you mean" compares an id with every known one: worth it for a few mistakes, not for thousands.
MAX_SUGGESTIONS = 20


class _Unknown:
    """Words an unknown id, with a "did you mean" for the first mistakes of one check only."""

    def __init__(self) -> None:
        self.suggestions_left = MAX_SUGGESTIONS

    def __call__(self, target: str, named: str | None, known: set[str]) -> str:
        """'no place has the id 'x' (did you mean 'y'?)'."""
        kind = _(RECORD_KINDS[named]) if named else _("record")
        hint = ""
        if named and self.suggestions_left > 0:
            self.suggestions_left -= 1
            hint = _suggest(target, known)
        return _("no {kind} has the id '{id}'").format(kind=kind, id=target) + hint


def _duplicate_ids(dataset: Dataset) -> Iterator[Finding]:
    """Ids are unique across the whole dataset, so `aloe show ID` is never ambiguous."""
    first_seen: dict[str, str] = {}
    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name)):
            where = f"{list_name}[{index}]"
            if record.id in first_seen:
                yield (
                    (list_name, index, "id"),
                    _("the id '{id}' is already used by {place}").format(
                        id=record.id, place=first_seen[record.id]
                    ),
                )
            else:
                first_seen[record.id] = where


def _citations_of(record: Any, base: Path, source_ids: set[str]) -> Iterator[tuple[Path, Citation]]:
    """The citations of one record that name no known source, with their paths."""
    for position, citation in enumerate(record.sources):
        if citation.source not in source_ids:
            yield (*base, "sources", position, "source"), citation
    if isinstance(record, DatedRecord):
        for claim_index, claim in enumerate(record.dates):
            for position, citation in enumerate(claim.sources):
                if citation.source not in source_ids:
                    yield (*base, "dates", claim_index, "sources", position, "source"), citation
    names: list[OtherName] = getattr(record, "other_names", [])  # only some kinds have other names
    for name_index, other in enumerate(names):
        for position, citation in enumerate(other.sources):
            if citation.source not in source_ids:
                yield (*base, "other_names", name_index, "sources", position, "source"), citation
    for medium_index, medium in enumerate(record.media):
        for position, citation in enumerate(medium.sources):
            if citation.source not in source_ids:
                yield (*base, "media", medium_index, "sources", position, "source"), citation


def _support_problems(record: Any, list_name: str, index: int) -> Iterator[Finding]:
    """A citation's `supports` names a statement the record makes: a field it sets, a language it has."""
    fields = STATEMENT_FIELDS[list_name]
    for position, citation in enumerate(record.sources):
        for at, statement in enumerate(citation.supports):
            field_name, _dot, lang = statement.partition(".")
            where = (list_name, index, "sources", position, "supports", at)
            if field_name not in fields:
                yield (
                    where,
                    _("'{field}' is no statement of a record of {list}: name one of {fields}").format(
                        field=field_name,
                        list=list_name,
                        fields=", ".join(fields) or _("none (it makes none)"),
                    ),
                )
                continue
            value = getattr(record, field_name, None)
            if value is None or value in ([], ""):
                yield (
                    where,
                    _("'{id}' has no {field} for this source to support").format(
                        id=record.id, field=field_name
                    ),
                )
            elif lang and not (isinstance(value, dict) and lang in value):
                yield (
                    where,
                    _("'{id}' has no {field} in '{lang}' for this source to support").format(
                        id=record.id, field=field_name, lang=lang
                    ),
                )
    for at, statement in enumerate(getattr(record, "translated", None) or ()):
        field_name, _dot, lang = statement.partition(".")
        value = getattr(record, field_name, None)
        if field_name not in fields or not lang or not isinstance(value, dict) or lang not in value:
            words = _("'{id}' has no {field} in '{lang}' to call our translation").format(
                id=record.id, field=field_name, lang=lang or "?"
            )
            yield (
                (list_name, index, "translated", at),
                words,
            )
    # A claim's citations give its date, another name's give that name: `supports` is the record's own.
    nested = [
        ((list_name, index, "dates", claim_index, "sources", position), citation)
        for claim_index, claim in enumerate(record.dates if isinstance(record, DatedRecord) else [])
        for position, citation in enumerate(claim.sources)
    ]
    names: list[OtherName] = getattr(record, "other_names", [])
    nested += [
        ((list_name, index, "other_names", name_index, "sources", position), citation)
        for name_index, other in enumerate(names)
        for position, citation in enumerate(other.sources)
    ]
    for path, citation in nested:
        if citation.supports:
            yield (
                (*path, "supports"),
                _("name statements only in the record's own sources (this one gives what it is under)"),
            )


def _cites_a_source(record: object) -> bool:
    if getattr(record, "sources", None):
        return True
    if isinstance(record, DatedRecord) and record.dated_by is not None:
        return True  # its dates, and their sources, come from the records it names
    return isinstance(record, DatedRecord) and any(claim.sources for claim in record.dates)


def _lineage_cycles(dataset: Dataset) -> Iterator[Finding]:
    """A body cannot, through the lineage, come from itself, whatever mix of relations leads round.

    "Comes from" is what the lineage tree is drawn by: a body emerged within another (from -> to), or
    is what another became (to -> from). One iterative depth-first walk over those edges (linear in
    the links) reports each circle once, at the link that closes it; a body linked to itself by any
    relation is a circle too.
    """
    parent_edges: dict[str, list[tuple[int, str]]] = {}
    for index, link in enumerate(dataset.lineage):
        if link.from_org == link.to_org:
            yield ("lineage", index), _("'{id}' is linked to itself").format(id=link.from_org)
        elif link.relation == "emerged_within":
            parent_edges.setdefault(link.from_org, []).append((index, link.to_org))
        elif link.relation == "became":
            parent_edges.setdefault(link.to_org, []).append((index, link.from_org))
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in parent_edges:
        if start in state:
            continue
        path: list[str] = [start]
        links: list[int] = []
        pending = [iter(parent_edges.get(start, []))]
        state[start] = 1
        while pending:
            step = next(pending[-1], None)
            if step is None:
                state[path.pop()] = 2
                pending.pop()
                if links:
                    links.pop()
                continue
            index, target = step
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target]
                yield (
                    ("lineage", index),
                    _("the lineage goes round in a circle: {circle}").format(circle=" -> ".join(circle)),
                )
            elif target not in state:
                state[target] = 1
                path.append(target)
                links.append(index)
                pending.append(iter(parent_edges.get(target, [])))


def _suggest(target: str, candidates: set[str]) -> str:
    """' (did you mean 'x'?)' when a close id exists."""
    close = difflib.get_close_matches(target, sorted(candidates), n=1)
    return _(" (did you mean '{id}'?)").format(id=close[0]) if close else ""
