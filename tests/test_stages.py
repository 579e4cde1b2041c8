"""The analysis as a registry of stages over one context, and speaker resolution as ordered sieves.

The stage tests run the canonical example in fast mode stage by stage; the
sieve tests build parsed Docs by hand (spacy/tests style), so no model is
loaded for them.
"""

from __future__ import annotations

import time

import pytest
from parsed import hand_parsed
from spacy.lang.en import English
from spacy.tokens import Doc

import sayso
from sayso.attribution import speakers
from sayso.attribution.context import ArticleContext, ArticleMeta
from sayso.attribution.entities import ArticleEntities, find_entities
from sayso.attribution.stages import registry, resolution
from sayso.attribution.stages import speaker as speaker_step
from sayso.attribution.stages.speaker import DOCUMENT_OWNER, NAMED_LATER, RELATIVE_CLAUSE, SPOKESPERSON
from sayso.attribution.table import TokenTable, build_table
from sayso.records import Attribution

# ---- the registry


def test_stages_run_in_the_documented_order() -> None:
    assert [s.name for s in registry.STAGES] == [
        "table", "cues_and_roles", "entities", "non_responses", "filtering", "action_cues",
        "reported_by", "records", "resolution", "nesting", "publisher", "provenance", "reader_view",
        "summary", "report",
    ]
    assert [s.name for s in resolution.STEPS] == [
        "addressee_phrase", "speaker", "quoted_speaker", "headline_role", "addressee", "quoted_addressee", "citations",
        "source_kind", "co_speakers", "hedges",
    ]
    assert registry.stage_names()[8].startswith("resolution[addressee_phrase, speaker, ")


#: What each stage adds to the context (the fields docs/architecture.md lists).
ADDS = {
    "table": ["table"],
    "cues_and_roles": ["attributions_found"],
    "entities": ["entities"],
    "non_responses": ["raw_non_responses"],
    "filtering": ["attributions_found"],
    "action_cues": ["attributions_found"],
    "reported_by": ["attributions_found"],
    "records": ["work"],
    "resolution": [],
    "nesting": [],
    "publisher": ["publisher", "publisher_evidence"],
    "provenance": ["entity_records", "events"],
    "reader_view": ["polnear_only"],
    "summary": ["non_responses", "summary"],
    "report": ["report"],
}


def test_every_stage_runs_on_the_example_and_adds_what_it_says(example_text: str) -> None:
    from sayso.nlp.model import load_nlp

    doc = load_nlp()(example_text)
    ctx = ArticleContext(doc=doc, meta=ArticleMeta(), mode="fast", time_budget=None, started=time.monotonic())
    assert set(ADDS) == {s.name for s in registry.STAGES}
    for stage in registry.STAGES:
        for name in ADDS[stage.name]:
            if stage.name not in ("filtering", "action_cues", "reported_by"):
                assert not hasattr(ctx, name) or getattr(ctx, name) is None, f"{name} is set before {stage.name}"
        stage.run(ctx)
        for name in ADDS[stage.name]:
            assert hasattr(ctx, name), f"stage {stage.name} did not add {name}"
    assert ctx.report is not None
    assert len(ctx.report.attributions) == len(ctx.work) > 10
    assert all(w.record.speaker is None or w.record.source_kind != "none" for w in ctx.work)
    ids = sorted([a.id for a in ctx.report.attributions] + [m.attribution.id for m in ctx.report.polnear_only],
                 key=lambda i: int(i[1:]))
    assert ids == [f"a{n}" for n in range(1, len(ids) + 1)]
    # The walk gives the same report as build_report.
    assert sayso.analyze(example_text, mode="fast", time_budget=None) == ctx.report


def test_an_empty_text_ends_at_the_table_stage() -> None:
    from sayso.attribution.build import build_report

    report = build_report(Doc(English().vocab, words=[]), ArticleMeta(publisher="AP"), mode="fast")
    assert report.attributions == () and report.publisher == "AP"


# ---- speaker rules on the report

RULE_NAMES = {s.name for s in speakers.SIEVES} | {RELATIVE_CLAUSE, DOCUMENT_OWNER, SPOKESPERSON, "anonymous_source",
                                                   NAMED_LATER.split(".")[0]}


def test_every_resolved_speaker_names_its_rule(example_text: str) -> None:
    report = sayso.analyze(example_text, mode="fast")
    assert report.attributions
    for a in report.attributions:
        assert (a.speaker is None) == (a.speaker_rule is None), a
        if a.speaker_rule:
            assert a.speaker_rule.split(".")[0] in RULE_NAMES, a.speaker_rule
    rules = {a.source.text: a.speaker_rule for a in report.attributions if a.source}
    assert rules["Trump"] == "mention.name"
    assert rules["the president"] == "mention.role_noun"
    assert rules["inside sources"] == "anonymous_source"
    assert rules["the sources"] == "anonymous_source.earlier_group"


def test_speaker_rule_round_trips_and_defaults_to_none(example_report: sayso.ArticleReport) -> None:
    a = next(a for a in example_report.attributions if a.speaker_rule)
    assert Attribution.from_dict(a.to_dict()) == a
    old = {k: v for k, v in a.to_dict().items() if k != "speaker_rule"}
    assert Attribution.from_dict(old).speaker_rule is None


# ---- the sieves, one at a time


def test_the_sieves_run_most_precise_first() -> None:
    assert [s.name for s in speakers.SIEVES] == [
        "mention", "apposition", "set_off_name", "unrecognised_name", "number_ten", "surname", "relative_pronoun",
        "pronoun",
        "candidate_team", "owned_by", "owner_of", "place_police", "indefinite", "organisation", "kin",
        "role_description",
    ]
    assert speakers.SIEVES[-len(speakers.DESCRIPTION_SIEVES):] == speakers.DESCRIPTION_SIEVES


def _parsed(rows: list[tuple[str, str, int, str, str]]) -> tuple[TokenTable, ArticleEntities]:
    t = build_table(hand_parsed(rows))
    return t, find_entities(t)


#: "Jane Smith spoke. She said it. A spokesman said it. Her campaign said it."
ARTICLE = [
    ("Jane", "NNP", 1, "compound", "B-PERSON"), ("Smith", "NNP", 2, "nsubj", "I-PERSON"),
    ("spoke", "VBD", 2, "ROOT", "O"), (".", ".", 2, "punct", "O"),
    ("She", "PRP", 5, "nsubj", "O"), ("said", "VBD", 5, "ROOT", "O"), ("it", "PRP", 5, "dobj", "O"),
    (".", ".", 5, "punct", "O"),
    ("A", "DT", 9, "det", "O"), ("spokesman", "NN", 10, "nsubj", "O"), ("said", "VBD", 10, "ROOT", "O"),
    ("it", "PRP", 10, "dobj", "O"), (".", ".", 10, "punct", "O"),
    ("Her", "PRP$", 14, "poss", "O"), ("campaign", "NN", 15, "nsubj", "O"), ("said", "VBD", 15, "ROOT", "O"),
    ("it", "PRP", 15, "dobj", "O"), (".", ".", 15, "punct", "O"),
]


@pytest.fixture
def article() -> tuple[TokenTable, ArticleEntities]:
    return _parsed(ARTICLE)


def test_a_name_is_a_mention(article: tuple[TokenTable, ArticleEntities]) -> None:
    t, ents = article
    found = speakers.resolve_source(t, ents, (0, 1))
    assert found.rule == "mention.name"
    assert found.entity is not None and ents.by_id(found.entity).name == "Jane Smith"


def test_she_is_the_salient_subject_before_her(article: tuple[TokenTable, ArticleEntities]) -> None:
    t, ents = article
    found = speakers.resolve_source(t, ents, (4,))
    assert found.rule == "pronoun.salient_subject"
    assert found.entity is not None and ents.by_id(found.entity).name == "Jane Smith"


def test_an_indefinite_description_is_nobody_in_particular(article: tuple[TokenTable, ArticleEntities]) -> None:
    t, ents = article
    assert speakers.resolve_source(t, ents, (8, 9)) == speakers.Resolution(None, "indefinite")


def test_a_place_and_police_name_a_force_that_later_descriptions_point_to() -> None:
    # "The Kerala police said it. The police said it."
    t, ents = _parsed([
        ("The", "DT", 2, "det", "O"), ("Kerala", "NNP", 2, "compound", "B-GPE"), ("police", "NNS", 3, "nsubj", "O"),
        ("said", "VBD", 3, "ROOT", "O"), ("it", "PRP", 3, "dobj", "O"), (".", ".", 3, "punct", "O"),
        ("The", "DT", 7, "det", "O"), ("police", "NNS", 8, "nsubj", "O"), ("said", "VBD", 8, "ROOT", "O"),
        ("it", "PRP", 8, "dobj", "O"), (".", ".", 8, "punct", "O"),
    ])
    first = speakers.resolve_source(t, ents, (0, 1, 2))
    assert first.rule == "place_police" and first.entity is not None
    assert ents.by_id(first.entity).name == "Kerala Police"
    assert speakers.resolve_source(t, ents, (6, 7)) == speakers.Resolution(first.entity, "organisation.same_noun")


def test_a_name_right_after_the_head_noun_is_who_the_phrase_names() -> None:
    # "American news website Axios reported it.", the parser hanging "Axios" on the verb.
    t = build_table(hand_parsed([
        ("American", "JJ", 2, "amod", "B-NORP"), ("news", "NN", 2, "compound", "O"),
        ("website", "NN", 4, "nsubj", "O"), ("Axios", "NNP", 4, "advmod", "B-ORG"),
        ("reported", "VBD", 4, "ROOT", "O"), ("it", "PRP", 4, "dobj", "O"),
        (".", ".", 4, "punct", "O"),
    ]))
    ents = find_entities(t)
    found = speakers.resolve_source(t, ents, (0, 1, 2, 3))
    assert found.rule == "apposition.name_after_noun"
    assert found.entity is not None and ents.by_id(found.entity).name == "Axios"


def _resolved(t: TokenTable, ents: ArticleEntities, toks: tuple[int, ...]) -> tuple[str, str | None, str | None]:
    """The rule that resolved the phrase, and the name and type of the entity it found."""
    found = speakers.resolve_source(t, ents, toks)
    entity = ents.by_id(found.entity) if found.entity else None
    return found.rule, entity.name if entity else None, entity.type if entity else None


def test_a_name_the_recogniser_missed_is_a_person_by_its_given_name_else_an_organisation() -> None:
    # "Dominic Cummings said it. On Monday Downing Street confirmed it."
    t, ents = _parsed([
        ("Dominic", "NNP", 1, "compound", "O"), ("Cummings", "NNP", 2, "nsubj", "O"), ("said", "VBD", 2, "ROOT", "O"),
        ("it", "PRP", 2, "dobj", "O"), (".", ".", 2, "punct", "O"),
        ("On", "IN", 9, "prep", "O"), ("Monday", "NNP", 8, "compound", "B-DATE"),
        ("Downing", "NNP", 8, "compound", "O"), ("Street", "NNP", 5, "pobj", "O"),
        ("confirmed", "VBD", 9, "ROOT", "O"), ("it", "PRP", 9, "dobj", "O"), (".", ".", 9, "punct", "O"),
    ])
    assert _resolved(t, ents, (0, 1)) == ("unrecognised_name.person", "Dominic Cummings", "PERSON")
    assert _resolved(t, ents, (6, 7, 8)) == ("unrecognised_name.organisation", "Downing Street", "ORG")


def test_a_name_set_off_before_the_role_the_parser_made_its_head_is_the_speaker() -> None:
    # "Kim Lee, deputy security adviser, said it.", the parser heading the phrase with "adviser".
    t, ents = _parsed([
        ("Kim", "NNP", 1, "compound", "B-PERSON"), ("Lee", "NNP", 5, "nmod", "I-PERSON"), (",", ",", 5, "punct", "O"),
        ("deputy", "NN", 5, "nmod", "O"), ("security", "NN", 5, "compound", "O"),
        ("adviser", "NN", 7, "nsubj", "O"), (",", ",", 5, "punct", "O"), ("said", "VBD", 7, "ROOT", "O"),
        ("it", "PRP", 7, "dobj", "O"), (".", ".", 7, "punct", "O"),
    ])
    assert _resolved(t, ents, tuple(range(7))) == ("apposition.name_before_role", "Kim Lee", "PERSON")


def test_an_organisations_own_name_before_its_noun_is_the_organisation() -> None:
    # "Germany's Verdi labor union objected."
    t, ents = _parsed([
        ("Germany", "NNP", 4, "poss", "B-GPE"), ("'s", "POS", 0, "case", "O"), ("Verdi", "NNP", 4, "compound", "O"),
        ("labor", "NN", 4, "compound", "O"), ("union", "NN", 5, "nsubj", "O"), ("objected", "VBD", 5, "ROOT", "O"),
        (".", ".", 5, "punct", "O"),
    ])
    assert _resolved(t, ents, (0, 1, 2, 3, 4)) == ("organisation.own_name", "Verdi", "ORG")


def test_the_spokesperson_joins_the_earlier_group_whose_owner_agrees() -> None:
    # "A spokesperson for Carrie Johnson said it. The minister's spokesperson said it. The spokesperson said it."
    t, ents = _parsed([
        ("A", "DT", 1, "det", "O"), ("spokesperson", "NN", 5, "nsubj", "O"), ("for", "IN", 1, "prep", "O"),
        ("Carrie", "NNP", 4, "compound", "B-PERSON"), ("Johnson", "NNP", 2, "pobj", "I-PERSON"),
        ("said", "VBD", 5, "ROOT", "O"), ("it", "PRP", 5, "dobj", "O"), (".", ".", 5, "punct", "O"),
        ("The", "DT", 9, "det", "O"), ("minister", "NN", 11, "poss", "O"), ("'s", "POS", 9, "case", "O"),
        ("spokesperson", "NN", 12, "nsubj", "O"), ("said", "VBD", 12, "ROOT", "O"), ("it", "PRP", 12, "dobj", "O"),
        (".", ".", 12, "punct", "O"),
        ("The", "DT", 16, "det", "O"), ("spokesperson", "NN", 17, "nsubj", "O"), ("said", "VBD", 17, "ROOT", "O"),
        ("it", "PRP", 17, "dobj", "O"), (".", ".", 17, "punct", "O"),
    ])
    first = speakers.record_anonymous_source(t, ents, (0, 1, 2, 3, 4))
    second = speakers.record_anonymous_source(t, ents, (8, 9, 10, 11))
    assert second.rule == "anonymous_source" and second.entity != first.entity
    assert speakers.record_anonymous_source(t, ents, (15, 16)) == speakers.Resolution(
        second.entity, "anonymous_source.earlier_group")


def test_the_speaker_step_reads_a_cue_without_a_source() -> None:
    # "Asked by Andrew Marr, Gove said no. Asked again, he's indicated no. Adds Gove: no."
    t, ents = _parsed([
        ("Asked", "VBN", 6, "advcl", "O"), ("by", "IN", 0, "agent", "O"), ("Andrew", "NNP", 3, "compound", "B-PERSON"),
        ("Marr", "NNP", 1, "pobj", "I-PERSON"), (",", ",", 6, "punct", "O"), ("Gove", "NNP", 6, "nsubj", "B-PERSON"),
        ("said", "VBD", 6, "ROOT", "O"), ("no", "UH", 6, "intj", "O"), (".", ".", 6, "punct", "O"),
        ("Asked", "VBN", 14, "advcl", "O"), ("again", "RB", 9, "advmod", "O"), (",", ",", 14, "punct", "O"),
        ("he", "PRP", 14, "nsubjpass", "O"), ("'s", "VBZ", 14, "auxpass", "O"), ("indicated", "VBN", 14, "ROOT", "O"),
        ("no", "UH", 14, "intj", "O"), (".", ".", 14, "punct", "O"),
        ("Adds", "VBZ", 17, "ROOT", "O"), ("Gove", "NNP", 17, "nsubj", "B-PERSON"), (":", ":", 17, "punct", "O"),
        ("no", "UH", 17, "intj", "O"), (".", ".", 17, "punct", "O"),
    ])
    marr = ents.token_entity[3]
    assert speaker_step._earlier_asker(t, ents, 9) == marr
    assert speaker_step._earlier_asker(t, ents, 0) is None  # it says by whom: the source, if any, is Marr
    assert speaker_step._cue_subject(t, ents, 14, ((15, 15),)) == (12,)
    assert speaker_step._cue_subject(t, ents, 17, ((20, 20),)) == (18,)
    assert speaker_step._cue_subject(t, ents, 6, ((7, 7),)) == ()  # a plain subject the models left is not taken


def test_the_answer_after_a_question_is_the_one_asked() -> None:
    # "Tom Smith asked Jane Doe if it was true. She said no."
    t, ents = _parsed([
        ("Tom", "NNP", 1, "compound", "B-PERSON"), ("Smith", "NNP", 2, "nsubj", "I-PERSON"),
        ("asked", "VBD", 2, "ROOT", "O"), ("Jane", "NNP", 4, "compound", "B-PERSON"),
        ("Doe", "NNP", 2, "dobj", "I-PERSON"), ("if", "IN", 7, "mark", "O"), ("it", "PRP", 7, "nsubj", "O"),
        ("was", "VBD", 2, "advcl", "O"), ("true", "JJ", 7, "acomp", "O"), (".", ".", 2, "punct", "O"),
        ("She", "PRP", 11, "nsubj", "O"), ("said", "VBD", 11, "ROOT", "O"), ("no", "UH", 11, "intj", "O"),
        (".", ".", 11, "punct", "O"),
    ])
    smith, doe = ents.token_entity[1], ents.token_entity[4]
    assert speaker_step._the_one_asked(t, ents, (10,), smith) == doe
    assert speaker_step._the_one_asked(t, ents, (10,), doe) is None  # the one asked asked nothing


def test_the_story_is_the_outlets_that_put_it_out() -> None:
    # "Axios withdrew a story. The story claimed it."
    t, ents = _parsed([
        ("Axios", "NNP", 1, "nsubj", "B-ORG"), ("withdrew", "VBD", 1, "ROOT", "O"), ("a", "DT", 3, "det", "O"),
        ("story", "NN", 1, "dobj", "O"), (".", ".", 1, "punct", "O"),
        ("The", "DT", 6, "det", "O"), ("story", "NN", 7, "nsubj", "O"), ("claimed", "VBD", 7, "ROOT", "O"),
        ("it", "PRP", 7, "dobj", "O"), (".", ".", 7, "punct", "O"),
    ])
    axios = ents.token_entity[0]
    assert ents.by_id(axios).type == "OUTLET"
    assert speaker_step._outlet_of_document(t, ents, (5, 6)) == axios


def test_her_campaign_is_the_owners_campaign_made_once(article: tuple[TokenTable, ArticleEntities]) -> None:
    t, ents = article
    before = len(ents.entities)
    found = speakers.resolve_source(t, ents, (13, 14))
    assert found.rule == "owned_by"
    assert found.entity is not None and ents.by_id(found.entity).name == "Smith campaign"
    # Resolving it again finds the entity the first resolution added, through the store.
    assert speakers.resolve_source(t, ents, (13, 14)) == found
    assert len(ents.entities) == before + 1


def test_a_sieve_that_does_not_apply_passes_the_phrase_on(article: tuple[TokenTable, ArticleEntities]) -> None:
    t, ents = article
    pronoun = speakers._sieve_input(t, ents, (4,), ())
    assert speakers._mention(pronoun) is None
    assert speakers._apposition(pronoun) is None
    assert speakers._organisation(pronoun) is None
    assert speakers._pronoun(pronoun) is not None
    # Alone, "indefinite" would claim a bare pronoun too: the order is what lets "pronoun" decide first.
    assert speakers._indefinite(pronoun) == speakers.Resolution(None, "indefinite")


def test_the_store_indexes_entities_by_id(article: tuple[TokenTable, ArticleEntities]) -> None:
    _, ents = article
    for e in ents.entities:
        assert ents.by_id(e.id) is e
    with pytest.raises(KeyError):
        ents.by_id("e999")
