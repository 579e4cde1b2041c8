"""The web application: ``create_app`` builds it; ``sayso serve`` runs it.

Every HTML page has a JSON twin under ``/api/`` computed by the same
function, and the JSON routes are described by OpenAPI (``/openapi.json``,
readable at ``/docs``).  Article text and metadata are hostile input: Jinja
escapes everything, the Content-Security-Policy forbids inline script, and
nothing user-supplied becomes a URL except through our own path prefixes.

The routes live in ``sayso.web.routes``, one router per page family; what
they share (settings, templates, the store) is ``sayso.web.context.Web``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import sayso
from sayso.inputs import DEFAULT_MAX_CHARS, DEFAULT_MODE
from sayso.records import ArticleReport
from sayso.web.analysis import CONVERT_ADVICE, EXAMPLE_PUBLISHER, EXAMPLE_TITLE, example_text
from sayso.web.context import HERE, PAGE_SIZE, Settings, StoreHolder, Web, make_templates, wants_json
from sayso.web.routes import analyze, articles, claims, docs, entities, outlets, search, stories
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

# stories before outlets: /outlets/relays is its page, not an outlet's.
ROUTERS = (analyze.router, articles.router, search.router, entities.router, stories.router, outlets.router,
           claims.router, docs.router)

__all__ = ["DEFAULT_HOSTS", "DEFAULT_MAX_UPLOAD_BYTES", "EXAMPLE_PUBLISHER", "EXAMPLE_TITLE", "LOCAL_HOSTS",
           "PAGE_SIZE", "create_app", "example_text"]


def create_app(db_url: str | None = None, *, allow_ingest: bool = False,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
               allowed_hosts: tuple[str, ...] | None = DEFAULT_HOSTS, mode: str = DEFAULT_MODE,
               analyzer: Callable[..., ArticleReport] | None = None) -> FastAPI:
    """The sayso web application over the store at ``db_url`` (None: analysis only).

    ``mode`` is the analysis mode of pasted and uploaded articles (see ``sayso.analyze``),
    ``max_chars`` the longest article it analyses.
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
    settings = Settings(db_url=db_url, allow_ingest=allow_ingest, max_upload_bytes=max_upload_bytes,
                        max_chars=max_chars, mode=mode)
    web = Web(settings=settings, templates=make_templates(settings, sayso.__version__),
              store=StoreHolder(db_url), analyzer=analyzer)
    app.state.web = web
    app.state.store = web.store
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _add_error_handlers(app, web)

    asgi: FastAPI = app
    # Outermost first: headers on every answer (413s too), then the size cap, then hosts.
    app.add_middleware(BodyLimit, limit=max_upload_bytes)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return asgi


def _add_error_handlers(app: FastAPI, web: Web) -> None:
    """One friendly line for every error, never a stack trace; JSON under /api/."""

    def answer(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return web.page(request, "error.html", status, status=status, message=message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "Something is wrong with the request."
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = "There is no page at this address."
        if exc.status_code == 405:
            message = "This address does not accept that method."
        if isinstance(exc.__cause__, UnicodeDecodeError):  # FastAPI's "error parsing the body"
            bad = exc.__cause__
            message = (f"The request body is not valid UTF-8 (byte offset {bad.start:,}: "
                       f"{bad.object[bad.start:bad.start + 1]!r}); {CONVERT_ADVICE}.")
        return answer(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [_plain_problem(err) for err in exc.errors()]
        return answer(request, 422, "The request is not valid: " + "; ".join(problems))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path)
        return answer(request, 500, "Something went wrong on the server; the details are in the server's log.")


def _plain_problem(err: dict[str, object]) -> str:
    """One validation problem as a reader understands it: "page must be 1 or more", not pydantic's words."""
    loc = err.get("loc", ())
    where = ".".join(str(p) for p in loc if p not in ("body", "query", "path")) if isinstance(loc, tuple) else ""
    where = where or "request"
    ctx = err.get("ctx") if isinstance(err.get("ctx"), dict) else {}
    kind = err.get("type")
    if kind == "greater_than_equal":
        return f"{where} must be {ctx.get('ge')} or more"  # type: ignore[union-attr]
    if kind == "less_than_equal":
        return f"{where} must be {ctx.get('le')} or less"  # type: ignore[union-attr]
    if kind in ("int_parsing", "int_type"):
        return f"{where} must be a whole number"
    if kind == "string_pattern_mismatch":
        return f"{where} must be one of the listed choices"
    return f"{where}: {err.get('msg', 'invalid')}"


def _refuse_nul(request: Request) -> None:
    """A NUL in the address is never part of a name or search (PostgreSQL cannot even compare
    text holding one: /entity/%00 was a 500 there): answer 400 before any route runs."""
    if "\x00" in request.url.path or "\x00" in request.scope.get("path", "") or any(
            "\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        raise HTTPException(400, detail="The address holds a NUL character (%00), which no name "
                                        "or search can contain.")
