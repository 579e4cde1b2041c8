"""Stored articles: the list, one article, and correcting its publisher, date or title."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from sayso.errors import InputError, StoreError
from sayso.records import ArticleReport
from sayso.web.analysis import article_context
from sayso.web.context import PAGE_SIZE, Web, WebDep

router = APIRouter()

PageQ = Query(1, ge=1, le=100_000, alias="page", description="Page number, from 1")
OrderQ = Query("newest", pattern="^(newest|oldest|title)$", description="newest, oldest or title")
OutletQ = Query(None, description="Only this publisher's articles (name or key)")


class ArticleMeta(BaseModel):
    publisher: str | None = Field(None, description="Who published it (\"\" clears it)")
    published: str | None = Field(None, description="ISO date, YYYY-MM-DD (\"\" clears it)")
    title: str | None = Field(None, description="The headline (\"\" clears it)")


def articles_data(web: Web, outlet: str | None, order: str, page_no: int) -> dict[str, Any]:
    from sayso.store.queries import article_list

    rows, total = article_list(web.store.get(), publisher=outlet or None, order=order,
                               limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
    return {"total": total, "page": page_no, "pages": max(1, math.ceil(total / PAGE_SIZE)),
            "order": order, "outlet": outlet or None, "offset": (page_no - 1) * PAGE_SIZE, "articles": rows}


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(request: Request, web: WebDep, outlet: str | None = OutletQ, order: str = OrderQ,
                  page_no: int = PageQ) -> Response:
    from sayso.store.queries import outlet_names

    return web.page(request, "articles.html", outlets=outlet_names(web.store.get()),
                    **articles_data(web, outlet, order, page_no))


@router.get("/api/articles", tags=["corpus"], summary="Stored articles, one page (twin of /articles)")
def api_articles(web: WebDep, outlet: str | None = OutletQ, order: str = OrderQ,
                 page_no: int = PageQ) -> dict[str, Any]:
    return articles_data(web, outlet, order, page_no)


def stored_article(web: Web, article_id: str) -> tuple[dict[str, Any], str, ArticleReport]:
    got = web.store.get().article(article_id)
    if got is None:
        raise HTTPException(404, detail=f"No stored article has the id {article_id!r}.")
    return got  # type: ignore[no-any-return]


@router.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, web: WebDep, article_id: str,
                 page_no: int = Query(1, ge=1, le=100_000, alias="page")) -> Response:
    meta, text, report = stored_article(web, article_id)
    return web.page(request, "article.html", meta=meta,
                    **article_context(web, text, report, article_id=article_id, meta=meta, card_page=page_no))


@router.get("/api/articles/{article_id}", tags=["corpus"], summary="One stored article (twin of /article/ID)")
def api_article(web: WebDep, article_id: str) -> dict[str, Any]:
    meta, text, report = stored_article(web, article_id)
    return {"meta": meta, "text": text, "report": report.to_dict()}


def set_meta(web: Web, article_id: str, body: ArticleMeta) -> dict[str, Any]:
    from sayso.store.ingest import update_derived
    from sayso.store.queries import set_article_meta

    st = web.store.get()
    try:
        row = set_article_meta(st, article_id, publisher=body.publisher, published=body.published,
                               title=body.title)
    except InputError as e:
        raise HTTPException(400, detail=str(e)) from None
    except StoreError as e:
        raise HTTPException(404, detail=str(e)) from None
    update_derived(st, articles=[article_id])
    return row


@router.post("/article/{article_id}/meta", include_in_schema=False)
def article_meta_form(request: Request, web: WebDep, article_id: str,
                      publisher: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                      title: Annotated[str, Form()] = "") -> Response:
    web.require_ingest(request)
    set_meta(web, article_id, ArticleMeta(publisher=publisher, published=published, title=title))
    return RedirectResponse(f"/article/{article_id}", status_code=303)


@router.patch("/api/articles/{article_id}", tags=["corpus"],
              summary="Correct an article's publisher, date or title (needs --allow-ingest)")
def api_article_meta(request: Request, web: WebDep, article_id: str, body: ArticleMeta) -> dict[str, Any]:
    """Fields left out (null) stay as they are; an empty string clears one. Entities and claims
    are brought up to date."""
    web.require_ingest(request)
    return set_meta(web, article_id, body)
