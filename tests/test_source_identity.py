"""How a source is identified when its words alone do not say.

A source that is only "who" or "which" is identified by what it stands for:
"... two Pentagon officials, who said the plan would cost billions" is an
anonymous source as much as "two Pentagon officials said" is.  A name set
off by commas after a role is the speaker even when the parser misses the
apposition, and an organisation named like a newspaper is an outlet.  These
articles are written for the test.
"""

from __future__ import annotations

import pytest
from parsed import report_of

#: "who" after an anonymous phrase: the phrase, with its count.
OFFICIALS = (
    "Budget talks stall.\n\n"
    "On Monday the senator met two Pentagon officials, who said the new fighter program would cost "
    "far more than the White House had admitted."
)

#: "who" stands for people, not the place the parser hangs it on.
DEMOCRATS = (
    "Senate Democrats weigh a new strategy.\n\n"
    "The change in approach is likely to placate nervous Democrats on Capitol Hill, who have argued "
    "that it helps candidates down the ballot."
)

#: "who" after a name is still the named person.
NAMED = (
    "Warren criticizes the plan.\n\n"
    "The plan was criticized by Senator Elizabeth Warren, who said it would leave millions of "
    "families without coverage."
)

#: A name that ends in a word that usually heads an anonymous source ("officials", "observer").
OBSERVER = (
    "Charlotte struggles to return to normal.\n\n"
    "Large sections of the city are divided by race and income, other studies have shown. "
    "The Charlotte Observer found that 1 in 4 residents lived in distressed neighborhoods in 2010, up from "
    "1 in 10 in 2000."
)

#: The parser misses the apposition in "Apple's chief executive, Tim Cook, called ...".
SET_OFF_NAME = (
    "Apple and the tax bill.\n\n"
    "Perhaps it is a twist of irony, but given the European Union's efforts to collect -- which Apple's "
    "chief executive, Tim Cook, called ''total political crap'' -- one question has emerged."
)

#: A newspaper that sayso's outlet list lacks is still a newspaper.
NEWSPAPER = (
    "Ohio voters weigh in.\n\n"
    "Most voters in the county backed the levy, The Cincinnati Enquirer reported on Tuesday, citing "
    "early returns."
)


#: Names in a list, each with a clause of its own: each "who" is its name ("his wife, Laura" too).
OWN_CLAUSES = (
    "The museum opens.\n\n"
    "There was a panoply of dignitaries, including George W. Bush, who said the museum was overdue, and "
    "his wife, Laura, who insisted she had pushed for it since 2003."
)

#: "A and B, who said": said by both, or by B alone; sayso does not guess which.
LIST = (
    "The climate deal.\n\n"
    "They were backed by Mr. Kerry and Mr. Obama, who said the deal was the best on offer."
)

#: "who say" is not said of one person: not Clinton, but those who support her.
PLURAL = (
    "The primary drags on.\n\n"
    "Yet the whole spectacle also sent shudders through those supporting Clinton, who say they are "
    "growing increasingly irritated by Sanders."
)

#: A dateline that opens the paragraph is no part of what "who" stands for.
DATELINE_WHO = (
    "E.U. leaders weigh their future.\n\n"
    "BRUSSELS - European leaders, who said Friday that the bloc needs new border rules, met for a summit "
    "overshadowed by Britain's vote to leave."
)

#: The recogniser runs some names across a spaced dash ("the Tax Policy Center - half", "Robert Barr -
#: won"); the name stops at the dash, so the organisation and the man are the ones named elsewhere.
ACROSS_A_DASH = (
    "Clinton's tax plan.\n\n"
    "Mrs. Clinton's plan would raise only $1.1 trillion over the next decade, according to the Tax Policy "
    "Center - half a percentage point of the nation's output. The Tax Policy Center said the plan was modest.\n\n"
    "Two Cruz supporters - his Georgia chairman, Scott Johnson, and former congressman Robert Barr - won "
    "two of the three slots. Robert Barr said the result was fair."
)


def test_a_name_stops_at_a_spaced_dash() -> None:
    report = report_of(ACROSS_A_DASH)
    names = {e.name for e in report.entities}
    assert {"Tax Policy Center", "Robert Barr"} <= names, names
    assert not any(" - " in n for n in names), names
    speakers = {a.cue.text: a.speaker.name if a.speaker else None for a in report.attributions}
    assert speakers.get("according to") == "Tax Policy Center", speakers

#: A nickname in quotation marks: the recogniser stops at 'George "Jay' or 'Robert C. "Bobby'; the name
#: runs on to the surname, and "Bobby Scott", "Scott" and "Bobby" are all the one man.
NICKNAMES = (
    "A congressman's cookout.\n\n"
    "In a tradition he has kept for 40 years, Rep. Robert C. \"Bobby\" Scott threw open his yard on Monday. "
    "Bobby Scott said the party was for everyone. The job went to the nuclear physicist George \"Jay\" "
    "Keyworth. Keyworth said he was surprised."
)


def test_a_nickname_is_part_of_the_name() -> None:
    report = report_of(NICKNAMES)
    people = sorted(e.name for e in report.entities if e.type == "PERSON")
    assert people == ['George "Jay" Keyworth', 'Robert C. "Bobby" Scott'], people
    speakers = {a.source.text: a.speaker.name if a.speaker else None for a in report.attributions if a.source}
    assert speakers["Bobby Scott"] == 'Robert C. "Bobby" Scott', speakers
    assert speakers["Keyworth"] == 'George "Jay" Keyworth', speakers

#: The parser hangs the name on the phrase after the role ("An attorney for Pagliano, Mark MacDougall"):
#: the name set off at the end is still the attorney, not Pagliano.
NAME_AFTER_QUALIFIER = (
    "House panel votes to hold Clinton aide in contempt.\n\n"
    "Bryan Pagliano did not appear before the committee. An attorney for Pagliano, Mark MacDougall, said "
    "the showdown was fruitless."
)

#: The recogniser runs names across commas ("Lehigh, Bruce Turry", "Carson, Huckabee"): a person's name
#: stops at the comma, and the friend set off after "at Lehigh" is Turry, as is the "who" after him.
ACROSS_A_COMMA = (
    "Trump's brother.\n\n"
    "Freddy Trump wanted to fly planes. \"It was his first attempt to make his own statement to his father,\" "
    "said his best friend at Lehigh, Bruce Turry, who remembered Freddy well. Mr. Turry said he missed him.\n\n"
    "Carson, Huckabee, Fiorina earned speaking fees. Mike Huckabee said the fees were fair."
)


@pytest.mark.parametrize(("text", "cue", "speaker", "kind", "count"), [
    (OWN_CLAUSES, "said", "George W. Bush", "named_person", None),
    (OWN_CLAUSES, "insisted", "Laura Bush", "named_person", None),
    (OFFICIALS, "said", "two Pentagon officials", "anonymous_group", 2),
    (DEMOCRATS, "argued", "nervous Democrats on Capitol Hill", "anonymous_group", None),
    (NAMED, "said", "Elizabeth Warren", "named_person", None),
    (OBSERVER, "found", "Charlotte Observer", "outlet", None),
    (SET_OFF_NAME, "called", "Tim Cook", "named_person", None),
    (NEWSPAPER, "reported", "Cincinnati Enquirer", "outlet", None),
    (DATELINE_WHO, "said", "European leaders", "anonymous_group", None),
    (NAME_AFTER_QUALIFIER, "said", "Mark MacDougall", "named_person", None),
    (ACROSS_A_COMMA, "said", "Bruce Turry", "named_person", None),
    (ACROSS_A_COMMA, "remembered", "Bruce Turry", "named_person", None),
])
def test_who_the_source_is(text: str, cue: str, speaker: str, kind: str, count: int | None) -> None:
    report = report_of(text)
    # Who the source is is decided for every find, the reader's view's polnear_only ones too
    # ("remembered [Freddy well]" says nothing a reader can quote).
    a = next(a for a in [*report.attributions, *(m.attribution for m in report.polnear_only)] if cue in a.cue.text)
    assert (a.speaker.name if a.speaker else None, a.source_kind, a.anonymous_count) == (speaker, kind, count), a
    assert a.on_record is not False or kind in ("anonymous_group", "anonymous_individual")


def test_the_source_words_stay_as_written() -> None:
    a = next(a for a in report_of(OFFICIALS).attributions if a.cue.text == "said")
    assert a.source is not None and a.source.text == "who"


@pytest.mark.parametrize(("text", "cue"), [(LIST, "said"), (PLURAL, "say")])
def test_who_names_no_one_when_it_may_be_several(text: str, cue: str) -> None:
    a = next(a for a in report_of(text).attributions if a.cue.text == cue)
    assert a.source is not None and a.source.text == "who" and a.speaker is None, a


def test_a_persons_name_stops_at_a_comma() -> None:
    names = {e.name for e in report_of(ACROSS_A_COMMA).entities}
    assert "Bruce Turry" in names and not any("," in n for n in names), names
