"""Small charts drawn on the server as SVG: no JavaScript, no CDN, works offline.

Every chart has a <title> for screen readers, and the pages print the same
numbers as a table beside it.  Colours come from the Okabe-Ito palette,
which stays distinguishable under the common colour-vision deficiencies;
series are also told apart by position and by the legend's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

#: Okabe & Ito (2008), "Color Universal Design": blue, vermillion, grey.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#7f7f7f", "#009E73", "#CC79A7")

# Drawn in a 480-unit-wide box at 15 units a letter, so the text stays legible
# when a phone shrinks the chart to ~350 pixels.
WIDTH = 480
#: Room for an outlet's name left of its bar: "The Washington Post" is 19 letters.
LABEL_W = 190
#: Letters that fit in LABEL_W at the chart's font (about 8.5 units a letter, and a margin).
LABEL_CHARS = 21
BAR_H = 22
GAP = 8


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def stacked_bars(title: str, series: Sequence[str],
                 rows: Sequence[tuple[str, Sequence[float]]]) -> Markup:
    """Horizontal stacked bars, one row per label, one segment per series."""
    if not rows:
        return Markup("")
    total_max = max((sum(vals) for _, vals in rows), default=0) or 1
    plot_w = WIDTH - LABEL_W - 50
    legend_h = 30
    height = legend_h + len(rows) * (BAR_H + GAP) + 4
    out = [(f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')]
    x = 0
    for i, name in enumerate(series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        out.append(f'<rect x="{x}" y="5" width="14" height="14" fill="{colour}"/>'
                   f'<text x="{x + 18}" y="18" class="legend">{escape(name)}</text>')
        x += 30 + 9 * len(name)
    for r, (label, vals) in enumerate(rows):
        y = legend_h + r * (BAR_H + GAP)
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
        out.append(f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 5}" text-anchor="end">{escape(short)}'
                   f'<title>{escape(label)}</title></text>')
        bx = float(LABEL_W)
        for i, v in enumerate(vals):
            w = plot_w * v / total_max
            if w > 0:
                colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
                out.append(f'<rect x="{bx:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colour}">'
                           f'<title>{escape(label)}: {escape(series[i])} {_num(v)}</title></rect>')
                bx += w
        out.append(f'<text x="{bx + 4:.1f}" y="{y + BAR_H - 5}">{_num(sum(vals))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def columns(title: str, points: Sequence[tuple[str, float]], *, percent: bool = False) -> Markup:
    """Vertical columns over time (or any ordered labels); ``percent`` scales to 0-100%."""
    if not points:
        return Markup("")
    height, top, bottom, left = 220, 18, 36, 46
    plot_h = height - top - bottom
    plot_w = WIDTH - left - 8
    vmax = 1.0 if percent else (max(v for _, v in points) or 1)
    step = plot_w / len(points)
    bar_w = max(2.0, min(40.0, step * 0.7))
    out = [(f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'),
           f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 8}" y2="{top + plot_h}" class="axis"/>',
           f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{"100%" if percent else _num(vmax)}</text>',
           f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>']
    label_every = max(1, len(points) // 5)
    for i, (label, v) in enumerate(points):
        h = plot_h * (v / vmax if vmax else 0)
        x = left + i * step + (step - bar_w) / 2
        shown = f"{v * 100:.0f}%" if percent else _num(v)
        out.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                   f'fill="{SERIES_COLOURS[0]}"><title>{escape(label)}: {shown}</title></rect>')
        if i % label_every == 0:
            out.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                       f'text-anchor="middle">{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
