"""Engine benchmark: score a synthetic national population and compare with plain floats.

Builds 10,000 agencies × 9 KPIs × 2 rounds of results from the shipped DITP 2567 template
(seeded, so every run scores the same population), scores them with the engine (exact
Decimal, rounding policy, explanations available), then with a plain-float reference
implementation of the same interpolation in the same process, and prints evaluations per
second and the ratio. Run: ``.venv/bin/python bench/engine.py [--agencies N]``.
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import Decimal

from thaikpi.engine.loader import load_named
from thaikpi.engine.model import Direction, MeasureKind, Scorecard
from thaikpi.engine.results import Result
from thaikpi.engine.scoring import score_kpi

SEED = 2567
People = list[list[tuple[int, str, Result]]]


def population(scorecard: Scorecard, agencies: int) -> People:
    """Per agency, (round, KPI id, result) for every KPI and round, around each KPI's levels."""
    rng = random.Random(SEED)
    people = []
    for _ in range(agencies):
        rows = []
        for kpi in scorecard.kpis:
            for number, kpi_round in kpi.rounds.items():
                if not kpi_round.assessed:
                    rows.append((number, kpi.id, Result(kpi.id, Decimal(0))))
                    continue
                kind = kpi_round.measure.kind
                if kind is MeasureKind.JUDGED:
                    actual = Decimal(rng.choice((0, 50, 75, 100)))
                    rows.append((number, kpi.id, Result(kpi.id, actual)))
                elif kind is MeasureKind.CONDITIONS:
                    inputs = {
                        "quality_pct": Decimal(rng.choice((80, 90, 100))),
                        "registered_pct": Decimal(rng.choice((85, 90, 100))),
                    }
                    rows.append((number, kpi.id, Result(kpi.id, Decimal(0), inputs)))
                else:
                    values = [lv.value for lv in kpi_round.levels if lv.value is not None]
                    low, high = float(min(values)), float(max(values))
                    span = (high - low) or 1.0
                    drawn = rng.uniform(low - span * 0.5, high + span * 0.5)
                    actual = Decimal(f"{drawn:.2f}")
                    if kind is MeasureKind.COUNT:
                        actual = actual.to_integral_value()
                    rows.append((number, kpi.id, Result(kpi.id, actual)))
        people.append(rows)
    return people


def run_engine(
    scorecard: Scorecard, people: list[list[tuple[int, str, Result]]]
) -> tuple[float, int, Decimal]:
    """Score everyone with the engine: (seconds, evaluations, checksum of weighted scores)."""
    kpis = {k.id: k for k in scorecard.kpis}
    policy = scorecard.scoring
    count = 0
    checksum = Decimal(0)
    start = time.perf_counter()
    for rows in people:
        for number, kpi_id, result in rows:
            scored = score_kpi(kpis[kpi_id], number, result, policy)
            checksum += scored.weighted
            count += 1
    return time.perf_counter() - start, count, checksum


class FloatScore:
    """What the float reference returns: the same fields a caller needs."""

    __slots__ = ("kpi_id", "round", "score", "weighted")

    def __init__(self, kpi_id: str, number: int, score: float, weighted: float) -> None:
        self.kpi_id, self.round, self.score, self.weighted = kpi_id, number, score, weighted


def float_reference(scorecard: Scorecard):  # type: ignore[no-untyped-def]
    """A plain-float scorer of the same rules, as a spreadsheet-minded programmer would write."""
    table = {}
    for kpi in scorecard.kpis:
        for number, kpi_round in kpi.rounds.items():
            levels = [
                (float(lv.value), float(lv.score))
                for lv in kpi_round.levels
                if lv.value is not None
            ]
            conditions = [
                (float(lv.score), [(c.input, float(c.value)) for c in lv.conditions])
                for lv in kpi_round.levels
            ]
            table[(kpi.id, number)] = (
                kpi_round.assessed,
                kpi_round.measure.kind,
                levels,
                conditions,
                float(kpi.weight),
                kpi.direction is Direction.HIGHER,
            )

    def score(kpi_id: str, number: int, actual: float, inputs: dict[str, float]) -> FloatScore:
        assessed, kind, levels, conditions, weight, higher = table[(kpi_id, number)]
        if not assessed:
            return FloatScore(kpi_id, number, 0.0, 0.0)
        if kind is MeasureKind.JUDGED:
            s = actual
        elif kind is MeasureKind.CONDITIONS:
            s = max(
                (sc for sc, conds in conditions if all(inputs.get(i, 0.0) >= v for i, v in conds)),
                default=0.0,
            )
        elif len(levels) < 3:
            s = 0.0
        else:
            sign = 1.0 if higher else -1.0
            a = actual * sign
            pts = [(v * sign, sc) for v, sc in levels]
            if kind is MeasureKind.COUNT:
                s = max((sc for v, sc in pts if a >= v), default=0.0)
            elif a >= pts[-1][0]:
                s = 100.0
            elif a < pts[0][0]:
                s = 0.0
            else:
                (lv, ls), (uv, us) = (pts[0], pts[1]) if a < pts[1][0] else (pts[1], pts[2])
                s = ls + (a - lv) * (us - ls) / (uv - lv)
        s = round(s, 2)
        return FloatScore(kpi_id, number, s, round(weight * s / 100, 4))

    return score


def run_float(
    scorecard: Scorecard, people: list[list[tuple[int, str, Result]]]
) -> tuple[float, int, float]:
    """Score everyone with the float reference (inputs converted before timing)."""
    scorer = float_reference(scorecard)
    floats = [
        [(n, k, float(r.actual), {i: float(v) for i, v in r.inputs.items()}) for n, k, r in rows]
        for rows in people
    ]
    count = 0
    checksum = 0.0
    start = time.perf_counter()
    for rows in floats:
        for number, kpi_id, actual, inputs in rows:
            checksum += scorer(kpi_id, number, actual, inputs).weighted
            count += 1
    return time.perf_counter() - start, count, checksum


def main() -> None:
    """Run both implementations on the same population and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10_000)
    args = parser.parse_args()
    # The year's target number of entrepreneurs is open in the document; fill it so that
    # KPI 4's round-1 levels are real levels in the benchmark.
    scorecard = load_named("ditp-2567", {"entrepreneurs_target_2567": Decimal(1000)})
    people = population(scorecard, args.agencies)
    engine_s, n, engine_sum = run_engine(scorecard, people)
    float_s, m, float_sum = run_float(scorecard, people)
    assert n == m
    print(
        f"population: {args.agencies:,} agencies × {len(scorecard.kpis)} KPIs × 2 rounds "
        f"= {n:,} evaluations (seed {SEED})"
    )
    print(
        f"engine (Decimal):  {engine_s:8.3f} s  {n / engine_s:12,.0f} evaluations/s  "
        f"Σ weighted = {engine_sum}"
    )
    print(
        f"float reference:   {float_s:8.3f} s  {m / float_s:12,.0f} evaluations/s  "
        f"Σ weighted = {float_sum:.4f}"
    )
    print(
        f"ratio engine / float: {engine_s / float_s:.2f}× (goal ≤ 3×); "
        f"goal ≥ 100,000 evaluations/s: {'met' if n / engine_s >= 100_000 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
