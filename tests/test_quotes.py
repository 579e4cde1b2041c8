"""Quotation marks as news text writes them, including the two-apostrophe marks of archive text."""

from __future__ import annotations

from parsed import report_of

from sayso.nlp.quotes import find_quotes


def _quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_two_apostrophes_are_a_quotation_mark() -> None:
    # The New York Times as LexisNexis delivers it, with a nested single quotation.
    text = ("Mr. Clinton ''kind of looked at me funny and said: 'Jim, thanks for coming.'.''\n\n"
            "''It felt like he and I had kind of patched it up,'' Mr. Rogan said.")
    assert _quoted(text) == ["''kind of looked at me funny and said: 'Jim, thanks for coming.'.''",
                             "''It felt like he and I had kind of patched it up,''"]


def test_backticks_open_and_apostrophes_close() -> None:
    assert _quoted("He said ``no.'' Then he left.") == ["``no.''"]


def test_a_plural_possessive_is_no_quotation_mark() -> None:
    assert _quoted("The Rogans' turn came. The Clintons' guests waited.") == []


def test_an_archive_quotation_is_a_direct_attribution() -> None:
    text = ("White House parties.\n\n"
            "''There was some iciness there and a bit of a grimace,'' James Rogan said of the evening.")
    said = next(a for a in report_of(text).attributions if a.cue.text == "said")
    assert said.kind == "direct", said
    assert said.content.text == "There was some iciness there and a bit of a grimace", said.content
