"""Read a PolNeAR split (brat standoff) exactly as the reference scorer does.

Layout: ``DIR/<split>/text/<name>.txt`` and ``DIR/<split>/attributions/
<name>_<annotator>.ann`` (or the same under ``DIR/data/``).  Where an article
has several annotators' files the lexicographically first is the gold one.
Only brat lines of types Source/Cue/Content linked by an ``Attribution`` or
``Attribution-no-source`` event count; Discuss and Discard spans are ignored.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sayso.errors import InputError

ROLES = ("source", "cue", "content")
_ANN_NAME_RE = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-zA-Z]+)\.ann$")
_T_LINE_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE_RE = re.compile(r"^(E\d+)\t(\S+):(T\d+)((?: \S+:T\d+)*)\s*$")
_TRIGGER_TYPES = ("Attribution", "Attribution-no-source")

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Fragments
    cue: Fragments
    content: Fragments

    def as_json(self) -> dict[str, list[list[int]]]:
        return {r: [list(f) for f in getattr(self, r)] for r in ROLES}


@dataclass(frozen=True, slots=True)
class PolnearSplit:
    name: str
    ids: tuple[str, ...]
    texts: dict[str, str]
    gold: dict[str, tuple[GoldAttribution, ...]]


def find_polnear(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The PolNeAR folder: ``explicit``, else ``$SAYSO_POLNEAR``, else ``../shared/data/polnear``."""
    candidates = [explicit, os.environ.get("SAYSO_POLNEAR")]
    here = Path(__file__).resolve()
    candidates += [str(p / "shared" / "data" / "polnear") for p in here.parents]
    candidates.append(str(Path.cwd().parent / "shared" / "data" / "polnear"))
    for c in candidates:
        if c and (Path(c) / "dev" / "text").is_dir() or c and (Path(c) / "data" / "dev" / "text").is_dir():
            return Path(c)
    return None


def _split_dir(root: Path, split: str) -> Path:
    for d in (root / split, root / "data" / split):
        if (d / "text").is_dir():
            return d
    raise InputError(f"no PolNeAR split {split!r} under {root} (expected {root}/{split}/text/)")


def parse_ann(ann_text: str) -> list[GoldAttribution]:
    """Brat standoff -> attributions, sorted by content start (the reference's order)."""
    spans: dict[str, list[list[int]]] = {}
    events: list[tuple[str, list[list[str]]]] = []
    for line in ann_text.split("\n"):
        m = _T_LINE_RE.match(line)
        if m:
            spans[m.group(1)] = [[int(x) for x in p.split()] for p in m.group(3).split(";")]
            continue
        m = _E_LINE_RE.match(line)
        if m:
            events.append((m.group(2), [a.split(":") for a in m.group(4).split()]))
    out: list[dict[str, list[list[int]]]] = []
    seen: set[str] = set()
    for trigger_type, args in events:
        if trigger_type not in _TRIGGER_TYPES:
            continue
        roles: dict[str, list[list[int]]] = {"source": [], "cue": [], "content": []}
        for role, tid in args:
            role = role.rstrip("0123456789").lower()
            if role in roles and tid in spans:
                roles[role].extend(list(f) for f in spans[tid])
        if not roles["content"]:
            continue
        for r in ROLES:
            roles[r] = [list(f) for f in sorted({tuple(f) for f in roles[r]})]
        key = json.dumps(roles, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        out.append(roles)
    out.sort(key=lambda a: (a["content"][0][0], a["content"][0][1]))
    return [
        GoldAttribution(*(tuple((s, e) for s, e in a[r]) for r in ROLES))  # type: ignore[arg-type]
        for a in out
    ]


def load_split(root: str | os.PathLike[str], split: str, limit: int | None = None) -> PolnearSplit:
    """Read one split; ``limit`` keeps the first N articles by name."""
    d = _split_dir(Path(root), split)
    names = sorted(p.name[:-4] for p in (d / "text").iterdir() if p.name.endswith(".txt"))
    if limit is not None:
        names = names[:limit]
    ann_files: dict[str, list[str]] = {}
    for p in (d / "attributions").iterdir():
        m = _ANN_NAME_RE.match(p.name)
        if m:
            ann_files.setdefault(m.group("name"), []).append(p.name)
    texts: dict[str, str] = {}
    gold: dict[str, tuple[GoldAttribution, ...]] = {}
    for n in names:
        if n not in ann_files:
            raise InputError(f"article {n} has no annotation file in {d / 'attributions'}")
        texts[n] = (d / "text" / f"{n}.txt").read_bytes().decode("utf-8")
        ann = (d / "attributions" / min(ann_files[n])).read_bytes().decode("utf-8")
        gold[n] = tuple(parse_ann(ann))
    return PolnearSplit(name=split, ids=tuple(names), texts=texts, gold=gold)
