"""The JSON-LD export as linked data: what SPARQL over it answers, and every property within its domain.

pyld turns the export into RDF (the inline context, nothing fetched) and rdflib loads those triples into a
graph and answers SPARQL over it (rdflib's own JSON-LD reader warns of a deprecated class it uses inside).
The competency questions are the ones a historian asks of the record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.query import ResultRow
from typer.testing import Result

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ALOE = Namespace("urn:aloe:vocabulary#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX aloe: <urn:aloe:vocabulary#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from aloe_cli.exports import Selection
    from aloe_cli.exports.jsonld import jsonld_document
    from aloe_cli.loading.dataset import load_dataset
    from aloe_cli.loading.source import DatasetSource
    from aloe_cli.presentation.build import Presentation

    dataset = load_dataset(DatasetSource(None))
    happenings = [*dataset.milestones, *dataset.events]
    presentation = Presentation(dataset, "en")
    return jsonld_document(Selection(presentation, presentation.happenings(happenings), "test"))


@pytest.fixture(scope="module")
def graph(document: dict[str, Any]) -> Graph:
    from pyld import jsonld

    triples = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert triples  # every statement in the default graph: N-Triples
    return Graph().parse(data=triples, format="nt")


def ask(graph: Graph, query: str) -> list[tuple[str, ...]]:
    """The rows a SPARQL query gives, as text, sorted."""
    rows = []
    for row in graph.query(PREFIXES + query):
        assert isinstance(row, ResultRow)  # a SELECT answers rows (ASK a bool, CONSTRUCT triples)
        rows.append(tuple(str(value) if value is not None else "" for value in row))
    return sorted(rows)


# --- competency questions ---------------------------------------------------------------------------


def test_the_events_of_2002_with_their_places_and_the_wsses_part(graph: Graph) -> None:
    rows = ask(graph, """
        SELECT ?event ?place ?part WHERE {
          ?event a schema:Event ; schema:startDate ?start .
          FILTER(STRSTARTS(STR(?start), "2002"))
          OPTIONAL { ?event schema:location/schema:name ?place . FILTER(LANG(?place) = "en") }
          OPTIONAL { ?event schema:attendee ?role . ?role a schema:OrganizationRole ;
                       schema:attendee <urn:aloe:wsse> ; schema:roleName ?part . }
        }""")  # fmt: skip
    assert rows == [
        ("urn:aloe:esf-2002", "Florence", "took part"),
        ("urn:aloe:microfinance-2002", "", "took part"),
        ("urn:aloe:wsf-2002", "Porto Alegre", "in charge of the solidarity economy theme"),
    ]


def test_every_claim_about_the_dakar_meeting_with_its_source(graph: Graph) -> None:
    rows = ask(graph, """
        SELECT ?edtf ?words ?source ?where WHERE {
          <urn:aloe:dakar-2005> aloe:dateClaim ?claim .
          ?claim aloe:edtf ?edtf ; schema:name ?words ; schema:subjectOf ?cited .
          ?cited schema:isPartOf ?source .
          OPTIONAL { ?cited schema:position ?where }
        }""")  # fmt: skip
    assert rows == [
        ("2005-10", "October 2005", "urn:aloe:story", "¶9"),
        ("2005-11-22/2005-11-26", "22–26 November 2005", "urn:aloe:ripess-dakar", ""),
    ]
    disputed = graph.value(URIRef("urn:aloe:dakar-2005"), ALOE.disputed)
    assert isinstance(disputed, Literal) and disputed.toPython() is True


def test_the_workshops_in_two_categories(graph: Graph) -> None:
    rows = ask(graph, """
        SELECT DISTINCT ?workshop WHERE {
          ?workshop a schema:Project ; schema:keywords ?first, ?second .
          ?first schema:inDefinedTermSet <urn:aloe:categories> .
          ?second schema:inDefinedTermSet <urn:aloe:categories> .
          FILTER(STR(?first) < STR(?second))
        }""")  # fmt: skip
    assert rows == [("urn:aloe:indicators",)]


def test_a_range_of_days_finds_every_event_that_may_fall_in_it(graph: Graph) -> None:
    """aloe:earliest and aloe:latest are days (xsd:date) whatever the sources' precision: a range
    filter finds 'March 2002' (microfinance-2002), which a filter on schema:startDate's gYearMonth drops."""
    rows = ask(graph, """
        SELECT ?event WHERE {
          ?event a schema:Event ; aloe:earliest ?earliest ; aloe:latest ?latest .
          FILTER(?latest >= "2002-01-01"^^xsd:date && ?earliest <= "2002-12-31"^^xsd:date)
        }""")  # fmt: skip
    assert [row[0] for row in rows] == [
        "urn:aloe:esf-2002",
        "urn:aloe:microfinance-2002",
        "urn:aloe:wsf-2002",
    ]


def test_ordered_by_the_earliest_day_the_events_are_chronological(graph: Graph) -> None:
    answer = graph.query(
        PREFIXES
        + """
        SELECT ?event ?earliest WHERE { ?event a schema:Event ; aloe:earliest ?earliest . }
        ORDER BY ?earliest"""
    )
    rows = [(str(row[0]), str(row[1])) for row in answer if isinstance(row, ResultRow)]
    days = [earliest for _, earliest in rows]
    assert len(rows) >= 10 and days == sorted(days)
    assert rows[0][0] == "urn:aloe:fph-founded" and rows[-1][0] == "urn:aloe:wsf-2006"  # 1982 to 2006


def test_every_node_is_named_from_titles_not_ids(document: dict[str, Any]) -> None:
    names = {node["@id"]: node.get("name") for node in document["@graph"] if "@id" in node}
    assert names["urn:aloe:alliance-supported-by-fph"] == "the Alliance supported by FPH"
    assert names["urn:aloe:wsse-becomes-aloe"] == "WSSE became ALOE"


def test_what_emerged_within_what_and_when(graph: Graph) -> None:
    rows = ask(graph, """
        SELECT ?unit ?parent ?when WHERE {
          ?unit org:subOrganizationOf ?parent .
          ?change a org:ChangeEvent ; org:resultingOrganization ?unit .
          FILTER NOT EXISTS { ?change org:originalOrganization ?any }
          OPTIONAL { ?change aloe:dateClaim ?claim . ?claim aloe:edtf ?when }
        }""")  # fmt: skip
    # Its dates are our reading (the story puts the two side by side): a claim, never a plain startDate.
    assert [row[:2] for row in rows] == [("urn:aloe:wsse", "urn:aloe:alliance")]
    assert rows[0][2].startswith("1997~/")
    assert (URIRef("urn:aloe:wsse"), RDF.type, ORG.OrganizationalUnit) in graph  # a unit, not a body of law


def test_what_became_what(graph: Graph) -> None:
    rows = ask(
        graph,
        """
        SELECT ?from ?to WHERE { ?change org:originalOrganization ?from ; org:resultingOrganization ?to . }""",
    )
    assert rows == [("urn:aloe:wsse", "urn:aloe:aloe")]


# --- dates at their sources' precision --------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "term", "value", "datatype"),
    [
        ("fph", SCHEMA.foundingDate, "1982", XSD.gYear),
        ("esf-2003", SCHEMA.startDate, "2003-11-12", XSD.date),
        ("microfinance-2002", SCHEMA.endDate, "2002-03", XSD.gYearMonth),  # a month, not two
        ("findhorn-2001", SCHEMA.startDate, "2001-06-10", XSD.date),
        ("findhorn-2001", SCHEMA.endDate, "2001-06-15", XSD.date),
        ("wsf-2002", SCHEMA.startDate, "2002-01-31", XSD.date),  # the days that agree with the story's year
    ],
)
def test_dates_are_typed_by_their_precision(
    graph: Graph, record: str, term: URIRef, value: str, datatype: URIRef
) -> None:
    found = list(graph.objects(URIRef(f"urn:aloe:{record}"), term))
    assert found == [Literal(value, datatype=datatype)]


def test_a_disputed_or_inferred_date_is_no_plain_date(graph: Graph) -> None:
    """Dakar's dates disagree; the WSSE's and ALOE's spans are our reading: only their claims say them."""
    for record in ("dakar-2005", "wsse", "aloe", "alliance"):
        for term in (SCHEMA.startDate, SCHEMA.endDate, SCHEMA.foundingDate, SCHEMA.dissolutionDate):
            assert list(graph.objects(URIRef(f"urn:aloe:{record}"), term)) == [], (record, term)
    assert len(list(graph.objects(URIRef("urn:aloe:dakar-2005"), ALOE.dateClaim))) == 2
    assert len(list(graph.objects(URIRef("urn:aloe:wsse"), ALOE.dateClaim))) == 1


def test_a_source_as_a_bibliographer_describes_it(graph: Graph) -> None:
    """Calame's page: its author by family and given name, its date at its precision, its site."""
    calame = URIRef("urn:aloe:calame-2003")
    author = graph.value(calame, SCHEMA.author)
    assert author is not None and str(graph.value(author, SCHEMA.familyName)) == "Calame"
    assert graph.value(calame, SCHEMA.datePublished) == Literal("2003-02-19", datatype=XSD.date)
    chiariello = URIRef("urn:aloe:chiariello-2020")
    assert (
        str(graph.value(chiariello, SCHEMA.identifier))
        == "https://doi.org/10.36311/1519-0110.2020.v21n2.p97-116"
    )


def test_an_unknown_end_is_no_end(graph: Graph) -> None:
    assert list(graph.objects(URIRef("urn:aloe:fph"), SCHEMA.dissolutionDate)) == []
    assert list(graph.objects(URIRef("urn:aloe:aloe"), SCHEMA.dissolutionDate)) == []


def test_series_gaps_and_phases_are_exported(graph: Graph) -> None:
    assert (URIRef("urn:aloe:wsf-2003"), SCHEMA.superEvent, URIRef("urn:aloe:world-social-forum")) in graph
    assert (URIRef("urn:aloe:world-social-forum"), RDF.type, SCHEMA.EventSeries) in graph
    gaps = ask(graph, "SELECT ?gap WHERE { ?gap a aloe:Gap ; schema:about <urn:aloe:wsf-2006> . }")
    assert gaps == [("urn:aloe:gap-wsf-2006-city",)]
    counted = graph.value(URIRef("urn:aloe:post-findhorn-workshops"), ALOE.workshopsCounted)
    assert isinstance(counted, Literal) and counted.toPython() == 12


# --- every schema.org property within its domain -----------------------------------------------------

# The schema.org types each property is used on ("Used on these types" on its schema.org page), for the
# properties the export uses. keywords: Organization, Event, Place and Product besides creative works
# since schema.org 13 (https://github.com/schemaorg/schemaorg/issues/3053).
DOMAINS = {
    "name": {"Thing"}, "alternateName": {"Thing"}, "description": {"Thing"}, "url": {"Thing"},
    "subjectOf": {"Thing"},
    "startDate": {"Event", "Role", "CreativeWorkSeason", "CreativeWorkSeries", "Schedule"},
    "endDate": {"Event", "Role", "CreativeWorkSeason", "CreativeWorkSeries", "Schedule"},
    "foundingDate": {"Organization"}, "dissolutionDate": {"Organization"},
    "location": {"Event", "Organization", "Action"}, "attendee": {"Event"}, "superEvent": {"Event"},
    "sponsor": {"Organization", "Event", "CreativeWork", "Person", "Grant", "MedicalStudy"},
    "address": {"Place", "Organization", "Person", "GeoCoordinates", "GeoShape"},
    "addressCountry": {"PostalAddress", "GeoCoordinates", "GeoShape", "DefinedRegion"},
    "position": {"CreativeWork", "ListItem"}, "isPartOf": {"CreativeWork"}, "text": {"CreativeWork"},
    "publisher": {"CreativeWork"}, "author": {"CreativeWork"}, "citation": {"CreativeWork"},
    "about": {"CreativeWork", "Event"}, "keywords": {"CreativeWork", "Event", "Organization", "Place", "Product"},
    "roleName": {"Role"}, "inDefinedTermSet": {"DefinedTerm"},
    "familyName": {"Person"}, "givenName": {"Person"}, "datePublished": {"CreativeWork"},
    "inLanguage": {"CreativeWork", "Event", "BroadcastService", "LinkRole", "PronounceableText", "WriteAction"},
    "identifier": {"Thing"},
}  # fmt: skip
# The types the export uses, each with its schema.org super-types.
SUPERTYPES = {
    "Thing": set(), "CreativeWork": {"Thing"}, "Dataset": {"CreativeWork", "Thing"},
    "Organization": {"Thing"}, "Project": {"Organization", "Thing"}, "Person": {"Thing"},
    "Place": {"Thing"}, "Event": {"Thing"}, "EventSeries": {"Event", "Thing"},
    "Role": {"Thing"}, "OrganizationRole": {"Role", "Thing"}, "StructuredValue": {"Thing"},
    "PostalAddress": {"StructuredValue", "Thing"}, "DefinedTerm": {"Thing"},
    "DefinedTermSet": {"CreativeWork", "Thing"},
}  # fmt: skip


def test_no_schema_org_property_outside_its_domain(graph: Graph) -> None:
    problems = []
    for subject, predicate, _value in graph:
        if not str(predicate).startswith(str(SCHEMA)):
            continue
        term = str(predicate)[len(str(SCHEMA)) :]
        assert term in DOMAINS, f"a property the test does not know yet: {term}"
        types = {
            str(t)[len(str(SCHEMA)) :]
            for t in graph.objects(subject, RDF.type)
            if str(t).startswith(str(SCHEMA))
        }
        known = set().union(*(SUPERTYPES[t] | {t} for t in types)) if types else set()
        # schema.org's Role pattern: a Role carries the property that points to it (an attendee's role).
        if "Role" in known and (None, predicate, subject) in graph:
            continue
        if not known & DOMAINS[term]:
            problems.append(f"{subject} {term} (types: {sorted(types) or 'none'})")
    assert problems == []


def test_the_context_is_inline_and_ids_follow_the_base_iri(aloe: Callable[..., Result]) -> None:
    result = aloe("export", "--to", "jsonld", "--base-iri", "https://example.org/aloe/")
    document = json.loads(result.stdout)
    assert isinstance(document["@context"], dict)  # nothing to fetch
    assert any(node.get("@id") == "https://example.org/aloe/wsse" for node in document["@graph"])
