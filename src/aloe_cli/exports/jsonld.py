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
dates carry each end at the precision the source gives: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`, and
only where the claims agree and are not our reading (else the claims alone say the dates, each marked).
`tests/test_jsonld.py` answers competency questions over the export with SPARQL and checks every
schema.org property against its domain.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aloe_cli.i18n import N_, _
from aloe_cli.presentation.dating import date_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from aloe_cli.exports import Selection
    from aloe_cli.presentation.dating import Dating
    from aloe_cli.presentation.views import CitationView, MediumView

EDTF_DATATYPE = "http://id.loc.gov/datatypes/edtf/EDTF"

CONTEXT = {
    "@vocab": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    # aloe's own terms, for what schema.org has no word for: each source's dating of a record, doubt.
    "aloe": "urn:aloe:vocabulary#",
    "aloe:edtf": {"@type": EDTF_DATATYPE},
    "aloe:dateClaim": {"@type": "@id"},
    # The earliest and latest possible day, always a day: SPARQL compares and orders these, where the
    # typed dates beside them mix years, months and days that no FILTER or ORDER BY can compare.
    "aloe:earliest": {"@type": "http://www.w3.org/2001/XMLSchema#date"},
    "aloe:latest": {"@type": "http://www.w3.org/2001/XMLSchema#date"},
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "url": {"@type": "@id"},
    "isPartOf": {"@type": "@id"},
    "location": {"@type": "@id"},
    "aloe:possibleLocation": {"@type": "@id"},  # a place it may have been in (`places_are: one-of`)
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

# The sets the workshops are filed under, as people read them (English msgids).
TERM_SET_NAMES = {"categories": N_("The workshops' categories"), "phases": N_("The workshops' phases")}


def typed_date(parts: tuple[int, ...] | None) -> dict[str, str] | None:
    """A date at the precision its parts give: 2002 -> gYear, 2002-03 -> gYearMonth, a day -> date."""
    if not parts:
        return None
    return {"@value": date_text(parts), "@type": DATE_TYPES[len(parts)]}


def jsonld_document(selection: Selection) -> dict[str, Any]:
    """The dataset as one JSON-LD graph with an inline context (no remote fetch is ever needed)."""
    presentation, base_iri = selection.presentation, selection.base_iri

    def iri(record_id: str) -> str:
        return base_iri + record_id

    def names(text: Mapping[str, str]) -> list[dict[str, str]]:
        return [{"@value": value, "@language": lang} for lang, value in text.items()]

    def places_in_sources(cited: tuple[CitationView, ...]) -> list[dict[str, Any]]:
        """Each citation as the place in the source it points to: a part of the source, at a position."""
        found = []
        for citation in cited:
            node: dict[str, Any] = {
                "@type": "CreativeWork", "isPartOf": iri(citation.source), "name": citation.cited.title,
            }  # fmt: skip
            if citation.locator:
                node["position"] = citation.locator
            if citation.quote:
                node["text"] = citation.quote
            if citation.supports:  # the record's statements this place in the source gives
                node["aloe:supports"] = list(citation.supports)
            found.append(node)
        return found

    def claim_nodes(record_id: str, dating: Dating | None) -> list[dict[str, Any]]:
        """Each dating of the record as a node of its own, with its own citations (and our reading)."""
        nodes = []
        for position, claim in enumerate(dating.claims if dating else ()):
            node: dict[str, Any] = {
                "@id": f"{iri(record_id)}#date-{position + 1}",
                "@type": ["aloe:DateClaim", "StructuredValue"],
                "aloe:edtf": claim.edtf,
                "name": claim.words,
                "subjectOf": places_in_sources(claim.citations),
            }
            if claim.inferred:
                node["aloe:inferred"] = claim.inferred
            if claim.note:
                node["description"] = claim.note
            nodes.append(node)
        return nodes

    def dating(
        record_id: str, dated: Dating | None, start_term: str = "startDate", end_term: str = "endDate"
    ) -> dict[str, Any]:
        """The claims, whether they are disputed, and the start and end at their sources' precision."""
        if dated is None:
            return {}
        fields: dict[str, Any] = {
            "aloe:dateClaim": claim_nodes(record_id, dated),
            "aloe:disputed": dated.disputed,
        }
        # The earliest and latest possible days bound every claim, a disputed one or our reading too:
        # a range a query can compare, never a date stated as fact.
        if dated.earliest is not None:
            fields["aloe:earliest"] = dated.earliest.isoformat()
        if dated.latest is not None:
            fields["aloe:latest"] = dated.latest.isoformat()
        if dated.disputed or dated.shown.inferred:
            # A plain start or end would state a disputed claim, or our reading, as fact: the claims say
            # each with its sources and its mark.
            return fields
        start, end = typed_date(dated.shown.start_parts), typed_date(dated.shown.end_parts)
        if start is not None:
            fields[start_term] = start
        if end is not None:
            fields[end_term] = end
        return fields

    def cited(citations: tuple[CitationView, ...]) -> dict[str, Any]:
        places = places_in_sources(citations)
        return {"subjectOf": places} if places else {}

    def media_of(media: tuple[MediumView, ...]) -> dict[str, Any]:
        """schema.org's `image` (images, scans) and `associatedMedia` (the rest), with their sources."""
        found: dict[str, list[dict[str, Any]]] = {}
        for medium in media:
            node: dict[str, Any] = {
                "@type": "ImageObject" if medium.picture else "MediaObject",
                "contentUrl": medium.href,
            }
            for term, text in (("description", medium.alt), ("caption", medium.caption)):
                if text:
                    node[term] = text
            if medium.credit:
                node["creditText"] = medium.credit
            if medium.citations:
                node["citation"] = [{"@id": iri(c.source)} for c in medium.citations]
            found.setdefault("image" if medium.picture else "associatedMedia", []).append(node)
        return found

    graph: list[dict[str, Any]] = [
        {  # the dataset itself: a blank node, since any IRI under the prefix could be a record's
            "@type": "Dataset",
            "name": names(presentation.title_text.every),
            **(
                {"description": names(presentation.description_text.every)}
                if presentation.description_text
                else {}
            ),
        }
    ]
    for source in presentation.sources:
        node: dict[str, Any] = {"@id": iri(source.id), "@type": "CreativeWork", "name": source.title}
        if source.url:
            node["url"] = source.url
        if source.publisher:
            node["publisher"] = {"@type": "Organization", "name": source.publisher}
        authors = [
            {"@type": "Organization", "name": author.organisation}
            if author.organisation is not None
            else {
                "@type": "Person",
                "name": author.display,
                "familyName": author.family,
                **({"givenName": author.given} if author.given is not None else {}),
            }
            for author in source.authors
        ]
        if authors:
            node["author"] = authors
        elif source.author:  # a name kept whole: not said to be a person's
            node["author"] = {"@type": "Thing", "name": source.author}
        published = typed_date(source.issued_parts)
        if published is not None:
            node["datePublished"] = published
        if source.language:
            node["inLanguage"] = source.language
        if source.container:
            node["isPartOf"] = {"@type": "CreativeWork", "name": source.container}
        if source.doi:
            node["identifier"] = f"https://doi.org/{source.doi}"
        graph.append(node)
    sponsors: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for link in presentation.lineage:
        if link.relation == "supported_by":
            sponsors.setdefault(link.from_org.id, []).append(iri(link.to_org.id))
        elif link.relation == "emerged_within":
            parents.setdefault(link.from_org.id, []).append(iri(link.to_org.id))
    for organisation in presentation.organisations.values():
        # A body that emerged within another is a unit of it (the WSSE, a workgroup of the Alliance); no
        # source says which bodies are legally constituted, so the others are ORG's plain Organization.
        kind = "org:OrganizationalUnit" if organisation.id in parents else "org:Organization"
        node = {
            "@id": iri(organisation.id),
            "@type": ["Organization", kind],
            "name": names(organisation.name.every),
            "alternateName": [
                *names(organisation.acronym.every if organisation.acronym else {}),
                *({"@value": n.name, "@language": n.lang} for n in organisation.other_names),
            ],
            **dating(organisation.id, organisation.dating, "foundingDate", "dissolutionDate"),
            **cited(organisation.citations),
        }
        if organisation.summary:
            node["description"] = names(organisation.summary.every)
        if organisation.id in sponsors:
            node["sponsor"] = sponsors[organisation.id]
        if organisation.id in parents:
            node["org:subOrganizationOf"] = parents[organisation.id]
        graph.append(node)
    for link in presentation.lineage:
        node = {"@id": iri(link.id), **dating(link.id, link.dating), **cited(link.citations)}
        if link.summary:
            node["description"] = names(link.summary.every)
        mapping = link.org_mapping()
        if mapping.type == "org:ChangeEvent":
            node.update(mapping.terms(iri))
            node["@type"] = ["org:ChangeEvent", "Event"]
            # ORG says "sub-organisation of" of organisations: it is on the unit's own node, not here.
            node.pop("org:subOrganizationOf", None)
        else:  # support is no change of organisation: a dated role, the sponsor on the organisation
            node["@type"] = "Role"
            node["roleName"] = "sponsor"
            node["aloe:supported"] = {"@id": iri(link.from_org.id)}
            node["aloe:supporter"] = {"@id": iri(link.to_org.id)}
        node["name"] = link.title  # 'WSSE supported by FPH': named as people read it, not by ids
        graph.append(node)
    for place in presentation.places.values():
        node = {
            "@id": iri(place.id),
            "@type": "Place",
            "name": names(place.name.every),
            **cited(place.citations),
        }
        if place.country:
            node["address"] = {"@type": "PostalAddress", "addressCountry": names(place.country.every)}
        graph.append(node)
    for person in presentation.people.values():
        node = {"@id": iri(person.id), "@type": "Person", "name": person.name, **cited(person.citations)}
        if person.role:
            node["description"] = person.role
        graph.append(node)
    for series in presentation.series.values():
        graph.append(
            {
                "@id": iri(series.id),
                "@type": "EventSeries",
                "name": names(series.title.every),
                **cited(series.citations),
            }
        )
    for record in selection.happenings:
        node = {
            "@id": iri(record.id),
            "@type": "Event",
            "name": names(record.title.every),
            **dating(record.id, record.dating),
            # In one of its places, no source saying which: each a possible location, none asserted.
            ("aloe:possibleLocation" if record.one_of_places else "location"): [
                iri(p.id) for p in record.places
            ],
            "attendee": [iri(p.id) for p in record.people],
            **cited(record.citations),
            **media_of(record.media),
        }
        if record.is_event:
            if record.series_id:
                node["superEvent"] = iri(record.series_id)
            # Each organisation that took part, through schema.org's Role: which part it played.
            for taking_part in record.organisations:
                role: dict[str, Any] = {
                    "@type": "OrganizationRole",
                    "attendee": {"@id": iri(taking_part.id)},
                    "roleName": record.role_words,
                }
                if record.role_note:
                    role["description"] = names(record.role_note.every)
                node["attendee"].append(role)
        else:
            node["attendee"] += [iri(o.id) for o in record.organisations]
        if record.places_are in ("one-of", "unknown"):
            node["aloe:placesAre"] = record.places_are
        if record.summary:
            node["description"] = names(record.summary.every)
        graph.append(node)
    # Categories and phases: terms the workshops are filed under (`keywords`), each in its set.
    for term_set in ("categories", "phases"):
        graph.append({"@id": iri(term_set), "@type": "DefinedTermSet", "name": _(TERM_SET_NAMES[term_set])})
    for category in presentation.categories.values():
        graph.append({
            "@id": iri(category.id), "@type": "DefinedTerm", "name": names(category.title.every),
            "inDefinedTermSet": iri("categories"), "description": names(category.description.every),
            **cited(category.citations),
        })  # fmt: skip
    for phase in presentation.phases.values():
        node = {
            "@id": iri(phase.id), "@type": "DefinedTerm", "name": names(phase.title.every),
            "inDefinedTermSet": iri("phases"), **cited(phase.citations),
        }  # fmt: skip
        if phase.dating:
            node["aloe:dateClaim"] = claim_nodes(phase.id, phase.dating)
        if phase.summary:
            node["description"] = names(phase.summary.every)
        if phase.workshops_counted is not None:
            node["aloe:workshopsCounted"] = phase.workshops_counted
        graph.append(node)
    for workshop in presentation.workshops:
        graph.append(
            {
                "@id": iri(workshop.id),
                "@type": "Project",
                "name": names(workshop.title.every),
                "alternateName": [{"@value": n.name, "@language": n.lang} for n in workshop.other_names],
                "keywords": [iri(ref.id) for ref in (*workshop.categories, *workshop.phases)],
                **cited(workshop.citations),
            }
        )
    for gap in presentation.gaps:
        graph.append(
            {
                "@id": iri(gap.id),
                "@type": ["CreativeWork", "aloe:Gap"],
                "description": names(gap.summary.every),
                "about": [iri(a) for a in gap.about],
                "citation": places_in_sources(gap.citations),
            }
        )
    return {"@context": CONTEXT, "@graph": graph}


def export_jsonld(selection: Selection) -> bytes:
    """The JSON-LD document, UTF-8."""
    return (json.dumps(jsonld_document(selection), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
