"""What a corpus makes of its articles: names, entities across articles, claims across outlets,
and the ingest that fills the store."""
