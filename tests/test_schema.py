"""One definition of a report: the records.  The JSON Schema is generated from them, and the
Parquet and store mappings are checked against them, so none can drift from the others."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from importlib import resources
from typing import Any

import pyarrow as pa
import pytest

import sayso
from sayso import kinds, records, schema_gen
from sayso.batch import dataset
from sayso.store import schema as store_schema
from sayso.store.core import Store

ENUMS = (kinds.SourceKind, kinds.QuoteKind, kinds.CueType, kinds.EntityType, kinds.Mode)
RECORDS_BY_NAME = {cls.__name__: cls for cls in schema_gen.RECORDS}


def _field_names(record_name: str) -> set[str]:
    return {f.name for f in dataclasses.fields(RECORDS_BY_NAME[record_name])}  # type: ignore[arg-type]


def _unwrap(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


# -- the JSON Schema ------------------------------------------------------------------

def test_schema_json_is_generated_from_the_records() -> None:
    committed = (resources.files("sayso") / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_gen.render(), (
        "src/sayso/schema.json is out of date with sayso.records: run `python -m sayso.schema_gen`")


def test_the_fields_section_of_the_docs_is_generated_from_the_records() -> None:
    docs = schema_gen.DOCS_PATH.read_text(encoding="utf-8")
    assert docs == schema_gen._docs_with_fields(docs), (
        "the Fields section of docs/schema.md is out of date with sayso.records: run `python -m sayso.schema_gen`")


def test_every_record_and_vocabulary_has_a_definition() -> None:
    schema = schema_gen.build_schema()
    names = {cls.__name__ for cls in schema_gen.RECORDS} - {"ArticleReport"}
    assert names <= set(schema["$defs"])
    for enum in (kinds.SourceKind, kinds.QuoteKind, kinds.CueType, kinds.EntityType):
        assert schema["$defs"][enum.__name__]["enum"] == [m.value for m in enum]


def test_every_field_is_described_or_refers_to_a_described_record() -> None:
    """A field without a description is a record or a list of records, described at its definition."""
    defs = schema_gen.build_schema()["$defs"]
    for cls in schema_gen.RECORDS:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if "description" in f.metadata:
                continue
            inner = _unwrap(hints[f.name])
            if typing.get_origin(inner) is tuple:
                inner = typing.get_args(inner)[0]
            assert isinstance(inner, type) and issubclass(inner, (records.Record, kinds.SourceKind)), (
                f"{cls.__name__}.{f.name} needs a description: field(metadata=_doc(...)) in records.py")
            assert defs.get(inner.__name__, {}).get("description") or inner is records.ArticleReport


def test_the_generator_check_reports_a_stale_file(tmp_path: Any) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    no_docs = str(tmp_path / "missing.md")
    assert schema_gen.main(["--check", "--out", str(stale), "--docs", no_docs]) == 1
    assert schema_gen.main(["--out", str(stale), "--docs", no_docs]) == 0
    assert schema_gen.main(["--check", "--out", str(stale), "--docs", no_docs]) == 0


# -- the vocabularies -----------------------------------------------------------------

@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_a_member_is_its_string(enum: type[kinds.StrEnum]) -> None:
    for member in enum:
        assert member == member.value and hash(member) == hash(member.value)
        assert json.dumps(member) == json.dumps(member.value)
        assert enum(member.value) is member


def test_reports_round_trip_with_enum_members(example_report: sayso.ArticleReport) -> None:
    again = sayso.ArticleReport.from_dict(json.loads(json.dumps(example_report.to_dict())))
    assert again == example_report
    a = again.attributions[0]
    assert isinstance(a.source_kind, kinds.SourceKind) and isinstance(a.kind, kinds.QuoteKind)
    assert isinstance(a.cue_type, kinds.CueType) and isinstance(again.entities[0].type, kinds.EntityType)
    # to_dict gives plain strings whoever reads it (SQL drivers, msgpack), and the same JSON.
    assert type(again.to_dict()["attributions"][0]["source_kind"]) is str
    assert json.dumps(again.to_dict()) == json.dumps(example_report.to_dict())


def test_an_unknown_value_is_refused_on_load() -> None:
    with pytest.raises(ValueError):
        records.Citation.from_dict({"text": "x", "source_kind": "rumour"})


def test_an_unknown_mode_names_the_choices() -> None:
    with pytest.raises(ValueError, match="unknown mode 'quick'; choose one of fast, accurate"):
        kinds.Mode("quick")


def test_the_anonymous_kinds_are_defined_once() -> None:
    assert records.ANONYMOUS_KINDS is kinds.ANONYMOUS_KINDS
    assert records.UNNAMED_KINDS == kinds.ANONYMOUS_KINDS | {kinds.SourceKind.UNSPECIFIED}


# -- Parquet (sayso batch) ------------------------------------------------------------

def _arrow_fits(hint: Any, arrow_type: pa.DataType) -> bool:
    """Whether a column of ``arrow_type`` can hold a record value of type ``hint``."""
    hint = _unwrap(hint)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return pa.types.is_list(arrow_type) and _arrow_fits(item, arrow_type.value_type)
    if isinstance(hint, type) and issubclass(hint, records.Record):
        names = {f.name for f in dataclasses.fields(hint)}  # type: ignore[arg-type]
        return pa.types.is_struct(arrow_type) and {f.name for f in arrow_type} <= names
    if hint is bool:
        return pa.types.is_boolean(arrow_type)
    if hint is int:
        return pa.types.is_integer(arrow_type)
    if hint is float:
        return pa.types.is_floating(arrow_type)
    if isinstance(hint, type) and issubclass(hint, str):   # str and the StrEnums
        return pa.types.is_string(arrow_type)
    return False


def _check_placement(record_name: str, placed: dict[str, tuple[str, tuple[str, ...]]], where: str,
                     columns_of: dict[str, set[str]]) -> None:
    """Every field of the record is placed, in columns its table has."""
    assert set(placed) == _field_names(record_name), (
        f"a field of {record_name} is not placed in {where}: add its columns (and for the store a migration), "
        "or () to keep it only in the report JSON")
    for name, (table, columns) in placed.items():
        missing = set(columns) - columns_of[table]
        assert not missing, f"{record_name}.{name}: {table} has no column {sorted(missing)}"


@pytest.mark.parametrize("record_name", sorted(dataset.RECORD_COLUMNS))
def test_parquet_places_every_field_of_the_record(record_name: str) -> None:
    placed = dataset.RECORD_COLUMNS[record_name]
    _check_placement(record_name, placed, "sayso.batch.dataset.RECORD_COLUMNS",
                     {t: set(schema.names) for t, schema in dataset.TABLES.items()})
    hints = typing.get_type_hints(RECORDS_BY_NAME[record_name])
    for name, (table, columns) in placed.items():
        arrow = dataset.TABLES[table]
        if columns == (name,) and record_name != "ArticleReport":
            assert _arrow_fits(hints[name], arrow.field(name).type), (
                f"{record_name}.{name} ({hints[name]}) does not fit {table}.{name} ({arrow.field(name).type})")


def test_parquet_columns_come_from_the_records_or_the_input() -> None:
    from_input = {"article_id", "ordinal", "partition", "position", "source", "url", "publisher", "published",
                  "title", "text", "report"}
    for table in ("articles", "attributions", "entities"):
        placed = {c for fields in dataset.RECORD_COLUMNS.values() for t, cols in fields.values() if t == table
                  for c in cols}
        assert set(dataset.TABLES[table].names) - placed <= from_input, table


def test_parquet_rows_have_exactly_the_schema_columns(example_text: str,
                                                      example_report: sayso.ArticleReport) -> None:
    meta = {"id": "x", "text": example_text}
    rows = dataset.article_rows(meta, example_report, ordinal=0, partition=0)
    for table, table_rows in rows.items():
        assert table_rows
        for row in table_rows:
            assert list(row) == dataset.TABLES[table].names, table


# -- the store ------------------------------------------------------------------------

@pytest.mark.parametrize("record_name", sorted(store_schema.RECORD_COLUMNS))
def test_the_store_places_every_field_of_the_record(record_name: str) -> None:
    _check_placement(record_name, store_schema.RECORD_COLUMNS[record_name], "sayso.store.schema.RECORD_COLUMNS",
                     {t.name: set(t.c.keys()) for t in store_schema.metadata.sorted_tables})


def test_store_rows_hold_the_records_values(example_report: sayso.ArticleReport) -> None:
    rows = Store._attribution_rows("a1", example_report)
    assert set(rows[0]) == set(store_schema.attributions.c.keys())
    for row, a in zip(rows, example_report.attributions, strict=True):
        assert (row["source_kind"], row["anonymous"], row["chain"]) == (
            a.source_kind, a.rests_on_anonymous, list(a.chain))
