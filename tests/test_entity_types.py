"""Issue 27: an entity's type is read from the whole article, and each decision names its rule.

The small model tags some people's names as organisations ("Zelenskyy"); then "he" goes to the only
person left.  These build parsed Docs by hand (spacy/tests style), so the rules are tested on the
parse a rule sees, with no model loaded.
"""

from __future__ import annotations

import pytest
from parsed import hand_parsed

from sayso.attribution import speakers
from sayso.attribution.entities import (
    GPE,
    ORG,
    PERSON,
    TYPE_MAJORITY,
    TYPE_PERSON_BY_ARTICLE,
    TYPE_RECOGNISER,
    ArticleEntities,
    find_entities,
)
from sayso.attribution.table import TokenTable, build_table

Row = tuple[str, str, int, str, str]


def _entities(rows: list[Row]) -> tuple[TokenTable, ArticleEntities]:
    t = build_table(hand_parsed(rows))
    return t, find_entities(t)


def _said_that(subject: list[Row], pronoun: str) -> list[Row]:
    """"<subject> said <pronoun> would go.", the subject's last word heading it."""
    n = len(subject)
    return [*subject, ("said", "VBD", n, "ROOT", "O"), (pronoun, "PRP", n + 3, "nsubj", "O"),
            ("would", "MD", n + 3, "aux", "O"), ("go", "VB", n, "ccomp", "O"), (".", ".", n, "punct", "O")]


def _name(word: str, label: str, head: int, dep: str = "nsubj") -> Row:
    return (word, "NNP", head, dep, f"B-{label}")


#: "Kovalenko said he would go. Kovalenko left.": the recogniser calls both mentions organisations.
SAID_HE = [*_said_that([_name("Kovalenko", ORG, 1)], "he"),
           _name("Kovalenko", ORG, 7), ("left", "VBD", 7, "ROOT", "O"), (".", ".", 7, "punct", "O")]


def test_a_name_whose_clause_goes_on_with_he_is_a_person_everywhere() -> None:
    _, ents = _entities(SAID_HE)
    [kovalenko] = ents.entities
    assert (kovalenko.name, kovalenko.type) == ("Kovalenko", PERSON)
    assert kovalenko.type_rule == f"{TYPE_PERSON_BY_ARTICLE}.votes"
    assert len(kovalenko.mentions) == 2


def test_he_then_goes_to_the_person_the_article_shows() -> None:
    # "... Kovalenko left. He said it.": no one else is a person, and "he" is Kovalenko.
    t, ents = _entities([*SAID_HE, ("He", "PRP", 10, "nsubj", "O"), ("said", "VBD", 10, "ROOT", "O"),
                         ("it", "PRP", 10, "dobj", "O"), (".", ".", 10, "punct", "O")])
    found = speakers.resolve_source(t, ents, (9,))
    assert found.entity is not None and ents.by_id(found.entity).name == "Kovalenko"


@pytest.mark.parametrize("rows", [
    # "Hamas said it would go.": "it" is an organisation's pronoun.
    _said_that([_name("Hamas", ORG, 1)], "it"),
    # "FBI said she would go.": an organisation says things about people; a name in capitals is no person's.
    _said_that([_name("FBI", ORG, 1)], "she"),
    # "The Acme said he would go.": no person's name follows "the".
    _said_that([("The", "DT", 1, "det", "O"), _name("Acme", ORG, 2)], "he"),
])
def test_an_organisation_that_speaks_of_someone_stays_an_organisation(rows: list[Row]) -> None:
    _, ents = _entities(rows)
    assert [(e.type, e.type_rule) for e in ents.entities] == [(ORG, TYPE_RECOGNISER)]


def test_someone_named_between_takes_the_pronoun() -> None:
    # "Acme told Smith he would go.": "he" is Smith, not Acme.
    _, ents = _entities([
        _name("Acme", ORG, 1), ("told", "VBD", 1, "ROOT", "O"), _name("Smith", PERSON, 1, "dobj"),
        ("he", "PRP", 5, "nsubj", "O"), ("would", "MD", 5, "aux", "O"), ("go", "VB", 1, "ccomp", "O"),
        (".", ".", 1, "punct", "O"),
    ])
    assert {e.name: e.type for e in ents.entities} == {"Acme": ORG, "Smith": PERSON}


@pytest.mark.parametrize(("rows", "name", "kind"), [
    # "Kovalenko, a spokeswoman, spoke.": a person's role in apposition.
    ([_name("Kovalenko", ORG, 5), (",", ",", 0, "punct", "O"), ("a", "DT", 3, "det", "O"),
      ("spokeswoman", "NN", 0, "appos", "O"), (",", ",", 0, "punct", "O"), ("spoke", "VBD", 5, "ROOT", "O"),
      (".", ".", 5, "punct", "O")], "Kovalenko", PERSON),
    # "Kovalenko, who spoke, left.": "who".
    ([_name("Kovalenko", ORG, 5), (",", ",", 0, "punct", "O"), ("who", "WP", 3, "nsubj", "O"),
      ("spoke", "VBD", 0, "relcl", "O"), (",", ",", 0, "punct", "O"), ("left", "VBD", 5, "ROOT", "O"),
      (".", ".", 5, "punct", "O")], "Kovalenko", PERSON),
    # "Hamas, the militant group, spoke.": an organisation's noun in apposition.
    ([_name("Hamas", ORG, 6), (",", ",", 0, "punct", "O"), ("the", "DT", 4, "det", "O"),
      ("militant", "JJ", 4, "amod", "O"), ("group", "NN", 0, "appos", "O"), (",", ",", 0, "punct", "O"),
      ("spoke", "VBD", 6, "ROOT", "O"), (".", ".", 6, "punct", "O")], "Hamas", ORG),
    # "a broker in Tampa, who spoke.": the clause is the broker's, though the parser hangs it on the place.
    ([("a", "DT", 1, "det", "O"), ("broker", "NN", 1, "ROOT", "O"), ("in", "IN", 1, "prep", "O"),
      _name("Tampa", ORG, 2, "pobj"), (",", ",", 3, "punct", "O"), ("who", "WP", 6, "nsubj", "O"),
      ("spoke", "VBD", 3, "relcl", "O"), (".", ".", 1, "punct", "O")], "Tampa", ORG),
])
def test_what_the_article_says_beside_a_name_votes_for_its_type(rows: list[Row], name: str, kind: str) -> None:
    _, ents = _entities(rows)
    assert {e.name: e.type for e in ents.entities}[name] == kind


def test_a_name_is_one_kind_of_thing_in_one_article() -> None:
    # "Hong Kong spoke. Hong Kong spoke. Hong Kong spoke." tagged ORG once, then GPE twice: one place.
    rows: list[Row] = []
    for label in (ORG, GPE, GPE):
        k = len(rows)
        rows += [("Hong", "NNP", k + 1, "compound", f"B-{label}"), ("Kong", "NNP", k + 2, "nsubj", f"I-{label}"),
                 ("spoke", "VBD", k + 2, "ROOT", "O"), (".", ".", k + 2, "punct", "O")]
    _, ents = _entities(rows)
    assert [(e.name, e.type, e.type_rule, len(e.mentions)) for e in ents.entities] == [
        ("Hong Kong", GPE, TYPE_MAJORITY, 3)]
