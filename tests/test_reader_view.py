"""The reader's view (issue 27): finds only PolNeAR's scheme counts leave ``attributions`` for
``polnear_only``, each with the rule that moved it, and the PolNeAR view still counts them; and, on
live parses, what the rules find for a reader that PolNeAR's view leaves out."""

from __future__ import annotations

import json

import pytest

import sayso
from sayso.attribution.reader_view import IMPERSONAL, INTENTION, NO_CONTENT_SAID, QUOTE_PARTS, UNASKED
from sayso.cli.render import polnear_attributions
from sayso.records import ArticleReport

IMPERSONAL_TEXT = ("The confirmed case count linked to the hospital is expected to grow as testing continues. "
                   "The rift between the senior players appears to be getting wider by the day.")
INTENTION_TEXT = ("Republican senators are eyeing a package to claw back billions of dollars in federal spending. "
                  "Senator John Smith wants to throw cold water on those reports, his aides said.")
NO_CONTENT_TEXT = ("The company declined Reuters' requests for comment. "
                   "Critics oppose that approach, Smith said.")


def _moved(text: str) -> dict[str, str]:
    """Each moved find's cue, with the rule that moved it."""
    return {m.attribution.cue.text: m.rule for m in sayso.analyze(text, mode="fast").polnear_only}


def test_a_statement_no_one_makes_is_polnear_only() -> None:
    assert _moved(IMPERSONAL_TEXT) == {"is expected": IMPERSONAL, "appears": IMPERSONAL}


def test_a_plan_with_no_content_clause_is_polnear_only_and_what_aides_said_of_it_stays() -> None:
    report = sayso.analyze(INTENTION_TEXT, mode="fast")
    assert {m.attribution.cue.text: m.rule for m in report.polnear_only} == {"are eyeing": INTENTION}
    assert [a.cue.text for a in report.attributions] == ["said"]


def test_an_act_with_a_noun_object_is_polnear_only_and_the_sentence_saying_so_stays() -> None:
    report = sayso.analyze(NO_CONTENT_TEXT, mode="fast")
    assert {m.attribution.cue.text: m.rule for m in report.polnear_only} == {
        "declined": NO_CONTENT_SAID, "oppose": NO_CONTENT_SAID}
    assert [(a.cue.text, a.content.text) for a in report.attributions] == [("said", "Critics oppose that approach")]
    assert report.sourcing_summary.attributions == 1


def test_the_polnear_view_counts_both_lists_in_the_order_found() -> None:
    report = sayso.analyze(IMPERSONAL_TEXT + " " + NO_CONTENT_TEXT, mode="fast")
    ids = sorted([a.id for a in report.attributions] + [m.attribution.id for m in report.polnear_only],
                 key=lambda i: int(i[1:]))
    assert ids == [f"a{n}" for n in range(1, len(ids) + 1)]
    view = [a.id for a in polnear_attributions(report)]
    assert view == sorted(view, key=lambda i: int(i[1:])) and {"a1", "a2", "a3"} <= set(view)


def test_polnear_only_round_trips_through_json_and_reads_as_none_when_absent() -> None:
    report = sayso.analyze(NO_CONTENT_TEXT, mode="fast")
    assert report.polnear_only
    assert ArticleReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    older = {k: v for k, v in report.to_dict().items() if k != "polnear_only"}
    assert ArticleReport.from_dict(older).polnear_only == ()


def test_polnear_only_round_trips_through_the_store(tmp_path) -> None:
    pytest.importorskip("sqlalchemy", reason="the store needs the store extra")
    from sayso.store import open_store
    from sayso.store.core import ArticleInfo

    report = sayso.analyze(NO_CONTENT_TEXT, mode="fast")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        article_id = store.ingest_report(ArticleInfo(url="https://example.com/a"), NO_CONTENT_TEXT, report)
        assert article_id is not None
        got = store.article(article_id)
        assert got is not None and got[2] == report
    finally:
        store.close()


def test_a_headline_with_no_clause_stays_for_readers() -> None:
    # A headline drops the words that make a clause; the same words in the body move.
    text = "Critics oppose that approach\n\nCritics oppose that approach, the mayor said on Tuesday."
    report = sayso.analyze(text, mode="fast")
    headline_end = text.index("\n")
    assert [a.cue.start < headline_end for a in report.attributions if a.cue.text == "oppose"] == [True]
    assert [(m.rule, m.attribution.cue.start > headline_end) for m in report.polnear_only] == [
        (NO_CONTENT_SAID, True)]


def test_a_portrayal_or_belief_with_no_verb_stays_for_readers() -> None:
    for text, cue in (("Republican leaders have cast Hillary Clinton as a relic of the past.", "have cast"),
                      ("Sanders describes himself as a democratic socialist.", "describes"),
                      ("Many voters considered him a liberal.", "considered")):
        report = sayso.analyze(text, mode="fast")
        assert [a.cue.text for a in report.attributions] == [cue] and not report.polnear_only


def test_what_a_speaker_holds_of_the_thing_named_is_said() -> None:
    """"reaffirmed its commitment to ...", "criticized the bill": a verb of saying with a noun object stays."""
    for text, cue in (("Nokia reaffirmed its commitment to the ongoing success of its Mobile Networks business.",
                       "reaffirmed"), ("Warren criticized the bill on Monday.", "criticized")):
        report = sayso.analyze(text, mode="fast")
        assert [a.cue.text for a in report.attributions] == [cue] and not report.polnear_only


def test_a_question_no_one_is_said_to_ask_is_polnear_only_and_the_answer_stays() -> None:
    report = sayso.analyze("Asked to comment on the Axios report, a senior administration official said it "
                           "was false.", mode="fast")
    assert {m.attribution.cue.text: m.rule for m in report.polnear_only} == {"Asked": UNASKED}
    assert [(a.cue.text, a.content.text) for a in report.attributions] == [("said", "it was false")]


def test_a_quotation_told_in_parts_is_read_once() -> None:
    """Rule quote_continued splits the models' content over two quotations; a reader sees each once,
    PolNeAR the cue's one content."""
    report = sayso.analyze("\u201cIt is a strange way to live,\u201d Altman said. \u201cI don't know of any private "
                           "company that has ever been so in the news.\u201d", mode="fast")
    assert [a.content.text for a in report.attributions] == [
        "It is a strange way to live", "I don't know of any private company that has ever been so in the news"]
    assert [m.rule for m in report.polnear_only] == [QUOTE_PARTS]
    (whole,) = polnear_attributions(report)
    assert whole.content.text.startswith("It is a strange") and whole.content.text.endswith("so in the news")


def test_a_denial_of_a_report_is_an_attribution_left_out_of_polnear() -> None:
    """Rule report_denied: "took to Twitter to deny the report" (fresh dev: 28 of 29 such denials marked)."""
    report = sayso.analyze("Trump took to Twitter on Monday morning to deny the report, saying the story is "
                           "ridiculous.", mode="fast")
    deny = next(a for a in report.attributions if a.cue.text == "to deny")
    assert deny.source is not None and deny.source.text == "Trump" and deny.content.text == "the report"
    assert all(a.cue.text != "to deny" for a in polnear_attributions(report))


def test_what_a_report_says_someone_wanted_stays() -> None:
    """A cue that holds "reportedly" is a report's, not the subject's plan (accurate mode takes the verb in)."""
    report = sayso.analyze("Additionally, Brady reportedly wanted assurances that he would be the long-term starter.",
                           mode="accurate")
    assert [a.cue.text for a in report.attributions] == ["reportedly wanted"] and not report.polnear_only


def test_a_speech_verb_completing_another_takes_its_subject_inside_a_quotation() -> None:
    """Rule quoted_cue: "Shell wishes to clarify that ..." inside the statement is Shell's, nested in it;
    "I want to say that ..." only leads into what the speaker says (live parse: rule quoted_cue)."""
    report = sayso.analyze("\u201cIn response to recent media speculation Shell wishes to clarify that it has not been "
                           "considering an offer for BP,\u201d the company said in a statement.", mode="fast")
    clarify = next(a for a in report.attributions if a.cue.text == "to clarify")
    assert clarify.source is not None and clarify.source.text == "Shell" and clarify.nested_in is not None
    report = sayso.analyze("\u201cI want to say that the team played well,\u201d the coach said.", mode="fast")
    assert [a.cue.text for a in report.attributions] == ["said"]
