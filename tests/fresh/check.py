"""Check the fresh sets' annotations: offsets match the text, values are known.

    python3 tests/fresh/check.py [tests/fresh/dev tests/fresh/heldout]

Prints one line per problem and exits 1 when there is any; plain Python, no sayso needed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = {"direct", "mixed", "indirect"}
SPEAKER_KINDS = {"named_person", "named_organization", "outlet", "document", "anonymous_individual",
                 "anonymous_group", "unspecified", "none"}
ZONES = {"headline", "dek", "body"}
BASES = {"relayed", "public", "to_publisher", "unknown"}
STANCES = {"asserts", "confirms", "denies", None}
ACCESS = {"public", "private", "to_publisher", "unknown"}
HERE = Path(__file__).resolve().parent


def check_file(path: Path) -> list[str]:
    problems: list[str] = []
    text_path = path.with_suffix(".txt")
    if not text_path.is_file():
        return [f"{path}: no {text_path.name}"]
    text = text_path.read_text(encoding="utf-8")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [f"{path}: not JSON: {e}"]
    if data.get("id") != path.stem:
        problems.append(f"{path}: id {data.get('id')!r} is not the file name")
    for key in ("outlet", "published", "url", "title", "topic", "attributions", "events"):
        if key not in data:
            problems.append(f"{path}: no {key!r}")
    if data.get("title") and not text.startswith(data["title"]):
        problems.append(f"{path}: the text does not start with the title")
    event_ids = {e.get("id") for e in data.get("events", [])}
    for n, a in enumerate(data.get("attributions", [])):
        where = f"{path}: attribution {n} ({a.get('cue')!r})"
        cs, ce = a.get("cue_start"), a.get("cue_end")
        if not isinstance(cs, int) or not isinstance(ce, int) or text[cs:ce] != a.get("cue"):
            problems.append(f"{where}: text[cue_start:cue_end] is {text[cs:ce] if isinstance(cs, int) and isinstance(ce, int) else None!r}")
        if a.get("source") is not None:
            ss, se = a.get("source_start"), a.get("source_end")
            if not isinstance(ss, int) or not isinstance(se, int) or text[ss:se] != a["source"]:
                problems.append(f"{where}: source offsets do not give {a['source']!r}")
        c0, c1 = a.get("content_start"), a.get("content_end")
        if not isinstance(c0, int) or not isinstance(c1, int) or not 0 <= c0 < c1 <= len(text):
            problems.append(f"{where}: bad content offsets {c0}, {c1}")
        for key, allowed in (("kind", KINDS), ("speaker_kind", SPEAKER_KINDS), ("zone", ZONES),
                             ("basis", BASES), ("stance", STANCES)):
            if a.get(key) not in allowed:
                problems.append(f"{where}: {key} {a.get(key)!r} not in {sorted(x for x in allowed if x)}")
        route = a.get("route")
        if not isinstance(route, list) or not route:
            problems.append(f"{where}: route must be a non-empty list")
        if a.get("setting") is not None and a["setting"] not in event_ids:
            problems.append(f"{where}: setting {a['setting']!r} is no event id")
        if not isinstance(a.get("rests_on_anonymous"), bool):
            problems.append(f"{where}: rests_on_anonymous must be true or false")
    for e in data.get("events", []):
        where = f"{path}: event {e.get('id')!r}"
        if e.get("access") not in ACCESS:
            problems.append(f"{where}: access {e.get('access')!r}")
        ts, te = e.get("trigger_start"), e.get("trigger_end")
        if e.get("trigger") is not None and (not isinstance(ts, int) or not isinstance(te, int)
                                             or text[ts:te] != e["trigger"]):
            problems.append(f"{where}: trigger offsets do not give {e.get('trigger')!r}")
    return problems


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [HERE / "dev", HERE / "heldout"]
    problems: list[str] = []
    n = 0
    for d in dirs:
        for path in sorted(d.glob("*.json")):
            n += 1
            problems += check_file(path)
    for p in problems:
        print(p)
    print(f"{n} articles checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
