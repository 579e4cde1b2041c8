"""One entity: what it said, where, when, and what others said about it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from sayso.web import charts
from sayso.web.context import Web, WebDep

router = APIRouter()


def entity_data(web: Web, name: str) -> dict[str, Any]:
    profile = web.store.get().entity_profile(name)
    if profile is None:
        raise HTTPException(404, detail=f"The corpus knows no one called {name!r}. Only articles saved "
                                        "to the corpus count (sayso ingest, or --allow-ingest and the "
                                        "Save box).")
    return profile  # type: ignore[no-any-return]


@router.get("/entity/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, web: WebDep, name: str) -> Response:
    p = entity_data(web, name)
    st = p["statements"]
    outlet_chart = charts.stacked_bars(
        "Statements by outlet: on the record and via unnamed sources", ("on the record", "via unnamed sources"),
        [(o["publisher"], (o["count"] - o["via_unnamed"], o["via_unnamed"])) for o in st["by_outlet"][:12]])
    time_chart = charts.columns("Statements per month", [(m["month"], m["count"]) for m in st["by_month"]])
    from sayso.store.queries import article_labels

    ids = {r["article_id"] for r in st["recent"]} | {r["article_id"] for r in p["about"]["recent"]}
    return web.page(request, "entity.html", p=p, name=name, outlet_chart=outlet_chart, time_chart=time_chart,
                    labels=article_labels(web.store.get(), ids))


@router.get("/api/entity/{name:path}", tags=["corpus"], summary="Statements by and about an entity")
def api_entity(web: WebDep, name: str) -> dict[str, Any]:
    return entity_data(web, name)
