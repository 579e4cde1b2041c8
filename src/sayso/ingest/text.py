"""Plain-text input: bytes from a file or stdin, checked and decoded to ``str``.

Every refusal is an ``InputError`` whose message names the input and says why
in one line, so a command can print it and go on with the next file.
Nothing here reads more than ``max_bytes + 1`` bytes: a 50 MB file is refused
after reading its first megabyte, not parsed.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sayso.errors import InputError

#: The largest input read by default, in bytes (1 MB, about 150,000 words).
#: A news article is rarely over 50 KB; anything this big is a concatenation,
#: a dump or the wrong file.  The CLI's ``--max-bytes`` raises it.
DEFAULT_MAX_BYTES = 1_000_000

#: The name under which standard input is reported.
STDIN_NAME = "-"
#: How standard input is named in messages.
_STDIN_LABEL = "<stdin>"

_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, name: str) -> str:
    """``data`` as text, or InputError saying why it is not an article.

    Refuses empty input, white space only, binary data (NUL bytes) and invalid
    UTF-8 (naming the byte offset); strips a leading UTF-8 byte order mark.
    Line endings are kept as they are, so offsets point into the file's text.
    """
    skipped = len(_BOM) if data.startswith(_BOM) else 0
    data = data[skipped:]
    # "<stdin>: the file is empty" read as if some file had been named.
    what = "the input" if name == _STDIN_LABEL else "the file"
    if not data:
        raise InputError(f"{name}: {what} is empty" + (" (nothing was piped in)" if name == _STDIN_LABEL else ""))
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
        raise InputError(f"{name}: {what} holds only white space")
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
        return read_limited(sys.stdin.buffer, _STDIN_LABEL, max_bytes)
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


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What a plain-text article says about itself in its header lines (all optional)."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None


#: Header lines are looked for only this far into the text: a "By ..." further down is prose.
HEADER_LINES = 6
#: A headline is a short line; a longer first line is the first paragraph.
MAX_TITLE_CHARS = 200
#: A first line this short, standing alone, is a headline even in sentence case (PolNeAR's
#: headlines are at most 100 characters; a lead paragraph is longer).
SHORT_TITLE_CHARS = 100
SHORT_TITLE_WORDS = 16

_LABELLED = re.compile(r"(?i)^(title|headline|publisher|source|published|date|updated|author|by)\s*[:\-\u2013\u2014]?\s+(.+)$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), 1)}
_ISO_IN = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"(?i)\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"(?i)\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b")


#: What a publication date may look like: a year, a month, a day, or a date and time.
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?")


def is_iso_date(value: object) -> bool:
    """Whether ``value`` is an ISO 8601 date: ``2016``, ``2016-10``, ``2016-10-05``, or with a time."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        if len(value) >= 10:
            _dt.date.fromisoformat(value[:10])
        elif len(value) == 7:
            _dt.date(int(value[:4]), int(value[5:7]), 1)
    except ValueError:
        return False
    return True


def date_problem(value: str) -> str | None:
    """None when ``value`` is a publication date sayso reads (``is_iso_date``), else what to give instead:
    "13/02/2025" kept as it was would turn "Wednesday" into no day and match no date filter."""
    if is_iso_date(value.strip()):
        return None
    found = find_date(value)
    return f"{value!r} is not a date sayso reads: give it as YYYY-MM-DD, e.g. {found or '2016-10-05'}"


def find_date(value: str) -> str | None:
    """The first date in ``value`` as YYYY-MM-DD: ISO, "October 5, 2016", "Oct. 5 2016" or "5 October 2016"."""
    candidates = []
    if m := _ISO_IN.search(value):
        candidates.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    if (m := _MONTH_DAY_YEAR.search(value)) and m[1].lower() in _MONTHS:
        candidates.append((m.start(), int(m[3]), _MONTHS[m[1].lower()], int(m[2])))
    if (m := _DAY_MONTH_YEAR.search(value)) and m[2].lower() in _MONTHS:
        candidates.append((m.start(), int(m[3]), _MONTHS[m[2].lower()], int(m[1])))
    for _, y, mo, d in sorted(candidates):
        try:
            return _dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def _outlet(name: str) -> str | None:
    """The canonical name of a known news outlet, or None."""
    from sayso.lexicon import outlets

    f = " ".join(name.strip(" .,;:|").split()).lower()
    return outlets().get(f) or outlets().get(f.removeprefix("the "))


def _byline(value: str) -> tuple[str | None, str | None]:
    """(publisher, author) from the words after "By": "Jane Doe, Tampa Bay Times", "the Tampa Bay Times"."""
    publisher, people = None, []
    for part in re.split(r"\s*(?:,|\||\bfor\b|\bof\b|\u2014|\u2013| - )\s*", value):
        if not part.strip():
            continue
        outlet = _outlet(part)
        if outlet and publisher is None:
            publisher = outlet
        elif not outlet:
            people.append(part.strip())
    return publisher, (", ".join(people) or None)


def _headline(line: str) -> bool:
    """A line shaped like a headline: in title case ("Pence Gives GOP A Boost With Solid Debate
    Win Over Kaine."), or short ("Flight attendants' union endorses Clinton.")."""
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", line)
    long_words = [w for w in words if len(w) > 3]
    if not long_words or len(line) > MAX_TITLE_CHARS:
        return False
    if len(line) <= SHORT_TITLE_CHARS and len(words) <= SHORT_TITLE_WORDS:
        return True
    return sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def text_metadata(text: str, name: str | None = None) -> TextMetadata:
    """Title, publisher, date and author from a text's header lines, and from its file name.

    Header lines are the first few lines: "Title: ...", "By Jane Doe, The
    Tampa Bay Times", "Published October 5, 2016", "Source: Reuters".  A first
    line in title case followed by a blank line is the title.  A file named
    like ``wash-post_2016-10-05_slug.txt`` (PolNeAR's names) gives a date, and
    a publisher when its first part is a known outlet.  Nothing in the body
    counts: "reported by the Tampa Bay Times" there is a source, not a byline.
    """
    found: dict[str, str] = {}
    lines = text.splitlines()
    head = [ln.strip() for ln in lines[:HEADER_LINES * 3] if ln.strip()][:HEADER_LINES]
    for i, line in enumerate(head):
        m = _LABELLED.match(line)
        if m is None:
            continue
        label, value = m[1].lower(), m[2].strip()
        if label in ("title", "headline"):
            found.setdefault("title", value)
        elif label in ("publisher", "source"):
            found.setdefault("publisher", _outlet(value) or value)
        elif label in ("published", "date", "updated"):
            if date := find_date(value):
                found.setdefault("published", date)
        elif label == "by" and len(value) <= 120 and i <= 3:
            pub, author = _byline(value)
            if pub:
                found.setdefault("publisher", pub)
            if author:
                found.setdefault("author", author)
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if "title" not in found and first is not None:
        line = lines[first].strip()
        blank_after = first + 1 >= len(lines) or not lines[first + 1].strip()
        more_after = any(ln.strip() for ln in lines[first + 1:])
        if blank_after and more_after and _headline(line) and not _LABELLED.match(line):
            found["title"] = line
    if name:
        stem = Path(name).stem
        if "published" not in found and (date := find_date(stem)):
            found["published"] = date
        if "publisher" not in found and "_" in stem and (outlet := _outlet(stem.split("_")[0])):
            found["publisher"] = outlet
    return TextMetadata(**found)


__all__ = ["DEFAULT_MAX_BYTES", "STDIN_NAME", "TextMetadata", "date_problem", "decode_text", "find_date", "is_iso_date",
           "not_regular_reason", "open_regular", "read_limited", "read_text_file", "text_metadata"]
