"""The executive briefing: two pages, the total, each KPI's standing in words, "ยังไม่มีผล" for a
KPI without a result (never 0), the trend, KPIs at risk, open comments, and "ร่าง" on a draft.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reports.conftest import CASES, EXPORTED, Case, make_case, needs_pdf_tools, pdf_text
from thaikpi.engine.scales import FIVE_LEVEL, OPDC_3, Scale
from thaikpi.engine.scoring import KpiScore, Status
from thaikpi.reports import briefing, pdf
from thaikpi.reports.briefing import AtRisk, BriefingData, TrendPoint
from thaikpi.reports.thai_labels import standing_th

COMMENT = pdf.Comment("ผู้ประเมิน ก.", "ขอหลักฐานเพิ่มของตัวชี้วัดที่ 2", datetime.date(2024, 10, 5))
TREND = (
    TrendPoint("2566 รอบที่ 2", Decimal("71.5"), Decimal(100)),
    TrendPoint("2567 รอบที่ 1", Decimal("60.25"), Decimal(70)),
)


def brief(case: Case, state: str = "draft", **extra: object) -> BriefingData:
    """The case's briefing, this round last in the trend, with one open comment."""
    report = pdf.ReportData(case.scorecard, case.scored, case.results, reported=EXPORTED)
    now = TrendPoint("2567 รอบที่ 2", case.scored.total, case.scored.max_total, current=True)
    options = {"trend": (*TREND, now), "comments": (COMMENT,), "review_state": state, **extra}
    return briefing.build(report, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def mini1() -> Case:
    """The mini scorecard's round 1: KPI 3 has no result, KPIs 4-6 are not assessed."""
    return make_case(*CASES["mini round 1"])


def kpi_row(html: str, kpi_id: str) -> str:
    """The summary table row of one KPI."""
    found = re.search(rf'<tr class="\w+"><td class="center">{kpi_id}</td>.*?</tr>', html, re.S)
    assert found, f"no row for KPI {kpi_id}"
    return found.group(0)


@pytest.mark.parametrize(
    ("scale", "score", "status", "standing", "words"),
    [
        (OPDC_3, "100", Status.SCORED, "top", "ถึงเป้าหมายขั้นสูง"),
        (OPDC_3, "87.5", Status.SCORED, "standard", "ถึงเป้าหมายมาตรฐาน"),
        (OPDC_3, "75", Status.SCORED, "standard", "ถึงเป้าหมายมาตรฐาน"),
        (OPDC_3, "74.99", Status.SCORED, "entry", "ถึงเป้าหมายขั้นต้น"),
        (OPDC_3, "50", Status.SCORED, "entry", "ถึงเป้าหมายขั้นต้น"),
        (OPDC_3, "0", Status.SCORED, "below", "ต่ำกว่าเป้าหมายขั้นต้น"),
        (OPDC_3, "0", Status.NO_RESULT, "no_result", "ยังไม่มีผล"),
        (OPDC_3, None, Status.NOT_ASSESSED, "not_assessed", "ไม่ประเมินในรอบนี้"),
        (OPDC_3, None, Status.LEVELS_OPEN, "levels_open", "ยังไม่กำหนดเป้าหมาย"),
        (FIVE_LEVEL, "5", Status.SCORED, "top", "ถึงระดับ 5"),
        (FIVE_LEVEL, "4.5", Status.SCORED, "standard", "ถึงระดับ 4"),
        (FIVE_LEVEL, "3", Status.SCORED, "standard", "ถึงระดับ 3"),
        (FIVE_LEVEL, "2.9999", Status.SCORED, "entry", "ถึงระดับ 2"),
        (FIVE_LEVEL, "1", Status.SCORED, "entry", "ถึงระดับ 1"),
        (FIVE_LEVEL, "0.5", Status.SCORED, "below", "ต่ำกว่าระดับ 1"),
        (FIVE_LEVEL, "0", Status.NO_RESULT, "no_result", "ยังไม่มีผล"),
    ],
)
def test_a_kpis_standing_is_the_highest_level_of_its_scale_its_score_reaches(
    scale: Scale, score: str | None, status: Status, standing: str, words: str
) -> None:
    value = Decimal(score) if score is not None else None
    s = KpiScore("1", 2, status, Decimal(10), None, value, Decimal(0), None)
    kpi = briefing.BriefKpi("1", "", Decimal(10), briefing.standing(s, scale))
    kpi = dataclasses.replace(kpi, words=standing_th(s, scale))
    assert (kpi.standing, kpi.standing_th) == (standing, words)


def test_a_kpi_without_a_result_says_so_instead_of_zero(mini1: Case) -> None:
    html = briefing.render_html(brief(mini1))
    row = kpi_row(html, "3")  # the mini scorecard's round 1 has no result for KPI 3
    assert row.count("ยังไม่มีผล") == 2, "in the result cell and in the status chip"
    assert not re.search(r">\s*0(\.0+)?\s*<", row), "no 0 where the result is missing"
    assert "<li>3 " in html, "listed under the KPIs still without a result"


def test_every_kpi_has_its_standing_in_words_and_colour(mini2: Case) -> None:
    data = brief(mini2)
    html = briefing.render_html(data)
    for k in data.kpis:
        row = kpi_row(html, k.id)
        assert f'<span class="chip {k.standing}">{briefing.STANDING_TH[k.standing]}</span>' in row


@pytest.mark.parametrize(
    ("case_name", "risky"), [("five-level round 2", {"2"}), ("five-level round 3", set())]
)
def test_a_five_level_briefing_names_the_levels_reached_and_risks_below_level_3(
    case_name: str, risky: set[str]
) -> None:
    data = brief(make_case(*CASES[case_name]))
    html = briefing.render_html(data)
    shown = {k.id: (k.standing, k.standing_th, k.score) for k in data.kpis}
    for kpi_id, (band, words, score) in shown.items():
        assert f'<span class="chip {band}">{words}</span>' in kpi_row(html, kpi_id)
        if score is not None:  # scored: the level of the five reached, never "below 50"
            assert words == f"ถึงระดับ {FIVE_LEVEL.standing(score):f}"
    assert {r.kpi_id for r in data.at_risk} == risky
    assert all("ต่ำกว่าเป้าหมายระดับ 3" in r.reason for r in data.at_risk if r.kpi_id in risky)


def test_kpis_scored_below_the_standard_level_are_at_risk(mini2: Case) -> None:
    data = brief(mini2)
    below = {k.id for k in data.kpis if k.score is not None and k.score < 75}
    assert below, "the mini round 2 has a KPI below 75"
    assert {r.kpi_id for r in data.at_risk} == below


def test_a_risk_given_by_the_caller_replaces_the_scores_reason(mini2: Case) -> None:
    first = brief(mini2).at_risk[0]
    forecast = AtRisk(first.kpi_id, first.name, "คาดการณ์ปลายปี 60 ต่ำกว่าเป้าหมายมาตรฐาน")
    data = brief(mini2, at_risk=[forecast])
    assert data.at_risk[0] == forecast
    assert [r.kpi_id for r in data.at_risk].count(first.kpi_id) == 1


def test_the_change_since_the_previous_round_compares_like_with_like(mini2: Case) -> None:
    html = briefing.render_html(brief(mini2))  # 77.88 of 100 after 60.25 of 70
    assert "ร้อยละ 77.88 ของคะแนนเต็ม เทียบกับร้อยละ 86.07 ใน 2567 รอบที่ 1 (คะแนนเต็ม 70)" in html
    same = (TREND[0], dataclasses.replace(TREND[1], max_total=Decimal(100), current=True))
    html = briefing.render_html(brief(mini2, trend=same))
    assert "-11.25 คะแนน เทียบกับ 2566 รอบที่ 2" in html


def test_a_reviewed_round_is_a_draft_until_approved_or_locked(mini2: Case) -> None:
    assert [brief(mini2, s).draft for s in ("draft", "submitted", "returned")] == [True] * 3
    assert [brief(mini2, s).draft for s in ("approved", "locked", "")] == [False] * 3


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=30))
def test_long_lists_are_capped_and_counted(kpis: int, comments: int) -> None:
    line = briefing.BriefKpi("1", "ตัวชี้วัด", Decimal(5), "no_result")
    data = BriefingData("ก", "ข", 2567, "รอบที่ 1", Decimal(0), Decimal(100), (line,) * kpis,
                        comments=(COMMENT,) * comments)  # fmt: skip
    context = briefing._context(data)
    assert len(context["kpis"]) == min(kpis, briefing.MAX_KPIS)
    assert len(context["comments"]) == min(comments, briefing.MAX_COMMENTS)
    assert len(context["missing"]) == min(kpis, briefing.MAX_MISSING)
    assert context["has_more_kpis"] == (kpis > briefing.MAX_KPIS)
    assert bool(context["more_comments"]) == (comments > briefing.MAX_COMMENTS)


# -- the PDF ---------------------------------------------------------------------------------


def watermarks(text: str) -> int:
    """How many "ร่าง" watermarks the text layer has (a line of its own, one per page)."""
    return sum(1 for line in text.splitlines() if line.strip() == "ร่าง")


@pytest.mark.slow
@needs_pdf_tools
def test_the_briefing_pdf_is_two_pages_with_the_thai_words(mini1: Case, tmp_path: Path) -> None:
    text, pages = pdf_text(briefing.render_pdf(brief(mini1)), tmp_path)
    assert pages == 2
    for words in ("สรุปผลการประเมินสำหรับผู้บริหาร", "คะแนนรวม", "จากคะแนนเต็ม 70",
                  "ถึงเป้าหมายมาตรฐาน", "ยังไม่มีผล", "ไม่ประเมินในรอบนี้", "แนวโน้มคะแนนรวม",
                  "2566 รอบที่ 2", "ตัวชี้วัดที่อาจไม่ถึงเป้าหมายมาตรฐาน",
                  "ขอหลักฐานเพิ่มของตัวชี้วัดที่ 2"):  # fmt: skip
        assert words in text, words
    assert watermarks(text) == 2, "on both pages"


@pytest.mark.slow
@needs_pdf_tools
def test_a_locked_rounds_briefing_has_no_draft_mark(mini2: Case, tmp_path: Path) -> None:
    text, pages = pdf_text(briefing.render_pdf(brief(mini2, "locked")), tmp_path)
    assert pages == 2
    assert "ปิดรอบแล้ว" in text and "ร่าง" not in text


@pytest.mark.slow
@needs_pdf_tools
def test_sixty_kpis_and_long_comments_still_fit_on_two_pages(mini2: Case, tmp_path: Path) -> None:
    data = brief(mini2, comments=(dataclasses.replace(COMMENT, text="ยาวมาก " * 200),) * 9)
    many = tuple(dataclasses.replace(k, id=str(i), name=k.name * 4)
                 for i, k in enumerate(data.kpis * 10))  # fmt: skip
    data = dataclasses.replace(data, kpis=many, trend=TREND * 6)
    text, pages = pdf_text(briefing.render_pdf(data), tmp_path)
    assert pages == 2
    assert "และอีก 45 ตัวชี้วัด ดูในรายงานฉบับเต็ม" in text


# -- the full report's cover -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "cover", "watermark"),
    [
        ("draft", "ฉบับร่าง ยังไม่ส่งให้ผู้ประเมิน", True),
        ("returned", "ผู้ประเมินส่งกลับให้แก้ไข", True),
        ("approved", "ผู้ประเมินเห็นชอบแล้ว", False),
        ("locked", "ปิดรอบแล้ว ผลไม่เปลี่ยนแปลงอีก", False),
        ("", "", False),  # the CLI's report from a results file is not under review
    ],
)
def test_the_reports_cover_shows_the_review_state_and_a_draft_is_marked(
    mini2: Case, state: str, cover: str, watermark: bool
) -> None:
    data = pdf.ReportData(mini2.scorecard, mini2.scored, mini2.results, review_state=state)
    html = pdf.render_html(data)
    assert ("สถานะการตรวจสอบ: <b>" + cover) in html if cover else "สถานะการตรวจสอบ" not in html
    assert ('<div class="watermark"' in html) == watermark


@pytest.mark.slow
@needs_pdf_tools
def test_a_draft_reports_every_page_says_draft(mini2: Case, tmp_path: Path) -> None:
    data = pdf.ReportData(mini2.scorecard, mini2.scored, mini2.results, review_state="draft")
    text, pages = pdf_text(pdf.render_pdf(data), tmp_path)
    assert watermarks(text) == pages
    assert "สถานะการตรวจสอบ: ฉบับร่าง" in text


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.slow
@needs_pdf_tools
def test_the_cli_writes_the_briefing_of_a_results_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tests.reports.conftest import FIXTURES, MINI
    from thaikpi.cli.main import app

    out = tmp_path / "brief.pdf"
    done = CliRunner().invoke(app, ["report", MINI, str(FIXTURES / "mini-results-1.yaml"),
                                    "--brief", str(out)])  # fmt: skip
    assert done.exit_code == 0, done.output
    text, pages = pdf_text(out.read_bytes(), tmp_path)
    assert pages == 2 and "ยังไม่มีผล" in text
    assert watermarks(text) == 0, "a results file is not a round under review"


def test_the_full_reports_summary_says_no_result_instead_of_zero(mini1: Case) -> None:
    html = pdf.render_html(pdf.ReportData(mini1.scorecard, mini1.scored, mini1.results))
    row = re.search(r'<tr class="no_result">.*?</tr>', html, re.S)
    assert row, "KPI 3 has no result in round 1"
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(0))
    assert cells[-3:] == ["ยังไม่มีผล", "ยังไม่มีผล", "—"], "result, score, weighted score"
    assert "<div>ผลการดำเนินงาน: <b>ยังไม่มีผล</b>" in html


def test_the_full_reports_chart_says_no_result_instead_of_a_bar(mini1: Case) -> None:
    html = pdf.render_html(pdf.ReportData(mini1.scorecard, mini1.scored, mini1.results))
    chart = html[html.index("<svg", html.index("คะแนนรายตัวชี้วัด")) :]
    chart = chart[: chart.index("</svg>")]
    assert ">ยังไม่มีผล<" in chart, "KPI 3 has no result: its row says so, with no bar"
