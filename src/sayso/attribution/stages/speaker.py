"""Step ``speaker``: who the source is (sayso.attribution.speakers' sieves), else an anonymous source.

Adds ``speaker_id``, ``speaker_rule``, ``described`` and ``source_info`` to the work item and
``speaker``/``speaker_rule`` to the record; adds a pronoun's mention and anonymous sources to the
entity store.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import PERSON, ArticleEntities
from sayso.attribution.sources import PRONOUNS, classify_source
from sayso.attribution.speakers import (
    is_described_person,
    record_anonymous_source,
    relative_source,
    resolve_source,
)
from sayso.attribution.table import TokenTable
from sayso.records import ANONYMOUS_KINDS, UNNAMED_KINDS, EntityRef

#: The rule the speaker step adds to the sieves (sayso.attribution.speakers.SIEVES) and
#: record_anonymous_source's: "[two Pentagon officials], who", a relative pronoun's described antecedent.
RELATIVE_CLAUSE = "relative_clause"


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents, raw = ctx.table, ctx.entities, w.raw
    speaker, rule = None, None
    # What identifies the source: its words, or for "who" and "which" what they stand for.
    described = raw.source
    if raw.source:
        exclude = _content_entities(t, ents, raw.content) | ({w.addressee_named} if w.addressee_named else set())
        resolution = resolve_source(t, ents, raw.source, exclude)
        speaker, rule = resolution.entity, resolution.rule
        relative = relative_source(t, ents, raw.source, exclude) if speaker is None else None
        if relative:
            found, phrase = relative
            kind = classify_source(t, phrase, ents.by_id(found).type if found else None).kind
            # Not "those who", "a story that", "a militant group that": no one in particular.
            if found or kind in ANONYMOUS_KINDS or kind == "document" and t.lower[raw.source[0]] != "who":
                speaker, described, rule = found, phrase, RELATIVE_CLAUSE
    speaker_type = ents.by_id(speaker).type if speaker else None
    if speaker_type == PERSON:
        ents.mark_reported_by_person(k for a, b in raw.content for k in range(a, b + 1) if t.quote[k] < 0)
    info = classify_source(t, described, speaker_type) if described else None
    if described and speaker is None and info and info.kind in UNNAMED_KINDS and \
            t.lower[info.head] not in PRONOUNS and \
            not is_described_person(t, described):
        anonymous = record_anonymous_source(t, ents, described)
        speaker, rule = anonymous.entity, anonymous.rule
    elif speaker and raw.source and t.lower[raw.source[0]] in ("he", "she", "him", "her"):
        ents.add_mention(speaker, raw.source[0], raw.source[-1])
    w.speaker_id, w.described, w.source_info = speaker, described, info
    w.speaker_rule = rule if speaker else None
    w.record = replace(w.record, speaker=EntityRef(ents.by_id(speaker).name, speaker) if speaker else None,
                       speaker_rule=w.speaker_rule)


def _content_entities(t: TokenTable, ents: ArticleEntities, content: tuple[tuple[int, int], ...]) -> set[str]:
    """Who the content names, and so who is unlikely to be its pronoun speaker.

    When the content quotes, only names inside the quotation count: narration
    around a quote ("McCaskill scolded him: '...,' she said") names the speaker.
    """
    tokens = [k for a, b in content for k in range(a, b + 1)]
    if any(t.quote[k] >= 0 for k in tokens):
        tokens = [k for k in tokens if t.quote[k] >= 0]
    found = set()
    for k in tokens:
        e = ents.token_entity.get(k)
        if not e or t.pos[k] != "PROPN" or (
                k + 1 < t.n and ents.token_entity.get(k + 1) == e and t.pos[k + 1] == "PROPN"):
            continue
        # k ends a name. One that only modifies a noun ("A Clinton presidency, she vowed, would
        # ...") does not show that someone else is speaking of that person.
        if t.dep[k] == "compound" and t.pos[t.head[k]] == "NOUN":
            continue
        found.add(e)
    return found
