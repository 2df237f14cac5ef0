"""Linked data: schema.org and W3C ORG, each property used within its domain, each date at its precision.

The graph: sources (`CreativeWork`), organisations (ORG, with `foundingDate`/`dissolutionDate`), the
lineage (`org:ChangeEvent`s, which are also schema.org `Event`s; support as a dated `Role`), places,
people, milestones and events (`Event`, in their `EventSeries` by `superEvent`, the organisations that
took part as `OrganizationRole`s naming their part), workshops (`Project`) with their categories and
phases (`DefinedTerm`s, by `keywords`), and the gaps (notes of the dataset's own, `CreativeWork` `about`
the records). Where a record is cited, `subjectOf` points to the place in the source (a `CreativeWork`
that `isPartOf` the source, at its `position`); `citation` only where schema.org allows it, on creative
works. Each source's dating of a record is a node of aloe's own vocabulary (`aloe:dateClaim`), with its
EDTF value (Library of Congress datatype) and its own citations. `startDate`, `endDate` and the founding
dates carry each end at the precision the source gives: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
`tests/test_jsonld.py` answers competency questions over the export with SPARQL and checks every
schema.org property against its domain.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aloe_cli.exports.common import date_text

if TYPE_CHECKING:
    from aloe_cli.exports import Selection
    from aloe_cli.model.models import Citation, DatedRecord

EDTF_DATATYPE = "http://id.loc.gov/datatypes/edtf/EDTF"

CONTEXT = {
    "@vocab": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    # aloe's own terms, for what schema.org has no word for: each source's dating of a record, doubt.
    "aloe": "urn:aloe:vocabulary#",
    "aloe:edtf": {"@type": EDTF_DATATYPE},
    "aloe:dateClaim": {"@type": "@id"},
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "url": {"@type": "@id"},
    "isPartOf": {"@type": "@id"},
    "location": {"@type": "@id"},
    "about": {"@type": "@id"},
    "sponsor": {"@type": "@id"},
    "attendee": {"@type": "@id"},
    "superEvent": {"@type": "@id"},
    "keywords": {"@type": "@id"},
    "inDefinedTermSet": {"@type": "@id"},
    "org:originalOrganization": {"@type": "@id"},
    "org:resultingOrganization": {"@type": "@id"},
    "org:subOrganizationOf": {"@type": "@id"},
}

# The datatype of a date known to the year, the month or the day.
DATE_TYPES = {1: "xsd:gYear", 2: "xsd:gYearMonth", 3: "xsd:date"}


def typed_date(parts: tuple[int, ...] | None) -> dict[str, str] | None:
    """A date at the precision its parts give: 2002 -> gYear, 2002-03 -> gYearMonth, a day -> date."""
    if not parts:
        return None
    return {"@value": date_text(parts), "@type": DATE_TYPES[len(parts)]}


def jsonld_document(selection: Selection) -> dict[str, Any]:
    """The dataset as one JSON-LD graph with an inline context (no remote fetch is ever needed)."""
    from aloe_cli.evidence.views import ROLE_WORDS
    from aloe_cli.questions.lineage import org_mapping

    dataset, lookup, base_iri = selection.dataset, selection.lookup, selection.base_iri

    def iri(record_id: str) -> str:
        return base_iri + record_id

    def names(text: dict[str, str]) -> list[dict[str, str]]:
        return [{"@value": value, "@language": lang} for lang, value in text.items()]

    def places_in_sources(cited: list[Citation]) -> list[dict[str, Any]]:
        """Each citation as the place in the source it points to: a part of the source, at a position."""
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
                "@type": ["aloe:DateClaim", "StructuredValue"],
                "aloe:edtf": claim.edtf.text,
                "name": claim.words,
                "subjectOf": places_in_sources(claim.sources),
            }
            if claim.inferred:
                node["aloe:inferred"] = claim.inferred
            if claim.note:
                node["description"] = claim.note
            nodes.append(node)
        return nodes

    def ends(record: DatedRecord) -> tuple[dict[str, str] | None, dict[str, str] | None]:
        """The record's start and end at their sources' precision: the finest claim where they agree."""
        claim = record.finest_claim or record.date_claim
        if claim is None:
            return None, None
        return typed_date(claim.edtf.start_parts()), typed_date(claim.edtf.end_parts())

    def dating(
        record: DatedRecord, start_term: str = "startDate", end_term: str = "endDate"
    ) -> dict[str, Any]:
        if not record.dates:
            return {}
        start, end = ends(record)
        fields: dict[str, Any] = {"aloe:dateClaim": claim_nodes(record), "aloe:disputed": record.disputed}
        if start is not None:
            fields[start_term] = start
        if end is not None:
            fields[end_term] = end
        return fields

    def cited(record: Any) -> dict[str, Any]:
        places = places_in_sources(record.sources)
        return {**({"subjectOf": places} if places else {}), **media_of(record)}

    def media_of(record: Any) -> dict[str, Any]:
        """schema.org's `image` (images, scans) and `associatedMedia` (the rest), with their sources."""
        from aloe_cli.evidence.media import media_views

        found: dict[str, list[dict[str, Any]]] = {}
        for medium in media_views(getattr(record, "media", [])):
            node: dict[str, Any] = {
                "@type": "ImageObject" if medium.picture else "MediaObject",
                "contentUrl": medium.href,
            }
            for term, text in (
                ("description", medium.alt),
                ("caption", medium.caption),
                ("creditText", medium.credit),
            ):
                if text:
                    node[term] = text
            if medium.sources:
                node["citation"] = [{"@id": iri(c.source)} for c in medium.sources]
            found.setdefault("image" if medium.picture else "associatedMedia", []).append(node)
        return found

    graph: list[dict[str, Any]] = [
        {  # the dataset itself: a blank node, since any IRI under the prefix could be a record's
            "@type": "Dataset",
            "name": dataset.title,
            **({"description": dataset.description} if dataset.description else {}),
        }
    ]
    for source in dataset.sources:
        node: dict[str, Any] = {"@id": iri(source.id), "@type": "CreativeWork", "name": source.display_title}
        if source.url:
            node["url"] = source.url
        if source.publisher:
            node["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.author:
            node["author"] = {"@type": "Person", "name": source.author}
        graph.append(node)
    sponsors: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for link in dataset.lineage:
        if link.relation == "supported_by":
            sponsors.setdefault(link.from_org, []).append(iri(link.to_org))
        elif link.relation == "emerged_within":
            parents.setdefault(link.from_org, []).append(iri(link.to_org))
    for organisation in dataset.organisations:
        # A body that emerged within another is a unit of it (the WSSE, a workgroup of the Alliance); no
        # source says which bodies are legally constituted, so the others are ORG's plain Organization.
        kind = "org:OrganizationalUnit" if organisation.id in parents else "org:Organization"
        node = {
            "@id": iri(organisation.id),
            "@type": ["Organization", kind],
            "name": names(organisation.name),
            "alternateName": [
                *names(organisation.acronym or {}),
                *({"@value": n.name, "@language": n.lang} for n in organisation.other_names),
            ],
            **dating(organisation, "foundingDate", "dissolutionDate"),
            **cited(organisation),
        }
        if organisation.summary:
            node["description"] = organisation.summary
        if organisation.id in sponsors:
            node["sponsor"] = sponsors[organisation.id]
        if organisation.id in parents:
            node["org:subOrganizationOf"] = parents[organisation.id]
        graph.append(node)
    for link in dataset.lineage:
        node = {"@id": iri(link.id), **dating(link), **cited(link)}
        if link.summary:
            node["description"] = link.summary
        mapping = org_mapping(link)
        if mapping.type == "org:ChangeEvent":
            node.update(mapping.terms(iri))
            node["@type"] = ["org:ChangeEvent", "Event"]
            # ORG says "sub-organisation of" of organisations: it is on the unit's own node, not here.
            node.pop("org:subOrganizationOf", None)
        else:  # support is no change of organisation: a dated role, the sponsor on the organisation
            node["@type"] = "Role"
            node["roleName"] = "sponsor"
            node["aloe:supported"] = {"@id": iri(link.from_org)}
            node["aloe:supporter"] = {"@id": iri(link.to_org)}
        node["name"] = f"{link.from_org} {link.relation.replace('_', ' ')} {link.to_org}"
        graph.append(node)
    for place in dataset.places:
        node = {"@id": iri(place.id), "@type": "Place", "name": names(place.name), **cited(place)}
        if place.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": place.country}
        graph.append(node)
    for person in dataset.people:
        node = {"@id": iri(person.id), "@type": "Person", "name": person.name, **cited(person)}
        if person.role:
            node["description"] = person.role
        graph.append(node)
    for series in dataset.series:
        graph.append(
            {"@id": iri(series.id), "@type": "EventSeries", "name": names(series.title), **cited(series)}
        )
    from aloe_cli.model.models import Event

    for record in selection.happenings:
        node = {
            "@id": iri(record.id),
            "@type": "Event",
            "name": names(record.title),
            **dating(record),
            "location": [iri(p) for p in record.places],
            "attendee": [iri(p) for p in record.people],
            **cited(record),
        }
        if isinstance(record, Event):
            if record.series:
                node["superEvent"] = iri(record.series)
            # Each organisation that took part, through schema.org's Role: which part it played.
            for taking_part in record.organisations:
                role: dict[str, Any] = {
                    "@type": "OrganizationRole",
                    "attendee": {"@id": iri(taking_part)},
                    "roleName": ROLE_WORDS[record.role],
                }
                if record.role_note:
                    role["description"] = record.role_note
                node["attendee"].append(role)
        else:
            node["attendee"] += [iri(o) for o in record.organisations]
        if record.summary:
            node["description"] = record.summary
        graph.append(node)
    # Categories and phases: terms the workshops are filed under (`keywords`), each in its set.
    for term_set in ("categories", "phases"):
        graph.append({"@id": iri(term_set), "@type": "DefinedTermSet", "name": f"The workshops' {term_set}"})
    for category in dataset.categories:
        graph.append({
            "@id": iri(category.id), "@type": "DefinedTerm", "name": names(category.title),
            "inDefinedTermSet": iri("categories"), "description": category.description, **cited(category),
        })  # fmt: skip
    for phase in dataset.phases:
        node = {
            "@id": iri(phase.id), "@type": "DefinedTerm", "name": names(phase.title),
            "inDefinedTermSet": iri("phases"), **cited(phase),
        }  # fmt: skip
        if phase.dates:
            node["aloe:dateClaim"] = claim_nodes(phase)
        if phase.summary:
            node["description"] = phase.summary
        if phase.workshops_counted is not None:
            node["aloe:workshopsCounted"] = phase.workshops_counted
        graph.append(node)
    for workshop in dataset.workshops:
        graph.append(
            {
                "@id": iri(workshop.id),
                "@type": "Project",
                "name": names(workshop.title),
                "alternateName": [{"@value": n.name, "@language": n.lang} for n in workshop.other_names],
                "keywords": [iri(c) for c in [*workshop.categories, *workshop.phases]],
                **cited(workshop),
            }
        )
    for gap in dataset.gaps:
        graph.append(
            {
                "@id": iri(gap.id),
                "@type": ["CreativeWork", "aloe:Gap"],
                "description": gap.summary,
                "about": [iri(a) for a in gap.about],
                "citation": places_in_sources(gap.sources),
            }
        )
    return {"@context": CONTEXT, "@graph": graph}


def export_jsonld(selection: Selection) -> bytes:
    """The JSON-LD document, UTF-8."""
    return (json.dumps(jsonld_document(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
