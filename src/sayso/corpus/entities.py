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
   The articles that count are the full name's under any spelling step 3 joined.
   Full names one letter apart in the surname under the same given name join
   by the alias rule ``spelling`` (below), unless their titles differ.
4b. ``spelling``: a one-word name joins the one entity with a spelling of it
   ("Zelenskyy" ~ "Zelensky": same first letter, lengths within one, one letter
   apart, six letters or more) when the two share a given name or a title word
   and have no only-different ones (``_join_spellings``).
5. ``manual merge`` overrides: applied last, so they win over every rule.

An entity that step 4b joined is a person when any of its spellings is typed as
one (``person elsewhere``): the small model's ORG tag on one spelling does not
make the name an organisation.

Entity ids are ``<type>:<slug of the canonical name>``: the same corpus gives
the same ids on every run, and an override keyed by names survives re-ingest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from sayso import lexicon
from sayso.corpus.names import CorpusType, middle_initials, slug, spelling_variant, suffix_of, surname

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
    #: How many mention rows it was computed from (the store's measure of an update's reach).
    rows_read: int = 0


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


def _fuzzy_same(a: str, b: str, titles_of: Callable[[str], set[str]] = lambda _k: set()) -> bool:
    if suffix_of(a) != suffix_of(b):
        return False          # Donald Trump Jr. is not Donald Trump
    ma, mb = middle_initials(a), middle_initials(b)
    if ma and mb and ma != mb:
        return False          # George W. Bush is not George H.W. Bush
    sa, sb = surname(a), surname(b)
    if not sa or not sb:
        return False
    if spelling_variant(sa, sb) and a.split()[0] == b.split()[0]:
        # The alias rule ``spelling``: "Volodymyr Zelenskiy", "Volodymyr Zelenskyy"; but not two
        # people with different titles (Rep. Michael McCaul, Ambassador Michael McFaul).
        ta, tb = titles_of(a), titles_of(b)
        return not (ta and tb and not ta & tb)
    if fuzz.ratio(sa, sb) < FUZZY_SURNAME:
        return False
    if fuzz.ratio(a, b) >= FUZZY_NAME:
        return True
    fa, fb = a.split()[0], b.split()[0]
    return fa[:1] == fb[:1] and (fa.startswith(fb) or fb.startswith(fa)) and fuzz.ratio(sa, sb) >= FUZZY_SURNAME


def _close_lengths(n: int) -> range:
    """The lengths a word of ``n`` letters can have and still score ``FUZZY_SURNAME`` with it:
    rapidfuzz's ratio is at most 2 * shorter / (sum of lengths), and a spelling is one letter off."""
    share = FUZZY_SURNAME / 100
    return range(min(n - 1, int(n * share / (2 - share))), max(n + 1, int(n * (2 - share) / share)) + 1)


class _Surnames:
    """Words (surnames, one-word names) by first letter and length, each with the order it came in:
    a name meets only the words it could match (``FUZZY_SURNAME`` or a spelling), not all of them,
    so resolving 100,000 articles' names is not quadratic."""

    def __init__(self) -> None:
        self.position: dict[str, int] = {}
        self._by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._by_length: dict[int, list[str]] = defaultdict(list)

    def add(self, word: str) -> None:
        if word not in self.position:
            self.position[word] = len(self.position)
            self._by_shape[(word[:1], len(word))].append(word)
            self._by_length[len(word)].append(word)

    def close(self, word: str, *, same_letter: bool) -> list[str]:
        """The words with ``fuzz.ratio >= FUZZY_SURNAME`` to ``word`` or a spelling of it, in order."""
        out = []
        for n in _close_lengths(len(word)):
            pool = self._by_shape.get((word[:1], n), []) if same_letter else self._by_length.get(n, [])
            out += [w for w, _, _ in process.extract(word, pool, scorer=fuzz.ratio, limit=None,
                                                     score_cutoff=FUZZY_SURNAME)]
            if same_letter and abs(n - len(word)) <= 1:
                out += [w for w, _, _ in process.extract(word, pool, scorer=Levenshtein.distance, limit=None,
                                                         score_cutoff=1) if spelling_variant(word, w)]
        return sorted(set(out), key=self.position.__getitem__)


def _title_words(a: _Alias) -> set[str]:
    return {w for t in a.titles for w in t.casefold().split() if w in lexicon.words("titles")}


def _join_spellings(ordered: list[_Alias], uf: _UnionFind, rule: dict[str, str], split: set[str]) -> set[str]:
    """Step 4b, the alias rule ``spelling``: a one-word name joins the one entity that has a
    spelling of it (``names.spelling_variant``: same first letter, lengths within one, one
    letter apart, six letters or more) as a one-word alias or as a full name's surname.

    Spelling alone does not join two people ("Carper", "Carter") or a person and a
    country ("Cameron", "Cameroon"): the two must share a given name (the first word of
    a full name with that surname: "Volodymyr Zelenskyy", "Volodymyr Zelensky") or a
    title word ("President"), and must not have only different ones.  Both are written
    as names (capitalised), and a plural ("Clintons") is a family, not a spelling.
    Returns the roots of the groups it joined.
    """
    members: dict[str, list[_Alias]] = defaultdict(list)
    for a in ordered:
        members[uf.find(a.key)].append(a)
    given_of: dict[str, set[str]] = defaultdict(set)   # a surname -> the given names it has in the corpus
    for a in ordered:
        if a.words >= 2 and a.type == CorpusType.PERSON:
            given_of[surname(a.key)].add(a.key.split()[0])

    def context(root: str, word: str) -> tuple[set[str], set[str]]:
        group = members[root]
        given = given_of.get(word, set()) | {m.key.split()[0] for m in group
                                             if m.words >= 2 and m.type == CorpusType.PERSON}
        return given, set().union(*(_title_words(m) for m in group))

    def a_name(a: _Alias) -> bool:
        form = a.forms.most_common(1)[0][0]
        return a.type != CorpusType.OUTLET and a.key not in split and form[:1].isupper()

    by_word: dict[str, set[str]] = defaultdict(set)   # a one-word alias or a surname -> its groups' roots
    for a in ordered:
        if a_name(a) and (a.words == 1 or a.type == CorpusType.PERSON):
            by_word[surname(a.key)].add(uf.find(a.key))
    known = _Surnames()
    for w in by_word:
        known.add(w)
    joined: set[str] = set()
    for a in ordered:
        if a.words != 1 or not a_name(a):
            continue
        root = uf.find(a.key)
        if any(m.words > 1 for m in members[root]):
            continue          # already one person's name: it does not bridge two entities
        spelt = {uf.find(r): w for w in sorted(known.close(a.key, same_letter=True), reverse=True)
                 if spelling_variant(a.key, w) and w.rstrip("s") != a.key.rstrip("s") for r in by_word[w]}
        spelt.pop(root, None)
        if len(spelt) != 1:
            continue          # none, or two it could be: leave it alone
        (target, word), = spelt.items()
        (given_a, titles_a), (given_t, titles_t) = context(root, a.key), context(target, word)
        agree = bool(given_a & given_t) or bool(titles_a & titles_t)
        differ = (given_a and given_t and not given_a & given_t) or (titles_a and titles_t and not titles_a & titles_t)
        if not agree or differ:
            continue
        uf.union(target, root)
        members[target] += members.pop(root)
        rule[a.key] = f"spelling: {word!r}"
        joined.add(target)
    return {uf.find(r) for r in joined}


def resolve(rows: list[MentionRow], overrides: list[Override] = ()) -> Resolution:  # type: ignore[assignment]
    """Group the corpus's names into entities; see the module docstring for the rules."""
    aliases = _collect(rows)
    split = {o.a for o in overrides if o.action == "split"}
    uf = _UnionFind()
    rule: dict[str, str] = {k: "exact" for k in aliases}
    for k in split:
        rule[k] = "manual split"

    ordered = _order(aliases)

    def titles_of(key: str) -> set[str]:
        return _title_words(aliases[key])

    # Step 3: multi-word person names, fuzzy, bucketed by the surname's first letter.  A name meets
    # the earlier heads whose surname it could match (``_Surnames``), and the one word longer or
    # shorter than it, by dictionary, in the order the heads came: the same head a scan of the
    # whole bucket finds first.
    heads: dict[str, list[str]] = defaultdict(list)
    position: dict[str, int] = {}
    by_surname: dict[str, list[str]] = defaultdict(list)
    by_tail: dict[str, list[str]] = defaultdict(list)     # "hillary clinton" -> ["crooked hillary clinton"]
    surnames = _Surnames()

    def keep_head(key: str) -> None:
        last = surname(key)
        heads[last[:1]].append(key)
        position[key] = len(position)
        by_surname[last].append(key)
        by_tail[key.split(" ", 1)[1]].append(key)
        surnames.add(last)

    for a in ordered:
        # Organisations too: the NER sometimes types a person as one ("Volodymyr Zelenskyy").
        if a.type == "outlet" or a.words < 2 or _particled(a) or a.key in split:
            uf.find(a.key)
            continue
        last = surname(a.key)
        near = sorted((h for s in surnames.close(last, same_letter=True) if last for h in by_surname[s]),
                      key=position.__getitem__)
        match = next((h for h in near if _fuzzy_same(h, a.key, titles_of)), None)
        # "Crooked Hillary Clinton", "Miss Universe Alicia Machado": a known full name at the end.
        # One leading word only: "Crooked Hillary Clinton", not "Hillary Clinton slams Donald Trump".
        tail = a.key.split(" ", 1)[1]
        suffix = tail if tail in position and surname(tail)[:1] == last[:1] and len(tail.split()) >= 2 else None
        longer = next((h for h in by_tail.get(a.key, ()) if surname(h)[:1] == last[:1]), None)
        if match is not None:
            uf.union(match, a.key)
            how = "spelling" if spelling_variant(surname(match), surname(a.key)) else f"fuzzy {fuzz.ratio(match, a.key):.0f}"
            rule[a.key] = f"{how}: {match!r}"
        elif suffix is not None:
            uf.union(suffix, a.key)
            rule[a.key] = f"ends with: {suffix!r}"
        elif longer is not None:
            uf.union(longer, a.key)
            rule[longer] = f"ends with: {a.key!r}"
            keep_head(a.key)
        else:
            keep_head(a.key)

    # Step 4: one-word person names by surname.
    group_count: Counter[str] = Counter()
    group_articles: dict[str, set[str]] = defaultdict(set)
    for a in ordered:
        group_count[uf.find(a.key)] += a.count
        group_articles[uf.find(a.key)] |= a.articles
    full_by_surname: dict[str, list[str]] = defaultdict(list)
    for h in (k for b in heads.values() for k in b):
        if aliases[h].type == "person":      # a surname belongs to a person, never "Indiana GOP"
            full_by_surname[surname(h)].append(h)
    full_surnames = _Surnames()
    for s_ in full_by_surname:
        full_surnames.add(s_)
    for a in ordered:
        if a.type == "outlet" or (a.words != 1 and not _particled(a)) or a.key in split:
            continue
        if a.key.endswith("s") and a.key[:-1] in full_by_surname:
            continue          # "Clintons", "Bushes": a family, not one of them
        if _particled(a):
            cands = [h for h in full_by_surname.get(surname(a.key), []) if h.endswith(" " + a.key)]
        else:
            cands = full_by_surname.get(a.key) or [
                h for s_ in full_surnames.close(a.key, same_letter=False)
                if fuzz.ratio(s_, a.key) >= FUZZY_SURNAME for h in full_by_surname[s_]]
        if not cands:
            continue
        votes: Counter[str] = Counter()
        for h in cands:
            # The full name's articles under any of its spellings ("Volodymyr Zelenskyy" in one
            # outlet, "Volodymyr Zelensky" in another), as step 3 joined them.
            shared = len(a.articles & group_articles[uf.find(h)])
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

    # Step 4b: spellings of one name ("Zelensky", "Zelenskyy", "Zelenskiy"), see _join_spellings.
    spelt = _join_spellings(ordered, uf, rule, split)

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
        if (etype == CorpusType.ORGANIZATION and uf.find(members[0].key) in spelt
                and any(m.type == CorpusType.PERSON for m in members)):
            # ``person elsewhere``: a name typed as a person under one spelling is not made an
            # organisation by the small model's tag on another (a bare "Zelenskyy" tagged ORG).
            etype = CorpusType.PERSON.value
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
    return Resolution(entities=entities, aliases=alias_rows, alias_entity=alias_entity, rows_read=len(rows))
