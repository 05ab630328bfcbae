"""The self-assessment report: HTML content, and a PDF whose Thai text layer is intact."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reports.conftest import CASES, EXPORTED, Case, make_case
from thaikpi.reports import pdf
from thaikpi.reports.pdf import Comment, Evidence, PdfError, ReportData

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils is not installed")  # fmt: skip


def report(case: Case, digits: str = "arabic") -> ReportData:
    """The case's report data with one evidence file and one reviewer comment on KPI 2."""
    return ReportData(
        case.scorecard, case.scored, case.results,
        evidence={"2": [Evidence("รายงานมูลค่าการค้า <ไตรมาส 4>.pdf", "จากระบบ CRM",
                                 datetime.date(2024, 9, 1))]},
        comments={"2": [Comment("ผู้ประเมิน ก.", "ข้อมูลครบถ้วน <b>ตรวจแล้ว</b>",
                                datetime.date(2024, 10, 15))]},
        reported=EXPORTED, digits=digits,
    )  # fmt: skip


@pytest.fixture(scope="module")
def full() -> Case:
    """The shipped DITP scorecard when it is there, else the mini one, round 2."""
    key = "ditp-2567 round 2" if "ditp-2567 round 2" in CASES else "mini round 2"
    return make_case(*CASES[key])


# -- HTML (no browser) -------------------------------------------------------------------


def test_the_html_has_a_cover_a_summary_and_a_page_per_kpi(full: Case) -> None:
    html = pdf.render_html(report(full))
    assert html.count('<section class="page">') == 1 + len(full.scorecard.kpis)
    assert "รายงานผลการประเมินตนเอง" in html
    assert full.scorecard.agency.name.th in html
    assert "ข้อมูล ณ วันที่ 30 กันยายน 2567" in html
    assert f"{full.scored.total:,.4f}" in html
    assert html.count("<svg") >= 2, "the scores chart and at least one baseline chart"


def test_every_kpi_shows_its_score_and_explanation(full: Case) -> None:
    html = pdf.render_html(report(full))
    for score in full.scored.kpis:
        assert f"ตัวชี้วัดที่ {score.kpi_id} " in html
        if score.score is not None:
            assert f"คะแนน {score.score:,.2f}" in html
        assert score.explanation_th.replace(">", "&gt;").replace("<", "&lt;") in html


def test_explanations_are_thai_by_default_and_english_on_request(full: Case) -> None:
    scored = next(s for s in full.scored.kpis if s.score is not None)
    thai = pdf.render_html(report(full))
    assert "คำอธิบาย: " + scored.explanation_th.replace(">", "&gt;") in thai
    assert scored.explanation.replace(">", "&gt;") not in thai
    english = pdf.render_html(dataclasses.replace(report(full), explain_in="en"))
    assert "คำอธิบาย: " + scored.explanation.replace(">", "&gt;") in english


def test_evidence_and_comments_are_listed_and_escaped(full: Case) -> None:
    html = pdf.render_html(report(full))
    assert "รายงานมูลค่าการค้า &lt;ไตรมาส 4&gt;.pdf" in html
    assert "ข้อมูลครบถ้วน &lt;b&gt;ตรวจแล้ว&lt;/b&gt;" in html
    assert "<b>ตรวจแล้ว</b>" not in html


@pytest.mark.parametrize(
    ("digits", "date", "year"),
    [("arabic", "30 กันยายน 2567", "พ.ศ. 2567"), ("thai", "๓๐ กันยายน ๒๕๖๗", "พ.ศ. ๒๕๖๗")],
)
def test_dates_are_buddhist_era_in_the_chosen_digits(
    full: Case, digits: str, date: str, year: str
) -> None:
    html = pdf.render_html(report(full, digits))
    assert f"ข้อมูล ณ วันที่ {date}" in html
    assert year in html


def test_the_sarabun_font_is_embedded_not_fetched(full: Case) -> None:
    html = pdf.render_html(report(full))
    assert html.count("font/woff2;base64,") == 4  # thai + latin, 400 + 700
    assert "http://" not in html.split("<body>")[0] and "https://" not in html.split("<body>")[0]
    assert (pdf.FONTS / "OFL.txt").exists()


def test_a_missing_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pdf.CHROMIUM_ENV, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PdfError, match="apt-get install chromium"):
        pdf.find_chromium()


def test_a_wrong_chromium_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pdf.CHROMIUM_ENV, "/nonexistent/chromium")
    with pytest.raises(PdfError, match="not an executable file"):
        pdf.find_chromium()


# -- PDF (headless Chromium) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(full: Case, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full report printed to PDF once for the module."""
    try:
        data = pdf.render_pdf(report(full))
    except PdfError as exc:
        pytest.skip(str(exc))
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(data)
    return path


def text_of(path: Path) -> str:
    """The PDF's text layer, as officials copy it."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True, timeout=60)  # fmt: skip
    return done.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text without spaces and line breaks, to compare across wrapped lines."""
    return "".join(text.split())


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("word", ["น้ำหนัก", "ดำเนินงาน", "ตัวชี้วัด", "คะแนนถ่วงน้ำหนัก",
                                  "รายงานผลการประเมินตนเอง", "กันยายน"])  # fmt: skip
def test_thai_words_survive_in_the_text_layer(printed: Path, word: str) -> None:
    assert word in text_of(printed)


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("broken", ["นาหนัก", "ดาเนิน", "น้ าหนัก", "ด าเนิน", "\ufffd"])
def test_no_broken_sara_am_or_missing_glyphs_in_the_text_layer(printed: Path, broken: str) -> None:
    assert broken not in text_of(printed)


@pytest.mark.slow
@needs_poppler
def test_every_kpi_name_and_figure_can_be_found_in_the_pdf(printed: Path, full: Case) -> None:
    text = squeezed(text_of(printed))
    for kpi in full.scorecard.kpis:
        assert squeezed(kpi.name.th) in text, kpi.id
    for score in full.scored.kpis:
        if score.score is not None:
            assert f"{score.score:,.2f}" in text
            assert f"{score.weighted:,.4f}" in text
    assert f"{full.scored.total:,.4f}" in text


@pytest.mark.slow
@needs_poppler
def test_the_pdf_embeds_sarabun(printed: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, check=True,
                           timeout=60).stdout.decode()  # fmt: skip
    assert "Sarabun" in fonts


@pytest.mark.slow
@needs_poppler
def test_pages_render_to_png_for_people_to_look_at(printed: Path, artifacts: Path) -> None:
    shutil.copy(printed, artifacts / "self-assessment.pdf")
    for page in (1, 2):
        stem = artifacts / f"self-assessment-page{page}"
        pages = ["-f", str(page), "-l", str(page)]
        subprocess.run(["pdftoppm", "-png", "-r", "80", *pages, "-singlefile", str(printed),
                        str(stem)], check=True, timeout=60)  # fmt: skip
        assert stem.with_suffix(".png").stat().st_size > 10_000


@pytest.mark.slow
@needs_poppler
def test_thai_digits_reach_the_pdf(full: Case, tmp_path: Path) -> None:
    try:
        data = pdf.render_pdf(report(full, "thai"))
    except PdfError as exc:
        pytest.skip(str(exc))
    path = tmp_path / "thai.pdf"
    path.write_bytes(data)
    assert "๓๐ กันยายน ๒๕๖๗" in text_of(path)


def test_a_five_level_report_heads_a_column_per_level_and_totals_out_of_5() -> None:
    case = make_case(*CASES["five-level round 3"])
    html = pdf.render_html(report(case))
    heads = "".join(f"<th>{n}</th>" for n in range(1, 6))
    assert '<th colspan="5">เป้าหมาย (คะแนน)</th>' in html and heads in html
    assert "จากคะแนนเต็ม 5 (ค่าเฉลี่ยถ่วงน้ำหนักของคะแนน 0–5)" in html
    assert "<h3>คะแนนรายตัวชี้วัด (เต็ม 5)</h3>" in html
    assert "4.2380" in html  # the hand-worked total of tests/engine/test_scales.py
    assert "คะแนน 4.4740" in html  # KPI 1's score at the scale's 4 places
