"""`aloe export`: each format is produced from the bundled dataset and accepted by its real consumer."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from browser import DOCS, UPDATE_DOCS, dump_dom, java, node_module, screenshot, serve, visit

BUNDLED = load_dataset(DatasetSource(None))
HAPPENINGS = {r.id for r in [*BUNDLED.milestones, *BUNDLED.events]}
DATED = {r.id for r in [*BUNDLED.milestones, *BUNDLED.events] if r.dates}
ERROR_CATCHER = """<script>
window.addEventListener('error', e => { document.getElementById('errors').textContent += 'ERROR ' + e.message + '\\n'; });
window.addEventListener('unhandledrejection', e => { document.getElementById('errors').textContent += 'REJECTED ' + e.reason + '\\n'; });
const originalError = console.error;
console.error = (...parts) => { document.getElementById('errors').textContent += 'CONSOLE ' + parts.join(' ') + '\\n'; originalError(...parts); };
</script>"""


def export(aloe: Callable[..., Result], *args: str) -> Result:
    result = aloe("export", *args)
    assert result.exit_code == 0, result.stderr
    return result


def errors_in(dom: str) -> str:
    match = re.search(r'<pre id="errors">(.*?)</pre>', dom, re.S)
    assert match is not None, "the page did not run"
    return match.group(1).strip()


# --- TimelineJS ---------------------------------------------------------------------------------


def test_timelinejs_structure(aloe: Callable[..., Result]) -> None:
    data = json.loads(export(aloe, "--to", "timelinejs").stdout)
    slides = {e["unique_id"]: e for e in data["events"]}
    assert set(slides) == DATED
    findhorn = slides["findhorn-2001"]
    assert findhorn["start_date"] == {"year": 2001, "month": 6, "day": 10}
    assert findhorn["end_date"] == {"year": 2001, "month": 6, "day": 15}
    assert findhorn["display_date"] == "June 2001 (10–15 June 2001)"
    assert findhorn["group"] == "Milestones"
    assert (
        '<a href="https://aloe.socioeco.org/page63-histoire_en.html">A story..., ¶4</a>'
        in findhorn["text"]["text"]
    )
    assert slides["reorganisation-1997"]["start_date"] == {"year": 1997}
    assert "approximate" in slides["reorganisation-1997"]["text"]["text"]
    assert slides["dakar-2005"]["display_date"] == "October 2005, disputed"
    assert slides["reorganisation-1997"]["display_date"] == "mid-1997, approximate"
    assert "The sources disagree on the date" in slides["dakar-2005"]["text"]["text"]
    assert slides["microfinance-2002"]["start_date"] == {"year": 2002, "month": 3}
    assert [e["text"]["headline"].split(":")[0] for e in data["eras"]] == [
        "The FPH, before the Alliance",
        "The Alliance for a Responsible, Plural and United World",
        "The Workgroup on Solidarity Social Economy (WSSE)",
        "ALOE",
    ]
    assert data["title"]["text"]["headline"] == BUNDLED.title["en"]
    assert "pioneering-networks" in data["title"]["text"]["text"]  # undated: said, not dropped silently


def test_timelinejs_renders_in_the_real_library(aloe: Callable[..., Result], tmp_path: Path) -> None:
    script = node_module("@knight-lab/timelinejs/dist/js/timeline.js")
    style = node_module("@knight-lab/timelinejs/dist/css/timeline.css")
    shutil.copy(script, tmp_path / "timeline.js")
    shutil.copy(style, tmp_path / "timeline.css")
    data = export(aloe, "--to", "timelinejs").stdout
    (tmp_path / "index.html").write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="timeline.css"></head>
<body><pre id="errors"></pre>{ERROR_CATCHER}<div id="timeline-embed" style="width:1000px;height:600px"></div>
<script src="timeline.js"></script>
<script>
const timeline = new TL.Timeline('timeline-embed', {data}, {{hash_bookmark: false}});
timeline.on('loaded', () => document.body.setAttribute('data-loaded', 'yes'));
</script></body></html>""",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/index.html")
    assert errors_in(dom) == ""
    assert 'data-loaded="yes"' in dom
    slides = re.findall(r'<div[^>]*class="tl-slide[ "]', dom)
    assert len(slides) == len(DATED) + 1  # one per dated record, and the title slide
    assert "The Findhorn meeting, the WSSE's first cross-cutting seminar" in dom


def test_the_timelinejs_page_opens_offline_with_no_error(aloe: Callable[..., Result], tmp_path: Path) -> None:
    """Exactly the exported page, TimelineJS's dist folder beside it, no network: no error, no request out."""
    shutil.copytree(node_module("@knight-lab/timelinejs/dist"), tmp_path / "timeline")
    export(aloe, "--to", "timelinejs-page", "-o", str(tmp_path / "index.html"))
    seen = visit(tmp_path, "index.html")
    assert seen.console == []  # no error, no warning, nothing logged
    local = [line.split()[1] for line, _ in seen.requests if line.startswith("GET http://127.0.0.1:")]
    assert len(local) == len(seen.requests), seen.requests  # nothing asked of the outside
    assert {path.split("/", 3)[3] for path in local} >= {
        "index.html",
        "timeline/css/timeline.css",
        "timeline/js/timeline.js",
    }
    assert all(code == 200 for _, code in seen.requests), seen.requests  # and everything found
    slides = re.findall(r'<div[^>]*class="tl-slide[ "]', seen.dom)
    assert len(slides) == len(DATED) + 1
    assert "The Findhorn meeting, the WSSE's first cross-cutting seminar" in seen.dom
    assert "ALOE: from October 2005, end unknown" in seen.dom  # an era band says its doubt


def test_the_timelinejs_page_has_landmarks_and_no_axe_violation_in_aloes_markup(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """The page's own markup (a <main>, an <h1> with the title): axe finds nothing, TimelineJS's aside."""
    shutil.copytree(node_module("@knight-lab/timelinejs/dist"), tmp_path / "timeline")
    shutil.copy(node_module("axe-core/axe.min.js"), tmp_path / "axe.min.js")
    page = tmp_path / "index.html"
    export(aloe, "--to", "timelinejs-page", "-o", str(page))
    probe = AXE_PROBE.replace("axe.run(document,", "axe.run({exclude: [['#timeline']]},")
    probe = probe[: probe.index("  // The overview")] + (
        "  document.body.setAttribute('data-axe', JSON.stringify({\n"
        "    violations: result.violations.map(v => v.id + ': ' + v.nodes.length), sideways}));\n});\n</script>"
    )
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/index.html", budget_ms=15000, window=(1400, 900))
    found = re.search(r"data-axe=\"([^\"]+)\"", dom)
    assert found is not None, "axe did not run"
    assert json.loads(found[1].replace("&quot;", '"'))["violations"] == []
    assert re.search(r"<main>\s*<h1>From the Alliance to ALOE", dom)


def test_timelinejs_eras_follow_one_another(aloe: Callable[..., Result]) -> None:
    data = json.loads(export(aloe, "--to", "timelinejs").stdout)
    bands = [(era["start_date"], era["end_date"]) for era in data["eras"]]
    as_tuple = [(tuple(s.values()), tuple(e.values())) for s, e in bands]
    for (_, end), (next_start, _) in itertools.pairwise(as_tuple):
        assert end < next_start  # no two bands overlap
    assert as_tuple[0][0] == (1982, 1, 1)  # the FPH's era starts with the FPH, the Alliance's later
    assert as_tuple[1][0] == (1993, 1, 1)
    headlines = [era["text"]["headline"] for era in data["eras"]]
    assert headlines[2].startswith(
        "The Workgroup on Solidarity Social Economy (WSSE): mid-1997 to October 2005"
    )
    assert "disputed" in headlines[3]
    assert (
        "The workshops build pioneering international networks (pioneering-networks)"
        in (data["title"]["text"]["text"])
    )  # an undated record is named by its title, its id beside it


# --- the web page -------------------------------------------------------------------------------


def test_html_page_in_a_browser(aloe: Callable[..., Result], tmp_path: Path) -> None:
    page = tmp_path / "aloe.html"
    export(aloe, "--to", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    # Self-contained and inert: no network, and no script but the linked data, which browsers do not run.
    assert html.count("<script") == 1 and '<script type="application/ld+json">' in html
    for outside_resource in ("<link", " src=", "@import"):
        assert outside_resource not in html
    assert not re.search(r"url\((?!#)", html)  # only the page's own patterns, by fragment
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/aloe.html", budget_ms=2000)
        screenshot(f"{url}/aloe.html", tmp_path / "shot.png")
        screenshot(f"{url}/aloe.html", tmp_path / "narrow.png", width=400, height=1400)
    if UPDATE_DOCS:
        shutil.copy(tmp_path / "shot.png", DOCS / "html-export.png")
        shutil.copy(tmp_path / "narrow.png", DOCS / "html-export-400.png")
    for record_id in HAPPENINGS | {w.id for w in BUNDLED.workshops} | {g.id for g in BUNDLED.gaps}:
        assert f'id="{record_id}"' in dom, record_id
    for landmark in ("<header>", "<main>", "<footer>", "<nav ", "<h1>", "<h2 "):
        assert landmark in dom
    # Each claim with its own source, by title and link (not by bare id)
    assert (
        'disputed: October 2005 (<a href="https://aloe.socioeco.org/page63-histoire_en.html">A story..., ¶9</a>); '
        '22–26 November 2005 (<a href="http://www.ripess.net/en/bilan_dk2005.html">'
        "[RIPESS assessment of the Dakar 2005 meeting]</a>)"
    ) in dom
    assert 'href="https://aloe.socioeco.org/page63-histoire_en.html"' in dom
    assert (tmp_path / "shot.png").stat().st_size > 10_000
    assert "Record findhorn-2001" not in dom  # no line repeating each record's id
    # A phase named once, in its own table (its other mentions cite the notes' section of that name), not
    # in a column repeating it row after row.
    body = dom.split("<main>")[1]
    assert body.count('<th scope="row">The 15 original workshops</th>') == 1
    assert (
        body.count("The 15 original workshops") - body.count("aloe dataset, The 15 original workshops") == 1
    )


def test_html_passes_the_nu_html_checker(aloe: Callable[..., Result], tmp_path: Path) -> None:
    """The W3C Nu HTML checker (npm vnu-jar) finds nothing, errors or warnings, in either language."""
    checker = node_module("vnu-jar/build/dist/vnu.jar")
    pages = []
    for lang in ("en", "fr"):
        page = tmp_path / f"aloe-{lang}.html"
        aloe_result = aloe("--lang", lang, "export", "--to", "html", "-o", str(page))
        assert aloe_result.exit_code == 0, aloe_result.stderr
        pages.append(str(page))
    done = subprocess.run(
        [str(java()), "-jar", str(checker), "--format", "json", *pages],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    messages = json.loads(done.stderr)["messages"]
    assert messages == [], messages[:5]


AXE_PROBE = r"""<script src="axe.min.js"></script>
<script>
axe.run(document, {resultTypes: ['violations']}).then(result => {
  const sideways = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  // The overview's smallest text as shown: its font size times the drawing's scale on the page.
  const svg = document.querySelector('figure.overview svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  // A word of a heading or label drawn on two lines is a word broken inside (a break after its own
  // hyphen, as in "2003-2010", is no break inside a word).
  const broken = [];
  for (const element of document.querySelectorAll('h1, h2, h3, th, nav a, .kind, .date, figcaption')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\s\-–]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(word[0]);
      }
    }
  }
  document.body.setAttribute('data-axe', JSON.stringify({
    violations: result.violations.map(v => v.id + ': ' + v.nodes.length), sideways,
    smallest: Math.min(...sizes), broken}));
});
</script>"""


@pytest.mark.parametrize("width", [1400, 400, 320])
def test_html_has_no_axe_violation_and_no_sideways_scroll(
    aloe: Callable[..., Result], tmp_path: Path, width: int
) -> None:
    """axe-core (npm) at each width finds no violation; the page never scrolls sideways, even at 320 px;
    no word of a heading or label is broken inside; the overview's text is at least 12 px.

    The page is the export with axe's own two script tags added before </body>, nothing else.
    """
    shutil.copy(node_module("axe-core/axe.min.js"), tmp_path / "axe.min.js")
    page = tmp_path / "aloe.html"
    export(aloe, "--to", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", AXE_PROBE + "</body>"), encoding="utf-8")
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/aloe.html", budget_ms=15000, window=(width, 900))
    found = re.search(r"data-axe=\"([^\"]+)\"", dom)
    assert found is not None, "axe did not run"
    result = json.loads(found[1].replace("&quot;", '"'))
    assert result["violations"] == []
    assert result["sideways"] <= 0, f"{result['sideways']} px of sideways scroll at {width} px"
    assert result["broken"] == [], f"words broken at {width} px"
    assert result["smallest"] >= 12, f"overview text of {result['smallest']:.1f} px at {width} px"


def test_html_makes_planted_script_inert(aloe: Callable[..., Result], tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        "format: aloe/1\n"
        "title: \"<script>document.title='pwned'</script>\"\n"
        "sources: [{id: s, title: '<img src=x onerror=\"document.title=1\">', url: 'https://example.org/\"><script>x()</script>'}]\n"
        "events:\n"
        "  - id: e1\n"
        "    title: \"<script>document.body.setAttribute('data-pwned','yes')</script>\"\n"
        '    summary: \'</p><script>document.body.setAttribute("data-pwned","yes")</script>\'\n'
        "    dates: [{edtf: '2002'}]\n"
        "    sources: [{source: s}]\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.html"
    result = aloe("--data", str(hostile), "export", "--to", "html", "-o", str(page))
    assert result.exit_code == 0, result.stderr
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/page.html", budget_ms=2000)
    assert "data-pwned" not in dom.split("<body")[1].split(">")[0]
    assert "<title>&lt;script&gt;document.title='pwned'&lt;/script&gt;</title>" in dom
    assert "<script" not in dom.split("</head>")[1]
    # The linked data holds the planted text as JSON, which no browser reads as HTML; its "<" are escaped,
    # so it cannot end its element either.
    head, linked_data = (
        dom.split('<script type="application/ld+json">')[0],
        dom.split('<script type="application/ld+json">')[1].split("</script>")[0],
    )
    assert "<" not in linked_data and "\\u003cimg" in linked_data
    rest = head + dom.split('<script type="application/ld+json">')[1].split("</script>", 1)[1]
    assert "onerror=" not in re.sub(r"&lt;img[^<]*", "", rest)


def test_readme_screenshot_exists() -> None:
    assert (Path(__file__).parents[1] / "docs" / "html-export.png").stat().st_size > 10_000


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_document(aloe: Callable[..., Result]) -> None:
    text = export(aloe, "--to", "markdown").stdout
    assert text.startswith(f"# {BUNDLED.title['en'].replace(':', ':')}")
    for heading in (
        "## The FPH, before the Alliance",
        "## Events",
        "## Workshops",
        "## What the sources leave open",
        "## Notes",
    ):
        assert f"\n{heading}\n" in text
    references = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    definitions = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert references == definitions and references
    assert "| Date | Event | Role | Where | Sources |" in text
    assert "```mermaid\nflowchart TD\n" in text


def test_markdown_renders_with_markdown_it(aloe: Callable[..., Result]) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    footnote = pytest.importorskip("mdit_py_plugins.footnote").footnote_plugin
    text = export(aloe, "--to", "markdown").stdout
    html = markdown_it.MarkdownIt("commonmark").enable("table").use(footnote).render(text)
    assert html.count("<table>") == 1
    assert 'class="footnotes"' in html
    assert "<h2>Workshops</h2>" in html
    assert "[^" not in html  # every footnote resolved
    # A record's summary is a paragraph of its own under its line, not run on into it.
    assert re.search(r"<li>\s*<p><strong>1993–1995, disputed</strong>: The Alliance is born", html)
    assert "<p>Born as the Alliance for a Responsible and United World" in html


GITHUB_COLUMN = 858  # pixels: the width of a README's column on GitHub, where the diagrams are read


def test_every_mermaid_diagram_renders_and_fits_a_wiki_column(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """Each era's diagram, rendered by the real Mermaid: no error, and no wider than GitHub's column.

    A diagram that fits is shown at its own size, so its text is as legible as the page's.
    """
    shutil.copy(node_module("mermaid/dist/mermaid.min.js"), tmp_path / "mermaid.min.js")
    text = export(aloe, "--to", "markdown").stdout
    blocks = [block.split("```")[0] for block in text.split("```mermaid\n")[1:]]
    eras = [
        era
        for era in BUNDLED.eras
        if any(h.era == era.id and h.dates for h in [*BUNDLED.milestones, *BUNDLED.events])
    ]
    assert len(blocks) > len(eras)  # the WSSE's era in several diagrams
    (tmp_path / "index.html").write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"></head><body><pre id="errors"></pre>{ERROR_CATCHER}
<div id="out"></div><script src="mermaid.min.js"></script>
<script>
mermaid.initialize({{startOnLoad: false}});
(async () => {{
  const widths = [], heights = [];
  for (const [number, code] of {json.dumps(blocks)}.entries()) {{
    const result = await mermaid.render('chart' + number, code);
    const holder = document.createElement('div');
    holder.innerHTML = result.svg;
    document.getElementById('out').appendChild(holder);
    widths.push(Math.round(holder.querySelector('svg').viewBox.baseVal.width));
    heights.push(Math.round(holder.querySelector('svg').viewBox.baseVal.height));
  }}
  document.body.setAttribute('data-widths', widths.join(','));
  document.body.setAttribute('data-heights', heights.join(','));
}})().catch(error => {{ document.getElementById('errors').textContent += 'MERMAID ' + error + '\\n'; }});
</script></body></html>""",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/index.html")
        screenshot(f"{url}/index.html", tmp_path / "mermaid.png", width=GITHUB_COLUMN, height=1400)
    assert errors_in(dom) == ""
    widths = [int(w) for w in re.search(r'data-widths="([0-9,]+)"', dom)[1].split(",")]  # type: ignore[index]
    assert len(widths) == len(blocks)
    assert max(widths) <= GITHUB_COLUMN, widths  # was one diagram of 5,790 px
    heights = [int(h) for h in re.search(r'data-heights="([0-9,]+)"', dom)[1].split(",")]  # type: ignore[index]
    assert max(heights) <= 1500, heights  # the WSSE's era was one diagram of 3,718 px
    assert "The Findhorn meeting" in dom and "October–November 2005, disputed" in dom
    assert "node default disputed" in dom and "node default doubtful" in dom  # the doubt drawn, not only said


# --- JSON-LD: tests/test_jsonld.py (SPARQL over the export, every property within its domain) ---------


# --- SQLite -------------------------------------------------------------------------------------


def test_sqlite_database(aloe: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "aloe.sqlite"
    result = export(aloe, "--to", "sqlite", "-o", str(target))
    assert str(target) in result.stderr
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = connection.execute(
            "SELECT h.id, p.name FROM happenings h JOIN happening_places hp ON hp.happening_id = h.id "
            "JOIN places p ON p.id = hp.place_id WHERE h.kind = 'event' AND p.id = 'porto-alegre' ORDER BY h.id"
        ).fetchall()
        assert rows == [
            ("wsf-2002", "Porto Alegre"),
            ("wsf-2003", "Porto Alegre"),
            ("wsf-2005", "Porto Alegre"),
        ]
        found = connection.execute(
            "SELECT r.id FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH 'findhorn'"
        ).fetchall()
        assert ("findhorn-2001",) in found
        by_word = (
            "SELECT r.id FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH ?"
        )
        accents = [set(connection.execute(by_word, (f'"{word}"',))) for word in ("economie", "Économie")]
        assert ("wsse",) in accents[0] and accents[0] == accents[1]  # folded in the query as in the index
        by_part = (
            "SELECT r.id FROM records_parts_fts f JOIN records r ON r.rowid = f.rowid "
            "WHERE records_parts_fts MATCH 'conomi'"
        )
        assert ("wsse",) in connection.execute(by_part).fetchall()  # any part of a word
        claims = connection.execute(
            "SELECT edtf FROM dates WHERE record_id = 'dakar-2005' ORDER BY position"
        ).fetchall()
        assert claims == [("2005-10",), ("2005-11-22/2005-11-26",)]
        cited = connection.execute(
            "SELECT s.url FROM citations c JOIN sources s ON s.id = c.source_id "
            "WHERE c.record_id = 'findhorn-2001' AND c.locator = '¶4' AND c.date_position IS NULL"
        ).fetchall()
        assert set(cited) == {
            ("https://aloe.socioeco.org/page63-histoire_en.html",),
            ("http://aloe.socioeco.org/page63-histoire_fr.html",),  # the French title's source, ¶4 too
        }
        workshops = connection.execute(
            "SELECT w.id FROM workshops w JOIN workshop_categories c ON c.workshop_id = w.id "
            "WHERE c.category_id = 'regulation' ORDER BY w.id"
        ).fetchall()
        assert [w for (w,) in workshops] == ["debt", "governance", "indicators", "international-finance"]
    finally:
        connection.close()


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_zip_round_trips(aloe: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "aloe.zip"
    export(aloe, "--to", "csv", "-o", str(target))
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        tables = {
            name.split("/")[-1]: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in names
        }
    assert {
        "events.csv",
        "milestones.csv",
        "workshops.csv",
        "dates.csv",
        "citations.csv",
        "sources.csv",
    } <= set(tables)
    assert {row["id"] for row in tables["events.csv"]} == {e.id for e in BUNDLED.events}
    findhorn = next(r for r in tables["milestones.csv"] if r["id"] == "findhorn-2001")
    assert findhorn["summary_en"] == next(
        (m.summary or {})["en"] for m in BUNDLED.milestones if m.id == "findhorn-2001"
    )
    assert findhorn["places"] == "findhorn"
    dakar = [r for r in tables["dates.csv"] if r["record_id"] == "dakar-2005"]
    assert [r["edtf"] for r in dakar] == ["2005-10", "2005-11-22/2005-11-26"]
    lineage = tables["lineage.csv"][0]
    assert {"from", "to", "relation"} <= set(lineage)


def test_csv_folder(aloe: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    result = export(aloe, "--to", "csv", "-o", str(folder))
    assert result.stderr == f"Wrote 16 CSV files to {folder}/\n"  # media.csv among them
    assert (folder / "workshops.csv").exists()
    again = aloe("export", "--to", "csv", "-o", str(folder))
    assert again.exit_code == 1 and "add --force" in again.stderr
    assert export(aloe, "--to", "csv", "-o", str(folder), "--force").exit_code == 0


# --- writing files ------------------------------------------------------------------------------


def test_never_overwrites_without_force(aloe: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("my own page", encoding="utf-8")
    refused = aloe("export", "--to", "html", "-o", str(target))
    assert refused.exit_code == 1
    assert refused.stderr == f"aloe: error: {target}: already exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my own page"
    export(aloe, "--to", "html", "-o", str(target), "--force")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_stdout_only_for_text_formats(aloe: Callable[..., Result]) -> None:
    for fmt in ("timelinejs", "html", "markdown", "jsonld"):
        assert export(aloe, "--to", fmt, "-o", "-").stdout
    for fmt in ("sqlite", "csv"):
        result = aloe("export", "--to", fmt)
        assert result.exit_code == 2 and "name a file with -o" in result.stderr


def test_missing_folder_is_a_clear_error(aloe: Callable[..., Result], tmp_path: Path) -> None:
    result = aloe("export", "--to", "html", "-o", str(tmp_path / "nowhere" / "x.html"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_filters_apply_to_exports(aloe: Callable[..., Result]) -> None:
    data = json.loads(export(aloe, "--to", "timelinejs", "--from", "2002", "--until", "2002").stdout)
    assert {e["unique_id"] for e in data["events"]} >= {"wsf-2002", "esf-2002", "microfinance-2002"}
    assert "findhorn-2001" not in {e["unique_id"] for e in data["events"]}


def test_html_ids_are_unique(aloe: Callable[..., Result]) -> None:
    import re

    ids = re.findall(r'\sid="([^"]+)"', export(aloe, "--to", "html").stdout)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert "indicators" in ids  # the workshop in two categories keeps its anchor, once


def test_csv_one_column_per_language_notes_last_and_a_bom_for_excel(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    import csv

    folder = tmp_path / "plain"
    export(aloe, "--to", "csv", "-o", str(folder))
    with (folder / "organisations.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    header = list(rows[0])
    assert header[:2] == ["id", "date_words"] and header[-2:] == ["note", "inferred"]
    wsse = next(r for r in rows if r["id"] == "wsse")
    assert (wsse["name_en"], wsse["name_fr"]) == (
        "Workgroup on Solidarity Social Economy",
        "Pôle de Socio-Economie Solidaire",
    )
    assert "; " not in wsse["name_en"]  # no language packed into a cell with a separator
    assert not (folder / "organisations.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    excel = tmp_path / "excel"
    export(aloe, "--to", "csv", "-o", str(excel), "--bom")
    data = (excel / "organisations.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Léopold" in data.decode("utf-8-sig")


@pytest.mark.parametrize("to", ["html", "timelinejs-page"])
def test_the_pages_meta_description_is_the_datasets(aloe: Callable[..., Result], to: str) -> None:
    page = export(aloe, "--to", to).stdout
    found = re.search(r'<meta name="description" content="([^"]*)">', page)
    assert found is not None and found[1].startswith("How the Alliance for a Responsible, Plural and United")


def test_every_export_shows_each_statement_with_its_sources(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """Findhorn's '58 participants' comes from the Findhorn report, in every output that cites."""
    markdown = export(aloe, "--to", "markdown").stdout
    line = next(
        line for line in markdown.splitlines() if "Sources by statement" in line and "summary" in line
    )
    assert re.search(r"summary(\[\^\d+\])+", line)
    html = export(aloe, "--to", "html").stdout
    assert re.search(
        r'<p class="sources">Sources: [^<]*summary: <a href="https://alliance21.org/en/news/equipo', html
    )
    database = tmp_path / "aloe.sqlite"
    export(aloe, "--to", "sqlite", "-o", str(database))
    with sqlite3.connect(database) as connection:
        quotes = connection.execute(
            "SELECT quote FROM citations WHERE record_id = 'findhorn-2001' AND source_id = 'findhorn-report' "
            "AND ' ' || supports || ' ' LIKE '% summary %'"
        ).fetchall()
    assert ("It gathered 58 participants representing the fifteen existing thematic workshops",) in quotes
    timelinejs = json.loads(export(aloe, "--to", "timelinejs").stdout)
    slide = next(e for e in timelinejs["events"] if "findhorn-2001" in e["text"]["text"])
    assert re.search(
        r"Sources: [^<]*summary: <a href=\"https://alliance21.org/en/news/equipo", slide["text"]["text"]
    )
    detail = json.loads(aloe("show", "findhorn-2001", "--format", "json").stdout)
    report = [c for c in detail["sources"] if c["source"] == "findhorn-report" and "summary" in c["supports"]]
    assert {c.get("quote") for c in report} >= {
        "used as a basis the 183 proposals formulated by the workshops"
    }


def test_the_french_page_has_no_axe_violation(aloe: Callable[..., Result], tmp_path: Path) -> None:
    """The French page, as axe-core (npm) reads it at 400 px: no violation, no sideways scroll, lang fr."""
    shutil.copy(node_module("axe-core/axe.min.js"), tmp_path / "axe.min.js")
    page = tmp_path / "aloe.html"
    export(aloe, "--lang", "fr", "--to", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Ce que les sources laissent ouvert" in html
    assert '<span lang="en">' in html  # the English-only summaries say so
    page.write_text(html.replace("</body>", AXE_PROBE + "</body>"), encoding="utf-8")
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/aloe.html", budget_ms=15000, window=(400, 900))
    found = re.search(r"data-axe=\"([^\"]+)\"", dom)
    assert found is not None, "axe did not run"
    result = json.loads(found[1].replace("&quot;", '"'))
    assert result["violations"] == []
    assert result["sideways"] <= 0


def test_the_french_timelinejs_page_has_french_controls_offline(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    """TimelineJS's own controls in French, its locale file read from beside the page, nothing from outside."""
    shutil.copytree(node_module("@knight-lab/timelinejs/dist"), tmp_path / "timeline")
    export(aloe, "--lang", "fr", "--to", "timelinejs-page", "-o", str(tmp_path / "index.html"))
    seen = visit(tmp_path, "index.html")
    assert seen.console == []
    local = [line.split()[1] for line, _ in seen.requests if line.startswith("GET http://127.0.0.1:")]
    assert len(local) == len(seen.requests), seen.requests
    assert "timeline/js/locale/fr.json" in {path.split("/", 3)[3] for path in local}
    assert "Retour à la page d'accueil" in seen.dom  # TimelineJS's own words, from its French locale
    assert "La rencontre de Findhorn, premier séminaire transversal du PSES" in seen.dom


def test_markdown_keeps_a_dollar_sign_literal() -> None:
    """GitHub reads `$x^2$` as math: dataset text stays text."""
    from aloe_cli.sanitize import markdown_text

    assert markdown_text("costs $5, not $x^2$") == "costs \\$5, not \\$x^2\\$"
