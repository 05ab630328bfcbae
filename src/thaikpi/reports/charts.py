"""Charts as SVG strings, from pure functions: the web pages inline them, the PDF reuses them.

Figures stay Decimal; only pixel positions are formatted. Labels are escaped. Colours are
SVG attributes (not style attributes) so a strict Content-Security-Policy allows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from itertools import pairwise

from thaikpi.engine.formatting import figure
from thaikpi.engine.numbers import Rounding, apply

LEVEL_COLOURS = {50: "#f3c969", 75: "#9fd39b", 100: "#4caf7a"}
BAR = "#3f6fb5"
LINE = "#c0392b"
TEXT = "#333"
GRID = "#ddd"
PIXEL = Rounding(1)  # pixel positions to a tenth, rounded like every other figure
# Sarabun is shipped with the pages and embedded in the PDF; the rest are Thai fallbacks.
FONT = 'font-family="Sarabun, \'Noto Sans Thai\', Tahoma, sans-serif" font-size="12"'

Levels = Sequence[tuple[Decimal, Decimal]]  # (score 50/75/100, level value)


def _px(value: Decimal) -> str:
    """A pixel coordinate with one decimal place."""
    return f"{apply(value, PIXEL)}"


def _num(value: Decimal) -> str:
    """A figure as people read it: thousands separators, whole or to 2 places."""
    return figure(value, 0 if value == value.to_integral() else 2)


class _Scale:
    """Maps figures between ``low`` and ``high`` onto pixels between ``bottom`` and ``top``."""

    def __init__(self, values: Sequence[Decimal], bottom: int, top: int) -> None:
        low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
        if high == low:
            high = low + 1
        pad = (high - low) / 10
        self.low, self.high = low - (pad if low < 0 else 0), high + pad
        self.bottom, self.top = Decimal(bottom), Decimal(top)

    def __call__(self, value: Decimal) -> Decimal:
        share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)


def _open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]


LABEL_GAP = Decimal(13)  # pixels between level labels, so close levels stay readable


def _label_positions(ys: Sequence[Decimal]) -> list[Decimal]:
    """Label heights near ``ys`` but at least LABEL_GAP apart, in the same order."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed: dict[int, Decimal] = {}
    previous: Decimal | None = None
    for i in order:
        here = ys[i] if previous is None else max(ys[i], previous + LABEL_GAP)
        placed[i] = previous = here
    if order:  # centre the spread block on the lines it labels
        shift = (sum(placed.values()) - sum(ys)) / len(ys)
        for i in placed:
            placed[i] -= shift
    return [placed[i] for i in range(len(ys))]


def _level_lines(levels: Levels, y: _Scale, left: int, right: int) -> list[str]:
    """Dashed lines at each level's value, labelled; labels of close levels are spread apart."""
    parts = []
    label_ys = _label_positions([y(value) for _, value in levels])
    for (score, value), label_y in zip(levels, label_ys, strict=True):
        colour = LEVEL_COLOURS.get(int(score), GRID)
        py = _px(y(value))
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{py}" y2="{py}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{right + 4}" y="{_px(label_y)}" {FONT} fill="{TEXT}" '
            f'dominant-baseline="middle">{int(score)}: {escape(_num(value))}</text>'
        )
    return parts


def _bands(levels: Levels, y: _Scale, left: int, right: int) -> list[str]:
    """Shaded bands between consecutive levels (50→75, 75→100)."""
    ordered = sorted(levels)
    parts = []
    for (s1, v1), (_s2, v2) in pairwise(ordered):
        top, bottom = sorted([y(v1), y(v2)])
        parts.append(
            f'<rect x="{left}" y="{_px(top)}" width="{right - left}" height="{_px(bottom - top)}" '
            f'fill="{LEVEL_COLOURS.get(int(s1), GRID)}" fill-opacity="0.25"/>'
        )
    return parts


def baseline_chart_svg(
    points: Sequence[tuple[str, Decimal | None]], levels: Levels, title: str = ""
) -> str:
    """Bars of a baseline series (one per year) with the round's level bands and lines."""
    width, height, left, right, top, bottom = 560, 240, 50, 470, 15, 205
    values = [v for _, v in points if v is not None] + [v for _, v in levels]
    y = _Scale(values, bottom, top)
    parts = _open(width, height, title)
    parts += _bands(levels, y, left, right)
    parts.append(
        f'<line x1="{left}" x2="{right}" y1="{_px(y(Decimal(0)))}" '
        f'y2="{_px(y(Decimal(0)))}" stroke="{TEXT}"/>'
    )
    slot = Decimal(right - left) / max(len(points), 1)
    for i, (label, value) in enumerate(points):
        x = Decimal(left) + slot * i + slot / 4
        parts.append(
            f'<text x="{_px(x + slot / 4)}" y="{bottom + 18}" {FONT} fill="{TEXT}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if value is None:
            continue
        y0, y1 = sorted([y(Decimal(0)), y(value)])
        parts.append(
            f'<rect x="{_px(x)}" y="{_px(y0)}" width="{_px(slot / 2)}" '
            f'height="{_px(y1 - y0)}" fill="{BAR}"><title>{escape(label)}: '
            f"{escape(_num(value))}</title></rect>"
        )
        label_y = y0 - 4 if value >= 0 else y1 + 13  # negative bars: the figure goes below
        parts.append(
            f'<text x="{_px(x + slot / 4)}" y="{_px(label_y)}" {FONT} fill="{TEXT}" '
            f'text-anchor="middle">{escape(_num(value))}</text>'
        )
    parts += _level_lines(levels, y, left, right)
    parts.append("</svg>")
    return "".join(parts)


def progress_chart_svg(
    months: Sequence[str], values: Sequence[Decimal | None], levels: Levels, title: str = ""
) -> str:
    """A line of monthly progress values against the level lines of the year."""
    width, height, left, right, top, bottom = 560, 240, 50, 470, 15, 205
    known = [v for v in values if v is not None]
    y = _Scale(known + [v for _, v in levels], bottom, top)
    parts = _open(width, height, title)
    parts += _bands(levels, y, left, right)
    step = Decimal(right - left) / max(len(months) - 1, 1)
    for i, label in enumerate(months):
        parts.append(
            f'<text x="{_px(Decimal(left) + step * i)}" y="{bottom + 18}" {FONT} '
            f'fill="{TEXT}" text-anchor="middle">{escape(label)}</text>'
        )
    coords = [(Decimal(left) + step * i, y(v)) for i, v in enumerate(values) if v is not None]
    if coords:
        path = " ".join(f"{_px(x)},{_px(py)}" for x, py in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for (x, py), v in zip(coords, known, strict=True):
        parts.append(
            f'<circle cx="{_px(x)}" cy="{_px(py)}" r="3.5" fill="{LINE}">'
            f"<title>{escape(_num(v))}</title></circle>"
        )
    parts += _level_lines(levels, y, left, right)
    parts.append("</svg>")
    return "".join(parts)


def scores_bar_svg(
    items: Sequence[tuple[str, Decimal, Decimal]], title: str = "", label_width: int = 220
) -> str:
    """Horizontal bars: (label, value, maximum) each, e.g. agencies' totals out of 100."""
    row, width = 26, label_width + 420
    height = row * max(len(items), 1) + 10
    parts = _open(width, height, title)
    for i, (label, value, maximum) in enumerate(items):
        y = 5 + row * i
        full = Decimal(280)
        share = value / maximum if maximum else Decimal(0)
        bar = max(Decimal(0), min(full, full * share))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" {FONT} fill="{TEXT}" '
            f'text-anchor="end">{escape(label[:40])}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{full}" height="{row - 8}" fill="{GRID}"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{_px(bar)}" '
            f'height="{row - 8}" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_width + 286}" y="{y + 14}" {FONT} fill="{TEXT}">'
            f"{escape(_num(value))} / {escape(_num(maximum))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
