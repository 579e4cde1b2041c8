"""``analyze`` and ``analyze_many``: text in, ArticleReport out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from sayso.attribution.build import DEFAULT_TIME_BUDGET, ArticleMeta, build_report
from sayso.attribution.title import title_prefix, without_title
from sayso.attribution.zones import body_start, text_zones
from sayso.inputs import DEFAULT_MAX_CHARS, DEFAULT_MODE, Article, validate_text
from sayso.kinds import Mode
from sayso.nlp.guard import tokenize
from sayso.nlp.model import load_nlp
from sayso.records import ArticleReport

#: The modes ``analyze`` and ``analyze_many`` accept; ``Mode(value)`` checks one.
MODES = tuple(Mode)


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
            # A title given apart from the text is read as its headline (sayso.attribution.title).
            prefix = title_prefix(art.title, art.text)
            meta = ArticleMeta(art.publisher, art.published, art.title, title_apart=bool(prefix))
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
