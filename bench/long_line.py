"""CPU per KB of fast mode on one article of growing length, on a single line and with its paragraph breaks.

Users paste whole web pages with no line break, so one paragraph can be the
whole article.  A step whose cost grows with the paragraph (a scan of the
paragraph, sentence or quotation repeated for each candidate) would show here
as CPU per KB rising with the size on the single line, and not with the
breaks.  Each text joins PolNeAR dev articles (sorted by name) until it
reaches the size; ``single`` collapses every run of white space to one space,
``paragraphs`` keeps the articles' own text, joined by blank lines.

    .venv/bin/python bench/long_line.py                            # 25 to 200 KB, about 3 minutes
    .venv/bin/python bench/long_line.py --sizes 25,50 --out bench/results/long-line.json

Times are CPU seconds of this process (``time.process_time``): the parse
(tokenizer and spaCy pipeline) and ``build_report`` (sayso's own stages)
apart.  The machine is shared, so CPU, not wall, is compared; no budget is
asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def articles(size: int, texts: list[str], single: bool) -> str:
    """PolNeAR texts joined until ``size`` characters: on one line, or with paragraph breaks."""
    out: list[str] = []
    total = 0
    for text in texts:
        piece = " ".join(text.split()) if single else text.strip()
        out.append(piece)
        total += len(piece) + 2
        if total >= size:
            break
    return (" " if single else "\n\n").join(out)[:size]


def measure(text: str) -> dict[str, float | int]:
    from sayso.attribution.build import ArticleMeta, build_report
    from sayso.pipeline import parse

    started = time.process_time()
    doc = parse(text)
    parsed = time.process_time()
    report = build_report(doc, ArticleMeta(), time_budget=None, mode="fast")
    done = time.process_time()
    kb = len(text) / 1000
    return {"chars": len(text), "tokens": len(doc), "attributions": len(report.attributions),
            "parse_cpu_s": round(parsed - started, 2), "sayso_cpu_s": round(done - parsed, 2),
            "parse_cpu_ms_per_kb": round(1000 * (parsed - started) / kb, 1),
            "sayso_cpu_ms_per_kb": round(1000 * (done - parsed) / kb, 1)}


def main() -> None:
    from results_file import print_and_save

    from sayso.eval import find_polnear
    from sayso.nlp.model import load_nlp

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="25,50,100,200", help="sizes in KB (1,000 characters)")
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON result here")
    a = ap.parse_args()
    root = find_polnear()
    if root is None:
        sys.exit("PolNeAR not found: set $SAYSO_POLNEAR")
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "dev" / "text").glob("*.txt"))]
    load_nlp()
    measure("The minister said the talks would go on.")  # models loaded and warm outside the timing
    rows = []
    for kb in (int(s) for s in a.sizes.split(",")):
        for shape in ("single", "paragraphs"):
            row = {"kb": kb, "shape": shape, **measure(articles(kb * 1000, texts, shape == "single"))}
            print(row, file=sys.stderr, flush=True)
            rows.append(row)
    print_and_save({"bench": "long_line", "mode": "fast", "rows": rows}, a.out)


if __name__ == "__main__":
    main()
