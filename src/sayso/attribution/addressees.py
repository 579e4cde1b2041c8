"""Whom a statement was made to: "told Trump", "informed Trump", "indicated to Zelensky"."""

from __future__ import annotations

from sayso.attribution.table import TokenTable
from sayso.attribution.tokens import phrase_of

#: Verbs whose object is the person spoken to.
TELL_VERBS = {
    "told", "tell", "tells", "telling", "inform", "informed", "informs", "informing", "assured", "assure",
    "assures", "warned", "warn", "warns", "briefed", "brief", "reminded", "remind", "advised", "advise",
    "urged", "urge", "urges", "notified", "notify", "asked", "ask", "asks", "reassured", "promised",
    "promise", "promises", "wrote", "emailed", "texted", "messaged", "begged", "pressed", "instructed",
    "ordered", "convinced", "persuaded",
}
_TO_VERBS_EXCLUDED = {"according", "going", "want", "wants", "wanted", "plans", "planned"}
#: Verbs whose "with X" names the other party ("shared details ... with Zelensky").
_WITH_VERBS = {"shared", "share", "shares", "discussed", "discuss", "discusses", "spoke", "speak", "talked",
               "talk", "agreed", "raised", "negotiated", "shared details"}
_OBJECT_PRONOUNS = {"him", "her", "them", "me", "us", "you"}
#: Common nouns that name an audience outright ("told reporters", "wrote to supporters"): the people
#: spoken to, though no entity tag marks them.
AUDIENCE_NOUNS = frozenset({
    "reporters", "journalists", "supporters", "donors", "lawmakers", "legislators", "staff", "staffers",
    "employees", "workers", "colleagues", "officials", "investors", "analysts", "voters",
    "students", "parents", "residents", "followers", "viewers", "listeners", "readers", "delegates",
})


#: What is not part of the addressee: "told [reporters] at the White House, who ...".
_NOT_THE_PHRASE = frozenset({"relcl", "acl", "punct", "prep", "appos"})
#: How far from its head an addressee's words may be.
_PHRASE_REACH = 6


def _addressee_phrase(t: TokenTable, k: int) -> tuple[int, ...]:
    return phrase_of(t, k, _NOT_THE_PHRASE, within=_PHRASE_REACH) or (k,)


def _nominal(t: TokenTable, k: int) -> bool:
    return t.pos[k] in ("PROPN", "NOUN") or t.lower[k] in _OBJECT_PRONOUNS


def _audience(t: TokenTable, k: int) -> bool:
    return t.lower[k] in AUDIENCE_NOUNS


def _name_specifying(t: TokenTable, k: int) -> int | None:
    """The name right after a common noun that says which one it is: "told the news website [Politico]"."""
    return next((j for j in t.children[k] if j == k + 1 and t.dep[j] == "appos" and t.pos[j] == "PROPN"), None)


def _name_after(t: TokenTable, c: int, k: int) -> bool:
    """A capitalised word right after the verb, whatever the tagger made of it ("tell Axios": an adverb)."""
    return k == c + 1 and t.words[k][:1].isupper() and t.words[k].isalpha()


def find_addressee(t: TokenTable, c: int) -> tuple[int, ...] | None:
    """Tokens of the addressee of the cue at ``c``, if the text names one."""
    word = t.lower[c]
    for k in t.children[c]:
        dep = t.dep[k]
        if word in TELL_VERBS and dep in ("dobj", "dative", "iobj", "advmod", "npadvmod", "nsubj:pass") \
                and k > c and (_nominal(t, k) or _name_after(t, c, k)):
            if t.pos[k] != "NOUN" or t.ent[k] or _audience(t, k):
                return _addressee_phrase(t, k)
            named = _name_specifying(t, k)
            if named is not None:
                return _addressee_phrase(t, named)
        if dep in ("prep", "dative") and t.lower[k] == "to" and word not in _TO_VERBS_EXCLUDED and k > c:
            objs = [j for j in t.children[k] if t.dep[j] == "pobj" and (t.ent[j] or t.pos[j] == "PROPN"
                                                                        or t.lower[j] in _OBJECT_PRONOUNS
                                                                        or _audience(t, j))]
            if objs:
                return _addressee_phrase(t, objs[0])
    if word in _WITH_VERBS:
        # "spoke with the Ukrainian leader" first; else "details about ... with Zelensky".
        withs = [k for k in t.subtree(c) if t.lower[k] == "with" and k > c]
        for direct in (True, False):
            for k in withs:
                if (t.head[k] == c) != direct:
                    continue
                objs = [j for j in t.children[k] if t.dep[j] == "pobj"
                        and (t.ent[j] == "PERSON" or direct and _nominal(t, j))]
                if objs:
                    return _addressee_phrase(t, objs[0])
    return None
