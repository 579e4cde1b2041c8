"""Issue 27: a title given apart from the text is read as the article's headline, exactly as when it is
the text's first line; its attributions say they are in the title and index it (fast mode, real text)."""

from __future__ import annotations

from parsed import report_of, titled_report_of

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
    given = titled_report_of(BODY, TITLE)
    first_line = report_of(TITLE + TITLE_BREAK + BODY)
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
    once = report_of(text)
    for title in (TITLE, TITLE + " | Democrat and Chronicle"):
        again = titled_report_of(text, title)
        assert _seen(again) == _seen(once) and not any(a.in_title for a in again.attributions)


def test_a_title_that_is_a_sentence_stays_a_label() -> None:
    body_only = report_of(BODY)
    labelled = titled_report_of(BODY, "The mayor said the city will not raise taxes.")
    assert _seen(labelled) == _seen(body_only)


def _body(report: sayso.ArticleReport) -> list[tuple]:
    """The body's attributions as a reader sees them; the outer one named by its cue, not its id."""
    cue_of = {a.id: a.cue.spans for a in report.attributions}
    return [(a.cue.spans, a.source.spans if a.source else None, a.content.spans,
             a.speaker.name if a.speaker else None, a.addressee.name if a.addressee else None,
             cue_of.get(a.nested_in) if a.nested_in else None)
            for a in report.attributions if not a.in_title]


def test_the_examples_title_is_its_own_zone_in_both_modes() -> None:
    """The web example's title ('Zelensky told Trump ..., inside sources told Axios'): its attributions
    lie wholly in the title and the body reads as without it (in fast mode a body cue once took its
    source from the title; in accurate mode the encoder's chunk reached across and the body's first
    'told' was lost)."""
    from sayso.web.analysis import EXAMPLE_TITLE, example_text

    text = example_text()
    for mode in ("fast", "accurate"):
        alone = report_of(text, mode=mode)
        titled = titled_report_of(text, EXAMPLE_TITLE, mode=mode)
        assert _body(titled) == _body(alone), mode
        in_title = [a for a in titled.attributions if a.in_title]
        assert {(a.source.text, a.cue.text) for a in in_title} >= {("Zelensky", "told"), ("inside sources", "told")}
        for a in in_title:
            parts = [a.cue, a.content] + ([a.source] if a.source else [])
            assert all(0 <= s <= e <= len(EXAMPLE_TITLE) for p in parts for s, e in p.spans), (mode, a)
            assert all(EXAMPLE_TITLE[s:e] in p.text for p in parts for s, e in p.spans)
        assert all(cue != "sources" for cue in (a.cue.text for a in in_title))


def _with_cue(text: str, cue: str) -> list[sayso.Attribution]:
    """The attributions of a short article (fast mode) whose cue is ``cue``."""
    return [a for a in report_of(text).attributions if a.cue.text == cue]


def test_a_headline_speaker_line_speaks_for_its_first_person() -> None:
    """"X: Y told me ... I told him ...": all after the colon is X's, so "I" and "me" are X."""
    text = ("Warren: Baker told me the bridge will be fixed. I told him that is not enough\n\n"
            "ALBANY, N.Y. - Mayor Lisa Warren met Governor Tom Baker on Tuesday. Warren said the state had "
            "promised money for the bridge.\n")
    told = _with_cue(text, "told")
    assert [(a.source.text, a.speaker.name if a.speaker else None) for a in told] == [
        ("Baker", "Tom Baker"), ("I", "Lisa Warren")]
    assert told[0].addressee is not None and told[0].addressee.name == "Lisa Warren"
    assert told[1].speaker_rule == "quoted_speaker.first_person"
    assert told[1].addressee is not None and told[1].addressee.name == "Tom Baker"


def test_a_role_in_the_dek_is_the_person_the_body_gives_it() -> None:
    text = ("City will not raise taxes this year, Warren says\n"
            "Budget is balanced without new levies, says mayor\n\n"
            "ALBANY, N.Y. - Mayor Lisa Warren said on Tuesday that the city budget would be balanced.\n")
    says = _with_cue(text, "says")
    assert [(a.speaker.name if a.speaker else None) for a in says] == ["Lisa Warren", "Lisa Warren"]
    mayor = says[1]
    assert mayor.speaker_rule == "headline_role" and mayor.source_kind == "named_person"
    assert mayor.speaker is not None and says[0].speaker is not None and mayor.speaker.entity_id == says[0].speaker.entity_id
