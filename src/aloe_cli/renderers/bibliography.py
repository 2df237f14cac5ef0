r"""The sources for reference managers: BibTeX (biblatex types and fields), RIS and CSL-JSON.

Each source's `type` maps to one entry type per format (a table, so no format can miss a type), its
authors to names a reference manager sorts by family name (an organisation stays one name), its
`issued` to a date at the precision it has. Every text field is escaped so that no character of the
data can leave its field: in BibTeX each LaTeX special character (braces included, as
`\textbraceleft{}`, never `\{`, which BibTeX parsers count as a brace) becomes a command; RIS and
BibTeX are one line per value, control characters shown as symbols; CSL-JSON is written by `json`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from aloe_cli.sanitize import one_line

if TYPE_CHECKING:
    from aloe_cli.presentation.views import AuthorView, SourceView


class EntryTypes(NamedTuple):
    """One source type in each format: biblatex's entry type (and subtype), CSL's type, RIS's TY."""

    biblatex: str
    entrysubtype: str | None
    csl: str
    ris: str
    container_field: str  # the biblatex field that holds the container (journal, book, site)


ENTRY_TYPES: dict[str, EntryTypes] = {
    "webpage": EntryTypes("online", None, "webpage", "ELEC", "organization"),
    "newspaper-article": EntryTypes("article", "newspaper", "article-newspaper", "NEWS", "journaltitle"),
    "magazine-article": EntryTypes("article", "magazine", "article-magazine", "MGZN", "journaltitle"),
    "journal-article": EntryTypes("article", None, "article-journal", "JOUR", "journaltitle"),
    "report": EntryTypes("report", None, "report", "RPRT", "institution"),
    "book": EntryTypes("book", None, "book", "BOOK", "maintitle"),
    "chapter": EntryTypes("incollection", None, "chapter", "CHAP", "booktitle"),
    # A newsletter is a periodical: biblatex and CSL know it as a magazine.
    "newsletter": EntryTypes("article", "magazine", "article-magazine", "MGZN", "journaltitle"),
    "conference-document": EntryTypes("inproceedings", None, "paper-conference", "CPAPER", "booktitle"),
}

SUPPLIED_TITLE = "The title describes the document; its own title was not read."


def date_parts(date: tuple[int, ...] | None) -> list[int] | None:
    """[2003, 2, 19] from a date's known parts, at the precision it gives; None without one."""
    return list(date) if date else None


def iso_date(date: tuple[int, ...] | None) -> str | None:
    """'2003-02-19', '1998-12' or '2001': the date at its precision, as biblatex reads it."""
    parts = date_parts(date)
    return (
        "-".join(f"{part:04d}" if index == 0 else f"{part:02d}" for index, part in enumerate(parts))
        if parts
        else None
    )


def _notes(source: SourceView) -> list[str]:
    """What a reader of the entry should know: the source's note, a supplied title, the copies."""
    notes = [source.note] if source.note else []
    if source.descriptive_title:
        notes.append(SUPPLIED_TITLE)
    if source.copy_read:
        notes.append(f"Copy read: {source.copy_read}")
    if source.archived:
        notes.append(f"Archived copy: {source.archived}")
    return notes


# --- CSL-JSON -----------------------------------------------------------------------------------------


def _csl_name(author: AuthorView) -> dict[str, str]:
    if author.organisation is not None:
        return {"literal": author.organisation}
    name = {"family": str(author.family)}
    if author.given:
        name["given"] = author.given
    return name


def csl_item(source: SourceView) -> dict[str, Any]:
    """One source as a CSL-JSON item, of its CSL type (https://citeproc-js.readthedocs.io)."""
    item: dict[str, Any] = {"id": source.id, "type": ENTRY_TYPES[source.type].csl, "title": source.own_title}
    if source.author_names:
        item["author"] = [_csl_name(author) for author in source.author_names]
    for key, date in (("issued", source.issued_parts), ("accessed", source.accessed_parts)):
        parts = date_parts(date)
        if parts:
            item[key] = {"date-parts": [parts]}
    optional = {
        "container-title": source.container,
        "volume": source.volume,
        "issue": source.issue,
        "page": source.pages,
        "publisher": source.publisher,
        "publisher-place": source.place,
        "DOI": source.doi,
        "URL": source.url,
        "language": source.language,
    }
    item.update({key: value for key, value in optional.items() if value})
    notes = _notes(source)
    if notes:
        item["note"] = " ".join(notes)
    return item


def render_csl_json(sources: list[SourceView]) -> str:
    """A CSL-JSON array of the sources."""
    return json.dumps([csl_item(s) for s in sources], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX (biblatex) ----------------------------------------------------------------------------------

# Every character LaTeX or BibTeX reads specially, as a command that prints it. Braces must never be
# written `\{`: BibTeX's parsers count every brace, escaped or not, and lose the entry.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_PATTERN = re.compile("[" + re.escape("".join(_LATEX_SPECIAL)) + "]")


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field value: one line, control characters shown, LaTeX's specials as commands."""
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIAL[m[0]], one_line(text))


# In a URL (a verbatim field) only characters no web address needs could leave the field: validation
# refuses them; they are percent-encoded here as well, so that no data can ever break an entry.
_URL_UNSAFE = re.compile(r'[\s{}\\"<>^`|\x00-\x1f\x7f-\x9f]')


def bibtex_url(url: str) -> str:
    """An address for biblatex's verbatim `url`: braces, backslashes and controls percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode("utf-8")), url)


def _bibtex_name(author: AuthorView) -> str:
    if author.organisation is not None:
        return "{" + bibtex_text(author.organisation) + "}"  # braced: one name, never split or inverted
    family, given = (_name_part(part) for part in (author.family, author.given))
    return f"{family}, {given}" if given else family


def _name_part(part: str | None) -> str:
    """A family or given name: braced where a comma or an 'and' would split it into other names."""
    if not part:
        return ""
    text = bibtex_text(part)
    return "{" + text + "}" if "," in text or re.search(r"\sand\s", text, re.IGNORECASE) else text


_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.\-]")


def bibtex_entry(source: SourceView) -> str:
    """One source as a biblatex entry of its type (its key is the source's id)."""
    types = ENTRY_TYPES[source.type]
    fields: list[tuple[str, str]] = []
    if types.entrysubtype:
        fields.append(("entrysubtype", types.entrysubtype))
    if source.author_names:
        fields.append(("author", " and ".join(_bibtex_name(a) for a in source.author_names)))
    fields.append(("title", bibtex_text(source.own_title)))
    texts = {
        types.container_field: source.container,
        "volume": source.volume,
        "number": source.issue,
        "pages": source.pages,
        "publisher": source.publisher,
        "location": source.place,
        "langid": source.language,
    }
    issued, accessed = iso_date(source.issued_parts), iso_date(source.accessed_parts)
    if issued:
        fields.append(("date", issued))
    fields += [(name, bibtex_text(value)) for name, value in texts.items() if value]
    if source.doi:
        fields.append(("doi", bibtex_url(source.doi)))
    if source.url:
        fields.append(("url", bibtex_url(source.url)))
    if accessed:
        fields.append(("urldate", accessed))
    fields.append(("keywords", f"{source.kind} source"))
    notes = _notes(source)
    if notes:
        fields.append(("note", bibtex_text(" ".join(notes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{types.biblatex}{{{_KEY_UNSAFE.sub('-', source.id)},\n{body}\n}}\n"


def render_bibtex(sources: list[SourceView]) -> str:
    """A biblatex file of the sources."""
    return "\n".join(bibtex_entry(s) for s in sources)


# --- RIS ------------------------------------------------------------------------------------------------


def _ris_date(date: tuple[int, ...] | None) -> str | None:
    parts = date_parts(date)
    if not parts:
        return None
    padded = [f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])]
    return "/".join(padded + [""] * (3 - len(padded))) + "/"


def ris_entry(source: SourceView) -> str:
    """One source as a RIS record: one tag a line, every value on one line, so none can start a tag."""
    lines: list[tuple[str, str | None]] = [("TY", ENTRY_TYPES[source.type].ris), ("ID", source.id)]
    lines += [("AU", author.sort_name) for author in source.author_names]
    issued = date_parts(source.issued_parts)
    lines += [
        ("TI", source.own_title),
        ("PY", f"{issued[0]:04d}" if issued else None),
        ("DA", _ris_date(source.issued_parts)),
        ("T2", source.container),
        ("VL", source.volume),
        ("IS", source.issue),
        ("SP", source.pages),
        ("PB", source.publisher),
        ("CY", source.place),
        ("DO", source.doi),
        ("UR", source.url),
        ("Y2", _ris_date(source.accessed_parts)),
        ("LA", source.language),
        ("KW", f"{source.kind} source"),
    ]
    lines += [("N1", note) for note in _notes(source)]
    text = "".join(f"{tag}  - {one_line(value)}\n" for tag, value in lines if value)
    return text + "ER  - \n"


def render_ris(sources: list[SourceView]) -> str:
    """A RIS file of the sources."""
    return "\n".join(ris_entry(s) for s in sources)
