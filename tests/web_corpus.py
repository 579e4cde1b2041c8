"""A small corpus for the web tests: the example, four PolNeAR dev articles and two made-up ones.

Built once per test module with ``build``; analysis in fast mode (these tests
are about pages, not the engine).  The PolNeAR files are copied under their
own names, so the store learns publisher, date and title from the name and
the header line as `sayso ingest` would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent.parent / "shared" / "data" / "polnear" / "dev" / "text"
POLNEAR_FILES = (
    "huff-post_2016-09-20_elizabeth-warren-hammers-wells-f.txt",   # embedded tweets
    "huff-post_2016-09-26_one-tweet-sums-up-the-absurd-dou.txt",
    "politico_2016-09-30_flight-attendants-union-endorses.txt",
    "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt",
)
#: No publisher anywhere: its statements are filed under "(unknown)" on entity pages.
UNKNOWN_PUBLISHER = (
    "Donald Trump said on Monday that the wall would be built and that Mexico would pay for it. "
    "\"We will build it fast,\" Trump told supporters in Ohio.\n"
)
#: Header lines give title, byline and date; its quote repeats UNKNOWN_PUBLISHER's (a claim).
WITH_HEADER = (
    "Trump promises a fast wall\n\nBy Staff, Reuters\nPublished September 14, 2016\n\n"
    "\"We will build it fast,\" Donald Trump said at a rally in Ohio on Tuesday, repeating a promise "
    "he has made since the primaries.\n"
)
#: "by the Tampa Bay Times" in the body is not a byline.
BODY_BY = (
    "A photo taken by the Tampa Bay Times shows the flooded road. The road will close for a week, "
    "Superintendent Maria Lopez said on Monday.\n"
)
FAST = "fast"


def polnear_dir() -> Path | None:
    """Where PolNeAR's dev texts are (the shared data folder), or None on a machine without them."""
    for d in (POLNEAR_DEV, Path("/work/shared/data/polnear/dev/text")):
        if all((d / f).is_file() for f in POLNEAR_FILES):
            return d
    return None


def build(folder: Path) -> str:
    """Ingest the small corpus into an SQLite store in ``folder``; its URL."""
    from sayso.ingest.files import iter_paths
    from sayso.store import open_store
    from sayso.store.ingest import ingest_items

    src = folder / "articles"
    src.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "examples" / "call-report.txt", src / "call-report.txt")
    pn = polnear_dir()
    for f in POLNEAR_FILES if pn else ():
        shutil.copy(pn / f, src / f)
    (src / "no-publisher.txt").write_text(UNKNOWN_PUBLISHER, encoding="utf-8")
    (src / "school-roads.txt").write_text(BODY_BY, encoding="utf-8")
    (src / "fast-wall.txt").write_text(WITH_HEADER, encoding="utf-8")
    url = f"sqlite:///{folder / 'corpus.db'}"
    store = open_store(url)
    try:
        summary = ingest_items(store, iter_paths([str(src)]), mode=FAST)
        assert summary.failed == 0, summary.failures
        # The example's publisher and title, as the web app gives them.
        from sayso.store.ingest import update_derived
        from sayso.store.queries import article_list, set_article_meta
        from sayso.web.analysis import EXAMPLE_PUBLISHER, EXAMPLE_TITLE

        example = next(r for r in article_list(store, limit=100)[0] if r["source"].endswith("call-report.txt"))
        set_article_meta(store, example["id"], publisher=EXAMPLE_PUBLISHER,
                         title=EXAMPLE_TITLE)
        update_derived(store)
    finally:
        store.close()
    return url
