"""The feature columns' buckets are those of the feature strings, so scores do not change (issue 30).

Fast mode scores cues and roles from ``ColumnMemo`` buckets; training hashes the
strings of ``cue_features`` and ``role_features``.  Both come from the same
column definitions; here the buckets, their order in each row and the
resulting probabilities are checked to be equal to the bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from sayso.attribution.extract import cue_candidates
from sayso.attribution.feature_index import ColumnMemo
from sayso.attribution.features import (
    RoleContext,
    cue_feature_keys,
    cue_features,
    role_feature_keys,
    role_features,
)
from sayso.attribution.linear import load_linear
from sayso.attribution.table import build_table
from sayso.nlp.model import load_nlp

TEXT = (
    "WASHINGTON - The senator said on Tuesday that the bill would pass. \"We have the votes,\" she told "
    "reporters, according to two aides who asked not to be named.\n\n"
    "Critics raised concerns among economists that the cost was too high. The White House declined to comment."
)


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    return build_table(load_nlp()(TEXT))


def test_cue_buckets_and_probabilities_are_those_of_the_strings(table) -> None:  # type: ignore[no-untyped-def]
    model = load_linear("cue")
    cands = cue_candidates(table)
    strings = [cue_features(table, i) for i in cands]
    rows = ColumnMemo(model.n_buckets).rows(*cue_feature_keys(table, cands))
    assert rows.flat.tolist() == [k for row in strings for k in model.indices(row)]
    assert rows.lengths.tolist() == [len(row) for row in strings]
    assert np.array_equal(model.probabilities_of(rows), model.probabilities(strings))


def test_role_buckets_and_probabilities_are_those_of_the_strings(table) -> None:  # type: ignore[no-untyped-def]
    model = load_linear("role")
    memo = ColumnMemo(model.n_buckets)
    for cue in (i for i, w in enumerate(table.lower) if w in ("said", "told", "according", "concerns")):
        ctx = RoleContext(table, cue)
        window = [k for k in range(ctx.lo, ctx.hi + 1) if not table.is_space[k] and k != cue]
        strings = [role_features(table, ctx, k) for k in window]
        for _ in range(2):  # a memo that has met the keys gives the same buckets
            rows = memo.rows(role_feature_keys(table, ctx, window))
            assert rows.flat.tolist() == [k for row in strings for k in model.indices(row)]
            assert np.array_equal(model.probabilities_of(rows), model.probabilities(strings))


def test_the_collector_is_paused_only_inside_and_left_as_found() -> None:
    import gc

    from sayso.attribution.feature_index import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_a_new_numbering_between_articles_keeps_the_buckets(table, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sayso.attribution import features

    monkeypatch.setattr(features, "MAX_NUMBERED_STRINGS", 0)  # every new table starts a numbering
    other = build_table(load_nlp()("The minister said the talks had failed."))
    cue_model, role_model = load_linear("cue"), load_linear("role")
    memo = ColumnMemo(role_model.n_buckets)
    for t in (table, other, table):
        cands = cue_candidates(t)
        rows = ColumnMemo(cue_model.n_buckets).rows(*cue_feature_keys(t, cands))
        assert rows.flat.tolist() == [b for i in cands for b in cue_model.indices(cue_features(t, i))]
        cue = t.lower.index("said")
        ctx = RoleContext(t, cue)
        window = [k for k in range(ctx.lo, ctx.hi + 1) if not t.is_space[k] and k != cue]
        rows = memo.rows(role_feature_keys(t, ctx, window))
        assert rows.flat.tolist() == [b for k in window for b in role_model.indices(role_features(t, ctx, k))]
