"""Claims carried by several outlets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from sayso.web.context import PAGE_SIZE, Web, WebDep

router = APIRouter()

MinOutletsQ = Query(2, ge=1, le=1000, description="Carried by at least this many publishers")
PageQ = Query(1, ge=1, le=100_000, alias="page", description="Page number, from 1")


def claims_data(web: Web, min_outlets: int, page_no: int) -> dict[str, Any]:
    rows = web.store.get().claims(min_outlets=min_outlets, limit=PAGE_SIZE + 1,
                                  offset=(page_no - 1) * PAGE_SIZE)
    return {"page": page_no, "min_outlets": min_outlets, "has_more": len(rows) > PAGE_SIZE,
            "claims": rows[:PAGE_SIZE]}


@router.get("/claims", response_class=HTMLResponse, include_in_schema=False)
def claims_page(request: Request, web: WebDep, min_outlets: int = MinOutletsQ, page_no: int = PageQ) -> Response:
    from sayso.store.queries import article_labels

    data = claims_data(web, min_outlets, page_no)
    ids = {m["article_id"] for c in data["claims"] for m in c["members"]}
    ids |= {c["first"]["article_id"] for c in data["claims"]}
    return web.page(request, "claims.html", labels=article_labels(web.store.get(), ids), **data)


@router.get("/api/claims", tags=["corpus"], summary="Claims carried by several outlets (twin of /claims)")
def api_claims(web: WebDep, min_outlets: int = MinOutletsQ, page_no: int = PageQ) -> dict[str, Any]:
    return claims_data(web, min_outlets, page_no)
