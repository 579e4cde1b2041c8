"""Pure functions from an ArticleReport to what the article view draws.

Attributions overlap freely (two share a source, one's content holds another's
source and cue), so the text cannot be one tree of HTML elements per
attribution.  Instead it is cut at every span boundary into segments; each
segment carries the (attribution, role, track) layers that cover it.  A
track is a row of underlines: attributions whose extents overlap get
different tracks, so nested and overlapping attributions show as stacked
lines, like displaCy's span view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import PurePath
from typing import Any

from sayso.records import ANONYMOUS_KINDS, ArticleReport, Attribution

#: The three parts of an attribution, in the order their layers are drawn.
ROLES = ("content", "source", "cue")

#: Rows of underlines the stylesheet has room for; deeper tracks share the last row.
MAX_TRACKS = 8

SOURCE_KIND_LABELS = {
    "named_person": "named person",
    "named_organization": "named organisation",
    "outlet": "news outlet",
    "document": "document",
    "anonymous_individual": "anonymous person",
    "anonymous_group": "anonymous group",
    "unspecified": "unspecified source",
    "none": "not classified",
}

KIND_LABELS = {"direct": "direct quote", "mixed": "partly quoted", "indirect": "paraphrase"}

#: How the publisher knows a statement (``Provenance.basis``), as the legend and the cards say it;
#: the order is the legend's.
BASIS_LABELS = {
    "relayed": "relayed (through another outlet or report)",
    "public": "said in public",
    "to_publisher": "told the publisher",
    "unknown": "no stated basis",
}

#: Between the links of a route, read from the publisher back to the speaker.
ROUTE_ARROW = " \u2190 "

#: How a source is shaded in the text and the "Who is quoted" list.  "vague" is a source
#: that names no one but is not an anonymous source either ("some", "critics"): records'
#: "unspecified".
SOURCE_CLASSES = ("named", "unnamed", "vague")

#: Markup some corpora leave in their text (PolNeAR keeps embedded tweets as
#: ``<tweet author="..." ...>text</tweet>``).  The offsets count it, so it stays in the
#: text; the page shows a short label in its place.
EMBED_MARKUP = re.compile(r'<tweet\b([^>]*)>|</tweet\s*>')
_AUTHOR = re.compile(r'\bauthor="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Layer:
    """One attribution's part covering a segment."""

    aid: str
    role: str
    track: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same layers (none for plain text)."""

    text: str
    start: int
    layers: tuple[Layer, ...] = ()
    badge: str | None = None  # attribution id whose marker follows this segment
    shown_as: str | None = None  # what the page shows instead of ``text`` (embedded markup)

    @property
    def top_role(self) -> str | None:
        """The role that colours the segment's background: cue over source over content."""
        roles = {layer.role for layer in self.layers}
        return next((r for r in ("cue", "source", "content") if r in roles), None)


def _parts(a: Attribution) -> Iterable[tuple[str, int, int]]:
    for role, span in (("content", a.content), ("source", a.source), ("cue", a.cue)):
        if span is None:
            continue
        for s, e in span.spans:
            if e > s:
                yield role, s, e


def _extent(a: Attribution) -> tuple[int, int]:
    bounds = [(s, e) for _, s, e in _parts(a)]
    return min(s for s, _ in bounds), max(e for _, e in bounds)


def nesting_depth(attributions: Sequence[Attribution]) -> dict[str, int]:
    """How deep each attribution sits in the engine's ``nested_in`` tree (0 = top level)."""
    parent = {a.id: a.nested_in for a in attributions}
    depth: dict[str, int] = {}
    for aid, first in parent.items():
        d, seen, cur = 0, {aid}, first
        while cur is not None and cur in parent and cur not in seen:
            seen.add(cur)
            d += 1
            cur = parent[cur]
        depth[aid] = d
    return depth


def assign_tracks(attributions: Sequence[Attribution], text_length: int) -> dict[str, int]:
    """Give each attribution the lowest underline row not used by one overlapping it.

    Outer attributions come first (by nesting depth, then start, then longest),
    so a nested attribution always sits on a row below the one it is nested in.
    """
    usable = [a for a in attributions if any(True for _ in _parts(a))]
    depth = nesting_depth(usable)
    ordered = sorted(usable, key=lambda a: (depth[a.id], _extent(a)[0], -_extent(a)[1]))
    placed: list[tuple[int, int, int]] = []  # (start, end, track)
    tracks: dict[str, int] = {}
    for a in ordered:
        s, e = _extent(a)
        busy = {t for ps, pe, t in placed if ps < e and s < pe}
        track = next(t for t in range(len(placed) + 1) if t not in busy)
        tracks[a.id] = track
        placed.append((s, e, track))
    return tracks


def segments(text: str, attributions: Sequence[Attribution]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the layers covering it."""
    tracks = assign_tracks(attributions, len(text))
    pieces: list[tuple[int, int, Layer]] = []
    badge_at: dict[int, list[str]] = {}
    for a in attributions:
        if a.id not in tracks:
            continue
        for role, s, e in _parts(a):
            s, e = max(0, s), min(len(text), e)
            if e > s:
                pieces.append((s, e, Layer(a.id, role, min(tracks[a.id], MAX_TRACKS - 1))))
        cue_end = min(len(text), max(e for _, e in a.cue.spans)) if a.cue.spans else None
        if cue_end is not None:
            badge_at.setdefault(cue_end, []).append(a.id)
    markup = {m.start(): m for m in EMBED_MARKUP.finditer(text)}
    cuts = sorted({0, len(text)} | {p[0] for p in pieces} | {p[1] for p in pieces}
                  | set(markup) | {m.end() for m in markup.values()})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i, (ps, pe, _) in enumerate(pieces):
        starting.setdefault(ps, []).append(i)
        ending.setdefault(pe, []).append(i)
    active: set[int] = set()  # a sweep: long articles have thousands of spans
    out: list[Segment] = []
    for s, e in pairwise(cuts):
        active.difference_update(ending.get(s, ()))
        active.update(starting.get(s, ()))
        layers = tuple(sorted(
            (pieces[i][2] for i in active),
            key=lambda layer: (layer.track, ROLES.index(layer.role)),
        ))
        m = markup.get(s)
        out.append(Segment(text[s:e], s, layers, shown_as=_markup_label(m) if m and m.end() == e else None))
        for aid in badge_at.pop(e, []):
            out.append(Segment("", e, (), badge=aid))
    return out


def _markup_label(m: re.Match[str]) -> str:
    if m.group(0).startswith("</"):
        return " "
    author = _AUTHOR.search(m.group(1) or "")
    return f"[tweet by @{author.group(1)}] " if author and author.group(1) else "[tweet] "


def number(aid: str) -> str:
    """The short label of an attribution id: ``a7`` -> ``7``."""
    return aid[1:] if aid[:1] == "a" and aid[1:].isdigit() else aid


def speaker_label(a: Attribution) -> str:
    """Who is speaking, as a reader should see it: the resolved name, else the source's words."""
    if a.speaker is not None and a.speaker.name:
        return a.speaker.name
    if a.source is not None and a.source.text:
        return a.source.text
    return "unknown source"


def is_anonymous(a: Attribution) -> bool:
    return a.source_kind in ANONYMOUS_KINDS


def source_class(kind: str | None) -> str:
    """"unnamed" for anonymous sources, "vague" for sources naming no one, else "named"."""
    if kind in ANONYMOUS_KINDS:
        return "unnamed"
    if kind in (None, "unspecified", "none"):
        return "vague"
    return "named"


def source_class_of(kinds: Iterable[str | None]) -> str:
    """One speaker's class over all its attributions: unnamed wins, then vague."""
    classes = {source_class(k) for k in kinds}
    return next((c for c in ("unnamed", "vague") if c in classes), "named")


def source_classes(attributions: Iterable[Attribution]) -> dict[str, str]:
    return {a.id: source_class(a.source_kind) for a in attributions}


def entity_name(a: Attribution) -> str | None:
    """The name an entity page could have: a resolved speaker who is not an unnamed source."""
    # Unnamed sources get no entity page: "one source" in two articles is not one person.
    if a.speaker is not None and a.speaker.name and not is_anonymous(a):
        return a.speaker.name
    return None


def anonymous_reason(report: ArticleReport, a: Attribution) -> str | None:
    """Why an attribution rests on unnamed sources (``rests_on_anonymous``), in words; None if it does not."""
    if not a.rests_on_anonymous:
        return None
    if is_anonymous(a):
        return "its source is unnamed"
    cited = next((c.text for c in a.citing if c.source_kind in ANONYMOUS_KINDS), None)
    if cited:
        return f"it cites {cited}"
    for parent in enclosing(report, a):
        if is_anonymous(parent):
            return f"it reaches us through {speaker_label(parent)} (attribution {number(parent.id)})"
    return "it reaches us through an unnamed source"


def cue_label(a: Attribution, text: str | None = None) -> str:
    """The cue as a reader should see it.

    A cue of several pieces is shown as the words between them when they are
    few ("is once again questioning", not "is … again questioning"), and a
    leading clitic ("'s claiming") loses its apostrophe half: "claiming".
    """
    spans = [(s, e) for s, e in a.cue.spans if e > s]
    shown = a.cue.text.replace("...", "\u2026")
    others = [span for part in (a.source, a.content) if part is not None for span in part.spans]
    gaps = [(e, s) for (_, e), (s, _) in pairwise(spans)]
    if (text is not None and len(spans) > 1 and spans[-1][1] - spans[0][0] <= MAX_CUE_WINDOW
            and not any(gs < oe and os_ < ge for gs, ge in gaps for os_, oe in others)):
        # The words between the pieces ("once") belong to the phrase; a source between them does not.
        shown = " ".join(text[spans[0][0]:spans[-1][1]].split())
    head, _, rest = shown.partition(" ")
    if rest and head.lower() in _CLITICS:
        shown = rest
    return shown


#: The longest cue shown with the words between its pieces, in characters.
MAX_CUE_WINDOW = 40

#: Contracted auxiliaries that can open a cue ("he's claiming", "they're saying").
_CLITICS = frozenset({"'s", "\u2019s", "'re", "\u2019re", "'ve", "\u2019ve", "'d", "\u2019d", "'ll", "\u2019ll",
                      "'m", "\u2019m"})


def card(report: ArticleReport, a: Attribution, text: str | None = None) -> dict[str, Any]:
    """One attribution as its card shows it."""
    links, from_engine = chain(report, a)
    return {
        "id": a.id, "n": number(a.id),
        "speaker": speaker_label(a),
        "speaker_entity": entity_name(a),
        "co_speakers": [c.name for c in a.co_speakers] if not is_anonymous(a) else [],
        "source": a.source.text if a.source is not None else None,
        "source_class": source_class(a.source_kind),
        "addressee": a.addressee.name if a.addressee is not None else None,
        "cue": cue_label(a, text), "content": a.content.text,
        "kind": a.kind, "kind_label": KIND_LABELS.get(a.kind, a.kind),
        "source_kind": a.source_kind,
        "source_kind_label": SOURCE_KIND_LABELS.get(a.source_kind, a.source_kind),
        "anonymous": is_anonymous(a), "anonymous_count": a.anonymous_count,
        "rests_on_anonymous": a.rests_on_anonymous, "anonymous_reason": anonymous_reason(report, a),
        "anonymous_descriptor": a.anonymous_descriptor, "hedges": a.hedges,
        "on_record": a.on_record, "nested_in": a.nested_in,
        "citing": a.citing, "chain": links, "chain_from_engine": from_engine,
        "confidence": a.confidence,
        **provenance_facts(report, a),
    }


def basis_of(a: Attribution) -> str:
    """The attribution's basis, "unknown" for a report made before provenance."""
    return a.provenance.basis if a.provenance is not None else "unknown"


def provenance_facts(report: ArticleReport, a: Attribution) -> dict[str, Any]:
    """What a card says of a statement's provenance: basis, route, rule, the words and the event."""
    p = a.provenance
    basis = basis_of(a)
    route = [{"name": step.name, "role": step.role, "unnamed": step.source_kind in ANONYMOUS_KINDS}
             for step in (p.route if p is not None else ())]
    setting = report_event(report, a.setting)
    return {
        "basis": basis, "basis_label": BASIS_LABELS.get(basis, basis),
        "route": route, "route_text": ROUTE_ARROW.join(step["name"] for step in route),
        "provenance_rule": p.rule if p is not None else None,
        "provenance_inferred": bool(p and p.inferred),
        "provenance_evidence": [e.text for e in p.evidence] if p is not None else [],
        "setting": a.setting, "setting_label": event_label(setting) if setting else None,
    }


def report_event(report: ArticleReport, event_id: str | None) -> Any:
    return next((e for e in report.events if e.id == event_id), None) if event_id else None


def event_label(e: Any) -> str:
    """One event in a line: "phone call, Wednesday 2025-02-12, private"."""
    when = " ".join(dict.fromkeys(w for w in (e.when, e.date) if w))
    access = e.access if e.access not in (None, "unknown") else None
    return ", ".join(b for b in (e.what, when, e.where, access and access.replace("_", " ")) if b)


def event_rows(report: ArticleReport, shown: Iterable[str]) -> list[dict[str, Any]]:
    """The article's events as the timeline lists them: dated ones first, by date, then in order of
    mention; each with its statements (``shown``: the ids whose cards are on this page)."""
    shown = set(shown)
    said_in: dict[str, list[str]] = {}
    for a in report.attributions:
        if a.setting:
            said_in.setdefault(a.setting, []).append(a.id)
    rows = []
    for order, e in enumerate(report.events):
        ids = said_in.get(e.id, [])
        rows.append({
            "id": e.id, "label": event_label(e), "what": e.what, "date": e.date, "access": e.access,
            "mode": e.mode, "plover": e.plover, "participants": [p.name for p in e.participants],
            "statements": [{"id": aid, "n": number(aid), "shown": aid in shown} for aid in ids],
            "order": (e.date is None, e.date or "", order),
        })
    return sorted(rows, key=lambda r: r["order"])


def file_name(source: str | None) -> str | None:
    """The file an article was read from, without its folders ("web" and JSON Lines lines kept)."""
    if not source or source == "web":
        return None
    return PurePath(source).name or source


def article_label(row: dict[str, Any] | None) -> str:
    """How a link to a stored article reads: its title, else its file name, else its date and id."""
    row = row or {}
    if row.get("title"):
        return str(row["title"])
    name = file_name(row.get("source"))
    if name:
        return name
    when = row.get("published")
    art = row.get("article_id") or row.get("id") or ""
    return f"untitled article of {when}" if when else f"untitled article {art}".strip()


def enclosing(report: ArticleReport, a: Attribution) -> Iterator[Attribution]:
    """The attributions ``a`` is nested in, innermost first (a loop in ``nested_in`` ends the walk)."""
    cur, seen = a.nested_in, {a.id}
    while cur is not None and cur not in seen:
        seen.add(cur)
        parent = report.attribution(cur)
        if parent is None:
            return
        yield parent
        cur = parent.nested_in


def chain(report: ArticleReport, a: Attribution) -> tuple[tuple[str, ...], bool]:
    """The sourcing chain, publisher first, and whether the engine gave it.

    The engine's ``chain`` is used as is.  When it is empty the view builds the
    plainest honest chain it can from what the report does say: the
    publisher (if known), the speakers of the attributions this one is nested
    in, and this speaker.
    """
    if a.chain:
        return tuple(a.chain), True
    links = [speaker_label(parent) for parent in enclosing(report, a)][::-1]
    if report.publisher:
        links.insert(0, report.publisher)
    links.append(speaker_label(a))
    return tuple(links), False


def track_count(segs: Iterable[Segment]) -> int:
    return max((layer.track + 1 for s in segs for layer in s.layers), default=0)


def content_marks(attributions: Iterable[Attribution]) -> dict[str, str]:
    """The classes of each attribution's content in the text: its basis, and whether it rests on
    unnamed sources (what the "show the N" toggle lights up)."""
    return {a.id: f"b-{basis_of(a)}" + (" rests-anon" if a.rests_on_anonymous else "") for a in attributions}


def render_text(segs: Sequence[Segment], labels: dict[str, str],
                classes: dict[str, str] | None = None, marks: dict[str, str] | None = None) -> str:
    """The article text as HTML: every segment escaped, wrapped in one span per layer.

    Built here rather than in a template so that no stray white space enters a
    ``white-space: pre-wrap`` block.  ``labels`` maps attribution ids to the
    words a screen reader and a tooltip give for its marker; ``classes`` maps them to
    their source class (``source_class``), which shades unnamed sources apart; ``marks``
    to the classes of their content (``content_marks``).
    """
    from markupsafe import escape

    out: list[str] = []
    for seg in segs:
        if seg.badge is not None:
            aid = seg.badge
            out.append(f'<a class="badge" href="#card-{escape(aid)}" data-a="{escape(aid)}" '
                       f'title="{escape(labels.get(aid, aid))}" '
                       f'aria-label="{escape(labels.get(aid, aid))}">{escape(number(aid))}</a>')
            continue
        shown = seg.text if seg.shown_as is None else seg.shown_as
        if not seg.layers:
            out.append(str(escape(shown)) if seg.shown_as is None else
                       f'<span class="embed">{escape(shown)}</span>')
            continue
        opened = 0
        for layer in seg.layers:
            shade = (f" src-{(classes or {}).get(layer.aid, 'named')}" if layer.role == "source" else
                     f" {(marks or {})[layer.aid]}" if layer.role == "content" and layer.aid in (marks or {})
                     else "")
            out.append(f'<span class="L r-{layer.role}{shade} t{layer.track}" data-a="{escape(layer.aid)}">')
            opened += 1
        top = seg.top_role
        if top == "source":
            owner = next(layer.aid for layer in seg.layers if layer.role == "source")
            cls = (classes or {}).get(owner, "named")
            out.append(f'<span class="hl hl-source src-{cls}">{escape(shown)}</span>')
        elif top == "cue":
            out.append(f'<span class="hl hl-cue">{escape(shown)}</span>')
        else:
            out.append(str(escape(shown)))
        out.append("</span>" * opened)
    return "".join(out)


def rst_to_html(doc: str) -> Any:
    """A docstring's ````literal```` marks as <code>, everything else escaped (for /docs)."""
    from markupsafe import Markup, escape

    parts = re.split(r"``(.+?)``", doc or "")
    return Markup("".join(f"<code>{escape(p)}</code>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))
