"""The ``sayso`` command: one Typer application that each command module adds to."""

from __future__ import annotations

import typer

#: The exit status of the commands that read inputs (analyze, ingest, batch), shown in their --help.
EXIT_FAILED = 1
EXIT_STATUS = ("Exit status: 0 when every input was analysed (or was already stored); "
               f"{EXIT_FAILED} when any input could not be read or analysed (each is named on stderr, and "
               "the others are still done) or an error stopped the run; 2 when the command line is wrong.")

app = typer.Typer(
    name="sayso",
    help="On whose say-so? Find who said what, to whom, and on whose authority, in news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



def iso_date(value: str | None) -> str | None:
    """A date option's value, checked: an ISO 8601 date (``2025-02-13``, ``2025-02``, ``2025``, or with a
    time) passes; anything else is a command-line error naming the form to use."""
    from sayso.ingest.text import date_problem

    if value is None:
        return None
    if problem := date_problem(value):
        raise typer.BadParameter(problem)
    return value.strip()
