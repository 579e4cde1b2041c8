"""Issue 31 in a real browser: a crawl of every internal link, the phone width, progress, and the
screenshots in docs/web.md.

Debian's Chromium driven by Playwright against the real `sayso serve` over the
small corpus of tests/web_corpus.py (see test_web_browser.py for the rules on
Chromium).  The screenshots (desktop and 390 px phone) go to build/screenshots/, so a test run
leaves the checkout clean; ``SAYSO_SCREENSHOTS=docs/images`` refreshes the ones docs/web.md shows.
"""

from __future__ import annotations

import os
import re
import urllib.request
from collections import Counter, deque
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from commands import serving
from test_web_browser import browser  # noqa: F401 - the Chromium fixture of test_web_browser, shared
from web_corpus import FAST, build, polnear_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / os.environ.get("SAYSO_SCREENSHOTS", "build/screenshots")
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: A bound on the crawl (the small corpus has about 200 pages).
MAX_PAGES = 1500
#: Pages of one kind (/entity/..., /outlet/...) drawn in Chromium; the rest are fetched.
DRAWN_PER_FAMILY = 6


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sayso serve --allow-ingest --mode fast` over the small corpus, on a free local port."""
    folder = tmp_path_factory.mktemp("browser-pages")
    url = build(folder)
    with serving(["--db", url, "--allow-ingest", "--mode", FAST], folder / "serve.log") as base:
        yield base


def _context(browser: Any, **kw: Any) -> Any:
    return browser.new_context(**(kw or DESKTOP))


def _shot(pg: Any, name: str, **kw: Any) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(IMAGES / name), **kw)


def test_crawl_finds_no_broken_link(browser: Any, server: str) -> None:
    ctx = _context(browser)
    pg = ctx.new_page()
    host = urlsplit(server).netloc
    status: dict[str, int] = {}
    found_on: dict[str, str] = {}
    drawn: Counter[str] = Counter()
    todo = deque([server + "/", server + "/example"])
    while todo and len(status) < MAX_PAGES:
        url = todo.popleft()
        if url in status:
            continue
        path = urlsplit(url).path
        if path.startswith(("/api/", "/static/", "/openapi.json")):
            status[url] = pg.request.get(url).status       # data, not pages: fetched, not drawn
            continue
        family = path.split("/")[1]
        if drawn[family] >= DRAWN_PER_FAMILY:
            # Enough pages of this kind were drawn (their script's links included): the rest are
            # fetched, and followed by their server-written links, as tests/test_web_crawl.py does.
            resp = pg.request.get(url)
            status[url] = resp.status
            if status[url] == 200:
                for link in re.findall(r'(?:href|src)="([^"]+)"', resp.text()):
                    link = urldefrag(urljoin(url, unescape(link)))[0]
                    if urlsplit(link).netloc == host and link not in status:
                        found_on.setdefault(link, url)
                        todo.append(link)
            continue
        drawn[family] += 1
        resp = pg.goto(url)
        status[url] = resp.status if resp else 0
        if status[url] != 200:
            continue
        links = pg.eval_on_selector_all("a[href], link[href], script[src]",
                                        "els => els.map(e => e.href || e.src)")
        for link in links:
            link = urldefrag(link)[0]
            if urlsplit(link).netloc == host and link not in status:
                found_on.setdefault(link, url)
                todo.append(link)
    broken = {u: (s, found_on.get(u)) for u, s in status.items() if s != 200}
    assert not broken, broken
    assert len(status) > 50
    ctx.close()


def _article_with_title(server: str) -> str:
    import json

    with urllib.request.urlopen(server + "/api/articles?order=oldest") as r:
        rows = json.load(r)["articles"]
    pick = next((a for a in rows if "elizabeth-warren" in (a["source"] or "")), None) or next(
        a for a in rows if a["title"] and a["published"])
    return str(pick["id"])


@pytest.mark.parametrize(("size", "suffix"), [(DESKTOP, ""), (PHONE, "-phone")])
def test_screenshots_of_the_new_pages(browser: Any, server: str, size: dict[str, Any], suffix: str) -> None:
    ctx = browser.new_context(**size)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    width = size["viewport"]["width"]

    pg.goto(server + "/articles?order=oldest")
    assert pg.locator("ol.article-list li").count() >= 3
    assert pg.evaluate("document.documentElement.scrollWidth") <= width + 2
    _shot(pg, f"articles{suffix}.png", full_page=suffix == "")

    pg.goto(server + f"/article/{_article_with_title(server)}")
    h1 = pg.locator("h1").inner_text()
    assert h1 and h1 != "Analysed article"
    assert pg.locator(".meta time").count() == 1
    assert pg.evaluate("document.documentElement.scrollWidth") <= width + 2
    _shot(pg, f"article-title{suffix}.png")

    pg.goto(server + "/example")
    legend = pg.locator("#legend")
    assert legend.is_visible() and "unnamed source" in legend.inner_text()
    # The unnamed sources' shade differs from the named people's.
    named = pg.locator(".hl-source.src-named").first.evaluate("e => getComputedStyle(e).backgroundColor")
    unnamed = pg.locator(".hl-source.src-unnamed").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert named != unnamed
    edge = pg.locator(".card.is-anon").first.evaluate("e => getComputedStyle(e).borderLeftColor")
    plain = pg.locator(".card:not(.is-anon)").first.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert edge != plain
    pg.evaluate("document.querySelector('.article-head h1').scrollIntoView({block: 'start'})")
    _shot(pg, f"anonymous-legend{suffix}.png")
    pg.locator("#card-a7").scroll_into_view_if_needed()
    pg.evaluate("document.getElementById('card-a7').scrollIntoView({block: 'start'})")
    _shot(pg, f"anonymous-cards{suffix}.png")
    assert errors == []
    ctx.close()


def test_the_outlets_page_fits_a_phone(browser: Any, server: str) -> None:
    ctx = browser.new_context(**PHONE)
    pg = ctx.new_page()
    for path in ("/outlets", "/articles", "/corpus", "/claims?min_outlets=1", "/entity/Donald%20Trump"):
        pg.goto(server + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} scrolls sideways on a 390 px phone: {width}px wide"
    ctx.close()


@pytest.mark.skipif(polnear_dir() is None, reason="needs PolNeAR's dev texts (outlets with long names)")
def test_entity_chart_labels_are_whole(browser: Any, server: str) -> None:
    ctx = _context(browser)
    pg = ctx.new_page()
    pg.goto(server + "/entity/Donald%20Trump")
    boxes = pg.eval_on_selector_all("svg.chart text[text-anchor=end]",
                                    "els => els.map(e => [e.textContent, e.getBBox().x])")
    assert boxes and all(x >= 0 for _, x in boxes), boxes
    ctx.close()


def test_the_form_says_it_is_working(browser: Any, server: str) -> None:
    ctx = _context(browser)
    pg = ctx.new_page()
    pg.goto(server + "/")
    story = ("Mayor Jane Smith said the road would reopen on Friday. \"It will be fine,\" Smith told "
             "reporters, according to the city's statement.\n") * 200
    pg.fill("#text", story)
    assert pg.locator("#busy").is_hidden()
    # Stop the form from leaving the page, as a long analysis keeps it: sayso's handler runs first.
    pg.evaluate("document.querySelector('form.analyze').addEventListener('submit', e => e.preventDefault())")
    pg.click("button[type=submit]")
    busy = pg.locator("#busy")
    assert busy.is_visible() and "Analysing 26 thousand characters" in busy.inner_text()
    busy.scroll_into_view_if_needed()
    _shot(pg, "analysing.png")
    ctx.close()
