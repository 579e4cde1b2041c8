"""The JSON Schema of an ArticleReport, generated from the records.

The dataclasses in ``sayso.records`` are the one definition of a report: a
field's type gives its JSON type, its ``metadata`` (``records._doc``) its
description and any extra keywords, a record's docstring its description and
the enums of ``sayso.kinds`` the allowed values.  src/sayso/schema.json is this
module's output, committed so that it ships with the package and reads in a
diff; tests/test_schema.py fails when the two differ.  Regenerate with::

    python -m sayso.schema_gen            # writes src/sayso/schema.json and docs/schema.md's Fields
    python -m sayso.schema_gen --check    # exits 1 if either is out of date
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import sys
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from sayso import records
from sayso.kinds import SourceKind
from sayso.records import ArticleReport, Record

SCHEMA_PATH = Path(__file__).with_name("schema.json")
#: docs/schema.md of a source checkout: its "## Fields" section is generated too.
DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
FIELDS_START = "## Fields\n"
FIELDS_END = "\n## The example, as JSON\n"

#: Every record of the report, in the order of its ``$defs`` (the order of records.py).
RECORDS: tuple[type[Record], ...] = tuple(
    v for v in vars(records).values() if isinstance(v, type) and issubclass(v, Record) and v is not Record)

#: ``[start, end]``: the one tuple type records hold that is not a list (``records.Offsets``' items).
FRAGMENT = tuple[int, int]
_FRAGMENT_SCHEMA: dict[str, Any] = {
    "type": "array",
    "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
    "items": False,
    "minItems": 2,
    "description": "[start, end]: Python str indices into the analysed text, end exclusive.",
}

_JSON_TYPES: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}
#: Python names of extra keywords in ``records._doc`` -> their JSON Schema names.
_KEYWORDS = {"min_items": "minItems"}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _description(obj: type) -> str:
    """The first paragraph of a docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


class _Builder:
    def __init__(self) -> None:
        self.enums: list[type[Enum]] = []

    def type_schema(self, hint: Any) -> dict[str, Any]:
        """The JSON Schema of a value of Python type ``hint``."""
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(options) != 1:
                raise TypeError(f"records hold X | None unions only, not {hint}")
            inner = self.type_schema(options[0])
            if set(inner) == {"type"}:
                return {"type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if hint == FRAGMENT:
            return _ref("Fragment")
        if origin is tuple:
            args = typing.get_args(hint)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            raise TypeError(f"records hold tuple[X, ...] or fragments, not {hint}")
        if isinstance(hint, type) and issubclass(hint, Record):
            return _ref(hint.__name__)
        if isinstance(hint, type) and issubclass(hint, Enum):
            if hint not in self.enums:
                self.enums.append(hint)
            return _ref(hint.__name__)
        if hint in _JSON_TYPES:
            return {"type": _JSON_TYPES[hint]}
        raise TypeError(f"no JSON Schema type for {hint!r}")

    def field_schema(self, f: dataclasses.Field[Any], hint: Any) -> dict[str, Any]:
        extra = {_KEYWORDS.get(k, k): v for k, v in f.metadata.get("schema", {}).items()}
        out = {} if "const" in extra else self.type_schema(hint)
        out.update({k: v for k, v in extra.items() if k != "minItems"})
        if "description" in f.metadata:
            out["description"] = f.metadata["description"]
        if "minItems" in extra:
            out["minItems"] = extra["minItems"]
        return out

    def record_schema(self, cls: type[Record]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        return {
            "type": "object",
            "description": _description(cls),
            "properties": {f.name: self.field_schema(f, hints[f.name]) for f in fields},
            "required": [f.name for f in fields],      # every field is always present (null or [] when empty)
            "additionalProperties": False,
        }


def enum_schema(enum: type[Enum]) -> dict[str, Any]:
    return {"enum": [m.value for m in enum], "description": _description(enum)}


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``ArticleReport.to_dict()``."""
    builder = _Builder()
    top = builder.record_schema(ArticleReport)
    defs: dict[str, Any] = {"Fragment": _FRAGMENT_SCHEMA}
    for cls in RECORDS:
        if cls is not ArticleReport:
            defs[cls.__name__] = builder.record_schema(cls)
    for enum in builder.enums:
        defs[enum.__name__] = enum_schema(enum)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:sayso:schema:article-report",
        "title": "ArticleReport",
        **top,
        "$defs": defs,
    }


def render() -> str:
    """schema.json's text: two-space indents, UTF-8, a final newline."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


#: The order of the tables in docs/schema.md: the report, then each record before those it holds.
DOCS_ORDER: tuple[type[Record], ...] = (
    ArticleReport, records.Attribution, records.TextSpan, records.EntityRef, records.Citation,
    records.NonResponse, records.Entity, records.Mention, records.SourcingSummary, records.Count)


def _markdown_type(hint: Any, extra: dict[str, Any]) -> str:
    if "const" in extra:
        return f'`"{extra["const"]}"`'
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
        return f"{_markdown_type(inner, {})} or null"
    if hint == FRAGMENT:
        return "Fragment"
    if origin is tuple:
        return f"list of {_markdown_type(typing.get_args(hint)[0], {})}"
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.__name__
    if hint is SourceKind:
        return "one of the source kinds below"
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in hint)
    return _JSON_TYPES[hint]


def _markdown_meaning(f: dataclasses.Field[Any], hint: Any) -> str:
    if "description" in f.metadata:
        return str(f.metadata["description"])
    inner = hint
    if typing.get_origin(inner) is tuple:
        inner = typing.get_args(inner)[0]
        if isinstance(inner, type) and issubclass(inner, Record):
            return f"See {inner.__name__}."
    return _description(inner)


def render_markdown() -> str:
    """docs/schema.md's "## Fields" section: one table per record, the report's first."""
    order = [*DOCS_ORDER, *(cls for cls in RECORDS if cls not in DOCS_ORDER)]
    out = [FIELDS_START]
    for cls in order:
        hints = typing.get_type_hints(cls)
        out += [f"### {cls.__name__}", "", _description(cls), "", "| field | type | meaning |", "|---|---|---|"]
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            extra = f.metadata.get("schema", {})
            out.append(f"| `{f.name}` | {_markdown_type(hints[f.name], extra)} | "
                       f"{_markdown_meaning(f, hints[f.name])} |")
        out.append("")
    return "\n".join(out)


def _docs_with_fields(docs: str) -> str:
    """``docs`` with its "## Fields" section replaced by the generated one."""
    start, end = docs.index(FIELDS_START), docs.index(FIELDS_END)
    return docs[:start] + render_markdown() + docs[end:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sayso.schema_gen", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if schema.json differs from the records")
    ap.add_argument("--out", type=Path, default=SCHEMA_PATH, help=f"where to write (default {SCHEMA_PATH})")
    ap.add_argument("--docs", type=Path, default=DOCS_PATH,
                    help="the docs/schema.md whose Fields section to rewrite (skipped when missing)")
    args = ap.parse_args(argv)
    wanted = {args.out: render()}
    if args.docs.is_file():
        wanted[args.docs] = _docs_with_fields(args.docs.read_text(encoding="utf-8"))
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p} is out of date: run python -m sayso.schema_gen", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(wanted[p], encoding="utf-8")
        print(f"wrote {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
