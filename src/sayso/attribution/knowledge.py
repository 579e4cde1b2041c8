"""What sayso knows about public figures beyond the article: gender, party, home state, terms.

Coverage describes people as often as it names them ("the GOP nominee", "the
former president"), and an article rarely says what every reader knows. The
facts come from ``lexicon/people.txt`` (written by hand, public record); the
article's own words always come first, and this only fills in what it leaves
unsaid.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from sayso import lexicon


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    gender: str | None  # "m" / "f"
    parties: frozenset[str]  # "R", "D", "I", "L", "G"
    states: frozenset[str]  # as in us_states.txt ("New York")
    #: (office, first year, last year or None if serving); ("candidate", year, year) for a run for president
    terms: tuple[tuple[str, int, int | None], ...]

    def served(self, office: str) -> bool:
        return any(o == office for o, _, _ in self.terms)

    def serving(self, office: str, year: int) -> bool:
        # A term begun and ended in one year ("speaker 2023-2023") was held in that year.
        return any(o == office and start <= year and (end is None or year < end or start == end == year)
                   for o, start, end in self.terms)

    def former(self, office: str, year: int) -> bool:
        """Held the office before ``year`` and no longer does."""
        return any(o == office and end is not None and end <= year for o, _, end in self.terms) and not (
            self.serving(office, year))


#: The year lexicon/people.txt was last brought up to date.
LEXICON_YEAR = 2026

_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sen", "senator", "gov", "governor", "rep", "president", "former",
                "secretary", "the", "vice", "speaker", "mayor", "judge", "justice"}
#: Offices whose holders coverage calls by the office ("the governor", "the former secretary of state").
OFFICES = ("president", "vice president", "governor", "senator", "secretary of state", "speaker")
_TERM = re.compile(rf"^({'|'.join(OFFICES)}) (\d{{4}})-(\d{{4}})?$|^(candidate) (\d{{4}})$")


def _words(name: str) -> list[str]:
    """Lower-case ASCII words of a name, without dots, possessives and leading titles."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['\u2019]s\b", "", ascii_name.lower()).replace(".", " ")
    words = [w.strip(",;:()\"'") for w in ascii_name.split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    return words


def _without_initials(words: list[str]) -> str:
    return " ".join(w for w in words if len(w) > 1)


@functools.cache
def _index() -> tuple[dict[str, KnownPerson], dict[str, KnownPerson | None], dict[str, KnownPerson | None]]:
    """Exact names, names without initials, and surnames; None marks a key two people share."""
    exact: dict[str, KnownPerson] = {}
    loose: dict[str, KnownPerson | None] = {}
    surnames: dict[str, KnownPerson | None] = {}
    for line in lexicon.lines("people.txt"):
        fields = [f.strip() for f in line.split(";")]
        fields += [""] * (5 - len(fields))
        names = [n.strip() for n in fields[0].split("|") if n.strip()]
        terms = []
        for term in filter(None, (x.strip() for x in fields[4].split(","))):
            m = _TERM.match(term)
            if not m:
                raise ValueError(f"people.txt: cannot read the term {term!r} of {names[0]}")
            if m.group(4):  # a run for president: the election year
                terms.append((m.group(4), int(m.group(5)), int(m.group(5))))
            else:
                terms.append((m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None))
        person = KnownPerson(
            names[0], fields[1] or None, frozenset(filter(None, fields[2].split("|"))),
            frozenset(filter(None, (s.strip() for s in fields[3].split("|")))), tuple(terms))
        for n in names:
            words = _words(n)
            exact[" ".join(words)] = person
            key = _without_initials(words)
            loose[key] = person if loose.get(key, person) is person else None
        # Every spelling's surname ("Zelensky", "Zelenskyy"), not a suffix ("Joseph R. Biden Jr.").
        for surname in {_words(n)[-1] for n in names} - lexicon.words("name_suffixes"):
            surnames[surname] = person if surnames.get(surname, person) is person else None
    return exact, loose, surnames


@functools.lru_cache(maxsize=4096)
def known_person(name: str) -> KnownPerson | None:
    """The public figure a name in an article stands for, when there is exactly one."""
    words = _words(name)
    if not words:
        return None
    exact, loose, surnames = _index()
    if " ".join(words) in exact:
        return exact[" ".join(words)]
    if len(words) == 1:
        return surnames.get(words[0])
    return loose.get(_without_initials(words))


def known_surname(word: str) -> bool:
    """Whether a public figure sayso knows has this surname ("Trump"), however many share it."""
    words = _words(word)
    return len(words) == 1 and words[0] in _index()[2]
