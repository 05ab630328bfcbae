"""A KPI without a result reads 'ยังไม่มีผล' in the PDF and the workbook, never as a 0 score."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from tests.reports import entry_sheet
from tests.reports.conftest import CASES, EXPORTED, Case, make_case, needs_pdf_tools, pdf_text
from tests.reports.test_excel import kpi_rows, labelled_row
from thaikpi.engine.scoring import Status
from thaikpi.reports import briefing, excel, pdf
from thaikpi.reports.excel import SUMMARY
from thaikpi.reports.pdf import PdfError, ReportData
from thaikpi.reports.thai_labels import number_format
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


# -- a round in which not one KPI has a result ------------------------------------------------

EARLIER = briefing.TrendPoint("2567 รอบที่ 1", Decimal("60.25"), Decimal(70))


@pytest.fixture(scope="module")
def empty() -> Case:
    """The mini scorecard's round 2 before any result: every KPI is assessed, none has one."""
    full = make_case(*CASES["mini round 2"])
    scored = svc.score(full.scorecard, full.scored.round, {})
    assert scored.no_result and scored.total == 0
    return Case(full.scorecard, {}, scored)


def empty_report(case: Case) -> ReportData:
    return ReportData(case.scorecard, case.scored, case.results, reported=EXPORTED)


def empty_brief(case: Case) -> briefing.BriefingData:
    """The briefing of the empty round, after a round 1 that had a total."""
    now = briefing.TrendPoint("2567 รอบที่ 2", case.scored.total, case.scored.max_total,
                              current=True, no_result=True)  # fmt: skip
    return briefing.build(empty_report(case), trend=(EARLIER, now))


def words(html: str) -> str:
    """The page's text without styles, charts and tags, spaces squeezed to one."""
    html = re.sub(r"<(style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_reports_cover_and_summary_total_say_no_result_instead_of_0(empty: Case) -> None:
    text = words(pdf.render_html(empty_report(empty)))
    assert "คะแนนรวม ยังไม่มีผล คะแนนเต็ม 100" in text  # the cover: no "จากคะแนนเต็ม" of nothing
    assert "คะแนนรวม 100 ยังไม่มีผล" in text  # the summary's total row: weight, then the words
    assert "0.0000" not in text


def test_a_group_without_any_result_has_a_dash_for_its_subtotal(empty: Case) -> None:
    rows = pdf._summary(empty_report(empty), pdf._Formatter("arabic"))
    subtotals = [r["weighted"] for r in rows if r["kind"] == "subtotal"]
    assert subtotals and set(subtotals) == {"—"}


def test_a_group_with_results_keeps_its_subtotal(mini2: Case) -> None:
    rows = pdf._summary(empty_report(mini2), pdf._Formatter("arabic"))
    assert all(r["weighted"] != "—" for r in rows if r["kind"] == "subtotal")


def test_the_briefing_total_and_its_trend_point_say_no_result_instead_of_0(empty: Case) -> None:
    data = empty_brief(empty)
    assert data.no_result
    text = words(briefing.render_html(data))
    assert "คะแนนรวม ยังไม่มีผล (คะแนนเต็ม 100)" in text
    assert "2567 รอบที่ 1 60.25 / 70 2567 รอบที่ 2 ยังไม่มีผล" in text  # the trend
    assert "0.00" not in text
    assert "เทียบกับ" not in text, "no change from 60.25 down to a total of nothing"


@pytest.mark.slow
@needs_pdf_tools
@pytest.mark.parametrize(
    ("printed", "says"),
    [
        ("report", ["คะแนนรวมยังไม่มีผล"]),
        ("briefing", ["คะแนนรวมยังไม่มีผล(คะแนนเต็ม100)", "2567รอบที่2ยังไม่มีผล"]),
    ],
)
def test_a_printed_round_without_results_has_no_total_of_0(
    empty: Case, tmp_path: Path, printed: str, says: list[str]
) -> None:
    try:
        if printed == "report":
            text, _ = pdf_text(pdf.render_pdf(empty_report(empty)), tmp_path)
        else:
            text, _ = pdf_text(briefing.render_pdf(empty_brief(empty)), tmp_path)
    except PdfError as exc:
        pytest.skip(str(exc))
    squeezed = "".join(text.split())
    assert [said for said in says if said in squeezed] == says
    assert "0.0000" not in text and "0.00" not in re.findall(r"\S+", text)


# -- the workbook of a round in which not one KPI has a result ---------------------------------


def summary_of(case: Case) -> Worksheet:
    """The exported summary sheet, formulas as written."""
    return openpyxl.load_workbook(io.BytesIO(entry_sheet.export(case)))[SUMMARY]


def total_cell(sheet: Worksheet, case: Case) -> Cell:
    """The summary's total: the weighted-score column of the 'คะแนนรวม' row."""
    row = labelled_row(sheet, "คะแนนรวม")
    return sheet.cell(row, excel.summary_columns(case.scorecard).weighted)


def subtotal_cells(sheet: Worksheet, case: Case) -> list[Cell]:
    """Each group's subtotal in the weighted-score column."""
    col = excel.summary_columns(case.scorecard).weighted
    return [sheet.cell(r, col) for r in range(6, sheet.max_row + 1)
            if str(sheet.cell(r, 2).value or "").startswith("รวม ")]  # fmt: skip


def weighted_format(case: Case) -> str:
    """The number format of a weighted score with its places."""
    return number_format(case.scorecard.scoring.weighted_rounding.places)


def test_the_workbook_total_of_an_empty_round_stays_a_formula_shown_as_no_result(
    empty: Case,
) -> None:
    cell = total_cell(summary_of(empty), empty)
    assert str(cell.value).startswith("=")  # live: a reader can still check the sum
    assert cell.number_format == '"ยังไม่มีผล"'


def test_the_workbook_subtotals_and_weighted_scores_of_an_empty_round_show_a_dash(
    empty: Case,
) -> None:
    sheet = summary_of(empty)
    subtotals = subtotal_cells(sheet, empty)
    assert subtotals and {c.number_format for c in subtotals} == {'"—"'}
    weighted = excel.summary_columns(empty.scorecard).weighted
    rows = kpi_rows(sheet)
    assert {sheet.cell(rows[k.kpi_id], weighted).number_format for k in empty.scored.kpis
            if k.status is Status.NO_RESULT} == {'"—"'}  # fmt: skip


def test_the_workbook_total_of_a_round_with_results_keeps_its_figure_format(mini2: Case) -> None:
    sheet, figure = summary_of(mini2), weighted_format(mini2)
    cell = total_cell(sheet, mini2)
    assert str(cell.value).startswith("=") and cell.number_format == figure == "#,##0.0000"
    assert {c.number_format for c in subtotal_cells(sheet, mini2)} == {figure}


def test_the_workbook_with_one_kpi_missing_keeps_its_total_and_subtotals(case: Case) -> None:
    sheet = summary_of(case)
    assert total_cell(sheet, case).number_format == weighted_format(case)
    assert '"—"' not in {c.number_format for c in subtotal_cells(sheet, case)}


def shown_by_libreoffice(data: bytes, folder: Path) -> list[list[str]]:
    """The summary sheet as LibreOffice recalculates and shows it (CSV of the shown text)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian libreoffice-calc) is not installed")
    source = folder / "in" / "book.xlsx"
    source.parent.mkdir(parents=True)
    source.write_bytes(data)
    out = folder / "out"
    # 44,34,76,1,,0,false,true,true: comma, quote, UTF-8, from row 1, cells as shown.
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return list(csv.reader((out / "book.csv").read_text(encoding="utf-8").splitlines()))


@pytest.mark.slow
def test_libreoffice_recalculates_the_empty_rounds_total_and_shows_no_result(
    empty: Case, mini2: Case, tmp_path: Path
) -> None:
    col = excel.summary_columns(empty.scorecard).weighted - 1
    rows = shown_by_libreoffice(entry_sheet.export(empty), tmp_path / "empty")
    total = next(r for r in rows if len(r) > 1 and r[1].startswith("คะแนนรวม"))
    assert total[col] == "ยังไม่มีผล"
    assert {r[col] for r in rows if len(r) > 1 and r[1].startswith("รวม ")} == {"—"}
    rows = shown_by_libreoffice(entry_sheet.export(mini2), tmp_path / "full")
    total = next(r for r in rows if len(r) > 1 and r[1].startswith("คะแนนรวม"))
    assert Decimal(total[col]) == mini2.scored.total
