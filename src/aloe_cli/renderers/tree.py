"""The lineage as a tree: each body with its dates, the link that made it, its milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.renderers.blocks import Blocks, Piece, Pieces, TreeNode
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.evidence.views import Lookup
    from aloe_cli.model.models import DatedRecord
    from aloe_cli.questions.lineage import LineageNode


def render_lineage(forest: list[LineageNode], lookup: Lookup) -> Blocks:
    """A tree of the lineage; every text from the dataset is literal."""
    from aloe_cli.evidence.views import dates_in_words
    from aloe_cli.model.models import RELATION_WORDS, localized

    def _dates(record: DatedRecord) -> str:
        return dates_in_words(record, lookup) if record.dates else ""

    def label(node: LineageNode) -> Pieces:
        organisation = node.organisation
        name = localized(organisation.name, lookup.lang)
        acronym = localized(organisation.acronym, lookup.lang) if organisation.acronym else None
        text: list[Piece] = []
        if node.via is not None:
            relation = "emerged within it" if node.via.relation == "emerged_within" else "it became"
            text.append((printable(f"{relation}, {_dates(node.via) or 'undated'}: "), "italic"))
        text.append((printable(f"{acronym} — {name}" if acronym and acronym != name else name), "bold"))
        if organisation.dates:
            text.append((printable(f"  ({_dates(organisation)})"), ""))
        text.append((printable(f"  [{organisation.id}]"), "cyan"))
        return tuple(text)

    def add(tree: TreeNode, node: LineageNode) -> TreeNode:
        branch = tree.add(label(node))
        if node.via is not None:
            for milestone in node.marked_by:
                words = f"marked by: {localized(milestone.title, lookup.lang)} ({_dates(milestone)})"
                branch.add(((printable(f"{words}  [{milestone.id}]"), "dim"),))
            cited = ", ".join(lookup.cited(c).short() for c in node.via.sources)
            if cited:
                branch.add(((printable(f"sources: {cited}"), "dim"),))
        for link in node.supporters:
            supporter = lookup.organisation_name(link.to_org)
            when = f", {_dates(link)}" if link.dates else ""
            cited = ", ".join(lookup.cited(c).short() for c in link.sources)
            branch.add(((printable(f"{RELATION_WORDS[link.relation]} {supporter}{when} ({cited})"), "dim"),))
        return branch

    root = TreeNode(((printable(f"Lineage: {lookup.dataset.title}"), "bold"),))
    stack: list[tuple[TreeNode, LineageNode]] = [(root, node) for node in reversed(forest)]
    while stack:  # without recursion: a lineage may be thousands of links deep
        parent, node = stack.pop()
        branch = add(parent, node)
        stack.extend((branch, child) for child in reversed(node.children))
    return Blocks(lambda width: [root])
