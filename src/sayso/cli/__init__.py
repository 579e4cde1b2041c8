"""Command line interface: a thin layer over the library.

Each module registers its commands on ``sayso.cli.app.app``:
analyze (analyze, eval, train), articles (list, set), corpus (ingest, quotes, entity, outlet,
claims, export, errors, entities), serve (the web UI), batch (Dask).
"""

from __future__ import annotations

import os

from sayso.cli import analyze, articles, batch, corpus, serve  # noqa: F401  (registers commands)
from sayso.cli.app import app


def main() -> None:
    # The claim embedder's weight loading drew a bar ("Loading weights: 0%|...") into ingest's own
    # progress lines on stderr; sayso reports its progress itself, and the models are installed
    # packages, never downloads that a bar would be for. Set before transformers is imported.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    app()


__all__ = ["app", "main"]
