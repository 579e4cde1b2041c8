"""Fuzz ``sayso.ingest.text.decode_text`` and ``read_limited``: text or InputError, never a crash.

    .venv/bin/python fuzz/fuzz_decode_text.py -max_total_time=60
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import instrumented, run

with instrumented():  # type: ignore[attr-defined]
    from sayso.errors import InputError
    from sayso.ingest.text import decode_text, read_limited

BOM = b"\xef\xbb\xbf"


def one_input(data: bytes) -> None:
    try:
        text = decode_text(data, "in.txt")
    except InputError as e:
        msg = str(e)
        assert msg.startswith("in.txt: ") and "\n" not in msg, msg
        body = data.removeprefix(BOM)
        # Refused exactly for: empty, NUL, not UTF-8, white space only.
        try:
            ok = bool(body) and b"\x00" not in body and bool(body.decode("utf-8").strip())
        except UnicodeDecodeError:
            ok = False
        assert not ok, f"refused acceptable input: {msg}"
    else:
        body = data.removeprefix(BOM)
        assert text == body.decode("utf-8"), "decoded text differs from the bytes"
        assert text.strip() and "\x00" not in text
    limit = len(data) // 2
    try:
        read_limited(io.BytesIO(data), "<stdin>", max_bytes=limit)
    except InputError as e:
        assert "\n" not in str(e)
    else:
        assert len(data) <= limit


if __name__ == "__main__":
    run(one_input, "decode_text")
