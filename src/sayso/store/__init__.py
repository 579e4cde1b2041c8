"""The corpus store: articles, their attributions and what the corpus makes of them.

    >>> from sayso.store import open_store
    >>> store = open_store("sqlite:///sayso.db")          # or "postgresql://user@host/db"
    >>> rows, total = store.search_quotes(speaker="Trump", anonymous=False, limit=20)
    >>> meta, text, report = store.article(rows[0]["article_id"])

``open_store`` creates the database if needed and runs the migrations in
``sayso.store.schema``.  Every read method returns plain dicts and lists
(JSON-able), documented on the method.  Writes: ``ingest_report`` (one
article, atomically), ``record_error``, ``rebuild`` (entities and claims
from the whole corpus), ``merge_entities`` / ``split_entity``.
``sayso.store.ingest`` analyses inputs and stores them, one article per
transaction (``sayso corpus ingest``).
"""

from sayso.store.core import DEFAULT_URL, Store, normalise_url, open_store

__all__ = ["DEFAULT_URL", "Store", "normalise_url", "open_store"]
