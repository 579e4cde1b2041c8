"""How tests start the real ``sayso`` command (imported by conftest.py and by tests that run it).

A module of its own, since ``from conftest import ...`` is ambiguous: tests/ and
tests/corpus/ each have a conftest.py.
"""

from __future__ import annotations

import os
import shutil
import sys
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
