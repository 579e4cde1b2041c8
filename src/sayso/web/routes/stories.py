"""Stories across outlets (the list and one story's timeline) and the outlets' relay graph."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from sayso.store.timelines import STATUS_LABELS
from sayso.web import story_charts
from sayso.web.context import PAGE_SIZE, Web, WebDep

router = APIRouter()

OutletQ = Query(None, description="Only the stories this publisher carries (name or key)")
ArticleQ = Query(None, description="Only the stories this stored article is part of (its id)")
ClaimQ = Query(None, description="Only the story this claim belongs to (its id)")
PageQ = Query(1, ge=1, le=100_000, alias="page", description="Page number, from 1")



def stories_data(web: Web, outlet: str | None, article: str | None, claim: str | None,
                 page_no: int) -> dict[str, Any]:
    from sayso.store.timelines import story_summaries

    rows = story_summaries(web.store.get(), outlet=outlet or None, article_id=article or None,
                           claim_id=claim or None)
    start = (page_no - 1) * PAGE_SIZE
    return {"outlet": outlet or None, "article": article or None, "claim": claim or None, "page": page_no,
            "total": len(rows), "has_more": len(rows) > start + PAGE_SIZE, "stories": rows[start:start + PAGE_SIZE]}


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, web: WebDep, outlet: str | None = OutletQ, article: str | None = ArticleQ,
                 claim: str | None = ClaimQ, page_no: int = PageQ) -> Response:
    return web.page(request, "stories.html", status_labels=STATUS_LABELS,
                    **stories_data(web, outlet, article, claim, page_no))


@router.get("/api/stories", tags=["corpus"], summary="Stories across outlets, one page (twin of /stories)")
def api_stories(web: WebDep, outlet: str | None = OutletQ, article: str | None = ArticleQ,
                claim: str | None = ClaimQ, page_no: int = PageQ) -> dict[str, Any]:
    return stories_data(web, outlet, article, claim, page_no)


def story_data(web: Web, story_id: str) -> dict[str, Any]:
    from sayso.store.timelines import story_page

    st = story_page(web.store.get(), story_id)
    if st is None:
        raise HTTPException(404, detail=f"No story has the id {story_id!r} (the list is at /stories).")
    return st


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, web: WebDep, story_id: str) -> Response:
    from sayso.store.queries import article_labels

    st = story_data(web, story_id)
    chart = story_charts.timeline(
        f"Who carried the story when: {len(st['summary']['outlets'])} outlets, one row each, markers by stance",
        st["timeline"], st["summary"]["first_carriers"])
    labels = article_labels(web.store.get(), {t["article_id"] for t in st["timeline"]})
    return web.page(request, "story.html", st=st, chart=chart, labels=labels, status_labels=STATUS_LABELS)


@router.get("/api/stories/{story_id}", tags=["corpus"], summary="One story's timeline (twin of /stories/ID)")
def api_story(web: WebDep, story_id: str) -> dict[str, Any]:
    return story_data(web, story_id)


def relays_data(web: Web) -> dict[str, Any]:
    from sayso.store.relays import relay_edges

    return {"edges": relay_edges(web.store.get())}


@router.get("/outlets/relays", response_class=HTMLResponse, include_in_schema=False)
def relays_page(request: Request, web: WebDep) -> Response:
    data = relays_data(web)
    chart = story_charts.relay_network("Who relays whom: an arrow from each publisher to the outlet it cites, "
                                       "as thick as the statements relayed", data["edges"])
    return web.page(request, "relays.html", chart=chart, **data)


@router.get("/api/outlets/relays", tags=["corpus"], summary="The outlets' relay graph (twin of /outlets/relays)")
def api_relays(web: WebDep) -> dict[str, Any]:
    return relays_data(web)
