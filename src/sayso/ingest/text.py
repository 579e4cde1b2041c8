"""Plain-text input: bytes from a file or stdin, checked and decoded to ``str``.

Every refusal is an ``InputError`` whose message names the input and says why
in one line, so a command can print it and go on with the next file.
Nothing here reads more than ``max_bytes + 1`` bytes: a 50 MB file is refused
after reading its first megabyte, not parsed.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from sayso.errors import InputError

#: The largest input read by default, in bytes (1 MB, about 150,000 words).
#: A news article is rarely over 50 KB; anything this big is a concatenation,
#: a dump or the wrong file.  The CLI's ``--max-bytes`` raises it.
DEFAULT_MAX_BYTES = 1_000_000

#: The name under which standard input is reported.
STDIN_NAME = "-"

_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, name: str) -> str:
    """``data`` as text, or InputError saying why it is not an article.

    Refuses empty input, white space only, binary data (NUL bytes) and invalid
    UTF-8 (naming the byte offset); strips a leading UTF-8 byte order mark.
    Line endings are kept as they are, so offsets point into the file's text.
    """
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    data = data[skipped:]
    if not data:
        raise InputError(f"{name}: the file is empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: binary data (a NUL byte at byte offset {nul + skipped}), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 (byte offset {e.start + skipped}: {data[e.start:e.start + 1]!r}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the file holds only white space")
    return text


def read_limited(stream: BinaryIO, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read at most ``max_bytes`` from ``stream`` and decode them; InputError if there is more."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
        )
    return decode_text(data, name)


def read_text_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the file at ``path`` (``-`` is standard input), checked by ``decode_text``."""
    name = os.fspath(path)
    if name == STDIN_NAME:
        return read_limited(sys.stdin.buffer, "<stdin>", max_bytes)
    p = Path(name)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a folder, not a file")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(
                f"{name}: {st.st_size:,} bytes, larger than the limit of {max_bytes:,} bytes "
                "(raise it with --max-bytes)"
            )
        with p.open("rb") as f:
            return read_limited(f, name, max_bytes)
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None


__all__ = ["DEFAULT_MAX_BYTES", "STDIN_NAME", "decode_text", "read_limited", "read_text_file"]
