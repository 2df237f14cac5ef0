"""The organisations' lineage as a tree: who emerged within whom, who became whom, who supported whom."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from aloe_cli.presentation.dating import UNDATED_JSON

if TYPE_CHECKING:
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.views import LineageView, OrganisationView


class LineageNode(NamedTuple):
    """An organisation, the link that places it under its parent, and what grew out of it."""

    organisation: OrganisationView
    via: LineageView | None  # emerged_within (child within parent) or became (parent became child)
    children: tuple[LineageNode, ...]
    supporters: tuple[LineageView, ...]  # its supported_by links


def lineage_forest(presentation: Presentation) -> list[LineageNode]:
    """One tree per root of the lineage: a body that neither emerged within another nor came from one."""
    organisations, lineage = presentation.organisations, presentation.lineage
    in_lineage = {link.from_org.id for link in lineage} | {link.to_org.id for link in lineage}
    parent_link: dict[str, LineageView] = {}
    for link in lineage:
        if link.relation == "emerged_within":
            parent_link.setdefault(link.from_org.id, link)
        elif link.relation == "became":
            parent_link.setdefault(link.to_org.id, link)

    def parent_of(link: LineageView) -> str:
        return link.to_org.id if link.relation == "emerged_within" else link.from_org.id

    children_of: dict[str, list[str]] = {}
    for child_id, link in parent_link.items():
        children_of.setdefault(parent_of(link), []).append(child_id)
    supporters_of: dict[str, list[LineageView]] = {}
    for link in lineage:
        if link.relation == "supported_by":
            supporters_of.setdefault(link.from_org.id, []).append(link)

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
            built[organisation_id] = LineageNode(
                organisations[organisation_id],
                parent_link.get(organisation_id),
                tuple(built[c] for c in children_of.get(organisation_id, [])),
                tuple(supporters_of.get(organisation_id, [])),
            )
        return built[root_id]

    roots = [o for o in organisations if o in in_lineage and o not in parent_link]
    return [build(root) for root in roots]


def lineage_record(presentation: Presentation) -> dict[str, object]:
    """Nodes and dated, typed edges with their sources: the JSON of `aloe lineage`."""
    lineage = presentation.lineage
    in_lineage = {link.from_org.id for link in lineage} | {link.to_org.id for link in lineage}
    nodes = [
        {
            "id": o.id,
            "name": o.name.value,
            "names": dict(o.name.every),
            "acronym": o.acronym.value if o.acronym else None,
            "other_names": [{"name": n.name, "lang": n.lang, "note": n.note} for n in o.other_names],
            **(o.dating.json() if o.dating else UNDATED_JSON),
            "sources": [c.json() for c in o.citations],
        }
        for o in presentation.organisations.values()
        if o.id in in_lineage
    ]
    edges = [
        {
            "id": link.id,
            "relation": link.relation,
            "from": link.from_org.id,
            "to": link.to_org.id,
            "org": link.org_mapping().terms(),
            **(link.dating.json() if link.dating else UNDATED_JSON),
            "milestones": [{"id": m.id, "title": m.title.value} for m in link.milestones],
            "summary": link.summary.value if link.summary else None,
            "sources": [c.json() for c in link.citations],
        }
        for link in lineage
    ]
    return {"nodes": nodes, "edges": edges}
