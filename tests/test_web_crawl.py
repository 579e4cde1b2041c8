"""Every internal link answers: a crawl from the home page and the example over a small corpus.

A journalist's crawl of 400 pages found 13 links to pages that do not exist
(issue 31): vague speakers linked as entities, "(unknown)" linked as an
outlet.  This crawl follows every ``href`` and ``src`` on our own site.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'sayso[web]'")
from fastapi.testclient import TestClient
from web_corpus import FAST, build

from sayso.web import create_app

BASE = "http://127.0.0.1"
#: Enough for the small corpus's every page (about 150); a bound so a link loop cannot run forever.
MAX_PAGES = 1500


def internal_links(page_url: str, html: str) -> set[str]:
    out = set()
    for raw in re.findall(r'(?:href|src)="([^"]+)"', html):
        url = urldefrag(urljoin(page_url, unescape(raw)))[0]
        parts = urlsplit(url)
        if parts.netloc == urlsplit(BASE).netloc and parts.scheme == "http":
            out.add(url)
    return out


def crawl(client: TestClient, starts: tuple[str, ...]) -> tuple[dict[str, int], dict[str, str]]:
    """Status of every page reached, and for each page the page that first linked to it."""
    status: dict[str, int] = {}
    found_on: dict[str, str] = {}
    todo = deque(BASE + s for s in starts)
    while todo and len(status) < MAX_PAGES:
        url = todo.popleft()
        if url in status:
            continue
        r = client.get(url)
        status[url] = r.status_code
        if r.status_code == 200 and r.headers.get("content-type", "").startswith("text/html"):
            for link in internal_links(url, r.text) - status.keys():
                found_on.setdefault(link, url)
                todo.append(link)
    return status, found_on


@pytest.mark.slow
def test_no_internal_link_is_broken(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = build(tmp_path_factory.mktemp("crawl"))
    client = TestClient(create_app(url, mode=FAST), base_url=BASE)
    status, found_on = crawl(client, ("/", "/example"))
    broken = {u: (s, found_on.get(u)) for u, s in status.items() if s >= 400}
    assert not broken, broken
    assert len(status) < MAX_PAGES
    reached = {urlsplit(u).path.split("/")[1] for u in status}
    assert {"articles", "article", "entity", "outlet", "outlets", "corpus", "claims", "stories", "docs"} <= reached
