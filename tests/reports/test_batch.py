"""The batch printer (render_reports): one browser, several tabs, the same PDFs as one by one."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.reports.conftest import CASES, Case, make_case
from tests.reports.test_pdf import report, text_of
from thaikpi.engine.model import Agency, Text
from thaikpi.reports import pdf
from thaikpi.reports.pdf import PdfError, ReportData

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None or shutil.which("chromium") is None,
        reason="needs chromium and poppler-utils",
    ),
]


def agency_report(case: Case, code: str, name: str) -> ReportData:
    """The case's report for another agency: same KPIs, its own name on every page."""
    data = report(case)
    agency = Agency(code, Text(name, name), case.scorecard.agency.ministry)
    return dataclasses.replace(data, scorecard=dataclasses.replace(case.scorecard, agency=agency))


@pytest.fixture(scope="module")
def reports() -> dict[str, ReportData]:
    """Three agencies' reports of the mini scorecard, round 2."""
    case = make_case(*CASES["mini round 2"])
    names = {"T001": "กรมทดสอบที่หนึ่ง", "T002": "กรมทดสอบที่สอง", "T003": "กรมทดสอบที่สาม"}
    return {code: agency_report(case, code, name) for code, name in names.items()}


def printed_batch(
    reports: dict[str, ReportData], pages: int, broken: str = ""
) -> dict[str, bytes | Exception]:
    """Every report through print_batch; what done() received, by agency code."""
    got: dict[str, bytes | Exception] = {}

    def make(code: str) -> str:
        if code == broken:
            raise RuntimeError("template failed")
        return pdf.render_html(reports[code])

    jobs = [(code, lambda code=code: make(code)) for code in reports]
    try:
        pdf.print_batch(jobs, got.__setitem__, pages=pages)
    except PdfError as exc:
        pytest.skip(str(exc))
    return got


@pytest.mark.parametrize("pages", [1, 3])
def test_the_batch_prints_each_agency_the_same_text_as_the_single_path(
    reports: dict[str, ReportData], pages: int, tmp_path: Path
) -> None:
    got = printed_batch(reports, pages)
    assert sorted(got) == sorted(reports)
    for code, data in reports.items():
        batch, single = tmp_path / f"{code}-batch.pdf", tmp_path / f"{code}-single.pdf"
        body = got[code]
        assert isinstance(body, bytes) and body.startswith(b"%PDF-")
        batch.write_bytes(body)
        single.write_bytes(pdf.render_pdf(data))
        assert text_of(batch) == text_of(single)
        assert data.scorecard.agency.name.th in text_of(batch)


def test_one_report_failing_leaves_the_others_printed(reports: dict[str, ReportData]) -> None:
    got = printed_batch(reports, 2, broken="T002")
    assert isinstance(got["T002"], RuntimeError) and str(got["T002"]) == "template failed"
    assert all(isinstance(got[c], bytes) and got[c].startswith(b"%PDF-") for c in ("T001", "T003"))
