"""Command line interface: a thin layer over the library.

Each module registers its commands on ``sayso.cli.app.app``:
analyze (analyze, eval, train), articles (list, set), corpus (ingest, quotes, entity, outlet,
claims, export, errors, entities), serve (the web UI), batch (Dask).
"""

from __future__ import annotations

from sayso.cli import analyze, articles, batch, corpus, serve  # noqa: F401  (registers commands)
from sayso.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
