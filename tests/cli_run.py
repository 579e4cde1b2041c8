"""``invoke``: a sayso command run in the test's own process, where the model is loaded already.

A real ``sayso`` process pays for importing spaCy and torch and loading the
model (about 4 s of CPU each); the command in-process is the same code on the
same arguments.  A few tests still start the real command (test_cli.py).
"""

from __future__ import annotations

from typer.testing import CliRunner, Result

from sayso.cli import app


def invoke(*args: str) -> Result:
    """Run ``sayso *args``.  An exception the CLI did not turn into an exit fails the test here,
    as a traceback on stderr would in a real run."""
    r = CliRunner().invoke(app, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r
