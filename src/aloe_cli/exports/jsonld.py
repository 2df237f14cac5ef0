"""Linked data: schema.org organisations, events, places and people, W3C ORG change events, citations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, DatedRecord

EDTF_DATATYPE = "http://id.loc.gov/datatypes/edtf/EDTF"

CONTEXT = {
    "@vocab": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    # aloe's own terms, for what schema.org has no word for: each source's dating of a record.
    "aloe": "urn:aloe:vocabulary#",
    "aloe:edtf": {"@type": EDTF_DATATYPE},
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "startDate": {"@type": "xsd:date"},
    "endDate": {"@type": "xsd:date"},
    "temporalCoverage": {"@type": EDTF_DATATYPE},
    "url": {"@type": "@id"},
    "isPartOf": {"@type": "@id"},
    "location": {"@type": "@id"},
    "about": {"@type": "@id"},
    "sponsor": {"@type": "@id"},
    "attendee": {"@type": "@id"},
    "superEvent": {"@type": "@id"},
    "org:originalOrganization": {"@type": "@id"},
    "org:resultingOrganization": {"@type": "@id"},
    "org:subOrganizationOf": {"@type": "@id"},
    "org:linkedTo": {"@type": "@id"},
}


def jsonld_document(selection: Selection) -> dict[str, Any]:
    """The dataset as one JSON-LD graph with an inline context (no remote fetch is ever needed)."""
    from aloe_cli.questions.lineage import org_mapping

    dataset, lookup, base_iri = selection.dataset, selection.lookup, selection.base_iri

    def iri(record_id: str) -> str:
        return base_iri + record_id

    def names(text: dict[str, str]) -> list[dict[str, str]]:
        return [{"@value": value, "@language": lang} for lang, value in text.items()]

    def citations(cited: list[Citation]) -> list[dict[str, Any]]:
        found = []
        for citation in cited:
            source = lookup.sources[citation.source]
            node: dict[str, Any] = {
                "@type": "CreativeWork", "isPartOf": iri(source.id), "name": source.display_title,
            }  # fmt: skip
            if citation.locator:
                node["position"] = citation.locator
            if citation.quote:
                node["text"] = citation.quote
            found.append(node)
        return found

    def claim_nodes(record: DatedRecord) -> list[dict[str, Any]]:
        """Each dating of the record as a node of its own, with its own citations (and our reading)."""
        nodes = []
        for position, claim in enumerate(record.dates):
            node: dict[str, Any] = {
                "@id": f"{iri(record.id)}#date-{position + 1}",
                "@type": "aloe:DateClaim",
                "aloe:edtf": claim.edtf.text,
                "name": claim.words,
                "citation": citations(claim.sources),
            }
            if claim.inferred:
                node["aloe:inferred"] = claim.inferred
            if claim.note:
                node["description"] = claim.note
            nodes.append(node)
        return nodes

    def dates(record: DatedRecord) -> dict[str, Any]:
        claim = record.date_claim
        if claim is None:
            return {}
        fields: dict[str, Any] = {
            "temporalCoverage": [c.edtf.text for c in record.dates],
            "aloe:dateClaim": claim_nodes(record),
            "aloe:disputed": record.disputed,
        }
        if record.earliest is not None:
            fields["startDate"] = record.earliest.isoformat()
        if record.latest is not None:
            fields["endDate"] = record.latest.isoformat()
        return fields

    graph: list[dict[str, Any]] = []
    for source in dataset.sources:
        node: dict[str, Any] = {"@id": iri(source.id), "@type": "CreativeWork", "name": source.display_title}
        if source.url:
            node["url"] = source.url
        if source.publisher:
            node["publisher"] = source.publisher
        graph.append(node)
    sponsors: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for link in dataset.lineage:
        if link.relation == "supported_by":
            sponsors.setdefault(link.from_org, []).append(iri(link.to_org))
        elif link.relation == "emerged_within":
            parents.setdefault(link.from_org, []).append(iri(link.to_org))
    for organisation in dataset.organisations:
        node = {
            "@id": iri(organisation.id),
            "@type": ["Organization", "org:FormalOrganization"],
            "name": names(organisation.name),
            "alternateName": [
                *names(organisation.acronym or {}),
                *({"@value": n.name, "@language": n.lang} for n in organisation.other_names),
            ],
            **dates(organisation),
            "citation": citations(organisation.sources),
        }
        if organisation.summary:
            node["description"] = organisation.summary
        if organisation.id in sponsors:
            node["sponsor"] = sponsors[organisation.id]
        if organisation.id in parents:
            node["org:subOrganizationOf"] = parents[organisation.id]
        graph.append(node)
    for link in dataset.lineage:
        node = {"@id": iri(link.id), **dates(link), "citation": citations(link.sources)}
        if link.summary:
            node["description"] = link.summary
        node.update(org_mapping(link).terms(iri))  # the same ORG reading as `aloe lineage --format json`
        if "@type" not in node:  # support is no change of organisation: ORG's generic link says it
            node["@type"] = "Thing"
            node["name"] = f"{link.from_org} supported by {link.to_org}"
        graph.append(node)
    for place in dataset.places:
        node = {"@id": iri(place.id), "@type": "Place", "name": names(place.name)}
        if place.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": place.country}
        graph.append(node)
    for person in dataset.people:
        node = {"@id": iri(person.id), "@type": "Person", "name": person.name}
        if person.role:
            node["description"] = person.role
        graph.append(node)
    for record in selection.happenings:
        node = {
            "@id": iri(record.id),
            "@type": "Event",
            "name": names(record.title),
            **dates(record),
            "location": [iri(p) for p in record.places],
            "attendee": [iri(p) for p in record.people] + [iri(o) for o in record.organisations],
            "citation": citations(record.sources),
        }
        if record.summary:
            node["description"] = record.summary
        graph.append(node)
    for workshop in dataset.workshops:
        graph.append(
            {
                "@id": iri(workshop.id),
                "@type": "Project",
                "name": names(workshop.title),
                "alternateName": [n.name for n in workshop.other_names],
                "citation": citations(workshop.sources),
            }
        )
    return {"@context": CONTEXT, "@graph": graph}


def export_jsonld(selection: Selection) -> bytes:
    """The JSON-LD document, UTF-8."""
    return (json.dumps(jsonld_document(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
