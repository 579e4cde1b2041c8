"""Take docs/images/provenance-example.png: the canonical example in the article view, statements on
unnamed sources lit up, its events and first row of cards.

Needs Debian's Chromium (scripts/services/chromium.sh) and the playwright package; starts `sayso serve`
on a free port with no store and stops it at the end.  Run: .venv/bin/python scripts/screenshot_provenance.py
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from sayso.web.analysis import EXAMPLE_TITLE

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images" / "provenance-example.png"
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sayso = Path(sys.executable).with_name("sayso")
    store = tempfile.TemporaryDirectory()
    server = subprocess.Popen([str(sayso), "serve", "--port", str(port), "--db", f"sqlite:///{store.name}/s.db"],
                              stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.fill("#text", (ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8"))
            page.fill("input[name=publisher]", "The Daily Beast")
            page.fill("input[name=published]", "2025-02-13")
            page.fill("input[name=title]", EXAMPLE_TITLE)
            page.click("form.analyze button[type=submit]")
            page.wait_for_selector("#show-anon", state="visible", timeout=120_000)
            page.click("#show-anon")
            OUT.parent.mkdir(parents=True, exist_ok=True)
            top = page.locator(".article-head").bounding_box()
            events = page.locator(".events").bounding_box()
            first_cards = page.locator(".card").nth(2).bounding_box()
            assert top and events and first_cards
            bottom = max(events["y"] + events["height"], first_cards["y"] + first_cards["height"])
            page.screenshot(path=str(OUT), full_page=True,
                            clip={"x": 0, "y": top["y"], "width": 1280, "height": bottom - top["y"] + 10})
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        store.cleanup()
    print(OUT)


if __name__ == "__main__":
    main()
