"""The zones of an article's text: its headline, its dek (standfirst), and the body.

A first line is a headline when it is short (at most 160 characters), does not end with a
period or a colon, and is either title-cased ("Trump Denies Report He Ordered Mueller Fired") or set off
from the body by a blank line, directly or after one more line, the dek ("Saudi FM calls for
Iran arms embargo ..." / "While meeting Russian FM, Prince Faisal says ..." / blank line).  A
kicker ("Ukraine:") and a dateline stay in the line they open.  A text whose first line is a
sentence (it ends with a period, or runs on) has no headline: all of it is body.

Attributions in the headline and dek get rules of their own (sayso.attribution.extract's
``headline_attributions``), and the headline's names never steer how the body's pronouns
resolve (sayso.attribution.speakers counts only body mentions for a body pronoun).
"""

from __future__ import annotations

from dataclasses import dataclass

HEADLINE = "headline"
DEK = "dek"
BODY = "body"
MAX_HEADLINE_CHARS = 160
MAX_DEK_CHARS = 320
#: Share of a line's words that start with a capital for it to be title-cased.
_TITLE_CASE_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Zone:
    name: str
    start: int  # character offsets, end exclusive
    end: int


def _lines(text: str, count: int) -> list[tuple[int, int]]:
    out, start = [], 0
    while len(out) < count and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        out.append((start, end))
        start = end + 1
    return out


def _title_cased(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def ends_a_sentence(line: str) -> bool:
    """A sentence ends with a period, also inside its closing quotation marks ('... of our land."');
    a headline does not."""
    return line.rstrip("\"'\u201d\u2019)").endswith(".")


def text_zones(text: str) -> list[Zone]:
    """The headline and dek zones of the text, in order (none when the first line is body)."""
    lines = _lines(text, 3)
    if len(lines) < 2:
        return []
    (h0, h1), (d0, d1) = lines[0], lines[1]
    headline, second = text[h0:h1].strip(), text[d0:d1].strip()
    third = text[lines[2][0]:lines[2][1]].strip() if len(lines) > 2 else ""
    if not headline or len(headline) > MAX_HEADLINE_CHARS or ends_a_sentence(headline) or headline.endswith(":"):
        return []  # a first line ending with a colon introduces the paragraph after it ("He said:")
    has_dek = bool(second) and not third and len(second) <= MAX_DEK_CHARS and len(lines) > 2
    if not (not second or has_dek or _title_cased(headline)):
        return []
    zones = [Zone(HEADLINE, h0, h1)]
    if has_dek:
        zones.append(Zone(DEK, d0, d1))
    return zones


def zone_at(zones: list[Zone], offset: int) -> str:
    """The zone a character offset is in."""
    return next((z.name for z in zones if z.start <= offset < z.end), BODY)


def body_start(zones: list[Zone]) -> int:
    """The character offset where the body begins (0 without a headline)."""
    return zones[-1].end if zones else 0
