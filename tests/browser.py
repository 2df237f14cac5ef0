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
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

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


def java() -> Path:
    """A Java runtime, which the W3C Nu HTML checker needs (Debian package default-jre-headless)."""
    found = shutil.which("java")
    return need(Path(found) if found else None, "Java (Debian package default-jre-headless)")


# Set ALOE_UPDATE_DOCS=1 to let the tests that take screenshots write them into docs/ (the README's).
UPDATE_DOCS = os.environ.get("ALOE_UPDATE_DOCS") == "1"
DOCS = Path(__file__).parents[1] / "docs"


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


@dataclass
class Visit:
    """What a page did when it was opened: its DOM, the console lines, and every request it made."""

    dom: str
    console: list[str]
    requests: list[tuple[str, int]]  # (request line, status); outside requests are refused with 502


class _RecordingProxy(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, and as the browser's proxy sees every request it makes, refusing the outside."""

    def do_GET(self) -> None:
        target = urlsplit(self.path)
        if target.scheme:  # asked as a proxy: serve only this server's own files
            if target.netloc != self.server.own_address:  # type: ignore[attr-defined]
                self.send_error(502, "offline: nothing outside the folder is served")
                return
            self.path = target.path + (f"?{target.query}" if target.query else "")
        super().do_GET()

    def do_CONNECT(self) -> None:
        self.send_error(502, "offline: nothing outside the folder is served")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.requests.append((self.requestline, int(code)))  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:
        pass


# Chromium's own calls home, which its switches do not all silence (the component updater, the sign-in
# service, network time): they are the browser's, not the page's, and are left out of a visit's requests.
BROWSER_OWN_HOSTS = ("update.googleapis.com", "accounts.google.com", "clients2.google.com")


def visit(folder: Path, page: str, budget_ms: int = 10000) -> Visit:
    """Open a page of a folder as if offline: every request goes through a proxy that serves the folder only."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_RecordingProxy, directory=str(folder))
    )
    server.own_address = f"127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        done = _run([
            f"--proxy-server=http://{server.own_address}", "--proxy-bypass-list=<-loopback>",  # type: ignore[attr-defined]
            "--enable-logging=stderr", "--v=0", "--dump-dom", f"--virtual-time-budget={budget_ms}",
            f"http://{server.own_address}/{page}",  # type: ignore[attr-defined]
        ])  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line.split("CONSOLE", 1)[1] for line in done.stderr.splitlines() if ":CONSOLE" in line]
    page_requests = [
        (line, code)
        for line, code in server.requests  # type: ignore[attr-defined]
        if "/favicon.ico " not in line
        and not any(f" {host}" in line or f"//{host}/" in line for host in BROWSER_OWN_HOSTS)
    ]
    return Visit(done.stdout, console, page_requests)


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


def dump_dom(url: str, budget_ms: int = 10000, window: tuple[int, int] | None = None) -> str:
    """The DOM after the page's scripts ran (virtual time lets timers and promises finish)."""
    size = [f"--window-size={window[0]},{window[1]}"] if window else []
    done = _run(["--dump-dom", f"--virtual-time-budget={budget_ms}", *size, url])
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(url: str, target: Path, width: int = 1100, height: int = 1400) -> None:
    """A PNG of the page."""
    done = _run([f"--screenshot={target}", f"--window-size={width},{height}", "--hide-scrollbars", url])
    assert done.returncode == 0 and target.exists(), done.stderr[-2000:]
