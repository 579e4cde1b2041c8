"""The ``sayso`` command: one Typer application that each command module adds to."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sayso",
    help="On whose say-so? Find who said what, to whom, and on whose authority, in news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
