"""ASGI middleware: security headers on every answer, and a hard cap on request bodies.

Both sit outside FastAPI so that they also cover error answers and static files.
``BodyLimit`` also answers 408 to a client that stops sending its body, and
reads (and drops) the rest of a body it refuses, so that a client still
sending gets its 413 instead of a connection reset (issue 31).
``SecurityHeaders`` answers 400 to an address holding a NUL, static files
included.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: No inline script and no third-party origin may run; styles only from our
#: stylesheet; the page cannot be framed (clickjacking) and forms only post to us.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

#: Seconds the server waits for the next piece of a request body before it answers 408.
READ_TIMEOUT = 30.0
#: After refusing a body as too large, at most this many more bytes of it are read and
#: dropped, for at most DRAIN_SECONDS.  A client that sends its whole body before it reads
#: the answer (Python's http.client, for one) otherwise meets a closed socket and reports
#: "connection reset" instead of the 413; a larger body still gets the reset.
DRAIN_BYTES = 64_000_000
DRAIN_SECONDS = 15.0

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

        if "\x00" in scope.get("path", ""):
            # Routes refuse this themselves (app._refuse_nul); static files would say 404.
            await send_error(scope, send_with_headers, 400, "The address holds a NUL character (%00), "
                             "which no name or search can contain.")
            return
        await self.app(scope, receive, send_with_headers)


def too_large_message(limit: int) -> str:
    return (f"The upload is too large: sayso accepts at most {limit:,} bytes per request "
            f"({limit / 1_000_000:.1f} MB). Split the article, or restart the server with a "
            "larger --max-upload-bytes.")


#: The headings of the error pages the middleware answers with itself.
_TITLES = {400: "bad address", 408: "request too slow", 413: "upload too large"}


async def send_error(scope: Scope, send: Send, status: int, message: str) -> None:
    """A one-line error as JSON (API or Accept: application/json) or a small HTML page; closes the connection."""
    wants_json = scope.get("path", "").startswith("/api/") or any(
        k == b"accept" and b"application/json" in v for k, v in scope.get("headers", []))
    if wants_json:
        body = json.dumps({"error": message, "status": status}).encode()
        ctype = b"application/json"
    else:
        title = _TITLES.get(status, "error")
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title.capitalize()} - sayso</title><link rel="stylesheet" href="/static/sayso.css">'
            f'</head><body><main class="error"><h1>{status}: {title}</h1>'
            f'<p>{escape(message)}</p><p><a href="/">Back to Analyze</a></p></main></body></html>'
        ).encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def send_too_large(scope: Scope, send: Send, limit: int) -> None:
    await send_error(scope, send, 413, too_large_message(limit))


async def drain(receive: Receive) -> None:
    """Read and drop the rest of a request body, within DRAIN_BYTES and DRAIN_SECONDS."""
    loop = asyncio.get_running_loop()
    end = loop.time() + DRAIN_SECONDS
    dropped = 0
    while dropped <= DRAIN_BYTES:
        try:
            message = await asyncio.wait_for(receive(), max(0.0, end - loop.time()))
        except TimeoutError:
            return
        if message["type"] != "http.request":
            return
        dropped += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _too_slow_message(seconds: float) -> str:
    return (f"The request body stopped arriving: nothing came for {seconds:.0f} s, so the server "
            "gave up on it. Send it again.")


class BodyLimit:
    """Answer 413 when a request body is over ``limit`` bytes, declared or streamed, and 408 when
    no piece of it arrives for ``read_timeout`` seconds."""

    def __init__(self, app: ASGIApp, limit: int, read_timeout: float | None = None) -> None:
        self.app = app
        self.limit = limit
        self.read_timeout = READ_TIMEOUT if read_timeout is None else read_timeout

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
                    # A client that asked "Expect: 100-continue" has sent nothing yet and never will.
                    if header(scope, b"expect") is None:
                        await drain(receive)
                    await send_too_large(scope, send, self.limit)
                    return
        seen = 0
        body_done = False
        started = False

        async def counting_receive() -> Message:
            nonlocal seen, body_done
            if body_done:  # later calls only wait for the client to go away: no timeout
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout)
            except TimeoutError:
                # Like the 413 below, this reaches the app's own error handler.
                raise HTTPException(408, detail=_too_slow_message(self.read_timeout)) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if seen > self.limit:
                    if not body_done:
                        await drain(receive)
                    # An HTTPException passes through FastAPI's body parsing
                    # untouched and reaches the app's own 413 handler.
                    raise HTTPException(413, detail=too_large_message(self.limit))
            else:
                body_done = True
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except HTTPException as exc:
            if exc.status_code not in (408, 413) or started:
                raise
            await send_error(scope, send, exc.status_code, str(exc.detail))


def header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k == name:
            return str(v.decode("latin-1"))
    return None


__all__: list[Any] = ["CSP", "READ_TIMEOUT", "BodyLimit", "SecurityHeaders", "too_large_message"]
