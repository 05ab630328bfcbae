"""Upload pages for the sheets KPI results come from: survey results for every agency (the
evaluator) and a KPI's monthly series (its agency). Each reads the file, shows what it would
store and every problem by row, and stores only once confirmed, the very file it showed
(services.staging keeps it between the two requests). The work is services.surveys' and
services.series'.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thaikpi.agencies.models import FiscalYear
from thaikpi.engine.findings import in_language
from thaikpi.front import tables
from thaikpi.front.forms import ThaiFileInput
from thaikpi.scorecards import permissions
from thaikpi.services import engine, series, staging, surveys
from thaikpi.services.errors import DomainError
from thaikpi.sources.surveys import PILLARS, Survey

SHEET_MAX_BYTES = 5 * 1024 * 1024  # a national survey sheet is ~50 KB; it is kept as evidence
SHEET_TYPES = (".csv", ".xlsx")
PREVIOUS = "_previous"  # KPI 1's export_value_previous: the same months of the year before
SURVEY_LABELS = {
    Survey.DGA: gettext_lazy("DGA digital-government readiness survey"),
    Survey.PMQA: gettext_lazy("PMQA 4.0 assessment"),
}


def _sheet(upload: Any) -> Any:
    """A .csv or .xlsx upload of a sane size."""
    if not (upload.name or "").lower().endswith(SHEET_TYPES):
        raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
    limit = min(SHEET_MAX_BYTES, settings.EVIDENCE_MAX_BYTES)
    if upload.size is None or upload.size > limit:
        raise forms.ValidationError(
            _("The file may be at most {mb} MB.").format(mb=limit // (1024 * 1024))
        )
    return upload


class SheetForm(forms.Form):
    """A sheet to preview (``file``), or the ticket of the one previewed, to confirm."""

    file = forms.FileField(
        label=gettext_lazy("Sheet (.csv or .xlsx)"), required=False, widget=ThaiFileInput
    )
    ticket = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        """Either a new file or the previewed one's ticket."""
        data = super().clean()
        if data.get("file"):
            _sheet(data["file"])
        elif not data.get("ticket"):
            raise forms.ValidationError(_("Choose a file."))
        return data

    def staged(self, user: Any) -> staging.Staged:
        """The file to read: a new upload (staged for its confirmation) or the previewed one."""
        upload = self.cleaned_data.get("file")
        if upload:
            return staging.stage(user, upload.read(), upload.name or "sheet.csv")
        return staging.take(user, self.cleaned_data["ticket"])


class SurveyForm(SheetForm):
    """The survey sheet, which survey it is, and the fiscal year and round it scores."""

    survey = forms.ChoiceField(
        label=gettext_lazy("Survey"),
        required=False,
        choices=[
            ("", gettext_lazy("Tell from the headers")),
            (Survey.DGA.value, gettext_lazy("DGA digital-government readiness (KPIs 7, 8)")),
            (Survey.PMQA.value, gettext_lazy("PMQA 4.0 (KPI 9)")),
        ],
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Fiscal year"), coerce=int)
    round_no = forms.TypedChoiceField(
        label=gettext_lazy("Round"),
        coerce=int,
        initial=2,
        choices=[(1, gettext_lazy("Round 1")), (2, gettext_lazy("Round 2"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = list(FiscalYear.objects.values_list("year_be", flat=True))
        field = self.fields["year"]
        field.choices = [(y, _("Fiscal year {year}").format(year=y)) for y in years]  # type: ignore[attr-defined]
        field.initial = years[0] if years else None

    def chosen_survey(self) -> Survey | None:
        """The survey chosen, or None to tell it from the headers."""
        chosen = self.cleaned_data.get("survey")
        return Survey(chosen) if chosen else None


@login_required
def survey_upload(request: HttpRequest) -> HttpResponse:
    """Evaluators: preview a survey sheet matched to agencies, then store it for all at once."""
    if not permissions.is_evaluator(request.user):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, request.FILES or None)
    ctx: dict[str, Any] = {"form": form, "pillars": PILLARS}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirm = "confirm" in request.POST and not data.get("file")
        try:
            staged = form.staged(request.user)
            report = surveys.import_survey(
                request.user,
                staged.data,
                staged.name,
                data["year"],
                data["round_no"],
                form.chosen_survey(),
                dry_run=not confirm,
            )
        except surveys.SurveyInvalid as exc:
            form.add_error(None, exc.message)
            ctx["cells"] = exc.texts(get_language() or "th")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if confirm:
                staging.discard(staged.ticket)
                messages.success(request, _survey_done(report, data["year"], data["round_no"]))
                return redirect("front:surveys")
            ctx |= {"report": report, "staged": staged, "rows": _survey_rows(report),
                    "survey_label": SURVEY_LABELS[report.survey]}  # fmt: skip
    return render(request, "front/survey_upload.html", ctx)


def _survey_done(report: surveys.SurveyReport, year: int, round_no: int) -> str:
    return _(
        "Stored the survey results of {n} agencies for fiscal year {year}, round {round}; "
        "the file is kept as each result's evidence."
    ).format(n=len(report.matched), year=year, round=round_no)


def _survey_rows(report: surveys.SurveyReport) -> list[dict[str, Any]]:
    """Each row of the sheet as the preview shows it: matched to whom, its figures, problems."""
    matched = {m.row: m for m in report.matched}
    unmatched = {row for row, _agency in report.unmatched}
    problems = report.problems_by_row()
    language = get_language() or "th"
    shown = []
    for row in report.rows:
        found = matched.get(row.row)
        shown.append(
            {
                "row": row.row,
                "written": row.agency,
                "agency": found.name_th if found else "",
                "code": found.agency if found else "",
                "kpis": found.kpis if found else (),
                "parts": row.parts,
                "overall": row.overall,
                "skipped": row.row in unmatched,
                "problems": [
                    in_language(language, p.message, p.message_th)
                    for p in problems.get(row.row, ())
                ],
            }
        )
    return shown


class MonthlyForm(SheetForm):
    """A KPI's monthly series sheet."""


@login_required
def monthly_upload(request: HttpRequest, pk: int, kpi_id: str) -> HttpResponse:
    """The agency: preview a KPI's monthly sheet (its months, the rounds it completes, where the
    year is heading with it), then store it; complete rounds keep the file as evidence."""
    scorecard = permissions.scorecard_for(request.user, pk)
    kpi = engine.current(scorecard).kpi(kpi_id)
    if kpi is None or not series.takes_months(kpi):
        raise Http404("this KPI has no inputs to load by month")
    if not permissions.may_report(request.user, scorecard, kpi_id):
        raise PermissionDenied
    form = MonthlyForm(request.POST or None, request.FILES or None)
    ctx: dict[str, Any] = {"scorecard": scorecard, "kpi": kpi, "form": form,
                           "columns": _monthly_columns(kpi)}  # fmt: skip
    if request.method == "POST" and form.is_valid():
        confirm = "confirm" in request.POST and not form.cleaned_data.get("file")
        try:
            staged = form.staged(request.user)
            outcome = series.import_monthly(
                request.user, scorecard, kpi_id, staged.data, staged.name, dry_run=not confirm
            )
        except series.SeriesInvalid as exc:
            form.add_error(None, exc.message)
            ctx["cells"] = exc.texts(get_language() or "th")
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if confirm:
                staging.discard(staged.ticket)
                messages.success(request, _monthly_done(outcome, kpi_id))
                return redirect("front:kpi", pk=scorecard.pk, kpi_id=kpi_id)
            ctx |= {"preview": outcome, "staged": staged, "outlook": outcome.outlook}
    return render(request, "front/monthly_upload.html", ctx)


@login_required
def series_file_download(request: HttpRequest, pk: int) -> FileResponse:
    """A KPI's monthly sheet as uploaded, to whoever may read its scorecard (404 otherwise)."""
    kept = series.series_file_for(request.user, pk)
    return FileResponse(
        kept.file.open("rb"),
        as_attachment=True,
        filename=kept.original_name,
        content_type=kept.content_type,
    )


def _monthly_columns(kpi: Any) -> list[str]:
    """The inputs a monthly sheet gives, by name: not last year's sums, computed from them."""
    series_ids = {i.id for i in kpi.inputs}
    return [
        tables.text(i.name)
        for i in kpi.inputs
        if not (i.id.endswith(PREVIOUS) and i.id.removesuffix(PREVIOUS) in series_ids)
    ]


def _monthly_done(outcome: series.SeriesImported, kpi_id: str) -> str:
    text = _("KPI {kpi}: stored {n} monthly values.").format(
        kpi=kpi_id, n=sum(outcome.values.values())
    )
    if outcome.stored_rounds:
        text += " " + _("Round {rounds} computed from them, the file kept as evidence.").format(
            rounds=", ".join(map(str, outcome.stored_rounds))
        )
    else:
        text += " " + _("The file is kept with the KPI's monthly sheets.")
    return text
