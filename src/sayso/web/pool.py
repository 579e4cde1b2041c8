"""Analysis in worker processes with a hard deadline, for ``sayso serve``.

Analysing in the server's own process let one article stop the whole
server: spaCy holds Python's global lock while it works, so a 12 KB run of
brackets kept every other request, static files included, waiting for 10 s,
and a 100 KB one froze the server past a SIGTERM for over 8 minutes (issue
31).  Here each analysis runs in a worker process.  The server's threads
only wait on a pipe, so the event loop always answers; a worker that passes
the deadline is killed and replaced, and its client gets a 422 saying so.

    pool = AnalysisPool("accurate", workers=2, deadline=60)
    report = pool(text, publisher="Reuters")   # what sayso.analyze returns, or raises
    pool.close()

``__call__`` raises ``InputError`` as ``sayso.analyze`` does, ``AnalysisTimeout``
(422) past the deadline, and ``AnalysisUnavailable`` (503) when no worker is
free within the deadline, a worker died, or the pool is closing.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Self

from sayso.attribution.build import DEFAULT_TIME_BUDGET
from sayso.errors import InputError
from sayso.records import ArticleReport

log = logging.getLogger("sayso.web")

#: Seconds one analysis may take in a worker before the worker is killed.
#: The example article takes about 0.3 s; a 1,000,000-character article of
#: prose about 80 s, so the web's 2 MB upload cap and this deadline agree
#: that very long articles belong on the command line.
DEFAULT_DEADLINE = 60.0
#: Worker processes: two let one slow article run while others are answered.
DEFAULT_WORKERS = 2
#: Seconds a worker may take to start (load spaCy and, in accurate mode, the encoder).
STARTUP_SECONDS = 300.0
#: A short, ordinary text run once at start, so the models are loaded before the first request.
_WARM_UP = "The minister said the talks had failed."


class AnalysisUnavailable(Exception):
    """No analysis could be had in time; ``status`` is the HTTP status to answer with."""

    status = 503


class AnalysisTimeout(AnalysisUnavailable):
    """This article's analysis passed the deadline and was stopped: retrying will not help."""

    status = 422


def _work(conn: Connection, mode: str, time_budget: float, threads: int) -> None:
    """A worker's life: load the models, then analyse each (text, meta) received until the pipe closes."""
    import sayso

    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if mode == "accurate":
        # torch otherwise takes every core in each worker, and the workers slow each other down.
        import torch

        torch.set_num_threads(threads)
    try:
        sayso.analyze(_WARM_UP, mode=mode)
        conn.send(("ready", None))
    except Exception as e:  # noqa: BLE001  (a missing model: the parent logs it and gives up on this worker)
        conn.send(("error", f"{type(e).__name__}: {e}"))
        return
    while True:
        try:
            text, meta = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", sayso.analyze(text, mode=mode, time_budget=time_budget, **meta))
        except InputError as e:
            answer = ("input", str(e))
        except Exception as e:  # noqa: BLE001  (a bug: the parent answers 500; the worker goes on)
            answer = ("error", f"{type(e).__name__}: {e}")
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def stop(self) -> None:
        """Kill the process at once (it may be deep in spaCy, deaf to anything gentler) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class AnalysisPool:
    """``workers`` processes analysing in ``mode``; each call waits at most ``deadline`` seconds twice:
    for a free worker, then for its answer."""

    def __init__(self, mode: str, *, workers: int = DEFAULT_WORKERS, deadline: float = DEFAULT_DEADLINE) -> None:
        if workers < 1:
            raise ValueError("an analysis pool needs at least one worker")
        self.mode = mode
        self.workers = workers
        self.deadline = deadline
        # Past the soft budget a report keeps what was found, with a warning; the hard deadline is the backstop.
        self.time_budget = min(DEFAULT_TIME_BUDGET, deadline / 2)
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self._start_error = ""
        self.replaced = 0
        for _ in range(workers):
            self._start()

    def wait_ready(self, timeout: float = STARTUP_SECONDS) -> None:
        """Block until every worker has loaded its models (so the first request is not the slow one)."""
        end = time.monotonic() + timeout
        while self._idle.qsize() < len(self._workers) or not self._workers:
            if self._closed or not self._workers or time.monotonic() > end:
                raise AnalysisUnavailable(f"the analysis workers did not start: {self._start_error or 'timeout'}")
            time.sleep(0.05)

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        threads = max(1, (os.cpu_count() or 1) // self.workers)
        process = self._context.Process(target=_work, args=(child, self.mode, self.time_budget, threads),
                                        name="sayso-analysis", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._workers.add(worker)
        threading.Thread(target=self._await_ready, args=(worker,), name="sayso-worker-start", daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            ready = worker.conn.poll(STARTUP_SECONDS)
            kind, detail = worker.conn.recv() if ready else ("error", "it did not start in time")
        except (EOFError, OSError):
            kind, detail = "error", "it stopped while starting"
        if kind == "ready" and not self._closed:
            self._idle.put(worker)
            return
        if not self._closed:
            self._start_error = str(detail)
            log.error("an analysis worker could not start: %s", detail)
        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        if not self._closed:
            self.replaced += 1
            self._start()

    def _take(self, end: float) -> _Worker:
        while not self._closed:
            try:
                return self._idle.get(timeout=max(0.0, min(0.25, end - time.monotonic())))
            except queue.Empty:
                if time.monotonic() >= end:
                    raise AnalysisUnavailable(
                        f"The server is busy: no analysis could start within {self.deadline:.0f} s. "
                        "Try again in a minute.") from None
        raise AnalysisUnavailable("The server is stopping.")

    def __call__(self, text: str, **meta: str | int | None) -> ArticleReport:
        worker = self._take(time.monotonic() + self.deadline)
        try:
            worker.conn.send((text, meta))
            if not worker.conn.poll(self.deadline):
                raise TimeoutError
            kind, detail = worker.conn.recv()
        except TimeoutError:
            log.warning("analysis of %d characters passed the %.0f s deadline; its worker was replaced",
                        len(text), self.deadline)
            self._replace(worker)
            raise AnalysisTimeout(
                f"The analysis took longer than {self.deadline:.0f} s and was stopped. Text that is not "
                "prose (tables, lists, long runs of punctuation) can be this slow: remove such parts, or "
                "split the article and analyse the parts.") from None
        except (EOFError, OSError):
            self._replace(worker)
            if self._closed:
                raise AnalysisUnavailable("The server is stopping.") from None
            raise AnalysisUnavailable("The analysis stopped unexpectedly (its worker was restarted); "
                                      "try again.") from None
        self._idle.put(worker)
        if kind == "ok":
            return detail  # type: ignore[no-any-return]
        if kind == "input":
            raise InputError(detail)
        raise RuntimeError(f"analysis failed in a worker: {detail}")

    def close(self) -> None:
        """Kill every worker; calls in progress get AnalysisUnavailable at once."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DEFAULT_DEADLINE", "DEFAULT_WORKERS", "AnalysisPool", "AnalysisTimeout", "AnalysisUnavailable"]
