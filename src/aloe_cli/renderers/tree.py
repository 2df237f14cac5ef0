"""The lineage as a tree: each body with its dates, the link that made it, its milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.i18n import _
from aloe_cli.renderers.blocks import Blocks, Piece, Pieces, TreeNode
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.questions.lineage import LineageNode


Said = set[tuple[tuple[str, ...], ...]]  # the disputes told in full on a branch, by their claims' sources


def _dates(dating: Dating | None, said: Said) -> str:
    """The dating in words; a dispute told in full once a branch, after that as its span."""
    if dating is None:
        return ""
    if not dating.disputed:
        return dating.in_words()
    key = tuple(tuple(citation.short() for citation in claim.citations) for claim in dating.claims)
    if key in said:
        return _("{date}, as above").format(date=dating.cell())
    said.add(key)
    return dating.in_words()


def _label(node: LineageNode, said: Said) -> Pieces:
    organisation = node.organisation
    name = organisation.name.value
    acronym = organisation.acronym.value if organisation.acronym else None
    text: list[Piece] = []
    if node.via is not None:
        relation = _("emerged within it") if node.via.relation == "emerged_within" else _("it became")
        if node.via.inferred:  # the link itself is our reading, not only its dates
            relation = _("{relation} (our reading)").format(relation=relation)
        when = _dates(node.via.dating, said) or _("undated")
        text.append((printable(_("{relation}, {when}: ").format(relation=relation, when=when)), "italic"))
    text.append((printable(f"{acronym} — {name}" if acronym and acronym != name else name), "bold"))
    if organisation.dating:
        text.append((printable(f"  ({_dates(organisation.dating, said)})"), ""))
    text.append((printable(f"  [{organisation.id}]"), "cyan"))
    return tuple(text)


def _add(tree: TreeNode, node: LineageNode, said: Said) -> TreeNode:
    branch = tree.add(_label(node, said))
    if node.via is not None:
        for milestone in node.via.milestones:
            words = _("marked by: {title} ({when})").format(
                title=milestone.title.value, when=_dates(milestone.dating, said)
            )
            branch.add(((printable(f"{words}  [{milestone.id}]"), "dim"),))
        cited = ", ".join(c.short() for c in node.via.citations)
        if cited:
            branch.add(((printable(_("sources: {cited}").format(cited=cited)), "dim"),))
    for link in node.supporters:
        when = f", {_dates(link.dating, said)}" if link.dating else ""
        cited = ", ".join(c.short() for c in link.citations)
        relation = link.relation_words
        if link.inferred:
            relation = _("{relation} (our reading)").format(relation=relation)
        words = f"{relation} {link.to_org.label}{when} ({cited})"
        branch.add(((printable(words), "dim"),))
    return branch


def render_lineage(forest: list[LineageNode], title: str) -> Blocks:
    """A tree of the lineage; every text from the dataset is literal."""
    root = TreeNode(((printable(_("Lineage: {title}").format(title=title)), "bold"),))
    # Each branch keeps the disputes it has told: a child's branch starts from its parent's.
    stack: list[tuple[TreeNode, LineageNode, Said]] = [(root, node, set()) for node in reversed(forest)]
    while stack:  # without recursion: a lineage may be thousands of links deep
        parent, node, said = stack.pop()
        branch = _add(parent, node, said)
        stack.extend((branch, child, set(said)) for child in reversed(node.children))
    return Blocks(lambda width: [root])
