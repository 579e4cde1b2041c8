"""Step ``headline_role``: a role a headline or dek gives as its source ("..., says mayor", "NHS leader
brands ...") is the one person the body gives that role (rule ``headline_role``).

A headline is written for the article below it and names its speaker by the role the body gives
them. The speaker step reads a headline before the body (a headline never changes the body, so
nothing points from the body back into it), and so leaves a bare role there an unnamed source.
Only when exactly one person of the body fits: by the title the body gives ("Mayor Lisa Warren"),
or for "leader" any head of state or government (lexicon/person_roles.txt, tag leader), and by a
nationality the source names ("Ukrainian leader").

Runs after ``quoted_speaker``; reads ``speaker_id``, replaces it, ``source_info``'s kind and the
record's speaker.
"""

from __future__ import annotations

from dataclasses import replace

from sayso import lexicon
from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import ANONYMOUS, PERSON, EntityDraft
from sayso.attribution.sources import source_head
from sayso.records import EntityRef

RULE = "headline_role"


def run(ctx: ArticleContext, w: AttributionWork) -> None:
    t, ents, raw = ctx.table, ctx.entities, w.raw
    if raw.cue_head >= t.body_token or not raw.source:
        return
    if w.speaker_id and ents.by_id(w.speaker_id).type != ANONYMOUS:
        return
    roles = lexicon.tagged("person_roles")
    role = t.lower[source_head(t, raw.source)]
    if role not in roles:
        return
    words = {t.lower[k] for k in raw.source}
    fitting = [e for e in ents.entities if e.type == PERSON and _in_body(ctx, e) and _has_role(e, role, roles)
               and (not e.nationality or e.nationality.lower() in words or not _names_a_nationality(ctx, w))]
    if len(fitting) != 1:
        return
    person = fitting[0]
    if w.speaker_id and all(a < t.body_token for a, _ in ents.by_id(w.speaker_id).mentions):
        ents.merge(person.id, w.speaker_id, sort_mentions=True)  # the headline's unnamed "mayor" was no one else
    w.speaker_id, w.speaker_rule = person.id, RULE
    if w.source_info is not None:
        # The role stands for a person the article names: on the record, not an unnamed source.
        w.source_info = replace(w.source_info, kind="named_person", anonymous_count=None, descriptor=None)
    w.record = replace(w.record, speaker=EntityRef(person.name, person.id), speaker_rule=RULE)


def _in_body(ctx: ArticleContext, e: EntityDraft) -> bool:
    return any(a >= ctx.table.body_token for a, _ in e.mentions)


def _has_role(e: EntityDraft, role: str, roles: dict[str, frozenset[str]]) -> bool:
    titles = {x.lower() for x in e.titles} | e.sitting_titles
    if role in titles:
        return True
    return role == "leader" and any("leader" in roles.get(title, ()) for title in titles)


def _names_a_nationality(ctx: ArticleContext, w: AttributionWork) -> bool:
    t = ctx.table
    return any(t.ent[k] == "NORP" for k in w.raw.source)
