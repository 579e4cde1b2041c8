"""What every router needs: the settings, the templates, the store and the page helper.

``create_app`` builds one ``Web`` and keeps it in ``app.state.web``; a route
asks for it with ``web: WebDep``.  Routers never import each other: what two
of them share lives here or in ``sayso.web.analysis``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from sayso.errors import StoreError
from sayso.ingest.text import is_iso_date
from sayso.web import view

HERE = Path(__file__).parent
#: Rows per page of every paged list (search results, articles, claims).
PAGE_SIZE = 25
#: Attribution cards on one page of an article: a 200 KB paste has over a thousand, and
#: drawing them all made a 3 MB page.  The text marks only the cards shown.
CARDS_PER_PAGE = 120


@dataclass(frozen=True, slots=True)
class Settings:
    """How the server was started (``sayso serve``'s options)."""

    db_url: str | None = None
    allow_ingest: bool = False
    max_upload_bytes: int = 2_000_000
    max_chars: int = 1_000_000
    mode: str = "accurate"


class StoreHolder:
    """Opens the store on first use, so a server without --db still answers the analysis pages."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._store: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self.url is None:
            raise HTTPException(503, detail="No corpus is configured: start the server with --db URL "
                                            "to search stored articles.")
        with self._lock:
            if self._store is None:
                try:
                    from sayso.store import open_store
                except ImportError:
                    raise HTTPException(503, detail="The corpus store needs the store extra: "
                                                    "pip install 'sayso[store]'.") from None
                try:
                    self._store = open_store(self.url)
                except StoreError as e:
                    raise HTTPException(503, detail=f"The corpus store cannot be opened: {e}") from None
            return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@dataclass(slots=True)
class Web:
    settings: Settings
    templates: Jinja2Templates
    store: StoreHolder
    #: Results worth keeping between requests (the analysed example).
    cache: dict[str, Any] = field(default_factory=dict)
    #: Analyses in place of the in-process pipeline (``sayso serve`` passes a ``web.pool.AnalysisPool``,
    #: whose workers have a hard deadline); None: ``sayso.analyze`` here, one article at a time.
    analyzer: Callable[..., Any] | None = None

    def page(self, request: Request, template: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        return self.templates.TemplateResponse(request, template, ctx, status_code=code)

    def require_ingest(self, request: Request) -> None:
        """403 unless writing is on and the request comes from this server's own pages."""
        if not self.settings.allow_ingest:
            raise HTTPException(403, detail="This server is read-only: saving articles to the corpus is "
                                            "off. Restart it with --allow-ingest to turn it on.")
        # A page on another site must not be able to write to a local corpus (CSRF).
        origin = request.headers.get("origin")
        if origin == "null" or (origin and urlsplit(origin).netloc != request.headers.get("host")):
            raise HTTPException(403, detail="Writes are accepted only from this server's own pages.")


def get_web(request: Request) -> Web:
    return request.app.state.web  # type: ignore[no-any-return]


WebDep = Annotated[Web, Depends(get_web)]


def path_quote(value: str) -> str:
    return quote(value, safe="")


def safe_url(value: Any) -> str | None:
    """An outside link only when it is plainly http(s): never javascript:, data: and the like."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def card_href(article_id: str, attr_id: str | None = None) -> str:
    """The address of a stored article's page, at one attribution's card (on the page that shows it)."""
    href = f"/article/{path_quote(article_id)}"
    if not attr_id:
        return href
    n = int(attr_id[1:]) if attr_id[:1] == "a" and attr_id[1:].isdigit() else 1
    page = (n - 1) // CARDS_PER_PAGE + 1
    return f"{href}?page={page}#card-{path_quote(attr_id)}" if page > 1 else f"{href}#card-{path_quote(attr_id)}"


def make_templates(settings: Settings, version: str) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["q"] = path_quote
    env.filters["pct"] = lambda v: f"{100 * float(v or 0):.0f}%"
    env.filters["article_label"] = view.article_label
    env.globals["safe_url"] = safe_url
    env.tests["iso_date"] = is_iso_date
    env.globals["card_href"] = card_href
    env.globals["allow_ingest"] = settings.allow_ingest
    env.globals["has_store"] = settings.db_url is not None
    env.globals["max_upload_mb"] = f"{settings.max_upload_bytes / 1_000_000:.1f}"
    env.globals["version"] = version
    env.globals["kind_labels"] = view.SOURCE_KIND_LABELS
    env.globals["basis_labels"] = view.BASIS_LABELS
    return templates


def prefers_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"
