"""The bundled dataset as a historical record: complete against the primary source, honest about gaps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource, bundled_dataset_path
from aloe_cli.model.models import Citation, Dataset, DatedRecord
from conftest import pydantic_json

PRIMARY_PARAGRAPHS = {"¶1", "¶2", "¶3", "¶4", "¶5", "¶6", "¶7", "¶7a", "¶7b", "¶7c", "¶8", "¶9"}
STORY = Path(__file__).parents[2] / "shared" / "sources" / "aloe-story-en.txt"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DatasetSource(None))


def all_citations(dataset: Dataset) -> list[Citation]:
    found: list[Citation] = []
    for record in dataset.records():
        found.extend(getattr(record, "sources", []))  # a source record has none
        if isinstance(record, DatedRecord):
            for claim in record.dates:
                found.extend(claim.sources)
        for other in getattr(record, "other_names", []):
            found.extend(other.sources)
    return found


def days(record: DatedRecord) -> tuple[str, str]:
    """The first and last possible days of a record whose days the sources give."""
    assert record.earliest is not None and record.latest is not None, record.id
    return record.earliest.isoformat(), record.latest.isoformat()


def year(record: DatedRecord) -> int:
    """The year of a record's first possible day."""
    assert record.earliest is not None, record.id
    return record.earliest.year


def test_every_paragraph_of_the_primary_source_is_cited(dataset: Dataset) -> None:
    cited = {c.locator for c in all_citations(dataset) if c.source == "story"}
    assert cited >= PRIMARY_PARAGRAPHS
    assert cited <= PRIMARY_PARAGRAPHS, "a story citation names a paragraph the story does not have"


@pytest.mark.research_notes
def test_the_story_has_the_paragraphs_the_dataset_cites() -> None:
    text = STORY.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()[1:] if line.strip()]  # the title is not counted
    bullets = [line for line in lines if line.startswith("•")]
    assert len(lines) - len(bullets) == 9 and len(bullets) == 3


def test_the_primary_source_is_marked_primary(dataset: Dataset) -> None:
    story = next(s for s in dataset.sources if s.id == "story")
    assert story.kind == "primary"
    assert story.url == "https://aloe.socioeco.org/page63-histoire_en.html"


def test_every_statement_has_a_source_that_gives_it(dataset: Dataset) -> None:
    """Each statement-bearing field (each language of a name) is named by a citation's `supports`."""
    from aloe_cli.model.models import RECORD_KINDS, is_our_translation, statements_of, supported

    unsupported = [
        (record.id, statement)
        for list_name in RECORD_KINDS
        for record in getattr(dataset, list_name)
        for statement in statements_of(record, list_name)
        if not any(supported(statement, citation) for citation in record.sources)
        and not is_our_translation(statement, record)
    ]
    assert unsupported == []
    assert (
        sum(len(statements_of(r, n)) for n in RECORD_KINDS for r in getattr(dataset, n)) > 250
    )  # not vacuous


def test_no_unpublished_source_and_no_maintainer_words(dataset: Dataset) -> None:
    """Every source is a published document a reader can find; no note names a folder, test or ledger."""
    for source in dataset.sources:
        assert source.kind != "notes", source.id
        assert source.url or source.copy_read or source.doi, source.id
        words = " ".join(filter(None, (source.title, source.note, source.container))).casefold()
        for word in ("ledger", "test", "shared/", "data/", ".md", ".yaml", "notes"):
            assert word not in words, (source.id, word)
    assert "staging" not in " ".join(s.url or "" for s in dataset.sources)  # a copy read is not the source


def test_the_documents_of_the_time_are_primary(dataset: Dataset) -> None:
    sources = {s.id: s for s in dataset.sources}
    for source_id in ("story", "story-fr", "findhorn-report", "caravan-1998", "lille-bulletin-2001-11-30"):
        assert sources[source_id].kind == "primary", source_id
    assert sources["libe-hascoet"].type == "newspaper-article"
    assert sources["chiariello-2020"].type == "journal-article" and sources["chiariello-2020"].doi
    assert [a.family for a in sources["calame-2003"].authors] == ["Calame"]


def test_every_source_is_cited_and_every_url_is_a_web_address(dataset: Dataset) -> None:
    cited = {c.source for c in all_citations(dataset)}
    assert {s.id for s in dataset.sources} == cited
    assert all(re.match(r"https?://", s.url) for s in dataset.sources if s.url)


def test_lineage(dataset: Dataset) -> None:
    edges = {(link.from_org, link.relation, link.to_org) for link in dataset.lineage}
    assert ("wsse", "emerged_within", "alliance") in edges
    assert ("wsse", "became", "aloe") in edges
    assert {("alliance", "supported_by", "fph"), ("aloe", "supported_by", "fph")} <= edges


def test_names_in_other_languages(dataset: Dataset) -> None:
    wsse = next(o for o in dataset.organisations if o.id == "wsse")
    assert wsse.name["fr"] == "Pôle de Socio-Economie Solidaire"
    assert wsse.acronym == {"en": "WSSE", "fr": "PSES"}
    names = {n.name for n in wsse.other_names}
    assert names >= {"Workgroup on Solidarity Socio-Economy", "Workshop on a Socio-Economy of Solidarity"}
    assert "WSES" not in names and "pt" not in wsse.name  # no page found gives them: not recorded


def test_dakar_keeps_both_dates_with_their_sources(dataset: Dataset) -> None:
    dakar = next(m for m in dataset.milestones if m.id == "dakar-2005")
    assert dakar.disputed
    assert [(c.edtf.text, c.sources[0].source) for c in dakar.dates] == [
        ("2005-10", "story"),
        ("2005-11-22/2005-11-26", "ripess-dakar"),
    ]
    assert days(dakar) == ("2005-10-01", "2005-11-26")


def test_findhorn_keeps_the_story_wording_and_the_report_days_apart(dataset: Dataset) -> None:
    findhorn = next(m for m in dataset.milestones if m.id == "findhorn-2001")
    story, report = findhorn.dates
    assert (story.edtf.text, story.label, [c.source for c in story.sources]) == (
        "2001-06",
        "June 2001",
        ["story"],
    )
    assert (report.edtf.text, [c.source for c in report.sources]) == (
        "2001-06-10/2001-06-15",
        ["findhorn-report"],
    )
    assert not findhorn.disputed  # the days refine the month
    assert days(findhorn) == ("2001-06-10", "2001-06-15")
    assert findhorn.places == ["findhorn"]
    assert findhorn.people == []  # the report's author is not the meeting's "who"


def test_mid_1997_is_approximate(dataset: Dataset) -> None:
    start = next(m for m in dataset.milestones if m.id == "reorganisation-1997")
    assert start.dates[0].label == "mid-1997" and start.dates[0].edtf.approximate
    assert set(start.people) == {"philippe-amouroux", "laurent-fraisse"}


def test_events_of_the_story(dataset: Dataset) -> None:
    events = {e.id: e for e in dataset.events}
    wsf_years = sorted(year(e) for e in events.values() if e.series == "world-social-forum")
    assert wsf_years == [2002, 2003, 2004, 2005, 2006]
    assert sorted(year(e) for e in events.values() if e.series == "european-social-forum") == [
        2002,
        2003,
    ]
    symposium_years = {year(e) for e in events.values() if e.series == "globalization-of-solidarity"}
    assert {2001, 2005} <= symposium_years
    assert events["microfinance-2002"].dates[0].edtf.text == "2002-03"
    assert {e.id for e in events.values() if e.role == "theme_lead"} == {"wsf-2002", "wsf-2004"}


def test_workshops_as_the_sources_have_them(dataset: Dataset) -> None:
    original = [w for w in dataset.workshops if "original-workshops" in w.phases]
    later = [w for w in dataset.workshops if "post-findhorn-workshops" in w.phases]
    assert len(original) == 15
    assert len(later) == 10  # the story counts 12 and names ten: the gap is recorded, not filled
    phases = {p.id: p for p in dataset.phases}
    assert phases["original-workshops"].workshops_counted == 15
    assert phases["post-findhorn-workshops"].workshops_counted == 12
    by_category = {
        c.id: {w.id for w in dataset.workshops if c.id in w.categories} for c in dataset.categories
    }
    assert by_category["regulation"] == {"governance", "indicators", "debt", "international-finance"}
    assert by_category["integration"] == {"vision", "indicators"}
    initiatives = {"fair-trade", "corporate-social-responsibility", "solidarity-finance", "social-money"}
    assert by_category["initiatives"] == {*initiatives, "women-and-economy"}
    gaps = {g.id: g for g in dataset.gaps}
    assert "post-findhorn-workshops" in gaps["gap-twelve-workshops"].about
    assert "indicators" in gaps["gap-indicators-twice"].about


def test_secretaries_of_state(dataset: Dataset) -> None:
    milestones = {m.id: m for m in dataset.milestones}
    assert milestones["france-secretary-of-state"].dates[0].edtf.text == "2000-03-27"
    assert milestones["brazil-senaes-announced"].people == ["paul-singer"]
    assert milestones["brazil-senaes-announced"].dates[0].edtf.text == "2003-01"
    senaes = milestones["brazil-senaes"]
    assert [(c.edtf.text, c.sources[0].source) for c in senaes.dates] == [
        ("2003", "chiariello-2020"),
        ("2003-05-28", "attorneysinva-senaes"),
    ]
    hascoet = next(p for p in dataset.people if p.id == "guy-hascoet")
    assert "2002" not in (hascoet.role or "")  # no source dates the end of his office: a gap says so
    assert "guy-hascoet" in next(g for g in dataset.gaps if g.id == "gap-hascoet-end").about


def test_no_claim_credits_the_story_with_days(dataset: Dataset) -> None:
    for record in dataset.records():
        if not isinstance(record, DatedRecord) or record.dated_by is not None:
            continue  # dated_by: built side by side from the claims below, each side with its own sources
        for claim in record.dates:
            if any(c.source == "story" for c in claim.sources):
                sides = claim.edtf.sides()
                assert all(precision != "day" for _, _, precision in sides), (record.id, claim.edtf.text)


def test_the_story_year_and_another_page_days_are_two_claims_that_agree(dataset: Dataset) -> None:
    events = {e.id: e for e in dataset.events}
    wsf_2002 = events["wsf-2002"]
    assert [c.edtf.text for c in wsf_2002.dates] == ["2002", "2002-01-31/2002-02-05"]
    assert not wsf_2002.disputed
    wsf_2003 = events["wsf-2003"]
    assert [c.edtf.text for c in wsf_2003.dates] == ["2003", "2003-01-23/2003-01-28", "2003-01-22/2003-01-28"]
    assert wsf_2003.disputed  # the two pages give different days
    esf_2003 = events["esf-2003"]
    assert [c.edtf.text for c in esf_2003.dates] == ["2003", "2003-11-12/2003-11-15"]  # no unsourced variants


def test_dates_defined_by_the_dakar_meeting_are_disputed_with_it(dataset: Dataset) -> None:
    organisations = {o.id: o for o in dataset.organisations}
    aloe = organisations["aloe"]
    assert aloe.dated_by is not None and aloe.dated_by.start == "dakar-2005"
    assert [c.edtf.text for c in aloe.dates] == ["2005-10/", "2005-11-22/"]
    assert aloe.disputed
    became = next(link for link in dataset.lineage if link.relation == "became")
    assert [c.edtf.text for c in became.dates] == ["2005-10", "2005-11-22/2005-11-26"]
    assert became.disputed
    wsse = organisations["wsse"]
    assert [c.edtf.text for c in wsse.dates] == ["1997~/"]  # its end is unknown: not at Dakar
    assert all(c.inferred for c in wsse.dates)  # no source dates the WSSE's span: it is our reading


def test_unknown_ends_are_not_open_ends(dataset: Dataset) -> None:
    organisations = {o.id: o for o in dataset.organisations}
    for organisation_id in ("fph", "alliance", "wsse", "aloe"):
        claims = organisations[organisation_id].dates
        assert claims and all(c.edtf.unknown_end and not c.edtf.open_end for c in claims), organisation_id
    assert not any(c.edtf.open_end for r in dataset.records() for c in getattr(r, "dates", []))


def test_our_readings_are_marked_as_such(dataset: Dataset) -> None:
    notes = [c.note or "" for r in dataset.records() for c in getattr(r, "dates", [])]
    assert not any("(inferred)" in note for note in notes), "an inference hides in a note: use `inferred`"
    workshops = {w.id: w for w in dataset.workshops}
    for workshop in workshops.values():
        if workshop.probably_same_as:
            assert workshop.inferred, workshop.id
    for workshop_id in ("indicators", "vision", "social-money", "sustainable-development"):
        assert all(n.inferred for n in workshops[workshop_id].other_names), workshop_id
    symposium = next(e for e in dataset.events if e.id == "quebec-2001")
    assert symposium.dates[1].inferred  # the story's 2001 Symposium is Québec only by our reading


def test_the_original_workshops_have_no_category(dataset: Dataset) -> None:
    for workshop in dataset.workshops:
        if "original-workshops" in workshop.phases:
            assert workshop.categories == [], workshop.id


def test_the_alliance_founding_claims_give_each_page_its_own_words(dataset: Dataset) -> None:
    founded = next(m for m in dataset.milestones if m.id == "alliance-founded")
    ethica = next(c for c in founded.dates if c.sources[0].source == "ethica-alliance")
    assert (ethica.edtf.text, ethica.sources[0].quote) == ("1995", "since 1995")
    alliance = next(o for o in dataset.organisations if o.id == "alliance")
    assert "Alliance for a Responsible and United World" in {n.name for n in alliance.other_names}


def test_the_working_terms_in_french(dataset: Dataset) -> None:
    french = " ".join(
        text.get("fr", "")
        for r in dataset.records()
        for text in (getattr(r, "title", None),)
        if isinstance(text, dict)
    )
    for term in ("chantier", "cahier de propositions", "équipe d'animation", "forum électronique",
                 "premier séminaire transversal"):  # fmt: skip
        assert term in french, term


NOTES = Path(__file__).parents[2] / "shared" / "sources" / "chronology-notes.md"


# Titles read on stored copies of the pages themselves (the research notes do not quote them).
READ_ON_STORED_COPIES = {
    "story-fr": "Une histoire...",
    "findhorn-report": "Assembly of the Workgroup on Socio-Economy of Solidarity",
    "findhorn-report-es": "La Asamblea global del Grupo de Trabajo sobre Socio-economía Solidaria",
    "alliance21-1991": "December 2001 - The World Citizens Assembly: Challenges, Changes, Results",
    "lille-bulletin-2001-11-30": '"Alliance for a Responsible, Plural and United World" Is Holding a Forum for Ten Days',
    "allies-532": "Alternative Indicators for a Solidarity-based Economy",
    "allies-531": "Beyond Growth Worship: Indicators of Real Wealth",
    "alliance21-176": "Workgroup on Solidarity Socio-Economy (WSSE) Participates in European Social Forum",
    "alliance21-founding-forum": (
        "La seconde étape de l'Alliance (C/ Perspectives pour la seconde étape de l'Alliance, 2003-2010)"
    ),
}


@pytest.mark.research_notes
def test_titles_not_marked_descriptive_were_read(dataset: Dataset) -> None:
    """A title given as the document's own appears in the notes or the story, or was read on the page."""
    material = NOTES.read_text(encoding="utf-8") + STORY.read_text(encoding="utf-8")
    for source in dataset.sources:
        if not source.descriptive_title and source.id not in READ_ON_STORED_COPIES:
            assert source.title.casefold() in material.casefold(), source.id
    titles = {s.id: s.title for s in dataset.sources}
    assert all(titles[key] == title for key, title in READ_ON_STORED_COPIES.items())


def test_bundled_file_is_read_from_the_package() -> None:
    assert bundled_dataset_path().name == "timeline.yaml"
    assert bundled_dataset_path().is_file()


def test_the_bundled_snapshot_is_what_validation_gives() -> None:
    """The snapshot a run loads equals validating the YAML; an outdated one is never used."""
    from aloe_cli.loading.dataset import _validate
    from aloe_cli.loading.snapshot import dataset_from_snapshot, snapshot_bytes
    from aloe_cli.loading.source import bundled_snapshot_path

    yaml_bytes = bundled_dataset_path().read_bytes()
    validated = _validate(yaml_bytes, "timeline.yaml")
    snapshot = bundled_snapshot_path().read_bytes()
    loaded = dataset_from_snapshot(snapshot, yaml_bytes)
    assert loaded is not None, (
        "data/timeline.snapshot.json was made from another version of data/timeline.yaml: run "
        "python -m aloe_cli.loading.snapshot data/timeline.yaml data/timeline.snapshot.json"
    )
    assert pydantic_json(loaded) == pydantic_json(validated)
    assert loaded == validated
    assert snapshot == snapshot_bytes(validated, yaml_bytes)  # and it is exactly what would be written
    assert [(r.id, r.disputed, r.earliest) for r in loaded.events] == [
        (r.id, r.disputed, r.earliest) for r in validated.events
    ]
    assert dataset_from_snapshot(snapshot, yaml_bytes + b"\n") is None  # edited YAML: validate it instead


def test_fields_as_json_is_what_pydantic_dumps() -> None:
    """aloe's own dump (no Pydantic on a reading run) gives Pydantic's answer for every record."""
    from pydantic import TypeAdapter

    from aloe_cli.loading.source import bundled_dataset_path
    from aloe_cli.loading.validation import validate_text
    from aloe_cli.model.models import RECORD_KINDS, fields_as_json

    path = bundled_dataset_path()
    validated = validate_text(path.read_text(encoding="utf-8"), str(path))
    snapshot = load_dataset(DatasetSource(None))
    for dataset in (validated, snapshot):
        for list_name in RECORD_KINDS:
            for record in getattr(dataset, list_name):
                for defaults in (True, False):
                    dump = TypeAdapter(type(record)).dump_python
                    expected = dump(record, mode="json", by_alias=True, exclude_defaults=defaults)
                    assert fields_as_json(record, exclude_defaults=defaults) == expected, record.id


def test_records_read_without_validation_are_frozen_and_a_replaced_one_is_checked_again(
    dataset: Dataset,
) -> None:
    """The snapshot's records (made without `__init__`) refuse changes; `replace` runs a record's own rules."""
    import dataclasses

    from pydantic_core import PydanticCustomError

    event = next(record for record in dataset.events if len(record.places) >= 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = {"en": "changed"}  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del event.id
    assert dataclasses.replace(event, places_are="one-of").places_are == "one-of"
    with pytest.raises(PydanticCustomError, match="needs two places"):
        dataclasses.replace(event, places_are="one-of", places=event.places[:1])
    citation = event.sources[0]
    assert hash(citation) == hash(dataclasses.replace(citation)) and citation in {citation}
    # The worked-out facts of a record are its own: a copy works them out again from its claims.
    assert event.date_facts is event.date_facts
    later = dataclasses.replace(event, dates=[])
    assert later.date_facts.earliest is None and event.date_facts.earliest is not None
