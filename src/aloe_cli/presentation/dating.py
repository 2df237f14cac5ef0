"""A record's dating as every output shows it: each claim with its own sources, the words, the doubt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, NamedTuple

from aloe_cli.i18n import N_, translator
from aloe_cli.model.edtf import describe_edtf
from aloe_cli.model.edtf_words import DESCRIBERS

if TYPE_CHECKING:
    from aloe_cli.presentation.payloads import ClaimJSON, DatedJSON
    from aloe_cli.presentation.views import CitationView

EndKind = Literal["known", "open", "unknown"]
Cite = Callable[["ClaimView"], str]  # a claim's sources as a listing marks them: '6j' or '16, 17'


class Doubt(StrEnum):
    """What makes a date less than sure, in the words every output uses ('disputed' is the dating's own).

    The values are the English msgids; `Dating.doubt_words` gives them in the dating's language.
    """

    APPROXIMATE = N_("approximate")
    UNCERTAIN = N_("uncertain")
    OPEN = N_("open")
    END_UNKNOWN = N_("end unknown")
    START_UNKNOWN = N_("start unknown")
    OUR_READING = N_("our reading")


# Words that already say a doubt, per language: 'from June 2001 on' says it is open, and the doubt is not
# said twice. Keyed by the languages of `model/edtf_words.py:DESCRIBERS` (a test checks they agree).
SAID_ALREADY: dict[str, dict[Doubt, tuple[str, ...]]] = {
    "en": {Doubt.OPEN: (" on", "until"), Doubt.END_UNKNOWN: ("end unknown",),
           Doubt.START_UNKNOWN: ("start unknown",)},
    "fr": {Doubt.OPEN: ("à partir", "jusqu"), Doubt.END_UNKNOWN: ("fin inconnue",),
           Doubt.START_UNKNOWN: ("début inconnu",)},
    "es": {Doubt.OPEN: ("desde", "hasta"), Doubt.END_UNKNOWN: ("fin desconocido",),
           Doubt.START_UNKNOWN: ("inicio desconocido",)},
    "pt": {Doubt.OPEN: ("desde", "até"), Doubt.END_UNKNOWN: ("fim desconhecido",),
           Doubt.START_UNKNOWN: ("início desconhecido",)},
}  # fmt: skip


class ClaimView(NamedTuple):
    """One source's dating of a record, resolved: its EDTF value, its words, its days, who says so."""

    edtf: str
    label: str | None  # the source's own wording, where it is vaguer than the value
    words: str  # the label, else the value spelled out
    exact_words: str  # the value spelled out, whatever the label says
    earliest: date | None
    latest: date | None
    start_parts: tuple[int, ...] | None  # the known (year, month, day) of the start, at its precision
    end_parts: tuple[int, ...] | None
    start_precision: str
    end_precision: str
    approximate: bool
    uncertain: bool
    qualified: bool  # approximate or uncertain at either end
    qualified_start: bool
    qualified_end: bool
    start_latest: date | None  # the latest possible day of the start (a single date: its last day)
    end_earliest: date | None  # the earliest possible day of the end
    open_start: bool
    open_end: bool
    unknown_start: bool
    unknown_end: bool
    inferred: str | None  # why this date is our reading, where it is
    note: str | None
    citations: tuple[CitationView, ...]

    @property
    def end_kind(self) -> EndKind:
        """'open' where a source says it goes on, 'unknown' where no source gives the end."""
        return "open" if self.open_end else "unknown" if self.unknown_end else "known"

    def doubt_words(self, lang: str = "en") -> str:
        """' (approximate; our reading)': the claim's own doubt, said after its sources; '' if none."""
        doubts = [Doubt.APPROXIMATE] if self.approximate else [Doubt.UNCERTAIN] if self.uncertain else []
        doubts += [Doubt.OUR_READING] if self.inferred else []
        if not doubts:
            return ""
        gettext = translator(lang)
        return " " + gettext("({doubts})").format(doubts=gettext("; ").join(gettext(d) for d in doubts))

    def words_marked(self, lang: str = "en") -> str:
        """The claim's words, with '(our reading)' where it is."""
        gettext = translator(lang)
        return self.words + (gettext(" (our reading)") if self.inferred else "")

    def json(self) -> ClaimJSON:
        """The claim in the JSON contract."""
        found: ClaimJSON = {
            "date": self.edtf,
            "date_label": self.words,
            "start": iso(self.earliest),
            "end": iso(self.latest),
            "start_precision": self.start_precision,
            "end_precision": self.end_precision,
            "end_kind": self.end_kind,
            "approximate": self.approximate,
            "uncertain": self.uncertain,
            "inferred": self.inferred,
            "sources": [citation.json() for citation in self.citations],
        }
        if self.note:
            found["note"] = self.note
        return found


class Dating(NamedTuple):
    """Every claim of a dated record, and what follows from them: the words, the doubt, the possible days."""

    claims: tuple[ClaimView, ...]  # the dataset's order: the preferred claim first
    finest: ClaimView | None  # the most precise claim where the claims agree; None where they dispute
    disputed: bool  # two claims that cannot both be true
    uncertain: bool  # a claim qualified (~ ? %) or with an open or unknown end
    earliest: date | None  # the earliest possible day (None: unknown or open)
    latest: date | None
    lang: str = "en"  # the language of the claims' words, and of the doubts' words

    @property
    def first(self) -> ClaimView:
        """The claim shown first."""
        return self.claims[0]

    @property
    def shown(self) -> ClaimView:
        """The claim whose days a marker sits on: the finest where the claims agree, else the first."""
        return self.finest or self.first

    @property
    def exact(self) -> str | None:
        """The exact days a claim that agrees gives, where they say more than the first claim's words."""
        first, shown = self.first, self.shown
        # One claim: its value is worth showing beside its label only where it gives the day.
        if shown is first and (
            not first.label
            or first.qualified
            or first.start_precision != "day"
            or first.exact_words in first.words  # a label quoted beside the value's own words
        ):
            return None
        return None if shown.exact_words == first.words else shown.exact_words

    @property
    def doubts(self) -> tuple[Doubt, ...]:
        """How sure the date is, in the order people read it ('disputed' aside: see `disputed`).

        The shown claim's own qualification first; a qualification or an open or unknown end that only
        another claim gives is said too, so that no claim's doubt goes unsaid.
        """
        first, exact, claims = self.first, self.exact, self.claims
        doubts: list[Doubt] = []
        if first.approximate:
            doubts.append(Doubt.APPROXIMATE)
        elif first.uncertain or any(claim.qualified for claim in claims):
            doubts.append(Doubt.UNCERTAIN)
        # Words that already say the doubt ('from 15 June 2001 on', 'end unknown') are not repeated.
        said = f"{first.words} {exact or ''}"
        phrases = SAID_ALREADY[self.lang]

        def unsaid(doubt: Doubt) -> bool:
            return not any(phrase in said for phrase in phrases[doubt])

        if any(c.open_end or c.open_start for c in claims) and unsaid(Doubt.OPEN):
            doubts.append(Doubt.OPEN)
        if any(claim.unknown_end for claim in claims) and unsaid(Doubt.END_UNKNOWN):
            doubts.append(Doubt.END_UNKNOWN)
        if any(claim.unknown_start for claim in claims) and unsaid(Doubt.START_UNKNOWN):
            doubts.append(Doubt.START_UNKNOWN)
        if first.inferred or (exact is not None and self.shown.inferred):
            doubts.append(Doubt.OUR_READING)
        return tuple(doubts)

    @property
    def doubt_words(self) -> tuple[str, ...]:
        """The doubts in the dating's language: ('approximatif', 'notre lecture')."""
        gettext = translator(self.lang)
        return tuple(gettext(doubt) for doubt in self.doubts)

    @property
    def doubtful(self) -> bool:
        """The one rule every output follows: disputed, a doubt said of the date, or a claim our reading."""
        return self.disputed or bool(self.doubts) or bool(self.readings)

    @property
    def readings(self) -> tuple[str, ...]:
        """Why any claim is our reading, each reason once, sorted."""
        return tuple(sorted({claim.inferred for claim in self.claims if claim.inferred}))

    def text(self, cite: Cite | None = None) -> str:
        """'2002 (31 January – 5 February 2002)': the first claim's words, then the exact days.

        With `cite`, each followed by its claim's sources: '2002 [6j] (31 January – 5 February 2002 [16])',
        and any other claim after them: '27 March 2000 [12]; March 2000 [13]'.
        """
        exact = self.exact
        first = self.first.words + (f" [{cite(self.first)}]" if cite else "")
        said = first if not exact else f"{first} ({exact}" + (f" [{cite(self.shown)}]" if cite else "") + ")"
        told = (self.first, self.shown) if exact else (self.first,)
        if cite is None:
            return said
        others = [claim for claim in self.claims if all(claim is not t for t in told)]
        return "; ".join([said, *(f"{claim.words} [{cite(claim)}]" for claim in others)])

    def cell(self, cite: Cite | None = None) -> str:
        """The date as a table cell: '2002 (31 January – 5 February 2002)', the doubt on a line.

        Where the sources dispute it, only the span their claims cover: '1993–1995, disputed'.
        A claim's own doubt (approximate, our reading) is told with the claims, not beside a span
        it is only one part of.
        """
        gettext = translator(self.lang)
        if self.disputed and all(claim.unknown_end for claim in self.claims):
            # Claims of when it began, none of when it ended: a span of the starts, not of the life.
            return gettext("began {span}, disputed; end unknown").format(span=self.span_words())
        if self.disputed and all(claim.unknown_end or claim.open_end for claim in self.claims):
            return gettext("began {span}, disputed; goes on").format(span=self.span_words())
        if self.disputed:
            return gettext("{span}, disputed").format(span=self.span_words())
        if self.doubts:
            doubts = gettext("({doubts})").format(doubts=gettext("; ").join(self.doubt_words))
            return f"{self.text(cite)}\n{doubts}"
        return self.text(cite)

    def span_words(self) -> str:
        """What every claim of a dispute falls within, as precisely as the claims share it.

        Years where they differ in year ('1993–1995'), months where they share a year and give months
        ('October–November 2005'), else the year ('2003'); worded in the dating's language.
        """
        starts = [parts for claim in self.claims for parts in (claim.start_parts, claim.end_parts) if parts]
        if not starts:
            return self.first.words
        years = sorted({parts[0] for parts in starts})
        months = sorted({parts[1] for parts in starts if len(parts) > 1 and 1 <= parts[1] <= 12})
        if len(years) > 1:
            span = f"{years[0]:04d}/{years[-1]:04d}"
        elif not months:
            span = f"{years[0]:04d}"
        elif months[0] == months[-1]:
            span = f"{years[0]:04d}-{months[0]:02d}"
        else:
            span = f"{years[0]:04d}-{months[0]:02d}/{years[0]:04d}-{months[-1]:02d}"
        return DESCRIBERS[self.lang](span)

    def one_line(self) -> str:
        """The table cell on one line (Markdown, diagrams)."""
        return " ".join(self.cell().splitlines())

    def with_doubts(self) -> str:
        """'mid-1997, approximate' or '2005 (…), disputed': the words with every doubt named."""
        gettext = translator(self.lang)
        doubts = [*self.doubt_words, *([gettext("disputed")] if self.disputed else [])]
        return self.text() + (f", {', '.join(doubts)}" if doubts else "")

    def in_words(self) -> str:
        """Every claim on one line where they dispute: 'disputed: October 2005 (story ¶9); …'."""
        gettext = translator(self.lang)
        if self.disputed:
            claims = gettext("; ").join(claim_named(claim, self.lang) for claim in self.claims)
            return gettext("disputed: {claims}").format(claims=claims)
        doubts = self.doubt_words
        return f"{self.text()} ({gettext('; ').join(doubts)})" if doubts else self.text()

    def doubt_sentences(self) -> str:
        """A sentence on how sure the date is, or '' when it is certain."""
        gettext = translator(self.lang)
        first = self.first
        notes: list[str] = []
        if first.approximate:
            notes.append(gettext("The date is approximate."))
        elif first.uncertain:
            notes.append(gettext("The date is uncertain."))
        if first.unknown_start or first.unknown_end:
            notes.append(gettext("One end of the period is unknown: no source gives it."))
        elif first.open_start or first.open_end:
            notes.append(gettext("The period is open: a source says it goes on."))
        notes += [gettext("Our reading, not a source's: {reason}").format(reason=r) for r in self.readings]
        return " ".join(notes)

    def claims_to_show(self, own: tuple[CitationView, ...]) -> bool:
        """Whether the claims need showing one by one: several, or one citing what the record does not."""
        return len(self.claims) > 1 or any(set(claim.citations) - set(own) for claim in self.claims)

    def json(self) -> DatedJSON:
        """The date fields every dated record carries in the JSON contract."""
        return {
            "date": self.first.edtf,
            "date_label": self.first.words,
            "date_words": self.text(),
            "start": iso(self.earliest),
            "end": iso(self.latest),
            "uncertain": self.uncertain,
            "disputed": self.disputed,
            "claims": [claim.json() for claim in self.claims],
        }


UNDATED_JSON: DatedJSON = {
    "date": None,
    "date_label": None,
    "date_words": None,
    "start": None,
    "end": None,
    "uncertain": False,
    "disputed": False,
    "claims": [],
}


def claim_named(claim: ClaimView, lang: str = "en") -> str:
    """'22–26 November 2005 (ripess-dakar)', and '(our reading)' where it is."""
    gettext = translator(lang)
    cited = ", ".join(citation.short() for citation in claim.citations) or gettext("its record's sources")
    return f"{claim.words} ({cited}){claim.doubt_words(lang)}"


def says_more_than_its_value(label: str, edtf: str) -> bool:
    """Whether a source's wording says more than the words of its EDTF value ('mid-1997' of 1997~)."""
    return label != describe_edtf(edtf) and any(character.isalpha() for character in label)


def claim_words(label: str | None, edtf: str, lang: str) -> tuple[str, str]:
    """(the words a claim is shown in, the EDTF value's own words), in `lang`.

    A label is the source's own wording, in English in this dataset: in another language it is shown as
    the quotation it is, beside aloe's wording of the value ('vers 1997 (« mid-1997 »)'), unless it says
    no more than the value does ('June 2001', '1998-1999').
    """
    exact = DESCRIBERS[lang](edtf)
    if not label:
        return exact, exact
    if lang == "en":
        return label, exact
    if not says_more_than_its_value(label, edtf):
        return exact, exact  # 'June 2001', '1998-1999': nothing the value's own words do not say
    gettext = translator(lang)
    quoted = gettext("“{quotation}”").format(quotation=label)
    return gettext("{words} ({source_words})").format(words=exact, source_words=quoted), exact


def iso(day: date | None) -> str | None:
    """An ISO 8601 day, or None."""
    return day.isoformat() if day is not None else None


def date_text(parts: tuple[int, ...]) -> str:
    """(2002,), (2002, 3) or (2002, 3, 15) as ISO 8601 at that precision: '2002', '2002-03', '2002-03-15'."""
    return "-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])])
