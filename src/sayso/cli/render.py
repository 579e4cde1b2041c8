"""Turning an ArticleReport into what the commands print.

``report_renderable`` builds the readable terminal report (rich); it reads
every optional field defensively, since a report may carry no speakers,
entities or chains.  ``polnear_prediction`` gives the prediction line of the
PolNeAR scorer (docs/metrics.md in the shared folder, ``sayso eval``).
Article text always goes through ``rich.text.Text``, never markup, so a
bracket in an article is printed as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from sayso.kinds import RULE_NESTED_CONFIDENCE, CueType
from sayso.nlp.quotes import TWO_APOSTROPHES
from sayso.records import ANONYMOUS_KINDS, ArticleReport, Attribution, Event, NonResponse, TextSpan

#: Opening quotation mark -> the marks that close it.  Straight quotes close themselves.
_QUOTE_PAIRS = {
    "“": "”", "„": "“”", "‘": "’", "«": "»", "»": "«", "‹": "›", "「": "」", "『": "』",
    '"': '"',
}
_QUOTE_STYLE = "bold yellow"
_ARROW = " → "
_BACK = " ← "


def polnear_prediction(report: ArticleReport, article_id: str) -> dict[str, Any]:
    """One line of the PolNeAR prediction format: role -> list of [start, end] fragments.

    PolNeAR's contents never overlap (18 of its 19,832 train attributions
    share a word with another; none on dev): it marks the outermost of
    nested attributions only, and one attribution where two cues report the
    same words ("unleashed a tirade, saying that ...").  So of the
    attributions whose contents overlap, this keeps the most confident; the
    report itself keeps them all, since nested ones make the chains.
    """

    def frags(span: TextSpan | None) -> list[list[int]]:
        return [[s, e] for s, e in span.spans] if span is not None else []

    return {
        "id": article_id,
        "attributions": [
            {"source": frags(a.source), "cue": frags(a.cue), "content": frags(a.content)}
            for a in polnear_attributions(report)
        ],
    }


def polnear_attributions(report: ArticleReport) -> list[Attribution]:
    """The report's finds as PolNeAR would mark them, its polnear_only ones too: no two contents overlap.

    The more confident of two overlapping ones stays (the earlier on a tie). One nested in an
    attribution whose content does not hold its cue, in a later paragraph of a quotation the outer
    one holds the start of (sayso.attribution.extract.holds), is left out like any other nested
    one; a clause that "according to" hangs from is not nested that way and stays.
    """
    # PolNeAR counts what the reader's view moved out (report.polnear_only) as well, in the order
    # the analysis found them (a1, a2, ...: the ids are one numbering over both lists).
    finds = sorted((*report.attributions, *(m.attribution for m in report.polnear_only)),
                   key=lambda a: int(a.id[1:]))
    by_id = {a.id: a for a in finds}

    def held_apart(a: Attribution) -> bool:
        outer = by_id.get(a.nested_in) if a.nested_in else None
        return outer is not None and outer.cue_type != CueType.ACCORDING_TO and not _overlap(a.cue, outer.content)

    # PolNeAR marks only the outermost attribution, and a cue once: what the rules nested_cue,
    # reportedly.nested and quote_continued find (at RULE_NESTED_CONFIDENCE) is left out.
    atts = [a for a in finds if not held_apart(a) and a.confidence != RULE_NESTED_CONFIDENCE]
    kept: list[int] = []
    for i in sorted(range(len(atts)), key=lambda i: -atts[i].confidence):
        if not any(atts[i].in_title == atts[k].in_title and _overlap(atts[i].content, atts[k].content)
                   for k in kept):
            kept.append(i)
    return [atts[i] for i in sorted(kept)]


def _overlap(x: TextSpan, y: TextSpan) -> bool:
    return any(s < f and r < e for s, e in x.spans for r, f in y.spans)


def quoted_text(text: str, style: str = "") -> Text:
    """``text`` with every passage inside quotation marks highlighted (marks included).

    A quote left open (a multi-paragraph quote, or content cut mid-quote) stays
    highlighted to the end; a closing mark with no opening one is left plain.
    Curly apostrophes inside words (``Russia’s``) are not quotation marks; two
    apostrophes (``''``, archive text) are one, as in ``sayso.nlp.quotes``.
    """
    out = Text(style=style)
    closers: str | None = None
    start = i = 0
    while i < len(text):
        ch = text[i]
        mark = TWO_APOSTROPHES if text.startswith(TWO_APOSTROPHES, i) else ch
        if closers is None:
            if mark == TWO_APOSTROPHES or ch in _QUOTE_PAIRS and not (ch == "‘" and _inside_word(text, i)):
                out.append(text[start:i])
                start, closers = i, mark if mark == TWO_APOSTROPHES else _QUOTE_PAIRS[ch]
        elif mark == closers or closers != TWO_APOSTROPHES and ch in closers and not (
                ch == "’" and _inside_word(text, i)):
            out.append(text[start:i + len(mark)], style=_QUOTE_STYLE)
            start, closers = i + len(mark), None
        i += len(mark)
    out.append(text[start:], style=_QUOTE_STYLE if closers is not None else "")
    return out



def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _counts(items: Iterable[Any]) -> str:
    return ", ".join(f"{c.key} {c.count}" for c in items)


def summary_renderable(report: ArticleReport) -> RenderableType:
    """The sourcing summary: how much of the article rests on whom."""
    s = report.sourcing_summary
    n = s.attributions or len(report.attributions)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    publisher = Text(report.publisher or "unknown")
    if report.publisher_evidence:
        publisher.append(f"  (from “{report.publisher_evidence}”)", style="dim")
    grid.add_row("publisher", publisher)
    if report.title:
        grid.add_row("title", Text(report.title))
    if report.published:
        grid.add_row("published", Text(report.published))
    grid.add_row("attributions", str(n))
    if s.by_source_kind:
        grid.add_row("by source kind", Text(_counts(s.by_source_kind)))
    if s.rests_on:
        grid.add_row("rests on", Text(s.rests_on))
    share = f"{s.anonymous} of {n} ({s.anonymous_share:.0%})" if n else "0"
    grid.add_row("on unnamed sources", share)
    if s.by_basis:
        grid.add_row("by basis", Text(_counts(s.by_basis)))
    if s.on_record:
        grid.add_row("on the record", str(s.on_record))
    grid.add_row("outlets relayed", Text(", ".join(s.outlets_relayed) or "none"))
    grid.add_row("hedged", str(s.hedged))
    grid.add_row("non-responses", str(s.non_responses or len(report.non_responses)))
    if s.speakers:
        grid.add_row("speakers", Text(_counts(s.speakers)))
    return grid


def _who(a: Attribution) -> str:
    if a.speaker is not None:
        return joined_names([a.speaker.name, *(c.name for c in a.co_speakers)])
    if a.source is not None:
        return a.source.text
    return "(no source given)"


def joined_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _event_label(e: Event) -> str:
    when = f"{e.when} = {e.date}" if e.when and e.date and e.date != e.when else e.when or e.date
    bits = [b for b in (when, e.where, e.access) if b]
    return f"{e.id} {e.what}" + (f" ({', '.join(bits)})" if bits else "")


def event_renderable(e: Event) -> RenderableType:
    """One event: what, who took part, when and where, who could witness it, what was said in it."""
    t = Text(f"{e.id}  ", style="dim")
    t.append(e.what, style="bold")
    facts = [f for f in (e.plover, e.mode, e.access) if f]
    t.append(f"  {' · '.join(facts)}", style="magenta" if e.access == "private" else "green")
    if e.participants:
        t.append("  with ", style="dim")
        t.append(joined_names([p.name for p in e.participants]))
    if e.when or e.date:
        t.append("  when ", style="dim")
        t.append(e.when or "")
        if e.date and e.date != e.when:
            t.append(f" = {e.date}")
    if e.where:
        t.append("  where ", style="dim")
        t.append(e.where)
    if e.statements:
        t.append(f"  {e.statements} statement{'s' if e.statements != 1 else ''} made in it", style="dim")
    return Padding(t, (0, 0, 0, 2), expand=False)


def attribution_renderable(a: Attribution, events: dict[str, Event] | None = None) -> RenderableType:
    """One attribution: who to whom, how it is sourced, and what was said."""
    head = Text()
    head.append(f"{a.id}  ", style="dim")
    head.append(_who(a), style="bold cyan")
    if a.addressee is not None:
        head.append(_ARROW)
        head.append(a.addressee.name, style="cyan")
    facts = [a.kind]
    kind = a.source_kind
    if a.anonymous_count:
        kind += f" ×{a.anonymous_count}"
    if a.source_kind != "none" or a.source is None:
        facts.append(kind)
    if a.on_record is not None:
        facts.append("on the record" if a.on_record else "not on the record")
    if a.nested_in:
        facts.append(f"inside {a.nested_in}")
    # The facts start the indented body, not the head line: a long anonymous
    # descriptor as speaker would wrap them back to the left margin.
    detail = Text()
    detail.append(" · ".join(facts), style="magenta" if a.source_kind in ANONYMOUS_KINDS else "green")
    detail.append("   ")
    if a.source is not None and a.speaker is not None and a.source.text != a.speaker.name:
        detail.append("source ", style="dim")
        detail.append(f"“{a.source.text}”  ")
    detail.append("cue ", style="dim")
    detail.append(a.cue.text or "(none)")
    if a.hedges:
        detail.append("  hedges ", style="dim")
        detail.append(", ".join(a.hedges), style="yellow")
    if a.anonymous_descriptor:
        detail.append("  described as ", style="dim")
        detail.append(a.anonymous_descriptor)
    body: list[RenderableType] = [detail]
    for c in a.citing:
        cite = Text("cites ", style="dim")
        cite.append(c.text, style="")
        extra = c.source_kind + (f" ×{c.anonymous_count}" if c.anonymous_count else "")
        cite.append(f"  ({extra})", style="dim")
        body.append(cite)
    if a.provenance is not None and a.provenance.route:
        p = a.provenance
        route = Text("route ", style="dim")
        route.append(_BACK.join(p.names), style="")
        route.append(f"  ({p.basis}{', inferred' if p.inferred else ''}; rule {p.rule})",
                     style="magenta" if p.rests_on_anonymous else "dim")
        body.append(route)
    elif a.chain:
        chain = Text("chain ", style="dim")
        chain.append(_BACK.join(a.chain), style="")
        body.append(chain)
    if a.setting and events and a.setting in events:
        setting = Text("said in ", style="dim")
        setting.append(_event_label(events[a.setting]))
        body.append(setting)
    body.append(quoted_text(a.content.text))
    return Group(head, Padding(Group(*body), (0, 0, 0, 4), expand=False))


def non_response_renderable(nr: NonResponse) -> RenderableType:
    t = Text(nr.text.strip())
    who = [f"who: {nr.who}"] if nr.who else []
    who += [f"to: {nr.to}"] if nr.to else []
    if who:
        t.append("  (" + "; ".join(who) + ")", style="dim")
    return Padding(t, (0, 0, 0, 2), expand=False)


def report_renderable(report: ArticleReport, name: str | None = None) -> RenderableType:
    """The whole readable report: summary first, then each attribution and non-response."""
    parts: list[RenderableType] = []
    if name is not None:
        parts.append(Rule(Text(name, style="bold")))
    parts.append(Text("Sourcing summary", style="bold underline"))
    parts.append(summary_renderable(report))
    parts.append(Text(""))
    if report.attributions:
        parts.append(Text(f"Attributions ({len(report.attributions)})", style="bold underline"))
        events = {e.id: e for e in report.events}
        for a in report.attributions:
            parts.append(attribution_renderable(a, events))
            parts.append(Text(""))
    else:
        parts.append(Text("No attributions found.", style="dim"))
    if report.events:
        parts.append(Text(f"Events ({len(report.events)})", style="bold underline"))
        parts.extend(event_renderable(e) for e in report.events)
        parts.append(Text(""))
    if report.non_responses:
        parts.append(Text(f"Non-responses ({len(report.non_responses)})", style="bold underline"))
        parts.extend(non_response_renderable(nr) for nr in report.non_responses)
    if report.warnings:
        parts.append(Text("Warnings", style="bold underline"))
        parts.extend(Text(f"  {w}", style="yellow") for w in report.warnings)
    return Group(*parts)


__all__ = [
    "attribution_renderable",
    "event_renderable",
    "non_response_renderable",
    "polnear_attributions",
    "polnear_prediction",
    "quoted_text",
    "report_renderable",
    "summary_renderable",
]
