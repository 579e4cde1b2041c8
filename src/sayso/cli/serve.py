"""``sayso serve``: the web UI and HTTP API over a corpus store."""

from __future__ import annotations

import ipaddress
import os
import sys

import typer

from sayso.cli.analyze import Mode, ModeOption, _require_encoder
from sayso.cli.app import app
from sayso.inputs import DEFAULT_MAX_CHARS

DEFAULT_DB = "sqlite:///sayso.db"
#: Seconds a stopping server waits for requests in progress before it kills the analysis workers.
SHUTDOWN_GRACE = 3
#: Seconds an idle keep-alive connection stays open.
KEEP_ALIVE = 5


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", show_default=False,
                                  help="Store URL (sqlite:///file.db or postgresql://...) or a path to an "
                                       f"SQLite file (default: $SAYSO_DB, else {DEFAULT_DB}, as the corpus "
                                       "commands)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on. Only this machine can connect "
                                               "unless you choose another address."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest",
                                      help="Let the UI and API save articles to the store (off: read-only)."),
    max_upload_bytes: int = typer.Option(2_000_000, "--max-upload-bytes", min=1_000,
                                         help="Largest request accepted; bigger uploads get a 413."),
    max_bytes: int = typer.Option(DEFAULT_MAX_CHARS, "--max-bytes", min=1_000,
                                  help="Longest article analysed, in characters; longer ones are refused "
                                       "with a message."),
    mode: ModeOption = Mode.accurate,
    # The defaults live in sayso.web.pool, which needs the web extra: it is not imported here.
    workers: int | None = typer.Option(None, "--workers", min=1, max=16, show_default=False,
                                       help="Analysis worker processes, each loading the model "
                                            "(default 2)."),
    analysis_timeout: float | None = typer.Option(
        None, "--analysis-timeout", min=1.0, show_default=False,
        help="Seconds one analysis may take (default 60); past it the worker is killed and replaced, "
             "and the client gets a 422."),
) -> None:
    """Start the web UI and HTTP API: analyse pasted articles, browse the corpus.

    Open http://127.0.0.1:8000/ in a browser (/example shows the example
    article analysed; /docs describes the JSON API).

    Articles are analysed in worker processes, so a slow one never holds up
    other requests; SIGTERM or Ctrl-C stops the server within seconds.

    Example: sayso serve --db sqlite:///sayso.db --port 8000
    """
    try:
        import uvicorn

        from sayso.web.app import LOCAL_HOSTS, create_app
        from sayso.web.pool import DEFAULT_DEADLINE, DEFAULT_WORKERS, AnalysisPool, AnalysisUnavailable
    except ImportError as e:
        typer.echo(f"error: the web UI needs the web extra (pip install 'sayso[web]'): {e}", err=True)
        raise typer.Exit(2) from None
    from sayso.errors import StoreError

    if db is None:
        # The store `sayso ingest` wrote to when it was given no --db either.
        db = os.environ.get("SAYSO_DB") or DEFAULT_DB
    if db:
        try:
            from sayso.store import open_store

            open_store(db).close()
        except ImportError:
            typer.echo("error: the corpus store needs the store extra (pip install 'sayso[store]')", err=True)
            raise typer.Exit(2) from None
        except StoreError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
    hosts: tuple[str, ...] | None = LOCAL_HOSTS
    if not _is_loopback(host):
        typer.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
        hosts = None if host in ("0.0.0.0", "::") else LOCAL_HOSTS + (host,)
    if mode is Mode.accurate:
        _require_encoder()
    pool = AnalysisPool(mode.value, workers=workers or DEFAULT_WORKERS,
                        deadline=analysis_timeout or DEFAULT_DEADLINE)
    try:
        pool.wait_ready()
    except AnalysisUnavailable as e:
        pool.close()
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None
    web = create_app(db or None, allow_ingest=allow_ingest, max_upload_bytes=max_upload_bytes,
                     max_chars=max_bytes, allowed_hosts=hosts, mode=mode.value, analyzer=pool)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"sayso: serving http://{shown}:{port}/ (store {db or 'none'}, "
               f"{mode.value} mode, ingest {'on' if allow_ingest else 'off'}); Ctrl-C stops\n"
               f"sayso: the example article, analysed: http://{shown}:{port}/example", err=True)
    try:
        # Requests still waiting for an analysis get SHUTDOWN_GRACE seconds, then the workers are killed.
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False,
                    timeout_graceful_shutdown=SHUTDOWN_GRACE, timeout_keep_alive=KEEP_ALIVE)
    except OSError as e:
        typer.echo(f"error: cannot listen on {host}:{port}: {e.strerror or e}", err=True)
        raise typer.Exit(1) from None
    finally:
        pool.close()
    sys.stderr.flush()
