"""The presentation model: every output shows the same facts, read from one view per record."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aloe_cli.exports import Selection
from aloe_cli.exports.html import export_html
from aloe_cli.exports.markdown import export_markdown
from aloe_cli.exports.timelinejs import timelinejs_document
from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.presentation.build import Presentation
from aloe_cli.presentation.dating import Doubt
from aloe_cli.presentation.views import HappeningView, Reference, Text
from aloe_cli.questions.chart import MARKS, build_chart
from aloe_cli.renderers.chart_svg import chart_svg
from aloe_cli.renderers.chart_text import render_chart
from conftest import synthetic_yaml

ROOT = Path(__file__).parents[1]
DATASETS = [None, str(ROOT / "examples" / "cooperative-history.yaml")]
HOLLOW = {MARKS[("milestone", True)], MARKS[("event", True)]}
FILLED = {MARKS[("milestone", False)], MARKS[("event", False)]}


def _selection(path: str | None) -> Selection:
    dataset = load_dataset(DatasetSource(path))
    presentation = Presentation(dataset, "en")
    happenings = presentation.happenings([*dataset.milestones, *dataset.events])
    return Selection(presentation, happenings, "test")


def _doubtful_by_rule(selection: Selection) -> dict[str, bool]:
    return {view.id: view.dating.doubtful for view in selection.happenings if view.dating}


def _doubtful_in_text_chart(selection: Selection) -> dict[str, bool]:
    """From the 'By year' lines of `aloe chart`: a hollow glyph is a doubtful record."""
    text = render_chart(build_chart(selection.presentation, 1900, 2100), 200)
    found = {}
    for glyph, record_id in re.findall(r"(\S) ([a-z0-9][a-z0-9-]*)", text.split("By year:")[1]):
        if glyph in HOLLOW | FILLED:
            found[record_id] = glyph in HOLLOW
    return found


def _doubtful_in_svg(selection: Selection) -> dict[str, bool]:
    """From the page's overview figure (the SVG chart with each mark a link): a hollow mark is doubtful."""
    chart = build_chart(selection.presentation, 1900, 2100)
    svg = chart_svg(chart, "test", link_marks=True)
    marks = re.findall(r'<a href="#([^"]+)"><title>[^<]*</title><(?:circle|path) [^>]*fill="([^"]+)"', svg)
    return {record_id: fill == "#ffffff" for record_id, fill in marks}


def _doubtful_on_the_page(selection: Selection) -> dict[str, bool]:
    """From each record's date line on the web page: a flag (a doubt, a dispute, our reading) is doubtful."""
    page = export_html(selection).decode()
    found = {}
    for record_id, date_line in re.findall(r'<li id="([^"]+)">.*?(<p class="date">.*?</p>)', page, re.S):
        if "Undated" not in date_line:
            found[record_id] = 'class="flag"' in date_line
    return found


def _doubtful_in_mermaid(selection: Selection) -> dict[str, bool]:
    """From the Markdown: each era's diagram boxes in order, matched to the era's dated items in order."""
    text = export_markdown(selection).decode()
    found = {}
    for section in text.split("\n## ")[1:]:
        boxes = re.findall(r":::(agreed|doubtful|disputed)$", section, re.M)
        items = [
            record_id
            for date, record_id in re.findall(r"^- \*\*(.*?)\*\*: .*? `([a-z0-9-]+)`", section, re.M)
            if date != "undated"
        ]
        if boxes:
            assert len(boxes) == len(items), section[:200]
            found.update({record_id: box != "agreed" for record_id, box in zip(items, boxes, strict=True)})
    return found


def _doubtful_in_timelinejs(selection: Selection) -> dict[str, bool]:
    """From each slide's display date: words of doubt after the date ('…, approximate') mark it doubtful."""
    document: dict[str, Any] = timelinejs_document(selection)
    views = {view.id: view for view in selection.happenings}
    found = {}
    for slide in document["events"]:
        dating = views[slide["unique_id"]].dating
        assert dating is not None
        plain = dating.text().replace("&", "&amp;").replace("'", "&#x27;")
        flagged = slide["display_date"] != plain
        text = slide["text"]["text"]
        found[slide["unique_id"]] = flagged or "Our reading" in text or "disagree" in text
    return found


@pytest.mark.parametrize("path", DATASETS, ids=["bundled", "example"])
def test_the_same_records_are_doubtful_in_every_picture(path: str | None) -> None:
    selection = _selection(path)
    rule = _doubtful_by_rule(selection)
    assert any(rule.values()) and not all(rule.values())  # the data has both kinds: the check can fail
    for name, read in (
        ("text chart", _doubtful_in_text_chart),
        ("SVG chart", _doubtful_in_svg),
        ("web page", _doubtful_on_the_page),
        ("Mermaid", _doubtful_in_mermaid),
        ("TimelineJS", _doubtful_in_timelinejs),
    ):
        shown = read(selection)
        assert set(shown) == set(rule), f"{name}: records shown differ from the dated records"
        differ = {record_id for record_id in rule if shown[record_id] != rule[record_id]}
        assert not differ, f"{name} disagrees with the rule on {sorted(differ)}"


def test_a_doubt_only_a_later_claim_gives_is_said() -> None:
    """'2002' by one source and '2002-03~' by another: the date is said to be uncertain, and so doubtful."""
    from aloe_cli.loading.validation import validate_records
    from aloe_cli.model.models import Milestone

    [record] = validate_records(
        "milestones",
        [
            {
                "id": "m",
                "title": "M",
                "dates": [
                    {"edtf": "2002", "sources": [{"source": "story"}]},
                    {"edtf": "2002-03~", "sources": [{"source": "story"}]},
                ],
            }
        ],
    )
    assert isinstance(record, Milestone)
    dataset = load_dataset(DatasetSource(None))
    presentation = Presentation(dataclasses.replace(dataset, milestones=[record]), "en")
    dating = presentation.dating(record)
    assert dating is not None and Doubt.UNCERTAIN in dating.doubts and dating.doubtful
    assert "uncertain" in dating.cell()


# Each fact a reader needs about an event, and how each output is searched for it.
FACTS: dict[str, Callable[[HappeningView], str | None]] = {
    "title": lambda view: view.title.value,
    "role note": lambda view: view.role_note.value if view.role_note else None,
    "place": lambda view: view.places[0].name.value if view.places else None,
    "first source": lambda view: view.citations[0].cited.title if view.citations else None,
}


def _outputs(selection: Selection) -> dict[str, str]:
    from aloe_cli.evidence.views import events_listing
    from aloe_cli.exports.jsonld import jsonld_document
    from aloe_cli.renderers.listing import render_json, render_markdown, render_table

    dataset = selection.presentation.dataset
    listing = events_listing(dataset.events, selection.presentation)
    return {
        "table": render_table(listing).plain(300),
        "listing JSON": render_json(listing),
        "listing Markdown": render_markdown(listing),
        "web page": export_html(selection).decode(),
        "Markdown export": export_markdown(selection).decode(),
        "TimelineJS": json.dumps(timelinejs_document(selection), ensure_ascii=False),
        "JSON-LD": json.dumps(jsonld_document(selection), ensure_ascii=False),
    }


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_every_output_carries_each_fact_of_an_event(fact: str) -> None:
    """A new fact of events, added to the views, shows here which outputs still lack it."""
    from aloe_cli.sanitize import escape_markup

    selection = _selection(None)
    outputs = _outputs(selection)
    events = [view for view in selection.happenings if view.is_event]
    missing = []
    for view in events:
        value = FACTS[fact](view)
        if not value:
            continue
        forms = {value, escape_markup(value), json.dumps(value, ensure_ascii=False)[1:-1]}
        forms.add(re.sub(r"([\\`*_{}\[\]<>#+!|~&$])", r"\\\1", value))  # as Markdown escapes it
        missing += [
            f"{name}: {view.id}" for name, text in outputs.items() if not any(f in text for f in forms)
        ]
    assert not missing, f"{fact} missing from: {missing}"


def test_every_statement_a_citation_may_give_has_words() -> None:
    from aloe_cli.model.models import STATEMENT_FIELDS
    from aloe_cli.presentation.views import STATEMENT_WORDS

    fields = {field for names in STATEMENT_FIELDS.values() for field in names}
    assert fields | {"other"} == set(STATEMENT_WORDS)


@pytest.mark.parametrize("which", ["bundled", "example", "synthetic"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reference_made_from_its_record_is_the_one_its_view_gives(
    which: str, lang: str, tmp_path: Path
) -> None:
    """A place, person or organisation a record names is named as the view of that record names it."""
    path = {"bundled": None, "example": DATASETS[1]}.get(which)
    if which == "synthetic":
        synthetic = tmp_path / "synthetic.yaml"
        synthetic.write_text(synthetic_yaml(300), encoding="utf-8")
        path = str(synthetic)
    dataset = load_dataset(DatasetSource(path))
    by_reference, by_view = Presentation(dataset, lang), Presentation(dataset, lang)
    places, people, organisations = by_view.places, by_view.people, by_view.organisations
    assert places and organisations  # every dataset here names some: the comparison is made
    for place in places.values():
        assert by_reference.place_reference(place.id) == Reference(place.id, place.name, place.label)
    for person in people.values():
        expected = Reference(person.id, Text(person.name, "", {}), person.name)
        assert by_reference.person_reference(person.id) == expected
    for organisation in organisations.values():
        expected = Reference(organisation.id, organisation.name, organisation.label)
        assert by_reference.organisation_reference(organisation.id) == expected


def test_a_disputed_start_with_no_end_is_not_shown_as_a_closed_span() -> None:
    """ALOE's sources dispute when it began (October 2005, 22 November 2005) and none says it ended."""
    bundled = load_dataset(DatasetSource(None))
    presentation = Presentation(bundled, "en")
    aloe = presentation.organisations["aloe"].dating
    assert aloe is not None and aloe.disputed
    assert aloe.cell() == "began October–November 2005, disputed; end unknown"
    dakar = next(
        view for view in presentation.happenings(bundled.milestones) if view.id == "dakar-2005"
    ).dating
    assert dakar is not None and dakar.cell() == "October–November 2005, disputed"  # a meeting: a closed span
