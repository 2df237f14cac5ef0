"""Headless Chromium and the npm packages the export tests load, found or skipped with a reason."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).parent / "js" / "node_modules"
# CI sets this so that a missing browser fails the run instead of skipping the tests.
REQUIRED = os.environ.get("ALOE_REQUIRE_BROWSER") == "1"


def need(thing: Path | None, what: str) -> Path:
    """The path, or a skip (a failure in CI) that says what is missing and how to get it."""
    if thing is not None and thing.exists():
        return thing
    reason = f"{what} is not installed: see .ci/run for how it is installed"
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> Path:
    """Debian's chromium (package `chromium`)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return need(Path(found) if found else None, "Chromium (Debian package chromium)")


def node_module(relative: str) -> Path:
    """A file of an npm package from tests/js (npm ci --prefix tests/js)."""
    return need(NODE_MODULES / relative, f"the npm package file {relative} (npm ci --prefix tests/js)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(arguments: list[str], timeout: int = 90) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            str(chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            *arguments,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(url: str, budget_ms: int = 10000) -> str:
    """The DOM after the page's scripts ran (virtual time lets timers and promises finish)."""
    done = _run(["--dump-dom", f"--virtual-time-budget={budget_ms}", url])
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(url: str, target: Path, width: int = 1100, height: int = 1400) -> None:
    """A PNG of the page."""
    done = _run([f"--screenshot={target}", f"--window-size={width},{height}", "--hide-scrollbars", url])
    assert done.returncode == 0 and target.exists(), done.stderr[-2000:]
