"""Universal part-of-speech tags without running spaCy's attribute_ruler.

In the pinned pipeline the attribute_ruler only maps fine tags to coarse
ones (plus a few word-specific exceptions and morphology sayso does not
read), yet it costs about 12% of the parse.  sayso applies the same mapping
while building its token table.  The mapping is shipped (models/pos_map.json,
written from the pinned model's patterns by scripts/make_pos_map.py), not read
from a loaded model: the spaCy component runs on a user's own pipeline, and
nothing may be loaded behind their back.  tests/test_pos.py checks that the
shipped mapping is the installed model's and agrees with its attribute_ruler.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

#: The shipped mapping, in the package's models folder.
POS_MAP_FILE = "pos_map.json"

_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_VERB_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})
_BE_AFTER_EXPL = frozenset({"is", "are", "was", "were", "'s", "'re"})


#: Distinct (word, tag, dep, previous dep, space) keys ``PosMap.tags`` remembers before starting again.
_MAX_REMEMBERED = 100_000


@dataclass(frozen=True)
class PosMap:
    by_word_tag: dict[tuple[str, str], str]
    by_tag: dict[str, str]
    _remembered: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def _words_that_matter(self) -> frozenset[str]:
        """The words ``pos`` tests: any other word gives the same tag as any other."""
        return frozenset({w for w, _ in self.by_word_tag} | _DO_HAVE | _BE_AFTER_EXPL | {"but"})

    def tags(self, lower: list[str], tag: list[str], dep: list[str], is_space: list[bool]) -> list[str]:
        """``pos`` of every token of a text, each distinct case worked out once.

        A case is the word if ``pos`` tests it (else a tab, which no word is),
        the tag, the dep, the previous token's dep and whether it is a space:
        few cases, and they recur.  The key is one string, not a tuple, so
        that a thousand keys an article add nothing for the cyclic garbage
        collector to count (see ``feature_index.collector_paused``).
        """
        remembered = self._remembered
        if len(remembered) > _MAX_REMEMBERED:
            remembered.clear()
        matter = self._words_that_matter
        keys = [f"{w if w in matter else chr(9)}\t{t}\t{d}\t{pd}\t{sp:d}"
                for w, t, d, pd, sp in zip(lower, tag, dep, ["", *dep[:-1]], is_space)]
        out = list(map(remembered.get, keys))
        if None in out:
            for j, key in enumerate(keys):
                if out[j] is None:
                    out[j] = remembered[key] = self.pos(
                        lower[j], tag[j], dep[j], dep[j - 1] if j else "", is_space[j])
        return out  # type: ignore[return-value]

    def pos(self, lower: str, tag: str, dep: str, prev_dep: str, is_space: bool) -> str:
        """The coarse tag the model's attribute_ruler would set, in its pattern order."""
        if is_space:
            return "SPACE"
        p = self.by_word_tag.get((lower, tag)) or self.by_tag.get(tag, "X")
        # The dependency-based patterns of en_core_web_sm 3.8's attribute_ruler, later ones winning.
        if tag == "CC" and lower == "but" and dep == "advmod":
            p = "ADV"
        if tag not in ("TO", "") and dep in ("aux", "auxpass"):
            p = "AUX"
        if lower in _DO_HAVE and dep in _VERB_DEPS:
            p = "VERB"
        if tag == "IN" and dep == "mark":
            p = "SCONJ"
        if dep not in ("det", "quantmod", "") and tag in ("DT", "WDT"):
            p = "PRON"
        if prev_dep == "expl" and lower in _BE_AFTER_EXPL:
            p = "VERB"
        return p

    @classmethod
    def from_patterns(cls, patterns: Iterable[dict[str, Any]]) -> PosMap:
        """The one-token POS patterns of an attribute_ruler (``nlp.get_pipe("attribute_ruler").patterns``)."""
        by_word_tag: dict[tuple[str, str], str] = {}
        by_tag: dict[str, str] = {}
        for p in patterns:
            pos = p["attrs"].get("POS")
            pattern = p["patterns"][0]
            if not pos or len(pattern) != 1:
                continue
            tok = pattern[0]
            if set(tok) == {"TAG"}:
                by_tag[str(tok["TAG"])] = str(pos)
            elif set(tok) == {"LOWER", "TAG"}:
                lowers = tok["LOWER"].get("IN", []) if isinstance(tok["LOWER"], dict) else [tok["LOWER"]]
                tags = tok["TAG"].get("IN", []) if isinstance(tok["TAG"], dict) else [tok["TAG"]]
                for w in lowers:
                    for tg in tags:
                        by_word_tag[(str(w), str(tg))] = str(pos)
        return cls(by_word_tag, by_tag)

    def to_json(self) -> dict[str, Any]:
        return {"by_tag": dict(sorted(self.by_tag.items())),
                "by_word_tag": [[w, t, p] for (w, t), p in sorted(self.by_word_tag.items())]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PosMap:
        return cls({(w, t): p for w, t, p in data["by_word_tag"]}, dict(data["by_tag"]))


def shipped_pos_map_data() -> dict[str, Any]:
    """models/pos_map.json: the mapping and the model (name, version) it was written from."""
    return json.loads((resources.files("sayso") / "models" / POS_MAP_FILE).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def pos_map() -> PosMap:
    """The pinned model's attribute_ruler mapping, from the shipped file (no model is loaded)."""
    return PosMap.from_json(shipped_pos_map_data())
