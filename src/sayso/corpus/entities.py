"""Entity resolution across articles: deterministic rules, each one named in the result.

Input: every article's names (titles already stripped, see ``sayso.corpus.names``)
as ``MentionRow``s.  Steps, in order; each alias records the rule that placed it:

1. ``exact``: names with the same key (case, accents, full stops, possessive
   folded) are one alias.
2. ``split`` overrides: an alias a person split off by hand stays alone.
3. ``fuzzy NN``: a multi-word person name joins an earlier (more mentioned) one
   when the surnames agree and rapidfuzz's ratio of the keys is at least 88, or
   the first names agree by initial and the surnames' ratio is at least 90
   ("Volodymyr Zelenskyy" -> "Volodymyr Zelensky"); ``ends with``: a name that
   ends with another full name ("Crooked Hillary Clinton") joins it, and the
   plain name stays canonical.
4. ``surname (context)``: a one-word name, or a surname with its particle ("De
   Blasio", never a full name of its own), joins the full name with that surname
   that appears in the same articles; ``surname (sole)`` when only one full name
   in the corpus has that surname; ``surname (dominant)`` when one such name has
   at least 80% of the mentions.  Otherwise the one-word name stays alone.  A
   word the NER typed as an organisation joins a person only by context, and
   only when at least half of its articles also name that person in full.
5. ``manual merge`` overrides: applied last, so they win over every rule.

Entity ids are ``<type>:<slug of the canonical name>``: the same corpus gives
the same ids on every run, and an override keyed by names survives re-ingest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from sayso import lexicon
from sayso.corpus.names import middle_initials, slug, suffix_of, surname

FUZZY_NAME = 88.0
FUZZY_SURNAME = 90.0
DOMINANT_SHARE = 0.8
ORG_CONTEXT_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class MentionRow:
    article_id: str
    key: str
    name: str
    type: str | None
    titles: Any
    count: int
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Override:
    action: str   # merge | split
    a: str
    b: str


@dataclass(slots=True)
class _Alias:
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    count: int = 0
    titles: dict[str, list[Any]] = field(default_factory=dict)   # title -> [first, last, count]

    @property
    def type(self) -> str:
        return self.types.most_common(1)[0][0] if self.types else "person"

    @property
    def words(self) -> int:
        return len(self.key.split())


@dataclass(slots=True)
class ResolvedEntity:
    id: str
    name: str
    type: str
    titles: list[dict[str, Any]]
    n_mentions: int
    n_articles: int
    rule: str

    def row(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "titles": self.titles,
                "n_mentions": self.n_mentions, "n_articles": self.n_articles, "rule": self.rule}


@dataclass(slots=True)
class Resolution:
    entities: list[ResolvedEntity]
    aliases: list[dict[str, Any]]
    alias_entity: dict[str, str]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, root: str, other: str) -> None:
        ra, rb = self.find(root), self.find(other)
        if ra != rb:
            self.parent[rb] = ra


def _collect(rows: list[MentionRow]) -> dict[str, _Alias]:
    aliases: dict[str, _Alias] = {}
    for r in rows:
        a = aliases.setdefault(r.key, _Alias(r.key))
        a.forms[r.name] += r.count
        a.types[r.type or "person"] += r.count
        a.articles.add(r.article_id)
        a.count += r.count
        for t in r.titles or []:
            first, last, n = a.titles.get(t, [r.published, r.published, 0])
            dates = [d for d in (first, last, r.published) if d]
            a.titles[t] = [min(dates) if dates else None, max(dates) if dates else None, n + 1]
    return aliases


def _order(aliases: dict[str, _Alias]) -> list[_Alias]:
    # Most mentioned first, then longer names, then alphabetical: a fixed order makes the result fixed.
    return sorted(aliases.values(), key=lambda a: (-a.count, -a.words, a.key))


def _particled(a: _Alias) -> bool:
    """"de blasio", "bin laden", "le pen": a surname with its particle, no full name."""
    return a.words == 2 and a.key.split()[0] in lexicon.words("surname_particles")


def _fuzzy_same(a: str, b: str) -> bool:
    if suffix_of(a) != suffix_of(b):
        return False          # Donald Trump Jr. is not Donald Trump
    ma, mb = middle_initials(a), middle_initials(b)
    if ma and mb and ma != mb:
        return False          # George W. Bush is not George H.W. Bush
    sa, sb = surname(a), surname(b)
    if not sa or not sb or fuzz.ratio(sa, sb) < FUZZY_SURNAME:
        return False
    if fuzz.ratio(a, b) >= FUZZY_NAME:
        return True
    fa, fb = a.split()[0], b.split()[0]
    return fa[:1] == fb[:1] and (fa.startswith(fb) or fb.startswith(fa)) and fuzz.ratio(sa, sb) >= FUZZY_SURNAME


def resolve(rows: list[MentionRow], overrides: list[Override] = ()) -> Resolution:  # type: ignore[assignment]
    """Group the corpus's names into entities; see the module docstring for the rules."""
    aliases = _collect(rows)
    split = {o.a for o in overrides if o.action == "split"}
    uf = _UnionFind()
    rule: dict[str, str] = {k: "exact" for k in aliases}
    for k in split:
        rule[k] = "manual split"

    ordered = _order(aliases)
    # Step 3: multi-word person names, fuzzy, bucketed by the surname's first letter.
    heads: dict[str, list[str]] = defaultdict(list)
    for a in ordered:
        # Organisations too: the NER sometimes types a person as one ("Volodymyr Zelenskyy").
        if a.type == "outlet" or a.words < 2 or _particled(a) or a.key in split:
            uf.find(a.key)
            continue
        bucket = heads[surname(a.key)[:1]]
        match = next((h for h in bucket if _fuzzy_same(h, a.key)), None)
        # "Crooked Hillary Clinton", "Miss Universe Alicia Machado": a known full name at the end.
        # One leading word only: "Crooked Hillary Clinton", not "Hillary Clinton slams Donald Trump".
        suffix = next((h for h in bucket if a.key.endswith(" " + h) and a.words == len(h.split()) + 1), None)
        longer = next((h for h in bucket if h.endswith(" " + a.key) and len(h.split()) == a.words + 1), None)
        if match is not None:
            uf.union(match, a.key)
            rule[a.key] = f"fuzzy {fuzz.ratio(match, a.key):.0f}: {match!r}"
        elif suffix is not None:
            uf.union(suffix, a.key)
            rule[a.key] = f"ends with: {suffix!r}"
        elif longer is not None:
            uf.union(longer, a.key)
            rule[longer] = f"ends with: {a.key!r}"
            bucket.append(a.key)
        else:
            bucket.append(a.key)

    # Step 4: one-word person names by surname.
    group_count: Counter[str] = Counter()
    for a in ordered:
        group_count[uf.find(a.key)] += a.count
    full_by_surname: dict[str, list[str]] = defaultdict(list)
    for h in (k for b in heads.values() for k in b):
        if aliases[h].type == "person":      # a surname belongs to a person, never "Indiana GOP"
            full_by_surname[surname(h)].append(h)
    for a in ordered:
        if a.type == "outlet" or (a.words != 1 and not _particled(a)) or a.key in split:
            continue
        if a.key.endswith("s") and a.key[:-1] in full_by_surname:
            continue          # "Clintons", "Bushes": a family, not one of them
        if _particled(a):
            cands = [h for h in full_by_surname.get(surname(a.key), []) if h.endswith(" " + a.key)]
        else:
            cands = full_by_surname.get(a.key) or [
                h for s, hs in full_by_surname.items() if fuzz.ratio(s, a.key) >= FUZZY_SURNAME for h in hs]
        if not cands:
            continue
        votes: Counter[str] = Counter()
        for h in cands:
            shared = len(a.articles & aliases[h].articles)
            if shared:
                votes[h] = shared
        choice, why = None, ""
        if votes:
            (top, n), *rest = votes.most_common()
            if not rest or n >= DOMINANT_SHARE * sum(votes.values()):
                choice, why = top, "surname (context)"
        # A word the NER did not call a person ("GOP", "Israel", or "Trump" mistyped) joins
        # a person only where it mostly appears beside that person's full name.
        if a.type != "person" and (choice is None or votes[choice] < ORG_CONTEXT_SHARE * len(a.articles)):
            continue
        if choice is None and len(cands) == 1:
            choice, why = cands[0], "surname (sole)"
        if choice is None:
            weight = {h: group_count[uf.find(h)] for h in cands}
            top = max(sorted(weight), key=lambda h: weight[h])
            if weight[top] >= DOMINANT_SHARE * sum(weight.values()):
                choice, why = top, "surname (dominant)"
        if choice is not None:
            uf.union(uf.find(choice), a.key)
            rule[a.key] = f"{why}: {choice!r}"

    # Step 5: hand-made merges win.
    for o in overrides:
        if o.action == "merge" and o.a in aliases and o.b in aliases:
            uf.union(uf.find(o.a), o.b)
            rule[o.b] = f"manual merge: {o.a!r}"

    groups: dict[str, list[_Alias]] = defaultdict(list)
    for a in ordered:
        groups[uf.find(a.key)].append(a)

    entities: list[ResolvedEntity] = []
    alias_rows: list[dict[str, Any]] = []
    alias_entity: dict[str, str] = {}
    used_ids: set[str] = set()
    for members in sorted(groups.values(), key=lambda ms: (-sum(m.count for m in ms), ms[0].key)):
        etype_votes = Counter({t: c for m in members for t, c in m.types.items()})
        # The canonical name: the most mentioned form among the multi-word aliases that no
        # "ends with" rule marked as an epithet ("Crooked Hillary Clinton").
        plain = [m for m in members if not rule[m.key].startswith("ends with")] or members
        longest = min(2, max(m.words for m in plain))
        forms = Counter({f: c for m in plain if m.words >= longest for f, c in m.forms.items()})
        name = min(forms.items(), key=lambda fc: (-fc[1], fc[0]))[0]
        # The type of the canonical name's own alias: the NER often types a bare surname
        # ("Trump") as an organisation even when the full name is a person.
        canon = next((m for m in plain if name in m.forms), None)
        etype = (canon.type if canon else None) or etype_votes.most_common(1)[0][0]
        base = f"{etype}:{slug(name)}"
        eid, n = base, 2
        while eid in used_ids:
            eid, n = f"{base}-{n}", n + 1
        used_ids.add(eid)
        titles: dict[str, list[Any]] = {}
        shown: dict[str, Counter[str]] = defaultdict(Counter)   # "secretary of state" = "Secretary of State"
        for m in members:
            for t, (first, last, c) in m.titles.items():
                k = t.casefold()
                shown[k][t] += c
                f0, l0, c0 = titles.get(k, [first, last, 0])
                ds = [d for d in (f0, l0, first, last) if d]
                titles[k] = [min(ds) if ds else None, max(ds) if ds else None, c0 + c]
        titles = {min(shown[k].items(), key=lambda tc: (-tc[1], tc[0]))[0]: v for k, v in titles.items()}
        articles = set().union(*(m.articles for m in members))
        rules = sorted({rule[m.key].split(":")[0] for m in members if rule[m.key] != "exact"})
        entities.append(ResolvedEntity(
            id=eid, name=name, type=etype,
            titles=[{"title": t, "first": v[0], "last": v[1], "count": v[2]}
                    for t, v in sorted(titles.items(), key=lambda tv: (-tv[1][2], tv[0]))],
            n_mentions=sum(m.count for m in members), n_articles=len(articles),
            rule=", ".join(rules) or "exact"))
        for m in members:
            alias_entity[m.key] = eid
            alias_rows.append({"key": m.key, "entity_id": eid, "rule": rule[m.key][:80],
                               "name": min(m.forms.items(), key=lambda fc: (-fc[1], fc[0]))[0]})
    alias_rows.sort(key=lambda r: r["key"])
    return Resolution(entities=entities, aliases=alias_rows, alias_entity=alias_entity)
