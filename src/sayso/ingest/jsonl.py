"""JSON Lines input: one article per line.

Each line is an object with ``text`` (or ``html``) and optionally ``id``,
``url``, ``publisher``, ``published``, ``title``, ``author``.  A line that
is not valid JSON, not an object, or has neither text nor HTML becomes an
item with an error naming the file and line; the other lines go on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from sayso.errors import InputError
from sayso.ingest.files import InputItem
from sayso.ingest.html import extract_html
from sayso.ingest.text import DEFAULT_MAX_BYTES, open_regular


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def parse_line(line: str, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    """One JSON Lines record as an item (never raises)."""
    h = hashlib.sha256(line.encode("utf-8")).hexdigest()
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        # Some of json's messages end in "at" ("Invalid control character at"): say it once.
        return InputItem(source=source, input_hash=h,
                         error=f"{source}: not valid JSON ({e.msg.removesuffix(' at')} at column {e.colno})")
    if not isinstance(obj, dict):
        return InputItem(source=source, error=f"{source}: expected a JSON object, got {type(obj).__name__}",
                         input_hash=h)
    meta = {k: _str(obj.get(k)) for k in ("url", "publisher", "published", "title", "author")}
    meta["published"] = meta["published"] or _str(obj.get("date"))
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as e:
            return InputItem(source=source, error=f"{source}: \"text\" holds an unpaired surrogate "
                             f"(\\u{ord(e.object[e.start]):04x}), which is not Unicode text", input_hash=h)
        if size > max_bytes:
            return InputItem(source=source, error=f"{source}: text larger than {max_bytes:,} bytes",
                             input_hash=h)
        return InputItem(source=source, text=text, source_id=_str(obj.get("id")), input_hash=h, **meta)
    if isinstance(html, str) and html.strip():
        try:
            art = extract_html(html, source, url=meta["url"])
        except InputError as e:
            return InputItem(source=source, error=str(e), input_hash=h)
        return InputItem(source=source, text=art.text, source_id=_str(obj.get("id")), input_hash=h,
                         url=meta["url"] or art.url, publisher=meta["publisher"] or art.publisher,
                         published=meta["published"] or art.published, title=meta["title"] or art.title,
                         author=meta["author"] or art.author)
    return InputItem(source=source, error=f"{source}: no \"text\" or \"html\" field with content",
                     input_hash=h)


def iter_jsonl(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """The items of a JSON Lines file; blank lines are skipped."""
    p = Path(path)
    try:
        f = open_regular(p)
    except InputError as e:
        yield InputItem(source=str(p), error=str(e))
        return
    except OSError as e:
        yield InputItem(source=str(p), error=f"{p}: {e.strerror or e}")
        return
    with f:
        for n, raw in enumerate(f, 1):
            source = f"{p}:{n}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield InputItem(source=source, error=f"{source}: not valid UTF-8 (byte {e.start})",
                                input_hash=hashlib.sha256(raw).hexdigest())
                continue
            if line.strip():
                yield parse_line(line, source, max_bytes)
