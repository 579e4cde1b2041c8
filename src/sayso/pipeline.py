"""``analyze`` and ``analyze_many``: text in, ArticleReport out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from sayso.attribution.build import DEFAULT_TIME_BUDGET, ArticleMeta, build_report
from sayso.attribution.title import title_prefix, without_title
from sayso.attribution.zones import body_start, text_zones
from sayso.errors import InputError
from sayso.kinds import Mode
from sayso.nlp.guard import tokenize
from sayso.nlp.model import load_nlp
from sayso.records import ArticleReport

#: The longest text analysed as one article, in characters (spaCy's own
#: default limit).  A news article is rarely over 50,000; anything far bigger
#: is a concatenation or a mistake, and parsing it would take gigabytes.
DEFAULT_MAX_CHARS = 1_000_000
#: "accurate": linear models over the parse mixed with a fine-tuned encoder
#: (the [accurate] extra; attribution F1 0.807 on PolNeAR dev); "fast": the
#: linear models alone (0.709, about 2.3 times the speed).  docs/accuracy.md.
DEFAULT_MODE = "accurate"
#: The modes ``analyze`` and ``analyze_many`` accept; ``Mode(value)`` checks one.
MODES = tuple(Mode)


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


def analyze(text: str, *, publisher: str | None = None, published: str | None = None,
            title: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
            time_budget: float | None = DEFAULT_TIME_BUDGET, mode: str = DEFAULT_MODE) -> ArticleReport:
    """Every attribution in one article, resolved and classified.

    Raises InputError when the text cannot be analysed (empty, binary, too long, too many tokens).
    """
    return next(analyze_many([Article(text, publisher, published, title)], max_chars=max_chars,
                             time_budget=time_budget, mode=mode))


def analyze_many(articles: Iterable[str | Article], *, batch_size: int = 16,
                 max_chars: int = DEFAULT_MAX_CHARS,
                 time_budget: float | None = DEFAULT_TIME_BUDGET,
                 mode: str = DEFAULT_MODE) -> Iterator[ArticleReport]:
    """Analyse many articles, streaming them through ``nlp.pipe``; reports come in input order.

    Raises InputError at the first input that cannot be analysed; callers that
    must go on past bad input call ``validate_text`` on each first.  Each
    article gets ``time_budget`` seconds of sayso's own work after the parse
    (None: no limit); past it the report keeps what was found and carries a
    warning.  Time grows linearly with the text (docs/reliability.md).
    """
    mode = Mode(mode)
    nlp = load_nlp()
    if max_chars > nlp.max_length:
        nlp.max_length = max_chars + 1

    def items() -> Iterator[tuple[Doc, tuple[ArticleMeta, bool, str, str]]]:
        for a in articles:
            art = Article(a) if isinstance(a, str) else a
            validate_text(art.text, max_chars)
            meta = ArticleMeta(art.publisher, art.published, art.title)
            # A title given apart from the text is read as its headline (sayso.attribution.title).
            prefix = title_prefix(art.title, art.text)
            text = prefix + art.text
            # Tokenized here: long runs without a space in pieces (else spaCy takes quadratic
            # time), and too many tokens refused before the parse (nlp.guard).
            split = _body_offset(text)
            if split:
                yield tokenize(nlp, text[:split]), (meta, False, prefix, art.text)
                yield tokenize(nlp, text[split:]), (meta, True, prefix, art.text)
            else:
                yield tokenize(nlp, text), (meta, True, prefix, art.text)

    headline: Doc | None = None
    for doc, (meta, last, prefix, text) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        if not last:
            headline = doc
            continue
        if headline is not None:
            doc, headline = Doc.from_docs([headline, doc], ensure_whitespace=False), None
        report = build_report(doc, meta, time_budget=time_budget, mode=mode)
        yield without_title(report, prefix, text) if prefix else report


def parse(text: str) -> Doc:
    """The parse sayso analyses: the pinned pipeline's, with a headline parsed apart from the body.

    What ``analyze_many`` does for each article, for one text (the saved parses of the
    rule tests are made with it).
    """
    nlp = load_nlp()
    split = _body_offset(text)
    if not split:
        return nlp(tokenize(nlp, text))
    return Doc.from_docs([nlp(tokenize(nlp, text[:split])), nlp(tokenize(nlp, text[split:]))],
                         ensure_whitespace=False)


def _body_offset(text: str) -> int:
    """Where the body's first word is, after a headline and dek (0: no headline).

    The headline is parsed apart from the body, so that it never changes how the
    body is read: the parser's and the recogniser's window would otherwise reach
    across the line break ("Ukrainian" after a headline lost its nationality, and
    the flagship quote of examples/call-report.txt its speaker; issue 27).
    """
    start = body_start(text_zones(text))
    if not start:
        return 0
    while start < len(text) and text[start].isspace():
        start += 1
    return start if start < len(text) else 0
