"""Speaker resolution on a hand-checked PolNeAR set (issue #3).

tests/fixtures/speakers/speakers.jsonl holds gold attributions from PolNeAR's
dev and train articles whose source is a pronoun (he, she, they) or a role
noun ("the president", "the Vermont senator", "her campaign"), each with the
entity it refers to, written by hand from the article (docs/speakers.md says
how the set was made).  This test analyses each article once, finds sayso's
attribution whose source overlaps the gold source and checks that its
``speaker`` names the same entity.  The floor is what sayso reached when last
measured, rounded down to 0.05: a regression guard, not a target.  The same
scoring runs on the held-out sets (heldout*.jsonl), each drawn from other
articles; which of them the resolver was tuned on is said at RETIRED below.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import sayso
from sayso.eval import find_polnear, load_split
from sayso.eval.names import same_entity

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "speakers" / "speakers.jsonl"
#: Fresh sets drawn the same way from other articles, each checked by hand before sayso was run
#: on them.  The first three were each scored blind, then read to improve the resolver (so they
#: are tuning sets now); the last three have only ever been scored, never read, so their figures
#: are the honest ones (docs/speakers.md).
RETIRED = (FIXTURE.with_name("heldout.jsonl"), FIXTURE.with_name("heldout2.jsonl"),
           FIXTURE.with_name("heldout3.jsonl"))
HELDOUT4 = FIXTURE.with_name("heldout4.jsonl")
HELDOUT5 = FIXTURE.with_name("heldout5.jsonl")
HELDOUT6 = FIXTURE.with_name("heldout6.jsonl")
#: Drawn after set 6 to be read for tuning, so that sets 4 to 6 stay unread.  Pronouns only: the
#: candidate rules find no role nouns left in train and dev that no earlier set uses.
TUNING7 = FIXTURE.with_name("heldout7.jsonl")
#: Drawn on 2026-11-29 with wider role heads ("the newspaper", "his wife", "the board"), scored
#: once, blind, after that day's changes to the resolver, then read for tuning.
HELDOUT8 = FIXTURE.with_name("heldout8.jsonl")
#: Drawn on 2026-11-29 after set 8 had been read and the resolver taught its bodies ("the board"),
#: checked by hand, committed, scored once, blind, then read for tuning.
HELDOUT9 = FIXTURE.with_name("heldout9.jsonl")
#: Drawn on 2026-11-29, late, after the changes of that night (reported people, known offices,
#: parties), checked by hand and committed before sayso was run on it.  Pronouns only: no role
#: nouns are left in train and dev that no earlier set uses.
HELDOUT10 = FIXTURE.with_name("heldout10.jsonl")
#: Drawn on 2026-11-29 at night, after that night's changes (couples, websites, organisations that
#: name themselves), checked by hand and committed before sayso was run on it.  Pronouns only.
HELDOUT11 = FIXTURE.with_name("heldout11.jsonl")
SETS = (FIXTURE, *RETIRED, HELDOUT4, HELDOUT5, HELDOUT6, TUNING7, HELDOUT8, HELDOUT9, HELDOUT10, HELDOUT11)

#: Accuracy over the extracted items, as last measured, rounded down to 0.05.
FLOOR = 0.95
RETIRED_FLOORS = (0.95, 0.95, 0.85)
HELDOUT4_FLOOR = 0.85
HELDOUT5_FLOOR = 0.75
HELDOUT6_FLOOR = 0.75
TUNING7_FLOOR = 0.90
#: Set 8 scored blind at 54/78 (0.692), then read: 69/77.
HELDOUT8_FLOOR = 0.85
#: Set 9 scored blind at 48/55 (0.873), then read: 51/55.
HELDOUT9_FLOOR = 0.90
#: Set 10 scored blind at 47/50 (0.940), then read: 48/50.
HELDOUT10_FLOOR = 0.95
#: Set 11 scored blind at 25/28 (0.893), then read: 28/28.
HELDOUT11_FLOOR = 0.95

@pytest.mark.parametrize(("gold", "predicted", "expected"), [
    ("Hillary Clinton", "Clinton", True),
    ("Hillary Clinton", "Hillary Rodham Clinton", True),
    ("Hillary Clinton", "Bill Clinton", False),
    ("Joseph R. Biden Jr.", "Joe Biden", False),
    ("Joseph R. Biden Jr.", "Biden", True),
    ("Hillary Clinton", "Mrs. Clinton", True),
    ("George W. Bush", "George Bush", True),
    ("George W. Bush", "Jeb Bush", False),
    ("Bill de Blasio", "de Blasio", True),
    ("Bill de Blasio", "Blasio", True),
    ("Clinton campaign", "Hillary Clinton", False),
    ("Clinton campaign", "Clinton's campaign", True),
    ("Clinton campaign", "Trump campaign", False),
    ("Clinton campaign", "campaign", False),
    ("Security Council", "U.N. Security Council", True),
    ("Heritage Foundation", "National Golf Foundation", False),
    ("Donald Trump", "DONALD TRUMP", True),
])
def test_name_matching(gold: str, predicted: str, expected: bool) -> None:
    assert same_entity(gold, predicted) is expected


def _load_fixture(path: Path = FIXTURE) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_fixture_shape() -> None:
    items = _load_fixture()
    kept = [it for it in items if "speaker" in it]
    assert len(kept) >= 150
    assert all(("speaker" in it) != ("skip" in it) for it in items)
    assert {it["split"] for it in items} <= {"train", "dev"}, "the test split is withheld"
    kinds = Counter("role" if it["kind"] == "role" else "pronoun" for it in kept)
    assert kinds["role"] >= 60 and kinds["pronoun"] >= 60, kinds
    assert len({(it["split"], it["id"], tuple(it["source"])) for it in items}) == len(items)


@pytest.mark.parametrize("path", SETS[1:], ids=lambda p: p.stem)
def test_heldout_shape(path: Path) -> None:
    items = _load_fixture(path)
    kept = [it for it in items if "speaker" in it]
    assert len(kept) >= (30 if path in (TUNING7, HELDOUT11) else 50)  # the pool of candidates is nearly used up
    assert all(("speaker" in it) != ("skip" in it) for it in items)
    assert {it["split"] for it in items} <= {"train", "dev"}, "the test split is withheld"
    earlier = {(it["split"], it["id"]) for p in SETS[:SETS.index(path)] for it in _load_fixture(p)}
    assert not earlier & {(it["split"], it["id"]) for it in items}, "held-out articles must be new"
    assert len({(it["split"], it["id"], tuple(it["source"])) for it in items}) == len(items)


def _resolve(path: Path) -> dict:
    root = find_polnear()
    if root is None:
        pytest.skip("PolNeAR corpus not found: set $SAYSO_POLNEAR or put it at ../shared/data/polnear")
    items = [it for it in _load_fixture(path) if "speaker" in it]
    texts: dict[tuple[str, str], str] = {}
    for split in sorted({it["split"] for it in items}):
        corpus = load_split(root, split)
        for it in items:
            if it["split"] == split:
                texts[(split, it["id"])] = corpus.texts[it["id"]]
    keys = sorted(texts)
    reports = dict(zip(keys, sayso.analyze_many([texts[k] for k in keys])))
    return {"items": items, "texts": texts, "reports": reports}


def _overlap(spans, s: int, e: int) -> int:
    return sum(max(0, min(b, e) - max(a, s)) for a, b in spans)


def _pick(report: sayso.ArticleReport, item: dict):
    """sayso's attribution for the gold one: overlapping source, then cue, then most source overlap."""
    s, e = item["source"]
    # The gold is PolNeAR's: its attributions include shapes the reader's view moves to
    # polnear_only ("decried the remarks"), which are resolved all the same.
    finds = [*report.attributions, *(m.attribution for m in report.polnear_only)]
    cands = [a for a in finds if a.source is not None and _overlap(a.source.spans, s, e) > 0]
    if not cands:
        return None
    return max(cands, key=lambda a: (sum(_overlap(a.cue.spans, cs, ce) > 0 for cs, ce in item["cue"]),
                                    _overlap(a.source.spans, s, e), -a.cue.start))


def evaluate(data: dict) -> dict:
    right, wrong, missing = [], [], []
    for it in data["items"]:
        key = (it["split"], it["id"])
        att = _pick(data["reports"][key], it)
        if att is None:
            missing.append(it)
            continue
        got = att.speaker.name if att.speaker is not None else None
        names = [it["speaker"], *it.get("aliases", [])]
        if got is not None and any(same_entity(n, got) for n in names):
            right.append(it)
        else:
            wrong.append((it, got))
    return {"right": right, "wrong": wrong, "missing": missing}


def _describe(it: dict, got: str | None, text: str) -> str:
    s, e = it["source"]
    ctx = text[max(0, s - 160):s].replace("\n", " ")
    after = text[e:e + 60].replace("\n", " ")
    return (f"  {it['split']}/{it['id']} [{s},{e}] {it['source_text']!r}: gold {it['speaker']!r}, "
            f"got {got!r}\n      ...{ctx}[[{it['source_text']}]]{after}...")


# 577 PolNeAR articles parsed and encoded: about half an hour on the shared two cores, so these
# run by `make long`, not in `make test`.
@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.long
@pytest.mark.parametrize(("path", "floor", "at_least"), [
    (FIXTURE, FLOOR, 100),  # the set the resolver was tuned on
    (RETIRED[0], RETIRED_FLOORS[0], 45),  # held out once, read since
    (RETIRED[1], RETIRED_FLOORS[1], 60),  # held out once, read since
    (RETIRED[2], RETIRED_FLOORS[2], 60),  # held out once, read since
    (HELDOUT4, HELDOUT4_FLOOR, 55),  # never tuned on nor read: an honest figure
    (HELDOUT5, HELDOUT5_FLOOR, 60),  # never tuned on nor read: an honest figure
    (HELDOUT6, HELDOUT6_FLOOR, 50),  # never tuned on nor read: an honest figure
    (TUNING7, TUNING7_FLOOR, 30),  # scored blind once, then read
    (HELDOUT8, HELDOUT8_FLOOR, 70),  # scored blind once, then read
    (HELDOUT9, HELDOUT9_FLOOR, 50),  # scored blind once, then read
    (HELDOUT10, HELDOUT10_FLOOR, 45),  # scored blind once, then read
    (HELDOUT11, HELDOUT11_FLOOR, 25),  # scored blind once, then read
], ids=["tuning", "retired1", "retired2", "retired3", "heldout4", "heldout5", "heldout6", "tuning7", "heldout8",
        "heldout9", "heldout10", "heldout11"])
def test_speaker_resolution_accuracy(path: Path, floor: float, at_least: int) -> None:
    resolved = _resolve(path)
    res = evaluate(resolved)
    n_ok, n_bad, n_miss = len(res["right"]), len(res["wrong"]), len(res["missing"])
    extracted = n_ok + n_bad
    acc = n_ok / extracted if extracted else 0.0
    by_kind = Counter(it["kind"] for it in res["right"])
    tot_kind = Counter(it["kind"] for it in res["right"]) + Counter(it["kind"] for it, _ in res["wrong"])
    summary = (f"speaker resolution: {n_ok}/{extracted} right ({acc:.3f}) over extracted sources; "
               f"{n_miss} gold sources not extracted; by kind: "
               + ", ".join(f"{k} {by_kind[k]}/{tot_kind[k]}" for k in sorted(tot_kind)))
    print(summary)
    mistakes = "\n".join(_describe(it, got, resolved["texts"][(it["split"], it["id"])]) for it, got in res["wrong"])
    assert extracted >= at_least, summary
    assert acc >= floor, f"{summary}\nmistakes:\n{mistakes}"


@pytest.mark.parametrize(("text", "source", "speaker", "kind", "rule"), [
    # "It" is no group of people: it passes over the people an outlet's report quoted to the outlet.
    (("News Corp was hacked.\n\nThe Wall Street Journal reported that people briefed on the intrusion said it began in "
      "2020. It quoted them as saying the hackers read reporters' emails.\n"),
     "It", "The Wall Street Journal", "outlet", "pronoun.it_past_group"),
    # "No 10" is the prime minister's office by its door: the organisation Downing Street.
    (("The Times dropped a story.\n\nNo 10 said on Tuesday that the story was untrue.\n"),
     "No 10", "Downing Street", "named_organization", "number_ten"),
    # A lone surname the recogniser left untied is the one person named before in full with it.
    (("The row went on.\n\nDominic Cummings, a former adviser, backed up the story. The spokesperson "
      "denied Cummings\u2019s claim that the job was offered.\n"),
     "Cummings", "Dominic Cummings", "named_person", "surname.named_before"),
    # The same when the tagger takes the capitalised surname for a noun.
    (("President Donald Trump denied the report.\n\nTrump hit back at the story Monday morning, tweeting it "
      "was \u201cJust more FAKE NEWS!\u201d\n"), "Trump", "Donald Trump", "named_person", "surname.named_before"),
])
def test_who_a_source_stands_for_analysed_live(text: str, source: str, speaker: str, kind: str, rule: str) -> None:
    """Parsed live by the pinned model (the saved parses stay as recorded)."""
    report = sayso.analyze(text, mode="fast")
    a = next(a for a in report.attributions if a.source is not None and a.source.text == source)
    assert (a.speaker.name if a.speaker else None, a.source_kind, a.speaker_rule) == (speaker, kind, rule)


def test_a_first_person_standing_for_an_organisation_is_of_its_kind() -> None:
    """ "We" names no one itself; the organisation it stands for gives the source its kind."""
    text = ("The auction drew interest.\n\nThe Smithsonian Institution issued a statement. \u201cWe have never "
            "expressed interest in collecting the firearm,\u201d the statement read.\n")
    [we] = [a for a in sayso.analyze(text, mode="fast").attributions if a.source is not None and a.source.text == "We"]
    assert (we.speaker.name if we.speaker else None, we.source_kind) == ("Smithsonian Institution", "named_organization")
