"""Score sayso's answers on the hand-annotated fresh sets (tests/fresh/FORMAT.md).

PolNeAR scores spans; a reader acts on answers: who is speaking, to whom, on
whose say-so.  A fresh set is today's news annotated by hand for those
answers.  A predicted attribution is matched to a gold one when their cues
overlap, or failing that when their contents overlap by half of the shorter;
each is matched at most once, best overlap first.  Gold items marked
``borderline`` are matched but neither counted nor held against sayso.

The figures:

- attribution precision and recall (and recall in headlines and decks, and
  inside quotations);
- over matched attributions: speaker right, speaker kind right, addressee
  right, route right (publisher first, each relay, the speaker last),
  basis right, ``rests_on_anonymous`` right; a figure sayso does not yet
  produce (basis before provenance exists) is reported as None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.errors import InputError
from sayso.eval.names import same_entity
from sayso.records import ANONYMOUS_KINDS, ArticleReport, Attribution

#: Gold speaker kinds that name nobody: a predicted speaker of no entity, or a
#: vague one, is right for them.
_NOBODY = {"none", "unspecified"}


@dataclass(frozen=True, slots=True)
class FreshArticle:
    """One annotated article: its text and the gold JSON (tests/fresh/FORMAT.md)."""

    id: str
    text: str
    gold: dict[str, Any]

    @property
    def outlet(self) -> str | None:
        return self.gold.get("outlet")

    @property
    def published(self) -> str | None:
        return self.gold.get("published")


def load_fresh(dirs: Iterable[Path]) -> list[FreshArticle]:
    """Every article in the folders, by file name; InputError when a folder holds none."""
    out: list[FreshArticle] = []
    for d in dirs:
        paths = sorted(Path(d).glob("*.json"))
        if not paths:
            raise InputError(f"no annotated articles (*.json with a .txt beside it) in {d}")
        for p in paths:
            text_path = p.with_suffix(".txt")
            if not text_path.is_file():
                raise InputError(f"{p} has no text file {text_path.name} beside it")
            out.append(FreshArticle(p.stem, text_path.read_text(encoding="utf-8"),
                                    json.loads(p.read_text(encoding="utf-8"))))
    return out


def _overlap(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: Sequence[Sequence[int]]) -> int:
    return sum(e - s for s, e in spans)


def match(predicted: Sequence[Attribution], gold: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """(predicted index, gold index) pairs: cue overlap first, then content overlap of half the shorter."""
    candidates: list[tuple[int, float, int, int]] = []
    for i, a in enumerate(predicted):
        for j, g in enumerate(gold):
            cue = _overlap(a.cue.spans, [(g["cue_start"], g["cue_end"])])
            gold_content = [(g["content_start"], g["content_end"])]
            shorter = min(_length(a.content.spans), _length(gold_content)) or 1
            content = _overlap(a.content.spans, gold_content) / shorter
            if cue or content >= 0.5:
                candidates.append((1 if cue else 0, content, i, j))
    candidates.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", name.lower().replace("\u2019", "'")).strip()


#: Words that open an unnamed source's phrase without telling which source it is: "a senior
#: administration official" and "an unnamed \u201csenior administration official\u201d" are one party.
_OPENING = re.compile(r"^(?:(?:a|an|the|one|unnamed)\s+)+")


def _unnamed_words(name: str) -> str:
    return _OPENING.sub("", re.sub(r"\s+", " ", _norm(name)))


#: Words an organisation's initials skip: "Agence France-Presse" is AFP, "Bank of England" BoE.
_UNINITIALLED = {"of", "the", "and", "for", "de"}


def _initials_of(acronym: str, name: str) -> bool:
    """Whether a one-word capitalised acronym ("AFP", "AP") is the initials of a longer name."""
    words = [w for w in re.split(r"[\s\-\u2010\u2011]+", name.strip()) if w and w.lower() not in _UNINITIALLED]
    return len(acronym) >= 2 and acronym.isupper() and len(words) >= 2 \
        and "".join(w[0] for w in words).upper() == acronym


def same_party(gold: str, predicted: str) -> bool:
    """One step of a route: the same entity by name or by its initials ("AFP", "Agence France-Presse"), or
    the same unnamed source by its words."""
    if same_entity(gold, predicted):
        return True
    if " " not in gold.strip() and _initials_of(gold.strip(), predicted) \
            or " " not in predicted.strip() and _initials_of(predicted.strip(), gold):
        return True
    g, p = _norm(gold), _norm(predicted)
    if bool(g) and (g == p or (len(min(g, p, key=len)) >= 4 and (g in p or p in g))):
        return True
    g, p = _unnamed_words(gold), _unnamed_words(predicted)
    return bool(g) and g == p


def predicted_route(a: Attribution) -> list[str]:
    """The route sayso gives: ``provenance.route`` where there is one, else the chain."""
    provenance = getattr(a, "provenance", None)
    route = getattr(provenance, "route", None) if provenance is not None else None
    if route:
        return [step if isinstance(step, str) else getattr(step, "name", str(step)) for step in route]
    return list(a.chain)


def route_right(gold: dict[str, Any], a: Attribution) -> bool:
    """Every step the same party; the last, the speaker, may go by any of the speaker's accepted names."""
    got = predicted_route(a)
    speaker_names = [gold["speaker"], *gold.get("speaker_aliases", [])] if gold.get("speaker") else []
    for route in [gold.get("route") or [], *gold.get("route_also_accepted", [])]:
        if len(route) != len(got) or not all(same_party(g, p) for g, p in zip(route[:-1], got[:-1])):
            continue
        names = speaker_names if route and speaker_names and route[-1] == gold["speaker"] else route[-1:]
        if not route or any(same_party(n, got[-1]) for n in names):
            return True
    return False


def speaker_right(gold: dict[str, Any], a: Attribution) -> bool:
    kind = gold.get("speaker_kind")
    if kind in ANONYMOUS_KINDS:
        return a.source_kind in ANONYMOUS_KINDS
    if gold.get("speaker") is None or kind in _NOBODY:
        return a.speaker is None or a.source_kind in _NOBODY
    if a.speaker is None:
        return False
    names = [gold["speaker"], *gold.get("speaker_aliases", [])]
    return any(same_entity(n, a.speaker.name) for n in names)


def addressee_right(gold: dict[str, Any], a: Attribution) -> bool:
    if not gold.get("addressee"):
        return a.addressee is None
    return a.addressee is not None and same_party(gold["addressee"], a.addressee.name)


def _basis(a: Attribution) -> str | None:
    provenance = getattr(a, "provenance", None)
    return getattr(provenance, "basis", None) if provenance is not None else None


@dataclass
class _Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def share(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


@dataclass
class FreshScore:
    """Counts over a set; ``figures()`` gives the shares."""

    articles: int = 0
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    by_zone: dict[str, _Tally] = field(default_factory=dict)
    nested: _Tally = field(default_factory=_Tally)
    speaker: _Tally = field(default_factory=_Tally)
    speaker_kind: _Tally = field(default_factory=_Tally)
    addressee: _Tally = field(default_factory=_Tally)
    route: _Tally = field(default_factory=_Tally)
    #: Route right among attributions whose speaker is right: the provenance rules' own share,
    #: apart from the speaker resolution they build on.
    route_given_speaker: _Tally = field(default_factory=_Tally)
    basis: _Tally = field(default_factory=_Tally)
    rests_on_anonymous: _Tally = field(default_factory=_Tally)
    #: Communication events: predicted ones matched (precision) and gold ones found (recall).
    events_precision: _Tally = field(default_factory=_Tally)
    events_recall: _Tally = field(default_factory=_Tally)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        headline = _Tally(sum(t.right for z, t in self.by_zone.items() if z != "body"),
                          sum(t.total for z, t in self.by_zone.items() if z != "body"))
        return {
            "articles": self.articles, "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "headline_recall": headline.share(), "headline_gold": headline.total,
            "nested_recall": self.nested.share(), "nested_gold": self.nested.total,
            "speaker": self.speaker.share(), "speaker_kind": self.speaker_kind.share(),
            "addressee": self.addressee.share(), "route": self.route.share(),
            "route_given_speaker": self.route_given_speaker.share(),
            "basis": self.basis.share(), "rests_on_anonymous": self.rests_on_anonymous.share(),
            "events_precision": self.events_precision.share(), "events_recall": self.events_recall.share(),
            "events_gold": self.events_recall.total,
        }


#: Modes of events in which something is said (the annotators' and sayso's spellings).
COMMUNICATION_MODES = frozenset({"phone", "in person", "written", "broadcast", "post", "press conference",
                                 "interview", "statement", "public statement"})


def is_communication(event: dict[str, Any] | Any) -> bool:
    get = event.get if isinstance(event, dict) else lambda k: getattr(event, k, None)
    return get("plover") == "CONSULT" or get("mode") in COMMUNICATION_MODES


def _event_matches(gold: dict[str, Any], event: Any) -> bool:
    """Same trigger, or a participant in common on the same day, or the same participants in an
    event of the same kind where neither side has a day: an undated event found under another of its mentions ("told NFL Network's Tom Pelissero" for the
    gold's "commented") is the event found, not one miss and one spurious find."""
    if gold.get("trigger_start") is not None and any(
            _overlap(t.spans, [(gold["trigger_start"], gold["trigger_end"])]) for t in event.triggers):
        return True
    names = [p.name for p in event.participants]
    shared = any(same_party(g, n) for g in gold.get("participants") or [] for n in names)
    if not gold.get("date"):
        # Undated on both sides: the same kind of event with the same participants, so that a
        # statement is not taken for the talks it denies, nor a rally for a private talk.
        gold_names = gold.get("participants") or []
        same_kind = gold.get("mode") == event.mode or gold.get("plover") == event.plover == "CONSULT"
        same_people = all(any(same_party(g, n) for n in names) for g in gold_names) \
            and all(any(same_party(g, n) for g in gold_names) for n in names)
        return shared and not event.date and same_kind and same_people
    return shared and _date_text(gold.get("date")) == event.date


def _date_text(date: str | list[str] | None) -> str | None:
    """A gold date as sayso writes it: a span of days ``["2019-08-25", "2019-08-27"]`` is ``start/end``."""
    return "/".join(date) if isinstance(date, list) else date


def score_events(gold: Sequence[dict[str, Any]], events: Sequence[Any], into: FreshScore) -> None:
    wanted = [g for g in gold if is_communication(g)]
    found = [e for e in events if is_communication(e)]
    used: set[int] = set()
    matched_gold: set[int] = set()
    for g in wanted:
        hit = next((k for k, e in enumerate(found) if k not in used and _event_matches(g, e)), None)
        into.events_recall.add(hit is not None)
        if hit is not None:
            used.add(hit)
            matched_gold.add(id(g))
    # A communication event sayso found is right when the gold lists it, even where the annotator
    # gave it no mode ("Wall Street Journal report", mode null): it is no spurious find.  Each gold
    # event is found once: a second find of it ("in a statement" beside "said in a statement") is
    # one event split in two, and counts against precision.
    for k, e in enumerate(found):
        other = None if k in used else next(
            (g for g in gold if id(g) not in matched_gold and _event_matches(g, e)), None)
        if other is not None:
            matched_gold.add(id(other))
        into.events_precision.add(k in used or other is not None)


def _with_article_aliases(gold: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each gold attribution with every other name the article's annotation accepts for its speaker:
    the names are the entity's, so "RCMP", given once for the Royal Canadian Mounted Police, names
    it in every attribution of the article (annotators wrote them on some and not others)."""
    names: dict[str, set[str]] = {}
    for g in gold:
        if g.get("speaker"):
            names.setdefault(g["speaker"], set()).update(g.get("speaker_aliases") or ())
    return [{**g, "speaker_aliases": sorted(names[g["speaker"]])} if names.get(g.get("speaker") or "") else g
            for g in gold]


def score_article(article: FreshArticle, report: ArticleReport, into: FreshScore) -> None:
    """Add one article's counts (and, per mismatch, an error record) to ``into``."""
    gold = _with_article_aliases(article.gold.get("attributions", []))
    predicted = list(report.attributions)
    pairs = match(predicted, gold)
    matched_gold = {j: i for i, j in pairs}
    matched_pred = {i for i, _ in pairs}
    into.articles += 1
    into.gold += sum(1 for g in gold if not g.get("borderline"))
    # A prediction matched to a borderline item is neither right nor wrong.
    into.predicted += sum(1 for i in range(len(predicted))
                          if i not in matched_pred or not gold[next(j for p, j in pairs if p == i)].get("borderline"))
    for j, g in enumerate(gold):
        if g.get("borderline"):
            continue
        found = j in matched_gold
        into.by_zone.setdefault(g.get("zone", "body"), _Tally()).add(found)
        if g.get("nested_in_quote"):
            into.nested.add(found)
        if not found:
            into.errors.append({"article": article.id, "what": "missed", "cue": g["cue"],
                                "content": article.text[g["content_start"]:g["content_end"]][:120]})
            continue
        into.matched += 1
        a = predicted[matched_gold[j]]
        checks = {
            "speaker": speaker_right(g, a),
            "speaker_kind": a.source_kind == g.get("speaker_kind"),
            "addressee": addressee_right(g, a),
            "route": route_right(g, a),
            "rests_on_anonymous": a.rests_on_anonymous == g.get("rests_on_anonymous"),
        }
        for name, ok in checks.items():
            getattr(into, name).add(ok)
        if checks["speaker"]:
            into.route_given_speaker.add(checks["route"])
        basis = _basis(a)
        if basis is not None:
            into.basis.add(basis == g.get("basis"))
        wrong = [name for name, ok in checks.items() if not ok]
        if wrong:
            into.errors.append({
                "article": article.id, "what": "wrong " + ", ".join(wrong), "cue": g["cue"],
                "gold": {"speaker": g.get("speaker"), "speaker_kind": g.get("speaker_kind"),
                         "addressee": g.get("addressee"), "route": g.get("route"),
                         "rests_on_anonymous": g.get("rests_on_anonymous")},
                "got": {"speaker": a.speaker.name if a.speaker else None, "speaker_kind": a.source_kind,
                        "addressee": a.addressee.name if a.addressee else None, "route": predicted_route(a),
                        "rests_on_anonymous": a.rests_on_anonymous},
            })
    score_events(article.gold.get("events", []), getattr(report, "events", ()), into)
    for i, a in enumerate(predicted):
        if i not in matched_pred:
            into.errors.append({"article": article.id, "what": "spurious", "cue": a.cue.text,
                                "content": a.content.text[:120]})


def score_fresh(articles: Sequence[FreshArticle], reports: Iterable[ArticleReport]) -> FreshScore:
    result = FreshScore()
    for article, report in zip(articles, reports, strict=True):
        score_article(article, report, result)
    return result


def format_figures(figures: dict[str, Any], title: str) -> str:
    def show(v: Any) -> str:
        return "n/a" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    rows = [
        ("articles", figures["articles"]),
        ("gold attributions", figures["gold"]),
        ("predicted", figures["predicted"]),
        ("precision", figures["precision"]), ("recall", figures["recall"]), ("F1", figures["f1"]),
        (f"headline/dek recall (of {figures['headline_gold']})", figures["headline_recall"]),
        (f"inside quotations recall (of {figures['nested_gold']})", figures["nested_recall"]),
        ("speaker right (of matched)", figures["speaker"]),
        ("speaker kind right", figures["speaker_kind"]),
        ("addressee right", figures["addressee"]),
        ("route right", figures["route"]),
        ("route right where the speaker is", figures["route_given_speaker"]),
        ("basis right", figures["basis"]),
        ("rests_on_anonymous right", figures["rests_on_anonymous"]),
        ("communication events precision", figures["events_precision"]),
        (f"communication events recall (of {figures['events_gold']})", figures["events_recall"]),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join([title, *(f"  {k.ljust(width)}  {show(v)}" for k, v in rows)])

