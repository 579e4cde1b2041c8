"""Steps ``quoted_speaker`` and ``quoted_addressee``: I, we, me and you inside someone's quotation.

In “I told Trump that ...,” Zelensky said, "I" is the quoted speaker; in “Trump said to me ...”
the addressee is; a "you" is the one the quoted speaker spoke to.  The outer attribution is the
innermost one resolved before this one whose content holds this one's cue (the stage
``nesting`` later records it as ``nested_in``).  Rules ``quoted_speaker.first_person``,
``quoted_speaker.second_person``, ``quoted_speaker.third_person`` (a "he" there is not the quoted
speaker) and ``quoted_speaker.named_in_quotation`` (a "they" is whom the quotation named).

``quoted_speaker`` runs after ``speaker`` (it replaces a speaker the sieves could not find) and
reads the outer item's ``speaker_id`` and ``addressee_id``; ``quoted_addressee`` runs after
``addressee``.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attribution.context import ArticleContext, AttributionWork
from sayso.attribution.entities import ANONYMOUS, ORG, OUTLET
from sayso.attribution.extract import holds
from sayso.attribution.sources import source_head
from sayso.attribution.speakers import pronoun_resolution
from sayso.attribution.tokens import SUBJECT_DEPS
from sayso.records import EntityRef

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SECOND_PERSON = frozenset({"you"})
THIRD_PERSON = frozenset({"he", "she"})


def _outer(ctx: ArticleContext, w: AttributionWork) -> AttributionWork | None:
    """The innermost already resolved attribution whose content holds w's cue, if w's cue is quoted
    (or an earlier paragraph of its quotation), or the speaker line of a headline "X: ..."."""
    t, c = ctx.table, w.raw.cue_head
    if t.quote[c] < 0:
        return _headline_speaker_line(ctx, w)
    best: AttributionWork | None = None
    for other in ctx.work:
        if other is w:
            break
        if other.speaker_id and holds(t, other.raw, c) and (
                best is None or _size(other) < _size(best)):
            best = other
    return best


def _headline_speaker_line(ctx: ArticleContext, w: AttributionWork) -> AttributionWork | None:
    """"Warren: Baker told me ... I told him ...": a headline that gives a name and a colon says all
    after the colon is what that one said, as if quoted; "I" and "me" there are the name's."""
    t, c = ctx.table, w.raw.cue_head
    if c >= t.body_token:
        return None
    return next((other for other in ctx.work if other is not w and other.speaker_id
                 and t.words[other.raw.cue_head] == ":" and other.raw.cue_head < c
                 and any(a <= c <= b for a, b in other.raw.content)), None)


def _size(w: AttributionWork) -> int:
    return sum(b - a + 1 for a, b in w.raw.content)


def _person(ctx: ArticleContext, outer: AttributionWork, toks: tuple[int, ...]) -> tuple[str | None, str] | None:
    word = ctx.table.lower[source_head(ctx.table, toks)] if toks else ""
    if word in FIRST_PERSON:
        return outer.speaker_id, "first_person"
    if word in SECOND_PERSON:
        return outer.addressee_id, "second_person"
    return None


def run_speaker(ctx: ArticleContext, w: AttributionWork) -> None:
    outer = _outer(ctx, w)
    if outer is None:
        return
    found = _person(ctx, outer, w.raw.source) or _not_the_quoted_speaker(ctx, outer, w) \
        or _named_in_the_quotation(ctx, outer, w)
    if not found or not found[0]:
        return
    speaker, branch = found
    w.speaker_id, w.speaker_rule = speaker, f"quoted_speaker.{branch}"
    w.record = replace(w.record, speaker=EntityRef(ctx.entities.by_id(speaker).name, speaker),
                       speaker_rule=w.speaker_rule)


def _not_the_quoted_speaker(ctx: ArticleContext, outer: AttributionWork,
                            w: AttributionWork) -> tuple[str | None, str] | None:
    """"He promised me ...," Reyes said: a "he" or "she" inside a quotation is not the quoted speaker,
    who would say "I" (rule ``quoted_speaker.third_person``): the pronoun is resolved again without
    them, and its mention moves to whom it names."""
    t, ents = ctx.table, ctx.entities
    head = source_head(t, w.raw.source) if w.raw.source else None
    if head is None or t.lower[head] not in THIRD_PERSON or not w.speaker_id or w.speaker_id != outer.speaker_id:
        return None
    other = pronoun_resolution(t, ents, head, exclude={outer.speaker_id}).entity
    if other is None or not any(a < head for a, _ in ents.by_id(other).mentions):
        return None  # none named before it: the quote's "he" is someone the article does not name
    wrong = ents.by_id(w.speaker_id)
    ents.keep_mentions(wrong.id, [m for m in wrong.mentions if m != (w.raw.source[0], w.raw.source[-1])])
    ents.claim_tokens(other, w.raw.source[0], w.raw.source[-1])
    ents.add_mention(other, w.raw.source[0], w.raw.source[-1])
    return other, "third_person"


def _named_in_the_quotation(ctx: ArticleContext, outer: AttributionWork,
                            w: AttributionWork) -> tuple[str | None, str] | None:
    """“Axios (whatever that is) sat back and said ... Then they said, ‘...’”: a "they" the sieves left
    unresolved, inside a quotation, stands for the organisation or group the quotation itself made
    the subject last, before it (rule ``quoted_speaker.named_in_quotation``): the quoted speaker
    tells who "they" are, the narration around the quotation does not."""
    t, ents = ctx.table, ctx.entities
    head = source_head(t, w.raw.source) if w.raw.source else None
    if head is None or w.speaker_id or t.lower[head] != "they" or t.quote[head] < 0:
        return None
    quote = t.quote[head]
    for k in range(head - 1, -1, -1):
        if t.quote[k] != quote:
            break
        found = ents.token_entity.get(k)
        if found and found != outer.speaker_id and t.dep[k] in SUBJECT_DEPS \
                and ents.by_id(found).type in (ORG, OUTLET, ANONYMOUS):
            return found, "named_in_quotation"
    return None


def _told(ctx: ArticleContext, w: AttributionWork) -> tuple[int, ...]:
    """Whom the cue says the words were for: its phrase, or a passive's subject ("we were told ...")."""
    t, c = ctx.table, w.raw.cue_head
    if w.addressee_phrase:
        return w.addressee_phrase
    told = next((k for k in t.children[c] if t.dep[k] == "nsubjpass"), None)
    return (told,) if told is not None and t.lower[told] in FIRST_PERSON | SECOND_PERSON else ()


def run_addressee(ctx: ArticleContext, w: AttributionWork) -> None:
    outer = _outer(ctx, w)
    found = _person(ctx, outer, _told(ctx, w)) if outer else None
    if not found or not found[0] or found[0] == w.speaker_id:
        return
    w.addressee_id = found[0]
    w.record = replace(w.record, addressee=EntityRef(ctx.entities.by_id(found[0]).name, found[0]))
