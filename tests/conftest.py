"""Session fixtures shared by the test files: the canonical example, its report, PolNeAR.

The spaCy model is loaded once per process (``sayso.analyze`` caches it), and
``example_report`` analyses the example once per session.  Rule tests read
saved parses instead (tests/parsed.py).
"""

from __future__ import annotations

import os

# One thread for torch and BLAS, here and in every subprocess the tests start.  On the 2-core
# machine, shared, torch's two threads spin against each other and the encoder runs about ten
# times slower than on one (0.19 s against 2.2 s for a short article, measured under load 9).
# Set before anything imports spaCy, which imports torch through thinc.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from pathlib import Path

import pytest
from commands import sayso_command
from parsed import write_recorded

import sayso
from sayso.eval import find_polnear

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "call-report.txt"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """tests/fixtures/make_parses.py: write the parses recorded in this session."""
    path = write_recorded()
    if path is not None:
        print(f"\nrecorded parses written to {path}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads PolNeAR is a corpus test, whether or not it says so."""
    for item in items:
        if "polnear_root" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)


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
def example_report_fast(example_text: str) -> sayso.ArticleReport:
    """The example in fast mode, from its saved parse (tests/parsed.py): for tests not about accuracy."""
    from parsed import report_of

    return report_of(example_text)


#: Passive cues with and without an agent, participle cues and a relative-pronoun source: the
#: cases where fast and accurate mode differ most (tests/test_roles.py, tests/test_web.py).
ROLES_ARTICLE = (
    "United Nations peacekeepers have long been accused of sexual abuse in the countries where "
    "they serve. The peacekeepers have also been blamed for introducing cholera to Haiti, where "
    "the epidemic has killed thousands.\n\n"
    "Mr. Quiros was accused of using $50 million for personal expenses, including a luxury "
    "condominium.\n\n"
    "The plan was criticized by Senator Elizabeth Warren, who said it would leave millions of "
    "families without coverage.\n\n"
    "Mr. Clarke has had trouble, however, persuading buyers of his coal, like utilities and steel "
    "companies, to pay extra for the credits.\n\n"
    "Stumpf tried on Tuesday to make the case that this was the work of a few bad employees, "
    "explaining the firings amounted to 1 percent of the bank's workforce.\n"
)


@pytest.fixture(scope="session")
def roles_article() -> str:
    return ROLES_ARTICLE


@pytest.fixture(scope="session")
def polnear_root() -> Path:
    found = find_polnear()
    if found is None:
        pytest.skip("PolNeAR corpus not found: set $SAYSO_POLNEAR or put it at ../shared/data/polnear")
    return found


@pytest.fixture(scope="session")
def sayso_cmd() -> list[str]:
    return sayso_command()
