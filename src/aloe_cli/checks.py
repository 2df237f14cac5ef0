"""Checks Pydantic cannot make record by record: unique ids, resolving references, sources, cycles."""

from __future__ import annotations

from collections.abc import Iterator

from .models import (
    RECORD_KINDS,
    Citation,
    Dataset,
    DatedRecord,
    Event,
    Happening,
    LineageLink,
    OtherName,
    Source,
)
from .yaml_loader import Path

Finding = tuple[Path, str]  # where, and what is wrong


def check_references(dataset: Dataset, also_known: dict[str, set[str]] | None = None) -> list[Finding]:
    """Every cross-record problem of a schema-valid dataset, each with the path it is at.

    `also_known` adds ids of records left out because they failed the schema, so that a reference to
    them is not reported as unknown on top of their own problem.
    """
    findings: list[Finding] = []
    ids_by_list = {name: {record.id for record in getattr(dataset, name)} for name in RECORD_KINDS}
    for name, ids in (also_known or {}).items():
        ids_by_list[name] |= ids
    findings.extend(_duplicate_ids(dataset))
    source_ids = ids_by_list["sources"]
    all_ids = set().union(*ids_by_list.values())

    def refer(path: Path, target: str | None, list_name: str) -> None:
        if target is not None and target not in ids_by_list[list_name]:
            kind = RECORD_KINDS[list_name]
            findings.append(
                (path, f"no {kind} has the id '{target}'{_suggest(target, ids_by_list[list_name])}")
            )

    for path, citation in _citations(dataset):
        if citation.source not in source_ids:
            findings.append(
                (path, f"no source has the id '{citation.source}'{_suggest(citation.source, source_ids)}")
            )

    for list_name in RECORD_KINDS:
        for index, record in enumerate(getattr(dataset, list_name)):
            base: Path = (list_name, index)
            if not isinstance(record, Source) and not _cites_a_source(record):
                findings.append(((*base, "sources"), f"'{record.id}' cites no source: add at least one"))
            if isinstance(record, Happening):
                refer((*base, "era"), record.era, "eras")
                for field, list_of in (
                    ("places", "places"),
                    ("people", "people"),
                    ("organisations", "organisations"),
                ):
                    for position, target in enumerate(getattr(record, field)):
                        refer((*base, field, position), target, list_of)
            if isinstance(record, Event):
                refer((*base, "series"), record.series, "series")
            if isinstance(record, LineageLink):
                refer((*base, "from"), record.from_org, "organisations")
                refer((*base, "to"), record.to_org, "organisations")
                for position, target in enumerate(record.milestones):
                    refer((*base, "milestones", position), target, "milestones")
    for index, era in enumerate(dataset.eras):
        refer(("eras", index, "organisation"), era.organisation, "organisations")
    for index, workshop in enumerate(dataset.workshops):
        for position, target in enumerate(workshop.categories):
            refer(("workshops", index, "categories", position), target, "categories")
        for position, target in enumerate(workshop.phases):
            refer(("workshops", index, "phases", position), target, "phases")
    for index, gap in enumerate(dataset.gaps):
        for position, target in enumerate(gap.about):
            if target not in all_ids:
                findings.append((("gaps", index, "about", position), f"no record has the id '{target}'"))
    findings.extend(_lineage_cycles(dataset))
    return findings


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


def _citations(dataset: Dataset) -> Iterator[tuple[Path, Citation]]:
    """Every citation in the dataset with its path: record sources, date claims and other names."""
    for list_name in RECORD_KINDS:
        if list_name == "sources":
            continue
        for index, record in enumerate(getattr(dataset, list_name)):
            base: Path = (list_name, index)
            for position, citation in enumerate(record.sources):
                yield (*base, "sources", position, "source"), citation
            if isinstance(record, DatedRecord):
                for claim_index, claim in enumerate(record.dates):
                    for position, citation in enumerate(claim.sources):
                        yield (*base, "dates", claim_index, "sources", position, "source"), citation
            names: list[OtherName] = getattr(record, "other_names", [])
            for name_index, other in enumerate(names):
                for position, citation in enumerate(other.sources):
                    yield (*base, "other_names", name_index, "sources", position, "source"), citation


def _cites_a_source(record: object) -> bool:
    if getattr(record, "sources", None):
        return True
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
