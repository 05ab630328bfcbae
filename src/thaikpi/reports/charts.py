"""Charts as SVG strings, from pure functions: the web pages inline them, the PDF reuses them.

Figures stay Decimal; only pixel positions are formatted. Labels are escaped. Colours are
SVG attributes (not style attributes) so a strict Content-Security-Policy allows them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from html import escape
from itertools import pairwise

from thaikpi.engine.formatting import figure
from thaikpi.engine.numbers import Rounding, apply
from thaikpi.engine.scales import Scale
from thaikpi.engine.scoring import KpiScore, Status

# A level's line and the band above it, by the level's colour band on its scale (Scale.band).
LEVEL_COLOURS = {"entry": "#f3c969", "standard": "#9fd39b", "top": "#4caf7a"}
# A KPI's bar by the band of the level its score reached; "none": no result yet.
STATUS_COLOURS = {
    "top": "#2e8b57", "standard": "#7cc47f", "entry": "#e0b040", "below": "#d9534f",
    "none": "#bbb", "open": "#8a9bb0",
}  # fmt: skip


def reached(ks: KpiScore, scale: Scale) -> Decimal | str | None:
    """Where a KPI stands: the level of ``scale`` its score reached, "none" without a result,
    "open" while its levels are open; None when not assessed. Chart colours, chips and the
    dashboard's keys are read from it."""
    if ks.status is Status.NOT_ASSESSED:
        return None
    if ks.status is Status.NO_RESULT:
        return "none"
    if ks.status is Status.LEVELS_OPEN or ks.score is None:
        return "open"
    return scale.standing(ks.score)


def status_key(ks: KpiScore, scale: Scale) -> str | None:
    """A KPI's status colour: the band of the level its score reached on ``scale``.

    "none" without a result, "open" while its levels are open, None when not assessed.
    """
    found = reached(ks, scale)
    return scale.band(found) if isinstance(found, Decimal) else found


PERCENT_TICKS = tuple(Decimal(n) for n in (0, 50, 75, 100))  # under bars out of a maximum
ACTUAL = "#6a1b9a"  # the round's actual, on the baseline and monthly charts
BAR = "#3f6fb5"
LINE = "#c0392b"
TEXT = "#333"
GRID = "#ddd"
PIXEL = Rounding(1)  # pixel positions to a tenth, rounded like every other figure
# Sarabun is shipped with the pages and embedded in the PDF; the rest are Thai fallbacks.
FONT = 'font-family="Sarabun, \'Noto Sans Thai\', Tahoma, sans-serif" font-size="12"'
SMALL = FONT.replace('font-size="12"', 'font-size="10"')

Levels = Sequence[tuple[Decimal, Decimal]]  # (level score: 50/75/100 or 1-5, level value)


GLYPH_PX = 7  # the widest a letter of FONT usually is: Sarabun at 12 px


def fitted(label: str, width: int) -> str:
    """``label`` cut to what ``width`` pixels hold, with "…" when cut.

    Thai vowel and tone marks above and below a letter take no width, so only the letters that
    do are counted, and a kept letter keeps its marks.
    """
    most = max(width // GLYPH_PX, 1)
    spacing = [i for i, ch in enumerate(label) if unicodedata.category(ch) != "Mn"]
    if len(spacing) <= most:
        return label
    return label[: spacing[most - 1]].rstrip() + "…"


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


def _level_lines(levels: Levels, scale: Scale, y: _Scale, left: int, right: int) -> list[str]:
    """Dashed lines at each level's value, labelled; labels of close levels are spread apart."""
    parts = []
    label_ys = _label_positions([y(value) for _, value in levels])
    for (score, value), label_y in zip(levels, label_ys, strict=True):
        colour = LEVEL_COLOURS.get(scale.band(score), GRID)
        py = _px(y(value))
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{py}" y2="{py}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{right + 4}" y="{_px(label_y)}" {FONT} fill="{TEXT}" '
            f'dominant-baseline="middle">{int(score)}: {escape(_num(value))}</text>'
        )
    return parts


def _y_axis(y: _Scale, left: int, unit: str) -> list[str]:
    """A y-axis at ``left``: a line, round-number ticks with figures, and the unit above it."""
    parts = [
        f'<line x1="{left}" x2="{left}" y1="{_px(y.top)}" y2="{_px(y.bottom)}" stroke="{TEXT}"/>'
    ]
    for value in nice_ticks(y.low, y.high):
        py = _px(y(value))
        parts.append(
            f'<line x1="{left - 4}" x2="{left}" y1="{py}" y2="{py}" stroke="{TEXT}"/>'
            f'<text x="{left - 6}" y="{py}" {SMALL} fill="{TEXT}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(_num(value))}</text>'
        )
    if unit:
        parts.append(
            f'<text x="2" y="{_px(y.top - 8)}" {SMALL} fill="{TEXT}">{escape(unit)}</text>'
        )
    return parts


def nice_ticks(low: Decimal, high: Decimal, most: int = 6) -> list[Decimal]:
    """Round-number ticks (steps of 1, 2, 2.5 or 5 times a power of ten) from low to high."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / (most - 1)
    power = Decimal(10) ** raw.adjusted()
    step = next(power * m for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if power * m >= raw)  # fmt: skip
    first = (low / step).to_integral_value(rounding="ROUND_CEILING") * step
    ticks, value = [], first
    while value <= high:
        ticks.append(value if value else Decimal(0))
        value += step
    return ticks


def _actual_line(actual: Decimal, label: str, y: _Scale, left: int, right: int) -> list[str]:
    """The round's actual as a solid line across the chart, labelled with its figure."""
    py = _px(y(actual))
    text = f"{label} {_num(actual)}".strip()
    return [
        f'<line x1="{left}" x2="{right}" y1="{py}" y2="{py}" stroke="{ACTUAL}" '
        f'stroke-width="2" class="actual"/>'
        f'<text x="{left + 4}" y="{_px(y(actual) - 4)}" {FONT} fill="{ACTUAL}">'
        f"{escape(text)}</text>"
    ]


def _bands(levels: Levels, scale: Scale, y: _Scale, left: int, right: int) -> list[str]:
    """Shaded bands between consecutive levels (50→75, 75→100; 1→2 … 4→5)."""
    ordered = sorted(levels)
    parts = []
    for (s1, v1), (_s2, v2) in pairwise(ordered):
        top, bottom = sorted([y(v1), y(v2)])
        parts.append(
            f'<rect x="{left}" y="{_px(top)}" width="{right - left}" height="{_px(bottom - top)}" '
            f'fill="{LEVEL_COLOURS.get(scale.band(s1), GRID)}" fill-opacity="0.25"/>'
        )
    return parts


def baseline_chart_svg(
    points: Sequence[tuple[str, Decimal | None]],
    levels: Levels,
    title: str = "",
    actual: tuple[str, Decimal] | None = None,
    unit: str = "",
    *,
    scale: Scale,
) -> str:
    """Bars of a baseline series (one per year) with the round's level bands and lines.

    ``actual`` (label, figure) draws the round's actual across the chart; ``unit`` heads the
    y-axis.
    """
    width, height, left, right, top, bottom = 560, 240, 50, 470, 20, 205
    values = [v for _, v in points if v is not None] + [v for _, v in levels]
    values += [actual[1]] if actual else []
    y = _Scale(values, bottom, top)
    parts = _open(width, height, title)
    parts += _bands(levels, scale, y, left, right)
    parts += _y_axis(y, left, unit)
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
    parts += _level_lines(levels, scale, y, left, right)
    if actual:
        parts += _actual_line(actual[1], actual[0], y, left, right)
    parts.append("</svg>")
    return "".join(parts)


def progress_chart_svg(
    months: Sequence[str],
    values: Sequence[Decimal | None],
    levels: Levels,
    title: str = "",
    actual: tuple[int, str, Decimal] | None = None,
    unit: str = "",
    *,
    scale: Scale,
) -> str:
    """A line of monthly progress values against the level lines of the year.

    ``actual`` (month index from 0, label, figure) marks the round's actual as a point at the
    round's last month, so it shows even where the monthly line stops short of it.
    """
    width, height, left, right, top, bottom = 560, 240, 50, 470, 20, 205
    known = [v for v in values if v is not None]
    extra = [actual[2]] if actual else []
    y = _Scale(known + [v for _, v in levels] + extra, bottom, top)
    parts = _open(width, height, title)
    parts += _bands(levels, scale, y, left, right)
    parts += _y_axis(y, left, unit)
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
    parts += _level_lines(levels, scale, y, left, right)
    if actual:
        index, label, value = actual
        ax, ay = Decimal(left) + step * index, y(value)
        text = f"{label} {_num(value)}".strip()
        parts.append(
            f'<rect x="{_px(ax - 6)}" y="{_px(ay - 6)}" width="12" height="12" '
            f'fill="{ACTUAL}" transform="rotate(45 {_px(ax)} {_px(ay)})" class="actual">'
            f"<title>{escape(text)}</title></rect>"
            f'<text x="{_px(ax - 10)}" y="{_px(ay - 10)}" {FONT} fill="{ACTUAL}" '
            f'text-anchor="end">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def scores_bar_svg(
    items: Sequence[tuple[str, Decimal | None, Decimal]],
    title: str = "",
    label_width: int = 220,
    colours: Sequence[str] = (),
    missing: str = "no result yet",
    axis: str = "",
    ticks: Sequence[Decimal] = PERCENT_TICKS,
) -> str:
    """Horizontal bars: (label, value, maximum) each, e.g. agencies' totals out of 100.

    A value of None draws no bar and says ``missing`` instead of a figure (no result is not
    a zero). ``colours`` (by item, a STATUS_COLOURS key) colour the bars by status; ``axis``
    names the scale drawn under the bars, marked at ``ticks`` (the last is the full bar):
    0, 50, 75, 100 per cent of the maximum, or a scale's levels (0, 1 … 5).
    """
    row, width, full = 26, label_width + 420, Decimal(280)
    top = 5
    height = row * max(len(items), 1) + top + (30 if axis else 5)
    parts = _open(width, height, title)
    for i, (label, value, maximum) in enumerate(items):
        y = top + row * i
        share = value / maximum if value is not None and maximum else Decimal(0)
        bar = max(Decimal(0), min(full, full * share))
        fill = STATUS_COLOURS.get(colours[i], BAR) if i < len(colours) else BAR
        shown = missing if value is None else f"{_num(value)} / {_num(maximum)}"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" {FONT} fill="{TEXT}" '
            f'text-anchor="end">{escape(fitted(label, label_width - 6))}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 2}" width="{full}" height="{row - 8}" fill="{GRID}"/>'
        )
        if value is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y + 2}" width="{_px(bar)}" '
                f'height="{row - 8}" fill="{fill}"/>'
            )
        parts.append(
            f'<text x="{label_width + 286}" y="{y + 14}" {FONT} fill="{TEXT}">'
            f"{escape(shown)}</text>"
        )
    if axis:
        base = top + row * max(len(items), 1)
        parts.append(
            f'<line x1="{label_width}" x2="{label_width + full}" y1="{base}" y2="{base}" '
            f'stroke="{TEXT}"/>'
        )
        for tick in ticks:
            x = _px(label_width + full * tick / ticks[-1])
            parts.append(
                f'<line x1="{x}" x2="{x}" y1="{base}" y2="{base + 4}" stroke="{TEXT}"/>'
                f'<text x="{x}" y="{base + 16}" {FONT} fill="{TEXT}" '
                f'text-anchor="middle">{escape(_num(tick))}</text>'
            )
        parts.append(
            f'<text x="{label_width + full + 20}" y="{base + 16}" {FONT} fill="{TEXT}">'
            f"{escape(axis)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(
    bins: Sequence[tuple[str, int]], title: str = "", x_title: str = "", y_title: str = ""
) -> str:
    """Vertical bars of counts (e.g. agencies per band of totals), with both axes named."""
    width, height, left, right, top, bottom = 420, 200, 40, 410, 20, 160
    # At least 0–4 on the axis, so small counts get whole-number ticks.
    y = _Scale([Decimal(c) for _, c in bins] + [Decimal(4)], bottom, top)
    parts = _open(width, height, title)
    parts += _y_axis(y, left, y_title)
    parts.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="{TEXT}"/>')
    slot = Decimal(right - left) / max(len(bins), 1)
    for i, (label, count) in enumerate(bins):
        x = Decimal(left) + slot * i
        py = y(Decimal(count))
        parts.append(
            f'<rect x="{_px(x + 2)}" y="{_px(py)}" width="{_px(slot - 4)}" '
            f'height="{_px(Decimal(bottom) - py)}" fill="{BAR}">'
            f"<title>{escape(label)}: {count}</title></rect>"
            f'<text x="{_px(x + slot / 2)}" y="{bottom + 14}" {SMALL} fill="{TEXT}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if count:
            parts.append(
                f'<text x="{_px(x + slot / 2)}" y="{_px(py - 3)}" {FONT} fill="{TEXT}" '
                f'text-anchor="middle">{count}</text>'
            )
    if x_title:
        parts.append(
            f'<text x="{(left + right) // 2}" y="{bottom + 32}" {FONT} fill="{TEXT}" '
            f'text-anchor="middle">{escape(x_title)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(points: Sequence[tuple[str, Decimal | None]], title: str = "", unit: str = "") -> str:
    """A small line of totals (per cent of the maximum) over rounds and years; None: no result."""
    width, height, left, right, top, bottom = 360, 150, 40, 350, 20, 115
    known = [v for _, v in points if v is not None]
    y = _Scale([*known, Decimal(100)], bottom, top)
    y.high = max([Decimal(100), *known])  # a percentage: the axis ends at 100, not beyond
    parts = _open(width, height, title)
    parts += _y_axis(y, left, unit)
    step = Decimal(right - left - 20) / max(len(points) - 1, 1)
    coords = []
    for i, (label, value) in enumerate(points):
        x = Decimal(left + 10) + step * i
        parts.append(
            f'<text x="{_px(x)}" y="{bottom + 16}" {SMALL} fill="{TEXT}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if value is not None:
            coords.append((x, y(value), value))
    if len(coords) > 1:
        path = " ".join(f"{_px(x)},{_px(py)}" for x, py, _v in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for x, py, v in coords:
        parts.append(
            f'<circle cx="{_px(x)}" cy="{_px(py)}" r="3.5" fill="{BAR}">'
            f"<title>{escape(_num(v))}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)
