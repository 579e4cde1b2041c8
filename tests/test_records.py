"""The JSON contract: records survive a trip through JSON and cannot be changed in place."""

from __future__ import annotations

import dataclasses
import json

import pytest

import sayso
from sayso.records import CUE_TYPES, KINDS, SCHEMA_VERSION, SOURCE_KINDS


def test_round_trip_through_json(example_report: sayso.ArticleReport) -> None:
    text = json.dumps(example_report.to_dict(), ensure_ascii=False)
    again = sayso.ArticleReport.from_dict(json.loads(text))
    assert again == example_report
    assert again.to_dict() == example_report.to_dict()
    assert again.schema_version == SCHEMA_VERSION


def test_round_trip_keeps_types(example_report: sayso.ArticleReport) -> None:
    again = sayso.ArticleReport.from_dict(json.loads(json.dumps(example_report.to_dict())))
    assert isinstance(again.sourcing_summary, sayso.SourcingSummary)
    for a in again.attributions:
        assert isinstance(a, sayso.Attribution) and isinstance(a.cue, sayso.TextSpan)
        assert isinstance(a.content.spans, tuple) and all(isinstance(f, tuple) for f in a.content.spans)
        assert a.speaker is None or isinstance(a.speaker, sayso.EntityRef)
        assert all(isinstance(c, sayso.Citation) for c in a.citing)


def test_values_are_from_the_documented_vocabularies(example_report: sayso.ArticleReport) -> None:
    assert example_report.attributions
    for a in example_report.attributions:
        assert a.source_kind in SOURCE_KINDS
        assert a.kind in KINDS
        assert a.cue_type in CUE_TYPES
        assert 0.0 <= a.confidence <= 1.0


def test_offsets_point_into_the_text(example_text: str, example_report: sayso.ArticleReport) -> None:
    assert example_report.text_length == len(example_text)
    for a in example_report.attributions:
        for span in (a.cue, a.content, a.source):
            if span is not None:
                assert span.text == " ... ".join(example_text[s:e] for s, e in span.spans)


def test_records_are_frozen(example_report: sayso.ArticleReport) -> None:
    a = example_report.attributions[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.kind = "direct"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        example_report.publisher = "Someone else"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        a.extra = 1  # type: ignore[attr-defined]  # slotted: no new attributes


def test_from_dict_of_a_minimal_report() -> None:
    r = sayso.ArticleReport.from_dict({"text_length": 3})
    assert r.attributions == () and r.sourcing_summary == sayso.SourcingSummary()


# The JSON Schema (src/sayso/schema.json, generated from the records: tests/test_schema.py)
# describes exactly what to_dict() gives.

def _schema() -> dict[str, object]:
    from importlib import resources

    return json.loads((resources.files("sayso") / "schema.json").read_text(encoding="utf-8"))


def test_real_output_validates_against_the_schema(example_report: sayso.ArticleReport) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="validating the schema needs the jsonschema package")
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(json.dumps(example_report.to_dict())))
    validator.validate(sayso.ArticleReport(text_length=1).to_dict())
    bad = example_report.to_dict()
    bad["attributions"][0]["kind"] = "rumour"
    assert not validator.is_valid(bad)
