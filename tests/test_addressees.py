"""Issue 27: whom the cue says the words were for, read from the parse (hand-parsed, no model)."""

from __future__ import annotations

from parsed import hand_parsed

from sayso.attribution.addressees import find_addressee
from sayso.attribution.table import build_table


def _addressee(rows: list[tuple[str, str, int, str, str]]) -> str | None:
    t = build_table(hand_parsed(rows))
    found = find_addressee(t, 1)
    return " ".join(t.words[k] for k in found) if found else None


def test_an_audience_named_by_a_common_noun_is_the_addressee() -> None:
    # "Trump told reporters he would stay."
    assert _addressee([("Trump", "NNP", 1, "nsubj", "B-PERSON"), ("told", "VBD", 1, "ROOT", "O"),
                       ("reporters", "NNS", 1, "dobj", "O"), ("he", "PRP", 5, "nsubj", "O"),
                       ("would", "MD", 5, "aux", "O"), ("stay", "VB", 1, "ccomp", "O"),
                       (".", ".", 1, "punct", "O")]) == "reporters"


def test_a_common_noun_is_no_addressee_unless_it_names_an_audience() -> None:
    # "Trump told stories about the war."
    assert _addressee([("Trump", "NNP", 1, "nsubj", "B-PERSON"), ("told", "VBD", 1, "ROOT", "O"),
                       ("stories", "NNS", 1, "dobj", "O"), ("about", "IN", 2, "prep", "O"),
                       ("war", "NN", 3, "pobj", "O"), (".", ".", 1, "punct", "O")]) is None


def test_a_name_in_apposition_to_a_common_noun_is_the_addressee() -> None:
    # "Officials told the website Politico ..." : the name says which website.
    assert _addressee([("Officials", "NNS", 1, "nsubj", "O"), ("told", "VBD", 1, "ROOT", "O"),
                       ("the", "DT", 3, "det", "O"), ("website", "NN", 1, "dobj", "O"),
                       ("Politico", "NNP", 3, "appos", "O"), (".", ".", 1, "punct", "O")]) == "Politico"
