"""Exports of the store: JSON Lines, CSV, Parquet, brat standoff, W3C Web Annotation.

- ``jsonl``: one article per line: id, url, publisher, published, title,
  author, text and the whole report (``ArticleReport.to_dict()``).
- ``csv`` / ``parquet``: one attribution per row, with its article's
  metadata, speaker entity, provenance (basis, route, setting, rule) and
  claim (``ATTRIBUTION_COLUMNS``); the Parquet file is what DuckDB queries
  (docs/corpus.md has an example).
- ``brat``: a folder in PolNeAR's layout, ``text/<name>.txt`` and
  ``attributions/<name>_sayso.ann`` with Source, Cue and Content spans joined
  by an ``Attribution`` event, so ``sayso.eval.parse_ann`` and PolNeAR's
  tools read it back to the same offsets.
- ``webannotation``: a W3C Web Annotation ``AnnotationCollection`` (JSON-LD);
  each attribution's content, source and cue are targets with a
  ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``,
  so a viewer can re-anchor them when the page's text shifts.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sayso.errors import StoreError
from sayso.records import ArticleReport, TextSpan
from sayso.store.core import Store

FORMATS = ("jsonl", "csv", "parquet", "brat", "webannotation")

#: The export format a file name's suffix asks for, when no format is given ("quotes.csv" is CSV).
SUFFIX_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", ".jsonld": "webannotation",
                  ".graphml": "graphml"}


def format_for_name(out: str, default: str) -> str | None:
    """The format that ``out``'s suffix names; ``default`` for '-' or a name without a suffix (a brat
    folder); None for a suffix that names no format (".xlsx"), which the caller must refuse."""
    suffix = Path(out).suffix.lower()
    if out == "-" or not suffix:
        return default
    return SUFFIX_FORMATS.get(suffix)


ATTRIBUTION_COLUMNS = (
    "article_id", "attr_id", "publisher", "published", "title", "url", "speaker", "entity_id",
    "entity_name", "co_speakers", "source", "source_kind", "anonymous", "anonymous_count", "cue", "content",
    "kind", "hedges", "chain", "basis", "route", "via", "setting", "setting_what", "provenance_rule", "claim_id",
)

#: Between the names of a route in the CSV: the publisher first, heard from each next link.
ROUTE_SEPARATOR = " <- "

_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-]{1,120}$")
_CONTEXT = 32


def export(store: Store, fmt: str, out: str) -> int:
    """Write the store to ``out`` in ``fmt``; returns the number of articles (or attributions) written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "brat":
        if out == "-":
            raise StoreError("brat export writes a folder; give a folder name, not '-'")
        return export_brat(store, Path(out))
    if fmt == "parquet":
        if out == "-":
            raise StoreError("parquet export writes a file; give a file name, not '-'")
        return export_parquet(store, Path(out))
    with _open_out(out) as f:
        if fmt == "jsonl":
            return export_jsonl(store, f)
        if fmt == "csv":
            return export_csv(store, f)
        return export_webannotation(store, f)


class _open_out:
    def __init__(self, out: str):
        self.out = out
        self.f: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.out == "-":
            return sys.stdout
        try:
            self.f = open(self.out, "w", encoding="utf-8", newline="")
        except OSError as e:
            raise StoreError(f"cannot write {self.out}: {e.strerror or e}") from None
        return self.f

    def __exit__(self, *exc: object) -> None:
        if self.f is not None:
            self.f.close()


def iter_attribution_rows(store: Store, page: int = 1000) -> Iterator[dict[str, Any]]:
    """Every attribution as a flat row (``ATTRIBUTION_COLUMNS``)."""
    offset = 0
    while True:
        rows, _ = store.search_quotes(limit=page, offset=offset)
        for r in rows:
            # The route's names are the chain (docs/provenance.md); the CSV joins them its own way.
            yield {c: r.get(c) for c in ATTRIBUTION_COLUMNS} | {"route": list(r.get("chain") or [])}
        if len(rows) < page:
            return
        offset += page


def export_jsonl(store: Store, f: IO[str]) -> int:
    n = 0
    for meta, text, report in store.iter_articles():
        f.write(json.dumps({**{k: meta[k] for k in ("id", "url", "publisher", "published", "title", "author")},
                            "text": text, "report": report.to_dict()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    r = dict(row)
    r["hedges"] = "; ".join(r["hedges"] or [])
    r["co_speakers"] = "; ".join(r["co_speakers"] or [])
    r["chain"] = " > ".join(x for x in (r["chain"] or []) if x)
    r["route"] = ROUTE_SEPARATOR.join(x for x in (r["route"] or []) if x)
    return r


def export_csv(store: Store, f: IO[str]) -> int:
    w = csv.DictWriter(f, fieldnames=list(ATTRIBUTION_COLUMNS))
    w.writeheader()
    n = 0
    for row in iter_attribution_rows(store):
        w.writerow(_flat(row))
        n += 1
    return n


def export_parquet(store: Store, path: Path) -> int:
    # Imported here: pyarrow is an optional extra, needed only for this format.
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("Parquet export needs pyarrow (pip install 'sayso[batch]')") from None
    rows = list(iter_attribution_rows(store))
    schema = pa.schema([
        ("article_id", pa.string()), ("attr_id", pa.string()), ("publisher", pa.string()),
        ("published", pa.string()), ("title", pa.string()), ("url", pa.string()), ("speaker", pa.string()),
        ("entity_id", pa.string()), ("entity_name", pa.string()), ("co_speakers", pa.list_(pa.string())),
        ("source", pa.string()),
        ("source_kind", pa.string()), ("anonymous", pa.bool_()), ("anonymous_count", pa.int64()),
        ("cue", pa.string()), ("content", pa.string()), ("kind", pa.string()),
        ("hedges", pa.list_(pa.string())), ("chain", pa.list_(pa.string())), ("basis", pa.string()),
        ("route", pa.list_(pa.string())), ("via", pa.string()), ("setting", pa.string()),
        ("setting_what", pa.string()), ("provenance_rule", pa.string()), ("claim_id", pa.string()),
    ])
    table = pa.Table.from_pylist([{**r, "hedges": list(r["hedges"] or []), "chain": list(r["chain"] or []),
                                   "co_speakers": list(r["co_speakers"] or [])} for r in rows], schema=schema)
    try:
        pq.write_table(table, path)
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e}") from None
    return len(rows)


def _brat_frag(span: TextSpan) -> str:
    return ";".join(f"{s} {e}" for s, e in span.spans)


def brat_ann(text: str, report: ArticleReport) -> str:
    """The report's attributions as brat standoff lines in PolNeAR's scheme."""
    lines: list[str] = []
    t = 0
    # An attribution in a title given apart from the text does not index the text (sayso.attribution.title).
    for e_n, a in enumerate((a for a in report.attributions if not a.in_title), 1):
        ids = {}
        for role, span in (("Source", a.source), ("Cue", a.cue), ("Content", a.content)):
            if span is None or not span.spans:
                continue
            t += 1
            ids[role] = f"T{t}"
            words = " ".join(text[s:e] for s, e in span.spans).replace("\n", " ")
            lines.append(f"T{t}\t{role} {_brat_frag(span)}\t{words}")
        if "Content" not in ids or "Cue" not in ids:
            continue
        t += 1
        words = " ".join(text[s:e] for s, e in a.cue.spans).replace("\n", " ")
        lines.append(f"T{t}\tAttribution {_brat_frag(a.cue)}\t{words}")
        args = " ".join(f"{role}:{ids[role]}" for role in ("Content", "Cue", "Source") if role in ids)
        lines.append(f"E{e_n}\tAttribution:T{t} {args}")
    return "\n".join(lines) + ("\n" if lines else "")


def export_brat(store: Store, folder: Path) -> int:
    try:
        (folder / "text").mkdir(parents=True, exist_ok=True)
        (folder / "attributions").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create {folder}: {e.strerror or e}") from None
    used: set[str] = set()
    n = 0
    for meta, text, report in store.iter_articles():
        name = meta["source_id"] if meta["source_id"] and _SAFE_NAME.match(meta["source_id"]) else meta["id"]
        if name in used:
            name = meta["id"]
        used.add(name)
        # newline="" keeps the text's own line endings, so offsets stay right.
        with open(folder / "text" / f"{name}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        with open(folder / "attributions" / f"{name}_sayso.ann", "w", encoding="utf-8", newline="") as f:
            f.write(brat_ann(text, report))
        n += 1
    return n


def _target(source: str, text: str, start: int, end: int, role: str) -> dict[str, Any]:
    return {
        "type": "SpecificResource", "source": source, "sayso:role": role,
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[start:end],
             "prefix": text[max(0, start - _CONTEXT):start], "suffix": text[end:end + _CONTEXT]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def web_annotations(meta: dict[str, Any], text: str, report: ArticleReport) -> list[dict[str, Any]]:
    """One W3C Web Annotation per attribution of one article."""
    source = meta.get("url") or f"urn:sayso:article:{meta['id']}"
    out = []
    for a in report.attributions:
        if a.in_title:
            continue  # its offsets index the title given apart from the text, not the text
        targets = []
        for role, span in (("content", a.content), ("source", a.source), ("cue", a.cue)):
            if span is not None:
                targets += [_target(source, text, s, e, role) for s, e in span.spans]
        body = {
            "type": "TextualBody", "purpose": "describing", "format": "application/json",
            "value": json.dumps({
                "speaker": a.speaker.name if a.speaker else (a.source.text if a.source else None),
                "co_speakers": [c.name for c in a.co_speakers],
                "source_kind": a.source_kind, "kind": a.kind, "cue": a.cue.text, "hedges": list(a.hedges),
                "chain": list(a.chain), "anonymous_count": a.anonymous_count,
                "basis": a.provenance.basis if a.provenance else None,
                "route": [step.to_dict() for step in a.provenance.route] if a.provenance else [],
                "provenance_rule": a.provenance.rule if a.provenance else None, "setting": a.setting,
            }, ensure_ascii=False),
        }
        out.append({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                    "id": f"urn:sayso:attribution:{meta['id']}:{a.id}", "motivation": "describing",
                    "generator": {"id": "urn:sayso", "type": "Software", "name": "sayso"},
                    "body": body, "target": targets})
    return out


def export_webannotation(store: Store, f: IO[str]) -> int:
    items: list[dict[str, Any]] = []
    n = 0
    for meta, text, report in store.iter_articles():
        items += web_annotations(meta, text, report)
        n += 1
    for it in items:
        it.pop("@context", None)
    json.dump({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
               "label": "sayso attributions", "total": len(items),
               "first": {"type": "AnnotationPage", "items": items}}, f, ensure_ascii=False, indent=1)
    f.write("\n")
    return n
