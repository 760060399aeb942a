"""A real uvicorn serving the demo ecosystem, and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "explorer"
# No network beyond the service: these switch off Chromium's own background traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Service:
    base: str
    host: str
    data_dir: Path

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(f"{self.base}/graphql", body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            payload: dict[str, Any] = json.load(response)
        assert not payload.get("errors"), payload
        data: dict[str, Any] = payload["data"]
        return data


@dataclass
class RecordedPage:
    page: Page
    requests: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(data_dir: Path, log_path: Path, *serve_args: str) -> Iterator[int]:
    """``graph-service serve`` in a subprocess on a free loopback port, until healthy; stopped after."""
    port = _free_port()
    log = log_path.open("w")
    command = [sys.executable, "-m", "graph_service.cli.main", "--data-dir", str(data_dir)]
    command += ["serve", *serve_args, "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"the service exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("the service did not become healthy within 120 s")
            time.sleep(0.3)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """``graph-service serve --demo`` in a subprocess, on a free loopback port, with its own data dir."""
    data_dir = tmp_path_factory.mktemp("explorer-data")
    log = tmp_path_factory.mktemp("explorer-log") / "server.log"
    with serving(data_dir, log, "--demo") as port:
        yield Service(base=f"http://127.0.0.1:{port}", host=f"127.0.0.1:{port}", data_dir=data_dir)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches Chromium ``browser``, so ``-m "not browser"`` (make unit) deselects it.

    Tried first so the mark is there before pytest's own ``-m`` selection reads it.
    """
    for item in items:
        if "playwright" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        # Failing, not skipping: a skipped browser test would count as passing.
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` to install Debian's chromium and chromium-driver")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Playwright gives each launch a fresh temporary profile of its own (it refuses --user-data-dir).
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    yield context
    context.close()


@contextlib.contextmanager
def confined_page(context: BrowserContext, host: str, shot: str) -> Iterator[Page]:
    """A page of the service at ``host``; afterwards a full-page screenshot ``shot``.png, and
    nothing went elsewhere and nothing was thrown (the workflow and KPI views' servers)."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{shot}.png"), full_page=True)
    foreign = [u for u in requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != host]
    assert not foreign, f"requests left the service: {foreign}"
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def recorded(context: BrowserContext, service: Service, request: pytest.FixtureRequest) -> Iterator[RecordedPage]:
    """A page whose every request is recorded; after the test, none may have gone anywhere but the service."""
    page = context.new_page()
    page.set_default_timeout(15_000)
    recorded = RecordedPage(page)
    page.on("request", lambda r: recorded.requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield recorded
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=False)
    foreign = [u for u in recorded.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != service.host]
    assert recorded.requests, "the page made no request at all"
    assert not foreign, f"requests left the service: {foreign}"
    assert not errors, f"uncaught errors in the page: {errors}"
