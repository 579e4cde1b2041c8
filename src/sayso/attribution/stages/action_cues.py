"""Stage ``action_cues``: drop cues that report an action, not words.

"The ABC launched an urgent investigation", "the Senate voted", "he ordered
Mueller fired": a verb of doing (lexicon/action_verbs.txt) whose content is a
noun phrase or a bare verb, with no clause of its own and no quotation, says
what someone did. "He held that the law was void" has a content clause and
stays. Each drop is named by the rule ``action_cue.no_content_clause``.

Reads ``table``, ``attributions_found``.  Replaces ``attributions_found``.
"""

from __future__ import annotations

import functools

from sayso import lexicon
from sayso.attribution.context import ArticleContext
from sayso.attribution.extract import RawAttribution, without_orphans
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import SUBJECT_DEPS

RULE = "action_cue.no_content_clause"
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CLAUSE_MARKS = SUBJECT_DEPS | {"mark", "csubj", "expl"}


@functools.cache
def action_words() -> frozenset[str]:
    """Every form of every verb in lexicon/action_verbs.txt (a line holds one verb's forms)."""
    return frozenset(w for line in lexicon.lines("action_verbs.txt") for w in line.lower().split())


def run(ctx: ArticleContext) -> None:
    t = ctx.table
    ctx.attributions_found = without_orphans(t, [r for r in ctx.attributions_found if not is_action_cue(t, r)])


def is_action_cue(t: TokenTable, raw: RawAttribution) -> bool:
    """Whether ``raw`` is a verb of doing with no content clause: the rule ``action_cue.no_content_clause``."""
    if t.lower[raw.cue_head] not in action_words():
        return False
    return not has_content_clause(t, raw)


def has_content_clause(t: TokenTable, raw: RawAttribution) -> bool:
    """Whether the content holds a quotation or a clause: a verb at its top that is finite or has a subject."""
    tokens = {k for a, b in raw.content for k in range(a, b + 1)}
    if any(t.quote[k] >= 0 for k in tokens):
        return True
    tops = [k for k in tokens if t.head[k] == k or t.head[k] not in tokens]
    return any(t.pos[k] in ("VERB", "AUX") and (
        t.tag[k] in _FINITE_TAGS or any(t.dep[c] in _CLAUSE_MARKS for c in t.children[k])) for k in tops)
