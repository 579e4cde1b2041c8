"""The caller's title, read as the article's headline (issue 27: ``--title`` and a first line that is a
headline are treated the same way).

A title given apart from the text ("sayso analyze --title", an HTML page's title, a JSONL "title") is
analysed as the first line of ``title + "\\n\\n" + text``, so its attributions get the headline's own
rules (sayso.attribution.zones) and, as with any headline, it never changes how the body resolves.
The report then speaks of the caller's text again: every offset of the body is moved back by the
title's length, and what lies in the title is said to lie there -- an attribution in the title has
``in_title`` true and its offsets index the title string; mentions, non-responses and event
triggers in the title are left out (the title's attributions still name their entities).

The title is left alone (not analysed, as before) when the text already opens with it or with a
headline of its own (a text file whose first line is its headline; a page whose title adds the
site's name to the headline the text opens with), and when it would not read as a headline (it ends
with a period, or is over 160 characters): then it is the caller's label for the text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sayso.attribution.zones import HEADLINE, text_zones
from sayso.records import ArticleReport, Attribution, Mention, Record, TextSpan

#: What stands between the title and the text in the analysed text: a blank line, so the title is a
#: headline set off from the body.
TITLE_BREAK = "\n\n"


def _words(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.casefold()))


def title_prefix(title: str | None, text: str) -> str:
    """What to put before the text so that the title is read as its headline ("" when nothing is)."""
    if not title or not title.strip() or "\n" in title.strip():
        return ""
    title = title.strip()
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    if _words(title) and _words(first_line).endswith(_words(title)) or text_zones(text):
        return ""  # the text opens with its title ("Title: ..." too) or a headline of its own
    prefix = title + TITLE_BREAK
    zones = text_zones(prefix + text)
    if not zones or zones[0].name != HEADLINE or zones[0].end != len(title):
        return ""
    return prefix


def _shifted(value: Any, by: int) -> Any:
    """The record with every offset in it moved by ``by``."""
    if isinstance(value, Mention):
        return dataclasses.replace(value, start=value.start + by, end=value.end + by)
    if isinstance(value, Record):
        changes = {}
        for f in dataclasses.fields(value):  # type: ignore[arg-type]
            v = getattr(value, f.name)
            if f.name == "spans":
                changes[f.name] = tuple((s + by, e + by) for s, e in v)
            elif isinstance(v, Record | tuple):
                changes[f.name] = _shifted(v, by)
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
    if isinstance(value, tuple):
        return tuple(_shifted(v, by) for v in value)
    return value


def _in_body(span: TextSpan, prefix: int) -> bool:
    return all(s >= prefix for s, _ in span.spans)


def without_title(report: ArticleReport, prefix: str, text: str) -> ArticleReport:
    """The report of ``prefix + text`` as a report of ``text`` whose title was analysed as its headline."""
    n = len(prefix)
    back = -n

    def as_text(a: Attribution) -> Attribution | None:
        a = _shifted(a, back) if a.cue.start >= n else dataclasses.replace(a, in_title=True)
        # An attribution in the title keeps the title's offsets whole; one in the body reaching into
        # the title cannot be told in either text's offsets (the zones keep them apart: none expected).
        if a.in_title or all(s >= 0 for part in (a.cue, a.content, a.source) if part is not None
                             for s, _ in part.spans):
            return a
        return None

    attributions = tuple(a for a in map(as_text, report.attributions) if a is not None)
    polnear_only = tuple(dataclasses.replace(m, attribution=a) for m in report.polnear_only
                         if (a := as_text(m.attribution)) is not None)
    entities = tuple(
        _shifted(dataclasses.replace(e, mentions=tuple(m for m in e.mentions if m.start >= n)), back)
        for e in report.entities
    )
    non_responses = tuple(_shifted(r, back) for r in report.non_responses if all(s >= n for s, _ in r.spans))
    events = tuple(
        _shifted(dataclasses.replace(e, triggers=tuple(x for x in e.triggers if _in_body(x, n))), back)
        for e in report.events
    )
    return dataclasses.replace(report, attributions=attributions, polnear_only=polnear_only, entities=entities,
                               non_responses=non_responses, events=events, text_length=len(text))


__all__ = ["TITLE_BREAK", "title_prefix", "without_title"]
