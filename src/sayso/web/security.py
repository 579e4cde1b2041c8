"""ASGI middleware: security headers on every answer, and a hard cap on request bodies.

Both sit outside FastAPI so that they also cover error answers and static files.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: No inline script and no third-party origin may run; styles only from our
#: stylesheet; the page cannot be framed (clickjacking) and forms only post to us.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make form posts send "Origin: null"
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def too_large_message(limit: int) -> str:
    return (f"The upload is too large: sayso accepts at most {limit:,} bytes per request "
            f"({limit / 1_000_000:.1f} MB). Split the article, or restart the server with a "
            "larger --max-upload-bytes.")


async def send_too_large(scope: Scope, send: Send, limit: int) -> None:
    message = too_large_message(limit)
    wants_json = scope.get("path", "").startswith("/api/") or any(
        k == b"accept" and b"application/json" in v for k, v in scope.get("headers", []))
    if wants_json:
        body = json.dumps({"error": message, "status": 413}).encode()
        ctype = b"application/json"
    else:
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>Upload too large - sayso</title><link rel="stylesheet" href="/static/sayso.css">'
            '</head><body><main class="error"><h1>413: upload too large</h1>'
            f'<p>{escape(message)}</p><p><a href="/">Back to Analyze</a></p></main></body></html>'
        ).encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Answer 413 when a request body is over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await send_too_large(scope, send, self.limit)
                    return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # An HTTPException passes through FastAPI's body parsing
                    # untouched and reaches the app's own 413 handler.
                    raise HTTPException(413, detail=too_large_message(self.limit))
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await send_too_large(scope, send, self.limit)


def header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k == name:
            return str(v.decode("latin-1"))
    return None


__all__: list[Any] = ["CSP", "BodyLimit", "SecurityHeaders", "too_large_message"]
