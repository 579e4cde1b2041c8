"""The story and relay charts, drawn on the server as SVG like ``sayso.web.charts``.

- ``timeline``: one row per outlet, time left to right, a marker per
  statement shaped and coloured by its stance (asserts, confirms, denies), the
  first carrier marked "first" (every one of them when several tie).
- ``relay_network``: the citing publishers left, the outlets they relay
  right, an arrow per relay as thick as the statements relayed.

Stances are told apart by shape and by the legend's words as well as by
colour (Okabe-Ito).  Every marker and arrow has a <title> with its numbers,
and the pages print the same facts as text beside the chart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup, escape

from sayso.web.charts import LABEL_CHARS, SERIES_COLOURS, WIDTH

#: Stance -> (shape, colour, legend word).  Other stances draw as "other".
STANCE_STYLE = {
    "asserts": ("circle", SERIES_COLOURS[0], "asserts"),
    "confirms": ("triangle", SERIES_COLOURS[3], "confirms on the record"),
    "denies": ("cross", SERIES_COLOURS[1], "denies or disputes"),
}
OTHER_STYLE = ("diamond", SERIES_COLOURS[4], "other")
ROW_H = 30
LABEL_W = 170
UNDATED = "undated"


def _short(label: str, n: int = LABEL_CHARS - 2) -> str:
    return label if len(label) <= n else label[:n - 1] + "…"


def _instant(published: str | None) -> datetime | None:
    """When a statement was published: its timestamp, or midday UTC of its date; None when undated."""
    if not published:
        return None
    try:
        t = datetime.fromisoformat(published if len(published) > 10 else published[:10] + "T12:00:00")
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC)


def _marker(shape: str, x: float, y: float, colour: str, title: str) -> str:
    t = f"<title>{escape(title)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}">{t}</circle>'
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - 8:.1f} {x + 8:.1f},{y + 6:.1f} {x - 8:.1f},{y + 6:.1f}" '
                f'fill="{colour}">{t}</polygon>')
    if shape == "cross":
        return (f'<path d="M{x - 6:.1f} {y - 6:.1f}L{x + 6:.1f} {y + 6:.1f}M{x + 6:.1f} {y - 6:.1f}'
                f'L{x - 6:.1f} {y + 6:.1f}" stroke="{colour}" stroke-width="4" fill="none">{t}</path>')
    return (f'<polygon points="{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}" '
            f'fill="{colour}">{t}</polygon>')


def _tick(t: datetime, same_day: bool) -> str:
    return t.strftime("%H:%M") if same_day else t.strftime("%Y-%m-%d")


def timeline(title: str, statements: Sequence[dict[str, Any]], first_carriers: Sequence[str] = ()) -> Markup:
    """The story's timeline: ``statements`` are the story's timeline entries (publisher, published,
    stance, content), ``first_carriers`` the outlets that carried it first (several: a tie)."""
    if not statements:
        return Markup("")
    outlets: list[str] = []
    for s in statements:
        name = s.get("publisher") or "(unknown)"
        if name not in outlets:
            outlets.append(name)
    times = [t for t in (_instant(s.get("published")) for s in statements) if t is not None]
    lo, hi = (min(times), max(times)) if times else (None, None)
    has_undated = any(_instant(s.get("published")) is None for s in statements)
    legend_h, axis_h = 30, 28
    plot_left, plot_right = LABEL_W + 22, WIDTH - (60 if has_undated else 24)
    height = legend_h + len(outlets) * ROW_H + axis_h
    out = [(f'<svg class="chart story-timeline" role="img" viewBox="0 0 {WIDTH} {height}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')]
    x = 0
    for shape, colour, word in (*STANCE_STYLE.values(),):
        out.append(_marker(shape, x + 8, 12, colour, word))
        out.append(f'<text x="{x + 20}" y="17" class="legend">{escape(word.split(" ")[0])}</text>')
        x += 36 + 9 * len(word.split(" ")[0])

    def x_of(t: datetime | None) -> float:
        if t is None:
            return WIDTH - 30.0
        if lo is None or hi is None or hi == lo:
            return (plot_left + plot_right) / 2
        return plot_left + (plot_right - plot_left) * (t - lo).total_seconds() / (hi - lo).total_seconds()

    groups: dict[tuple[str, float, str], list[dict[str, Any]]] = defaultdict(list)
    for s in statements:
        stance = s.get("stance") or "asserts"
        groups[(s.get("publisher") or "(unknown)", round(x_of(_instant(s.get("published"))), 1), stance)].append(s)
    tie = len(first_carriers) > 1
    for r, name in enumerate(outlets):
        y = legend_h + r * ROW_H + ROW_H / 2
        out.append(f'<line x1="{plot_left}" y1="{y}" x2="{WIDTH - 8}" y2="{y}" class="grid"/>')
        first = name in first_carriers
        label = _short(name, LABEL_CHARS - (4 if first else 0))
        out.append(f'<text x="{LABEL_W}" y="{y + 5}" text-anchor="end">{escape(label)}'
                   f'{" ★" if first else ""}<title>{escape(name)}'
                   f'{" (first carrier, a tie)" if first and tie else " (first carrier)" if first else ""}'
                   f'</title></text>')
    offsets = {"asserts": -7.0, "confirms": 0.0, "denies": 7.0}
    for (name, gx, stance), items in sorted(groups.items(), key=lambda kv: (outlets.index(kv[0][0]), kv[0][1])):
        shape, colour, word = STANCE_STYLE.get(stance, OTHER_STYLE)
        y = legend_h + outlets.index(name) * ROW_H + ROW_H / 2
        mx = gx + offsets.get(stance, 0.0)
        when = items[0].get("published") or UNDATED
        tip = f"{name}, {when}: {len(items)} statement{'s' if len(items) != 1 else ''} that {word}"
        if items[0].get("content"):
            tip += f" (“{_short(str(items[0]['content']), 80)}”)"
        out.append(_marker(shape, mx, y, colour, tip))
        if len(items) > 1:
            out.append(f'<text x="{mx + 9:.1f}" y="{y - 6:.1f}" class="count">{len(items)}</text>')
    axis_y = legend_h + len(outlets) * ROW_H + 4
    out.append(f'<line x1="{plot_left}" y1="{axis_y}" x2="{plot_right}" y2="{axis_y}" class="axis"/>')
    if lo is not None and hi is not None:
        same_day = lo.date() == hi.date() and lo != hi
        ticks = [lo] if hi == lo else [lo, hi]
        if (hi - lo).days >= 2:  # room for three dates across the plot, no more
            ticks.insert(1, lo + (hi - lo) / 2)
        for t in ticks:
            anchor = "middle" if t not in (lo, hi) or hi == lo else ("start" if t == lo else "end")
            out.append(f'<text x="{x_of(t):.1f}" y="{axis_y + 18}" text-anchor="{anchor}">'
                       f'{escape(_tick(t, same_day))}</text>')
    if has_undated:
        out.append(f'<text x="{WIDTH - 30}" y="{axis_y + 18}" text-anchor="middle">{UNDATED}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def relay_network(title: str, edges: Sequence[dict[str, Any]], *, max_nodes: int = 14) -> Markup:
    """Who cites whom as two columns: the citing publishers left, the outlets they relay right, an
    arrow per edge as thick as its ``count``.  An outlet that does both sits in both columns.
    The ``max_nodes`` busiest of each column are drawn; the table beside lists every edge."""
    if not edges:
        return Markup("")
    out_w: dict[str, int] = defaultdict(int)
    in_w: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for e in edges:
        out_w[e["source_key"]] += e["count"]
        in_w[e["target_key"]] += e["count"]
        names[e["source_key"]], names[e["target_key"]] = e["source"], e["target"]
    left = sorted(out_w, key=lambda k: (-out_w[k], k))[:max_nodes]
    right = sorted(in_w, key=lambda k: (-in_w[k], k))[:max_nodes]
    width, top, row = 560, 40, 28
    height = top + max(len(left), len(right)) * row + 8
    lx, rx = 180.0, 380.0

    def y_of(i: int, n: int) -> float:
        # Each column centred on the taller one.
        return top + (max(len(left), len(right)) - n) * row / 2 + i * row + row / 2

    ly = {k: y_of(i, len(left)) for i, k in enumerate(left)}
    ry = {k: y_of(i, len(right)) for i, k in enumerate(right)}
    heaviest = max(e["count"] for e in edges) or 1
    grey = SERIES_COLOURS[2]
    out = [(f'<svg class="chart relay-network" role="img" viewBox="0 0 {width} {height}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
           '<defs><marker id="relay-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="4" '
           f'markerHeight="4" orient="auto"><path d="M0 0L10 5L0 10z" fill="{grey}"/></marker></defs>'
           f'<text x="{lx}" y="18" text-anchor="end" class="legend">publisher</text>'
           f'<text x="{rx}" y="18" class="legend">relays</text>')]
    for e in sorted(edges, key=lambda e: e["count"]):
        if e["source_key"] not in ly or e["target_key"] not in ry:
            continue
        w = 1.5 + 5 * e["count"] / heaviest
        out.append(f'<line x1="{lx + 8}" y1="{ly[e["source_key"]]:.1f}" x2="{rx - 10}" y2="{ry[e["target_key"]]:.1f}" '
                   f'stroke="{grey}" stroke-width="{w:.1f}" marker-end="url(#relay-arrow)"><title>'
                   f'{escape(e["source"])} relays {escape(e["target"])}: {e["count"]} statements in '
                   f'{e["articles"]} articles</title></line>')
    for keys, ys, x, anchor, dx, weight in ((left, ly, lx, "end", -12, out_w), (right, ry, rx, "start", 12, in_w)):
        for k in keys:
            out.append(f'<circle cx="{x}" cy="{ys[k]:.1f}" r="6" fill="{SERIES_COLOURS[0]}"><title>{escape(names[k])}: '
                       f'{weight[k]} statements</title></circle><text x="{x + dx}" y="{ys[k] + 5:.1f}" '
                       f'text-anchor="{anchor}">{escape(_short(names[k], 19))}</text>')
    out.append("</svg>")
    return Markup("".join(out))
