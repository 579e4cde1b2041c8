"""The Parquet dataset ``sayso batch`` writes, and reading it back.

Layout (one file per partition and table, all with the same schema)::

    OUT/_batch.json                      what was run: inputs, partition size, partitions
    OUT/articles/part-00000.parquet      one row per analysed article (full report JSON inside)
    OUT/attributions/part-00000.parquet  one row per attribution (flat view, for analytics)
    OUT/entities/part-00000.parquet      one row per entity (flat view)
    OUT/errors/part-00000.parquet        one row per article that could not be analysed

A partition is finished when its ``articles`` file exists: that file is renamed
into place last, after the other three, so a restart redoes a partition that was
cut short and skips one that was written.  ``articles.report`` holds the whole
``ArticleReport`` as JSON, so :func:`read_reports` rebuilds it exactly; the other
tables flatten it for SQL (DuckDB, pandas, Spark).  docs/scale.md lists every column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sayso.errors import InputError
from sayso.records import ArticleReport, TextSpan

#: The dataset's own layout version (the report JSON carries the report's schema_version).
DATASET_VERSION = "3"  # 2: attributions gained co_speakers; 3: provenance (basis, rule, setting)

#: The metadata an input article may carry besides its text.
META_FIELDS = ("id", "url", "publisher", "published", "title")

_SPANS = pa.list_(pa.list_(pa.int64()))

ARTICLES = pa.schema([
    ("article_id", pa.string()),       # the input's id, else derived from where it came from
    ("ordinal", pa.int64()),           # position in the whole input, 0-based: ORDER BY ordinal
    ("partition", pa.int32()),
    ("source", pa.string()),           # path, path:line (JSON Lines) or path#row (Parquet)
    ("url", pa.string()),
    ("publisher", pa.string()),         # as given in the input
    ("published", pa.string()),
    ("title", pa.string()),
    ("publisher_resolved", pa.string()),  # the report's: the input's, else found in the text
    ("text", pa.string()),
    ("text_length", pa.int64()),
    ("attributions", pa.int32()),
    ("entities", pa.int32()),
    ("anonymous", pa.int32()),
    ("anonymous_share", pa.float64()),
    ("non_responses", pa.int32()),
    ("warnings", pa.list_(pa.string())),
    ("schema_version", pa.string()),
    ("report", pa.string()),           # ArticleReport.to_dict() as JSON
])

ATTRIBUTIONS = pa.schema([
    ("article_id", pa.string()),
    ("ordinal", pa.int64()),
    ("position", pa.int32()),          # order within the article, as in the report
    ("attribution_id", pa.string()),
    ("cue", pa.string()),
    ("cue_start", pa.int64()),
    ("cue_end", pa.int64()),
    ("cue_spans", _SPANS),
    ("content", pa.string()),
    ("content_start", pa.int64()),
    ("content_end", pa.int64()),
    ("content_spans", _SPANS),
    ("source", pa.string()),
    ("source_start", pa.int64()),
    ("source_end", pa.int64()),
    ("kind", pa.string()),
    ("cue_type", pa.string()),
    ("source_kind", pa.string()),
    ("speaker", pa.string()),
    ("speaker_entity_id", pa.string()),
    ("co_speakers", pa.list_(pa.struct([("name", pa.string()), ("entity_id", pa.string())]))),
    ("addressee", pa.string()),
    ("addressee_entity_id", pa.string()),
    ("anonymous_count", pa.int32()),
    ("anonymous_descriptor", pa.string()),
    ("hedges", pa.list_(pa.string())),
    ("on_record", pa.bool_()),
    ("nested_in", pa.string()),
    ("citing", pa.list_(pa.struct([("text", pa.string()), ("source_kind", pa.string()),
                                   ("anonymous_count", pa.int32())]))),
    ("chain", pa.list_(pa.string())),
    ("rests_on_anonymous", pa.bool_()),
    ("confidence", pa.float64()),
    ("basis", pa.string()),            # provenance.basis: relayed, public, to_publisher, unknown
    ("provenance_rule", pa.string()),
    ("provenance_inferred", pa.bool_()),
    ("setting", pa.string()),          # the event id (the report JSON has the events)
])

ENTITIES = pa.schema([
    ("article_id", pa.string()),
    ("ordinal", pa.int64()),
    ("entity_id", pa.string()),
    ("name", pa.string()),
    ("type", pa.string()),
    ("titles", pa.list_(pa.string())),
    ("mentions", pa.int32()),
    ("mention_spans", _SPANS),
])

ERRORS = pa.schema([
    ("article_id", pa.string()),
    ("ordinal", pa.int64()),
    ("partition", pa.int32()),
    ("source", pa.string()),
    ("error", pa.string()),            # the exception's class name, e.g. InputError
    ("message", pa.string()),
])

#: Where each field of a record goes in the flat tables: record -> field -> (table, columns).
#: Every field is also in ``articles.report`` (the whole report as JSON); an empty column list
#: means that is the only place it is kept.  tests/test_schema.py fails when a record gains a
#: field this does not place, or names a column a table lacks, so a new field reaches Parquet
#: (or is left out on purpose) instead of drifting.
RECORD_COLUMNS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "ArticleReport": {
        "text_length": ("articles", ("text_length",)),
        "attributions": ("articles", ("attributions",)),      # the count; the rows are the attributions table
        "polnear_only": ("articles", ()),                      # in the report JSON: readers' rows leave it out
        "non_responses": ("articles", ("non_responses",)),    # the count
        "entities": ("articles", ("entities",)),              # the count; the rows are the entities table
        "sourcing_summary": ("articles", ("anonymous", "anonymous_share")),
        "publisher": ("articles", ("publisher_resolved",)),   # articles.publisher is the input's
        "publisher_evidence": ("articles", ()),
        "published": ("articles", ()),                         # articles.published is the input's
        "title": ("articles", ()),                             # articles.title is the input's
        "warnings": ("articles", ("warnings",)),
        "events": ("articles", ()),                            # in the report JSON
        "schema_version": ("articles", ("schema_version",)),
    },
    "Attribution": {
        "id": ("attributions", ("attribution_id",)),
        "cue": ("attributions", ("cue", "cue_start", "cue_end", "cue_spans")),
        "content": ("attributions", ("content", "content_start", "content_end", "content_spans")),
        "source": ("attributions", ("source", "source_start", "source_end")),
        "kind": ("attributions", ("kind",)),
        "cue_type": ("attributions", ("cue_type",)),
        "speaker": ("attributions", ("speaker", "speaker_entity_id")),
        "speaker_rule": ("attributions", ()),                  # only in the report JSON
        "co_speakers": ("attributions", ("co_speakers",)),
        "addressee": ("attributions", ("addressee", "addressee_entity_id")),
        "source_kind": ("attributions", ("source_kind",)),
        "anonymous_count": ("attributions", ("anonymous_count",)),
        "anonymous_descriptor": ("attributions", ("anonymous_descriptor",)),
        "hedges": ("attributions", ("hedges",)),
        "on_record": ("attributions", ("on_record",)),
        "nested_in": ("attributions", ("nested_in",)),
        "citing": ("attributions", ("citing",)),
        "chain": ("attributions", ("chain",)),
        "rests_on_anonymous": ("attributions", ("rests_on_anonymous",)),
        "confidence": ("attributions", ("confidence",)),
        "provenance": ("attributions", ("basis", "provenance_rule", "provenance_inferred")),  # route = chain
        "setting": ("attributions", ("setting",)),
        "in_title": ("attributions", ()),                      # only in the report JSON
    },
    "Entity": {
        "id": ("entities", ("entity_id",)),
        "name": ("entities", ("name",)),
        "type": ("entities", ("type",)),
        "titles": ("entities", ("titles",)),
        "mentions": ("entities", ("mentions", "mention_spans")),
    },
}

#: Table name -> schema, in the order a partition's files are renamed into place
#: (``articles`` last: its presence marks the partition finished).
TABLES: dict[str, pa.Schema] = {
    "errors": ERRORS,
    "entities": ENTITIES,
    "attributions": ATTRIBUTIONS,
    "articles": ARTICLES,
}


def part_name(partition: int) -> str:
    return f"part-{partition:05d}.parquet"


def partition_done(out: str | os.PathLike[str], partition: int) -> bool:
    """Whether ``partition`` was written completely by an earlier run."""
    return (Path(out) / "articles" / part_name(partition)).is_file()


def _span(span: TextSpan | None) -> tuple[str | None, int | None, int | None]:
    if span is None or not span.spans:
        return (span.text if span else None), None, None
    return span.text, span.start, span.end


def article_rows(meta: Mapping[str, Any], report: ArticleReport, *, ordinal: int,
                 partition: int) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed article adds to each table (``errors`` excluded)."""
    aid = meta["id"]
    summary = report.sourcing_summary
    article = {
        "article_id": aid, "ordinal": ordinal, "partition": partition,
        "source": meta.get("source"), "url": meta.get("url"), "publisher": meta.get("publisher"),
        "published": meta.get("published"), "title": meta.get("title"),
        "publisher_resolved": report.publisher, "text": meta["text"],
        "text_length": report.text_length, "attributions": len(report.attributions),
        "entities": len(report.entities), "anonymous": summary.anonymous,
        "anonymous_share": summary.anonymous_share, "non_responses": len(report.non_responses),
        "warnings": list(report.warnings), "schema_version": report.schema_version,
        "report": json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")),
    }
    attributions = []
    for pos, a in enumerate(report.attributions):
        cue, cue_start, cue_end = _span(a.cue)
        content, content_start, content_end = _span(a.content)
        source, source_start, source_end = _span(a.source)
        attributions.append({
            "article_id": aid, "ordinal": ordinal, "position": pos, "attribution_id": a.id,
            "cue": cue, "cue_start": cue_start, "cue_end": cue_end,
            "cue_spans": [list(s) for s in a.cue.spans],
            "content": content, "content_start": content_start, "content_end": content_end,
            "content_spans": [list(s) for s in a.content.spans],
            "source": source, "source_start": source_start, "source_end": source_end,
            "kind": a.kind, "cue_type": a.cue_type, "source_kind": a.source_kind,
            "speaker": a.speaker.name if a.speaker else None,
            "speaker_entity_id": a.speaker.entity_id if a.speaker else None,
            "co_speakers": [{"name": c.name, "entity_id": c.entity_id} for c in a.co_speakers],
            "addressee": a.addressee.name if a.addressee else None,
            "addressee_entity_id": a.addressee.entity_id if a.addressee else None,
            "anonymous_count": a.anonymous_count, "anonymous_descriptor": a.anonymous_descriptor,
            "hedges": list(a.hedges), "on_record": a.on_record, "nested_in": a.nested_in,
            "citing": [{"text": c.text, "source_kind": c.source_kind, "anonymous_count": c.anonymous_count}
                       for c in a.citing],
            "chain": list(a.chain), "rests_on_anonymous": a.rests_on_anonymous, "confidence": a.confidence,
            "basis": a.provenance.basis if a.provenance else None,
            "provenance_rule": a.provenance.rule if a.provenance else None,
            "provenance_inferred": a.provenance.inferred if a.provenance else None,
            "setting": a.setting,
        })
    entities = [{
        "article_id": aid, "ordinal": ordinal, "entity_id": e.id, "name": e.name, "type": e.type,
        "titles": list(e.titles), "mentions": len(e.mentions),
        "mention_spans": [[m.start, m.end] for m in e.mentions],
    } for e in report.entities]
    return {"articles": [article], "attributions": attributions, "entities": entities}


def write_partition(out: str | os.PathLike[str], partition: int,
                    rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Write one partition's four files, each to a temporary name and then renamed.

    ``articles`` is renamed last, so a partition whose articles file exists is complete.
    """
    out = Path(out)
    name = part_name(partition)
    staged = []
    for table, schema in TABLES.items():
        directory = out / table
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f".{name}.{os.getpid()}.tmp"
        pq.write_table(pa.Table.from_pylist(list(rows.get(table, ())), schema=schema), tmp)
        staged.append((tmp, directory / name))
    for tmp, final in staged:
        os.replace(tmp, final)


def _articles_files(directory: Path) -> list[Path]:
    folder = directory / "articles"
    if not folder.is_dir():
        raise InputError(f"{directory} is not a sayso batch output (no articles/ folder)")
    return sorted(folder.glob("part-*.parquet"))


def read_reports(directory: str | os.PathLike[str]) -> Iterator[tuple[dict[str, Any], ArticleReport]]:
    """Every article of a ``sayso batch`` output, in input order.

    Yields ``(meta, report)``: ``meta`` has ``id``, ``url``, ``publisher``,
    ``published``, ``title``, ``text`` and ``source`` (``None`` where unknown);
    ``report`` is the ``ArticleReport`` exactly as ``sayso.analyze`` returned it.
    Raises InputError when ``directory`` is not a batch output.
    """
    columns = ["article_id", "ordinal", "source", "url", "publisher", "published", "title", "text", "report"]
    files = _articles_files(Path(directory))
    # Partitions are numbered in input order and each file is in input order,
    # so reading the files one by one keeps memory to one partition.
    for path in files:
        table = pq.read_table(path, columns=columns)
        for row in sorted(table.to_pylist(), key=lambda r: r["ordinal"]):
            meta = {"id": row["article_id"], "url": row["url"], "publisher": row["publisher"],
                    "published": row["published"], "title": row["title"], "text": row["text"],
                    "source": row["source"]}
            yield meta, ArticleReport.from_dict(json.loads(row["report"]))
