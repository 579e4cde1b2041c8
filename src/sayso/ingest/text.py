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


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_regular_reason(name: str, mode: int) -> str | None:
    """Why the file of this ``st_mode`` is not read (a folder, pipe, device or socket), or None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{name}: is a folder, not a file"
    kind = next((label for test, label in _KINDS if test(mode)), "a special file")
    # Reading a FIFO blocks until a writer comes, perhaps for ever; a device may never end.
    return (f"{name}: {kind}, not a regular file; sayso reads only regular files by name "
            f"(send other input to standard input: sayso analyze - < SOURCE)")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for reading, or InputError if it is not a regular file.

    Opened without blocking and checked on the open file, so a FIFO (or a file
    swapped for one after a check) never holds the caller up.  Raises OSError
    when the file cannot be opened at all.
    """
    name = os.fspath(path)
    reason = not_regular_reason(name, os.stat(name).st_mode)
    if reason:
        raise InputError(reason)
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        reason = not_regular_reason(name, os.fstat(fd).st_mode)
        if reason:
            raise InputError(reason)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_text_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the file at ``path`` (``-`` is standard input), checked by ``decode_text``.

    Only regular files are read by name: a folder, FIFO, device or socket is an InputError.
    """
    name = os.fspath(path)
    if name == STDIN_NAME:
        return read_limited(sys.stdin.buffer, "<stdin>", max_bytes)
    try:
        with open_regular(name) as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    f"{name}: {size:,} bytes, larger than the limit of {max_bytes:,} bytes "
                    "(raise it with --max-bytes)"
                )
            return read_limited(f, name, max_bytes)
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None


__all__ = ["DEFAULT_MAX_BYTES", "STDIN_NAME", "decode_text", "not_regular_reason", "open_regular", "read_limited",
           "read_text_file"]
