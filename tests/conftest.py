"""Session fixtures shared by the test files: the canonical example, its report, PolNeAR.

The spaCy model is loaded once per process (``sayso.analyze`` caches it), and
``example_report`` analyses the example once per session.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import sayso
from sayso.eval import find_polnear

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "call-report.txt"


def sayso_command() -> list[str]:
    """The installed ``sayso`` command of this interpreter's environment (for subprocess tests)."""
    exe = Path(sys.executable).with_name("sayso")
    if exe.is_file() and os.access(exe, os.X_OK):
        return [str(exe)]
    found = shutil.which("sayso")
    if found:
        return [found]
    return [sys.executable, "-c", "from sayso.cli import main; main()"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_report(example_text: str) -> sayso.ArticleReport:
    return sayso.analyze(example_text)


@pytest.fixture(scope="session")
def polnear_root() -> Path:
    found = find_polnear()
    if found is None:
        pytest.skip("PolNeAR corpus not found: set $SAYSO_POLNEAR or put it at ../shared/data/polnear")
    return found


@pytest.fixture(scope="session")
def sayso_cmd() -> list[str]:
    return sayso_command()
