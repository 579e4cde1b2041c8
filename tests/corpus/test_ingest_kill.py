"""A real `sayso ingest` killed with SIGKILL mid-run, then run again, ends exactly like an uninterrupted run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from corpus_data import polnear_dev_texts
from sqlalchemy import create_engine, text

from sayso.store import normalise_url
from sayso.store.schema import TABLES

#: The real command line, run by this interpreter (whatever its PATH).
SAYSO = [sys.executable, "-c", "import sys; from sayso.cli import main; sys.argv[0] = 'sayso'; main()"]
#: Columns that record when or how often something happened, not what: they differ between runs by design.
RUN_COLUMNS = {"ingested_at", "first_seen", "last_seen", "created_at", "attempts"}


def _snapshot(url: str) -> dict[str, list[tuple]]:
    eng = create_engine(normalise_url(url))
    out = {}
    with eng.connect() as c:
        for t in TABLES:
            cols = [col.name for col in t.columns
                    if col.name not in RUN_COLUMNS and not (t.name == "errors" and col.name == "id")]
            quoted = ", ".join('"' + x + '"' for x in cols)
            rows = c.execute(text(f"SELECT {quoted} FROM {t.name}")).all()
            out[t.name] = sorted(tuple(_plain(v) for v in r) for r in rows)
    eng.dispose()
    return out


def _plain(v: object) -> str:
    """One spelling for a value on either backend (booleans, JSON, floats), so runs compare across them."""
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


def _count(url: str) -> int:
    eng = create_engine(normalise_url(url))
    try:
        with eng.connect() as c:
            return int(c.execute(text("SELECT count(*) FROM articles")).scalar() or 0)
    except Exception:  # noqa: BLE001 - the table may not exist yet while the child starts
        return 0
    finally:
        eng.dispose()


def _ingest(folder: Path, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SAYSO, "ingest", str(folder), "--db", url, "--batch-size", "1"], check=False,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_sigkill_then_rerun_equals_uninterrupted_run(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in polnear_dev_texts(8):
        shutil.copy(p, folder / p.name)
    (folder / "empty.txt").write_text("")          # a failure is part of the state too

    # The reference run is on SQLite: the killed-and-resumed run must match it on either backend.
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    done = _ingest(folder, reference)
    assert done.returncode == 1, done.stderr  # empty.txt failed (issue 31: the exit status says so)
    assert "8 ingested" in done.stderr and "1 failed" in done.stderr
    expected = _snapshot(reference)
    assert len(expected["articles"]) == 8

    child = subprocess.Popen([*SAYSO, "ingest", str(folder), "--db", db_url, "--batch-size", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and child.poll() is None and _count(db_url) < 2:
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = _count(db_url)
    assert child.returncode == -signal.SIGKILL
    assert 0 < killed_at < 8, f"the kill came too late to test anything ({killed_at} articles stored)"

    again = _ingest(folder, db_url)
    assert again.returncode == 1, again.stderr  # empty.txt again
    assert f"{8 - killed_at} ingested" in again.stderr
    got = _snapshot(db_url)
    assert {k: len(v) for k, v in got.items()} == {k: len(v) for k, v in expected.items()}
    assert got == expected

    # A third run adds nothing.
    third = _ingest(folder, db_url)
    assert "0 ingested, 8 skipped as duplicates" in third.stderr
    assert _snapshot(db_url) == expected
