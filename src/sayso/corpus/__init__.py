"""What a corpus makes of its articles: names, entities across articles, claims across outlets.

Pure rules over rows; the store (``sayso.store``) runs them and keeps their results, and
``sayso.store.ingest`` fills it.  Nothing here imports the store.
"""
