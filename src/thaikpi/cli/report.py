"""``thaikpi report``: the self-assessment PDF and the Excel workbook, without the web app."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from thaikpi.cli.exits import cannot_write, fail, fail_all, fail_findings
from thaikpi.engine.findings import EngineError
from thaikpi.engine.formatting import weight
from thaikpi.engine.model import Scorecard
from thaikpi.engine.results import Result
from thaikpi.engine.scoring import RoundScore
from thaikpi.services import scorecards as svc

# openpyxl and Django's template engine load inside the command, so that registering it
# does not slow down every other ``thaikpi`` command.

# As in main.py: plain text, and a message never broken at 80 columns when piped.
out = Console(soft_wrap=True, markup=False, highlight=False)


def _read_results(scorecard: Scorecard, path: Path) -> tuple[int, dict[str, Result]]:
    """Results from a YAML/JSON results file, or from a workbook's results-entry sheet."""
    from thaikpi.reports import excel_import

    if path.suffix.lower() == ".xlsx":
        imported = excel_import.import_file(scorecard, path)
        return imported.round, dict(imported.results)
    return svc.read_results_file(scorecard, path)


def _date(text: str | None) -> datetime.date:
    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise fail(
            f"--date must be YYYY-MM-DD (Common Era), got {text!r}",
            f"--date ต้องเป็น YYYY-MM-DD (ปีคริสต์ศักราช) แต่ได้ {text!r}",
        ) from None


def report(
    template: Annotated[str, typer.Argument(help="Shipped template name or template file path")],
    results: Annotated[Path, typer.Argument(help="Results file: YAML, JSON or .xlsx")],
    pdf_out: Annotated[Path | None, typer.Option("--pdf", help="Write the PDF report here")] = None,
    xlsx_out: Annotated[Path | None, typer.Option("--xlsx", help="Write the workbook here")] = None,
    brief_out: Annotated[
        Path | None, typer.Option("--brief", help="Write the two-page executive briefing here")
    ] = None,
    thai_digits: Annotated[
        bool, typer.Option("--thai-digits", help="Dates and figures in Thai digits (๓๐)")
    ] = False,
    date: Annotated[
        str | None, typer.Option("--date", help="Report date, YYYY-MM-DD (default: today)")
    ] = None,
) -> None:
    """Write the self-assessment report and the executive briefing (PDF), the workbook (Excel)."""
    from thaikpi.reports import briefing, excel, pdf, xlsx_checks

    if pdf_out is None and xlsx_out is None and brief_out is None:
        raise fail(
            "say what to write: --pdf FILE and/or --xlsx FILE (or --brief FILE)",
            "ระบุสิ่งที่จะเขียน: --pdf ไฟล์ และ/หรือ --xlsx ไฟล์ (หรือ --brief ไฟล์)",
        )
    reported = _date(date)
    try:
        scorecard = svc.load_scorecard(template)
        round_no, checked = _read_results(scorecard, results)
        scored = svc.score(scorecard, round_no, checked)
    except EngineError as exc:
        raise fail_findings(exc.findings) from None
    except xlsx_checks.WorkbookError as exc:
        where = f"{exc.file}: " if exc.file else ""
        texts = zip(exc.texts("en"), exc.texts("th"), strict=True)
        raise fail_all((where + en, where + th) for en, th in texts) from None
    if xlsx_out is not None:
        _write(xlsx_out, excel.export_xlsx(scorecard, scored, checked, reported))
    data = pdf.ReportData(scorecard, scored, checked, reported=reported,
                          digits="thai" if thai_digits else "arabic")  # fmt: skip
    try:
        if pdf_out is not None:
            _write(pdf_out, pdf.render_pdf(data))
        if brief_out is not None:  # one results file: no trend, no review, no comments
            _write(brief_out, briefing.render_pdf(briefing.build(data)))
    except pdf.PdfError as exc:
        raise fail(str(exc), exc.message_th) from None
    out.print(f"{scorecard.agency.name.th} รอบที่ {round_no}: คะแนน{total_caption(scored)}",
              highlight=False)  # fmt: skip


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    out.print(f"wrote {path} ({len(data):,} bytes)", highlight=False)


def total_caption(scored: RoundScore) -> str:
    """'รวม 43.8215 จาก 70', or 'รวม: ยังไม่มีผล (คะแนนเต็ม 70)' before any result: a 0
    from nothing entered is not a total."""
    if scored.no_result:
        return f"รวม: {scored.total_text()} (คะแนนเต็ม {weight(scored.max_total)})"
    return f"รวม {scored.total_text()} จาก {weight(scored.max_total)}"
