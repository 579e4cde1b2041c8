"""How a source is identified when its words alone do not say.

A source that is only "who" or "which" is identified by what it stands for:
"... two Pentagon officials, who said the plan would cost billions" is an
anonymous source as much as "two Pentagon officials said" is.  A name that
ends in a word that usually heads an anonymous source is still a name.  These
articles are written for the test.
"""

from __future__ import annotations

import sayso

OFFICIALS = (
    "Budget talks stall.\n\n"
    "On Monday the senator met two Pentagon officials, who said the new fighter program would cost "
    "far more than the White House had admitted."
)

DEMOCRATS = (
    "Senate Democrats weigh a new strategy.\n\n"
    "The change in approach is likely to placate nervous Democrats on Capitol Hill, who have argued "
    "that it helps candidates down the ballot."
)

NAMED = (
    "Warren criticizes the plan.\n\n"
    "The plan was criticized by Senator Elizabeth Warren, who said it would leave millions of "
    "families without coverage."
)


def _by_cue(report: sayso.ArticleReport, cue: str) -> sayso.Attribution:
    return next(a for a in report.attributions if cue in a.cue.text)


def test_an_anonymous_antecedent_makes_an_anonymous_source() -> None:
    a = _by_cue(sayso.analyze(OFFICIALS), "said")
    assert a.source is not None and a.source.text == "who"
    assert (a.source_kind, a.anonymous_count) == ("anonymous_group", 2), a
    assert a.speaker is not None and a.speaker.name == "two Pentagon officials"


def test_who_stands_for_people_not_the_place_after_them() -> None:
    a = _by_cue(sayso.analyze(DEMOCRATS), "argued")
    assert a.speaker is not None and a.speaker.name == "nervous Democrats on Capitol Hill", a
    assert a.source_kind == "anonymous_group"


def test_a_named_antecedent_is_still_the_named_person() -> None:
    a = _by_cue(sayso.analyze(NAMED), "said")
    assert a.speaker is not None and a.speaker.name == "Elizabeth Warren"
    assert a.source_kind == "named_person"


#: A name that ends in a word that usually heads an anonymous source ("officials", "observer").
OBSERVER = (
    "Charlotte struggles to return to normal.\n\n"
    "Large sections of the city are divided by race and income, other studies have shown. "
    "The Charlotte Observer found that 1 in 4 residents lived in distressed neighborhoods in 2010, up from "
    "1 in 10 in 2000."
)


def test_a_name_ending_in_observer_is_not_an_anonymous_source() -> None:
    a = _by_cue(sayso.analyze(OBSERVER), "found")
    assert a.speaker is not None and a.speaker.name == "Charlotte Observer", a
    assert a.source_kind in ("named_organization", "outlet") and a.on_record is not False, a


#: The parser misses the apposition in "Apple's chief executive, Tim Cook, called ...".
SET_OFF_NAME = (
    "Apple and the tax bill.\n\n"
    "Perhaps it is a twist of irony, but given the European Union's efforts to collect -- which Apple's "
    "chief executive, Tim Cook, called ''total political crap'' -- one question has emerged."
)


def test_a_name_between_commas_after_a_role_is_the_speaker() -> None:
    a = _by_cue(sayso.analyze(SET_OFF_NAME), "called")
    assert a.speaker is not None and a.speaker.name == "Tim Cook", a
    assert a.source_kind == "named_person"


#: A newspaper that sayso's outlet list lacks is still a newspaper.
NEWSPAPER = (
    "Ohio voters weigh in.\n\n"
    "Most voters in the county backed the levy, The Cincinnati Enquirer reported on Tuesday, citing "
    "early returns."
)


def test_an_organisation_named_like_a_newspaper_is_an_outlet() -> None:
    a = _by_cue(sayso.analyze(NEWSPAPER), "reported")
    assert a.speaker is not None and a.speaker.name == "Cincinnati Enquirer", a
    assert a.source_kind == "outlet"
