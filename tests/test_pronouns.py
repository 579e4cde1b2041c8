"""Who "he" and "she" are, in articles written for the test."""

from __future__ import annotations

import pytest
from parsed import report_of

#: The main verb's subject of the last sentence, before a subject embedded in it.
MAIN_SUBJECT = (
    "Superdelegates line up.\n\n"
    "Hillary Clinton spoke in Newark on Monday.\n\n"
    "One superdelegate, Alabama party chairwoman Nancy Worley, pledged her vote to Clinton recently "
    "to allow Clinton to focus on her race against Donald Trump.\n\n"
    "\u201cWe really need to bring a close to this primary process,\u201d she said."
)

#: Nobody was the subject lately: the one person the pronoun's gender fits.
GENDER_ONLY = (
    "The stark contrasts of the campaign.\n\n"
    "Rarely have the differences between two nominees been as stark as those between Hillary Clinton "
    "and Donald Trump.\n\n"
    "His instincts are as rash as hers are cautious. Her proposals are detailed and numerous. "
    "Her appearances are careful. His are the equivalent of a reality show.\n\n"
    "She says he is unqualified to be president."
)

#: A title the recogniser took into the name ("AG Mukasey") is not part of it.
TITLED = (
    "Former AG Mukasey speaks at the convention.\n\n"
    "Former Attorney General Michael Mukasey spoke on Tuesday night in Cleveland.\n\n"
    "\u201cHillary Clinton has done a lot of things to show why she should not be president,\u201d he said."
)


#: A name that only modifies a noun in the content ("a Clinton presidency") does not rule its
#: bearer out as the speaker, as a third-person mention would.
OWN_NAME = (
    "Clinton vows change.\n\n"
    "Speaking to workers who are struggling to get by, Hillary Clinton tried here last week to empathize "
    "with their frustrations. A Clinton presidency, she vowed, would bring better-paying jobs."
)

#: A pronoun in a clause put before the main one names that main clause's subject, not the
#: person the last sentence was about.
FRONTED = (
    "Senate passes the trade bill.\n\n"
    "Elizabeth Warren criticized the bill on Monday.\n\n"
    "Though she said in March that the deal was dead, Hillary Clinton voted for it on Tuesday."
)

#: ... and so does a pronoun in a phrase put before it ("In what he acknowledged as a rant, ...").
FRONTED_PHRASE = (
    "Trade pact under fire.\n\n"
    "Governor Tom Reed of Ohio opened the summit on Wednesday and praised the trade agreement.\n\n"
    "In what he acknowledged as a news conference-ending rant, President Obama took a whack at the critics "
    "of the pact, calling them part of the global elite."
)

#: A person the article calls by a first name alone has that name's gender.
FIRST_NAME = (
    "Donald Trump spoke for an hour in Ohio. In the front row, Melanie cheered every line.\n\n"
    "\u201cI love you,\u201d he said at the end."
)

#: A pronoun before any name, in a lede that names its subject later: the person the story is about.
LEDE = (
    "A party's base fired up.\n\n"
    "His popularity, even after he said the Iraq war was a mistake, shows how deeply the party has "
    "changed.\n\n"
    "Donald Trump won the South Carolina primary on Saturday. Marco Rubio came second. "
    "Donald Trump will campaign in Nevada next."
)

#: Someone an earlier sentence only reports on ("... whether Trump will be the nominee, he noted")
#: is not the next "he said" when the narration names another.
REPORTED_ON = (
    "Delegates count the days to Cleveland.\n\n"
    "Donald Trump won the last primaries in June, and Donald Trump now leads by hundreds of delegates.\n\n"
    "Bill Bruch, a delegate from Montana, was at the meeting. States are called alphabetically, "
    "he noted, so it may be clear whether Trump will be the nominee by the time Montana votes. "
    "He said California would settle the question."
)

#: An owner named earlier in the pronoun's own sentence, when no one is its subject there.
OWNER = (
    "Trump shifts on money.\n\n"
    "Donald Trump and Paul Ryan spoke on Thursday. Paul Ryan later told reporters the talks went well.\n\n"
    "Despite Trump's pledge to pay for his own campaign, he said on Monday that he would now accept "
    "donations."
)

#: A title that names a woman inside it ("a spokesman for Mrs. Clinton") does not make its holder one.
TITLE_NAMING_A_WOMAN = (
    "Clinton courts the unions.\n\n"
    "Hillary Clinton met union leaders in Ohio on Friday.\n\n"
    "Paul Devlin, a spokesman for Mrs. Clinton, said the meeting had gone well. "
    "He said she would return to the state next month."
)


@pytest.mark.parametrize(("text", "speaker"), [
    (TITLE_NAMING_A_WOMAN, "Paul Devlin"),
    (OWNER, "Donald Trump"),
    (REPORTED_ON, "Bill Bruch"),
    (LEDE, "Donald Trump"),
    (FRONTED, "Hillary Clinton"),
    (FRONTED_PHRASE, "Obama"),
    (FIRST_NAME, "Donald Trump"),
    (MAIN_SUBJECT, "Nancy Worley"),
    (GENDER_ONLY, "Hillary Clinton"),
    (TITLED, "Michael Mukasey"),
    (OWN_NAME, "Hillary Clinton"),
], ids=["title-naming-a-woman", "owner", "reported-on", "lede", "fronted-clause", "fronted-phrase",
        "first-name", "main-subject", "gender-only", "titled-name", "own-name"])
def test_the_pronoun_speaker(text: str, speaker: str) -> None:
    report = report_of(text)
    found = [a for a in report.attributions if a.source is not None and a.source.text.lower() in ("he", "she")]
    assert found, [(a.source and a.source.text, a.cue.text) for a in report.attributions]
    assert found[-1].speaker is not None and found[-1].speaker.name == speaker, found[-1].speaker
    assert not any(e.name.startswith(("AG ", "Impeach")) for e in report.entities), report.entities


#: "They" after a plural subject a name qualifies ("ISIS soldiers") is that organisation.
PLURAL_SUBJECT = (
    "Propaganda video targets America.\n\n"
    "The video was posted online on Monday. ISIS soldiers mock America's military tactics in the "
    "video. They say their goal is to expand the caliphate."
)


def test_they_after_a_named_groups_members() -> None:
    report = report_of(PLURAL_SUBJECT)
    found = [a for a in report.attributions if a.source is not None and a.source.text == "They"]
    assert found, [(a.source and a.source.text, a.cue.text) for a in report.attributions]
    # "They" are the soldiers: ISIS's unnamed members (a group described only by its
    # organisation is unnamed, rule 4 of the fifth session's speakers round), not another subject.
    assert found[0].speaker is not None and found[0].speaker.name in ("ISIS", "ISIS soldiers"), found[0].speaker
