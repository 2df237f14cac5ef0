"""Pieces several exports share: the eras with their records, and JSON inside a page."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.i18n import N_, current_language
from aloe_cli.sanitize import escape_markup

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.views import EraView, HappeningView, Text, WorkshopView

OTHER_ERA_ID = "other"  # the group of records in no era the dataset names: one id, in every export


class EraGroup(NamedTuple):
    """An era of the timeline as every export shows it: its id, title, and its records in order."""

    id: str
    title: Text | None  # None: aloe's own group "Other", of records in no era the dataset names
    records: list[HappeningView]


def era_groups(selection: Selection) -> list[EraGroup]:
    """The eras in the dataset's order, each with its milestones and events, then "Other" if needed."""
    eras, happenings = selection.presentation.eras, selection.happenings
    groups = [
        EraGroup(era.id, era.title, [h for h in happenings if h.era_id == era.id]) for era in eras.values()
    ]
    others = [h for h in happenings if h.era_id not in eras]
    if others:
        groups.append(EraGroup(OTHER_ERA_ID, None, others))
    return groups


def era_bounds(era: EraView, happenings: list[HappeningView]) -> tuple[date, date] | None:
    """An era's days: its own where known, else those of the records in it."""
    inside = [h.dating for h in happenings if h.era_id == era.id and h.dating]
    own_first = era.dating.earliest if era.dating else None
    own_last = era.dating.latest if era.dating else None
    starts = [d for d in [own_first, *(h.earliest for h in inside)] if d is not None]
    ends = [d for d in [own_last, *(h.latest for h in inside)] if d is not None]
    first = own_first or (min(starts) if starts else None)
    last = own_last or (max(ends) if ends else None)
    if first is None or last is None or first > last:
        return None
    return first, last


NO_CATEGORY = N_("In no category the sources give")  # an English msgid: translated where shown


class WorkshopGroup(NamedTuple):
    """The workshops of one category, as the page and the Markdown list them."""

    category_id: str  # "": the workshops no source puts in a category
    title: Text | None  # None: in no category (NO_CATEGORY, aloe's own words)
    description: Text | None
    members: list[WorkshopView]


def workshop_groups(presentation: Presentation) -> list[WorkshopGroup]:
    """The workshops by category, in the dataset's order, then those in none; empty groups left out."""
    workshops = presentation.workshops
    groups = [
        WorkshopGroup(
            category.id,
            category.title,
            category.description,
            [w for w in workshops if any(c.id == category.id for c in w.categories)],
        )
        for category in presentation.categories.values()
    ]
    groups.append(WorkshopGroup("", None, None, [w for w in workshops if not w.categories]))
    return [group for group in groups if group.members]


def json_for_script(value: Any) -> str:
    """JSON to put inside a <script> element: every "<" escaped, since only "</" could end it early."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def text_in(text: Text) -> str:
    """Dataset text as HTML in the chosen language, or marked with the one it falls back to (`lang="en"`)."""
    if text.lang == current_language():
        return escape_markup(text.value)
    return f'<span lang="{escape_markup(text.lang)}">{escape_markup(text.value)}</span>'
