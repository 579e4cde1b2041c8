"""The web application: ``create_app`` builds it; ``sayso serve`` runs it.

Every HTML page has a JSON twin under ``/api/`` computed by the same
function, and the JSON routes are described by OpenAPI (``/openapi.json``,
readable at ``/docs``).  Article text and metadata are hostile input: Jinja
escapes everything, the Content-Security-Policy forbids inline script, and
nothing user-supplied becomes a URL except through our own path prefixes.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import sayso
from sayso.errors import InputError, StoreError
from sayso.pipeline import DEFAULT_MODE
from sayso.records import ArticleReport
from sayso.web import charts, view
from sayso.web.pool import AnalysisUnavailable
from sayso.web.security import BodyLimit, SecurityHeaders

log = logging.getLogger("sayso.web")

#: Largest request body accepted (an upload plus its form fields), in bytes.
DEFAULT_MAX_UPLOAD_BYTES = 2_000_000
#: Host names the server answers to by default: a page on another site cannot
#: reach it through DNS rebinding.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
#: What ``create_app`` accepts by default: the local names, plus Starlette's
#: TestClient's "testserver" (a single-label name no outside page can rebind).
DEFAULT_HOSTS = (*LOCAL_HOSTS, "testserver")
PAGE_SIZE = 25

HERE = Path(__file__).parent
EXAMPLE_PUBLISHER = "The Daily Beast"
EXAMPLE_TITLE = "Zelensky told Trump that Putin is 'afraid of you', inside sources told Axios"


def example_text() -> str:
    """The canonical example article, shipped with the package (a copy of examples/call-report.txt)."""
    return (resources.files("sayso.web") / "example.txt").read_text(encoding="utf-8")


# -- request and response models (for OpenAPI) --------------------------------------


class AnalyzeRequest(BaseModel):
    text: str = Field(description="The article's text (UTF-8).")
    publisher: str | None = Field(None, description="Who published it; found in the text when omitted.")
    published: str | None = Field(None, description="Publication date, ISO 8601.")
    title: str | None = None
    store: bool = Field(False, description="Also save it to the corpus (needs --allow-ingest).")


class AnalyzeResponse(BaseModel):
    article_id: str | None = Field(None, description="Set when the article was saved to the corpus.")
    report: dict[str, Any] = Field(description="The ArticleReport (see docs/schema.md).")


class ErrorResponse(BaseModel):
    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "The input cannot be analysed"},
    403: {"model": ErrorResponse, "description": "Writing is off (start with --allow-ingest)"},
    413: {"model": ErrorResponse, "description": "The request body is too large"},
    503: {"model": ErrorResponse, "description": "No analysis worker was free in time; try again"},
}


# -- the app ---------------------------------------------------------------------


class _Analyzer:
    """Runs ``sayso.analyze`` one article at a time: the spaCy pipeline is shared."""

    def __init__(self, mode: str) -> None:
        self._lock = threading.Lock()
        self._mode = mode

    def __call__(self, text: str, **meta: str | None) -> ArticleReport:
        with self._lock:
            return sayso.analyze(text, mode=self._mode, **meta)  # type: ignore[arg-type]


class _StoreHolder:
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


def _path_quote(value: str) -> str:
    return quote(value, safe="")


def _safe_url(value: Any) -> str | None:
    """An outside link only when it is plainly http(s): never javascript:, data: and the like."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def create_app(db_url: str | None = None, *, allow_ingest: bool = False,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               allowed_hosts: tuple[str, ...] | None = DEFAULT_HOSTS, mode: str = DEFAULT_MODE,
               analyzer: Callable[..., ArticleReport] | None = None) -> FastAPI:
    """The sayso web application over the store at ``db_url`` (None: analysis only).

    ``mode`` is the analysis mode of pasted and uploaded articles (see ``sayso.analyze``).
    ``allow_ingest`` turns on the endpoints that write to the store.
    ``allowed_hosts`` (None: any) lists the Host names it answers to.
    ``analyzer`` replaces the in-process analysis (``sayso serve`` passes a ``web.pool.AnalysisPool``).
    """
    app = FastAPI(
        title="sayso",
        version=sayso.__version__,
        description="On whose say-so? Attributions and sourcing in news articles. Every HTML page "
                    "of the UI has a JSON twin here.",
        docs_url=None, redoc_url=None,  # Swagger UI and ReDoc load from a CDN; /docs is ours.
        dependencies=[Depends(_refuse_nul)],
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["q"] = _path_quote
    templates.env.filters["pct"] = lambda v: f"{100 * float(v or 0):.0f}%"
    templates.env.globals["safe_url"] = _safe_url
    templates.env.globals["allow_ingest"] = allow_ingest
    templates.env.globals["has_store"] = db_url is not None
    templates.env.globals["max_upload_mb"] = f"{max_upload_bytes / 1_000_000:.1f}"
    templates.env.globals["version"] = sayso.__version__
    templates.env.globals["kind_labels"] = view.SOURCE_KIND_LABELS
    analyze = analyzer or _Analyzer(mode)
    store = _StoreHolder(db_url)
    app.state.store = store
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, template: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, ctx, status_code=code)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    # -- errors: one friendly line, never a stack trace ---------------------------

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "Something is wrong with the request."
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = "There is no page at this address."
        if exc.status_code == 405:
            message = "This address does not accept that method."
        if wants_json(request):
            return JSONResponse({"error": message, "status": exc.status_code}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, status=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        message = "The request is not valid: " + "; ".join(problems)
        if wants_json(request):
            return JSONResponse({"error": message, "status": 422}, status_code=422)
        return page(request, "error.html", 422, status=422, message=message)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path)
        message = "Something went wrong on the server; the details are in the server's log."
        if wants_json(request):
            return JSONResponse({"error": message, "status": 500}, status_code=500)
        return page(request, "error.html", 500, status=500, message=message)

    def require_ingest(request: Request) -> None:
        if not allow_ingest:
            raise HTTPException(403, detail="This server is read-only: saving articles to the corpus is "
                                            "off. Restart it with --allow-ingest to turn it on.")
        # A page on another site must not be able to write to a local corpus (CSRF).
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403, detail="Writes are accepted only from this server's own pages.")
        if origin == "null":
            raise HTTPException(403, detail="Writes are accepted only from this server's own pages.")

    def run_analysis(text: str, publisher: str | None, published: str | None,
                     title: str | None) -> ArticleReport:
        try:
            return analyze(text, publisher=publisher or None, published=published or None,
                           title=title or None)
        except InputError as e:
            raise HTTPException(400, detail=str(e)) from None
        except AnalysisUnavailable as e:  # past the deadline (422), or no worker free (503)
            raise HTTPException(e.status, detail=str(e)) from None

    def ingest(text: str, report: ArticleReport, publisher: str | None, published: str | None,
               title: str | None) -> str | None:
        from sayso.store.core import ArticleInfo, content_hash

        st = store.get()
        try:
            new_id = st.ingest_report(ArticleInfo(source="web", publisher=publisher or None,
                                                  published=published or None, title=title or None),
                                      text, report)
            if new_id is None:
                return str(st.find_article(content_hash(text)))
            st.rebuild()
            return str(new_id)
        except StoreError as e:
            raise HTTPException(503, detail=f"The article could not be saved: {e}") from None

    # -- analyze ----------------------------------------------------------------

    def article_context(text: str, report: ArticleReport, *, article_id: str | None = None,
                        meta: dict[str, Any] | None = None) -> dict[str, Any]:
        segs = view.segments(text, report.attributions)
        cards = [_card(report, a) for a in report.attributions]
        labels = {c["id"]: f'Attribution {c["n"]}: {c["speaker"]} {c["cue"]}' for c in cards}
        children: dict[str, list[str]] = {}
        for a in report.attributions:
            if a.nested_in:
                children.setdefault(a.nested_in, []).append(a.id)
        for c in cards:
            c["children"] = children.get(c["id"], [])
        by_speaker = {c["speaker"]: c for c in cards}
        for c in cards:
            for name in c["co_speakers"]:
                by_speaker.setdefault(name, {"speaker_entity": name})
        speakers = [{"key": s.key, "count": s.count,
                     "anonymous": bool(by_speaker.get(s.key, {}).get("anonymous")),
                     "entity": bool(by_speaker.get(s.key, {}).get("speaker_entity"))}
                    for s in report.sourcing_summary.speakers]
        meta = meta or {}
        return {
            "speakers": speakers,
            "report": report, "text_html": Markup(view.render_text(segs, labels)), "cards": cards,
            "tracks": view.track_count(segs), "summary": report.sourcing_summary,
            "title": meta.get("title") or report.title, "publisher": meta.get("publisher") or report.publisher,
            "published": meta.get("published") or report.published, "url": meta.get("url"),
            "article_id": article_id, "kind_labels": view.SOURCE_KIND_LABELS,
            "entities": [e for e in report.entities if e.type in ("PERSON", "ORG", "OUTLET", "NORP")],
        }

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        return page(request, "index.html", form={})

    @app.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
    def analyze_form(request: Request, text: Annotated[str, Form()] = "",
                     file: Annotated[UploadFile | None, File()] = None,
                     publisher: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                     title: Annotated[str, Form()] = "",
                     store_it: Annotated[str, Form(alias="store")] = "") -> Response:
        form = {"text": text, "publisher": publisher, "published": published, "title": title}
        try:
            if file is not None and file.filename:
                text, publisher, published, title = _read_upload(file, publisher, published, title)
            if not text.strip():
                raise InputError("Paste an article's text or choose a .txt or .html file.")
        except InputError as e:
            if _prefers_json(request):
                return JSONResponse({"error": str(e), "status": 400}, status_code=400)
            return page(request, "index.html", 400, form=form, error=str(e))
        try:
            report = run_analysis(text, publisher, published, title)
        except HTTPException as e:
            if _prefers_json(request):
                return JSONResponse({"error": str(e.detail), "status": e.status_code}, status_code=e.status_code)
            return page(request, "index.html", e.status_code, form=form, error=str(e.detail))
        article_id = None
        if store_it:
            require_ingest(request)
            article_id = ingest(text, report, publisher, published, title)
        if _prefers_json(request):  # `curl -F file=@a.html -H 'Accept: application/json' .../analyze`
            return JSONResponse({"article_id": article_id, "report": report.to_dict()})
        return page(request, "article.html", **article_context(text, report, article_id=article_id,
                                                               meta={"title": title, "publisher": publisher,
                                                                     "published": published}))

    @app.get("/analyze", include_in_schema=False)
    def analyze_get() -> Response:
        return RedirectResponse("/", status_code=303)

    @app.get("/example", response_class=HTMLResponse, include_in_schema=False)
    def example(request: Request) -> Response:
        text = example_text()
        report = run_analysis(text, EXAMPLE_PUBLISHER, None, EXAMPLE_TITLE)
        return page(request, "article.html", example=True, **article_context(text, report))

    @app.post("/api/analyze", response_model=AnalyzeResponse, responses=ERRORS, tags=["analyze"],
              summary="Analyse one article (twin of the Analyze form)")
    def api_analyze(body: AnalyzeRequest, request: Request) -> dict[str, Any]:
        """Every attribution in the text, with speakers, sources, hedges, chains and the sourcing
        summary. Nothing is stored unless ``store`` is true and the server runs with --allow-ingest."""
        report = run_analysis(body.text, body.publisher, body.published, body.title)
        article_id = None
        if body.store:
            require_ingest(request)
            article_id = ingest(body.text, report, body.publisher, body.published, body.title)
        return {"article_id": article_id, "report": report.to_dict()}

    @app.get("/api/example", response_model=AnalyzeResponse, tags=["analyze"],
             summary="The canonical example article, analysed (twin of /example)")
    def api_example() -> dict[str, Any]:
        report = run_analysis(example_text(), EXAMPLE_PUBLISHER, None, EXAMPLE_TITLE)
        return {"article_id": None, "report": report.to_dict()}

    # -- stored articles -------------------------------------------------------

    def stored_article(article_id: str) -> tuple[dict[str, Any], str, ArticleReport]:
        got = store.get().article(article_id)
        if got is None:
            raise HTTPException(404, detail=f"No stored article has the id {article_id!r}.")
        return got  # type: ignore[no-any-return]

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        meta, text, report = stored_article(article_id)
        return page(request, "article.html", **article_context(text, report, article_id=article_id, meta=meta))

    @app.get("/api/articles/{article_id}", tags=["corpus"], summary="One stored article (twin of /article/ID)")
    def api_article(article_id: str) -> dict[str, Any]:
        meta, text, report = stored_article(article_id)
        return {"meta": meta, "text": text, "report": report.to_dict()}

    # -- corpus search ------------------------------------------------------------

    def search(q: str | None, speaker: str | None, publisher: str | None, anonymous: str | None,
               since: str | None, until: str | None, page_no: int) -> dict[str, Any]:
        anon = {"only": True, "exclude": False}.get(anonymous or "")
        offset = (page_no - 1) * PAGE_SIZE
        rows, total = store.get().search_quotes(
            speaker=speaker or None, publisher=publisher or None, anonymous=anon, since=since or None,
            until=until or None, contains=q or None, limit=PAGE_SIZE, offset=offset)
        return {"total": total, "page": page_no, "pages": max(1, math.ceil(total / PAGE_SIZE)),
                "limit": PAGE_SIZE, "offset": offset, "results": rows}

    SearchQ = Query(None, description="Words that must all occur in the content or source")
    SpeakerQ = Query(None, description="Entity id, name or surname")
    PublisherQ = Query(None, description="Publisher name")
    AnonQ = Query(None, pattern="^(only|exclude|)$",
                  description="'only': attributions resting on unnamed sources; 'exclude': the rest")
    SinceQ = Query(None, description="ISO date, inclusive")
    UntilQ = Query(None, description="ISO date, inclusive")

    @app.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
    def corpus_page(request: Request, q: str | None = SearchQ, speaker: str | None = SpeakerQ,
                    publisher: str | None = PublisherQ, anonymous: str | None = AnonQ,
                    since: str | None = SinceQ, until: str | None = UntilQ,
                    page_no: int = Query(1, ge=1, le=100_000, alias="page")) -> Response:
        params = {"q": q, "speaker": speaker, "publisher": publisher, "anonymous": anonymous,
                  "since": since, "until": until}
        searched = any(params.values())
        result = search(q, speaker, publisher, anonymous, since, until, page_no)
        clean = {k: v for k, v in params.items() if v}
        return page(request, "corpus.html", params=params, result=result, searched=searched,
                    query=urlencode(clean), counts=store.get().counts())

    @app.get("/api/quotes", tags=["corpus"], summary="Search attributions (twin of /corpus)")
    def api_quotes(q: str | None = SearchQ, speaker: str | None = SpeakerQ,
                   publisher: str | None = PublisherQ, anonymous: str | None = AnonQ,
                   since: str | None = SinceQ, until: str | None = UntilQ,
                   page_no: int = Query(1, ge=1, le=100_000, alias="page")) -> dict[str, Any]:
        return search(q, speaker, publisher, anonymous, since, until, page_no)

    # -- entities, outlets, claims ------------------------------------------------

    def entity_data(name: str) -> dict[str, Any]:
        profile = store.get().entity_profile(name)
        if profile is None:
            raise HTTPException(404, detail=f"The corpus knows no one called {name!r}. Only articles saved "
                                            "to the corpus count (sayso ingest, or --allow-ingest and the "
                                            "Save box).")
        return profile  # type: ignore[no-any-return]

    @app.get("/entity/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, name: str) -> Response:
        p = entity_data(name)
        st = p["statements"]
        outlet_chart = charts.stacked_bars(
            "Statements by outlet: on the record and via unnamed sources", ("on the record", "via unnamed sources"),
            [(o["publisher"], (o["count"] - o["via_unnamed"], o["via_unnamed"])) for o in st["by_outlet"][:12]])
        time_chart = charts.columns("Statements per month", [(m["month"], m["count"]) for m in st["by_month"]])
        return page(request, "entity.html", p=p, name=name, outlet_chart=outlet_chart, time_chart=time_chart)

    @app.get("/api/entity/{name:path}", tags=["corpus"], summary="Statements by and about an entity")
    def api_entity(name: str) -> dict[str, Any]:
        return entity_data(name)

    def outlet_data(name: str) -> dict[str, Any]:
        profile = store.get().outlet_profile(name)
        if profile is None:
            raise HTTPException(404, detail=f"The corpus has no articles from {name!r}.")
        return profile  # type: ignore[no-any-return]

    def outlet_months(name: str) -> list[dict[str, Any]]:
        """Anonymous share per month, from the outlet's attributions."""
        st = store.get()
        months: dict[str, list[int]] = {}
        offset = 0
        while True:
            rows, total = st.search_quotes(publisher=name, limit=500, offset=offset)
            for r in rows:
                m = months.setdefault((r.get("published") or "")[:7] or "(undated)", [0, 0])
                m[0] += 1
                m[1] += int(bool(r.get("anonymous")))
            offset += len(rows)
            if not rows or offset >= total or offset >= 20_000:
                break
        return [{"month": k, "attributions": v[0], "anonymous": v[1],
                 "anonymous_share": round(v[1] / v[0], 4) if v[0] else 0.0} for k, v in sorted(months.items())]

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> Response:
        return page(request, "outlets.html", outlets=store.get().outlets())

    @app.get("/api/outlets", tags=["corpus"], summary="Every publisher in the corpus (twin of /outlets)")
    def api_outlets() -> list[dict[str, Any]]:
        return store.get().outlets()  # type: ignore[no-any-return]

    @app.get("/outlet/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, name: str) -> Response:
        p = outlet_data(name)
        months = outlet_months(p["name"] or name)
        chart = charts.columns("Share of attributions resting on unnamed sources, per month",
                               [(m["month"], m["anonymous_share"]) for m in months], percent=True)
        return page(request, "outlet.html", p=p, months=months, chart=chart)

    @app.get("/api/outlet/{name:path}", tags=["corpus"], summary="One publisher's sourcing (twin of /outlet/NAME)")
    def api_outlet(name: str) -> dict[str, Any]:
        p = outlet_data(name)
        return {**p, "by_month": outlet_months(p["name"] or name)}

    def claims_data(min_outlets: int, page_no: int) -> dict[str, Any]:
        rows = store.get().claims(min_outlets=min_outlets, limit=PAGE_SIZE + 1, offset=(page_no - 1) * PAGE_SIZE)
        return {"page": page_no, "min_outlets": min_outlets, "has_more": len(rows) > PAGE_SIZE,
                "claims": rows[:PAGE_SIZE]}

    MinOutletsQ = Query(2, ge=1, le=1000, description="Carried by at least this many publishers")

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, min_outlets: int = MinOutletsQ,
                    page_no: int = Query(1, ge=1, le=100_000, alias="page")) -> Response:
        return page(request, "claims.html", **claims_data(min_outlets, page_no))

    @app.get("/api/claims", tags=["corpus"], summary="Claims carried by several outlets (twin of /claims)")
    def api_claims(min_outlets: int = MinOutletsQ,
                   page_no: int = Query(1, ge=1, le=100_000, alias="page")) -> dict[str, Any]:
        return claims_data(min_outlets, page_no)

    # -- API reference --------------------------------------------------------------

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        spec = app.openapi()
        ops = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                ops.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                            "description": op.get("description", ""),
                            "params": op.get("parameters", []),
                            "body": "requestBody" in op})
        return page(request, "docs.html", ops=ops, spec=spec)

    asgi: Any = app
    # Outermost first: headers on every answer (413s too), then the size cap, then hosts.
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return asgi  # type: ignore[no-any-return]


def _refuse_nul(request: Request) -> None:
    """A NUL in the address is never part of a name or search (PostgreSQL cannot even compare
    text holding one: /entity/%00 was a 500 there): answer 400 before any route runs."""
    if "\x00" in request.url.path or "\x00" in request.scope.get("path", "") or any(
            "\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        raise HTTPException(400, detail="The address holds a NUL character (%00), which no name "
                                        "or search can contain.")


def _prefers_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _read_upload(file: UploadFile, publisher: str, published: str,
                 title: str) -> tuple[str, str, str, str]:
    """The text of an uploaded .txt or .html file, and the metadata an HTML page gives."""
    from sayso.ingest.text import decode_text

    name = Path(file.filename or "upload").name
    data = file.file.read()
    is_html = name.lower().endswith((".html", ".htm")) or (file.content_type or "").startswith("text/html")
    if not is_html and not name.lower().endswith(".txt") and not (file.content_type or "").startswith("text/"):
        raise InputError(f"{name}: sayso reads .txt and .html files")
    text = decode_text(data, name)
    if is_html:
        from sayso.ingest.html import extract_html

        page = extract_html(text, name)
        return (page.text, publisher or page.publisher or "", published or page.published or "",
                title or page.title or "")
    return text, publisher, published, title


def _card(report: ArticleReport, a: Any) -> dict[str, Any]:
    links, from_engine = view.chain(report, a)
    return {
        "id": a.id, "n": view.number(a.id),
        "speaker": view.speaker_label(a),
        # Unnamed sources get no entity page: "one source" in two articles is not one person.
        "speaker_entity": (a.speaker.name if a.speaker is not None and a.speaker.name
                           and not view.is_anonymous(a) else None),
        "co_speakers": [c.name for c in a.co_speakers] if not view.is_anonymous(a) else [],
        "source": a.source.text if a.source is not None else None,
        "addressee": a.addressee.name if a.addressee is not None else None,
        "cue": a.cue.text, "content": a.content.text,
        "kind": a.kind, "kind_label": view.KIND_LABELS.get(a.kind, a.kind),
        "source_kind": a.source_kind,
        "source_kind_label": view.SOURCE_KIND_LABELS.get(a.source_kind, a.source_kind),
        "anonymous": view.is_anonymous(a), "anonymous_count": a.anonymous_count,
        "anonymous_descriptor": a.anonymous_descriptor, "hedges": a.hedges,
        "on_record": a.on_record, "nested_in": a.nested_in,
        "citing": a.citing, "chain": links, "chain_from_engine": from_engine,
        "confidence": a.confidence,
    }
