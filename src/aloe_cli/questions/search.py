"""Finding records by text: case- and accent-insensitive, across every language, ranked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.questions.names import fold, fold_text
from aloe_cli.questions.queries import chronological_key
from aloe_cli.questions.record_detail import index_records

if TYPE_CHECKING:
    from aloe_cli.model.models import Dataset, DatasetLists
    from aloe_cli.questions.record_detail import Found

# How much a match counts, by where it is: a name outranks a passing mention.
FIELD_WEIGHTS = {
    "title": 5, "name": 5, "acronym": 5, "short name": 5, "other names": 4, "id": 3, "series": 3,
    "place": 2, "person": 2, "country": 2, "summary": 2, "description": 2, "role": 2, "role note": 1,
    "note": 1, "publisher": 2, "author": 2, "url": 1,
}  # fmt: skip


def match_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where `term` occurs in `text`, ignoring case and accents, as spans of the original text."""
    folded_text, origin = fold(text)
    folded_term = fold(term)[0]
    spans: list[tuple[int, int]] = []
    if not folded_term:
        return spans
    start = folded_text.find(folded_term)
    while start != -1:
        end = start + len(folded_term)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded_text.find(folded_term, end)
    return spans


class Hit(NamedTuple):
    """A record that matches every term, its score, and the texts the terms were found in."""

    found: Found
    score: int
    matches: tuple[tuple[str, str], ...]  # (field, text) pairs where a term matched, best first
    words: int = 1  # how many of the query's words the record has


def searchable_texts(found: Found, names: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The (field, text) pairs of a record that search looks in; `names` resolves referenced ids."""
    record: Any = found.record
    texts: list[tuple[str, str]] = []
    for field in ("title", "name", "acronym", "short_name"):
        value = getattr(record, field, None)
        if isinstance(value, dict):
            texts += [(field.replace("_", " "), text) for text in value.values()]
        elif isinstance(value, str):
            texts.append((field, value))
    texts += [("other names", other.name) for other in getattr(record, "other_names", [])]
    texts.append(("id", record.id))
    fields = ("country", "summary", "description", "role", "role_note", "note", "publisher", "author", "url")
    for field in fields:
        value = getattr(record, field, None)
        if isinstance(value, dict):  # a text in several languages: found in any of them
            texts += [(field.replace("_", " "), text) for text in value.values()]
        elif isinstance(value, str):
            texts.append((field.replace("_", " "), value))
    # Places, people and the series a record names are searched (so "wsf" finds each forum);
    # organisations are not, or every WSSE record would match any word of the WSSE's name.
    for field, label in (("places", "place"), ("people", "person")):
        for target in getattr(record, field, []) or []:
            texts += [(label, text) for text in names.get(target, [])]
    series = getattr(record, "series", None)
    if isinstance(series, str):
        texts += [("series", text) for text in names.get(series, [])]
    return texts


# More words than anyone types: a query is checked against every text of every record once per word.
MAX_SEARCH_WORDS = 32


def search_terms(query: str) -> list[str]:
    """The distinct words of a query, folded; a word that folds to nothing (a lone accent) is dropped."""
    return list(dict.fromkeys(folded for folded in (fold_text(word) for word in query.split()) if folded))


def referenced_names(dataset: DatasetLists) -> dict[str, list[str]]:
    """The names search gives the places, people and series a record names, by id."""
    names: dict[str, list[str]] = {}
    for place in dataset.places:
        names[place.id] = list(place.name.values())
    for person in dataset.people:
        names[person.id] = [person.name]
    for series in dataset.series:
        names[series.id] = [*series.title.values(), *(series.acronym or {}).values()]
    return names


def search_corpus(dataset: DatasetLists) -> dict[str, list[str]]:
    """Every record's searchable texts by id: what `search` looks in (the SQLite export indexes it)."""
    names = referenced_names(dataset)
    return {
        record_id: [text for _, text in searchable_texts(found, names)]
        for record_id, found in index_records(dataset).items()
    }


def search(dataset: Dataset, query: str) -> list[Hit]:
    """Records in which any word of the query occurs, those with the most of its words first.

    Then the best placed matches (a title outranks a note), then the oldest.
    """
    terms = search_terms(query)
    if not terms:
        return []
    names = referenced_names(dataset)
    hits: list[Hit] = []
    for found in index_records(dataset).values():
        texts = [(field, text, fold_text(text)) for field, text in searchable_texts(found, names)]
        score = 0
        matched: dict[str, tuple[str, str]] = {}
        words = 0
        for term in terms:
            weights = [(FIELD_WEIGHTS[field], field, text) for field, text, folded in texts if term in folded]
            if not weights:
                continue
            best = max(weights, key=lambda item: item[0])
            score += best[0]
            words += 1
            matched.setdefault(best[2], (best[1], best[2]))
        if words:
            ordered = sorted(matched.values(), key=lambda pair: -FIELD_WEIGHTS[pair[0]])
            hits.append(Hit(found, score, tuple(ordered), words))

    def rank(hit: Hit) -> tuple[Any, ...]:
        record: Any = hit.found.record
        when = chronological_key(record) if hasattr(record, "dates") else (2,)
        return (-hit.words, -hit.score, when, record.id)

    return sorted(hits, key=rank)


SNIPPET_CONTEXT = 40


def snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """A short extract around the first match of a long text, with the spans moved to fit it."""
    flat = " ".join(text.split())
    if len(flat) != len(text):  # folding white space moves positions: find the terms afresh below
        spans = []
    if not spans or len(flat) <= 2 * SNIPPET_CONTEXT + 20:
        return flat, spans
    start = max(spans[0][0] - SNIPPET_CONTEXT, 0)
    end = min(spans[0][1] + SNIPPET_CONTEXT, len(flat))
    # Cut at word boundaries: start after a space, end before one.
    if start:
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space != -1 and space + 1 <= spans[0][0] else start
    if end < len(flat):
        space = flat.find(" ", end)
        end = space if space != -1 else len(flat)
    prefix, suffix = ("…" if start else ""), ("…" if end < len(flat) else "")
    shift = len(prefix) - start
    kept = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + flat[start:end] + suffix, kept
