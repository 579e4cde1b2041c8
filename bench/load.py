"""A bounded load test of `sayso serve`, on 127.0.0.1 only.

Starts the real server on a free loopback port over a temporary SQLite store
holding the example article, then sends a FIXED number of requests at a fixed
concurrency: GET /corpus?q=... (a full-text search page) and POST /analyze
(the form, with the example text, so the real model runs).  It stops by itself,
within a total time bound, and reports p50/p99 latency, requests per second
and errors for each endpoint.

    .venv/bin/python bench/load.py                          # 200 + 40 requests, concurrency 4
    .venv/bin/python bench/load.py --corpus 500 --analyze 100 --concurrency 8 --out build/load.json
    .venv/bin/python bench/load.py --stall                  # GET / while a pathological analysis runs

Each endpoint runs in its own phase (corpus first, then analyze), after one
untimed warm-up request each (the first /analyze loads the model).
tests/test_load.py runs the same and asserts only that there were no errors.

``--stall`` measures issue 31 instead: the delay of GET / and of a static
file, first on an idle server, then while a pathological POST /api/analyze
(50,000 unclosed quotations with a cue each, 300,000 characters and
100,000 tokens: a minute or more of work) runs into the server's
--analysis-timeout; then that request's status (422 expected) and one
ordinary analysis after its worker was replaced.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "call-report.txt"
SAYSO = [sys.executable, "-c", "import sys; from sayso.cli import main; sys.argv[0] = 'sayso'; main()"]
CORPUS_PATH = "/corpus?q=Putin"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_store(folder: Path) -> str:
    """A fresh SQLite store holding the example article, ingested by the real CLI."""
    url = f"sqlite:///{folder / 'load.db'}"
    done = subprocess.run([*SAYSO, "ingest", str(EXAMPLE), "--db", url], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0 or "1 ingested" not in done.stderr:
        raise RuntimeError(f"could not ingest the example: {done.stderr.strip()}")
    return url


@contextlib.contextmanager
def serve(db_url: str, port: int, log: Path, startup_s: float = 120, extra: tuple[str, ...] = ()) -> Iterator[str]:
    """`sayso serve` on 127.0.0.1:port; yields its base URL; stops it (by its own pid) at the end."""
    base = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*SAYSO, "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(port),
                                 *extra], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + startup_s
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"sayso serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
                try:
                    if httpx.get(base + "/", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"sayso serve did not answer within {startup_s:.0f} s")
                time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of the values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


async def phase(client: httpx.AsyncClient, name: str, make_request: object, n: int,
                concurrency: int) -> dict[str, object]:
    """Send n requests with `concurrency` workers; latency and outcome of each."""
    latencies: list[float] = []
    errors: list[str] = []
    todo = iter(range(n))

    async def worker() -> None:
        for _ in todo:
            t0 = time.perf_counter()
            try:
                r = await make_request(client)  # type: ignore[operator]
                ok = r.status_code == 200 and len(r.content) > 0
                if not ok:
                    errors.append(f"HTTP {r.status_code}")
            except httpx.HTTPError as e:
                errors.append(f"{type(e).__name__}: {e}")
            latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - start
    return {"endpoint": name, "requests": len(latencies), "errors": len(errors),
            "error_samples": sorted(set(errors))[:5], "concurrency": concurrency,
            "seconds": round(wall, 3), "requests_per_s": round(len(latencies) / wall, 2) if wall else None,
            "p50_ms": round(1000 * percentile(latencies, 50), 1),
            "p99_ms": round(1000 * percentile(latencies, 99), 1),
            "max_ms": round(1000 * max(latencies), 1) if latencies else None,
            "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None}


async def load(base: str, *, n_corpus: int = 200, n_analyze: int = 40, concurrency: int = 4,
               total_s: float = 240) -> list[dict[str, object]]:
    text = EXAMPLE.read_text(encoding="utf-8")

    async def corpus(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(CORPUS_PATH)

    async def analyze(c: httpx.AsyncClient) -> httpx.Response:
        return await c.post("/analyze", data={"text": text})

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        for warm in (corpus, analyze):        # untimed: the first /analyze loads the model
            (await warm(client)).raise_for_status()

        async def both() -> list[dict[str, object]]:
            return [await phase(client, f"GET {CORPUS_PATH}", corpus, n_corpus, concurrency),
                    await phase(client, "POST /analyze (example, 2,301 chars)", analyze, n_analyze, concurrency)]

        return await asyncio.wait_for(both(), timeout=total_s)


def measure(*, n_corpus: int = 200, n_analyze: int = 40, concurrency: int = 4, total_s: float = 240,
            workdir: Path | None = None) -> dict[str, object]:
    """Store, server, load; the figures as a JSON-able dict."""
    with tempfile.TemporaryDirectory(prefix="sayso-load-") as tmp:
        folder = workdir or Path(tmp)
        url = make_store(folder)
        port = free_port()
        with serve(url, port, folder / "serve.log") as base:
            t0 = time.perf_counter()
            results = asyncio.run(load(base, n_corpus=n_corpus, n_analyze=n_analyze,
                                       concurrency=concurrency, total_s=total_s))
            took = time.perf_counter() - t0
    return {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "host": "127.0.0.1",
            "cpus": os.cpu_count(), "server": "sayso serve (uvicorn, one worker), SQLite store, 1 article",
            "total_seconds": round(took, 2), "endpoints": results}


#: The pathological article of the stall test (issue 31).  A run of "[" as long would now be refused
#: before the parse (too many tokens), so the slow case is quote soup, slow in the parse and in sayso.
STALL_TEXT = "“said " * 50_000


async def stall(base: str, *, probes: int, deadline: float) -> dict[str, object]:
    """Latency of GET / and a static file, idle and while a pathological analysis runs."""
    async with httpx.AsyncClient(base_url=base, timeout=deadline * 10 + 60) as client:

        async def probe_round(label: str, until: asyncio.Task[httpx.Response] | None) -> list[dict[str, object]]:
            rows = []
            for path in ("/", "/static/sayso.css"):
                latencies, errors = [], 0
                for _ in range(probes):
                    if until is not None and until.done():
                        break
                    t0 = time.perf_counter()
                    r = await client.get(path)
                    latencies.append(time.perf_counter() - t0)
                    errors += r.status_code != 200
                    await asyncio.sleep(0.05)
                rows.append({"endpoint": f"GET {path} ({label})", "requests": len(latencies), "errors": errors,
                             "requests_per_s": None,
                             "p50_ms": round(1000 * percentile(latencies, 50), 1),
                             "p99_ms": round(1000 * percentile(latencies, 99), 1),
                             "max_ms": round(1000 * max(latencies), 1) if latencies else None})
            return rows

        rows = await probe_round("idle", None)
        t0 = time.perf_counter()
        slow = asyncio.create_task(client.post("/api/analyze", json={"text": STALL_TEXT}))
        await asyncio.sleep(0.5)  # let it reach the worker
        rows += await probe_round("during a 300,000-character quote-soup analysis", slow)
        answer = await slow
        slow_s = time.perf_counter() - t0
        after = None
        for _ in range(60):  # 503 while the replacement worker loads the model
            after = await client.post("/api/analyze", json={"text": "The minister said the talks had failed."})
            if after.status_code != 503:
                break
            await asyncio.sleep(1)
    return {"endpoints": rows, "pathological": {"status": answer.status_code, "seconds": round(slow_s, 2),
                                                 "message": answer.json().get("error")},
            "next_analysis_status": after.status_code if after is not None else None}


def measure_stall(*, probes: int = 20, deadline: float = 20, workdir: Path | None = None) -> dict[str, object]:
    """Server (fast mode, one worker, a short deadline), then ``stall``; the figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="sayso-stall-") as tmp:
        folder = workdir or Path(tmp)
        port = free_port()
        extra = ("--mode", "fast", "--workers", "1", "--analysis-timeout", str(deadline))
        with serve("", port, folder / "serve.log", extra=extra) as base:
            results = asyncio.run(stall(base, probes=probes, deadline=deadline))
    return {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "host": "127.0.0.1",
            "cpus": os.cpu_count(), "server": f"sayso serve --mode fast --workers 1 --analysis-timeout {deadline:g}",
            **results}


def table(figures: dict[str, object]) -> str:
    rows = [("endpoint", "requests", "errors", "req/s", "p50 ms", "p99 ms", "max ms")]
    for r in figures["endpoints"]:  # type: ignore[union-attr]
        rows.append((str(r["endpoint"]), str(r["requests"]), str(r["errors"]), str(r["requests_per_s"]),
                     str(r["p50_ms"]), str(r["p99_ms"]), str(r["max_ms"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in rows]
    return "\n".join([lines[0], "-" * len(lines[0]), *lines[1:]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=int, default=200, help="GET /corpus requests (default 200)")
    ap.add_argument("--analyze", type=int, default=40, help="POST /analyze requests (default 40)")
    ap.add_argument("--concurrency", type=int, default=4, help="requests in flight (default 4)")
    ap.add_argument("--total", type=float, default=240, help="give up after this many seconds (default 240)")
    ap.add_argument("--out", type=Path, default=None, help="where to write the figures "
                    "(default build/load.json, or build/stall.json with --stall)")
    ap.add_argument("--stall", action="store_true", help="measure GET / during a pathological analysis instead")
    ap.add_argument("--deadline", type=float, default=20, help="--analysis-timeout of the stall server (default 20)")
    args = ap.parse_args()
    if args.stall:
        figures = measure_stall(deadline=args.deadline)
        out = args.out or ROOT / "build" / "stall.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(table(figures))
        print(f"\npathological request: {figures['pathological']}; next analysis: HTTP "
              f"{figures['next_analysis_status']}; figures in {out}")
        if any(r["errors"] for r in figures["endpoints"]) or figures["pathological"]["status"] != 422:  # type: ignore
            sys.exit(1)
        return
    figures = measure(n_corpus=args.corpus, n_analyze=args.analyze, concurrency=args.concurrency,
                      total_s=args.total)
    out = args.out or ROOT / "build" / "load.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(table(figures))
    print(f"\n{figures['total_seconds']} s in all; figures in {out}")
    if any(r["errors"] for r in figures["endpoints"]):  # type: ignore[union-attr]
        sys.exit(1)


if __name__ == "__main__":
    main()
