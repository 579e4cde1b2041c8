"""Shared start-up of the atheris fuzz targets: instrument sayso only, then fuzz ``one_input``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def run(one_input: Callable[[bytes], None], corpus: str, setup: Callable[[], None] | None = None) -> None:
    """Fuzz ``one_input`` with libFuzzer's command line (``sys.argv``), seeded from fuzz/corpus/<corpus>/.

    Without a corpus folder on the command line, new inputs go to a temporary
    folder and the seed folder is only read (nothing is written into the repository).
    """
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris (Linux x86-64/arm64 wheels, CPython 3.8-3.13)")
    if setup is not None:
        setup()
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        # libFuzzer writes new inputs into the first folder: a temporary one, not the repository.
        import tempfile

        argv += [tempfile.mkdtemp(prefix=f"sayso-fuzz-{corpus}-"), str(HERE / "corpus" / corpus)]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def instrumented() -> object:
    """``atheris.instrument_imports`` for sayso's own modules, or a no-op without atheris."""
    try:
        import atheris
    except ImportError:
        import contextlib

        return contextlib.nullcontext()
    return atheris.instrument_imports(include=["sayso"])
