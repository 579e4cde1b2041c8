"""Turn paths into ``InputItem``s: text files, HTML pages, JSON Lines, folders, PolNeAR.

Every item is either readable (``text`` set) or carries the one-line reason it
is not (``error``); reading never raises for a bad file, so one bad input
never stops a batch.  Folders are walked in sorted order, so two runs see
the same items in the same order.  A folder that cannot be listed is an item
with an error too, never skipped in silence (``Path.rglob`` drops the
PermissionError), and only regular files are opened: a FIFO would block.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sayso.errors import InputError
from sayso.ingest.html import extract_html
from sayso.ingest.text import DEFAULT_MAX_BYTES, not_regular_reason, read_text_file, text_metadata

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class InputItem:
    """One article to ingest, or the reason it cannot be."""

    source: str                      # path, or path:line for JSON Lines
    text: str | None = None
    error: str | None = None
    source_id: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None
    input_hash: str = ""             # of the raw input, to recognise a failure seen before


def _hash(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def read_html_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    name = str(path)
    try:
        raw = read_text_file(path, max_bytes)
        art = extract_html(raw, name)
    except InputError as e:
        return InputItem(source=name, error=str(e))
    return InputItem(source=name, text=art.text, url=art.url, publisher=art.publisher,
                     published=art.published, title=art.title, author=art.author, input_hash=_hash(raw))


def read_txt_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    name = str(path)
    try:
        text = read_text_file(path, max_bytes)
    except InputError as e:
        return InputItem(source=name, error=str(e))
    meta = text_metadata(text, name)
    return InputItem(source=name, text=text, source_id=path.stem, publisher=meta.publisher,
                     published=meta.published, title=meta.title, author=meta.author, input_hash=_hash(text))


def iter_path(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """The items in one path: a file by its suffix, or every known file under a folder."""
    from sayso.ingest.jsonl import iter_jsonl

    p = Path(path)
    if os.fspath(path) == "-":
        yield read_txt_file(p, max_bytes)
        return
    if p.is_dir():
        for child, error in walk(p):
            if error is not None:
                yield InputItem(source=str(child), error=error)
            elif not child.name.startswith(".") and child.suffix.lower() in KNOWN_SUFFIXES:
                yield from iter_path(child, max_bytes)
        return
    try:
        mode = p.stat().st_mode
    except OSError as e:
        yield InputItem(source=str(p), error=f"{p}: no such file or folder" if isinstance(e, FileNotFoundError)
                        else f"{p}: {e.strerror or e}")
        return
    reason = not_regular_reason(str(p), mode)
    if reason:
        yield InputItem(source=str(p), error=reason)
        return
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(p, max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(p, max_bytes)
    else:
        yield read_txt_file(p, max_bytes)


def walk(root: Path) -> list[tuple[Path, str | None]]:
    """Every non-folder entry under ``root``, and every folder that could not be listed with the
    reason, in sorted order.  Symbolic links to folders are followed once (no loops)."""
    found: list[tuple[Path, str | None]] = []

    def unreadable(e: OSError) -> None:
        where = e.filename or root
        reason = f"{where}: cannot read this folder ({e.strerror or e}); the articles in it were not read"
        found.append((Path(where), reason))

    seen: set[tuple[int, int]] = set()
    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError as e:
            unreadable(e)
            subfolders[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # a link back up the tree
            subfolders[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        found.extend((Path(folder, name), None) for name in names)
    return sorted(found, key=lambda entry: entry[0])


def iter_paths(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    for path in paths:
        yield from iter_path(path, max_bytes)


def iter_polnear(root: str | os.PathLike[str], splits: tuple[str, ...] = ("train", "dev"),
                 limit: int | None = None) -> Iterator[InputItem]:
    """PolNeAR's articles with publisher, date, title and author from its ``metadata.tsv``.

    ``root`` holds ``<split>/text/*.txt`` and ``metadata.tsv`` (columns
    compartment, filename, publisher, publication_date, author, title, ...).
    """
    root_p = Path(root)
    meta: dict[str, dict[str, str]] = {}
    tsv = root_p / "metadata.tsv"
    if tsv.is_file():
        with tsv.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                meta[row["filename"]] = row
    n = 0
    for split in splits:
        d = next((c for c in (root_p / split / "text", root_p / "data" / split / "text") if c.is_dir()), None)
        if d is None:
            yield InputItem(source=f"{root_p}/{split}", error=f"{root_p}: no PolNeAR split {split!r} here")
            continue
        for path in sorted(d.glob("*.txt")):
            if limit is not None and n >= limit:
                return
            n += 1
            item = read_txt_file(path)
            m = meta.get(path.stem, {})
            yield replace(item, source_id=path.stem,
                          publisher=m.get("publisher") or item.publisher or path.stem.split("_")[0],
                          published=m.get("publication_date") or item.published,
                          title=m.get("title") or item.title,
                          author=m.get("author") if m.get("author") not in (None, "", "None") else None)
