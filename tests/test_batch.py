"""``sayso batch``: the Parquet dataset, partitioning, resuming, errors, and identity with ``sayso.analyze``.

The Dask tests start real local clusters (a few seconds each), so there are few
of them and they use one or two workers on a handful of short articles, in fast
mode: what is tested is the batch machinery, and each worker would otherwise
load the encoder too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cli_run import invoke

import sayso
from sayso.batch import BatchOptions, read_reports, run_batch
from sayso.batch.dataset import TABLES
from sayso.batch.inputs import discover, plan, read_partition
from sayso.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SAYSO = str(Path(sys.executable).with_name("sayso"))

SHORT_TEXTS = {
    "jane.txt": '"We will win," Jane Doe said.',
    "mayor.txt": "The mayor said on Tuesday that the bridge would reopen in May. "
                 "Officials declined to comment.",
    "police.txt": 'Police arrested two men, according to a statement. "It was chaos," a witness told reporters.',
    "senator.txt": "Senator Smith told CNN that the bill was dead. Her office did not respond to a request for comment.",
}


def _articles_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "call-report.txt").write_text((ROOT / "examples" / "call-report.txt").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    for name, text in SHORT_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Planning and reading, without Dask or the model.

def test_partitions_cut_files_in_input_order_and_read_back_the_right_lines(tmp_path: Path) -> None:
    a = _jsonl(tmp_path / "a.jsonl", [json.dumps({"id": f"a{k}", "text": f"Text é {k}."}) for k in range(5)])
    b = tmp_path / "b.txt"
    b.write_text("One article.", encoding="utf-8")
    parts = plan(discover([a, b]), partition_size=2)
    assert [(p.number, p.first_ordinal, p.size) for p in parts] == [(0, 0, 2), (1, 2, 2), (2, 4, 2)]
    # The last partition holds a's fifth line and b: a file may span partitions and a partition files.
    assert [(c.kind, c.start, c.stop) for c in parts[2].chunks] == [("jsonl", 4, 5), ("text", 0, 1)]
    items = [i for p in parts for i in read_partition(p)]
    assert [i.ordinal for i in items] == list(range(6))
    assert [i.meta["id"] for i in items] == ["a0", "a1", "a2", "a3", "a4", str(b)]
    assert items[3].meta["text"] == "Text é 3." and items[3].meta["source"] == f"{a}:4"


def test_parquet_input_rows_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.parquet"
    rows = [{"id": f"w{k}", "text": f"Article {k}.", "publisher": "AP", "url": f"https://x/{k}"} for k in range(7)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    parts = plan(discover([path]), partition_size=4)
    items = [i for p in parts for i in read_partition(p)]
    assert [i.meta["id"] for i in items] == [f"w{k}" for k in range(7)]
    assert items[5].meta["text"] == "Article 5." and items[5].meta["publisher"] == "AP"


PAGE = """<html><head><title>Bridge to reopen</title></head><body><nav>Home | News</nav>
<article><h1>Bridge to reopen</h1>
<p>The mayor said on Tuesday that the old bridge over the river would reopen in May, after two years of repairs
that cost the city far more than planned.</p>
<p>"We kept our promise," she told reporters outside city hall, adding that traffic would be limited at first.</p>
</article><footer>Copyright</footer></body></html>"""


def test_html_pages_and_html_in_json_lines_are_read_as_sayso_ingest_reads_them(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    lines = _jsonl(tmp_path / "pages.jsonl", [json.dumps({"id": "p1", "html": PAGE, "url": "https://x/p1"})])
    items = [i for p in plan(discover([page, lines])) for i in read_partition(p)]
    assert [i.error for i in items] == [None, None]
    for item in items:
        assert "We kept our promise" in item.meta["text"] and "Copyright" not in item.meta["text"]
    assert items[1].meta["id"] == "p1" and items[1].meta["url"] == "https://x/p1"


def test_bad_inputs_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing.jsonl"])
    with pytest.raises(InputError, match="standard input"):
        discover(["-"])
    table = tmp_path / "t.parquet"
    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), table)
    with pytest.raises(InputError, match="no 'text' column"):
        plan(discover([table]))


def test_a_partition_analysed_in_this_process_reads_back_as_the_reports(tmp_path: Path) -> None:
    """A worker's task without Dask: the quick run's cover of the worker (the cluster tests are slow)."""
    from sayso.batch.worker import run_partition

    src = _jsonl(tmp_path / "wire.jsonl", [json.dumps({"id": "jane", "text": SHORT_TEXTS["jane.txt"]}), "{not json",
                                            json.dumps({"id": "mayor", "text": SHORT_TEXTS["mayor.txt"]})])
    (part,) = plan(discover([src]), partition_size=3)
    out = tmp_path / "out"
    done = run_partition(part, str(out), mode="fast")
    assert (done.analysed, done.errors, done.skipped) == (2, 1, False)
    assert done.torch_threads == 0  # fast mode runs no encoder
    got = list(read_reports(out))
    assert [m["id"] for m, _ in got] == ["jane", "mayor"]
    assert [r for _, r in got] == [sayso.analyze(SHORT_TEXTS[n], mode="fast") for n in ("jane.txt", "mayor.txt")]
    assert run_partition(part, str(out), mode="fast").skipped


# Real runs on a local Dask cluster: each starts worker processes that load the model (slow).

@pytest.mark.slow
def test_batch_gives_the_same_reports_as_analyze(tmp_path: Path) -> None:
    folder = _articles_folder(tmp_path)
    out = tmp_path / "out"
    run = subprocess.run([SAYSO, "batch", str(folder), "--out", str(out), "--workers", "2",
                          "--partition-size", "2", "--json", "--mode", "fast"],
                         check=False, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["analysed"] == 5 and summary["errors"] == 0 and summary["partitions"] == 3
    assert "dashboard" in run.stderr

    got = list(read_reports(out))
    assert [Path(m["id"]).name for m, _ in got] == sorted(["call-report.txt", *SHORT_TEXTS])
    for meta, report in got:
        expected = sayso.analyze(meta["text"], mode="fast")
        assert [a.to_dict() for a in report.attributions] == [a.to_dict() for a in expected.attributions]
        assert report == expected

    # The flat attributions table holds the same attributions in the same order.
    import duckdb

    flat = duckdb.sql(f"SELECT article_id, attribution_id, cue, content FROM '{out}/attributions/*.parquet' "
                      "ORDER BY ordinal, position").fetchall()
    assert flat == [(m["id"], a.id, a.cue.text, a.content.text) for m, r in got for a in r.attributions]
    assert len(flat) >= 10

    # The store loads the dataset as it is (issue #6: `sayso ingest --from-parquet DIR --db URL`).
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    ingest = invoke("ingest", "--from-parquet", str(out), "--db", db, "--json")
    assert ingest.exit_code == 0, ingest.stderr
    loaded = json.loads(ingest.stdout)
    assert (loaded["ingested"], loaded["failed"]) == (5, 0), loaded


@pytest.mark.slow
def test_bad_articles_go_to_the_errors_table_and_a_rerun_resumes(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "wire.jsonl", [
        json.dumps({"id": "ok1", "text": '"Prices will fall," the minister said.', "publisher": "Reuters"}),
        "{not json",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "notext", "title": "no body"}),
        json.dumps({"id": "ok2", "text": "The company said profits rose."}),
    ])
    out = tmp_path / "out"
    results = []
    first = run_batch([src], out, BatchOptions(workers=1, partition_size=2, mode="fast"), on_result=results.append)
    assert (first.analysed, first.errors, first.partitions, first.skipped_partitions) == (2, 3, 3, 0)
    # One worker ran the three partitions and loaded the spaCy model once, not once per task.
    assert len({r.worker for r in results}) == 1 and [r.model_loads for r in results] == [1, 1, 1]
    errors = pq.read_table(out / "errors").to_pylist()
    assert [(e["article_id"], e["error"]) for e in errors] == [
        (f"{src}:2", "InputError"), ("empty", "InputError"), ("notext", "InputError")]
    assert all('"text"' in e["message"] for e in errors[1:]), errors
    got = list(read_reports(out))
    assert [m["id"] for m, _ in got] == ["ok1", "ok2"]
    assert got[0][0]["publisher"] == "Reuters" and got[0][1].publisher == "Reuters"

    # Every table has the documented schema, even for partitions with no rows in it.
    for table, schema in TABLES.items():
        for part in sorted((out / table).glob("part-*.parquet")):
            assert pq.read_schema(part).remove_metadata() == schema, (table, part)

    # A rerun skips what is written; a lost partition is redone, and only that one.
    lost = out / "articles" / "part-00002.parquet"
    lost.unlink()
    stale = out / "attributions" / ".part-00002.parquet.999.tmp"  # left by a run that was killed
    stale.write_bytes(b"half a file")
    again = run_batch([src], out, BatchOptions(workers=1, partition_size=2, mode="fast"))
    assert (again.skipped_partitions, again.analysed, again.errors) == (2, 1, 0)
    assert lost.is_file() and not stale.exists()
    assert [m["id"] for m, _ in read_reports(out)] == ["ok1", "ok2"]


def test_cli_refuses_to_mix_two_batches_in_one_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / "_batch.json").write_text(json.dumps({"inputs": [], "partition_size": 7, "partitions": 0,
                                                 "articles": 0}), encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("He said so.", encoding="utf-8")
    run = invoke("batch", str(text), "--out", str(out))
    assert run.exit_code == 1
    assert run.stderr.strip().count("\n") == 0 and "another --out" in run.stderr
    assert "Traceback" not in run.stderr

    bad = invoke("batch", str(text), "--out", str(tmp_path / "o2"), "--scheduler", "myhost")
    assert bad.exit_code == 1 and "tcp://HOST:8786" in bad.stderr and "Traceback" not in bad.stderr


def test_read_reports_refuses_a_folder_that_is_no_batch(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a sayso batch output"):
        list(read_reports(tmp_path))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_batch_attaches_to_a_running_dask_scheduler(tmp_path: Path) -> None:
    """--scheduler tcp://...: the multi-machine setup, here with scheduler and worker on loopback."""
    import time

    dask = str(Path(sys.executable).with_name("dask"))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = (tmp_path / "scheduler.log").open("w"), (tmp_path / "worker.log").open("w")
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=logs[0], stderr=subprocess.STDOUT, cwd=tmp_path)
    worker = None
    try:
        deadline = time.monotonic() + 60
        while "Scheduler at" not in (tmp_path / "scheduler.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        worker = subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                   "--no-dashboard"], stdout=logs[1], stderr=subprocess.STDOUT, cwd=tmp_path)
        src = tmp_path / "jane.txt"
        src.write_text(SHORT_TEXTS["jane.txt"], encoding="utf-8")
        run = subprocess.run([SAYSO, "batch", str(src), "--out", str(tmp_path / "out"), "--scheduler", address,
                              "--json", "--mode", "fast"], check=False, capture_output=True, text=True, timeout=180,
                             stdin=subprocess.DEVNULL)
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["workers"] == 1
        ((_meta, report),) = list(read_reports(tmp_path / "out"))
        assert report == sayso.analyze(SHORT_TEXTS["jane.txt"], mode="fast")
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)
        for log in logs:
            log.close()
