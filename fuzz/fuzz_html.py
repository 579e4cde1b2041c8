"""Fuzz the HTML reader: an article or an InputError, never a crash.

    .venv/bin/python fuzz/fuzz_html.py -max_total_time=60
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import instrumented, run

with instrumented():  # type: ignore[attr-defined]
    from sayso.errors import InputError
    from sayso.ingest.html import extract_html

MAX_BYTES = 20_000


def one_input(data: bytes) -> None:
    html = data[:MAX_BYTES].decode("utf-8", errors="replace")
    try:
        art = extract_html(html, "page.html")
    except InputError as e:
        assert str(e).startswith("page.html: ") and "\n" not in str(e), str(e)
        return
    assert isinstance(art.text, str) and art.text.strip() and "\x00" not in art.text


if __name__ == "__main__":
    run(one_input, "html")
