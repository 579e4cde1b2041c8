"""Fixtures for the corpus tests: a store on each backend and a few analysed articles.

The PostgreSQL backend uses $SAYSO_TEST_POSTGRES_URL (scripts/services/postgres.sh
writes it to build/services.env, read here too); each test gets a fresh
database.  Outside CI a missing server skips those tests with the reason; in
CI (CI=true) it fails them, since every test must run there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from corpus_data import ARTICLES

ROOT = Path(__file__).resolve().parents[2]


def _postgres_url() -> str | None:
    url = os.environ.get("SAYSO_TEST_POSTGRES_URL")
    if url:
        return url
    env = ROOT / "build" / "services.env"
    if env.is_file():
        for line in env.read_text().splitlines():
            if line.startswith("SAYSO_TEST_POSTGRES_URL="):
                return line.split("=", 1)[1].strip() or None
    return None


def _require_postgres() -> str:
    url = _postgres_url()
    if url:
        return url
    reason = ("no PostgreSQL for the store tests: SAYSO_TEST_POSTGRES_URL is unset "
              "(run scripts/services/postgres.sh)")
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; in CI every backend must be tested")
    pytest.skip(reason)


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database's URL, dropped afterwards."""
    base = _require_postgres()
    from sqlalchemy import create_engine, text

    from sayso.store import normalise_url

    name = f"sayso_t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f"CREATE DATABASE {name}"))
    except Exception as e:  # noqa: BLE001 - turn a dead server into a clear failure/skip
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {base} is not usable: {e}")
        pytest.skip(f"PostgreSQL at {base} is not usable: {e}")
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with _postgres_database() as url:
        yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database URL (for tests that compare it with SQLite)."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def analysed() -> list[tuple[dict[str, str], object]]:
    """The ARTICLES with their fast-mode reports, from the saved parses (tests/parsed.py)."""
    from parsed import report_of

    return [(a, report_of(a["text"], publisher=a["publisher"], published=a["published"], title=a["title"]))
            for a in ARTICLES]
