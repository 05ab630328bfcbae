"""Joint KPIs: the list of those defined (who owns, who carries), and the evaluator's form.

A joint KPI is defined once here; member agencies then name its code in their template
(``joint: CODE`` on the KPI), which links their KPI to the owner's result on import.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.front.forms import NOT_A_CHOICE
from thaikpi.scorecards import permissions
from thaikpi.services import joint
from thaikpi.services.errors import Invalid, NotAllowed


def _latest_year() -> int | None:
    """The latest fiscal year the database knows, the form's first value."""
    return FiscalYear.objects.order_by("-year_be").values_list("year_be", flat=True).first()


class JointForm(forms.Form):
    """Code and year, names, the owning agency and its KPI, the member agencies."""

    code = forms.RegexField(
        label=_("Code"),
        max_length=64,
        regex=r"^[A-Za-z0-9_.\-]+$",
        help_text=_("Templates name it on the KPI: joint: CODE (letters, digits, - _ .)."),
        error_messages={"invalid": _("Use letters, digits, '-', '_' or '.' only.")},
    )
    year_be = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700, initial=_latest_year
    )
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=500)
    name_en = forms.CharField(label=_("Name (English)"), max_length=500, required=False)
    owner = forms.ModelChoiceField(
        label=_("Owning agency"),
        queryset=Agency.objects.exclude(kind=AgencyKind.DIVISION),
        help_text=_("It enters the result once, for every member."),
    )
    owner_kpi_id = forms.CharField(label=_("The owner's KPI number"), max_length=64, initial="1")
    members = forms.ModelMultipleChoiceField(
        label=_("Member agencies"),
        queryset=Agency.objects.exclude(kind=AgencyKind.DIVISION),
        required=False,
        error_messages=NOT_A_CHOICE,
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
def joint_list(request: HttpRequest) -> HttpResponse:
    """Every joint KPI with its owner, members and the scorecards carrying it; evaluators define."""
    may_define = permissions.is_evaluator(request.user)
    form = JointForm(request.POST or None) if may_define else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                defined = joint.define(
                    request.user, data["code"], data["year_be"], data["name_th"], data["owner"],
                    data["owner_kpi_id"], data["members"], name_en=data["name_en"],
                )  # fmt: skip
            except (Invalid, NotAllowed) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, gettext("Joint KPI {name} saved.").format(name=defined.name)
                )
                return redirect("front:joint")
    ctx = {"joints": joint.defined(), "form": form}
    return render(request, "front/joint.html", ctx)
