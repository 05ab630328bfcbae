"""Realistic monthly series for forecast tests and the backtests in docs/forecast.md.

Run ``python -m tests.engine.series_data`` to print the backtest tables the docs show.

The seasonal shape is that of Thai merchandise exports in fiscal year 2566 (October 2565 to
September 2566, billion US dollars, rounded as commonly reported: a trough in December and
January, a peak in March). A year's months follow the shape, tilted by the year's own growth
(a growing year ends stronger than it began) and shaken by a few percent of noise, then scaled
so the months add up to the year's total exactly (to 0.1).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

from thaikpi.engine.series import Month, fiscal_month

_FY2566 = "21.8 20.3 19.9 20.2 22.2 26.0 21.0 24.3 24.9 22.1 24.3 24.8"  # Oct … Sep
SHAPE = tuple(Decimal(v) for v in _FY2566.split(" "))
# DITP 2567 template, KPI 1 baseline: total export value by fiscal year, million US dollars.
DITP_EXPORTS = {
    2562: Decimal("249042.2"),
    2563: Decimal("232820.2"),
    2564: Decimal("258500.2"),
    2565: Decimal("293186.8"),
    2566: Decimal("279063.0"),
}
TENTH = Decimal("0.1")


def months_of(total: Decimal, growth: Decimal, rng: random.Random, noise: int) -> list[Decimal]:
    """Twelve months (October first) adding up to ``total``: shape × growth tilt × noise."""
    weights = []
    for index, base in enumerate(SHAPE):
        tilt = 1 + growth * (Decimal(index) - Decimal("5.5")) / 12  # half the growth each side
        shake = 1 + Decimal(rng.randint(-noise, noise)) / 1000
        weights.append(base * tilt * shake)
    whole = sum(weights, Decimal(0))
    values = [(total * w / whole).quantize(TENTH) for w in weights]
    values[-1] += total - sum(values, Decimal(0))  # exact total despite rounding
    return values


def series_of(
    totals: Mapping[int, Decimal], seed: int = 2567, noise: int = 30
) -> dict[Month, Decimal]:
    """A monthly series whose fiscal years add up to ``totals`` (noise in tenths of percent)."""
    rng = random.Random(seed)
    series: dict[Month, Decimal] = {}
    previous = None
    for year in sorted(totals):
        total = totals[year]
        growth = Decimal(0) if previous is None else total / previous - 1
        for index, value in enumerate(months_of(total, growth, rng, noise), 1):
            series[fiscal_month(year, index)] = value
        previous = total
    return series


def random_totals(seed: int, first: int = 2550, years: int = 17) -> dict[int, Decimal]:
    """Yearly totals growing about 4% a year with a spread of about 7 points (with bad years)."""
    rng = random.Random(seed)
    total = Decimal(150000)
    totals = {}
    for year in range(first, first + years):
        totals[year] = total.quantize(TENTH)
        total *= 1 + Decimal(rng.randint(-100, 180)) / 1000
    return totals


if __name__ == "__main__":  # the tables of docs/forecast.md
    from thaikpi.engine.series import backtest, mean_abs_error

    def table(title: str, series: Mapping[Month, Decimal]) -> None:
        print(title)
        print("| fiscal year | actual | forecast at month 6 | band | error | in band |")
        print("|---|---:|---:|---:|---:|:-:|")
        tests = backtest(series, 6)
        for t in tests:
            f = t.forecast
            print(
                f"| {t.fiscal_year} | {t.actual:,.1f} | {f.value:,.1f} | "
                f"{f.low:,.1f}–{f.high:,.1f} | {t.error_pct:+.1f}% | "
                f"{'yes' if t.inside_band else 'no'} |"
            )
        inside = sum(t.inside_band for t in tests)
        print(
            f"\nmean absolute error {mean_abs_error(tests):.1f}%, "
            f"{inside} of {len(tests)} in band\n"
        )

    table("DITP baseline totals, synthetic months", series_of(DITP_EXPORTS))
    for seed in (1, 2, 3):
        table(f"Generated series, seed {seed}", series_of(random_totals(seed), seed))
