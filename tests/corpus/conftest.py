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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Short made-up news items (not real events) written so that one quote travels
#: across outlets under three spellings of one name.
ARTICLES = [
    {"publisher": "Axios", "published": "2024-03-01", "title": "Zelensky vows to hold the line",
         "url": "https://example.com/axios/1", "text": (
             "Ukrainian President Volodymyr Zelensky said on Tuesday that \"the front line is holding and we "
             "will not give up an inch of our land.\"\n\n"
             "Four people familiar with the talks said the White House was preparing a new aid package. "
             "Zelensky told reporters that the package was essential.")},
    {"publisher": "The Daily Beast", "published": "2024-03-02", "title": "Zelenskyy: not an inch",
         "url": "https://example.com/beast/2", "text": (
             "Volodymyr Zelenskyy said: \"The front line is holding and we will not give up an inch of our "
             "land.\"\n\nThe White House is preparing a new aid package, Axios reported, citing four unnamed "
             "sources.")},
    {"publisher": "Reuters", "published": "2024-03-03", "title": "Zelensky in Kyiv",
         "url": "https://example.com/reuters/3", "text": (
             "\"The front line is holding and we will not give up an inch of our land,\" Volodymyr Zelensky "
             "told reporters in Kyiv on Sunday.\n\n"
             "A senior official, who spoke on condition of anonymity, said the talks would resume next week.")},
    {"publisher": "Breitbart", "published": "2024-03-04", "title": "Doe predicts vote",
         "url": "https://example.com/breitbart/4", "text": (
             "Senator Jane Doe said the aid bill would pass the Senate by Friday.\n\n"
             "\"We have the votes,\" Doe told reporters on Monday. Her spokesman, Tom Lee, declined to "
             "comment on the timing.")},
]


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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
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


@pytest.fixture(scope="session")
def analysed() -> list[tuple[dict[str, str], object]]:
    """The ARTICLES with their reports (the model is loaded once per session)."""
    import sayso

    reports = list(sayso.analyze_many(
        sayso.Article(a["text"], a["publisher"], a["published"], a["title"]) for a in ARTICLES))
    return list(zip(ARTICLES, reports))


def polnear_dev_texts(n: int) -> list[Path]:
    from sayso.eval import find_polnear

    root = find_polnear()
    if root is None:
        pytest.skip("PolNeAR not found (set SAYSO_POLNEAR or put it at ../shared/data/polnear)")
    d = root / "dev" / "text" if (root / "dev" / "text").is_dir() else root / "data" / "dev" / "text"
    return sorted(d.glob("*.txt"))[:n]
