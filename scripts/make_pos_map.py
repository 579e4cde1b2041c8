"""Write src/sayso/models/pos_map.json from the installed spaCy model's attribute_ruler.

    python scripts/make_pos_map.py

Run it when the pinned model changes (tests/test_pos.py fails until then).
sayso maps fine tags to coarse ones itself (sayso.nlp.pos) and reads the
mapping from this file, so that no model is loaded to build a token table.
"""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from sayso.nlp.model import MODEL_PACKAGE
from sayso.nlp.pos import POS_MAP_FILE, PosMap

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    nlp = spacy.load(MODEL_PACKAGE, exclude=["tok2vec", "tagger", "parser", "lemmatizer", "ner"])
    data = {"model": f"{nlp.meta['lang']}_{nlp.meta['name']}", "version": nlp.meta["version"],
            **PosMap.from_patterns(nlp.get_pipe("attribute_ruler").patterns).to_json()}
    out = ROOT / "src" / "sayso" / "models" / POS_MAP_FILE
    # One entry a line, so that a model change reads as a short diff.
    tags = ",\n  ".join(f"{json.dumps(t)}: {json.dumps(p)}" for t, p in data["by_tag"].items())
    pairs = ",\n  ".join(json.dumps(x, ensure_ascii=False) for x in data["by_word_tag"])
    out.write_text(f'{{\n"model": {json.dumps(data["model"])},\n"version": {json.dumps(data["version"])},\n'
                   f'"by_tag": {{\n  {tags}\n}},\n"by_word_tag": [\n  {pairs}\n]\n}}\n', encoding="utf-8")
    print(f"wrote {out}: {len(data['by_tag'])} tags, {len(data['by_word_tag'])} word-and-tag pairs")


if __name__ == "__main__":
    main()
