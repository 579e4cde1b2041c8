"""Provenance in the web UI: statements coloured by basis, the "show the N" toggle, routes on the cards,
the events the statements hang from, and the /corpus and /api/quotes filters (fast mode, small corpus)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'sayso[web]'")
from fastapi.testclient import TestClient
from web_corpus import FAST, build

from sayso.records import ArticleReport
from sayso.web import create_app, view

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def plain() -> TestClient:
    return TestClient(create_app(mode=FAST), base_url=BASE)


@pytest.fixture(scope="module")
def example(plain: TestClient) -> tuple[str, ArticleReport]:
    """The example's page and the report it draws (its JSON twin)."""
    report = ArticleReport.from_dict(plain.get("/api/example").json()["report"])
    page = plain.get("/example")
    assert page.status_code == 200
    return page.text, report


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    yield TestClient(create_app(build(tmp_path_factory.mktemp("prov")), mode=FAST), base_url=BASE)


def _content_classes(page: str) -> dict[str, set[str]]:
    """Attribution id -> the classes of its content spans in the text."""
    out: dict[str, set[str]] = {}
    for cls, aid in re.findall(r'<span class="L r-content ([^"]*)" data-a="(a\d+)">', page):
        out.setdefault(aid, set()).update(cls.split())
    return out


def test_each_statement_in_the_text_is_coloured_by_its_basis(example: tuple[str, ArticleReport]) -> None:
    page, report = example
    classes = _content_classes(page)
    for a in report.attributions:
        assert f"b-{a.provenance.basis}" in classes[a.id], a.id
        assert ("rests-anon" in classes[a.id]) == a.rests_on_anonymous, a.id


def test_one_legend_explains_sources_and_bases(example: tuple[str, ArticleReport]) -> None:
    page, report = example
    assert page.count('class="legend"') == 1
    legend = page.split('class="legend"', 1)[1].split("</div>", 1)[0]
    assert "unnamed source" in legend
    for basis, label in view.BASIS_LABELS.items():
        assert f'class="key key-basis b-{basis}"' in legend and html.escape(label) in legend
    counts = {c.key: c.count for c in report.sourcing_summary.by_basis}
    assert f"said in public ({counts['public']})" in legend


def test_the_toggle_shows_the_statements_on_unnamed_sources(example: tuple[str, ArticleReport]) -> None:
    page, report = example
    n = report.sourcing_summary.anonymous
    assert n > 0
    # Without JavaScript the button stays hidden: sayso.js shows it and toggles the text's class.
    assert re.search(rf'<button type="button" class="show-anon" id="show-anon"[^>]*hidden>Show the {n} ', page)
    lit = {aid for aid, cls in _content_classes(page).items() if "rests-anon" in cls}
    assert len(lit) == n
    js = Path(view.__file__).with_name("static").joinpath("sayso.js").read_text(encoding="utf-8")
    assert 'getElementById("show-anon")' in js and 'classList.toggle("show-anon"' in js
    assert report.sourcing_summary.rests_on and html.escape(report.sourcing_summary.rests_on) in page


def test_each_card_shows_its_route_basis_and_rule(example: tuple[str, ArticleReport]) -> None:
    page, report = example
    for a in report.attributions:
        card = page.split(f'id="card-{a.id}"', 1)[1].split("</li>\n", 1)[0]
        assert card.startswith(f' data-card="{a.id}" data-basis="{a.provenance.basis}"')
        route = re.search(r'<p class="route"[^>]*>(.*?)</p>', card)
        assert route, a.id
        names = [html.unescape(n) for n in re.findall(r'<span class="step[^"]*">(.*?)</span>', route.group(1))]
        assert names == list(a.provenance.names)
        assert f"<code>{a.provenance.rule}</code>" in card
        assert html.escape(view.BASIS_LABELS[a.provenance.basis]) in card
    relayed = next(a for a in report.attributions if a.provenance.via == "Axios" and a.provenance.route[-1].name
                   == "Donald Trump")
    assert view.provenance_facts(report, relayed)["route_text"].startswith("The Daily Beast \u2190 Axios \u2190 ")


def test_the_events_list_their_statements(example: tuple[str, ArticleReport]) -> None:
    page, report = example
    section = page.split('id="events-h"', 1)[1].split("</section>", 1)[0]
    for e in report.events:
        item = section.split(f'id="event-{e.id}"', 1)[1].split("</li>", 1)[0]
        ids = [a.id for a in report.attributions if a.setting == e.id]
        assert e.statements == len(ids)
        assert f"— {len(ids)} statement" in item
        assert re.findall(r'href="#card-(a\d+)"', item) == ids
    call = next(e for e in report.events if e.what == "phone call")
    assert call.access == "private" and call.statements >= 10
    # Each card says the event it was made in and links to it.
    said = next(a for a in report.attributions if a.setting == call.id)
    card = page.split(f'id="card-{said.id}"', 1)[1].split("</li>\n", 1)[0]
    assert f'href="#event-{call.id}"' in card and "phone call" in card


def test_provenance_words_are_escaped(plain: TestClient) -> None:
    text = ('Axios reported, citing <b onmouseover="x()">two officials</b>, that the talks had stalled. '
            '"We are not done," Senator Jane <i>Doe</i> told reporters on Monday.\n')
    page = plain.post("/analyze", data={"text": text, "publisher": "The <Daily> Beast"})
    assert page.status_code == 200
    assert "<b onmouseover" not in page.text and "<i>Doe" not in page.text and "The <Daily>" not in page.text
    assert "The &lt;Daily&gt; Beast" in page.text


def _api(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_corpus_filters_by_via_basis_and_setting(corpus: TestClient) -> None:
    via = _api(corpus, via="axios")
    assert via["total"] > 0 and all(r["via"] == "Axios" for r in via["results"])
    everything = _api(corpus)["total"]
    relayed = _api(corpus, basis="relayed")
    assert 0 < relayed["total"] < everything and all(r["basis"] == "relayed" for r in relayed["results"])
    call = _api(corpus, setting="phone call")
    assert call["total"] >= 10 and all(r["setting_what"] == "phone call" for r in call["results"])
    assert _api(corpus, setting="any")["total"] >= call["total"]
    assert corpus.get("/api/quotes", params={"basis": "hearsay"}).status_code == 422
    page = corpus.get("/corpus", params={"via": "Axios", "basis": "relayed"})
    assert page.status_code == 200
    n = _api(corpus, via="Axios", basis="relayed")["total"]
    assert f'<p id="result-count">{n} attribution' in page.text
    assert '<option value="relayed" selected>' in page.text and 'name="via" value="Axios"' in page.text
    assert "route: The Daily Beast ← Axios" in page.text


@pytest.mark.browser
def test_the_toggle_lights_up_the_statements_in_a_browser(plain: TestClient,
                                                          example: tuple[str, ArticleReport]) -> None:
    """Chromium (as tests/test_web_browser.py finds it) loads /example from the app through Playwright's
    request routing: the button shows, and pressing it shades exactly the N statements."""
    import os

    chromium = os.environ.get("SAYSO_CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        pytest.skip(f"{chromium} is missing (scripts/services/chromium.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

    def from_app(route: Any) -> None:
        r = plain.get(route.request.url.removeprefix(BASE))
        route.fulfill(status=r.status_code, body=r.content, headers=dict(r.headers))

    n = example[1].sourcing_summary.anonymous
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route(f"{BASE}/**", from_app)
            page.goto(f"{BASE}/example")
            button = page.locator("#show-anon")
            assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
            # The body and the title, whose attributions are marked where it is shown.
            shaded = ".marked .rests-anon"
            plain_bg = page.eval_on_selector(shaded, "e => getComputedStyle(e).backgroundColor")
            button.click()
            assert button.get_attribute("aria-pressed") == "true"
            lit = page.eval_on_selector_all(
                shaded, "els => [...new Set(els.filter(e => getComputedStyle(e).backgroundColor !== "
                        f"'{plain_bg}').map(e => e.dataset.a))]")
            assert len(lit) == n
            button.click()
            assert page.eval_on_selector(shaded, "e => getComputedStyle(e).backgroundColor") == plain_bg
            assert errors == []
        finally:
            browser.close()
