"""A paragraph break always ends a sentence, even right after a closing quotation mark."""

from __future__ import annotations

from sayso.nlp.model import load_nlp

# The parser, left alone, runs the quotation's sentence on into the next paragraph, making
# "Matt Lauer faced" a clause of the quotation's "concluded".
TEXT = (
    "Limbaugh went further. \u201cThe only person who can save this debate, he concluded, is Hillary Clinton.\u201d"
    "\n\nHolt\u2019s liberal NBC News colleague Matt Lauer faced heavy criticism from media outlets and "
    "activist reporters after he asked Clinton about her email scandal."
)


def test_no_sentence_runs_over_a_paragraph_break() -> None:
    doc = load_nlp()(TEXT)
    for sent in doc.sents:
        assert "\n\n" not in sent.text.rstrip(), sent.text

