"""Reports from the web: the round's self-assessment PDF and Excel workbook, and results
imported from a filled-in workbook. Everyone who may read a scorecard may download its
reports; importing results follows the result-entry rules KPI by KPI.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thaikpi.front.forms import WorkbookForm
from thaikpi.reports import briefing, pdf, xlsx_checks
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, workbooks
from thaikpi.services import reports as report_service
from thaikpi.services.errors import DomainError
from thaikpi.web.dates import fiscal_year_label

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round_or_404(scorecard: Scorecard, round_no: int) -> int:
    if engine.current(scorecard).round(round_no) is None:
        raise Http404("no such round")
    return round_no


def _file_name(scorecard: Scorecard, round_no: int, ext: str) -> str:
    return f"{scorecard.agency.code}-{scorecard.fiscal_year.year_be}-round{round_no}.{ext}"


def _overview(scorecard: Scorecard, round_no: int) -> str:
    return f"{reverse('front:overview', args=[scorecard.pk])}?round={round_no}"


@login_required
def report_pdf(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    """The self-assessment report (รายงานผลการประเมินตนเอง) of a round, as PDF."""
    scorecard = permissions.scorecard_for(request.user, pk)
    _round_or_404(scorecard, round_no)
    try:
        body = pdf.render_pdf(report_service.report_data(scorecard, round_no))
    except pdf.PdfError:
        messages.error(request, _("The PDF report cannot be made on this server right now."))
        return redirect(_overview(scorecard, round_no))
    response = HttpResponse(body, content_type="application/pdf")
    name = _file_name(scorecard, round_no, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def briefing_pdf(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    """The executive briefing (สรุปผู้บริหาร) of a round: two pages, as PDF."""
    scorecard = permissions.scorecard_for(request.user, pk)
    _round_or_404(scorecard, round_no)
    try:
        body = briefing.render_pdf(report_service.briefing_data(scorecard, round_no, request.user))
    except pdf.PdfError:
        messages.error(request, _("The PDF report cannot be made on this server right now."))
        return redirect(_overview(scorecard, round_no))
    response = HttpResponse(body, content_type="application/pdf")
    name = _file_name(scorecard, round_no, "pdf").replace(".pdf", "-brief.pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_xlsx(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    """The round's workbook: summary with live formulas, results entry, a sheet per KPI."""
    scorecard = permissions.scorecard_for(request.user, pk)
    _round_or_404(scorecard, round_no)
    response = HttpResponse(report_service.xlsx(scorecard, round_no), content_type=XLSX_TYPE)
    name = _file_name(scorecard, round_no, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def template_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The scorecard's current template as a workbook to draft next year's in Excel."""
    from thaikpi.reports.template_workbook import template_workbook

    scorecard = permissions.scorecard_for(request.user, pk)
    if scorecard.current is None:
        raise Http404("no version")
    body = template_workbook(scorecard.current.template_text)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    name = f"{scorecard.agency.code}-{scorecard.fiscal_year.year_be}-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def import_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled-in workbook: every result in it is saved, or nothing is."""
    scorecard = permissions.scorecard_for(request.user, pk)
    if not workbooks.may_import(request.user, scorecard):
        raise PermissionDenied(_("You do not report any KPI of this scorecard."))
    form = WorkbookForm(request.POST or None, request.FILES or None)
    problems: list[xlsx_checks.CellProblem] = []  # shown in the reader's language (|finding)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = workbooks.import_results(
                request.user, scorecard, upload.read(), upload.name or ""
            )
        except workbooks.WorkbookInvalid as exc:
            form.add_error(None, exc.message)
            problems = list(exc.cells)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if saved.kpis:
                messages.success(
                    request,
                    _("Round {round}: saved the results of KPI {kpis}.").format(
                        round=saved.round, kpis=", ".join(saved.kpis)
                    ),
                )
            else:
                messages.info(request, _("The workbook has no results to save."))
            return redirect(_overview(scorecard, saved.round))
    fy = scorecard.fiscal_year
    ctx = {
        "scorecard": scorecard,
        "form": form,
        "problems": problems,
        "year_label": fiscal_year_label(fy.year_be, fy.starts, fy.ends),
        "rounds": [r.number for r in engine.current(scorecard).rounds],
    }
    return render(request, "front/import_results.html", ctx)
