"""The API reference (/docs), drawn from the app's own OpenAPI description."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from sayso.web import view
from sayso.web.context import WebDep

router = APIRouter()


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request, web: WebDep) -> Response:
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                        "description": view.rst_to_html(op.get("description", "")),
                        "params": op.get("parameters", []), "body": "requestBody" in op})
    return web.page(request, "docs.html", ops=ops, spec=spec)
