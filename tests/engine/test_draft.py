from __future__ import annotations

from decimal import Decimal

from thaikpi.engine.draft import propose, shift_rule
from thaikpi.engine.loader import load_named
from thaikpi.engine.model import Rule


def test_it_moves_a_rules_years_forward() -> None:
    rule = Rule("baseline", {"stat": "best", "column": "ratio", "years": (2564, 2566)})
    assert shift_rule(rule, 1).params["years"] == (2565, 2567)


def test_it_proposes_next_years_levels_from_the_same_rules() -> None:
    ditp = load_named("ditp-2567")
    rows = {
        "2": [{"year": Decimal(2567), "budget": Decimal("500"), "trade_value": Decimal("200000")}]
    }
    proposals = {(p.kpi, p.round, p.score): p for p in propose(ditp, rows)}
    best = proposals[("2", 2, 75)]
    # ratios 2565–2567: 239.9028, 324.1960, 400 → best 400
    assert best.value == Decimal("400.00")
    assert best.provenance.startswith("best of ratio 2565–2567")
    mean = proposals[("2", 2, 50)].value
    assert mean == Decimal("321.37")  # (239.9028 + 324.1960 + 400) / 3 = 321.3663
    assert proposals[("2", 1, 50)].value == Decimal("120.00")  # 30 % of the proposed 400.00
    assert best.current == Decimal("324.20")


def test_without_the_new_year_a_window_rule_is_open() -> None:
    ditp = load_named("ditp-2567")
    proposal = next(p for p in propose(ditp, {}) if (p.kpi, p.round, p.score) == ("3", 2, 75))
    assert proposal.value is None
    assert "incomplete for 2565–2567" in proposal.provenance


def test_a_proposal_gives_its_provenance_in_thai_too() -> None:
    ditp = load_named("ditp-2567")
    proposal = next(p for p in propose(ditp, {}) if (p.kpi, p.round, p.score) == ("3", 2, 75))
    assert "ไม่ครบ" in proposal.provenance_th and "2565–2567" in proposal.provenance_th
