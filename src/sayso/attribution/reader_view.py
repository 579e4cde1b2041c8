"""Which finds a reader would not take for attributions, though PolNeAR's scheme counts them.

PolNeAR marks acts with a noun object and no content said ("responded [AFP's requests for
comment]"), plans and wishes ("wants [to throw cold water on those reports]") and statements
nobody makes ("The count [is expected] to grow"); the models learn to find them from it.  A reader
of the report asks who said what: these answer neither.  Each rule below names such a shape in
general; ``reader_rule`` gives the first that fits a find, or None when a reader would count it.
The last two read a content with no clause as nothing said, so they leave headlines and deks alone.
The report keeps the find in ``polnear_only`` (sayso.records.PolnearOnly) with that rule, so the
PolNeAR view still counts it.
"""

from __future__ import annotations

from sayso import lexicon
from sayso.attribution.extract import RawAttribution
from sayso.attribution.stages.action_cues import has_content_clause
from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import SUBJECT_DEPS
from sayso.kinds import RULE_NESTED_CONFIDENCE, CueType
from sayso.records import Attribution

#: A verb of neither speech nor thought (lexicon/quoted_cue_verbs.txt) with no content clause
#: (sayso.attribution.stages.action_cues.has_content_clause): what was done to a thing
#: ("changed [his story]", "oppose [that approach]"), not what was said.
NO_CONTENT_SAID = "reader_view.no_content_said"
#: A plan, wish or decision to do something, with no content clause ("is planning [a review]",
#: "wants [to throw ...]"); "agreed [the merger would draw scrutiny]" holds a clause and stays.
INTENTION = "reader_view.intention"
#: A statement no one makes: "is expected to", "appears to", "seemed", with no source.
IMPERSONAL = "reader_view.impersonal"
#: A question no one is said to ask, with no question in it: "when asked about the report", "Asked to
#: comment on the Axios report, ...": the publisher's prompt for the answer that follows, which is the
#: attribution ("Asked if he would take any action, Trump says ..." gives the question and stays).
UNASKED = "reader_view.prompt_only"
_QUESTION_WORDS = frozenset({"if", "whether", "what", "why", "how", "who", "when", "where", "which"})
#: A content the rule quote_continued told in parts, each an attribution of its own under the same
#: cue ("“It is a strange way to live,” Altman said. “I don't know ...”"): PolNeAR gives the cue one
#: content over both quotations; a reader would read the second one twice.
QUOTE_PARTS = "reader_view.quote_parts"

#: Cue words of intending, wanting and deciding (word starts: "plan" covers plans, planning).
_INTENTION_STARTS = ("want", "plan", "intend", "decid", "eye", "agree", "refus", "target", "aim", "like")
#: Verbs of saying the cue list leaves out, whose content is often a noun phrase: "called the
#: investigation a witch hunt", "challenged that account", "issued a statement"; and those that say
#: what the speaker holds of the thing named, which a reader counts as said ("derided a media report
#: ... as fake news", "reaffirmed its commitment to ...", "criticized the use of unnamed sources").
_SAYING_STARTS = ("call", "challeng", "issu", "derid", "reaffirm", "critici", "denounc", "condemn")
#: Dependencies by which a cue verb holds a portrayal: "deemed [those statements false]" (oprd),
#: "considered [him a liberal]" (a verbless clause with its subject), "sees [Cruz as a uniter]" and
#: "is seen [as a conservative icon]" (the preposition "as").
_PORTRAYAL_DEPS = frozenset({"oprd"})
_SMALL_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
#: Verbs of choosing, doing and making whose "as" or complement gives a role or a result, not a
#: view: "was named [the executive director]", "was hired [as his deputy]", "signed [laws as governor]".
_ROLE_STARTS = ("name", "hire", "nominat", "appoint", "elect", "chose", "choos", "sign", "join",
                "serv", "made", "make", "prov", "kept", "keep", "gave", "give")
_IMPERSONAL_CUES = frozenset({"expected", "appear", "appears", "appeared", "seem", "seems", "seemed"})


def reader_rule(t: TokenTable, raw: RawAttribution, record: Attribution) -> str | None:
    """The rule that keeps this find from a reader's attributions, or None when it stays."""
    cue = t.lower[raw.cue_head]
    content = [k for a, b in raw.content for k in range(a, b + 1) if not t.is_space[k]]
    if record.source is None and cue in _IMPERSONAL_CUES:
        return IMPERSONAL
    if (record.source is None and cue == "asked" and not any(t.quote[k] >= 0 for k in content)
            and not any(t.dep[k] in SUBJECT_DEPS for k in t.children[raw.cue_head])  # "X has been asked to ..."
            and not any(t.lower[k] in _QUESTION_WORDS for k in content)):
        return UNASKED
    if raw.cue_head < t.body_token:  # a headline drops the words that make a clause: "Axios stands by story"
        return None
    if any(t.lower[k] == "reportedly" for k in raw.cue):
        return None  # "Brady reportedly wanted assurances ...": what a report says of him, not his plan
    if (record.cue_type == CueType.VERB and cue.startswith(_INTENTION_STARTS)
            and not has_content_clause(t, raw)):
        return INTENTION
    if (record.cue_type == CueType.VERB and cue not in lexicon.tagged("quoted_cue_verbs")
            and not (cue.startswith(_SAYING_STARTS) and record.source is not None)
            and not any(t.pos[k] in ("VERB", "AUX") or t.quote[k] >= 0 for k in content)
            and not portrays(t, raw.cue_head, content)):
        return NO_CONTENT_SAID
    return None


def told_in_parts(raw: RawAttribution, parts: list[RawAttribution]) -> bool:
    """Whether rule quote_continued split this find's content into parts under its cue (``parts``: the
    rule finds, ``RULE_NESTED_CONFIDENCE``, with the same cue head)."""
    return raw.cue_probability != RULE_NESTED_CONFIDENCE and any(
        p.cue == raw.cue and all(any(x <= a and b <= y for x, y in raw.content) for a, b in p.content)
        for p in parts)


def portrays(t: TokenTable, cue_head: int, content: list[int]) -> bool:
    """Whether the content says what someone or something is taken for, with no verb: a belief or
    portrayal a reader counts ("considered [him a liberal]", "casting [him as a spoiler]")."""
    if t.lower[cue_head].startswith(_ROLE_STARTS):
        return False
    return any(t.head[k] == cue_head and (
        t.dep[k] in _PORTRAYAL_DEPS or (t.lower[k] == "as" and t.dep[k] == "prep")
        or (t.dep[k] in _SMALL_CLAUSE_DEPS and any(t.dep[c] == "nsubj" for c in t.children[k])))
               for k in content)
