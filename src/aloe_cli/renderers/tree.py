"""The lineage as a Rich tree: each body with its dates, the link that made it, its milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from rich.tree import Tree

    from aloe_cli.evidence.views import Lookup
    from aloe_cli.model.models import DatedRecord
    from aloe_cli.questions.lineage import LineageNode


def render_lineage(forest: list[LineageNode], lookup: Lookup) -> Tree:
    """A tree of the lineage; every text from the dataset is literal."""
    from rich.text import Text
    from rich.tree import Tree

    from aloe_cli.evidence.views import dates_in_words
    from aloe_cli.model.models import localized
    from aloe_cli.questions.lineage import RELATION_WORDS

    def _dates(record: DatedRecord) -> str:
        return dates_in_words(record, lookup) if record.dates else ""

    milestones = {m.id: m for m in lookup.dataset.milestones}

    def label(node: LineageNode) -> Text:
        organisation = node.organisation
        name = localized(organisation.name, lookup.lang)
        acronym = localized(organisation.acronym, lookup.lang) if organisation.acronym else None
        text = Text()
        if node.via is not None:
            relation = "emerged within it" if node.via.relation == "emerged_within" else "it became"
            text.append(f"{relation}, {_dates(node.via) or 'undated'}: ", style="italic")
        text.append(printable(f"{acronym} — {name}" if acronym and acronym != name else name), style="bold")
        if organisation.dates:
            text.append(printable(f"  ({_dates(organisation)})"))
        text.append(f"  [{organisation.id}]", style="cyan")
        return text

    def add(tree: Tree, node: LineageNode) -> Tree:
        branch = tree.add(label(node))
        if node.via is not None:
            for milestone_id in node.via.milestones:
                milestone = milestones[milestone_id]
                words = f"marked by: {localized(milestone.title, lookup.lang)} ({_dates(milestone)})"
                branch.add(Text(printable(words) + f"  [{milestone_id}]", style="dim"))
            cited = ", ".join(lookup.cited(c).short() for c in node.via.sources)
            if cited:
                branch.add(Text(printable(f"sources: {cited}"), style="dim"))
        for link in node.supporters:
            supporter = lookup.organisation_name(link.to_org)
            when = f", {_dates(link)}" if link.dates else ""
            cited = ", ".join(lookup.cited(c).short() for c in link.sources)
            branch.add(
                Text(printable(f"{RELATION_WORDS[link.relation]} {supporter}{when} ({cited})"), style="dim")
            )
        return branch

    root = Tree(Text(printable(f"Lineage: {lookup.dataset.title}"), style="bold"), guide_style="dim")
    stack: list[tuple[Tree, LineageNode]] = [(root, node) for node in reversed(forest)]
    while stack:  # without recursion: a lineage may be thousands of links deep
        parent, node = stack.pop()
        branch = add(parent, node)
        stack.extend((branch, child) for child in reversed(node.children))
    return root
