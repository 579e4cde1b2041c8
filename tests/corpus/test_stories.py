"""Claims and stories across outlets (issue 29): a report, its relays and its denial."""

from __future__ import annotations

from parsed import report_of

from sayso.corpus.claims import ClaimInput, group_claims, stance_of
from sayso.store import open_store
from sayso.store.core import ArticleInfo


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


def test_stories_and_timeline_in_the_store(db_url: str) -> None:
    # The texts of test_co_speakers_store (their parses are saved): three senators' words, one claim.
    from test_co_speakers_store import CLAIM_ARTICLES

    store = open_store(db_url)
    try:
        for (publisher, published, url, text) in CLAIM_ARTICLES:
            store.ingest_report(ArticleInfo(source=url, url=url, publisher=publisher, published=published),
                                text, report_of(text))
        store.rebuild()
        (story,) = store.stories()
        assert story["n_articles"] == 3 and story["first_carriers"] == ["Roll Call"]
        assert not story["tie_for_first"]
        assert [t["role"] for t in story["timeline"]][:2] == ["first report", "relay"]
        assert store.story(story["id"]) == story and store.story("nope") is None
    finally:
        store.close()
