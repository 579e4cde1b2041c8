"""Turn a parsed Doc into an ArticleReport: extraction, then resolution and classification."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from sayso.attribution.extract import RawAttribution, extract
from sayso.attribution.table import TokenTable, build_table
from sayso.nlp.model import load_linear
from sayso.nlp.quotes import ALL_MARKS
from sayso.records import ArticleReport, Attribution, TextSpan


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


def _kind(t: TokenTable, content: tuple[tuple[int, int], ...]) -> str:
    toks = [k for a, b in content for k in range(a, b + 1) if not t.is_punct[k]]
    if not toks:
        return "indirect"
    quoted = sum(1 for k in toks if t.quote[k] >= 0)
    if quoted == len(toks):
        return "direct"
    if quoted or any(ch in ALL_MARKS for a, b in content for ch in t.text[t.starts[a]:t.ends[b]]):
        return "mixed"
    return "indirect"


def _cue_type(t: TokenTable, c: int) -> str:
    if t.lower[c] == "according":
        return "according_to"
    if t.pos[c] == "PUNCT":
        return "punctuation"
    if t.pos[c] in ("NOUN", "PROPN"):
        return "noun"
    if t.pos[c] in ("VERB", "AUX"):
        return "verb"
    return "other"


def raw_to_spans(t: TokenTable, raw: RawAttribution) -> tuple[TextSpan | None, TextSpan, TextSpan]:
    text = t.text
    source = TextSpan.of(text, [(t.starts[raw.source[0]], t.ends[raw.source[-1]])]) if raw.source else None
    cue = TextSpan.of(text, [(t.starts[a], t.ends[b]) for a, b in _token_runs(raw.cue)])
    content = TextSpan.of(text, [(t.starts[a], t.ends[b]) for a, b in raw.content])
    return source, cue, content


def _token_runs(toks: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for k in toks:
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return runs


def build_report(doc: Doc, meta: ArticleMeta = ArticleMeta()) -> ArticleReport:
    t = build_table(doc)
    raws = extract(t, load_linear("cue"), load_linear("role")) if t.n else []
    attributions = []
    for n, raw in enumerate(sorted(raws, key=lambda r: (r.content[0][0], r.cue_head)), 1):
        source, cue, content = raw_to_spans(t, raw)
        attributions.append(Attribution(
            id=f"a{n}", cue=cue, content=content, source=source,
            kind=_kind(t, raw.content), cue_type=_cue_type(t, raw.cue_head),
            confidence=round(raw.cue_probability, 3),
        ))
    return ArticleReport(
        text_length=len(doc.text), attributions=tuple(attributions),
        publisher=meta.publisher, published=meta.published, title=meta.title,
    )
