"""Where sayso's time goes after the parse: cProfile over cached PolNeAR parses.

    .venv/bin/python bench/profile_reports.py --mode fast --cache /work/main/build/parse-cache
    .venv/bin/python bench/profile_reports.py --mode accurate --limit 40

Loads the DocBin cache that scripts/dump_reports.py writes (parse once, keyed by
split and model version), runs ``build_report`` on every article under
cProfile, and prints the functions with the most cumulative and own time.
The parse is not in the profile: it is spaCy's, and the same for every mode.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    from dump_reports import parsed

    from sayso.attribution.build import ArticleMeta, build_report
    from sayso.eval import find_polnear

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", default="fast", choices=["fast", "accurate"])
    ap.add_argument("--splits", default="dev")
    ap.add_argument("--limit", type=int, default=None, help="profile the first N articles only")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "parse-cache")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    root = find_polnear()
    if root is None:
        sys.exit("PolNeAR not found: set $SAYSO_POLNEAR")
    docs = [doc for split in a.splits.split(",") for _, doc in parsed(split, root, a.cache)][: a.limit]
    build_report(docs[0], ArticleMeta(), time_budget=None, mode=a.mode)  # models loaded outside the profile
    profile = cProfile.Profile()
    started, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    for doc in docs:
        build_report(doc, ArticleMeta(), time_budget=None, mode=a.mode)  # type: ignore[arg-type]
    profile.disable()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(docs)} articles, mode {a.mode}: {wall:.1f} s wall, {cpu:.1f} CPU-s under the profiler "
          f"({1000 * cpu / len(docs):.0f} CPU-ms an article)")
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(key).print_stats(a.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
