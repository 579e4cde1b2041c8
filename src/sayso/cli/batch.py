"""``sayso batch``: many articles on a Dask cluster into a Parquet dataset.

Thin: arguments in, ``sayso.batch.run_batch``, progress and a summary out.
Messages and progress go to stderr; ``--json`` prints the summary to stdout.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sayso.cli.analyze import Mode, ModeOption, _require_encoder
from sayso.cli.app import EXIT_FAILED, EXIT_STATUS, app
from sayso.errors import SaysoError

_stderr = Console(stderr=True, highlight=False)


@app.command(epilog=EXIT_STATUS)
def batch(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", show_default=False,
        help="Text files, JSON Lines or Parquet files (a 'text' column; optional id, url, publisher, "
             "published, title), HTML pages, or folders of them.")],
    out: Annotated[Path, typer.Option(
        "--out", help="Folder for the Parquet dataset (articles/, attributions/, entities/, errors/).",
        show_default=False)],
    scheduler: Annotated[str, typer.Option(
        help="'local' starts a Dask cluster on this machine; tcp://HOST:PORT attaches to a running one.")]
        = "local",
    workers: Annotated[int | None, typer.Option(
        min=1, help="Workers of the local cluster (default: one per core, memory allowing).",
        show_default=False)] = None,
    partition_size: Annotated[int | None, typer.Option(
        min=1, help="Articles per task; each task writes its own files, so a rerun skips finished ones "
                    "(default: from the input and --workers, 4 tasks per worker, 10 to 200 articles).",
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's summary as JSON on stdout.")] = False,
    mode: ModeOption = Mode.accurate,
    device: Annotated[str, typer.Option(
        help="Where accurate mode's encoder runs: cpu, or cuda when torch sees a GPU (the parse stays on "
             "the CPU). Sets $SAYSO_DEVICE for the local workers; a remote worker reads its own.")] = "cpu",
) -> None:
    """Analyse many articles in parallel with Dask and write a Parquet dataset.

    Resumable: run the same command again and the partitions already written
    are skipped.  An article that cannot be read or analysed goes to the errors
    table and makes the exit status 1; the others are still written.  Load the result with `sayso ingest --from-parquet OUT`
    or query it with DuckDB, pandas or Spark (docs/scale.md).

    Example: sayso batch wire-2024.jsonl archive/ --out results/ --workers 2
    """
    from sayso.batch import BatchOptions, BatchSummary, run_batch
    from sayso.batch.worker import PartitionResult
    from sayso.nlp.model import DEVICE_VARIABLE, ENCODER_DEVICES

    if device not in ENCODER_DEVICES:
        _stderr.print(f"sayso: --device must be one of {', '.join(ENCODER_DEVICES)}, not {device!r}",
                      markup=False, soft_wrap=True)
        raise typer.Exit(2)
    if device != "cpu":
        # The local workers are started after this and inherit it (sayso.nlp.model.encoder_device).
        os.environ[DEVICE_VARIABLE] = device
    if mode is Mode.accurate and scheduler == "local":
        _require_encoder()

    quiet = not sys.stderr.isatty()
    progress = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
                        TimeRemainingColumn(), console=_stderr, disable=quiet)
    task = progress.add_task("articles", total=None)

    def on_start(summary: BatchSummary, todo: int) -> None:
        if not todo:
            _stderr.print(f"sayso: nothing to do: all {summary.partitions} partitions are already in {summary.out}",
                          markup=False, soft_wrap=True)
            return
        where = "local Dask cluster" if scheduler == "local" else f"Dask cluster at {scheduler}"
        _stderr.print(f"sayso: {where}: {summary.workers} worker{'s' if summary.workers != 1 else ''}; "
                      f"{summary.articles:,} articles in {summary.partitions} partitions, "
                      f"{summary.skipped_partitions} already written", markup=False, soft_wrap=True)
        if summary.dashboard:
            _stderr.print(f"sayso: dashboard at {summary.dashboard}", markup=False, soft_wrap=True)
        elif summary.workers:
            _stderr.print("sayso: no dashboard (install bokeh to see Dask's)", markup=False, soft_wrap=True)
        progress.update(task, total=todo)
        progress.start()

    def on_result(result: PartitionResult) -> None:
        progress.advance(task, result.size)
        if quiet:
            _stderr.print(f"sayso: partition {result.number}: {result.analysed} analysed, "
                          f"{result.errors} errors, {result.seconds:.1f} s", markup=False, soft_wrap=True)

    try:
        summary = run_batch(inputs, out, BatchOptions(scheduler=scheduler, workers=workers, mode=mode.value,
                                                      partition_size=partition_size),
                            on_start=on_start, on_result=on_result)
    except SaysoError as e:
        progress.stop()
        _stderr.print(f"sayso: {e}", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    progress.stop()
    if as_json:
        print(json.dumps(summary.to_dict(), indent=2))
    _stderr.print(
        f"sayso: {summary.analysed:,} articles analysed, {summary.attributions:,} attributions, "
        f"{summary.errors:,} errors, {summary.skipped_partitions} partitions skipped "
        f"in {summary.seconds:.1f} s -> {summary.out}", markup=False, soft_wrap=True)
    if summary.errors:
        _stderr.print(f"sayso: the errors are in {summary.out}/errors/", markup=False, soft_wrap=True)
    for f in summary.failed_partitions:
        _stderr.print(f"sayso: partition {f['partition']} failed ({f['error']}); "
                      "run the same command again to retry it", markup=False, soft_wrap=True)
    if summary.errors or summary.failed_partitions:
        raise typer.Exit(EXIT_FAILED)
