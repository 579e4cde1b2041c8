"""Store reliability (issue #7): repeated SIGKILLs, concurrent writers, migrating a store that holds data.

Every `sayso ingest` that is killed or races another is the real command line in
a subprocess; the runs that only finish the work (the reference, each rerun) are
the same command run in this process, where the model is loaded already.  The
corpus is written by the test (six short articles, the call-report example and
an empty file); the backends are SQLite and PostgreSQL ($SAYSO_TEST_POSTGRES_URL,
or build/services.env; skipped with the reason outside CI when unset, failed in
CI).  Ingests run in fast mode: what is tested is the store, not the encoder.

How many kills: $SAYSO_KILL_ROUNDS on each backend, default 3 (killed with none,
half and all of the articles stored), which keeps `make test` inside its budget
(each round starts one CLI process, about 3 s of CPU); issue #7 asked for 20,
which `make long` runs.  Claims are grouped without sentence embeddings
(`--no-embeddings`): the store's atomicity is the same either way, and loading
the sentence model would double each round's cost.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the store extra: pip install 'sayso[store]'")
from sqlalchemy import create_engine, insert, select, text
from typer.testing import CliRunner

import sayso
from sayso.cli import app
from sayso.store import normalise_url, open_store
from sayso.store import schema as S
from sayso.store.core import ArticleInfo

ROOT = Path(__file__).resolve().parents[1]
SAYSO = [sys.executable, "-c", "import sys; from sayso.cli import main; sys.argv[0] = 'sayso'; main()"]
#: Columns that say when or how often, not what: they differ between runs by design.
RUN_COLUMNS = {"ingested_at", "first_seen", "last_seen", "created_at", "attempts"}

ARTICLES = {
    "budget.txt": 'The finance minister said on Tuesday that the budget would be balanced by 2027. '
                  '"We will not raise taxes," she told reporters in Ottawa. '
                  'Opposition leader Mark Doyle said the plan was "a fantasy".',
    "strike.txt": 'Union leaders said the strike would continue until wages rose. '
                  'A spokesman for the airline declined to comment. '
                  'According to two people familiar with the talks, a deal is close.',
    "storm.txt": 'The storm knocked out power to 40,000 homes, the utility said. '
                 '"Crews are working around the clock," said Ana Ruiz, a company spokeswoman. '
                 'Officials warned that more rain could fall on Friday.',
    "court.txt": 'The judge ruled that the evidence was admissible, court records show. '
                 'Defence lawyer Tom Hale told the Associated Press he would appeal. '
                 'Prosecutors did not respond to a request for comment.',
    "vaccine.txt": 'Health officials said the new vaccine was safe and effective. '
                   '"The data are clear," Dr. Lena Park said at a briefing. '
                   'Some doctors, who spoke on condition of anonymity, said they had doubts.',
    "match.txt": 'The coach said his team had played its best game of the season. '
                 '"I am proud of these players," Marco Silva told the BBC. '
                 'The club said in a statement that the striker would miss two weeks.',
    # The budget story again, reworded by another desk: the same claims, so the claims table has rows.
    "budget-wire.txt": 'The budget will be balanced by 2027, the finance minister said on Tuesday. '
                       '"We will not raise taxes," she said in Ottawa. '
                       'Mark Doyle, the opposition leader, called the plan "a fantasy".',
}


# -- backends -----------------------------------------------------------------------


def _postgres_base() -> str | None:
    url = os.environ.get("SAYSO_TEST_POSTGRES_URL")
    if url:
        return url
    env = ROOT / "build" / "services.env"
    if env.is_file():
        for line in env.read_text().splitlines():
            if line.startswith("SAYSO_TEST_POSTGRES_URL="):
                return line.split("=", 1)[1].strip() or None
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; in CI every backend must be tested")
    pytest.skip(reason)


class Databases:
    """Makes fresh empty databases on one backend and drops them at the end."""

    def __init__(self, backend: str, tmp: Path):
        self.backend, self.tmp, self.made = backend, tmp, []
        self.admin = None
        if backend == "postgresql":
            base = _postgres_base()
            if not base:
                _unavailable("no PostgreSQL for the store tests: SAYSO_TEST_POSTGRES_URL is unset "
                             "(run scripts/services/postgres.sh)")
            self.base = base
            self.admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
            try:
                with self.admin.connect() as c:
                    c.execute(text("SELECT 1"))
            except Exception as e:  # noqa: BLE001 - a dead server is a clear skip/failure
                _unavailable(f"PostgreSQL at {base} is not usable: {e}")

    def new(self) -> str:
        name = f"sayso_r_{uuid.uuid4().hex[:10]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.tmp / (name + '.db')}"
        with self.admin.connect() as c:
            c.execute(text(f"CREATE DATABASE {name}"))
        self.made.append(name)
        return self.base.rsplit("/", 1)[0] + "/" + name

    def drop(self, url: str) -> None:
        if self.backend == "postgresql":
            name = url.rsplit("/", 1)[1]
            with self.admin.connect() as c:
                c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            self.made.remove(name)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(url.split(":///", 1)[1] + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        if self.admin is not None:
            with self.admin.connect() as c:
                for name in self.made:
                    c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            self.admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def dbs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    d = Databases(request.param, tmp_path)
    try:
        yield d
    finally:
        d.close()


# -- the corpus and how runs are compared ----------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reliability") / "articles"
    folder.mkdir()
    for name, body in ARTICLES.items():
        (folder / name).write_text(body + "\n", encoding="utf-8")
    (folder / "call-report.txt").write_bytes((ROOT / "examples" / "call-report.txt").read_bytes())
    (folder / "empty.txt").write_text("")   # a failure is part of the state too
    return folder


N_GOOD = len(ARTICLES) + 1


def _plain(v: object) -> str:
    """One spelling for a value on either backend (booleans, JSON, floats)."""
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, float):
        return repr(round(v, 6))
    if isinstance(v, str) and v[:1] in "[{":
        try:
            v = json.loads(v)
        except ValueError:
            return v
    if isinstance(v, (dict, list)):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return str(v)


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every table's rows (minus the when/how-often columns), sorted, in one spelling."""
    eng = create_engine(normalise_url(url))
    out = {}
    try:
        with eng.connect() as c:
            for t in S.TABLES:
                cols = [col.name for col in t.columns
                        if col.name not in RUN_COLUMNS and not (t.name == "errors" and col.name == "id")]
                quoted = ", ".join('"' + x + '"' for x in cols)
                # The derived generation is a fresh token at each write of the derived rows: a run
                # detail like ingested_at.
                where = " WHERE key <> 'derived_generation'" if t.name == "store_meta" else ""
                rows = c.execute(text(f"SELECT {quoted} FROM {t.name}{where}")).all()
                out[t.name] = sorted(tuple(_plain(v) for v in r) for r in rows)
            out["schema_migrations"] = sorted(
                (str(v),) for v in c.execute(text("SELECT version FROM schema_migrations")).scalars())
            if eng.dialect.name == "sqlite":
                fts = c.execute(text("SELECT article_id, attr_id, content_text FROM attributions_fts")).all()
                out["attributions_fts"] = sorted(tuple(map(str, r)) for r in fts)
    finally:
        eng.dispose()
    return out


def for_backend(expected: dict[str, list[tuple]], backend: str) -> dict[str, list[tuple]]:
    """The reference (an SQLite store) without what only SQLite has (the FTS5 table)."""
    return expected if backend == "sqlite" else {k: v for k, v in expected.items() if k != "attributions_fts"}


def _count(url: str, engine: object | None = None) -> int:
    """How many articles are stored (-1: no articles table yet)."""
    eng = engine or create_engine(normalise_url(url))
    try:
        with eng.connect() as c:  # type: ignore[attr-defined]
            return int(c.execute(text("SELECT count(*) FROM articles")).scalar() or 0)
    except Exception:  # noqa: BLE001 - the table may not exist yet
        return -1
    finally:
        if engine is None:
            eng.dispose()  # type: ignore[attr-defined]


INGEST = ["ingest", "--batch-size", "1", "--mode", "fast", "--no-embeddings"]


@dataclass(frozen=True)
class Ran:
    returncode: int
    stderr: str


def _ingest(paths: list[Path], url: str) -> Ran:
    """`sayso ingest` run to its end, in this process (the killed and racing ones are real processes)."""
    r = CliRunner().invoke(app, [*INGEST, *map(str, paths), "--db", url])
    return Ran(r.exit_code, r.stderr)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    """An uninterrupted ingest on SQLite: its contents, and how long it took."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'reference.db'}"
    t0 = time.monotonic()
    done = _ingest([corpus], url)
    took = time.monotonic() - t0
    assert done.returncode == 1, done.stderr  # empty.txt failed (issue 31: the exit status says so)
    assert f"{N_GOOD} ingested" in done.stderr and "1 failed" in done.stderr, done.stderr
    snap = snapshot(url)
    assert len(snap["articles"]) == N_GOOD and len(snap["errors"]) == 1
    assert len(snap["attributions"]) >= 15 and snap["entities"] and snap["claims"], \
        "the reference corpus must give rows in every derived table, or the comparison tests little"
    return snap, took


# -- 1. crash safety, repeated -------------------------------------------------------------


@pytest.mark.kill
def test_repeated_sigkill_then_rerun_equals_uninterrupted_run(dbs: Databases, corpus: Path,
                                                              reference: tuple[dict, float]) -> None:
    expected, took = reference
    expected = for_backend(expected, dbs.backend)
    rounds = int(os.environ.get("SAYSO_KILL_ROUNDS", "3"))
    rng = random.Random(f"sayso-kill-{dbs.backend}")
    kills = []          # (articles stored when killed, whether the child was still running)
    # Kill after k articles are stored, k spread over 0..N_GOOD (N_GOOD: during the final rebuild
    # of entities and claims), in a seeded random order, plus a random delay of up to 50 ms.
    targets = [(j * 4) % (N_GOOD + 1) for j in range(rounds)]
    rng.shuffle(targets)
    for i in range(rounds):
        url = dbs.new()
        k, jitter = targets[i], rng.uniform(0.0, 0.05)
        child = subprocess.Popen([*SAYSO, *INGEST, str(corpus), "--db", url],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 10 * took + 60
        poller = create_engine(normalise_url(url))     # one pooled connection: polls take ~1 ms
        while time.monotonic() < deadline and child.poll() is None and _count(url, poller) < k:
            time.sleep(0.005)
        poller.dispose()
        time.sleep(jitter)
        running = child.poll() is None
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        kills.append((_count(url), running))
        again = _ingest([corpus], url)
        assert again.returncode == 1, f"round {i}: the rerun failed: {again.stderr}"  # 1: empty.txt
        # The rerun does only what the killed run had not stored.
        assert f"{N_GOOD - kills[-1][0]} ingested" in again.stderr, (i, kills[-1], again.stderr)
        got = snapshot(url)
        assert {k: len(v) for k, v in got.items()} == {k: len(v) for k, v in expected.items()}, f"round {i}"
        assert got == expected, f"round {i} (killed with {kills[-1][0]} articles stored)"
        if dbs.backend == "sqlite":
            con = sqlite3.connect(url.split(":///", 1)[1])
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
        if i == rounds - 1:  # and a third run adds nothing
            third = _ingest([corpus], url)
            assert f"0 ingested, {N_GOOD} skipped as duplicates" in third.stderr, third.stderr
            assert snapshot(url) == expected
        dbs.drop(url)
    mid = [n for n, running in kills if running]
    print(f"\n{dbs.backend}: {rounds} kills; articles stored at each: {[n for n, _ in kills]}; "
          f"{len(mid)} while the ingest ran, {sum(0 < n < N_GOOD for n in mid)} of them mid-corpus")
    # Most kills must land inside the ingest, and some between articles, or the test tests little.
    if rounds >= 3:
        assert len(mid) >= rounds * 0.6, kills
        assert any(0 < n < N_GOOD for n in mid), kills


# -- 2. concurrent writers -----------------------------------------------------------------


@pytest.mark.kill
def test_concurrent_ingests_with_overlapping_inputs(dbs: Databases, corpus: Path,
                                                         reference: tuple[dict, float]) -> None:
    expected = for_backend(reference[0], dbs.backend)
    files = sorted(corpus.iterdir())
    first, second = files[: len(files) // 2 + 2], files[len(files) // 2 - 1:]
    assert set(first) & set(second) and set(first) | set(second) == set(files)
    url = dbs.new()
    cmd = [*SAYSO, *INGEST, "--db", url]
    # Three at once on a fresh store: two halves that overlap, and the whole folder. Before the
    # fixes this raced in migrate ("table ... already exists"), record_error and rebuild (UniqueViolation).
    procs = [subprocess.Popen([*cmd, *map(str, part)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, text=True) for part in (first, second, files)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode in (0, 1), err  # 1 when its share held empty.txt
        assert "Traceback" not in err, err
    got = snapshot(url)
    if dbs.backend == "sqlite":
        con = sqlite3.connect(url.split(":///", 1)[1])
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    # No article stored twice: ids, hashes and texts are unique.
    eng = create_engine(normalise_url(url))
    with eng.connect() as c:
        n, n_hash = c.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM articles")).one()
    eng.dispose()
    assert n == n_hash == N_GOOD
    # The two runs' derived tables end as a single run's: the last rebuild saw every article.
    assert {k: len(v) for k, v in got.items()} == {k: len(v) for k, v in expected.items()}
    assert got == expected


# -- 3. migrating a store that holds data -----------------------------------------------------


def test_a_version_1_store_with_data_is_migrated_intact(dbs: Databases, example_report: sayso.ArticleReport,
                                                        example_text: str) -> None:
    """The store code cannot stop at an older version, so version 1 is built by running only
    migration 1's function, the way Store.migrate runs it, and recording it."""
    url = dbs.new()
    store = open_store(url, migrate=False)
    with store.engine.begin() as conn:
        S.schema_migrations.create(conn)
        first = S.MIGRATIONS[0]
        first.apply(conn)
        conn.execute(insert(S.schema_migrations).values(version=first.version, name=first.name,
                                                        applied_at="2026-01-01T00:00:00Z"))
    assert store.schema_version() == 1
    aid = store.ingest_report(ArticleInfo(source="old.txt", publisher="The Daily Beast", title="Call"),
                              example_text, example_report)
    store.record_error("broken.txt", "empty input", "x" * 64)
    assert aid
    before = {t: rows for t, rows in snapshot_v1(store).items()}
    store.close()

    store = open_store(url)          # the current code: applies migrations 2 and 3 and nothing else
    try:
        assert store.schema_version() == S.SCHEMA_VERSION == 5
        with store.engine.connect() as conn:
            recorded = conn.execute(select(S.schema_migrations.c.version, S.schema_migrations.c.applied_at)
                                    .order_by(S.schema_migrations.c.version)).all()
        assert [v for v, _ in recorded] == [m.version for m in S.MIGRATIONS]
        assert recorded[0][1] == "2026-01-01T00:00:00Z"   # the old record is kept, not redone
        assert snapshot_v1(store) == before               # the data is untouched
        got = store.article(aid)
        assert got is not None and got[1] == example_text
        assert got[2].to_dict() == example_report.to_dict()
        # The new table works: a rebuild records what it was computed from.
        assert not store.is_current()
        store.rebuild()
        assert store.is_current()
        assert store.search_quotes(contains="Putin")
        assert open_store(url).migrate() == []          # opening again changes nothing
    finally:
        store.close()


def snapshot_v1(store: object) -> dict[str, list[tuple]]:
    """The rows of version 1's tables (those that exist before migrations 2 and 3)."""
    out = {}
    with store.engine.connect() as c:  # type: ignore[attr-defined]
        for t in S.TABLES:
            if t.name in ("store_meta", "co_speakers"):
                continue
            out[t.name] = sorted(tuple(_plain(v) for v in r) for r in c.execute(select(t)).all())
    return out


# -- hostile metadata and searches reach both backends ------------------------------------------


def test_nul_in_metadata_does_not_stop_an_ingest(dbs: Databases, tmp_path: Path) -> None:
    """A JSON Lines "\\u0000" in a title or publisher: PostgreSQL text cannot hold it, and before
    the fix the whole ingest stopped there with a DataError traceback."""
    feed = tmp_path / "nul.jsonl"
    feed.write_text('{"text": "The minister said the talks had failed.", "publisher": "A\\u0000B", '
                    '"title": "x\\u0000", "author": "\\u0000"}\n'
                    '{"text": "The mayor said the bridge would reopen in May."}\n', encoding="utf-8")
    url = dbs.new()
    done = _ingest([feed], url)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "2 ingested" in done.stderr and "0 failed" in done.stderr, done.stderr
    with open_store(url) as store:
        rows, total = store.search_quotes(publisher="AB")
        assert total == 1 and rows[0]["publisher"] == "AB" and rows[0]["title"] == "x"


def test_hostile_searches_answer_on_both_backends(dbs: Databases) -> None:
    """NUL characters and 100 KB names in every search: an empty answer, never an exception
    (SQLite failed on both before the fixes: 'unterminated string', 'LIKE pattern too complex')."""
    with open_store(dbs.new()) as store:
        for kw in ({"contains": "a\x00b"}, {"contains": "\x00"}, {"contains": "x" * 100_000},
                   {"publisher": "P" * 100_000}, {"speaker": "S" * 100_000}):
            rows, total = store.search_quotes(**kw)
            assert rows == [] and total == 0, kw
        assert store.list_entities(query="Q" * 100_000) == []
