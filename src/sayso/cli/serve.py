"""``sayso serve``: the web UI and HTTP API over a corpus store."""

from __future__ import annotations

import ipaddress
import sys

import typer

from sayso.cli.analyze import Mode, ModeOption, _require_encoder
from sayso.cli.app import app
from sayso.pipeline import DEFAULT_MAX_CHARS

DEFAULT_DB = "sqlite:///sayso.db"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="Store URL (sqlite:///file.db or postgresql://...) "
                                                    "or a path to an SQLite file."),
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
) -> None:
    """Start the web UI and HTTP API: analyse pasted articles, browse the corpus.

    Open http://127.0.0.1:8000/ in a browser (/example shows the example
    article analysed; /docs describes the JSON API).

    Example: sayso serve --db sqlite:///sayso.db --port 8000
    """
    try:
        import uvicorn

        from sayso.web.app import LOCAL_HOSTS, create_app
    except ImportError as e:
        typer.echo(f"error: the web UI needs the web extra (pip install 'sayso[web]'): {e}", err=True)
        raise typer.Exit(2) from None
    from sayso.errors import StoreError

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
    web = create_app(db or None, allow_ingest=allow_ingest, max_upload_bytes=max_upload_bytes,
                     max_chars=max_bytes, allowed_hosts=hosts, mode=mode.value)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"sayso: serving http://{shown}:{port}/ (store {db or 'none'}, "
               f"{mode.value} mode, ingest {'on' if allow_ingest else 'off'}); Ctrl-C stops\n"
               f"sayso: the example article, analysed: http://{shown}:{port}/example", err=True)
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
    except OSError as e:
        typer.echo(f"error: cannot listen on {host}:{port}: {e.strerror or e}", err=True)
        raise typer.Exit(1) from None
    sys.stderr.flush()
