"""Dates in news prose, resolved against the article's publication date.

"Wednesday" in an article of Thursday 2025-02-13 is 2025-02-12: a weekday
named without a date is the latest such day on or before publication (news
reports what happened, and "on Wednesday" in a Wednesday paper is that day).
A span of days is written ``start/end`` (ISO 8601 intervals).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
            r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_RE = re.compile(
    rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:yesterday|today|tonight|overnight|last\s+(?:week|month|night|year)|earlier\s+this\s+week|this\s+week"
    r"|the\s+same\s+day))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text and what it resolves to (None when unknown)."""

    text: str
    start: int
    end: int
    value: str | None


def published_date(published: str | None) -> dt.date | None:
    """The publication day of an ISO date or timestamp ("2025-02-13", "2025-02-13T14:03:00Z")."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _span(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def resolve(expression: str, published: dt.date | None, reference: str | None = None) -> str | None:
    """The ISO date (or ``start/end``) an expression names, given the publication day.

    ``reference`` is the date the discourse is at ("overnight" and "the same
    day" count from it when known, else from the publication day).
    """
    e = re.sub(r"\s+", " ", expression.strip().lower()).rstrip(".")
    base = published
    ref = published_date(reference.split("/")[-1]) if reference else None
    if e == "the same day":
        return reference
    m = re.match(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$", e)
    if m and m.group(1) in _MONTHS:
        year = int(m.group(3)) if m.group(3) else (base.year if base else None)
        if year is None:
            return None
        try:
            day = dt.date(year, _MONTHS[m.group(1)], int(m.group(2)))
        except ValueError:
            return None
        if not m.group(3) and base and day > base + dt.timedelta(days=31):
            day = day.replace(year=year - 1)  # "Dec. 30" in a January paper
        return day.isoformat()
    if base is None:
        return None
    word = e.split()[0]
    if word in _WEEKDAYS:
        back = (base.weekday() - _WEEKDAYS.index(word)) % 7
        return (base - dt.timedelta(days=back)).isoformat()
    if e in ("today", "tonight"):
        return base.isoformat()
    if e == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat()
    if e == "overnight":
        day = ref or base
        return _span(day - dt.timedelta(days=1), day)
    if e == "last night":
        return (base - dt.timedelta(days=1)).isoformat()
    if e in ("this week", "earlier this week"):
        return _span(base - dt.timedelta(days=base.weekday()), base)
    if e == "last week":
        monday = base - dt.timedelta(days=base.weekday() + 7)
        return _span(monday, monday + dt.timedelta(days=6))
    if e == "last month":
        first = base.replace(day=1)
        prev_last = first - dt.timedelta(days=1)
        return _span(prev_last.replace(day=1), prev_last)
    if e == "last year":
        return _span(dt.date(base.year - 1, 1, 1), dt.date(base.year - 1, 12, 31))
    return None


def find_dates(text: str, start: int, end: int, published: dt.date | None,
               reference: str | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved."""
    out = []
    for m in DATE_RE.finditer(text, start, end):
        out.append(DateMention(m.group(0), m.start(), m.end(), resolve(m.group(0), published, reference)))
    return out
