"""`aloe show` for people: one record's fields, dates, sources and related records as a grid."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aloe_cli.i18n import N_, _
from aloe_cli.presentation.views import ONE_OF_PLACES, ROLE_WORDS, statement_words
from aloe_cli.renderers.blocks import Blocks, FieldGrid, Pieces
from aloe_cli.sanitize import printable

if TYPE_CHECKING:
    from aloe_cli.presentation.payloads import CitationJSON, DetailJSON, NameJSON, RelatedJSON

# Fields shown in their own sections, not among the plain fields.
_SHOWN_APART = {
    "id", "title", "name", "dates", "sources", "other_names", "acronym", "inferred", "dated_by", "media",
    "translated",  # said beside each text it marks: "(our translation)"
    "places_are",  # said in the Places row: 'one of: Bamako (bamako), Caracas (caracas), Karachi (karachi)'
}  # fmt: skip
# Each field's label (English msgids); a field missing here is shown by its name.
_FIELD_LABELS = {
    "about": N_("About"),
    "accessed": N_("Accessed"),
    "archived": N_("Archived"),
    "authors": N_("Authors"),
    "container": N_("Container"),
    "copy_read": N_("Copy read"),
    "doi": N_("Doi"),
    "issue": N_("Issue"),
    "pages": N_("Pages"),
    "place": N_("Place"),
    "translated": N_("Translated"),
    "type": N_("Type"),
    "volume": N_("Volume"),
    "acronym": N_("Acronym"),
    "author": N_("Author"),
    "categories": N_("Categories"),
    "country": N_("Country"),
    "description": N_("Description"),
    "descriptive_title": N_("Title is descriptive"),
    "era": N_("Era"),
    "from_org": N_("From"),
    "issued": N_("Issued"),
    "kind": N_("Kind"),
    "language": N_("Language"),
    "milestones": N_("Milestones"),
    "note": N_("Note"),
    "organisation": N_("Organisation"),
    "organisations": N_("Organisations"),
    "people": N_("People"),
    "phases": N_("Phases"),
    "places": N_("Places"),
    "probably_same_as": N_("Probably the same as"),
    "publisher": N_("Publisher"),
    "relation": N_("Relation"),
    "role": N_("Role"),
    "role_note": N_("Role note"),
    "series": N_("Series"),
    "short_name": N_("Short name"),
    "summary": N_("Summary"),
    "to_org": N_("To"),
    "url": N_("Address"),
    "workshops_counted": N_("Workshops counted"),
}
# The fields of `dated_by`, as show words them ('start reorganisation-1997').
DATED_BY_WORDS = {"same_as": N_("same as"), "start": N_("start"), "after": N_("after"), "end": N_("end")}
# The words of a record's kind and of its links to others (English msgids).
_WORDS = (
    N_("source"),
    N_("organisation"),
    N_("lineage"),
    N_("era"),
    N_("person"),
    N_("place"),
    N_("series"),
    N_("milestone"),
    N_("event"),
    N_("category"),
    N_("phase"),
    N_("workshop"),
    N_("gap"),
    N_("names"),
    N_("named by"),
    N_("cited by"),
    # the kinds of a record's media
    N_("image"),
    N_("scan"),
    N_("document"),
    N_("video"),
    N_("audio"),
    N_("link"),
    # the kinds of a source, and the parts of an author's name
    N_("primary"),
    N_("secondary"),
    N_("notes"),
    N_("import"),
    N_("family"),
    N_("given"),
)


def _plain(value: Any) -> str:
    """A JSON value as readable text: lists one per line, mappings as 'key: value'."""
    if isinstance(value, list):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_(key)}: {_plain(item)}" for key, item in value.items() if item not in (None, [], "")
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else str(value)


# The fields whose text may be given in several languages (titles and names have their own rows).
_TEXTS_IN_LANGUAGES = frozenset({"summary", "description", "role_note", "country"})


def _in_languages(text: dict[str, Any], lang: str, ours: set[str]) -> str:
    """The text in the reader's language (else English, else the first); under it, each other one, marked.

    `ours` names the languages the record marks as our translation: each says so.
    """
    shown = next((code for code in (lang, "en") if text.get(code)), next(iter(text)))

    def worded(code: str) -> str:
        return _plain(text[code]) + (f" ({_('our translation')})" if code in ours else "")

    others = [f"[{code}] {worded(code)}" for code in text if code != shown]
    return "\n".join([worded(shown), *others])


def _our_translations(fields: dict[str, Any], field: str) -> set[str]:
    """The languages of a field the record marks as our translation (`translated: [country.fr]`)."""
    translated = fields.get("translated")
    statements = translated if isinstance(translated, list) else []
    return {lang for name, _dot, lang in (s.partition(".") for s in statements) if name == field}


def _possible_days(start: str | None, end: str | None, end_kind: str = "known") -> str:
    """'2001-06-10 to 2001-06-15', 'from 2001-06-15, end unknown', 'from 2001-06-15 on'."""
    if start and end:
        return start if start == end else _("{start} to {end}").format(start=start, end=end)
    if start:
        since = _("from {start} on") if end_kind == "open" else _("from {start}, end unknown")
        return since.format(start=start)
    if end:
        return _("until {end}").format(end=end)
    return _("not known")


def _citation(citation: CitationJSON) -> str:
    where = f" {citation['locator']}" if citation.get("locator") else ""
    quote = " " + _("“{quotation}”").format(quotation=citation["quote"]) if citation.get("quote") else ""
    url = f" <{citation['url']}>" if citation.get("url") else ""
    return f"{citation['source']}{where}{quote} — {citation['title']}{url}"


# The group of citations that name no statement (a claim's, a name's), translated where it is shown.
ALSO_CITED = N_("also cited")


def _by_statement(citations: list[CitationJSON]) -> str:
    """Each statement with its sources, a source once per statement (its quotes together); then the rest.

    A citation naming no statement (a claim's, a name's) is listed under "also cited" only when no
    statement already lists that source at that place.
    """
    groups: dict[str, dict[tuple[str, str | None], list[CitationJSON]]] = {}
    for citation in citations:
        for statement in citation["supports"] or [ALSO_CITED]:
            groups.setdefault(statement, {}).setdefault((citation["source"], citation["locator"]), []).append(
                citation
            )
    listed = {key for name, group in groups.items() if name != ALSO_CITED for key in group}
    others = groups.pop(ALSO_CITED, {})
    groups[ALSO_CITED] = {key: found for key, found in others.items() if key not in listed}
    # Statements given by the same citations are listed together: "title, places:".
    merged: dict[tuple[tuple[str, str | None, tuple[str, ...]], ...], list[str]] = {}
    bodies: dict[
        tuple[tuple[str, str | None, tuple[str, ...]], ...], dict[tuple[str, str | None], list[CitationJSON]]
    ] = {}
    for statement, group in groups.items():
        if not group:
            continue
        key = tuple((k[0], k[1], tuple(c.get("quote", "") for c in v)) for k, v in group.items())
        merged.setdefault(key, []).append(statement)
        bodies[key] = group
    lines: list[str] = []
    for key, statements in merged.items():
        group = bodies[key]
        heading = ", ".join(_(s) if s == ALSO_CITED else statement_words(s) for s in statements)
        lines.append(_("{heading}:").format(heading=heading))
        for (source, locator), found in group.items():
            where = f" {locator}" if locator else ""
            quotes = "".join(
                " " + _("“{quotation}”").format(quotation=c["quote"]) for c in found if c.get("quote")
            )
            url = f" <{found[0]['url']}>" if found[0].get("url") else ""
            lines.append(f"  {source}{where}{quotes} — {found[0]['title']}{url}")
    return "\n".join(lines)


_MEDIUM_FIELDS = {"alt": N_("alt"), "caption": N_("caption"), "credit": N_("credit")}


def _medium(medium: Any) -> str:
    """'image media/x.jpg' and, under it, its alt text, caption, credit and sources, one per line."""
    lines = [f"{_(medium.get('kind', 'image'))} {medium.get('url') or medium.get('path')}"]
    for field in ("alt", "caption", "credit"):
        if medium.get(field):
            lines.append(
                "  " + _("{field}: {value}").format(field=_(_MEDIUM_FIELDS[field]), value=medium[field])
            )
    cited = [
        " ".join(str(part) for part in (c.get("source"), c.get("locator")) if part)
        for c in medium.get("sources", [])
    ]
    if cited:
        lines.append("  " + _("sources: {cited}").format(cited=_("; ").join(cited)))
    return "\n".join(lines)


def _name(name: NameJSON) -> str:
    """'Social Money and Local Exchange Systems (en; probably the same: our reading, ...)'."""
    extras = [name["lang"]]
    if name["note"]:
        extras.append(name["note"])
    if name.get("inferred"):
        extras.append(_("our reading: {reason}").format(reason=name["inferred"]))
    cited = dict.fromkeys(
        " ".join(
            filter(
                None,
                (
                    c["source"],
                    c["locator"],
                    _("“{quotation}”").format(quotation=c["quote"]) if c.get("quote") else None,
                ),
            )
        )
        for c in name.get("sources", [])
    )
    source = "\n  " + _("source: {sources}").format(sources="; ".join(cited)) if cited else ""
    return f"{name['name']} ({'; '.join(extras)}){source}"


def _field(name: str) -> str:
    """A field's name in the run's language, lower case ('places' -> 'lieux')."""
    label = _FIELD_LABELS.get(name)
    return _(label).lower() if label else name.replace("_", " ")


def _label(name: str) -> str:
    """A field's label in the run's language ('places' -> 'Lieux')."""
    label = _FIELD_LABELS.get(name)
    return _(label) if label else name.replace("_", " ").capitalize()


def _named_by_field(related: list[RelatedJSON]) -> dict[str, list[str]]:
    """The records this one names, by the field naming them: {'places': ['Dakar (dakar)']}."""
    named: dict[str, list[str]] = {}
    for other in related:
        if other["direction"] == "names":
            named.setdefault(other["via"], []).append(f"{other['title']} ({other['id']})")
    return named


def _naming_it(related: list[RelatedJSON]) -> list[tuple[str, str, list[str]]]:
    """The records that name or cite this one, by direction and kind: ('cited by', 'milestone', [...])."""
    found: dict[tuple[str, str], list[str]] = {}
    for other in related:
        if other["direction"] != "names":
            found.setdefault((other["direction"], other["kind"]), []).append(
                f"{other['title']} ({other['id']})"
            )
    return [(direction, kind, names) for (direction, kind), names in found.items()]


def _field_words(
    field: str, value: Any, fields: dict[str, Any], named: dict[str, list[str]], lang: str
) -> str:
    """A field's value in words; a field naming records takes (pops) their names from `named`."""
    if field == "places" and fields.get("places_are") == "one-of" and field in named:
        return _(ONE_OF_PLACES).format(places=", ".join(named.pop(field)))  # said in the Places row
    if field in named:  # the records it names, by name, each id in brackets: 'Dakar (dakar)'
        return "; ".join(named.pop(field))
    if field in _TEXTS_IN_LANGUAGES and isinstance(value, dict) and value:
        return _in_languages(value, lang, _our_translations(fields, field))
    if field == "role" and isinstance(value, str):
        return _(ROLE_WORDS[value]) if value in ROLE_WORDS else value
    return _plain(value)


def render_detail(detail: DetailJSON) -> Blocks:
    """A two-column grid: field names on the left, literal dataset text on the right."""
    rows: list[tuple[str, Pieces]] = []

    def row(name: str, value: str, style: str = "") -> None:
        if value:
            rows.append((name, ((printable(value), style),)))

    fields = detail["fields"]
    named = _named_by_field(detail.get("related", []))
    row(_("ID"), detail["id"], "cyan")
    own_kind = fields.get("kind")  # a source's own kind (primary ...): said with the record's, once
    kind = _(detail["kind"])
    row(_("Kind"), f"{kind} ({_(own_kind)})" if isinstance(own_kind, str) else kind)
    row(_("Title"), detail["title"])
    names = detail.get("names", [])
    row(_("Names"), "\n".join(_name(n) for n in names))
    if detail.get("claims"):
        span = _possible_days(detail["start"], detail["end"], detail["claims"][0]["end_kind"])
        possible = _("possible days: {days}").format(days=span)
        row(_("Date"), f"{detail['date_words']}  [{detail['date']}]  {possible}")
        if detail["disputed"]:
            row(_("Disputed"), _("the sources give different dates, each below with its source:"), "bold")
        dated_by = detail["fields"].get("dated_by")
        if isinstance(dated_by, dict):
            by = ", ".join(
                f"{_(DATED_BY_WORDS.get(key) or key)} {value}"
                for key, value in dated_by.items()
                if key != "inferred"
            )
            row(_("Dated by"), _("the dates of other records ({named}), claim by claim").format(named=by))
        for number, claim in enumerate(detail["claims"], start=1):
            sources = "\n  ".join(_citation(c) for c in claim["sources"]) or _("(the record's sources)")
            note = "\n  " + _("note: {note}").format(note=claim["note"]) if claim.get("note") else ""
            reading = (
                "\n  " + _("our reading, not a source's: {reason}").format(reason=claim["inferred"])
                if claim.get("inferred")
                else ""
            )
            days = _possible_days(claim["start"], claim["end"], claim["end_kind"])
            words = f"{claim['date_label']}  [{claim['date']}]  {days}"
            row(_("Claim {number}").format(number=number), f"{words}\n  {sources}{note}{reading}")
    inferred = detail["fields"].get("inferred")
    if isinstance(inferred, str):
        row(_("Our reading"), inferred, "italic")
    for field, value in fields.items():
        if field not in _SHOWN_APART and field != "kind":
            row(_label(field), _field_words(field, value, fields, named, detail["lang"]))
    media = fields.get("media")
    for number, medium in enumerate(media if isinstance(media, list) else [], start=1):
        row(_("Media {number}").format(number=number), _medium(medium))
    row(_("Sources"), _by_statement(detail.get("sources", [])))
    for field, others in named.items():  # named through a field not shown above
        row(_label(field), "; ".join(others))
    for direction, kind, others in _naming_it(detail.get("related", [])):
        row(
            _("{direction} ({kind})").format(direction=_(direction).capitalize(), kind=_(kind)),
            "; ".join(others),
        )
    grid = FieldGrid(rows)
    return Blocks(lambda width: [grid])
