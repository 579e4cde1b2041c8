"""The web UI in a real browser: Debian's Chromium driven by Playwright, against the real `sayso serve`.

Chromium comes from scripts/services/chromium.sh (apt-get install chromium);
`playwright install` is never used.  Outside CI these tests skip when
/usr/bin/chromium is missing; in CI (CI=true) that is a failure.
Screenshots of the main pages go to build/screenshots/ (kept as CI artefacts).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from commands import serving

import sayso

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("SAYSO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"

HOSTILE = (
    'The mayor said "<script>window.__pwned = 1; alert(1)</script>" was a joke.\n'
    'Critics said the plan <img src=x onerror="window.__pwned = 2; alert(2)"> would fail, '
    'according to <a href="javascript:window.__pwned=3">a spokesman</a>.\n'
    'A council member, who declined to be named, said <svg onload="window.__pwned=4"></svg> was fine.\n'
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (in CI the browser tests must run: scripts/services/chromium.sh installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing: run scripts/services/chromium.sh (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright; never `playwright install`)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`sayso serve --allow-ingest` on a fresh SQLite store, on 127.0.0.1 and a free port."""
    db = tmp_path_factory.mktemp("browser") / "ui.db"
    with serving(["--db", f"sqlite:///{db}", "--allow-ingest", "--max-upload-bytes", "200000"],
                 tmp_path_factory.getbasetemp() / "serve.log") as base:
        yield base


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors
    yield pg
    ctx.close()


def shot(pg: Any, name: str, *, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    pg.screenshot(path=str(path), full_page=full_page)
    return path


def test_analyze_the_example_through_the_form(page: Any, server: str, example_text: str,
                                              example_report: sayso.ArticleReport) -> None:
    page.goto(server + "/")
    page.fill("#text", example_text)
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text")
    n = page.locator("#article-text a.badge").count()
    assert n == len(example_report.attributions) >= 19
    ids = page.eval_on_selector_all("#article-text [data-a]", "els => new Set(els.map(e => e.dataset.a)).size")
    assert ids == n
    # The Daily Beast <- Axios <- sources: one card's chain holds all three, publisher first.
    chains = page.locator("ol.chain").all_inner_texts()
    relayed = [c for c in chains if "The Daily Beast" in c and "Axios" in c]
    assert relayed, chains
    assert all(c.index("The Daily Beast") < c.index("Axios") for c in relayed)
    assert any("source" in c.split("Axios", 1)[1] for c in relayed)
    panel = page.locator("aside.panel").inner_text()
    assert "rest on unnamed sources" in panel and "Declined to comment" in panel
    assert page.errors == []
    shot(page, "analyze-example.png")


def test_selecting_an_attribution_shows_its_details(page: Any, server: str) -> None:
    page.goto(server + "/example")
    pop = page.locator("#pop")
    assert pop.is_hidden()
    page.locator("#article-text a.badge").first.click()
    assert pop.is_visible()
    assert "Sourcing chain" in pop.inner_text()
    assert page.locator("#article-text .on").count() >= 2  # the whole attribution lights up
    page.keyboard.press("Escape")
    assert pop.is_hidden()
    # Keyboard: the first Tab reaches the skip link; tabbing onto a marker shows its card too.
    page.goto(server + "/example")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('badge')"):
            break
    else:
        pytest.fail("no attribution marker is reachable with Tab")
    assert pop.is_visible()
    page.keyboard.press("Enter")
    assert pop.is_visible() and "Sourcing chain" in pop.inner_text()
    assert page.errors == []


def test_the_titles_attributions_are_marked_in_the_title(page: Any, server: str) -> None:
    """The example's title is analysed as its headline: its attributions are marked in the page's
    heading, never in the body's text, and select like the body's."""
    page.goto(server + "/example")
    title_badges = page.locator("h1 #article-title a.badge")
    assert title_badges.count() >= 1
    title_ids = set(page.eval_on_selector_all("#article-title [data-a]", "els => els.map(e => e.dataset.a)"))
    body_ids = set(page.eval_on_selector_all("#article-text [data-a]", "els => els.map(e => e.dataset.a)"))
    assert title_ids and not title_ids & body_ids
    title_badges.first.click()
    pop = page.locator("#pop")
    assert pop.is_visible() and "Sourcing chain" in pop.inner_text()
    assert "Zelensky" in pop.inner_text()
    assert page.locator("#article-title .on").count() >= 2 and page.locator("#article-text .on").count() == 0
    shot(page, "example-title.png", full_page=False)
    page.keyboard.press("Escape")
    assert pop.is_hidden()
    assert page.errors == []


def test_reading_works_without_javascript(browser: Any, server: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.goto(server + "/example")
    assert pg.locator("#article-text a.badge").count() >= 19
    pg.locator("#article-text a.badge").nth(3).click()
    assert pg.evaluate("location.hash").startswith("#card-a")
    target = pg.evaluate("location.hash")[1:]
    assert pg.locator(f"#{target}").is_visible()
    ctx.close()


def test_phone_width_is_readable(browser: Any, server: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(server + "/example")
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"the page scrolls sideways on a phone: {width}px wide"
    # The summary panel comes below the text, not squeezed beside it.
    text_box = pg.locator("#article-text").bounding_box()
    panel_box = pg.locator("aside.panel").bounding_box()
    assert panel_box["y"] > text_box["y"] + text_box["height"] - 1
    shot(pg, "phone-example.png", full_page=False)  # the first screen, as a reader sees it
    ctx.close()


def test_hostile_article_runs_nothing(page: Any, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/")
    page.fill("#text", HOSTILE)
    page.fill("input[name=publisher]", '<img src=x onerror="window.__pwned=5">')
    page.fill("input[name=title]", '</title><script>window.__pwned=6</script>')
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text")
    # Hover and click everything that could carry a handler.
    for el in page.locator("#article-text [data-a]").all()[:10]:
        el.hover()
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:"), href
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.locator("img").count() == 0
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert "<script>window.__pwned=6</script>" in page.locator("h1").inner_text()


def test_upload_too_large_says_so(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.set_input_files("#file", files=[{"name": "big.txt", "mimeType": "text/plain",
                                          "buffer": b"The minister said it was fine. " * 10_000}])
    page.click("button[type=submit]")
    page.wait_for_selector("h1")
    assert "413" in page.locator("h1").inner_text()
    assert "at most 200,000 bytes" in page.locator("main").inner_text()


def test_ingest_then_entity_corpus_and_outlet_pages(page: Any, server: str, example_text: str) -> None:
    page.goto(server + "/")
    page.fill("#text", example_text)
    page.check("input[name=store]")
    page.click("button[type=submit]")
    page.wait_for_selector("#article-text")
    assert "stored as" in page.locator(".meta").inner_text()
    # From the article, one click on Zelensky reaches his entity page.
    page.locator("aside.panel a", has_text="Volodymyr Zelensky").first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    assert page.locator("svg.chart").count() >= 1
    assert "statements" in page.locator(".stats").inner_text()
    shot(page, "entity-zelensky.png")
    # Corpus search: unnamed sources only.
    page.goto(server + "/corpus")
    page.fill("input[name=q]", "Putin")
    page.click("form.search button")
    page.wait_for_selector("#result-count")
    assert "match" in page.locator("#result-count").inner_text()
    assert page.locator("ol.results li").count() >= 1
    shot(page, "corpus-search.png")
    page.select_option("select[name=anonymous]", "only")
    page.fill("input[name=q]", "")
    page.click("form.search button")
    results = page.locator("ol.results li")
    assert results.count() >= 1
    assert all("via unnamed sources" in t for t in results.all_inner_texts())
    # Outlet page from the outlet list.
    page.goto(server + "/outlets")
    page.locator("table a", has_text="The Daily Beast").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "The Daily Beast"
    assert "Axios" in page.locator("main").inner_text()
    shot(page, "outlet.png")
    assert page.errors == []
