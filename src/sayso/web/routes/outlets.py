"""Publishers: the list, and one outlet's sourcing over time and its articles."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from sayso.web import charts
from sayso.web.context import Web, WebDep

router = APIRouter()

#: Articles listed on an outlet's page (the rest: /articles?outlet=NAME).
OUTLET_ARTICLES = 10


def outlet_data(web: Web, name: str) -> dict[str, Any]:
    from sayso.store.queries import article_list, monthly_sourcing
    from sayso.store.relays import outlet_relays

    st = web.store.get()
    profile = st.outlet_profile(name)
    if profile is None:
        raise HTTPException(404, detail=f"The corpus has no articles from {name!r}.")
    label = profile["name"] or name
    articles, _ = article_list(st, publisher=label, limit=OUTLET_ARTICLES)
    return {**profile, "by_month": monthly_sourcing(st, label), "recent_articles": articles,
            "relay_graph": outlet_relays(st, profile["key"])}


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(request: Request, web: WebDep) -> Response:
    return web.page(request, "outlets.html", outlets=web.store.get().outlets())


@router.get("/api/outlets", tags=["corpus"], summary="Every publisher in the corpus (twin of /outlets)")
def api_outlets(web: WebDep) -> list[dict[str, Any]]:
    return web.store.get().outlets()  # type: ignore[no-any-return]


@router.get("/outlet/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(request: Request, web: WebDep, name: str) -> Response:
    p = outlet_data(web, name)
    chart = charts.columns("Share of attributions resting on unnamed sources, per month",
                           [(m["month"], m["anonymous_share"]) for m in p["by_month"]], percent=True)
    return web.page(request, "outlet.html", p=p, months=p["by_month"], chart=chart)


@router.get("/api/outlet/{name:path}", tags=["corpus"], summary="One publisher's sourcing (twin of /outlet/NAME)")
def api_outlet(web: WebDep, name: str) -> dict[str, Any]:
    return outlet_data(web, name)
