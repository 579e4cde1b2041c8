"""Who the source is when the cue has no subject of its own, and rules on layout.

A passive cue's source is its "by" agent, or nobody, never the thing it is
about; a participle's ("..., saying ...") is the subject of the verb it hangs from.
Quotations signed after a dash, lines led by a speaker and a colon, and split
quotations are read as a reader would.
"""

from __future__ import annotations

import pytest
from parsed import parse_of, report_of

import sayso
from sayso.records import UNNAMED_KINDS


def _finds(report: sayso.ArticleReport) -> list[sayso.Attribution]:
    """Every find, the reader's and those the reader's view moved to polnear_only ("cited a
    reason", "criticized the decision"): roles are decided for both, as PolNeAR marks them."""
    return [*report.attributions, *(m.attribution for m in report.polnear_only)]


@pytest.fixture(scope="module", params=["fast", "accurate"])
def by_cue(request, roles_article: str) -> dict[str, sayso.Attribution]:  # type: ignore[no-untyped-def]
    """Attributions by the cue's last word and the first word of its paragraph (conftest's roles_article)."""
    report = report_of(roles_article, mode=request.param)
    out = {}
    for a in _finds(report):
        paragraph = roles_article[: a.cue.start].rsplit("\n\n", 1)[-1]
        out[f"{paragraph.split()[0]} {a.cue.text.split()[-1]}"] = a
    return out


@pytest.mark.parametrize("cue", ["United accused", "United blamed", "Mr. accused"])
def test_passive_cue_without_agent_has_no_source(by_cue: dict[str, sayso.Attribution], cue: str) -> None:
    assert cue in by_cue, f"no attribution on {cue!r}: {sorted(by_cue)}"
    assert by_cue[cue].source is None, by_cue[cue].source


def test_passive_cue_with_agent_keeps_the_agent(by_cue: dict[str, sayso.Attribution]) -> None:
    a = by_cue["The criticized"]
    assert a.source is not None and "Elizabeth Warren" in a.source.text
    assert "The plan" in a.content.text


@pytest.mark.parametrize(("cue", "speaker"), [("Mr. persuading", "Mr. Clarke"), ("Stumpf explaining", "Stumpf")])
def test_participle_cue_takes_the_subject_of_its_verb(by_cue: dict[str, sayso.Attribution],
                                                      cue: str, speaker: str) -> None:
    assert cue in by_cue, f"no attribution on {cue!r}: {sorted(by_cue)}"
    source = by_cue[cue].source
    assert source is not None and source.text == speaker, source


def test_relative_pronoun_speaks_for_the_name_it_follows(by_cue: dict[str, sayso.Attribution]) -> None:
    a = by_cue["The said"]
    assert a.source is not None and a.source.text == "who"
    assert a.speaker is not None and a.speaker.name == "Elizabeth Warren"
    assert a.source_kind == "named_person"


SIGNED = (
    "Readers sent us their reactions to the debate.\n\n"
    "\u201cMr. Trump is clueless about the lives of immigrants. He has no idea what we go through.\u201d "
    "\u2015 Stephanie Egan\n"
    "\u201cTonight\u2019s debate showed that this country has gotten the candidate it deserves.\u201d \u2015 Martha Aguilar\n"
    "\u201cMaybe, we can build a wall around Donald Trump.\u201d \u2015\u00a0Steve Quinlan.\n"
)


def by_source(report: sayso.ArticleReport, cue: str) -> dict[str, sayso.Attribution]:
    """The report's attributions whose cue is ``cue``, by the text of their source."""
    return {a.source.text: a for a in _finds(report) if a.cue.text == cue and a.source}


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_quotations_signed_after_a_dash(mode: str) -> None:
    signed = by_source(report_of(SIGNED, mode=mode), "\u2015")
    assert sorted(signed) == ["Martha Aguilar", "Stephanie Egan", "Steve Quinlan"]
    assert signed["Steve Quinlan"].content.text.startswith("\u201cMaybe, we can build a wall")
    assert all(a.kind == "direct" and a.speaker is not None for a in signed.values())


TRANSCRIPT = (
    "Pence: Clinton Camp Is Playing Games With the Debate\n\n"
    "Vice presidential nominee Mike Pence spoke to Chris Wallace of Fox News on Sunday.\n\n"
    "WALLACE: Will Gennifer Flowers be sitting in the front row tomorrow night?\n\n"
    "PENCE: Well, look, Gennifer Flowers will not be attending the debate tomorrow night.\n\n"
    "Correction: An earlier version of this story misspelled Ms. Flowers's first name.\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_lines_led_by_a_speaker_and_a_colon(mode: str) -> None:
    report = report_of(TRANSCRIPT, mode=mode)
    lines = by_source(report, ":")
    assert sorted(lines) == ["PENCE", "Pence", "WALLACE"], sorted(lines)
    assert lines["PENCE"].content.text.startswith("Well, look, Gennifer Flowers")
    assert lines["PENCE"].speaker is not None and lines["PENCE"].speaker.name == "Mike Pence"
    assert lines["Pence"].content.text.startswith("Clinton Camp Is Playing")
    assert not any("earlier version" in a.content.text for a in _finds(report))


SPLIT_QUOTES = (
    "Senator Jane Whitfield spoke after the vote.\n\n"
    "\u201cWe must act on this now,\u201d she told reporters on Monday, \u201cbefore the money runs out "
    "and the schools close.\u201d\n\n"
    "\u201cThe truth,\u201d the senator said then, \u201cwas that nobody in the chamber had read the bill.\u201d\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_split_quotation_leaves_out_the_words_between_its_halves(mode: str) -> None:
    report = report_of(SPLIT_QUOTES, mode=mode)
    by_cue = {a.cue.text: a for a in _finds(report)}
    told, said = by_cue["told"].content.text, by_cue["said"].content.text
    assert told.startswith("We must act") and told.endswith("the schools close"), told
    assert "reporters" not in told and "Monday" not in told, told
    assert said.startswith("The truth") and "then" not in said, said


# Short passages from PolNeAR dev where the fast mode used to stop inside the quotation.
LONG_QUOTES = (
    "In his speech, Graham urged Republicans to join the ranks of climate change believers, and "
    "criticized the party\u2019s lack of environmental awareness.\n\n\u201cDoes anybody know what the "
    "environmental platform of the Republican Party is?\u201d Graham asked. \u201cNeither do I.\u201d\n\n"
    "\"It was a spectacular deal for Patriot,\" said Patrick McGinley, a law professor at West Virginia "
    "University who has been involved in cases against coal companies since 1970s. \"This company has had "
    "complete success in divesting itself of all liabilities of every kind, including environmental "
    "liabilities, which are the hardest to shed.\"\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_quotation_is_taken_whole_not_stopped_inside_it(mode: str) -> None:
    report = report_of(LONG_QUOTES, mode=mode)
    graham = [a.content.text for a in _finds(report) if a.cue.text == "asked" and a.source and a.source.text == "Graham"]
    asked = graham[0]
    assert asked.startswith("Does anybody know what") and "Republican Party is" in asked, asked
    # The next sentence's quotation is his too: in the same content, or under the same cue (rule quote_continued).
    assert "Neither do I" in asked or (len(graham) >= 2 and "Neither do I" in graham[1]), graham
    # A reader reads each quotation once: a content told in parts stays whole for PolNeAR only.
    told = [a.content.text for a in report.attributions if a.cue.text == "asked"]
    assert len(told) == len(set(told)) and sum("Neither do I" in c for c in told) == 1, told
    # The models' content, whole (PolNeAR's view of it, when the reader's view tells it in parts).
    said = max((a for a in _finds(report) if a.source and a.source.text.startswith("Patrick McGinley")),
               key=lambda a: len(a.content.text))
    assert said.content.text.endswith("which are the hardest to shed"), said.content.text


def test_the_source_never_takes_in_its_cue() -> None:
    # The parser reads "Said Ellis" as one name; the cue stays out of the source.
    text = ("\u201cIt\u2019s hard to avoid,\u201d said Ryan Ellis, a Republican tax consultant.\n\n"
            "If anything, experts say her plans would make the code more complicated. Said Ellis: "
            "\u201cI don\u2019t get the sense she\u2019s the least bit interested in tax reform.\u201d\n")
    report = report_of(text, mode="accurate")
    said = next(a for a in _finds(report) if a.cue.text == "Said")
    assert said.source is not None and said.source.text == "Ellis"
    assert said.speaker is not None and said.speaker.name == "Ryan Ellis"


HELD_CONCERNS = (
    "Trump\u2019s call with Putin had raised concerns from some that he was prepared to give in to the "
    "Russians\u2019 demands, backing Ukraine into a corner.\n\n"
    "The proposal has sparked fears among progressive economists that the plan will undermine the recovery.\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_whoever_holds_the_concerns_is_the_source_not_what_raised_them(mode: str) -> None:
    report = report_of(HELD_CONCERNS, mode=mode)
    sources = {a.content.text.split()[-1]: a for a in _finds(report) if a.source}
    call, proposal = sources["corner"] if "corner" in sources else sources["demands"], sources["recovery"]
    assert call.source.text == "some" and "concerns" in call.cue.text, call
    # One attribution, not one for "raised" and another for the noun "concerns".
    assert sum("Russians" in a.content.text for a in _finds(report)) == 1, _finds(report)
    assert call.source_kind == "unspecified" and call.speaker.name != "Donald Trump"
    assert proposal.source.text == "progressive economists" and "fears" in proposal.cue.text, proposal
    assert proposal.source_kind in UNNAMED_KINDS


CITING = ("McCain criticized the economy on Tuesday, citing low economic growth and unemployment. "
          "Axios reported the call, citing a Ukrainian official and three other sources.")


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_citing_a_reason_is_an_attribution_citing_a_source_is_a_citation(mode: str) -> None:
    report = report_of(CITING, mode=mode)
    by_cue = {a.cue.text: a for a in _finds(report) if a.cue.text != "citing"}
    citing = {a.source.text if a.source else None: a for a in _finds(report) if a.cue.text == "citing"}
    reason = citing["McCain"]
    assert reason.content.text == "low economic growth and unemployment"
    assert not by_cue["criticized"].citing
    reported = by_cue["reported"]
    assert [c.source_kind for c in reported.citing] == ["anonymous_group"]
    # Rule citing: the cited sources are said to have said what the report says, an attribution of their own.
    cited = citing["a Ukrainian official and three other sources"]
    assert cited.content.text == "the call" and cited.source_kind == "anonymous_group"
    assert len(citing) == 2


COLON_BLOCKS = (
    "Former Defense Secretary Robert Gates was blunt about the rules. He said:\n\n"
    "\u201cIn all the administrations I\u2019ve served in, when you go into the Situation Room, "
    "you leave your phone outside.\u201d\n\n"
    "Reporter Jomana Karadsheh says:\n\n"
    "\u201cWell, according to the eyewitnesses, the crowd stayed for about an hour.\n\n"
    "\u201cThen the police arrived and everyone left.\u201d\n\n"
    "The mayor was not at the meeting.\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_cue_ending_its_paragraph_with_a_colon_introduces_the_next(mode: str) -> None:
    report = report_of(COLON_BLOCKS, mode=mode)
    by_cue = {a.cue.text: a for a in _finds(report)}
    said, says = by_cue["said"], by_cue["says"]
    assert said.speaker is not None and said.speaker.name == "Robert Gates"
    assert said.content.text.startswith("In all the administrations"), said.content.text
    assert said.content.text.endswith("leave your phone outside") and said.kind == "direct"
    # A quotation re-opened in each paragraph and closed in the last is one content, still direct.
    assert says.content.text.startswith("Well, according to"), says.content.text
    assert says.content.text.endswith("everyone left") and says.kind == "direct"
    assert not any("mayor" in a.content.text for a in _finds(report))


SEEMS = (
    "Veto fight looms.\n\n"
    "The president vetoed the bill on Friday. Republicans seem confident that they have the votes "
    "to override him.\n"
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_seem_reports_an_impression_without_its_holder(mode: str) -> None:
    # PolNeAR marks "X seems ..." with no source and X in the content (190 of 238 such cues on train).
    seem = next(a for a in _finds(report_of(SEEMS, mode=mode)) if a.cue.text == "seem")
    assert seem.source is None, seem.source
    assert seem.content.text.startswith("Republicans") and seem.content.text.endswith("override him")


#: A dateline opens the paragraph; the source is the people after it.
DATELINE = (
    "E.U. leaders weigh their future.\n\n"
    "BRUSSELS - European leaders said Friday that they would seek a new plan for the bloc's borders after "
    "a summit overshadowed by Britain's vote to leave."
)


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_dateline_is_not_part_of_the_source(mode: str) -> None:
    said = next(a for a in _finds(report_of(DATELINE, mode=mode)) if a.cue.text == "said")
    assert said.source is not None and said.source.text == "European leaders", said
    assert said.speaker is not None and said.speaker.name == "European leaders"


#: (sentence, a source run as the role models sometimes cut it, the source a reader would mark)
RAGGED_SOURCES = [
    ("A group of black parents with kids in charter schools said the moratorium would hurt them.",
     "of black parents with kids in charter schools",
     "A group of black parents with kids in charter schools"),
    ("One of Mr. Obama's climate advisers said the rule would survive in court.",
     "of Mr. Obama's climate advisers", "One of Mr. Obama's climate advisers"),
    ("Senate Minority Leader Harry Reid (D-Nev.), in a statement, said the bill was a disgrace.",
     "Senate Minority Leader Harry Reid (D-Nev.), in", "Senate Minority Leader Harry Reid (D-Nev.)"),
    ("The union endorsed Mr. Obama, who said on Friday that he was grateful.", "Mr. Obama, who", "Mr. Obama"),
    ("Not everyone in the party said the plan would work.",
     "everyone in the party", "Not everyone in the party"),
    ("Several voters, most of whom backed Mr. Trump, said the debate changed nothing.",
     "most of", "most of whom"),
    ("Several voters, many of whom backed Mr. Trump, said the debate changed nothing.",
     "many of whom", "many of whom"),
    ("The union endorsed Mr. Obama, who said on Friday that he was grateful.", "who", "who"),
]


@pytest.mark.parametrize(("sentence", "ragged", "mended"), RAGGED_SOURCES)
def test_a_source_cut_at_a_joining_word_is_mended(sentence: str, ragged: str, mended: str) -> None:
    from sayso.attribution.extract import _tidy_source
    from sayso.attribution.table import build_table

    t = build_table(parse_of(sentence))
    start = sentence.index(ragged)
    run = tuple(k for k in range(t.n) if start <= t.starts[k] < start + len(ragged))
    said = next(k for k in range(t.n) if t.words[k] == "said")
    tidied = _tidy_source(t, run, said)
    assert sentence[t.starts[tidied[0]]:t.ends[tidied[-1]]] == mended
