"""Saved parses for the rule tests: sayso's work on a parse, without spaCy's parsing.

A rule or resolver test checks what sayso makes of a parse, so it reads the
parse of its text from tests/fixtures/parses-<model>-<version>.spacy (a DocBin
written once by tests/fixtures/make_parses.py) and runs ``build_report`` on it,
in fast mode unless the test is about the encoder.  The file name holds the
installed model's version: after a model change the file is missing and the
tests say to run the script.  tests/test_saved_parses.py checks that the saved
parses are what the installed pipeline makes.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
from pathlib import Path

import pytest
from spacy.tokens import Doc, DocBin

from sayso.attribution.build import ArticleMeta, build_report
from sayso.attribution.title import title_prefix, without_title
from sayso.nlp.model import MODEL_PACKAGE
from sayso.records import ArticleReport

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Set by make_parses.py: parse live, and remember every text, to be written at the end of the session.
RECORD_ENV = "SAYSO_RECORD_PARSES"
RECORDED: dict[str, Doc] = {}


def parses_path() -> Path:
    version = importlib.metadata.version(MODEL_PACKAGE)
    return FIXTURES / f"parses-{MODEL_PACKAGE}-{version}.spacy"


@functools.lru_cache(maxsize=1)
def saved_parses() -> dict[str, Doc]:
    """Text -> its saved parse.  A blank English vocabulary gives the same word attributes as the model's."""
    import spacy

    path = parses_path()
    if not path.is_file():
        pytest.fail(f"{path.name} is missing (a new spaCy model?): run python tests/fixtures/make_parses.py")
    return {doc.text: doc for doc in DocBin().from_disk(path).get_docs(spacy.blank("en").vocab)}


def parse_of(text: str) -> Doc:
    """The pinned pipeline's parse of ``text``, as saved by make_parses.py."""
    if os.environ.get(RECORD_ENV):
        from sayso.pipeline import parse

        RECORDED[text] = RECORDED.get(text) or parse(text)
        return RECORDED[text]
    doc = saved_parses().get(text)
    if doc is None:
        pytest.fail(f"no saved parse of {text[:60]!r}...: run python tests/fixtures/make_parses.py")
    return doc


def report_of(text: str, *, mode: str = "fast", publisher: str | None = None, published: str | None = None,
              title: str | None = None) -> ArticleReport:
    """What ``sayso.analyze(text, mode=mode, ...)`` gives, from the saved parse, the title kept as a label
    only (``titled_report_of`` reads it as the headline, as sayso.analyze does)."""
    return build_report(parse_of(text), ArticleMeta(publisher, published, title), mode=mode)


def titled_report_of(text: str, title: str, *, mode: str = "fast") -> ArticleReport:
    """What ``sayso.analyze(text, title=title, mode=mode)`` gives, from the saved parse: a title that reads
    as a headline is analysed before the text and told back, as sayso.pipeline does (sayso.attribution.title)."""
    prefix = title_prefix(title, text)
    report = build_report(parse_of(prefix + text), ArticleMeta(None, None, title, title_apart=bool(prefix)), mode=mode)
    return without_title(report, prefix, text) if prefix else report


def hand_parsed(rows: list[tuple[str, str, int, str, str]]) -> Doc:
    """A text parsed by hand (spacy/tests style, no model): (word, tag, head index, dep, entity IOB
    label) per token, a sentence per full stop (sayso reads the part of speech from the tag)."""
    from spacy.lang.en import English

    words = [r[0] for r in rows]
    sent_starts = [True] + [rows[i - 1][0] == "." for i in range(1, len(rows))]
    return Doc(English().vocab, words=words,
               spaces=[i + 1 < len(rows) and rows[i + 1][0] not in ".," for i in range(len(rows))],
               tags=[r[1] for r in rows], heads=[r[2] for r in rows], deps=[r[3] for r in rows],
               ents=[r[4] for r in rows], sent_starts=sent_starts)


def write_recorded() -> Path | None:
    """At the end of a recording session: the texts asked for, in a stable order, to the DocBin."""
    if not os.environ.get(RECORD_ENV) or not RECORDED:
        return None
    path = parses_path()
    DocBin(docs=[RECORDED[t] for t in sorted(RECORDED)]).to_disk(path)
    return path
