"""Claims and stories across outlets (issue 29): a report, its relays and its denial."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from parsed import report_of

from sayso.corpus.claims import ClaimInput, group_claims, stance_of
from sayso.store import open_store
from sayso.store.core import ArticleInfo, Store


def _c(article: str, content: str, publisher: str, date: str, *, kind: str = "indirect",
       speaker: str | None = None, cue: str = "said", anonymous: bool = False) -> ClaimInput:
    return ClaimInput(article_id=article, attr_id="a1", kind=kind, content=content, speaker=speaker,
                      publisher_key=publisher.lower(), publisher=publisher, published=date, cue=cue,
                      anonymous=anonymous)


REPORT = "that Trump ordered special counsel Robert Mueller fired last June"
RELAY = "Trump ordered special counsel Robert Mueller fired in June"
DENIAL = "that he ordered special counsel Robert Mueller fired last June"


def test_a_report_relays_and_denial_form_one_claim_in_a_five_article_corpus() -> None:
    items = [_c("nyt", REPORT, "The New York Times", "2018-01-25T20:00:00-05:00", speaker="org:nyt",
                anonymous=True),
             _c("bi", RELAY, "Business Insider", "2018-01-26", speaker="org:nyt"),
             _c("reu", DENIAL, "Reuters", "2018-01-26", speaker="person:trump", cue="denied"),
             _c("x", "the hurricane season would be mild this year says the weather service", "X", "2018-01-26"),
             _c("y", "Trump ordered special counsel Robert Mueller fired", "Y", "2019-06-01")]  # a year on
    (claim,) = group_claims(items)
    assert [m.article_id for m, _ in claim.members] == ["nyt", "bi", "reu"]
    assert [stance_of(m, claim.first) for m, _ in claim.members] == ["asserts", "asserts", "denies"]
    assert claim.status == "disputed" and claim.first_tied == ()


def test_negation_is_a_denial_not_an_assertion() -> None:
    first = _c("a", "Bloomberg is interested in acquiring Dow Jones or the Washington Post", "Axios", "2022-12-23")
    other = _c("b", "Bloomberg has no interest in acquiring Dow Jones or the Washington Post", "Reuters",
               "2022-12-25")
    assert stance_of(other, first) == "denies" and stance_of(first, first) == "asserts"


def test_a_tie_for_first_is_a_tie_not_alphabetical() -> None:
    items = [_c("z", REPORT, "Zeta", "2018-01-26"), _c("a", RELAY, "Alpha", "2018-01-26T10:00:00Z")]
    (claim,) = group_claims(items)
    assert claim.first_tied == ("a", "z")
    timed = [_c("z", REPORT, "Zeta", "2018-01-26T09:00:00Z"), _c("a", RELAY, "Alpha", "2018-01-26T10:00:00Z")]
    (claim,) = group_claims(timed)
    assert claim.first.publisher == "Zeta" and claim.first_tied == ()


def test_unnamed_sources_only() -> None:
    items = [_c("a", REPORT, "Times", "2018-01-25", anonymous=True),
             _c("b", RELAY, "Post", "2018-01-26", anonymous=True)]
    (claim,) = group_claims(items)
    assert claim.status == "unnamed_sources"


def _senators_store(url: str) -> Store:
    """A store of the texts of test_co_speakers_store (their parses are saved): three senators'
    words, one claim; rebuilt."""
    from test_co_speakers_store import CLAIM_ARTICLES

    store = open_store(url)
    for (publisher, published, link, text) in CLAIM_ARTICLES:
        store.ingest_report(ArticleInfo(source=link, url=link, publisher=publisher, published=published),
                            text, report_of(text))
    store.rebuild()
    return store


def test_stories_and_timeline_in_the_store(db_url: str) -> None:
    store = _senators_store(db_url)
    try:
        (story,) = store.stories()
        assert story["n_articles"] == 3 and story["first_carriers"] == ["Roll Call"]
        assert not story["tie_for_first"]
        assert [t["role"] for t in story["timeline"]][:2] == ["first report", "relay"]
        assert store.story(story["id"]) == story and store.story("nope") is None
    finally:
        store.close()


def test_a_verdict_on_a_report_joins_the_report_named_before_it_not_the_biggest_claim() -> None:
    # Article "r" carries two claims; "fake news" follows the smaller one, so it denies that one.
    big = "that Bloomberg wants to buy Dow Jones or the Washington Post this year"
    small = "that Bloomberg never approached the Murdoch family about the deal at all"
    items = [_c("a", big, "Axios", "2022-12-23"), _c("a", small, "Axios", "2022-12-23"),
             _c("b", big, "Reuters", "2022-12-23"), _c("c", big, "Benzinga", "2022-12-23"),
             ClaimInput(article_id="r", attr_id="a1", kind="indirect", content=big, speaker=None,
                        publisher_key="x", publisher="X", published="2022-12-24", cue="reported"),
             ClaimInput(article_id="r", attr_id="a2", kind="indirect", content=small, speaker=None,
                        publisher_key="x", publisher="X", published="2022-12-24", cue="reported"),
             ClaimInput(article_id="r", attr_id="a3", kind="direct", content="Just more FAKE NEWS!",
                        speaker="person:b", publisher_key="x", publisher="X", published="2022-12-24",
                        cue="said")]
    claims = {c.text: c for c in group_claims(items)}
    assert ("r", "a3") in {(m.article_id, m.attr_id) for m, _ in claims[small].members}
    (verdict,) = [m for m, _ in claims[small].members if m.attr_id == "a3"]
    assert stance_of(verdict, claims[small].first) == "denies"


def test_a_headline_colon_is_a_saying_cue() -> None:
    items = [_c("v", "Trump ordered Mueller fired", "Vindicator", "2018-01-25", cue=":"),
             _c("r", "report he ordered Mueller fired", "Reuters", "2018-01-26", cue="denies")]
    (claim,) = group_claims(items)
    assert claim.first.article_id == "v"


def test_a_quoted_part_of_a_quote_is_the_same_quote() -> None:
    whole = '"I got it. I got it. Why don\u2019t we nuke them?"'
    items = [_c("a", whole, "Axios", "2019-08-25", kind="direct", speaker="person:trump"),
             _c("b", '"I got it. I got it,"', "Oregonian", "2019-08-26", kind="direct", speaker="person:trump")]
    (claim,) = group_claims(items)
    assert claim.kind == "quote" and [m.article_id for m, _ in claim.members] == ["a", "b"]


def _member(article: str, day: str) -> dict[str, object]:
    return {"article_id": article, "attr_id": "a1", "publisher": article.upper(), "published": day,
            "stance": "asserts", "content": "x", "title": None}


def test_articles_that_report_one_event_and_carry_claims_form_one_story() -> None:
    from sayso.corpus.stories import event_links, group_stories

    meeting = {"what": "meeting", "plover": "CONSULT", "date": "2018-01-20",
               "participants": [{"name": "Donald Trump"}, {"name": "Don McGahn"}]}
    later = dict(meeting, date="2018-01-22")
    other = dict(meeting, participants=[{"name": "Donald Trump"}, {"name": "Jeff Sessions"}])
    claims = [{"id": "c1", "text": "x", "status": "reported", "members": [_member("a", "2018-01-25"),
                                                                          _member("b", "2018-01-26")]},
              {"id": "c2", "text": "y", "status": "reported", "members": [_member("c", "2018-01-26"),
                                                                          _member("d", "2018-01-27")]}]
    assert len(group_stories(claims)) == 2
    assert event_links({"b": [meeting], "c": [later], "x": [other]}) == [("b", "c")]
    (story,) = group_stories(claims, {"b": [meeting], "c": [later], "lonely": [meeting]})
    assert story["n_articles"] == 4 and story["first_carriers"] == ["A"]


def test_the_same_claims_and_stories_on_every_backend(db_url: str, tmp_path: Path) -> None:
    answers = []
    for url in (db_url, f"sqlite:///{tmp_path / 'reference.db'}"):
        store = _senators_store(url)
        try:
            answers.append((store.claims(min_outlets=0), store.stories()))
        finally:
            store.close()
    assert answers[0] == answers[1] and answers[0][1]


def test_a_statement_inside_a_quotation_joins_the_relayed_claim() -> None:
    # "I told Macron that the deal is dead," Scholz said  /  sources: Scholz told Macron the deal was dead.
    relay = _c("axios", "Scholz told Macron the trade deal was dead", "Axios", "2024-05-01",
               speaker="person:scholz", anonymous=True)
    nested = _c("nbc", "the trade deal is dead", "NBC", "2024-05-03", kind="direct", speaker="person:scholz",
                cue="told")
    (claim,) = group_claims([relay, nested])
    assert [m.article_id for m, _ in claim.members] == ["axios", "nbc"]
    # Scholz on the record confirms what unnamed sources said he said.
    assert [stance_of(m, claim.first) for m, _ in claim.members] == ["asserts", "confirms"]
    assert claim.status == "confirmed"


def test_an_intention_a_post_and_a_named_report_are_claims_a_topic_is_not() -> None:
    from sayso.corpus.claims import proposition, propositional

    # The cue's verb belongs to the proposition: "threatened | to resign" says what "said he would
    # resign" says, and "reportedly" is no part of it.
    threat = _c("a", "to resign rather than carry out the order", "Times", "2018-01-25", cue="reportedly threatened")
    assert propositional(threat) and proposition(threat) == "threatened to resign rather than carry out the order"
    assert propositional(_c("b", "Axios (whatever that is) made it up", "Hill", "2019-08-27", cue="tweeted"))
    # A content that names a report and what it says carries it, whatever the cue.
    assert propositional(_c("c", "Axios Scoop That He Suggested Nuking Hurricanes", "Caller", "2019-08-26",
                            cue="Hits"))
    assert propositional(_c("e", "Axios report on hurricane nuking idea", "Hill", "2019-08-27", cue="vents over"))
    # A scoop is a report: "Axios Scoop: He Suggested Nuking Hurricanes".
    assert propositional(_c("f", "He Suggested Nuking Hurricanes", "Caller", "2019-08-26", cue="Scoop"))
    # A topic stays a topic, "reportedly" or not.
    assert not propositional(_c("d", "Trump's plan to ban Muslims", "Post", "2016-01-01", cue="reportedly condemned"))


def test_a_long_verdict_on_a_named_report_joins_the_report() -> None:
    # Too long to be only a reference ("the report a 'phony story' ..."), and no paraphrase of the
    # report: it names the report and calls it made up, so it joins the report's claim as a denial.
    report = "that Trump suggested using nuclear bombs to stop hurricanes from hitting the United States"
    verdict = ClaimInput(article_id="b", attr_id="a2", kind="mixed", speaker="person:trump",
                         content="the report a “phony story” that the “Fake News is still trying to perpetuate",
                         publisher_key="hill", publisher="Hill", published="2019-08-27", cue="called")
    items = [_c("a", report, "Axios", "2019-08-25"), _c("b", report, "Hill", "2019-08-27"), verdict]
    (claim,) = group_claims(items)
    assert ("b", "a2") in {(m.article_id, m.attr_id) for m, _ in claim.members}
    assert stance_of(verdict, claim.first) == "denies"
    # A verdict with no report it names stays alone.
    alone = ClaimInput(article_id="b", attr_id="a3", kind="direct", speaker="person:trump",
                       content="the hurricane forecasts this week have been ridiculous", publisher_key="hill",
                       publisher="Hill", published="2019-08-27", cue="said")
    (claim,) = group_claims([*items[:2], alone])
    assert ("b", "a3") not in {(m.article_id, m.attr_id) for m, _ in claim.members}


def test_a_wish_given_as_reported_is_a_claim() -> None:
    from sayso.corpus.claims import propositional

    # "is reportedly | interested in acquiring Dow Jones": the adverb is the cue, the wish opens the content.
    assert propositional(_c("a", "interested in acquiring either Dow Jones or The Washington Post", "National",
                            "2022-12-23", cue="reportedly"))
    assert propositional(_c("b", "to buy WSJ parent Dow Jones", "National", "2022-12-23", cue="reportedly keen"))
    assert propositional(_c("d", "interest in acquiring Dow Jones", "Benzinga", "2022-12-23",
                            cue="has reportedly shown"))
    assert not propositional(_c("c", "the merger talks", "National", "2022-12-23", cue="reportedly"))


def test_names_and_their_short_forms() -> None:
    from sayso.corpus.claims import names, shared_names

    short = names("Bloomberg eyeing Murdoch's WSJ-Dow Jones or Bezos' WaPo")
    full = names("Michael Bloomberg wants to expand his media empire with either Dow Jones or The Washington Post")
    # WSJ is Wall Street Journal's initials, WaPo the Washington Post's first letters; a title is no name.
    assert {"wsj", "wapo"} <= set().union(*names("President Trump read The Wall Street Journal and The Washington Post"))
    assert not any("president" in n for n in names("President Trump"))
    assert shared_names(short, full) == 3


def test_the_same_names_attach_a_statement_but_never_merge_two_claims() -> None:
    # Vectors chosen so that only rule entities can join the last statement: two claims about
    # Bloomberg and Dow Jones (cosine 0.76 within each, 0 between), and a statement at 0.55 from both.
    texts = {"Bloomberg is interested in buying Dow Jones": [1.0, 0.0, 0.0, 0.0],
             "Michael Bloomberg wants Dow Jones": [0.76, 0.65, 0.0, 0.0],
             "Bloomberg sees Dow Jones as the better fit": [0.0, 0.0, 1.0, 0.0],
             "Bloomberg finds Dow Jones an ideal fit": [0.0, 0.65, 0.76, 0.0],
             "Bloomberg eyeing Dow Jones": [0.55, 0.0, 0.55, 0.63]}
    embed = lambda ts: np.array([np.array(texts[t]) / np.linalg.norm(texts[t]) for t in ts])
    items = [ClaimInput(article_id=f"a{n}", attr_id="a1", kind="indirect", content=t, speaker=None,
                        publisher_key=f"p{n}", publisher=f"P{n}", published="2022-12-23", cue="said")
             for n, t in enumerate(texts)]
    claims = group_claims(items, embedder=embed)
    assert sorted(len(c.members) for c in claims) == [2, 3]
    assert [c.rule for c in claims if len(c.members) == 3] == ["entities"]


def test_a_denial_that_does_not_restate_the_report_joins_the_report_its_article_relays() -> None:
    # "denied | talks are taking place" shares too little with "in early talks to acquire BP" for any
    # closeness rule; a reader files it under the report the article relays (rule answers_report).
    talks = "Shell is in early talks to acquire its rival BP in what would be the biggest oil deal"
    items = [_c("wsj", talks, "Wall Street Journal", "2025-06-25", speaker="org:wsj", anonymous=True),
             _c("ind", talks, "Independent", "2025-06-26", speaker="org:wsj"),
             ClaimInput(article_id="ind", attr_id="a2", kind="indirect", content="talks are taking place",
                        speaker="org:shell", publisher_key="independent", publisher="Independent",
                        published="2025-06-26", cue="denied"),
             ClaimInput(article_id="ind", attr_id="a3", kind="indirect", content="oil prices rose on Thursday",
                        speaker=None, publisher_key="independent", publisher="Independent",
                        published="2025-06-26", cue="said")]
    (claim,) = group_claims(items)
    assert [(m.article_id, m.attr_id) for m, _ in claim.members] == [("wsj", "a1"), ("ind", "a1"), ("ind", "a2")]
    assert claim.stances() == ["asserts", "asserts", "denies"] and claim.status == "disputed"
    # Alone in its article, with no report relayed there, the denial joins nothing.
    assert group_claims([items[0], items[2]]) == []


def test_standing_by_the_reporting_names_the_report_not_a_statement_that_stands_by_it_with_more() -> None:
    report = "Trump suggested using nuclear bombs to stop hurricanes from hitting the United States"
    meetings = "he raised the suggestion in at least two meetings during the hurricane season"
    items = [_c("a", report, "Axios", "2019-08-25"), _c("a", meetings, "Axios", "2019-08-25"),
             ClaimInput(article_id="b", attr_id="a1", kind="indirect", content=report, speaker=None,
                        publisher_key="e", publisher="Epoch", published="2019-08-26", cue="reported"),
             ClaimInput(article_id="b", attr_id="a2", kind="indirect",
                        content=f"I stand by every word in the story. {meetings}", speaker=None,
                        publisher_key="e", publisher="Epoch", published="2019-08-26", cue="wrote"),
             ClaimInput(article_id="b", attr_id="a3", kind="indirect", content="We stand by our reporting",
                        speaker=None, publisher_key="e", publisher="Epoch", published="2019-08-26", cue="wrote")]
    claims = {c.text: c for c in group_claims(items)}
    assert ("b", "a3") in {(m.article_id, m.attr_id) for m, _ in claims[report].members}
    assert ("b", "a3") not in {(m.article_id, m.attr_id) for m, _ in claims[meetings].members}
