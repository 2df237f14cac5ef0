"""Media on records: shown by `show`, drawn in the web page and the TimelineJS page, carried by exports."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from browser import dump_dom, java, node_module, screenshot, serve, visit
from conftest import DATASETS, FULL_TESTS

MEDIA_DATASET = DATASETS / "valid" / "media.yaml"
AXE_PROBE = """<script src="axe.min.js"></script>
<script>
axe.run(document, {resultTypes: ['violations']}).then(result => {
  const image = document.querySelector('figure.medium img');
  document.body.setAttribute('data-axe', JSON.stringify({
    violations: result.violations.map(v => v.id + ': ' + v.nodes.length),
    loaded: image ? image.complete && image.naturalWidth : 0, alt: image ? image.alt : null}));
});
</script>"""


def small_png(width: int = 64, height: int = 40) -> bytes:
    """A real PNG (a colour gradient), made with zlib alone."""
    rows = b"".join(
        b"\x00" + b"".join(bytes([x * 4 % 256, y * 6 % 256, 160]) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def media_folder(tmp_path: Path) -> Path:
    """The media dataset with its image beside it, in media/."""
    shutil.copy(MEDIA_DATASET, tmp_path / "media.yaml")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "assembly.png").write_bytes(small_png())
    return tmp_path


def test_show_gives_each_medium(aloe: Callable[..., Result]) -> None:
    result = aloe("--data", str(MEDIA_DATASET), "show", "first-assembly")
    assert result.exit_code == 0
    assert "Media 1  image media/assembly.png" in result.stdout
    assert "alt: Members seated in rows in the community hall" in result.stdout
    assert "sources: archive box 1" in result.stdout


def test_the_page_draws_a_local_image_and_only_links_a_remote_one(
    aloe: Callable[..., Result], media_folder: Path
) -> None:
    page = media_folder / "page.html"
    assert (
        aloe("--data", str(media_folder / "media.yaml"), "export", "--to", "html", "-o", str(page)).exit_code
        == 0
    )
    html = page.read_text(encoding="utf-8")
    assert (
        '<img src="media/assembly.png" alt="Members seated in rows in the community hall" loading="lazy"'
        in html
    )
    assert "https://example.org/minutes-1998-p1.jpg" in html
    assert 'src="https://' not in html  # nothing from another host unless asked for
    seen = visit(media_folder, "page.html")
    requested = {line.split()[1].split("/", 3)[3]: code for line, code in seen.requests}
    assert requested == {"page.html": 200, "media/assembly.png": 200}  # the image loaded, nothing else
    screenshot(f"file://{page}", media_folder / "shot.png", width=900, height=900)
    assert (media_folder / "shot.png").stat().st_size > 5_000
    remote = media_folder / "remote.html"
    aloe(
        "--data",
        str(media_folder / "media.yaml"),
        "export",
        "--to",
        "html",
        "--remote-media",
        "-o",
        str(remote),
    )
    assert '<img src="https://example.org/minutes-1998-p1.jpg" alt="The first page of the typed minutes"' in (
        remote.read_text(encoding="utf-8")
    )


@pytest.mark.skipif(not FULL_TESTS, reason="the Nu checker (Java, ~8 s) runs in full runs: ALOE_FULL_TESTS=1")
def test_the_page_with_media_passes_nu(aloe: Callable[..., Result], media_folder: Path) -> None:
    page = media_folder / "page.html"
    aloe("--data", str(media_folder / "media.yaml"), "export", "--to", "html", "-o", str(page))
    done = subprocess.run(
        [str(java()), "-jar", str(node_module("vnu-jar/build/dist/vnu.jar")), "--format", "json", str(page)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert json.loads(done.stderr)["messages"] == []


def test_the_page_with_media_has_no_axe_violation(aloe: Callable[..., Result], media_folder: Path) -> None:
    page = media_folder / "page.html"
    aloe("--data", str(media_folder / "media.yaml"), "export", "--to", "html", "-o", str(page))
    shutil.copy(node_module("axe-core/axe.min.js"), media_folder / "axe.min.js")
    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", AXE_PROBE + "</body>"), encoding="utf-8"
    )
    with serve(media_folder) as url:
        dom = dump_dom(f"{url}/page.html", budget_ms=15000, window=(1200, 900))
    found = re.search(r"data-axe=\"([^\"]+)\"", dom)
    assert found is not None, "axe did not run"
    result = json.loads(found[1].replace("&quot;", '"'))
    assert result["violations"] == []
    assert result["loaded"] == 64  # the image's natural width: it loaded from the local path
    assert result["alt"] == "Members seated in rows in the community hall"


def test_the_timelinejs_page_shows_the_image_offline(aloe: Callable[..., Result], media_folder: Path) -> None:
    shutil.copytree(node_module("@knight-lab/timelinejs/dist"), media_folder / "timeline")
    page = media_folder / "index.html"
    aloe("--data", str(media_folder / "media.yaml"), "export", "--to", "timelinejs-page", "-o", str(page))
    seen = visit(media_folder, "index.html")
    assert seen.console == []
    assert all(line.startswith("GET http://127.0.0.1:") for line, _ in seen.requests), seen.requests
    assert any(
        line.split()[1].endswith("/media/assembly.png") and code == 200 for line, code in seen.requests
    )
    assert 'alt="Members seated in rows in the community hall"' in seen.dom
    assert "example.org" not in "".join(line for line, _ in seen.requests)


def test_exports_carry_media(aloe: Callable[..., Result], tmp_path: Path) -> None:
    data = ("--data", str(MEDIA_DATASET), "export")
    slide = json.loads(aloe(*data, "--to", "timelinejs").stdout)["events"][0]
    assert slide["media"] == {
        "url": "media/assembly.png",
        "caption": "The first general assembly, June 1998",
        "credit": "Valley Cooperative archive",
        "alt": "Members seated in rows in the community hall",
    }
    markdown = aloe(*data, "--to", "markdown").stdout
    assert "![Members seated in rows in the community hall](media/assembly.png)" in markdown
    assert "[Scan: Minutes, page 1](https://example.org/minutes-1998-p1.jpg)" in markdown
    graph = json.loads(aloe(*data, "--to", "jsonld").stdout)
    node = next(n for n in graph["@graph"] if n.get("@id", "").endswith("first-assembly"))
    assert [image["contentUrl"] for image in node["image"]] == [
        "media/assembly.png", "https://example.org/minutes-1998-p1.jpg"
    ]  # fmt: skip
    assert [medium["contentUrl"] for medium in node["associatedMedia"]] == ["media/minutes-1998.pdf"]
    database = tmp_path / "x.sqlite"
    aloe(*data, "--to", "sqlite", "-o", str(database))
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT record_id, position, kind, url, path, alt FROM media ORDER BY position"
        ).fetchall()
    assert rows[0] == (
        "first-assembly",
        0,
        "image",
        None,
        "media/assembly.png",
        "Members seated in rows in the community hall",
    )
    assert len(rows) == 3


def test_validate_warns_of_a_media_path_with_no_file(aloe: Callable[..., Result], media_folder: Path) -> None:
    result = aloe("validate", str(media_folder / "media.yaml"))
    assert result.exit_code == 0  # valid: a missing file is a warning, not a problem of the dataset
    assert result.stderr == (
        f"{media_folder / 'media.yaml'}: milestones[0].media[2].path: warning: no file media/minutes-1998.pdf "
        "beside the dataset (a page made from it would not find it)\n"
    )  # the image is there; the document is not
