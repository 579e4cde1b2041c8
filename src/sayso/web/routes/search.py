"""Search the corpus's attributions (/corpus and its JSON twin /api/quotes)."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from sayso.errors import InputError
from sayso.web.context import PAGE_SIZE, Web, WebDep

router = APIRouter()

SearchQ = Query(None, description="Words that must all occur in the content or source")
SpeakerQ = Query(None, description="Entity id, name or surname")
PublisherQ = Query(None, description="Publisher name")
AnonQ = Query(None, pattern="^(only|exclude|)$",
              description="'only': attributions resting on unnamed sources; 'exclude': the rest")
SinceQ = Query(None, description="ISO date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
UntilQ = Query(None, description="ISO date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive")
ViaQ = Query(None, description="The first outlet the statement's route passes through, e.g. Axios")
BasisQ = Query(None, pattern="^(relayed|public|to_publisher|unknown|)$",
               description="How the publisher knows the statement: relayed, public, to_publisher, unknown")
SettingQ = Query(None, description="The event it was made in: words of its kind ('phone call'), or 'any'")
PageQ = Query(1, ge=1, le=100_000, alias="page", description="Page number, from 1")


def search(web: Web, q: str | None, speaker: str | None, publisher: str | None, anonymous: str | None,
           since: str | None, until: str | None, page_no: int, via: str | None = None,
           basis: str | None = None, setting: str | None = None) -> dict[str, Any]:
    from sayso.store.queries import check_date

    try:
        since = check_date(since, "since") if since else None
        until = check_date(until, "until") if until else None
    except InputError as e:
        raise HTTPException(422, detail=str(e)) from None
    anon = {"only": True, "exclude": False}.get(anonymous or "")
    offset = (page_no - 1) * PAGE_SIZE
    rows, total = web.store.get().search_quotes(
        speaker=speaker or None, publisher=publisher or None, anonymous=anon, since=since,
        until=until, contains=q or None, via=via or None, basis=basis or None, setting=setting or None,
        limit=PAGE_SIZE, offset=offset)
    return {"total": total, "page": page_no, "pages": max(1, math.ceil(total / PAGE_SIZE)),
            "limit": PAGE_SIZE, "offset": offset, "results": rows}


@router.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
def corpus_page(request: Request, web: WebDep, q: str | None = SearchQ, speaker: str | None = SpeakerQ,
                publisher: str | None = PublisherQ, anonymous: str | None = AnonQ,
                since: str | None = SinceQ, until: str | None = UntilQ, via: str | None = ViaQ,
                basis: str | None = BasisQ, setting: str | None = SettingQ, page_no: int = PageQ) -> Response:
    from sayso.store.queries import article_labels

    params = {"q": q, "speaker": speaker, "publisher": publisher, "anonymous": anonymous,
              "since": since, "until": until, "via": via, "basis": basis, "setting": setting}
    result = search(web, q, speaker, publisher, anonymous, since, until, page_no, via, basis, setting)
    clean = {k: v for k, v in params.items() if v}
    labels = article_labels(web.store.get(), (r["article_id"] for r in result["results"]))
    return web.page(request, "corpus.html", params=params, result=result, searched=any(params.values()),
                    query=urlencode(clean), counts=web.store.get().counts(), labels=labels)


@router.get("/api/quotes", tags=["corpus"], summary="Search attributions (twin of /corpus)")
def api_quotes(web: WebDep, q: str | None = SearchQ, speaker: str | None = SpeakerQ,
               publisher: str | None = PublisherQ, anonymous: str | None = AnonQ,
               since: str | None = SinceQ, until: str | None = UntilQ, via: str | None = ViaQ,
               basis: str | None = BasisQ, setting: str | None = SettingQ,
               page_no: int = PageQ) -> dict[str, Any]:
    return search(web, q, speaker, publisher, anonymous, since, until, page_no, via, basis, setting)
