"""A scorecard's life before its rounds: create it, compare its versions, sign it.

- ``scorecards/new/``: a new scorecard for an agency and fiscal year, from scratch or from
  last year's (services.creation); an upload goes to the import page.
- ``scorecards/<pk>/versions/``: two versions side by side, per KPI and field.
- ``scorecards/<pk>/sign/``: the agency head's or the evaluator's signature (services.agreement).
- ``import/sample.yaml`` and ``import/format/``: a template to start from and the format.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

import thaikpi
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.engine.formatting import fiscal_year_of
from thaikpi.front import tables
from thaikpi.scorecards import permissions
from thaikpi.services import agreement, creation, editor, versions
from thaikpi.services.errors import DomainError, Invalid
from thaikpi.web.dates import fiscal_year_label

UPLOAD = "upload"


class NewScorecardForm(forms.Form):
    """Which agency, which fiscal year, and where to start from."""

    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(
        label=gettext_lazy("Fiscal year (B.E.)"), min_value=2500, max_value=2700
    )
    start = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        widget=forms.RadioSelect,
        choices=[
            (
                creation.LAST_YEAR,
                gettext_lazy(
                    "Last year's scorecard: rules moved a year, baseline "
                    "extended by last year's results, texts and owners "
                    "copied"
                ),
            ),
            (creation.SCRATCH, gettext_lazy("A blank scorecard to fill in (two KPIs to rename)")),
            (
                UPLOAD,
                gettext_lazy("A file: a template workbook (Excel) or YAML, on the import page"),
            ),
        ],
        initial=creation.LAST_YEAR,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = permissions.importable_agencies(user).order_by("code")


def _next_year() -> int:
    """The fiscal year after the current one: the one agencies draft now."""
    return fiscal_year_of(datetime.date.today()) + 1


@login_required
def new_scorecard(request: HttpRequest) -> HttpResponse:
    """Create a draft scorecard for an agency and year (planners of the agency)."""
    if not permissions.may_import(request.user):
        raise PermissionDenied
    # The user's own agency first: a department's planner, the department rather than one
    # of its divisions; a division's planner, the division.
    mine = permissions.importable_agencies(request.user).order_by("code")
    first = mine.exclude(kind=AgencyKind.DIVISION).first() or mine.first()
    initial = {"year": _next_year(), "agency": first}
    form = NewScorecardForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["start"] == UPLOAD:
            return redirect("front:import")
        try:
            card, drafted = creation.create(
                request.user, data["agency"], data["year"], data["start"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Draft scorecard for {year} created (version 1). Check it, then sign it.").format(
                    year=data["year"]
                ),
            )
            for kpi_id, note in drafted.notes:
                messages.warning(request, _("KPI {kpi}: {note}").format(kpi=kpi_id, note=note))
            return redirect("front:overview", pk=card.pk)
    return render(request, "front/scorecard_new.html", {"form": form})


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign the scorecard's current version for one side."""
    scorecard = permissions.scorecard_for(request.user, pk)
    try:
        state = agreement.sign(request.user, scorecard, request.POST.get("side", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if state.agreed:
            messages.success(request, _("Signed: the scorecard is agreed and its rounds may open."))
        else:
            messages.success(request, _("Signed. The other side's signature is still needed."))
    return redirect("front:overview", pk=scorecard.pk)


def agreement_context(user: Any, scorecard: Any) -> dict[str, Any]:
    """What _agreement.html shows: no query once agreed, one for a draft's signatures."""
    state = None if scorecard.is_agreed else agreement.status(user, scorecard)
    return {
        "agreement": state,
        "sides": [(s.value, s.label) for s in agreement.SIDES],
        "sign_labels": {
            "agency": _("Sign as the head of the agency"),
            "evaluator": _("Sign as the evaluator"),
        },
    }


def _number(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 9 else default


@login_required
def versions_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side: every field that differs, per KPI."""
    scorecard = permissions.scorecard_for(request.user, pk)
    found = versions.listing(scorecard)
    old_default, new_default = versions.default_pair(found)
    old, new = _number(request, "a", old_default), _number(request, "b", new_default)
    try:
        comparison = versions.compare_versions(scorecard, old, new)
    except Invalid:
        raise Http404("no such version") from None
    fy = scorecard.fiscal_year
    ctx = {
        "scorecard": scorecard,
        "versions": found,
        "comparison": comparison,
        "t": tables.text,
        "field_words": editor.field_words,  # the changes come with levels named by score
        "year_label": fiscal_year_label(fy.year_be, fy.starts, fy.ends),
    }
    ctx |= agreement_context(request.user, scorecard)
    return render(request, "front/versions.html", ctx)


SAMPLE_HEADER = (
    "# A ThaiKPI scorecard template (format thaikpi/scorecard-v1) to start from.\n"
    "# ตัวอย่างแม่แบบตัวชี้วัด: แก้ชื่อ น้ำหนัก และค่าเป้าหมาย แล้วนำเข้าที่หน้า นำเข้าแม่แบบ\n"
    "# The format: the import page links it (/import/format/; docs/template-format.md).\n"
)


@login_required
def sample_yaml(request: HttpRequest) -> HttpResponse:
    """A valid template to start from: for the user's agency and next fiscal year."""
    agency = permissions.importable_agencies(request.user).order_by("code").first()
    if agency is None:
        raise PermissionDenied
    text = SAMPLE_HEADER + creation.skeleton(agency, _next_year())
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agency.code.lower()}-sample.yaml"'
    return response


# Shipped inside the package (an installed copy has no docs folder); a test keeps it identical
# to docs/template-format.md.
FORMAT_DOC = Path(thaikpi.__file__).resolve().parent / "templates" / "template-format.md"
SCHEMA = Path(thaikpi.__file__).resolve().parent / "templates" / "scorecard.schema.json"


@login_required
def template_format(request: HttpRequest) -> HttpResponse:
    """The template format's reference (the package's copy of docs/template-format.md), as text."""
    body = FORMAT_DOC.read_text(encoding="utf-8")
    return HttpResponse(body, content_type="text/plain; charset=utf-8")  # shown, not saved


@login_required
def template_schema(request: HttpRequest) -> HttpResponse:
    """The template format's JSON Schema, for editors that validate YAML."""
    response = HttpResponse(SCHEMA.read_bytes(), content_type="application/schema+json")
    response["Content-Disposition"] = 'attachment; filename="scorecard.schema.json"'
    return response
