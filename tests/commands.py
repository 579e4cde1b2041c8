"""How tests start the real ``sayso`` command (imported by conftest.py and by tests that run it).

A module of its own, since ``from conftest import ...`` is ambiguous: tests/ and
tests/corpus/ each have a conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def sayso_command() -> list[str]:
    """The installed ``sayso`` command of this interpreter's environment (for subprocess tests)."""
    exe = Path(sys.executable).with_name("sayso")
    if exe.is_file() and os.access(exe, os.X_OK):
        return [str(exe)]
    found = shutil.which("sayso")
    if found:
        return [found]
    return [sys.executable, "-c", "from sayso.cli import main; main()"]


def free_port() -> int:
    """A TCP port nothing listens on now (on the loopback address)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(args: list[str], log_path: Path, *, start_within: float = 60) -> Iterator[str]:
    """``sayso serve ARGS`` on a free local port: yields its base URL, then stops it.

    Fails the test, with the end of the server's log, when it does not answer ``GET /``
    within ``start_within`` seconds.
    """
    import pytest

    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen([*sayso_command(), "serve", *args, "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + start_within
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"sayso serve did not start; log: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        try:
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
