"""``sayso articles``: list the stored articles, and correct one's publisher, date or title.

Thin: parse arguments, call ``sayso.store.queries`` and ``sayso.store.ingest``, render.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sayso.cli.app import app
from sayso.cli.corpus import DbOption, JsonOption, _fail, _open, _out, _print_json, _short, _stderr
from sayso.errors import SaysoError

articles_app = typer.Typer(name="articles", no_args_is_help=True,
                           help="List the corpus's articles, or correct an article's publisher, date or title."
                                "\n\nExample: sayso articles list --db sqlite:///news.db")
app.add_typer(articles_app)


@articles_app.command("list")
def list_articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this publisher's articles.")] = None,
    order: Annotated[str, typer.Option("--order", help="newest, oldest or title.")] = "newest",
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The stored articles with their ids, publishers, dates and titles.

    Example: sayso articles list --outlet "The Washington Post" --db sqlite:///news.db
    """
    from sayso.store.queries import article_list

    store = _open(db)
    try:
        rows, total = article_list(store, publisher=outlet, order=order, limit=limit)
    except SaysoError as e:
        _fail(str(e))
    finally:
        store.close()
    if as_json:
        _print_json({"total": total, "articles": rows})
        return
    t = Table(title=f"{len(rows)} of {total} articles")
    for c in ("id", "published", "publisher", "title", "attributions"):
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(r["id"], r["published"] or "", r["publisher"] or "", _short(r["title"] or r["source"], 70),
                  str(r["n_attributions"]))
    _out().print(t)


@articles_app.command("set")
def set_article(
    article_id: Annotated[str, typer.Argument(help="The article's id (see `sayso articles list`).")],
    db: DbOption = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it (\"\" clears it).",
                                                  show_default=False)] = None,
    published: Annotated[str | None, typer.Option("--published", help="Its date, YYYY-MM-DD (\"\" clears it).",
                                                  show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="Its headline (\"\" clears it).",
                                              show_default=False)] = None,
) -> None:
    """Correct an article's publisher, date or title; entities and claims follow.

    Options left out stay as they are.

    Example: sayso articles set a1b2c3d4e5f6a7b8 --publisher "Tampa Bay Times" --published 2016-10-05 --db sqlite:///news.db
    """
    from sayso.store.ingest import update_derived
    from sayso.store.queries import set_article_meta

    if publisher is None and published is None and title is None:
        _fail("articles set needs at least one of --publisher, --published, --title", 2)
    store = _open(db)
    try:
        row = set_article_meta(store, article_id, publisher=publisher, published=published, title=title)
        update_derived(store, articles=[row["id"]])  # only what this article can change
    except SaysoError as e:
        _fail(str(e))
    finally:
        store.close()
    _stderr.print(f"sayso: {row['id']}: publisher {row['publisher'] or '(none)'}, "
                  f"published {row['published'] or '(none)'}, title {row['title'] or '(none)'}", markup=False)
