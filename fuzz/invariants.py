"""What must hold of every ``sayso.analyze`` report, whatever the text.

Shared by the property tests (tests/test_properties.py), the fuzz targets in
this folder and their regression test (tests/test_fuzz_regressions.py).
``check_report`` raises AssertionError naming the first broken promise.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import sayso
from sayso.pipeline import DEFAULT_MODE
from sayso.records import CUE_TYPES, KINDS, SOURCE_KINDS

SCHEMA_PATH = Path(sayso.__file__).with_name("schema.json")


def input_error_expected(text: str, max_chars: int = sayso.DEFAULT_MAX_CHARS) -> bool:
    """The inputs ``analyze`` may (and must) refuse: empty, white space only, NUL, too long,
    or holding an unpaired surrogate (not encodable as UTF-8)."""
    return not text.strip() or "\x00" in text or len(text) > max_chars or _has_surrogate(text)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_fragments(text: str, what: str, spans: Any, words: str | None) -> None:
    assert len(spans) >= 1, f"{what}: no fragments"
    prev_end = -1
    for frag in spans:
        assert len(frag) == 2, f"{what}: fragment {frag!r} is not [start, end]"
        s, e = frag
        assert isinstance(s, int) and isinstance(e, int), f"{what}: non-integer offsets {frag!r}"
        assert 0 <= s < e <= len(text), f"{what}: fragment {frag!r} outside the text (length {len(text)}) or empty"
        assert s >= prev_end, f"{what}: fragments out of order or overlapping: {spans!r}"
        prev_end = e
    if words is not None:
        joined = " ... ".join(text[s:e] for s, e in spans)
        assert words == joined, f"{what}: text {words!r} does not match the text at {spans!r}: {joined!r}"


def check_span(text: str, what: str, span: sayso.TextSpan) -> None:
    _check_fragments(text, what, span.spans, span.text)


def check_report(text: str, report: sayso.ArticleReport, schema: dict[str, Any] | None = None) -> None:
    """Assert every structural promise of the report about ``text``."""
    assert isinstance(report, sayso.ArticleReport)
    assert report.text_length == len(text), f"text_length {report.text_length} != {len(text)}"

    entity_ids = [e.id for e in report.entities]
    assert len(set(entity_ids)) == len(entity_ids), f"duplicate entity ids: {entity_ids}"
    entity_set = set(entity_ids)
    for ent in report.entities:
        for m in ent.mentions:
            assert 0 <= m.start < m.end <= len(text), f"entity {ent.id} mention {m!r} outside the text"
            assert text[m.start:m.end] == m.text, f"entity {ent.id} mention {m.text!r} != {text[m.start:m.end]!r}"

    ids = [a.id for a in report.attributions]
    assert len(set(ids)) == len(ids), f"duplicate attribution ids: {ids}"
    by_id = {a.id: a for a in report.attributions}
    for a in report.attributions:
        check_span(text, f"{a.id}.cue", a.cue)
        check_span(text, f"{a.id}.content", a.content)
        if a.source is not None:
            check_span(text, f"{a.id}.source", a.source)
        for i, c in enumerate(a.citing):
            if c.spans:
                _check_fragments(text, f"{a.id}.citing[{i}]", c.spans, c.text)
            assert c.source_kind in SOURCE_KINDS, f"{a.id}.citing[{i}]: source_kind {c.source_kind!r}"
        assert a.kind in KINDS, f"{a.id}: kind {a.kind!r}"
        assert a.cue_type in CUE_TYPES, f"{a.id}: cue_type {a.cue_type!r}"
        assert a.source_kind in SOURCE_KINDS, f"{a.id}: source_kind {a.source_kind!r}"
        assert a.anonymous_count is None or a.anonymous_count >= 0, f"{a.id}: anonymous_count {a.anonymous_count}"
        assert math.isfinite(a.confidence) and 0.0 <= a.confidence <= 1.0, f"{a.id}: confidence {a.confidence}"
        for ref, role in ((a.speaker, "speaker"), (a.addressee, "addressee")):
            if ref is not None:
                assert ref.entity_id in entity_set, f"{a.id}.{role} points to missing entity {ref.entity_id!r}"
        if a.nested_in is not None:
            assert a.nested_in in by_id, f"{a.id}.nested_in points to missing attribution {a.nested_in!r}"
            assert a.nested_in != a.id, f"{a.id} is nested in itself"
        # Following nested_in from any attribution must end, never loop.
        seen = {a.id}
        cur = a.nested_in
        while cur is not None:
            assert cur not in seen, f"nested_in cycle through {a.id}: {sorted(seen)}"
            seen.add(cur)
            cur = by_id[cur].nested_in

    for i, n in enumerate(report.non_responses):
        _check_fragments(text, f"non_responses[{i}]", n.spans, n.text)
        if n.who_entity_id is not None:
            assert n.who_entity_id in entity_set, f"non_responses[{i}] points to missing entity {n.who_entity_id!r}"

    s = report.sourcing_summary
    assert s.attributions == len(report.attributions), f"summary counts {s.attributions} attributions"
    assert s.non_responses == len(report.non_responses), f"summary counts {s.non_responses} non-responses"
    assert 0.0 <= s.anonymous_share <= 1.0, f"anonymous_share {s.anonymous_share}"

    # JSON: strict (no NaN/Infinity), and back to an equal report.
    data = report.to_dict()
    dumped = json.dumps(data, ensure_ascii=False, allow_nan=False)
    back = sayso.ArticleReport.from_dict(json.loads(dumped))
    assert back == report, "the report does not round-trip through JSON"
    if schema is not None:
        import jsonschema

        jsonschema.validate(json.loads(dumped), schema)


def load_schema() -> dict[str, Any] | None:
    """The shipped JSON Schema, or None when this checkout has none."""
    if not SCHEMA_PATH.is_file():
        return None
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def analyze_checked(text: str, schema: dict[str, Any] | None = None,
                    mode: str = DEFAULT_MODE) -> sayso.ArticleReport | None:
    """Analyse ``text``; InputError exactly when expected; check the report.  None when refused."""
    refuse = input_error_expected(text)
    try:
        report = sayso.analyze(text, mode=mode)
    except sayso.InputError as e:
        assert refuse, f"InputError on acceptable text: {e}"
        msg = str(e)
        assert msg and "\n" not in msg, f"InputError message is not one line: {msg!r}"
        return None
    assert not refuse, "analyze accepted text it should refuse (empty, white space, NUL or too long)"
    check_report(text, report, schema)
    return report


class ShortRunsOnly:
    """Stands in for spaCy's tokenizer and refuses any text holding a run of non-space characters
    it would take quadratic time on (issue 31: sayso.nlp.guard must cut such runs first)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.longest = 0

    def __call__(self, text: str) -> Any:
        from sayso.nlp.guard import MAX_RUN_CHARS, long_runs

        runs = [end - start for start, end in long_runs(text)]
        if runs:
            raise AssertionError(f"spaCy's tokenizer was given a run of {max(runs):,} characters without a "
                                 f"space (at most {MAX_RUN_CHARS} keeps it linear)")
        self.longest = max([self.longest, *(len(w) for w in text.split())])
        return self.real(text)
