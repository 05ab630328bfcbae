"""The shipped DITP 2567 scorecard: its stated figures, rules and behaviour."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thaikpi.engine.audit import audit
from thaikpi.engine.findings import EngineError
from thaikpi.engine.loader import check_text, load_named, template_names, template_text
from thaikpi.engine.model import MeasureKind, Scorecard
from thaikpi.engine.results import read_result
from thaikpi.engine.scoring import Status, score_kpi, score_round
from thaikpi.textimport.pdf_text_repair import looks_damaged


@pytest.fixture(scope="module")
def ditp() -> Scorecard:
    return load_named("ditp-2567")


def test_it_is_shipped_and_loads_by_name() -> None:
    assert "ditp-2567" in template_names()


def test_it_loads_without_errors_or_warnings() -> None:
    scorecard, findings = check_text(template_text("ditp-2567"), "ditp-2567.yaml")
    assert scorecard is not None
    assert findings == []


def test_it_has_nine_kpis_whose_weights_make_70_and_30(ditp: Scorecard) -> None:
    weights = {k.id: k.weight for k in ditp.kpis}
    assert weights == {
        "1": 15,
        "2": 25,
        "3": 20,
        "4": 10,
        "5": 5,
        "6": 10,
        "7": Decimal("2.5"),
        "8": Decimal("2.5"),
        "9": 10,
    }
    by_group = {g.id: sum(k.weight for k in ditp.kpis if k.group == g.id) for g in ditp.groups}
    assert by_group == {"performance": 70, "potential": 30}


@pytest.mark.parametrize(
    ("kpi", "round_no", "levels"),
    [
        ("1", 2, ("1.5", "2.1", "2.7")),
        ("1", 1, ("0.75", "1.05", "1.35")),  # the rule's figures, not the document's 1.18 / 1.05
        ("2", 2, ("203.14", "324.20", "445.25")),
        ("2", 1, ("97.26", "113.47", "129.68")),
        ("3", 2, ("48.29", "52.26", "56.23")),
        ("3", 1, ("15.67", "18.29", "20.90")),
        ("4", 2, ("3.04", "4.69", "7.76")),
        ("7", 2, ("4", "5", "6")),
        ("8", 2, ("62.13", "72.13", "77.13")),
        ("9", 2, ("445", "461.45", "477.89")),
    ],
)
def test_it_holds_the_stated_levels(
    ditp: Scorecard, kpi: str, round_no: int, levels: tuple[str, ...]
) -> None:
    kpi_round = ditp.kpi(kpi).round(round_no)
    assert tuple(lv.value for lv in kpi_round.levels) == tuple(Decimal(v) for v in levels)


def test_it_keeps_the_documents_wrong_round_one_figures_for_the_audit(ditp: Scorecard) -> None:
    stated = [lv.stated for lv in ditp.kpi("1").round(1).levels]
    assert stated == [Decimal("0.75"), Decimal("1.18"), Decimal("1.05")]


def test_a_derived_level_carries_its_provenance(ditp: Scorecard) -> None:
    best = ditp.kpi("2").round(2).levels[1]
    assert best.provenance.startswith("best of ratio 2564–2566 (45.3322, 239.9028, 324.1960)")
    assert best.provenance.endswith("→ 324.20")


@pytest.mark.parametrize("kpi", ["5", "6", "7", "8", "9"])
def test_the_potential_kpis_are_not_judged_after_six_months(ditp: Scorecard, kpi: str) -> None:
    assert ditp.kpi(kpi).round(1).assessed is False


def test_kpi_4_round_one_waits_for_the_years_target_number(ditp: Scorecard) -> None:
    kpi_round = ditp.kpi("4").round(1)
    assert kpi_round.measure.kind is MeasureKind.COUNT
    assert kpi_round.is_open
    assert ditp.parameter("entrepreneurs_target_2567").value is None
    scored = score_kpi(ditp.kpi("4"), 1, read_result(ditp.kpi("4"), 1, 120), ditp.scoring)
    assert scored.status is Status.LEVELS_OPEN


def test_round_one_covers_the_performance_kpis_only(ditp: Scorecard) -> None:
    scored = score_round(ditp, 1, {})
    assert scored.covered == ("1", "2", "3", "4")
    assert scored.max_total == Decimal(70)


def test_it_scores_the_example_results_of_the_issue(ditp: Scorecard) -> None:
    raw = {
        "1": Decimal("2.4"),
        "2": 380,
        "5": 75,
        "6": {"quality_pct": 100, "registered_pct": 95},
        "7": 5,
    }
    results = {k: read_result(ditp.kpi(k), 2, v) for k, v in raw.items()}
    scored = score_round(ditp, 2, results)
    assert scored.kpi("1").score == Decimal("87.50")
    assert scored.kpi("1").explanation == "2.40 lies between 2.10 (75) and 2.70 (100) → 87.50"
    assert scored.kpi("2").score == Decimal("86.52")  # 75 + (380 − 324.20) / 121.05 × 25 = 86.524
    assert [scored.kpi(k).score for k in ("5", "6", "7")] == [75, 75, 75]
    assert scored.missing == ("3", "4", "8", "9")
    # By hand: 15×87.50 + 25×86.52 + 5×75 + 10×75 + 2.5×75, over 100 = 47.88
    assert scored.total == Decimal("47.8800")
    assert scored.total == sum(k.weighted for k in scored.kpis)


# KPI 3's result in Thai: its inputs named as the document names them (refusals by the name
# alone, as the entry form labels them; derivations keep the ids the formula uses).
KPI_3_BUDGET_TH = (
    "งบประมาณที่ได้รับภายใต้โครงการเพิ่มขีดความสามารถทางการตลาดด้วยพาณิชย์ดิจิทัล ประจำปีงบประมาณ พ.ศ. 2567"
)
KPI_3_TRADE_TH = "มูลค่าการซื้อขายผ่านเว็บไซต์ Thaitrade.com และเครือข่ายพันธมิตรออนไลน์"


def test_kpi_3_names_its_inputs_in_thai(ditp: Scorecard) -> None:
    kpi = ditp.kpi("3")
    with pytest.raises(EngineError) as caught:
        read_result(kpi, 2, {"trade_value": 1, "budget": 0})
    assert caught.value.findings[0].message == "budget must be more than 0, got 0"
    assert caught.value.findings[0].message_th == f"{KPI_3_BUDGET_TH} ต้องมากกว่า 0 แต่พบ 0"
    result = read_result(kpi, 2, {"trade_value": 205000, "budget": "539.5"})
    assert result.derivation_th == (
        f"{KPI_3_TRADE_TH} / {KPI_3_BUDGET_TH} = 205,000 / 539.5 = 379.98"
    )
    scored = score_kpi(kpi, 2, result, ditp.scoring)
    assert scored.explanation_th == f"{result.derivation_th}; 379.98 ถึงเป้าหมายขั้นสูง (56.23) → 100.00"


def test_the_thai_text_is_repaired(ditp: Scorecard) -> None:
    texts = [ditp.title.th] + [k.name.th for k in ditp.kpis]
    texts += [k.description.th for k in ditp.kpis if k.description]
    assert not any(looks_damaged(t) for t in texts)
    assert "น้ำหนัก" in template_text("ditp-2567")


def test_every_thai_label_has_english_beside_it(ditp: Scorecard) -> None:
    assert all(k.name.en for k in ditp.kpis)
    assert all(k.description is None or k.description.en for k in ditp.kpis)


def test_the_audit_finds_the_documents_real_mistakes(ditp: Scorecard) -> None:
    report = audit(ditp)
    wrong = {(f.kpi, f.figure): (str(f.stated), str(f.recomputed)) for f in report.mismatches}
    assert wrong[("1", "round 1 level 75")] == ("1.18", "1.05")
    assert wrong[("1", "round 1 level 100")] == ("1.05", "1.35")
    assert wrong[("2", "mean trade_value 2564–2566")] == ("110632.38", "110632.24")
    assert wrong[("3", "baseline 2566 ratio_growth")] == ("23.33", "23.69")
    assert report.findings[0].match is False  # mismatches first


def test_the_audit_says_kpi_3_was_truncated_instead_of_flagging_every_figure(
    ditp: Scorecard,
) -> None:
    fit = next(h for h in audit(ditp).habits if h.kpi == "3")
    assert fit.differs
    assert fit.best.describe() == "truncate, 2 places, intermediates rounded"
    assert fit.best_matches > fit.declared_matches


@pytest.mark.parametrize(
    ("kpi", "round_no", "column"),
    [("2", 2, "ratio"), ("1", 2, "export_growth"), ("9", 2, "pmqa_score"), ("6", 2, None)],
)
def test_charts_draw_the_baseline_column_the_levels_derive_from(
    ditp: Scorecard, kpi: str, round_no: int, column: str | None
) -> None:
    assert ditp.kpi(kpi).levels_column(round_no) == column
