"""What sayso knows of public figures (lexicon/people.txt) and how descriptions use it.

The analyses run the real pipeline on short, hand-written news sentences in
which the article never says who is a Republican, a senator of Vermont, or a
former president: only knowledge outside the text resolves the description.
"""

from __future__ import annotations

import pytest
from parsed import report_of

from sayso.attribution.knowledge import known_person, known_surname


@pytest.mark.parametrize(("name", "expected"), [
    ("Donald J. Trump", "Donald Trump"),
    ("Mr. Obama", None),  # a bare surname shared by two entries (Barack, Michelle) is nobody in particular
    ("Hillary Rodham Clinton", "Hillary Clinton"),
    ("Clinton", None),
    ("Cruz", "Ted Cruz"),
    ("Joseph R. Biden Jr.", "Joe Biden"),
    ("Donald Trump Jr.", "Donald Trump Jr."),
    ("George Bush", None),  # two presidents: the name does not say which
    ("François Hollande", "Francois Hollande"),
    ("Jane Doe", None),
])
def test_known_person_by_name(name: str, expected: str | None) -> None:
    found = known_person(name)
    assert (found.name if found else None) == expected


def test_terms_tell_sitting_from_former() -> None:
    obama, trump = known_person("Barack Obama"), known_person("Donald Trump")
    assert obama is not None and trump is not None
    assert obama.serving("president", 2016) and not obama.former("president", 2016)
    assert obama.former("president", 2017)
    assert not trump.former("president", 2016) and trump.former("president", 2023)
    assert trump.serving("president", 2026)


def test_other_offices_are_dated_too() -> None:
    christie, jeb, mccarthy = (known_person(n) for n in ("Chris Christie", "Jeb Bush", "Kevin McCarthy"))
    assert christie is not None and jeb is not None and mccarthy is not None
    assert christie.serving("governor", 2016) and jeb.former("governor", 2016)
    assert not christie.served("senator")
    # A term begun and ended in one year was held in that year.
    assert mccarthy.serving("speaker", 2023) and not mccarthy.former("speaker", 2023)
    assert mccarthy.former("speaker", 2024)


def _speakers(text: str) -> dict[str, str | None]:
    report = report_of(text)
    return {a.source.text: a.speaker.name if a.speaker else None for a in report.attributions if a.source}


@pytest.mark.parametrize(("text", "source", "speaker"), [
    # Party: the article never says which of the two is the Republican.
    (("Donald Trump and Hillary Clinton clashed again on Monday over trade. Clinton spoke in Ohio while "
     "Trump held a rally in Florida. The GOP nominee said the deals had cost millions of jobs."),
     "The GOP nominee", "Donald Trump"),
    (("Donald Trump and Hillary Clinton clashed again on Monday over trade. Trump held a rally in Florida "
     "while Clinton spoke in Ohio. The Democratic nominee said the deals had been good for workers."),
     "The Democratic nominee", "Hillary Clinton"),
    # Home state.
    (("Hillary Clinton and Bernie Sanders met in Brooklyn on Thursday. Clinton spoke first. "
     "The Vermont senator said he would keep fighting."),
     "The Vermont senator", "Bernie Sanders"),
    # "President Obama" dates the article to his terms, so Bill Clinton is the former president ...
    (("President Obama campaigned in Philadelphia on Tuesday alongside Bill Clinton. The crowd cheered "
     "both men. The former president said the election would decide the future of the country."),
     "The former president", "Bill Clinton"),
    # ... and the article's own "former" says the same without any knowledge ...
    (("Former President Bill Clinton and President Obama spoke in Philadelphia on Tuesday. The crowd "
     "cheered. The former president said the election would decide the future of the country."),
     "The former president", "Bill Clinton"),
    # ... while "the president" is still the sitting one.
    (("Bill Clinton campaigned in Philadelphia on Tuesday, a day after President Obama spoke there. The "
     "crowd cheered. The president said the election would decide the future of the country."),
     "The president", "Obama"),
])
def test_descriptions_resolved_with_knowledge(text: str, source: str, speaker: str) -> None:
    assert _speakers(text).get(source) == speaker


@pytest.mark.parametrize(("published", "source", "speaker"), [
    ("2023-05-01", "The former president", "Donald Trump"),
    ("2026-02-10", "The former president", "Joe Biden"),
    ("2023-05-01", "The president", "Joe Biden"),
    ("2026-02-10", "The president", "Donald Trump"),
    (None, "The president", None),  # undated, no one titled President: sayso does not guess
])
def test_the_publication_date_dates_the_president(published: str | None, source: str, speaker: str | None) -> None:
    text = ("Joe Biden and Donald Trump spoke about trade on Monday. The crowd cheered. "
            f"{source} said tariffs would protect workers.")
    found = {a.source.text: a.speaker.name if a.speaker else None
             for a in report_of(text, published=published).attributions if a.source}
    assert found[source] == speaker, found


def test_every_spelling_of_a_name_gives_its_surname() -> None:
    # "Zelenskyy" alone, which the small model tags as an organisation, is the Ukrainian president's surname.
    assert known_surname("Zelenskyy") and known_surname("Zelensky")
    person = known_person("Zelenskyy")
    assert person is not None and person.name == "Volodymyr Zelensky"
    assert not known_surname("Jr.")
