"""Dump sayso's reports over PolNeAR splits, to prove a refactor changes no behaviour.

    python scripts/dump_reports.py --splits train,dev --mode fast --out build/dump-fast.jsonl
    cmp build/dump-fast.jsonl build/dump-fast.before.jsonl

Each line is one article's full report (``ArticleReport.to_dict``), in file
order, sorted keys.  The parse is cached as DocBin files under
``build/parse-cache/`` (keyed by split and spaCy model version), so a second
dump costs only sayso's own work: the parse is spaCy's and no refactor of
sayso changes it.  The time budget is off so that a slow machine cannot make
two dumps differ.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from sayso.attribution.build import ArticleMeta, build_report
from sayso.eval import find_polnear
from sayso.eval.corpus import load_split
from sayso.nlp.model import load_nlp

ROOT = Path(__file__).resolve().parents[1]


def parsed(split: str, root: Path, cache: Path) -> list[tuple[str, object]]:
    nlp = load_nlp()
    data = load_split(root, split)
    names = list(data.ids)
    path = cache / f"{split}-{nlp.meta['name']}-{nlp.meta['version']}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(names):
            return list(zip(names, docs))
    started = time.monotonic()
    docs = list(nlp.pipe((data.texts[k] for k in names), batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    print(f"parsed {split}: {len(docs)} articles in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return list(zip(names, docs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", default="train,dev")
    ap.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--polnear", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "parse-cache")
    args = ap.parse_args()
    root = find_polnear(args.polnear)
    if root is None:
        sys.exit("PolNeAR not found: set $SAYSO_POLNEAR or --polnear")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for split in args.splits.split(","):
            for name, doc in parsed(split, root, args.cache):
                report = build_report(doc, ArticleMeta(), time_budget=None, mode=args.mode)  # type: ignore[arg-type]
                out.write(json.dumps({"split": split, "id": name, "report": report.to_dict()},
                                     sort_keys=True, ensure_ascii=False) + "\n")
                n += 1
    print(f"dumped {n} reports in {time.monotonic() - started:.0f} s to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
