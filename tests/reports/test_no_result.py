"""A KPI without a result reads 'ยังไม่มีผล' in the PDF and the workbook, never as a 0 score."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.reports.conftest import CASES, EXPORTED, Case, make_case
from thaikpi.engine.scoring import Status
from thaikpi.reports import excel, pdf
from thaikpi.reports.excel import SUMMARY
from thaikpi.reports.pdf import PdfError, ReportData
from thaikpi.services import scorecards as svc

MISSING = "1"  # the KPI whose result is taken away


@pytest.fixture(scope="module")
def case() -> Case:
    """The mini scorecard's round 2 with KPI 1's result taken away."""
    full = make_case(*CASES["mini round 2"])
    kept = {k: v for k, v in full.results.items() if k != MISSING}
    scored = svc.score(full.scorecard, full.scored.round, kept)
    assert scored.kpi(MISSING).status is Status.NO_RESULT
    return Case(full.scorecard, kept, scored)


def test_the_pdf_summary_and_kpi_page_say_no_result_instead_of_a_zero_score(case: Case) -> None:
    html = pdf.render_html(ReportData(case.scorecard, case.scored, case.results,
                                      reported=EXPORTED))  # fmt: skip
    assert "คะแนน ยังไม่มีผล" in html  # the KPI's page
    assert '<td class="num">ยังไม่มีผล</td>' in html  # the summary table
    assert "คะแนน (เต็ม 100)" in html  # the chart's axis


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_printed_pdf_text_says_no_result(case: Case, tmp_path: Path) -> None:
    try:
        data = pdf.render_pdf(ReportData(case.scorecard, case.scored, case.results,
                                         reported=EXPORTED))  # fmt: skip
    except PdfError as exc:
        pytest.skip(str(exc))
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True, timeout=60).stdout.decode()  # fmt: skip
    squeezed = "".join(text.split())
    assert "คะแนนยังไม่มีผล" in squeezed  # not "คะแนน 0.00" beside a status of no result


def test_the_workbook_keeps_0_for_the_formulas_but_shows_no_result(case: Case) -> None:
    data = excel.export_xlsx(case.scorecard, case.scored, case.results, EXPORTED)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[SUMMARY]
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == MISSING)
    cell = sheet.cell(row, excel.COL_SCORE)
    assert cell.value == 0 and cell.number_format == '"ยังไม่มีผล"'
    scored = next(k for k in case.scored.kpis if k.status is Status.SCORED)
    other = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == scored.kpi_id)
    assert sheet.cell(other, excel.COL_SCORE).number_format != '"ยังไม่มีผล"'
