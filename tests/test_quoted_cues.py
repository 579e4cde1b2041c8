"""Issue 27: attributions inside quotations (rule quoted_cue and the quoted_speaker rules), fast mode on
real parses: first and second person are the quoted speaker and whom they spoke to, a "he" there is
someone else, a passive "we were told" names who was told, a quotation over paragraphs is held by the
attribution of its first paragraph, and the speaker's own "I think" is a hedge, not an attribution."""

from __future__ import annotations

from parsed import report_of

import sayso
from sayso.cli.render import polnear_attributions

TEXT = (
    "Coach Dana Reyes met league commissioner Tom Hill on Monday.\n\n"
    "\u201cI asked him directly whether the tape had been lost. He promised me it had not,\u201d Reyes said. "
    "\u201cI told the commissioner that the referees were wrong.\n\n"
    "\u201cThen they asked us to keep quiet. We were told that the matter was closed.\u201d\n\n"
    "\u201cI think the fans know it,\u201d she said. \u201cThe public understand that a review is a review.\u201d\n"
)


def _report() -> sayso.ArticleReport:
    return report_of(TEXT)


def _cue(report: sayso.ArticleReport, cue: str) -> sayso.Attribution:
    return next(a for a in report.attributions if a.cue.text.endswith(cue))


def _name(ref: sayso.EntityRef | None) -> str | None:
    return ref.name if ref else None


def test_first_and_third_person_inside_a_quotation() -> None:
    report = _report()
    outer = next(a for a in report.attributions if a.cue.text == "said" and a.source.text == "Reyes")
    asked = _cue(report, "asked")
    assert (_name(asked.speaker), asked.speaker_rule) == ("Dana Reyes", "quoted_speaker.first_person")
    assert _name(asked.addressee) == "Tom Hill" and asked.nested_in == outer.id
    # The quoted speaker would say "I": "he" is the man she asked.
    promised = _cue(report, "promised")
    assert (_name(promised.speaker), promised.speaker_rule) == ("Tom Hill", "quoted_speaker.third_person")
    assert _name(promised.addressee) == "Dana Reyes" and promised.nested_in == outer.id


def test_a_quotation_over_paragraphs_and_a_passive_told() -> None:
    report = _report()
    # Reyes's "said" holds her first quotation, and (rule quote_continued) the quotation after it,
    # which runs on over the next paragraph, as a part of its own under the same cue.
    reyes = {a.id for a in report.attributions if a.cue.text == "said" and a.source.text == "Reyes"}
    asked_us = _cue(report, "Then ... asked")
    assert asked_us.nested_in in reyes and _name(asked_us.addressee) == "Dana Reyes"
    told = _cue(report, "were told")
    # Who told them the quotation does not say; "we" are whom it was told to.
    assert told.source is None and told.speaker is None
    assert _name(told.addressee) == "Dana Reyes" and told.nested_in == asked_us.nested_in


def test_thought_verbs_report_others_not_the_speakers_own_hedge() -> None:
    report = _report()
    assert not any(a.cue.text.endswith("think") for a in report.attributions)
    understand = _cue(report, "understand")
    assert understand.source is not None and understand.source.text == "The public"
    assert understand.nested_in is not None


def test_the_polnear_view_keeps_only_the_outer_attributions() -> None:
    report = _report()
    kept = polnear_attributions(report)
    assert {a.cue.text for a in kept} == {"said"}
    assert all(a.nested_in is None for a in kept)
