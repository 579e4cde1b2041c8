"""Issue 27 ("Today's news"), items 3 and 4: headlines and deks as zones, attributions inside quotations.

Each case is a real sentence (or headline) with what a reader expects, analysed in fast mode.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from parsed import report_of

import sayso
from sayso.attribution.zones import DEK, HEADLINE, text_zones

ROOT = Path(__file__).resolve().parents[1]


def _report(text: str) -> sayso.ArticleReport:
    return report_of(text)


def _by_cue(report: sayso.ArticleReport, cue: str, after: str = "") -> sayso.Attribution:
    start = report_text_index(report, after)
    return next(a for a in report.attributions if a.cue.text == cue and a.cue.start >= start)


def report_text_index(report: sayso.ArticleReport, after: str) -> int:
    return 0 if not after else next(a.content.start for a in report.attributions if after in a.content.text)


@pytest.mark.parametrize(("text", "zones"), [
    ("Trump Denies Report He Ordered Mueller Fired\nThe president called it fake news\n\nBody.", [HEADLINE, DEK]),
    ("Michael Bloomberg reportedly keen to buy WSJ parent Dow Jones\n\nMedia baron Michael Bloomberg ...", [HEADLINE]),
    ("The council met on Monday.\nIt approved the budget.\n\nMore.", []),
    ("a lower-case first line that runs on\nand goes on here\nand here.", []),
])
def test_headline_zones(text: str, zones: list[str]) -> None:
    assert [z.name for z in text_zones(text)] == zones


@pytest.mark.parametrize(("text", "cue", "source"), [
    ("Trump Denies Report He Ordered Mueller Fired\n\nPresident Donald Trump on Friday denied a report.", "Denies",
     "Trump"),
    ("‘Ridiculous’: Trump Hits Back Over Axios Scoop\n\nPresident Donald Trump on Monday denied an Axios report.",
     ":", "Trump"),
    ("Varadkar says he'll get rid of 'leaky ministers' if in government again\n\nLeo Varadkar spoke on Friday.",
     "says", "Varadkar"),
    ("Bloomberg has no interest in Dow Jones, spokesman says\n\nMichael Bloomberg is not bidding, a spokesman said.",
     "says", "spokesman"),
])
def test_headline_attributions(text: str, cue: str, source: str) -> None:
    """The source phrase; which entity a title-cased headline's name becomes is the entity finder's."""
    a = _by_cue(_report(text), cue)
    assert a.cue.start < text.index("\n")
    assert a.source is not None and a.source.text == source


def test_a_kicker_that_names_no_one_is_no_speaker() -> None:
    report = _report("Ukraine: talks resume in Istanbul on Monday\n\nDelegations from both countries met on Monday.")
    assert not any(a.source and a.source.text == "Ukraine" for a in report.attributions)


def test_a_headline_does_not_change_how_the_body_resolves() -> None:
    """With the headline before it, the flagship quote of the canonical example stays Zelensky's."""
    body = (ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8")
    headline = "Zelensky Tells Trump Putin Is Playing Him With Peace Talks\n\n"
    flagship = "Putin told you he wants a deal"
    plain = next(a for a in _report(body).attributions if a.content.text.startswith(flagship))
    headed = next(a for a in _report(headline + body).attributions
                  if a.content.text.startswith(flagship) and a.cue.text == plain.cue.text)
    assert plain.speaker and headed.speaker and headed.speaker.name == plain.speaker.name == "Volodymyr Zelensky"


def test_first_person_inside_a_quotation_is_the_quoted_speaker() -> None:
    text = ("Zelensky said: “I told Trump that Putin is afraid of him. "
            "Trump said to me that Putin wants a deal.”")
    report = _report(text)
    outer = _by_cue(report, "said")
    told = _by_cue(report, "told")
    assert told.speaker and told.speaker.name == "Zelensky" and told.speaker_rule == "quoted_speaker.first_person"
    assert told.addressee and told.addressee.name == "Trump"
    assert told.nested_in == outer.id
    said_to_me = next(a for a in report.attributions if a.cue.text == "said" and a is not outer)
    assert said_to_me.speaker and said_to_me.speaker.name == "Trump"
    assert said_to_me.addressee and said_to_me.addressee.name == "Zelensky"
    assert said_to_me.nested_in == outer.id


def test_a_quoted_confirmation() -> None:
    """larrybrownsports, 2021: the agent's own "I can confirm" inside his quoted post."""
    text = ("“On behalf of Deshaun, I can confirm this information is made up,” agent David Mulugheta "
            "wrote on Twitter.")
    report = _report(text)
    confirm = _by_cue(report, "can confirm")
    assert confirm.speaker and confirm.speaker.name == "David Mulugheta"
    assert confirm.nested_in is not None


def test_polnear_output_keeps_the_outer_attribution_only() -> None:
    from sayso.cli.render import polnear_attributions

    report = _report("Zelensky said: “I told Trump that Putin is afraid of him.”")
    assert len(report.attributions) == 2
    assert [a.cue.text for a in polnear_attributions(report)] == ["said"]


@pytest.mark.parametrize(("text", "cues"), [
    # A report the headline names before what it says, and what its subject is said to have done.
    ("Trump Denies Report That Claimed He Suggested Nuking Hurricanes\n\nThe president took to Twitter.\n",
     {"Denies": "Trump", "Claimed": "Report", "Suggested": "He"}),
    (("'Ridiculous': Trump Hits Back Over Axios Scoop That He Suggested Nuking Hurricanes\n\n"
      "President Donald Trump called the story ridiculous.\n"), {"Scoop": "Axios", "Suggested": "He"}),
])
def test_what_a_headline_report_says(text: str, cues: dict[str, str]) -> None:
    found = {a.cue.text: a.source.text if a.source else "" for a in _report(text).attributions}
    assert {c: found.get(c) for c in cues} == cues


def test_reportedly_attributes_its_clause() -> None:
    report = _report("The counsel balked.\n\nMueller is reportedly aware of the incident.\n")
    assert [a.content.text for a in report.attributions if a.cue.text == "reportedly"] == \
        ["Mueller is ... aware of the incident"]


def test_a_noun_of_a_source_is_not_a_cue_in_a_headline() -> None:
    """The web example's title as the article's first line: Zelensky told Trump ..., and inside sources
    told Axios.  "sources", the head of who told Axios, is not itself a cue (rule cue_inside_a_source)."""
    from sayso.web.analysis import EXAMPLE_TITLE, example_text

    report = report_of(EXAMPLE_TITLE + "\n\n" + example_text(), publisher="The Daily Beast", published="2025-02-13")
    headline = [(a.source.text if a.source else None, a.cue.text) for a in report.attributions
                if a.cue.start < len(EXAMPLE_TITLE)]
    assert ("Zelensky", "told") in headline
    assert all(cue != "sources" for _, cue in headline), headline


def test_what_someone_is_reported_to_have_said_is_nested() -> None:
    """Rule nested_cue: a verb of speech with its subject and clause inside another attribution's words
    (ap, 2022); the PolNeAR view keeps the outer one only."""
    from sayso.cli.render import polnear_attributions

    report = _report("The Journal reported that people briefed on the intrusion said it appeared to date back "
                     "to February 2020.")
    outer, said = _by_cue(report, "reported"), _by_cue(report, "said")
    assert said.source is not None and said.source.text == "people briefed on the intrusion"
    assert said.content.text == "it appeared to date back to February 2020" and said.nested_in == outer.id
    assert [a.cue.text for a in polnear_attributions(report)] == ["reported"]


@pytest.mark.parametrize(("text", "cue", "source"), [
    ("The spokesperson denied Cummings's claim that Johnson tried to get his wife a job.", "claim", "Cummings"),
    ("One player said Fagan was among the staff who urged him to leave his partner.", "urged", "who"),
])
def test_nested_nouns_and_verbs_of_asking(text: str, cue: str, source: str) -> None:
    a = _by_cue(_report(text), cue)
    assert a.source is not None and a.source.text == source and a.nested_in is not None


@pytest.mark.parametrize(("text", "not_cue"), [
    # The outer speaker's own belief only hedges.
    ("Trump says in an interview that he believes the piece is a national security issue.", "believes"),
    ("But he said he doesn't know whether that is Trump's view.", "know"),
])
def test_what_is_not_nested(text: str, not_cue: str) -> None:
    assert not any(a.cue.text.endswith(not_cue) for a in _report(text).attributions)


def test_a_report_with_its_clause_is_an_attribution() -> None:
    """Rule report_noun: what a denial denies is itself reported (fresh dev: 31 of 35 marked), even
    where no one is said to have made the report; PolNeAR's view leaves it out."""
    from sayso.cli.render import polnear_attributions

    report = _report("Trump on Friday denied reports that he called for Mueller to be fired.")
    assert _by_cue(report, "reports").content.text == "that he called for Mueller to be fired"
    assert [a.cue.text for a in polnear_attributions(report)] == ["denied"]


@pytest.mark.parametrize(("text", "cue", "source", "content"), [
    (("Axios reported on Monday, citing three sources, that the president wanted to buy Greenland. The overall "
     "plan was still vague, one source said.\n\nThe president reportedly told aides that he liked the idea."),
     "citing", "three sources", "that the president wanted to buy Greenland"),
    (("Per Wickersham, multiple players told Bill Belichick they felt pressured.\n\n"
     "Tom Brady told Bill Belichick that he wanted assurances."),
     "Per", "Wickersham", "multiple players told Bill Belichick they felt pressured"),
])
def test_cited_sources_and_per_are_attributions(text: str, cue: str, source: str, content: str) -> None:
    """Rules citing and per: the cited sources say what the report says; "(as) per X" gives its clause a
    source as "according to" does.  Both are left out of the PolNeAR view."""
    from sayso.cli.render import polnear_attributions

    report = _report(text)
    a = _by_cue(report, cue)
    assert a.source is not None and a.source.text == source and a.content.text == content
    assert all(p.cue.text != cue for p in polnear_attributions(report))


YONHAP = ("No evidence shows ill intentions from U.S. in alleged tapping: security adviser\n\n"
          "WASHINGTON (Yonhap) -- The national security adviser said on Tuesday that the U.S. had no ill intentions.\n")
AXIOS_TAIL = ("Media mogul Michael Bloomberg looking to buy Dow Jones - Axios\n\n"
              "Billionaire Michael Bloomberg is interested in acquiring Dow Jones, Axios reported on Friday.\n")


@pytest.mark.parametrize(("text", "cue", "source"), [(YONHAP, ":", "security adviser"), (AXIOS_TAIL, "-", "Axios")])
def test_a_source_named_at_a_headlines_end(text: str, cue: str, source: str) -> None:
    """Rule headline.trailing_source; the models' 'looking' is part of what Axios says."""
    headline = [a for a in _report(text).attributions if a.cue.start < text.index("\n")]
    assert [(a.cue.text, a.source.text if a.source else None) for a in headline] == [(cue, source)]


def test_a_kicker_and_a_hyphen_are_no_source() -> None:
    scoop = ("Scoop: Democrats ready to fight unwanted candidates in Senate primaries\n\n"
             "Sen. Kirsten Gillibrand has been privately indicating she is prepared to intervene.\n")
    latest = ("The Latest: WH official says Trump gave no order on op-ed\n\n"
              "The Latest on President Donald Trump and an anonymous op-ed in The New York Times.\n")
    for text in (scoop, latest):
        sources = [a.source.text for a in _report(text).attributions if a.source and a.cue.start < text.index("\n")]
        assert not {"Scoop", "ed", "The Latest"} & set(sources), sources


def test_a_quotation_that_runs_on_is_its_speakers() -> None:
    """Rule quote_continued (newstalk, 2020): the next paragraph's quotation, with no cue of its own, is
    the same speaker's under the same cue; PolNeAR gives the cue one attribution."""
    from sayso.cli.render import polnear_attributions

    text = ("Leo Varadkar spoke in the Dail on Thursday.\n\n"
            "He said: \"Once again I have to apologise for some of my leaky ministers.\n\n"
            "\"I'll try and make sure I have fewer leaky ministers next time.\"\n\n"
            "The opposition laughed.\n")
    said = [a for a in _report(text).attributions if a.cue.text == "said"]
    assert [a.content.text.startswith(("Once again", "I'll try")) for a in said] == [True, True]
    assert len({a.speaker.name if a.speaker else None for a in said}) == 1 and said[0].speaker is not None
    assert [a.cue.text for a in polnear_attributions(_report(text))] == ["said"]


def test_a_reportedly_inside_what_someone_says_is_nested() -> None:
    """Rule reportedly.nested (afp, 2023); inside what a report says, "reportedly" says the report again."""
    from sayso.cli.render import polnear_attributions

    report = _report("A Hong Kong journalist group said Friday it was very concerned about the safety of a "
                     "reporter who was reportedly missing after attending a forum in Beijing.")
    outer, reportedly = _by_cue(report, "said"), _by_cue(report, "reportedly")
    assert reportedly.nested_in == outer.id and "missing after attending a forum" in reportedly.content.text
    assert [a.cue.text for a in polnear_attributions(report)] == ["said"]
    relayed = _report("Michael Bloomberg is reportedly interested in acquiring Dow Jones, Axios reported on Friday.")
    reported = _by_cue(relayed, "reported")
    assert not any(a.cue.text == "reportedly" and a.nested_in == reported.id for a in relayed.attributions)


def test_a_headline_that_asks_says_nobody_said_anything() -> None:
    """Rule headline.question (oregonlive, 2019): "Did Donald Trump want to ...?" asks; it reports no
    one's words, so its verb is no cue."""
    text = ("Did Donald Trump want to set off nuclear bombs inside hurricanes? Trump denies it\n\n"
            "President Donald Trump on Monday denied a report that he had suggested the idea.\n")
    report = sayso.analyze(text, mode="fast")
    headline = [a.cue.text for a in report.attributions if a.cue.start < text.index("\n")]
    assert not any("want" in cue for cue in headline), headline


def test_a_quotation_the_content_runs_on_into_is_a_part_of_its_own() -> None:
    """Rule quote_continued, within the models' content (cnbc, courierpress, scroll ...): "“...,” said
    Patrick McGinley, ... “This company ...”" read as one content gives the part after the cue's
    sentence an attribution of its own under the same cue, left out of the PolNeAR view."""
    from test_roles import LONG_QUOTES

    from sayso.cli.render import polnear_attributions

    report = report_of(LONG_QUOTES)
    mcginley = [a for a in report.attributions if a.source and a.source.text.startswith("Patrick McGinley")]
    assert [a.content.text.startswith("This company") for a in mcginley] == [False, True], mcginley
    assert mcginley[0].cue == mcginley[1].cue and mcginley[0].speaker == mcginley[1].speaker
    assert sum(a.cue == mcginley[0].cue for a in polnear_attributions(report)) == 1


def test_a_quotation_with_its_own_cue_after_it_is_not_a_part() -> None:
    """Rule quote_continued leaves a quotation to the cue that follows it in its own sentence: where
    the models' content for Smith's "said" runs on into "“They will lose,” Jones said.", that
    quotation is Jones's, not a second statement of Smith's (a walkthrough's 64 such sentences gave
    127 statements)."""
    text = ("“We will win,” Smith said. “They will lose,” Jones said. “It is over,” Brown said.\n\n"
            "“Nobody knows,” Lee said.\n")
    report = sayso.analyze(text, mode="fast")
    said = [(a.source.text, a.cue.text) for a in report.attributions if a.source is not None]
    assert said == [("Smith", "said"), ("Jones", "said"), ("Brown", "said"), ("Lee", "said")], said
