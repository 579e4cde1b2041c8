"""A story page and the relay graph in a real browser (issue 29, items 3 and 6).

Debian's Chromium driven by Playwright against the real `sayso serve` over the
five dev articles of one story (tests/story_corpus.py; see test_web_browser.py
for the rules on Chromium).  A reader goes from the nav to the story list,
opens the largest story and finds the timeline chart and the first carrier;
the pages fit a phone.  It takes the screenshots of the story and relay pages in docs/web.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from commands import serving
from story_corpus import FAST, build
from test_web_browser import browser  # noqa: F401 - the Chromium fixture of test_web_browser, shared

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
#: Like test_web_browser_pages: build/screenshots/, so a run leaves the checkout clean;
#: SAYSO_SCREENSHOTS=docs/images refreshes the ones docs/web.md shows.
IMAGES = ROOT / os.environ.get("SAYSO_SCREENSHOTS", "build/screenshots")
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser-stories")
    url = build(f"sqlite:///{folder / 'story.db'}")
    with serving(["--db", url, "--mode", FAST], folder / "serve.log") as base:
        yield base


def test_a_reader_opens_a_story_and_finds_the_chart_and_the_first_carrier(
        browser: Any, server: str) -> None:  # noqa: F811 - the shared fixture, by name
    ctx = browser.new_context(**DESKTOP)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server + "/")
    pg.get_by_role("link", name="Stories", exact=True).click()
    pg.wait_for_url("**/stories")
    pg.locator("ol.stories a.headline").first.click()
    pg.wait_for_url("**/stories/s*")
    chart = pg.locator("svg.story-timeline")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    # Markers by stance, one row per outlet: every outlet of the story is a row label.
    assert chart.locator("circle").count() >= 2
    firsts = pg.locator(".first-carriers .first-carrier")
    assert firsts.count() >= 1
    first = firsts.first.inner_text()
    # Starred in the chart, on its row.
    assert first and f"{first} ★" in chart.text_content()
    if firsts.count() > 1:
        assert "a tie" in pg.locator("#first-h").inner_text()
    assert pg.locator(".relays li").count() >= 1
    IMAGES.mkdir(parents=True, exist_ok=True)
    pg.locator("h1").scroll_into_view_if_needed()
    pg.screenshot(path=str(IMAGES / "story.png"))
    pg.goto(server + "/outlets/relays")
    assert pg.locator("svg.relay-network").is_visible()
    assert pg.locator("table.relay-edges tbody tr").count() >= 2
    pg.screenshot(path=str(IMAGES / "relays.png"))
    assert errors == []
    ctx.close()


def test_the_story_pages_fit_a_phone(browser: Any, server: str) -> None:  # noqa: F811 - the shared fixture
    ctx = browser.new_context(**PHONE)
    pg = ctx.new_page()
    pg.goto(server + "/stories")
    href = pg.locator("ol.stories a.headline").first.get_attribute("href")
    for path in ("/stories", href, "/outlets/relays"):
        pg.goto(server + path)
        width = pg.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{path} scrolls sideways on a 390 px phone: {width}px wide"
    ctx.close()
