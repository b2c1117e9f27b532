"""`make explore` in a real browser: Debian's Chromium, driven by Playwright, against the running explorer.

It loads the Overview of the sample corpus's warehouse, checks the totals and that no error shows, saves a screenshot
(``EXPLORER_SCREENSHOT=docs/explorer-overview.png`` keeps it, as the README's picture), then rebuilds the warehouse
with one more article while the explorer is open and waits for the page to show the new build.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT, SAMPLES, run_cli
from .test_explorer import totals

pytestmark = pytest.mark.integration
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As this machine's closed network needs them: no background connections, no sandbox as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ONE_MORE_ARTICLE = """ date 2026-03-20
**Missile strike on Dnipro kills four**
A Russian missile strike on the city of Dnipro killed four people and injured nine others on Friday, the regional
governor said. Rescue teams worked through the night at the damaged apartment block.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the explorer exited: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the explorer did not answer on {url} within {timeout}s")


@pytest.fixture
def explorer(sample_build, tmp_path):
    """The explorer serving a copy of the sample warehouse (a copy, because this test rebuilds it)."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy2(sample_build[0], warehouse)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "explorer", "--warehouse", str(warehouse), "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url, warehouse
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser installs it)")
def test_a_browser_sees_the_totals_and_then_the_next_build(explorer, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, warehouse = explorer
    before = totals(warehouse)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1900})
            page.goto(url)
            expect(page.get_by_text(f"{before['killed']} killed, {before['injured']} injured")).to_be_visible(
                timeout=60_000)
            expect(page.locator(".vega-embed").first).to_be_visible(timeout=30_000)  # the map has drawn
            page.wait_for_timeout(1000)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert "Traceback" not in page.inner_text("body")
            screenshot = tmp_path / "explorer-overview.png"
            page.screenshot(path=str(screenshot), full_page=True)
            assert screenshot.stat().st_size > 20_000
            if os.environ.get("EXPLORER_SCREENSHOT"):
                shutil.copy2(screenshot, os.environ["EXPLORER_SCREENSHOT"])

            # a build publishes while the page is open; the page then shows it without a reload
            inbox = tmp_path / "inbox"
            shutil.copytree(SAMPLES, inbox)
            (inbox / "dnipro.txt").write_text(ONE_MORE_ARTICLE)
            rebuilt = run_cli("build", "--articles", str(inbox), "--warehouse", str(warehouse))
            assert rebuilt.returncode == 0, rebuilt.stdout[-2000:] + rebuilt.stderr[-2000:]
            assert "1 loaded, 5 already loaded" in rebuilt.stdout
            after = totals(warehouse)
            assert after["articles"] == before["articles"] + 1
            expect(page.get_by_text(f"{after['articles']} articles from")).to_be_visible(timeout=30_000)
            expect(page.get_by_text(f"{after['killed']} killed, {after['injured']} injured")).to_be_visible()
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
