"""Checks Pydantic cannot make record by record: unique ids, resolving references, sources, cycles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .models import RECORD_KINDS, Citation, Dataset, DatedRecord, OtherName
from .yaml_loader import Path

Finding = tuple[Path, str]  # where, and what is wrong


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


def check_references(dataset: Dataset, also_known: dict[str, set[str]] | None = None) -> list[Finding]:
    """Every cross-record problem of a schema-valid dataset, each with the path it is at.

    `also_known` adds ids of records left out because they failed the schema, so that a reference to
    them is not reported as unknown on top of their own problem. Paths are built only for problems:
    a sound dataset of 100,000 records is checked without making one.
    """
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
            if not _cites_a_source(record):
                findings.append(
                    ((list_name, index, "sources"), f"'{record.id}' cites no source: add at least one")
                )
    findings.extend(_lineage_cycles(dataset))
    findings.extend(_dated_by_problems(dataset))
    return findings


def _dated_by_problems(dataset: Dataset) -> Iterator[Finding]:
    """Records whose dates come from milestones or events that do not exist or cannot give them."""
    from .derived_dates import dated_by_findings

    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name)):
            if isinstance(record, DatedRecord) and record.dated_by is not None:
                yield from dated_by_findings(dataset, list_name, index, record)


def _unknown(target: str, named: str | None, known: set[str]) -> str:
    """'no place has the id 'x' (did you mean 'y'?)'."""
    kind = RECORD_KINDS[named] if named else "record"
    return f"no {kind} has the id '{target}'{_suggest(target, known) if named else ''}"


def _duplicate_ids(dataset: Dataset) -> Iterator[Finding]:
    """Ids are unique across the whole dataset, so `aloe show ID` is never ambiguous."""
    first_seen: dict[str, str] = {}
    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name)):
            where = f"{list_name}[{index}]"
            if record.id in first_seen:
                yield (
                    (list_name, index, "id"),
                    f"the id '{record.id}' is already used by {first_seen[record.id]}",
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
    # Only some kinds have other names; asking a model for a field it lacks is slow in Pydantic.
    names: list[OtherName] = record.other_names if "other_names" in type(record).model_fields else []
    for name_index, other in enumerate(names):
        for position, citation in enumerate(other.sources):
            if citation.source not in source_ids:
                yield (*base, "other_names", name_index, "sources", position, "source"), citation


def _cites_a_source(record: object) -> bool:
    if getattr(record, "sources", None):
        return True
    if isinstance(record, DatedRecord) and record.dated_by is not None:
        return True  # its dates, and their sources, come from the records it names
    return isinstance(record, DatedRecord) and any(claim.sources for claim in record.dates)


def _lineage_cycles(dataset: Dataset) -> Iterator[Finding]:
    """A body cannot, through the lineage, come from itself."""
    edges: dict[str, list[tuple[int, str]]] = {}
    for index, link in enumerate(dataset.lineage):
        edges.setdefault(link.from_org, []).append((index, link.to_org))
    reported: set[int] = set()
    for start in edges:
        # Iterative depth-first search: a long chain in a user's dataset must not hit the recursion limit.
        stack: list[tuple[str, list[int]]] = [(start, [])]
        seen: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for index, target in edges.get(node, []):
                if target == start and index not in reported:
                    reported.update([*trail, index])
                    chain = " -> ".join([start] + [dataset.lineage[i].to_org for i in [*trail, index]])
                    yield ("lineage", index), f"the lineage goes round in a circle: {chain}"
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*trail, index]))


def _suggest(target: str, candidates: set[str]) -> str:
    """' (did you mean 'x'?)' when a close id exists."""
    import difflib

    close = difflib.get_close_matches(target, sorted(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
