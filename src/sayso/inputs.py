"""What one input to sayso is, and whether it can be analysed: no spaCy here.

Commands that only check or read inputs (and the library's callers) import this
without loading the pipeline, which imports spaCy and torch (about 2 s).
"""

from __future__ import annotations

from dataclasses import dataclass

from sayso.errors import InputError

#: The longest text analysed as one article, in characters (spaCy's own
#: default limit).  A news article is rarely over 50,000; anything far bigger
#: is a concatenation or a mistake, and parsing it would take gigabytes.
DEFAULT_MAX_CHARS = 1_000_000
#: "accurate": linear models over the parse mixed with a fine-tuned encoder
#: (the [accurate] extra; attribution F1 0.807 on PolNeAR dev); "fast": the
#: linear models alone (0.709, about 2.3 times the speed).  docs/accuracy.md.
DEFAULT_MODE = "accurate"


@dataclass(frozen=True, slots=True)
class Article:
    """One input to ``analyze_many``: the text and what is known about it."""

    text: str
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


def validate_text(text: object, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if sayso can analyse it, else raise InputError saying why."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("the text is empty" if not text else "the text is only white space")
    if "\x00" in text:
        raise InputError("the text contains NUL bytes: it looks like a binary file, not an article")
    if len(text) > max_chars:
        raise InputError(
            f"the text has {len(text):,} characters; sayso analyses at most {max_chars:,} per article "
            "(split it, or raise the limit with --max-bytes / max_chars)"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"the text holds an unpaired surrogate (\\u{ord(e.object[e.start]):04x}) at character {e.start}: "
            "it is not valid Unicode (often a broken JSON escape)"
        ) from None
    return text
