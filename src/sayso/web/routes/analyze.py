"""Analyse one article: the form, the example, and their JSON twins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from sayso.errors import InputError
from sayso.web.analysis import (
    analyse,
    article_context,
    check_pasted,
    example_report,
    example_text,
    read_upload,
    save,
)
from sayso.web.context import WebDep, prefers_json

router = APIRouter()


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
    422: {"model": ErrorResponse, "description": "The analysis took longer than the server's deadline"},
    503: {"model": ErrorResponse, "description": "No analysis worker was free in time; try again"},
}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request, web: WebDep) -> Response:
    return web.page(request, "index.html", form={})


@router.post("/analyze", response_class=HTMLResponse, include_in_schema=False)
def analyze_form(request: Request, web: WebDep, text: Annotated[str, Form()] = "",
                 file: Annotated[UploadFile | None, File()] = None,
                 publisher: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                 title: Annotated[str, Form()] = "",
                 store_it: Annotated[str, Form(alias="store")] = "") -> Response:
    form = {"text": text, "publisher": publisher, "published": published, "title": title}

    def refuse(message: str, code: int = 400) -> Response:
        if prefers_json(request):
            return JSONResponse({"error": message, "status": code}, status_code=code)
        return web.page(request, "index.html", code, form=form, error=message)

    try:
        if file is not None and file.filename:
            text, publisher, published, title = read_upload(file, publisher, published, title)
        else:
            check_pasted(text)
        if not text.strip():
            raise InputError("Paste an article's text or choose a .txt or .html file.")
    except InputError as e:
        return refuse(str(e))
    try:
        report = analyse(web, text, publisher, published, title)
    except HTTPException as e:  # 400 bad input, 422 past the deadline, 503 no worker free
        return refuse(str(e.detail), e.status_code)
    article_id = None
    if store_it:
        web.require_ingest(request)
        article_id = save(web, text, report, publisher, published, title)
    if prefers_json(request):  # `curl -F file=@a.html -H 'Accept: application/json' .../analyze`
        return JSONResponse({"article_id": article_id, "report": report.to_dict()})
    return web.page(request, "article.html", **article_context(
        web, text, report, article_id=article_id,
        meta={"title": title, "publisher": publisher, "published": published}))


@router.get("/analyze", include_in_schema=False)
def analyze_get() -> Response:
    return RedirectResponse("/", status_code=303)


@router.get("/example", response_class=HTMLResponse, include_in_schema=False)
def example(request: Request, web: WebDep) -> Response:
    return web.page(request, "article.html", example=True,
                    **article_context(web, example_text(), example_report(web)))


@router.post("/api/analyze", response_model=AnalyzeResponse, responses=ERRORS, tags=["analyze"],
             summary="Analyse one article (twin of the Analyze form)")
def api_analyze(body: AnalyzeRequest, request: Request, web: WebDep) -> dict[str, Any]:
    """Every attribution in the text, with speakers, sources, hedges, chains and the sourcing
    summary. Nothing is stored unless ``store`` is true and the server runs with --allow-ingest."""
    report = analyse(web, body.text, body.publisher, body.published, body.title)
    article_id = None
    if body.store:
        web.require_ingest(request)
        article_id = save(web, body.text, report, body.publisher, body.published, body.title)
    return {"article_id": article_id, "report": report.to_dict()}


@router.get("/api/example", response_model=AnalyzeResponse, tags=["analyze"],
            summary="The canonical example article, analysed (twin of /example)")
def api_example(web: WebDep) -> dict[str, Any]:
    return {"article_id": None, "report": example_report(web).to_dict()}
