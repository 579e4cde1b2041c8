"""Claims and stories over a store of 1,000 .. 100,000 articles: build the store, time the derivation.

    .venv/bin/python bench/stories_scale.py build --db sqlite:///build/scale.db --articles 100000
    .venv/bin/python bench/stories_scale.py measure --db sqlite:///build/scale.db --embeddings none
    .venv/bin/python bench/stories_scale.py curve --db build/scale --sizes 1000,3000,10000,30000,100000 \
        --out bench/results/stories-scale
    # the same in two steps: a copy of the store at each size, then each measured (and measured again)
    .venv/bin/python bench/stories_scale.py snapshots --db build/curve/s --sizes 1000,3000,10000,30000,100000
    .venv/bin/python bench/stories_scale.py remeasure build/curve/s1000.db build/curve/s3000.db ... \
        --out bench/results/stories-scale

**The corpus.**  Parsing 100,000 articles takes hours on this machine, so a few hundred real ones
are analysed once and varied: the fast-mode reports of PolNeAR train+dev (924 articles,
``scripts/dump_reports.py``'s dump, parse cached) and of tests/fresh/dev (48 dated articles from
real outlets, analysed once and cached under build/).  Each *story* is one base article in one
*universe*: story ``s`` takes base ``s mod B`` in universe ``s div B``.  A universe other than 0
renames about a third of the words (names and content words alike, the same way throughout the
universe: ``Universe.word``), so the base's 100 copies over a year are different stories that
share the language of the original, as one year of news shares its phrases.  A story is carried
by 1 to 6 outlets (of 60), dated over 2024, its relays 0 to 3 days after the first; a relay's
indirect contents are reworded (a word dropped, two swapped), its quotes kept word for word.
Speakers, co-speakers and mentions are renamed with the universe, keyed as ingest keys them
(``name_key``).  Rows are written as ``Store.ingest_report`` writes them (its row builders; many
articles to a transaction); the stored report is the base's with the copy's publisher, date and
events (dates moved with the article).  The article's text is the base's with a dateline
appended, so the content hash is new; the reworded contents are not spliced into it.

**The measurement** (``measure``, in a fresh process so peak RSS is the derivation's):
``Store.rebuild()`` (entities, aliases, claims: what every ``sayso ingest`` ends with) and
``Store.all_stories()`` (what ``sayso stories`` and the web's story pages read), wall and CPU
seconds, peak RSS, and the machine's load average.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"

#: Outlets the copies are spread over.
OUTLETS = [f"{n} {k}" for n in ("Capital", "Harbor", "Valley", "Metro", "Northern", "Coastal", "Prairie",
                                 "Summit", "Lakeside", "Federal", "Civic", "Union")
           for k in ("Times", "Post", "Herald", "Ledger", "Wire")]
#: Outlets per story, with their weights: most stories one or two outlets, a few widely carried.
CARRIERS = ([1, 2, 3, 4, 5, 6], [30, 25, 18, 12, 9, 6])
_SYLLABLES = ["ar", "en", "ol", "ix", "um", "ea", "or", "is", "an", "el", "ov", "ith", "ard", "ens",
              "ock", "ey", "ani", "ero", "ust", "ine"]


@dataclass(frozen=True, slots=True)
class Base:
    """One analysed article: its text, its report as a dict and the store's rows for it."""
    text: str
    report: dict[str, Any]
    attributions: list[dict[str, Any]]
    co_speakers: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    non_responses: list[dict[str, Any]]
    published: str | None
    publisher: str | None
    title: str | None


class Universe:
    """A deterministic renaming of about a third of the words (universe 0 renames none)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._cache: dict[str, str] = {}

    def word(self, w: str) -> str:
        if self.n == 0 or len(w) < 3 or not w[0].isalpha():
            return w
        got = self._cache.get(w)
        if got is None:
            h = zlib.crc32(f"{self.n}:{w.lower()}".encode())
            if h % 3:
                got = w
            else:
                stem = w[: max(2, len(w) - 2)]
                got = stem + _SYLLABLES[(h >> 4) % len(_SYLLABLES)]
                got = got.capitalize() if w[0].isupper() else got
            self._cache[w] = got
        return got

    def text(self, s: str | None) -> str | None:
        if s is None or self.n == 0:
            return s
        return " ".join(self.word(w) for w in s.split(" "))


def _reword(s: str | None, rng: random.Random) -> str | None:
    """A relay's paraphrase: one word dropped and two neighbours swapped."""
    if not s:
        return s
    ws = s.split(" ")
    if len(ws) > 6:
        del ws[rng.randrange(len(ws))]
        k = rng.randrange(len(ws) - 1)
        ws[k], ws[k + 1] = ws[k + 1], ws[k]
    return " ".join(ws)


def _fresh_reports(cache: Path) -> list[tuple[str, dict[str, Any], str | None, str | None, str | None]]:
    """tests/fresh/dev analysed once (fast mode), cached: (text, report, outlet, published, title)."""
    if not cache.is_file():
        import sayso
        from sayso.eval.fresh import load_fresh
        from sayso.inputs import Article

        arts = load_fresh([ROOT / "tests" / "fresh" / "dev"])
        reports = sayso.analyze_many((Article(a.text, publisher=a.outlet, published=a.published) for a in arts),
                                     mode="fast")
        with cache.open("w", encoding="utf-8") as out:
            for a, r in zip(arts, reports, strict=True):
                out.write(json.dumps({"text": a.text, "report": r.to_dict(), "outlet": a.outlet,
                                      "published": a.published, "title": a.gold.get("title")}) + "\n")
    out = []
    for line in cache.open(encoding="utf-8"):
        d = json.loads(line)
        out.append((d["text"], d["report"], d["outlet"], d["published"], d["title"]))
    return out


def _polnear_reports(dump: Path) -> list[tuple[str, dict[str, Any], str | None, str | None, str | None]]:
    from sayso.eval import find_polnear
    from sayso.eval.corpus import load_split

    root = find_polnear(None)
    texts: dict[tuple[str, str], str] = {}
    for split in ("train", "dev"):
        data = load_split(root, split)
        texts.update({(split, k): data.texts[k] for k in data.ids})
    out = []
    for line in dump.open(encoding="utf-8"):
        d = json.loads(line)
        out.append((texts[(d["split"], d["id"])], d["report"], None, None, d["report"].get("title")))
    return out


def load_bases(dump: Path) -> list[Base]:
    """tests/fresh/dev's and PolNeAR's analysed articles."""
    return bases_of(_fresh_reports(BUILD / "scale-fresh-dev.jsonl") + _polnear_reports(dump))


def bases_of(records: list[tuple[str, dict[str, Any], str | None, str | None, str | None]]) -> list[Base]:
    """Bases from (text, report as a dict, outlet, published, title)."""
    from sayso.records import ArticleReport
    from sayso.store.core import Store

    bases = []
    for text, rd, outlet, published, title in records:
        rep = ArticleReport.from_dict(rd)
        nr = [{"article_id": "", "seq": i, "text": n.text, "who": n.who, "to": n.to,
               "start": n.spans[0][0] if n.spans else None, "end": n.spans[-1][1] if n.spans else None}
              for i, n in enumerate(rep.non_responses, 1)]
        bases.append(Base(text, rd, Store._attribution_rows("", rep), Store._co_speaker_rows("", rep),
                          Store._mention_rows("", rep), nr, published, outlet, title))
    return bases


def _shift(value: Any, days: int) -> Any:
    """An event's date (a string or a [start, end] list) moved by ``days``."""
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    if isinstance(value, str) and len(value) >= 10:
        try:
            return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
        except ValueError:
            return value
    return value


def varied_articles(bases: list[Base], n_articles: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """The corpus, article by article, in story order (the first ``n`` are the ``n``-article corpus)."""
    from sayso.corpus.names import name_key, split_title

    def key_of(name: str | None) -> str | None:
        return (name_key(split_title(name)[1]) or None) if name else None

    made = 0
    story = 0
    start = date(2024, 1, 1)
    universes: dict[int, Universe] = {}
    while made < n_articles:
        rng = random.Random(story * 7919 + seed)
        base = bases[story % len(bases)]
        u = universes.setdefault(story // len(bases), Universe(story // len(bases)))
        if len(universes) > 4:
            universes.pop(min(universes))
        first_day = start + timedelta(days=rng.randrange(365))
        base_day = date.fromisoformat(base.published[:10]) if base.published else first_day
        n_outlets = rng.choices(*CARRIERS)[0]
        for copy in range(min(n_outlets, n_articles - made)):
            day = first_day + timedelta(days=0 if copy == 0 else rng.randint(0, 3))
            outlet = rng.choice(OUTLETS)
            relay = copy > 0
            attrs = []
            for r in base.attributions:
                content = u.text(r["content_text"])
                if relay and r["kind"] == "indirect":
                    content = _reword(content, rng)
                speaker = u.text(r["speaker_name"])
                attrs.append(dict(r, content_text=content, source_text=u.text(r["source_text"]),
                                  speaker_name=speaker, speaker_key=key_of(speaker) if r["speaker_key"] else None))
            cos = [dict(r, name=u.text(r["name"]), key=key_of(u.text(r["name"])) or r["key"])
                   for r in base.co_speakers]
            mentions: dict[str, dict[str, Any]] = {}
            for r in base.mentions:
                name = u.text(r["name"])
                key = key_of(name) or r["key"]
                mentions.setdefault(key, dict(r, name=name, key=key))
            published = day.isoformat()
            report = dict(base.report, published=published, publisher=outlet,
                          events=[dict(e, date=_shift(e.get("date"), (day - base_day).days),
                                       participants=[dict(p, name=u.text(p.get("name")))
                                                     for p in e.get("participants") or ()])
                                  for e in base.report.get("events") or ()])
            text = f"{base.text}\n\n[{outlet}, {published}; story {story}, copy {copy}]"
            yield {"text": text, "report": report, "attributions": attrs, "co_speakers": cos,
                   "mentions": list(mentions.values()), "non_responses": base.non_responses,
                   "publisher": outlet, "published": published, "title": u.text(base.title),
                   "source": f"scale/{story}/{copy}"}
            made += 1
        story += 1


def write(store: Any, articles: list[dict[str, Any]]) -> None:
    """Many articles in one transaction, with ``Store.ingest_report``'s rows."""
    from sqlalchemy import insert, text

    from sayso.store import schema as S
    from sayso.store.core import _now, content_hash, publisher_key

    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "attributions": [], "fts": [], "co_speakers": [],
                                             "mentions": [], "non_responses": []}
    for a in articles:
        h = content_hash(a["text"])
        aid = "a" + h[:16]
        rows["articles"].append({"id": aid, "content_hash": h, "url": None, "source_id": a["source"],
                                 "source": a["source"], "publisher": a["publisher"],
                                 "publisher_key": publisher_key(a["publisher"]), "published": a["published"],
                                 "title": a["title"], "author": None, "text": a["text"], "report": a["report"],
                                 "n_attributions": len(a["attributions"]), "ingested_at": _now()})
        for table in ("attributions", "co_speakers", "mentions", "non_responses"):
            rows[table].extend(dict(r, article_id=aid) for r in a[table])
    rows["fts"] = [{k: r[k] for k in ("content_text", "source_text", "article_id", "attr_id")}
                   for r in rows["attributions"]]
    with store._tx() as conn:
        conn.execute(insert(S.articles), rows["articles"])
        for table in ("attributions", "co_speakers", "mentions", "non_responses"):
            if rows[table]:
                conn.execute(insert(getattr(S, table)), rows[table])
        if store.dialect == "sqlite" and rows["fts"]:
            conn.execute(text("INSERT INTO attributions_fts(content_text, source_text, article_id, attr_id) "
                              "VALUES (:content_text, :source_text, :article_id, :attr_id)"), rows["fts"])


def build(db: str, n_articles: int, dump: Path | list[Base], skip: int = 0) -> int:
    """Write articles ``skip`` .. ``n_articles`` of the varied corpus (of the PolNeAR ``dump`` and
    tests/fresh/dev, or of the given bases) into the store at ``db``."""
    from sayso.store.core import open_store

    bases = dump if isinstance(dump, list) else load_bases(dump)
    store = open_store(db)
    written = 0
    chunk: list[dict[str, Any]] = []
    started = time.perf_counter()
    for n, art in enumerate(varied_articles(bases, n_articles)):
        if n < skip:
            continue
        chunk.append(art)
        if len(chunk) == 500:
            write(store, chunk)
            written += len(chunk)
            chunk = []
            print(f"\r{skip + written} articles, {time.perf_counter() - started:.0f} s", end="", file=sys.stderr)
    if chunk:
        write(store, chunk)
        written += len(chunk)
    print(f"\nwrote {written} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    store.close()
    return written


def make_embedder(name: str) -> Any:
    if name == "none":
        return None
    if name == "minilm":
        from sayso.corpus.claims import load_embedder
        return load_embedder()
    sys.path.insert(0, str(ROOT / "bench"))
    from claims_scale import hashed_embedder  # type: ignore[import-not-found]
    return hashed_embedder


def member_pairs(store: Any) -> set[tuple[str, str]]:
    """Every pair of statements (article:attr) that one claim holds: what blocking can lose."""
    from itertools import combinations

    from sqlalchemy import select

    from sayso.store import schema as S

    by_claim: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for cid, art, attr in conn.execute(select(S.claim_members.c.claim_id, S.claim_members.c.article_id,
                                                  S.claim_members.c.attr_id)):
            by_claim.setdefault(cid, []).append(f"{art}:{attr}")
    return {p for ms in by_claim.values() for p in combinations(sorted(ms), 2)}


def measure(db: str, embeddings: str, exact_block: int | None = None, pairs_out: Path | None = None,
            ) -> dict[str, Any]:
    """Rebuild the derived rows and group the stories, timed; one JSON line on stdout.
    ``exact_block``: claims' EXACT_BLOCK for this run (a large one scores every pair, as before
    MinHash bands); ``pairs_out``: write the claims' statement pairs there (one per line)."""
    from sqlalchemy import func, select

    from sayso.corpus import claims
    from sayso.store import schema as S
    from sayso.store.core import open_store

    if exact_block is not None:
        claims.EXACT_BLOCK = exact_block

    store = open_store(db)
    with store.engine.connect() as conn:
        n_art = conn.execute(select(func.count()).select_from(S.articles)).scalar()
        n_attr = conn.execute(select(func.count()).select_from(S.attributions)).scalar()
    embedder = make_embedder(embeddings)
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    counts = store.rebuild(embedder=embedder)
    t1, c1 = time.perf_counter(), time.process_time()
    stories = store.all_stories()
    t2, c2 = time.perf_counter(), time.process_time()
    digest = hashlib.sha1(json.dumps([(s["id"], sorted({e["article_id"] for e in s["timeline"]}))
                                      for s in stories]).encode()).hexdigest()[:12]
    out = {"articles": n_art, "attributions": n_attr, "embeddings": embeddings, **counts,
           "stories": len(stories), "stories_digest": digest,
           "rebuild_wall": round(t1 - t0, 2), "rebuild_cpu": round(c1 - c0, 2),
           "stories_wall": round(t2 - t1, 2), "stories_cpu": round(c2 - c1, 2),
           "wall": round(t2 - t0, 2), "cpu": round(c2 - c0, 2),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
           "load_before": round(load0, 2), "load_after": round(os.getloadavg()[0], 2),
           "exact_block": claims.EXACT_BLOCK}
    if pairs_out is not None:
        pairs = sorted(member_pairs(store))
        pairs_out.write_text("".join(f"{a} {b}\n" for a, b in pairs))
        out["member_pairs"] = len(pairs)
    store.close()
    return out


def curve(prefix: str, sizes: list[int], dump: Path, embeddings: str, out: Path) -> None:
    """One store grown size by size, measured at each size in a fresh process; JSON and a png."""
    db = f"sqlite:///{prefix}.db"
    rows = []
    have = 0
    for n in sizes:
        build(db, n, dump, skip=have)
        have = n
        res = subprocess.run([sys.executable, __file__, "measure", "--db", db, "--embeddings", embeddings],
                             check=True, capture_output=True, text=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
        out.with_suffix(".json").write_text(json.dumps({"rows": rows, "embeddings": embeddings}, indent=1) + "\n")
    plot(rows, out)


def snapshots(prefix: str, sizes: list[int], dump: Path) -> None:
    """One store grown size by size, copied at each size to PREFIX<size>.db (the growing store is
    PREFIX-grow.db): the copies can be measured later, again, or by other code."""
    import sqlite3

    bases = load_bases(dump)
    grow = f"{prefix}-grow.db"
    have = 0
    for n in sizes:
        build(f"sqlite:///{grow}", n, bases, skip=have)
        have = n
        src, dst = sqlite3.connect(grow), sqlite3.connect(f"{prefix}{n}.db")
        src.backup(dst)
        dst.close()
        src.close()


def remeasure(dbs: list[str], embeddings: str, out: Path) -> None:
    """``measure`` each store in a fresh process, smallest first; JSON, and the png where matplotlib is."""
    rows = []
    for db in dbs:
        res = subprocess.run([sys.executable, __file__, "measure", "--db", f"sqlite:///{db}", "--embeddings",
                              embeddings], check=True, capture_output=True, text=True)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
        out.with_suffix(".json").write_text(json.dumps({"rows": rows, "embeddings": embeddings}, indent=1) + "\n")
    try:
        plot(rows, out)
    except ImportError:
        print("no matplotlib: plot with  python -c 'import stories_scale as s, json; "
              "s.plot(json.load(open(OUT.json))[\"rows\"], OUT)'", file=sys.stderr)


def plot(rows: list[dict[str, Any]], out: Path) -> None:
    import math

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["articles"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    for key, label in (("cpu", "rebuild + stories, CPU s"), ("wall", "rebuild + stories, wall s")):
        ax.loglog(xs, [r[key] for r in rows], "o-", label=label)
    x0, y0 = xs[0], rows[0]["cpu"]
    for k, style in ((1, ":"), (2, "--")):
        ax.loglog(xs, [y0 * (x / x0) ** k for x in xs], "k" + style, lw=0.8, label=f"slope {k}")
    if len(rows) > 1:
        slope = math.log(rows[-1]["cpu"] / rows[0]["cpu"]) / math.log(xs[-1] / xs[0])
        ax.set_title(f"claims + stories: CPU grows with slope {slope:.2f}")
    ax.axhline(600, color="r", lw=0.8, label="10 minutes")
    ax.set_xlabel("articles in the store")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out.with_name(out.name + "-linearity.png"), dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--db", required=True)
    b.add_argument("--articles", type=int, default=100_000)
    m = sub.add_parser("measure")
    m.add_argument("--db", required=True)
    m.add_argument("--exact-block", type=int, default=None)
    m.add_argument("--pairs-out", type=Path, default=None)
    c = sub.add_parser("curve")
    c.add_argument("--db", required=True, help="path prefix of the SQLite store (PREFIX.db)")
    c.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    c.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "stories-scale")
    for p in (b, c):
        p.add_argument("--dump", type=Path, default=Path("/work/main/build/dump-fast.jsonl"))
    for p in (m, c):
        p.add_argument("--embeddings", choices=["none", "hashed", "minilm"], default="none")
    sn = sub.add_parser("snapshots")
    sn.add_argument("--db", required=True, help="path prefix of the SQLite copies (PREFIX<size>.db)")
    sn.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    sn.add_argument("--dump", type=Path, default=Path("/work/main/build/dump-fast.jsonl"))
    r = sub.add_parser("remeasure")
    r.add_argument("dbs", nargs="+", help="SQLite files, smallest first")
    r.add_argument("--embeddings", choices=["none", "hashed", "minilm"], default="none")
    r.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "stories-scale")
    args = ap.parse_args()
    if args.cmd == "snapshots":
        snapshots(args.db, [int(s) for s in args.sizes.split(",")], args.dump)
    elif args.cmd == "remeasure":
        remeasure(args.dbs, args.embeddings, args.out)
    elif args.cmd == "build":
        build(args.db, args.articles, args.dump)
    elif args.cmd == "measure":
        print(json.dumps(measure(args.db, args.embeddings, args.exact_block, args.pairs_out)))
    else:
        curve(args.db, [int(s) for s in args.sizes.split(",")], args.dump, args.embeddings, args.out)


if __name__ == "__main__":
    main()
