"""Name normalisation: the deterministic first step of entity resolution.

``split_title("Ukrainian President Volodymyr Zelensky")`` gives
``("Ukrainian President", "Volodymyr Zelensky")``; ``name_key`` folds case,
accents, curly apostrophes and full stops so "Zelenskyy" and "Zelenskyy"
written with different marks meet; ``person_key`` drops a trailing
possessive.  Every rule is a plain function a test can state in one line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from sayso.kinds import EntityType
from sayso.lexicon import outlets, words

#: Words that belong to a title when they precede a name, beyond the lexicon's
#: titles: nationality and party adjectives and the words that join titles.
_TITLE_EXTRA = frozenset("""
republican democratic democrat gop presidential vice-presidential white house u.s. us american
ukrainian russian chinese british french german israeli iranian mexican canadian
then- then former current outgoing incoming top senior longtime lead state federal
of for the and on at to in a an by with from
press secretary counsel adviser advisor strategist pollster chairman chairwoman chief staff
majority minority whip
""".split())  # noqa: SIM905 - a word list reads best as words

_PRONOUNS = frozenset("""
i me we us you he him she her it they them this that these those who which one someone
his its their our my your everyone anyone nobody somebody
""".split())  # noqa: SIM905 - a word list reads best as words

#: Words that make a name an organisation rather than a person.
_ORG_WORDS = frozenset("""
campaign committee party department ministry office agency administration council
commission court congress senate house bureau foundation institute university
association union company corporation inc. inc corp. corp group network news police
government board fund center centre coalition pac super league service services
""".split())  # noqa: SIM905 - a word list reads best as words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACE_RE = re.compile(r"\s+")
_TOKEN_RE = re.compile(r"\S+")


def fold(s: str) -> str:
    """Lower case without accents, with straight apostrophes and single spaces."""
    if s.isascii():
        # Nothing to decompose (most news text): the same result, without a pass per character.
        s = s.replace("`", "'")
    else:
        s = unicodedata.normalize("NFKD", s.translate(_APOSTROPHES))
        # Test each distinct character once, not each character: the same result, and a corpus's
        # contents mostly hold non-ASCII quote marks and dashes, not accents, so the filter is rare.
        marks = {ch for ch in set(s) if unicodedata.combining(ch)}
        if marks:
            s = "".join(ch for ch in s if ch not in marks)
    return _SPACE_RE.sub(" ", s).strip().lower()


def clean_name(raw: str) -> str:
    """The name part of a source's words: before any comma or parenthesis, no quotes or edge punctuation."""
    s = raw.translate(_APOSTROPHES)
    s = re.split(r"[,(;:\u2014\u2013]| - ", s, maxsplit=1)[0]
    s = s.strip(" \t\n\"'\u201c\u201d.")
    return _SPACE_RE.sub(" ", s)


def _is_title_word(tok: str) -> bool:
    t = tok.lower().rstrip(",")
    return t in words("titles") or t in _TITLE_EXTRA or t.rstrip(".") in words("titles")


def split_title(name: str) -> tuple[str, str]:
    """``(title, name)``: the leading title words and the name after the last of them.

    A token counts as a title word when it is in sayso's titles lexicon (or
    the adjectives and joiners listed here) or written in lower case; the
    name is what follows the last such token.  When nothing would be left,
    the whole string is the name.
    """
    toks = _TOKEN_RE.findall(clean_name(name))
    last = -1
    for i, tok in enumerate(toks):
        if _is_title_word(tok) or not tok[:1].isupper():
            last = i
    if last < 0 or last == len(toks) - 1:
        # "Trump campaign" ends in a title-ish word: keep it whole.
        return "", " ".join(toks)
    return " ".join(toks[: last + 1]), " ".join(toks[last + 1:])


# A corpus names the same people over and over: entity resolution asks for the key and surname of
# each of its few hundred thousand names many times.
@functools.lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The form two spellings of one name share: folded, no full stops, no trailing possessive."""
    k = re.sub(r"[\[\]{}()\"\u201c\u201d]", "", fold(clean_name(name))).replace(".", "")
    k = re.sub(r"'s?$", "", k)
    return _SPACE_RE.sub(" ", k).strip()


def is_resolvable(name: str) -> bool:
    """Whether a source's words can name an entity: not a pronoun, with a capitalised word."""
    s = clean_name(name)
    if not s or fold(s) in _PRONOUNS:
        return False
    toks = s.split()
    return any(t[:1].isupper() and fold(t) not in _PRONOUNS for t in toks) and len(toks) <= 8


def names_no_one(name: str) -> bool:
    """Whether the words describe unnamed sources rather than name someone.

    "officials", "a source familiar with the talks", "two senior aides": a word of the
    anonymous-source lexicon and no capitalised word after the first (titles aside).
    "Senior official Jane Doe" names someone.  The corpus keeps such words out of its
    entities; it is a test of a name, not of a source (the report's ``source_kind`` is that).
    """
    toks = [t.strip(".,'\u2019\"") for t in name.split()]
    low = [t.lower() for t in toks if t]
    return any(t in words("anonymous") for t in low) and not any(
        t[:1].isupper() for t in toks[1:] if t.lower() not in words("titles"))


class CorpusType(StrEnum):
    """What an entity of the corpus store is: coarser than a report's ``EntityType``."""

    PERSON = "person"
    ORGANIZATION = "organization"
    OUTLET = "outlet"


#: A report's entity type (and the spellings older reports and spaCy use) -> the corpus's.
#: ANONYMOUS has no corpus type: unnamed sources are never corpus entities.
_CORPUS_TYPE_OF = {
    EntityType.PERSON.lower(): CorpusType.PERSON, "per": CorpusType.PERSON,
    EntityType.OUTLET.lower(): CorpusType.OUTLET,
    EntityType.ORG.lower(): CorpusType.ORGANIZATION, EntityType.GPE.lower(): CorpusType.ORGANIZATION,
    "organization": CorpusType.ORGANIZATION, "organisation": CorpusType.ORGANIZATION,
    "norp": CorpusType.ORGANIZATION,
}


def guess_type(name: str, hint: str | None = None) -> CorpusType:
    """The corpus type of a cleaned name; ``hint`` (the report's entity type) wins when it maps to one."""
    if hint and hint.lower() in _CORPUS_TYPE_OF:
        return _CORPUS_TYPE_OF[hint.lower()]
    f = fold(name)
    if f in outlets() or f.removeprefix("the ") in outlets():
        return CorpusType.OUTLET
    if any(w in _ORG_WORDS for w in f.split()) or "'s " in f:
        return CorpusType.ORGANIZATION
    return CorpusType.PERSON


GENERATIONAL = words("name_suffixes")  # lexicon/name_suffixes.txt, shared with the entity finder


def suffix_of(name: str) -> str:
    """A generational suffix ("jr", "iii") at the end of the name, or ""."""
    toks = name_key(name).split()
    return toks[-1] if len(toks) > 1 and toks[-1] in GENERATIONAL else ""


def middle_initials(name: str) -> str:
    """The one-letter words between the first and last word ("george w bush" -> "w")."""
    toks = [t for t in name_key(name).split() if t not in GENERATIONAL]
    return "".join(t for t in toks[1:-1] if len(t) <= 2)


@functools.lru_cache(maxsize=1 << 18)
def surname(name: str) -> str:
    """The last word of a person's name, ignoring generational suffixes."""
    toks = [t for t in name_key(name).split() if t not in GENERATIONAL]
    return toks[-1] if toks else ""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"


#: The alias rule for transliterated spellings (Zelensky, Zelenskyy, Zelenskiy): see ``spelling_variant``.
SPELLING_MIN_LETTERS = 6


def spelling_variant(a: str, b: str) -> bool:
    """Whether two one-word name keys are spellings of one name: the alias rule ``spelling``.

    Both at least ``SPELLING_MIN_LETTERS`` letters, the same first letter, lengths
    within one, and one letter added, dropped or changed (edit distance 1):
    "zelensky" ~ "zelenskyy" ~ "zelenskiy".  Spelling alone is not enough for
    two different people ("carper", "carter"): callers also ask that their given
    names or titles agree when both are known.
    """
    if a == b or min(len(a), len(b)) < SPELLING_MIN_LETTERS or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if not (a.isalpha() and b.isalpha()):
        return False
    return Levenshtein.distance(a, b) == 1
