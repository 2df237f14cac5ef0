"""The organisations' lineage as a tree: who emerged within whom, who became whom, who supported whom."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Lookup
    from aloe_cli.model.models import Dataset, LineageLink, Milestone, Organisation


class LineageNode(NamedTuple):
    """An organisation, the link that places it under its parent, and what grew out of it."""

    organisation: Organisation
    via: LineageLink | None  # emerged_within (child within parent) or became (parent became child)
    children: tuple[LineageNode, ...]
    supporters: tuple[LineageLink, ...]  # its supported_by links
    marked_by: tuple[Milestone, ...]  # the milestones that mark `via`


def lineage_forest(dataset: Dataset) -> list[LineageNode]:
    """One tree per root of the lineage: a body that neither emerged within another nor came from one."""
    organisations = {o.id: o for o in dataset.organisations}
    milestones = {m.id: m for m in dataset.milestones}
    in_lineage = {link.from_org for link in dataset.lineage} | {link.to_org for link in dataset.lineage}
    parent_link: dict[str, LineageLink] = {}
    for link in dataset.lineage:
        if link.relation == "emerged_within":
            parent_link.setdefault(link.from_org, link)
        elif link.relation == "became":
            parent_link.setdefault(link.to_org, link)

    def parent_of(link: LineageLink) -> str:
        return link.to_org if link.relation == "emerged_within" else link.from_org

    children_of: dict[str, list[str]] = {}
    for child_id, link in parent_link.items():
        children_of.setdefault(parent_of(link), []).append(child_id)
    supporters_of: dict[str, list[LineageLink]] = {}
    for link in dataset.lineage:
        if link.relation == "supported_by":
            supporters_of.setdefault(link.from_org, []).append(link)

    def build(root_id: str) -> LineageNode:
        # Built from the leaves up, without recursion: a lineage may be thousands of links deep.
        order: list[str] = []
        stack = [root_id]
        while stack:
            organisation_id = stack.pop()
            order.append(organisation_id)
            stack.extend(reversed(children_of.get(organisation_id, [])))
        built: dict[str, LineageNode] = {}
        for organisation_id in reversed(order):
            via = parent_link.get(organisation_id)
            built[organisation_id] = LineageNode(
                organisations[organisation_id],
                via,
                tuple(built[c] for c in children_of.get(organisation_id, [])),
                tuple(supporters_of.get(organisation_id, [])),
                tuple(milestones[m] for m in via.milestones) if via is not None else (),
            )
        return built[root_id]

    roots = [o.id for o in dataset.organisations if o.id in in_lineage and o.id not in parent_link]
    return [build(root) for root in roots]


class OrgMapping(NamedTuple):
    """A lineage link in the W3C Organization Ontology's terms (https://www.w3.org/TR/vocab-org/)."""

    type: str  # "org:ChangeEvent", or "org:linkedTo" for support, which ORG has no event for
    original: str | None = None  # org:originalOrganization
    resulting: str | None = None  # org:resultingOrganization
    parent: str | None = None  # org:subOrganizationOf, said of `resulting`
    linked: tuple[str, str] | None = None  # org:linkedTo ("an arbitrary relationship"), from -> to

    def terms(self, name: Callable[[str], str] = str) -> dict[str, Any]:
        """The ORG properties, each organisation named by `name` (an id, or an IRI for JSON-LD)."""
        found: dict[str, Any] = {"@type": self.type} if self.type != "org:linkedTo" else {}
        if self.original:
            found["org:originalOrganization"] = name(self.original)
        if self.resulting:
            found["org:resultingOrganization"] = name(self.resulting)
        if self.parent:
            found["org:subOrganizationOf"] = name(self.parent)
        if self.linked:
            found["org:linkedTo"] = [name(self.linked[0]), name(self.linked[1])]
        return found


def org_mapping(link: LineageLink) -> OrgMapping:
    """The one ORG reading of a link, for `aloe lineage --format json` and the JSON-LD export alike."""
    if link.relation == "became":
        return OrgMapping("org:ChangeEvent", original=link.from_org, resulting=link.to_org)
    if link.relation == "emerged_within":
        return OrgMapping("org:ChangeEvent", resulting=link.from_org, parent=link.to_org)
    return OrgMapping("org:linkedTo", linked=(link.from_org, link.to_org))


def lineage_record(dataset: Dataset, lookup: Lookup) -> dict[str, object]:
    """Nodes and dated, typed edges with their sources: the JSON of `aloe lineage`."""
    from aloe_cli.evidence.views import dated_fields
    from aloe_cli.model.models import localized

    in_lineage = {link.from_org for link in dataset.lineage} | {link.to_org for link in dataset.lineage}
    milestones = {m.id: m for m in dataset.milestones}
    nodes = [
        {
            "id": o.id,
            "name": localized(o.name, lookup.lang),
            "names": dict(o.name),
            "acronym": localized(o.acronym, lookup.lang) if o.acronym else None,
            "other_names": [{"name": n.name, "lang": n.lang, "note": n.note} for n in o.other_names],
            **dated_fields(o, lookup),
            "sources": [lookup.citation(c) for c in o.sources],
        }
        for o in dataset.organisations
        if o.id in in_lineage
    ]
    edges = [
        {
            "id": link.id,
            "relation": link.relation,
            "from": link.from_org,
            "to": link.to_org,
            "org": org_mapping(link).terms(),
            **dated_fields(link, lookup),
            "milestones": [
                {"id": m, "title": localized(milestones[m].title, lookup.lang)} for m in link.milestones
            ],
            "summary": link.summary,
            "sources": [lookup.citation(c) for c in link.sources],
        }
        for link in dataset.lineage
    ]
    return {"nodes": nodes, "edges": edges}
