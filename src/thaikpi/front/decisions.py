"""The planner's decision on a level whose stated figure differs from its recomputation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from thaikpi.results.choices import FigureChoice
from thaikpi.scorecards import permissions
from thaikpi.services import decisions
from thaikpi.services.errors import DomainError, NotAllowed


class DecisionForm(forms.Form):
    """Keep the stated figure or use the recomputed one, and why."""

    choice = forms.ChoiceField(
        label=_lazy("Decision"), choices=FigureChoice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _lazy("Say why: a decision needs a reason.")},
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, kpi_id: str, round_no: int, score: int) -> HttpResponse:
    """Record the decision, then back to the KPI page's levels of that round."""
    scorecard = permissions.scorecard_for(request.user, pk)
    if not decisions.can_decide(request.user, scorecard):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            decisions.decide(
                request.user,
                scorecard,
                kpi_id,
                round_no,
                score,
                form.cleaned_data["choice"],
                form.cleaned_data["reason"],
            )
        except NotAllowed:
            raise PermissionDenied from None
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            said = _("Decision recorded: level {level} of round {round} now uses the {which}.")
            which = (
                _("stated figure")
                if form.cleaned_data["choice"] == FigureChoice.STATED
                else _("recomputed figure")
            )
            messages.success(request, said.format(level=score, round=round_no, which=which))
    back = reverse("front:kpi", args=[scorecard.pk, kpi_id])
    return redirect(f"{back}?round={round_no}#levels")
