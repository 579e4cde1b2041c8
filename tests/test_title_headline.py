"""Issue 27: a title given apart from the text is read as the article's headline, exactly as when it is
the text's first line; its attributions say they are in the title and index it (fast mode, real text)."""

from __future__ import annotations

import sayso
from sayso.attribution.title import TITLE_BREAK

TITLE = "Warren Says City Will Not Raise Taxes"
BODY = ("ROCHESTER, N.Y. - Mayor Lisa Warren spoke at City Hall on Wednesday.\n\n"
        "Warren said the budget would be balanced without new taxes. \"We will not ask residents to pay "
        "more,\" she said.\n\nCouncil President Loretta Scott said the council would vote next week.\n")


def _seen(report: sayso.ArticleReport, shift: int = 0) -> list[tuple[str, str, str | None, tuple]]:
    return [(a.cue.text, a.content.text, a.speaker.name if a.speaker else None,
             a.cue.spans if a.in_title or a.cue.start < shift else tuple((s - shift, e - shift) for s, e in a.cue.spans))
            for a in report.attributions]


def test_a_title_reads_as_the_first_line_of_the_text() -> None:
    given = sayso.analyze(BODY, title=TITLE, mode="fast", time_budget=None)
    first_line = sayso.analyze(TITLE + TITLE_BREAK + BODY, mode="fast", time_budget=None)
    assert _seen(given) == _seen(first_line, len(TITLE + TITLE_BREAK))
    in_title = [a for a in given.attributions if a.in_title]
    assert in_title and all(TITLE[a.cue.start:a.cue.end] == a.cue.text for a in in_title)
    assert in_title[0].speaker is not None and in_title[0].speaker.name == "Lisa Warren"
    # Everything else indexes the text as given.
    assert given.text_length == len(BODY)
    for a in given.attributions:
        if not a.in_title:
            assert all(BODY[s:e] in a.content.text for s, e in a.content.spans)
    assert all(BODY[m.start:m.end] == m.text for e in given.entities for m in e.mentions)


def test_a_title_the_text_already_opens_with_is_not_read_twice() -> None:
    text = TITLE + TITLE_BREAK + BODY
    once = sayso.analyze(text, mode="fast", time_budget=None)
    for title in (TITLE, TITLE + " | Democrat and Chronicle"):
        again = sayso.analyze(text, title=title, mode="fast", time_budget=None)
        assert _seen(again) == _seen(once) and not any(a.in_title for a in again.attributions)


def test_a_title_that_is_a_sentence_stays_a_label() -> None:
    body_only = sayso.analyze(BODY, mode="fast", time_budget=None)
    labelled = sayso.analyze(BODY, title="The mayor said the city will not raise taxes.", mode="fast",
                             time_budget=None)
    assert _seen(labelled) == _seen(body_only)


def test_the_examples_title_gives_its_two_readings_and_no_noun_cue_inside_a_source() -> None:
    """The web example's title: Zelensky told Trump ..., and inside sources told Axios.  "sources", the
    head of who told Axios, is not itself a cue (rule cue_inside_a_source)."""
    from sayso.web.analysis import EXAMPLE_TITLE, example_text

    report = sayso.analyze(example_text(), title=EXAMPLE_TITLE, publisher="The Daily Beast",
                           published="2025-02-13", mode="fast", time_budget=None)
    in_title = [(a.source.text if a.source else None, a.cue.text) for a in report.attributions if a.in_title]
    assert ("Zelensky", "told") in in_title
    assert all(cue != "sources" for _, cue in in_title), in_title
