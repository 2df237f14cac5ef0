"""The sources for reference managers: CSL-JSON (Zotero, Pandoc, citeproc) and BibTeX."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aloe_cli.model.models import Source


def _date_parts(source: Source) -> list[int] | None:
    """[2003, 2, 19] from an EDTF `issued`, at the precision it gives; None without one."""
    parts = source.issued.start_parts() if source.issued is not None else None
    return list(parts) if parts else None


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item: dict[str, Any] = {"id": source.id, "type": "webpage" if source.url else "document",
                            "title": source.display_title}  # fmt: skip
    if source.author:
        item["author"] = [{"literal": source.author}]  # a name is not split into parts we would guess
    parts = _date_parts(source)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if source.url:
        item["URL"] = source.url
    if source.publisher:
        item["publisher"] = source.publisher
    if source.language:
        item["language"] = source.language
    notes = [note for note in (source.note, "Title supplied by the aloe dataset." if source.descriptive_title
                               else None) if note]  # fmt: skip
    if notes:
        item["note"] = " ".join(notes)
    return item


def render_csl_json(sources: list[Source]) -> str:
    """A CSL-JSON array of the sources."""
    return json.dumps([csl_item(s) for s in sources], ensure_ascii=False, indent=2) + "\n"


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def bibtex_text(text: str) -> str:
    """Text as a BibTeX field value: LaTeX's special characters escaped, one line."""
    flat = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m[1], "\\" + m[1]), flat)


def bibtex_entry(source: Source) -> str:
    """One source as a BibTeX @misc entry (its key is the source's id)."""
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_text(source.display_title) + "}")]
    if source.author:
        fields.append(("author", "{" + bibtex_text(source.author) + "}"))  # braced: one literal name
    parts = _date_parts(source)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
    if source.publisher:
        fields.append(("publisher", bibtex_text(source.publisher)))
    if source.url:
        fields.append(("url", source.url.replace("%", r"\%").replace("#", r"\#")))
    if source.language:
        fields.append(("language", bibtex_text(source.language)))
    if source.note:
        fields.append(("note", bibtex_text(source.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{source.id},\n{body}\n}}\n"


def render_bibtex(sources: list[Source]) -> str:
    """A BibTeX file of the sources."""
    return "\n".join(bibtex_entry(s) for s in sources)
