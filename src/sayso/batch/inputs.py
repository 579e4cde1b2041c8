"""Finding the articles in ``sayso batch``'s inputs and cutting them into partitions.

An input is a text file (one article), a JSON Lines file (one article per line,
with a ``text`` or ``html`` field, read as ``sayso ingest`` reads it), a Parquet
file (one article per row, ``text`` column), an HTML page, or a folder holding
any of these (searched recursively, in name order).  Optional metadata in JSON
Lines and Parquet: ``id``, ``url``, ``publisher``, ``published``, ``title``.

The driver only counts (lines, rows) and cuts the inputs into partitions of
about ``partition_size`` articles; each worker reads its own partition's
articles from the files, so no text travels through the scheduler.
Partitioning is deterministic: the same inputs and partition size give the
same partitions, which is what lets a rerun skip the finished ones.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.errors import InputError
from sayso.ingest.files import walk
from sayso.ingest.text import not_regular_reason

#: File name endings and how each is read; a named file with another ending is plain text.
KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}

#: Default articles per partition: a task of a minute or so on one core, small
#: enough for a progress bar to move and for a restart to lose little.
DEFAULT_PARTITION_SIZE = 200


@dataclass(frozen=True, slots=True)
class Chunk:
    """Articles ``start`` to ``stop`` (lines or rows; 0-1 for a single file) of one input file."""

    path: str
    name: str
    kind: str
    start: int
    stop: int
    offset: int = 0  # byte offset of line ``start`` in a JSON Lines file


@dataclass(frozen=True, slots=True)
class Partition:
    """One task: about ``partition_size`` articles, numbered from ``first_ordinal`` in input order."""

    number: int
    first_ordinal: int
    size: int
    chunks: tuple[Chunk, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One article read by a worker: its metadata and text, or why it could not be read."""

    ordinal: int
    meta: dict[str, Any]
    error: InputError | None = None


def kind_of(path: Path) -> str:
    return KINDS.get(path.suffix.lower(), "text")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: where it is, and its name as the user gave it (ids and messages use that)."""

    path: Path
    name: str


def discover(inputs: Sequence[str | os.PathLike[str]]) -> list[InputFile]:
    """The input files in the order given, folders expanded recursively in name order."""
    files: list[InputFile] = []
    for raw in inputs:
        name = os.fspath(raw)
        if name == "-":
            raise InputError("sayso batch reads files, not standard input (save it to a .jsonl file first)")
        p = Path(name).expanduser()
        if p.is_dir():
            entries = walk(p)
            # A folder that cannot be listed would lose its articles without a word (issue 31):
            # the batch is refused up front, naming it, before any worker starts.
            unreadable = [reason for _, reason in entries if reason is not None]
            if unreadable:
                raise InputError("; ".join(unreadable[:3]) + (f" (and {len(unreadable) - 3} more)"
                                                               if len(unreadable) > 3 else ""))
            found = [f for f, _ in entries
                     if f.suffix.lower() in KINDS and f.is_file()
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            if not found:
                raise InputError(f"{name}: the folder holds no .txt, .jsonl, .parquet or .html files")
            files.extend(InputFile(f.resolve(), os.path.join(name, str(f.relative_to(p)))) for f in found)
            continue
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{name}: no such file or folder") from None
        except OSError as e:
            raise InputError(f"{name}: {e.strerror or e}") from None
        reason = not_regular_reason(name, mode)
        if reason:  # a FIFO would block a worker for ever
            raise InputError(reason)
        files.append(InputFile(p.resolve(), name))
    return files


def _jsonl_offsets(path: Path) -> list[int]:
    """Byte offset of every line of a JSON Lines file (one pass, no JSON parsing)."""
    offsets = []
    pos = 0
    with path.open("rb") as f:
        for line in f:
            offsets.append(pos)
            pos += len(line)
    return offsets


def _parquet_rows(path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    if "text" not in pf.schema_arrow.names:
        raise InputError(f"{path}: the Parquet file has no 'text' column (columns: {', '.join(pf.schema_arrow.names)})")
    return int(pf.metadata.num_rows)


def plan(files: Sequence[InputFile], partition_size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """Cut ``files`` into partitions of ``partition_size`` articles (a file may span several)."""
    if partition_size < 1:
        raise InputError("--partition-size must be at least 1")
    partitions: list[Partition] = []
    chunks: list[Chunk] = []
    size = 0
    ordinal = 0

    def close() -> None:
        nonlocal chunks, size
        if chunks:
            partitions.append(Partition(len(partitions), ordinal - size, size, tuple(chunks)))
        chunks, size = [], 0

    for f in files:
        path = f.path
        kind = kind_of(path)
        if kind == "jsonl":
            offsets = _jsonl_offsets(path)
            n = len(offsets)
        elif kind == "parquet":
            offsets, n = [], _parquet_rows(path)
        else:
            offsets, n = [], 1
        start = 0
        while start < n:
            take = min(n - start, partition_size - size)
            chunks.append(Chunk(str(path), f.name, kind, start, start + take, offsets[start] if offsets else 0))
            start += take
            size += take
            ordinal += take
            if size == partition_size:
                close()
    close()
    return partitions


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _meta(record: dict[str, Any], default_id: str, source: str) -> dict[str, Any]:
    text = record.get("text")
    meta = {
        "id": _str(record.get("id")) or default_id,
        "source": source,
        "url": _str(record.get("url")),
        "publisher": _str(record.get("publisher")),
        "published": _str(record.get("published")),
        "title": _str(record.get("title")),
        "text": text if isinstance(text, str) else None,
    }
    return meta


def _read_text(path: str, name: str) -> str:
    from sayso.ingest.text import read_text_file

    try:
        return read_text_file(path)
    except InputError as e:
        # Name the file as the user gave it, not by its absolute path.
        raise InputError(str(e).replace(path, name, 1)) from None


def _read_html(path: str, name: str) -> dict[str, Any]:
    """The page's text and metadata, by the same reader as ``sayso ingest`` (trafilatura)."""
    from sayso.ingest.text import read_text_file

    try:
        from sayso.ingest.html import extract_html

        page = extract_html(read_text_file(path), name)
    except InputError as e:
        raise InputError(str(e).replace(path, name, 1)) from None
    return {"text": page.text, "url": page.url, "publisher": page.publisher,
            "published": page.published, "title": page.title}


def read_chunk(chunk: Chunk, first_ordinal: int) -> Iterator[Item]:
    """The articles of one chunk, numbered from ``first_ordinal``; unreadable ones carry an error."""
    if chunk.kind in ("text", "html"):
        meta = _meta({}, chunk.name, chunk.name)
        try:
            if chunk.kind == "text":
                meta["text"] = _read_text(chunk.path, chunk.name)
            else:
                meta.update(_read_html(chunk.path, chunk.name))
        except InputError as e:
            yield Item(first_ordinal, meta, e)
            return
        yield Item(first_ordinal, meta)
    elif chunk.kind == "jsonl":
        yield from _read_jsonl(chunk, first_ordinal)
    else:
        yield from _read_parquet(chunk, first_ordinal)


def _id_of(line: str) -> str | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    return _str(record.get("id")) if isinstance(record, dict) else None


def _read_jsonl(chunk: Chunk, first_ordinal: int) -> Iterator[Item]:
    # Each line is parsed exactly as ``sayso ingest`` parses it (sayso.ingest.jsonl):
    # "text", or "html" run through trafilatura, and the same metadata fields.
    from sayso.ingest.jsonl import parse_line

    with open(chunk.path, "rb") as f:
        f.seek(chunk.offset)
        for k in range(chunk.start, chunk.stop):
            raw = f.readline()
            source = f"{chunk.name}:{k + 1}"
            ordinal = first_ordinal + k - chunk.start
            if not raw.strip():
                continue  # a blank line (often the last one) is no article
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield Item(ordinal, _meta({}, source, source),
                           InputError(f"{source}: not valid UTF-8 (byte {e.start} of the line)"))
                continue
            item = parse_line(line, source)
            meta = _meta({"id": item.source_id, "url": item.url, "publisher": item.publisher,
                          "published": item.published, "title": item.title, "text": item.text},
                         source, source)
            if item.error is not None or meta["text"] is None:
                meta["id"] = _id_of(line) or source  # so the errors table names the article
                yield Item(ordinal, meta, InputError(item.error or f"{source}: no text"))
            else:
                yield Item(ordinal, meta)


def _read_parquet(chunk: Chunk, first_ordinal: int) -> Iterator[Item]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(chunk.path)
    names = set(pf.schema_arrow.names)
    columns = [c for c in ("text", "id", "url", "publisher", "published", "title") if c in names]
    # Read only the row groups that hold rows start..stop.
    groups, first_row, row = [], None, 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if row + n > chunk.start and row < chunk.stop:
            groups.append(g)
            first_row = row if first_row is None else first_row
        row += n
    table = pf.read_row_groups(groups, columns=columns)
    offset = chunk.start - (first_row or 0)
    rows = table.slice(offset, chunk.stop - chunk.start).to_pylist()
    for k, record in enumerate(rows):
        source = f"{chunk.name}#{chunk.start + k}"
        meta = _meta(record, source, source)
        if meta["text"] is None:
            yield Item(first_ordinal + k, meta, InputError(f"{source}: the 'text' value is empty or not a string"))
        else:
            yield Item(first_ordinal + k, meta)


def read_partition(partition: Partition) -> Iterator[Item]:
    """Every article of ``partition``, in input order."""
    ordinal = partition.first_ordinal
    for chunk in partition.chunks:
        yield from read_chunk(chunk, ordinal)
        ordinal += chunk.stop - chunk.start
