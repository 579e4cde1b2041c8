"""HTML pages: the article's text and metadata, extracted with trafilatura.

``extract_html`` returns the main text (boilerplate, menus and comments
removed) and what the page says about itself: title, site name (the
publisher), author, date and URL.  A page with no recognisable article text
is an ``InputError``, never an empty article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sayso.errors import InputError


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


def extract_html(html: str, name: str, url: str | None = None) -> HtmlArticle:
    """The article in ``html`` (``name`` labels errors); ``url`` helps trafilatura and is kept."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: reading HTML needs trafilatura (pip install 'sayso[store]')") from None
    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True,
                              include_comments=False, include_tables=False, favor_precision=True)
    if not out:
        raise InputError(f"{name}: no article text found in the HTML page")
    data = json.loads(out)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{name}: no article text found in the HTML page")

    def s(key: str) -> str | None:
        v = data.get(key)
        return str(v).strip() or None if v else None

    return HtmlArticle(
        text=text, title=s("title"),
        # trafilatura puts the og:site_name in "source-hostname"; the bare host name is the fallback.
        publisher=s("source-hostname") or s("sitename") or s("hostname"),
        author=s("author"), published=s("date"), url=url or s("source"),
    )
