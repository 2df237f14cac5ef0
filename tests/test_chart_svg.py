"""`aloe chart --svg`: a figure a paper could print, read as XML and drawn by a real browser."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from typer.testing import Result

from aloe_cli.loading.dataset import load_dataset
from aloe_cli.loading.source import DatasetSource
from aloe_cli.presentation.build import Presentation
from aloe_cli.questions.chart import bar_segments, build_chart
from aloe_cli.renderers.chart_svg import LABELS, chart_svg
from browser import dump_dom, serve

SVG = "{http://www.w3.org/2000/svg}"
BUNDLED = load_dataset(DatasetSource(None))
CHART = build_chart(Presentation(BUNDLED, "en"), None, None)


def figure() -> ElementTree.Element:
    return ElementTree.fromstring(chart_svg(CHART, BUNDLED.title["en"]))


def test_it_has_an_accessible_name_and_description() -> None:
    root = figure()
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text == BUNDLED.title["en"]  # type: ignore[union-attr]
    assert "Solid bars" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_every_mark_and_bar_has_a_title_naming_it_with_its_date_in_words() -> None:
    root = figure()
    groups = [g for g in root.iter() if g.tag in (f"{SVG}g", f"{SVG}a") and g.find(f"{SVG}title") is not None]
    titles = [g.find(f"{SVG}title").text or "" for g in groups]  # type: ignore[union-attr]
    for mark in CHART.marks:
        assert f"{mark.title} — {mark.words}" in titles  # the title, not the slug
    assert any(
        t.startswith("The Dakar meeting, where ALOE takes shape — October–November 2005, disputed")
        for t in titles
    )
    for bar in [*CHART.bars, *CHART.eras]:
        assert any(t.startswith(bar.label) for t in titles)


def test_doubt_is_drawn_not_only_coloured() -> None:
    """Agreed spans filled solid, doubtful ones hatched with a dashed outline, unknown ends dotted with '?'."""
    text = chart_svg(CHART, BUNDLED.title["en"])
    wsse = next(bar for bar in CHART.bars if bar.label == "WSSE")
    kinds = [segment.kind for segment in bar_segments(wsse.dating, *_axis())]
    assert kinds[0] == "doubtful" and kinds[-1] == "unknown"  # mid-1997 doubtful; its end is unknown
    assert any("agreed" in [s.kind for s in bar_segments(bar.dating, *_axis())] for bar in CHART.bars)
    assert text.count('fill="url(#doubt)"') >= 4 and 'stroke-dasharray="4 2"' in text
    assert 'stroke-dasharray="1 5"' in text and ">?</text>" in text  # FPH, the Alliance, ALOE: end unknown
    hollow = len(re.findall(r'<(circle|path) [^>]*fill="#ffffff"[^>]*stroke-dasharray="2 1.5"', text))
    assert hollow - 2 == sum(
        mark.doubtful for mark in CHART.marks
    )  # the legend's two, then one a doubtful mark


def _axis() -> tuple:  # type: ignore[type-arg]
    from datetime import date

    return date(CHART.first_year, 1, 1), date(CHART.last_year, 12, 31)


def test_marks_can_link_to_records_in_a_page() -> None:
    text = chart_svg(CHART, BUNDLED.title["en"], link_marks=True)
    assert '<a href="#findhorn-2001"><title>The Findhorn meeting' in text


def test_a_browser_draws_it_with_every_label_inside_its_column(tmp_path: Path) -> None:
    """Chromium lays the figure out: every bar label fits left of the axis, nothing spills off the page."""
    (tmp_path / "chart.svg").write_text(chart_svg(CHART, BUNDLED.title["en"]), encoding="utf-8")
    (tmp_path / "index.html").write_text(
        """<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<object id="chart" data="chart.svg" type="image/svg+xml"></object>
<script>
document.getElementById('chart').addEventListener('load', () => {
  const svg = document.getElementById('chart').contentDocument.documentElement;
  const page = svg.getBoundingClientRect();  // drawn at its own size: one unit a pixel
  const box = element => element.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('g > text')].filter(t => t.getAttribute('x') === '12')
    .map(t => Math.ceil(box(t).right - page.left));
  const all = [...svg.querySelectorAll('text')].map(box)
    .filter(b => b.left < page.left || b.top < page.top || b.right > page.right || b.bottom > page.bottom).length;
  document.body.setAttribute('data-result', JSON.stringify({labels, outside: all}));
});
</script></body></html>""",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        dom = dump_dom(f"{url}/index.html")
    found = re.search(r"data-result=\"([^\"]+)\"", dom)
    assert found is not None, "the figure did not load"
    result = json.loads(found[1].replace("&quot;", '"'))
    assert len(result["labels"]) == len(CHART.bars) + len(CHART.eras)
    assert max(result["labels"]) < LABELS - 4, result  # the longest name ends before the axis begins
    assert result["outside"] == 0


def test_the_command_writes_the_figure_and_prints_nothing(
    aloe: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "decade.svg"
    result = aloe("chart", "--svg", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == chart_svg(CHART, BUNDLED.title["en"])
