"""Fuzz the JSON Lines reader: every line becomes an item with text or an error, never a crash.

    .venv/bin/python fuzz/fuzz_jsonl.py -max_total_time=60

``parse_line`` promises never to raise; ``iter_jsonl`` reads a whole file.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import instrumented, run

with instrumented():  # type: ignore[attr-defined]
    from sayso.ingest.jsonl import iter_jsonl, parse_line

_DIR = Path(tempfile.mkdtemp(prefix="sayso-fuzz-jsonl-"))
_TMP = _DIR / "in.jsonl"
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)


def _check(item: object) -> None:
    text, error = item.text, item.error  # type: ignore[attr-defined]
    assert (text is None) != (error is None), f"item has both or neither text and error: {item!r}"
    if error is not None:
        assert "\n" not in error, error
    else:
        assert isinstance(text, str) and text.strip()


def one_input(data: bytes) -> None:
    line = data.decode("utf-8", errors="replace")
    _check(parse_line(line, "in.jsonl:1", max_bytes=10_000))
    _TMP.write_bytes(data)
    for item in iter_jsonl(_TMP, max_bytes=10_000):
        _check(item)


if __name__ == "__main__":
    run(one_input, "jsonl")
