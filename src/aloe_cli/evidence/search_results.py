"""Search results as a listing: best first, where each matched, the matches marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aloe_cli.evidence.views import ColumnSpec, Listing, Row, date_cell
from aloe_cli.i18n import _
from aloe_cli.model.models import DatedRecord
from aloe_cli.questions.record_detail import every_cited_of, title_of
from aloe_cli.questions.search import match_spans, snippet

if TYPE_CHECKING:
    from aloe_cli.presentation.build import Presentation
    from aloe_cli.presentation.payloads import JSONRecord
    from aloe_cli.questions.search import Hit


def ranking_legend(hits: list[Hit], terms: list[str]) -> str:
    """How the results are ranked, where the query has several words: no record need have them all."""
    if len(terms) < 2:
        return ""
    every = sum(1 for hit in hits if hit.words == len(terms))
    return _(
        "Ranked by how many of the {words} words each record has: {every} of {found} have them all and "
        "come first; then by where the words occur (a title before a note)."
    ).format(words=len(terms), every=every, found=len(hits))


def search_listing(hits: list[Hit], terms: list[str], presentation: Presentation) -> Listing:
    """Search results, best first, with where each matched and the matches marked."""

    def spans_in(text: str) -> list[tuple[int, int]]:
        return sorted(span for term in terms for span in match_spans(text, term))

    rows: list[Row] = []
    records: list[JSONRecord] = []
    for hit in hits:
        record = hit.found.record
        title = title_of(hit.found, presentation)
        dating = presentation.dating(record) if isinstance(record, DatedRecord) else None
        field_name, text = hit.matches[0]
        extract, extract_spans = snippet(text, spans_in(text))
        if not extract_spans:
            extract_spans = spans_in(extract)
        offset = len(field_name) + 2
        rows.append(
            Row(
                record.id,
                (_(hit.found.kind), title, date_cell(dating) if isinstance(record, DatedRecord) else "",
                 f"{field_name}: {extract}", record.id),
                () if hit.found.kind == "source" else every_cited_of(record, presentation),
                claims=dating if dating is not None and dating.disputed else None,  # its cell's "see below"
                marks={1: spans_in(title), 3: [(a + offset, b + offset) for a, b in extract_spans]},
            )
        )  # fmt: skip
        dated = dating.json() if dating else None
        records.append(
            {
                "id": record.id,
                "kind": hit.found.kind,
                "title": title,
                "date": dated["date"] if dated else None,
                "date_label": dated["date_label"] if dated else None,
                "start": dated["start"] if dated else None,
                "end": dated["end"] if dated else None,
                "score": hit.score,
                "words_matched": hit.words,
                "matched": [{"field": f, "text": t} for f, t in hit.matches],
            }
        )
    return Listing(
        title=_("Search results"),
        columns=(
            ColumnSpec(_("Kind"), 2),
            ColumnSpec(_("Title"), 4),
            ColumnSpec(_("Date"), 2, holds="date"),
            ColumnSpec(_("Matched"), 4),
            ColumnSpec(_("ID"), holds="id"),
        ),
        fields=(
            "id",
            "kind",
            "title",
            "date",
            "date_label",
            "start",
            "end",
            "score",
            "words_matched",
            "matched",
        ),
        legend=ranking_legend(hits, terms),
        make_rows=lambda: rows,
        make_records=lambda: iter(records),
    )
