"""Issue 27 on real sentences from fresh news (fast mode): action verbs are not cues, relays in every
form, entity types read from the whole article."""

from __future__ import annotations

import pytest

import sayso


def _cues(text: str) -> list[str]:
    report = sayso.analyze(text, mode="fast", time_budget=None)
    return [a.cue.text for a in report.attributions]


@pytest.mark.parametrize(("text", "not_a_cue"), [
    (("Prime Minister Malcolm Turnbull launched an urgent investigation on Wednesday after the ABC revealed "
     "it had obtained papers from a filing cabinet."), "launched"),
    ("The House Ethics Committee has opened an investigation into Rep. Katie Hill.", "opened"),
    ("News Corp publishes The Wall Street Journal, Barron's and MarketWatch.", "publishes"),
])
def test_an_action_verb_without_a_content_clause_is_no_cue(text: str, not_a_cue: str) -> None:
    assert not any(not_a_cue in cue for cue in _cues(text))


def test_reportedly_is_said_by_the_outlet_that_reported_it() -> None:
    text = ("Michael Bloomberg reportedly keen to buy WSJ parent Dow Jones or The Washington Post\n\n"
            "Media baron Michael Bloomberg, the owner of Bloomberg News, is reportedly interested in acquiring "
            "either The Wall Street Journal parent company Dow Jones or The Washington Post newspaper, American "
            "news website Axios reported on Friday, citing a source.\n")
    report = sayso.analyze(text, mode="fast", time_budget=None)
    reportedly = [a for a in report.attributions if "reportedly" in a.cue.text]
    assert reportedly and reportedly[0].speaker is not None and reportedly[0].speaker.name == "Axios"


@pytest.mark.parametrize(("text", "outlet"), [
    (("Chan was last seen in Beijing.\n\nShe went missing after attending a security forum, Kyodo News reported, "
     "citing unnamed sources.\n"), "Kyodo News"),
    (("The RCMP is investigating.\n\nThe Globe and Mail reported last month that the service had been warned, "
     "citing security sources.\n"), "The Globe and Mail"),
])
def test_outlets_of_other_countries_are_outlets(text: str, outlet: str) -> None:
    report = sayso.analyze(text, mode="fast", time_budget=None)
    assert any(a.speaker is not None and a.speaker.name == outlet and a.source_kind == "outlet"
               for a in report.attributions)


@pytest.mark.parametrize(("text", "person"), [
    (("WASHINGTON - Senate Republicans are pressing President Trump to drop the idea.\n\n"
     "Trump dismissed the idea on Tuesday, aides said.\n"), "Trump"),
    ("The council met on Monday.\n\nCouncilwoman Marti Emerald said the plan would cost too much.\n",
     "Marti Emerald"),
])
def test_a_name_is_a_person_when_the_article_says_so(text: str, person: str) -> None:
    report = sayso.analyze(text, mode="fast", time_budget=None)
    types = {e.name: e.type for e in report.entities}
    assert [kind for name, kind in types.items() if name.endswith(person)] == ["PERSON"], types
