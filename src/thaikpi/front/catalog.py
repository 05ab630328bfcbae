"""The KPI 6 page: upload the agency's catalog dump and the GD Catalog's, see every dataset
checked (what to fix, in the reader's language), and store the computed result with the dumps
as its evidence. The checks are thaikpi.sources.catalog's; saving is services.catalog's.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thaikpi.scorecards import permissions
from thaikpi.services import catalog as service
from thaikpi.services.errors import Conflict, DomainError
from thaikpi.sources.catalog import CatalogScore, MatchRule, QualityRule, Rules


class CatalogForm(forms.Form):
    """The two dumps and the stated rules of the check."""

    agency = forms.FileField(
        label=gettext_lazy("The agency's data catalog (.jsonl or .json)"),
        help_text=gettext_lazy("`ckanapi dump datasets` output, or a saved package_search answer."),
    )
    central = forms.FileField(
        label=gettext_lazy("The GD Catalog (.jsonl or .json)"),
        help_text=gettext_lazy("The central catalog's datasets, in the same formats."),
    )
    match = forms.ChoiceField(
        label=gettext_lazy("Registered in the GD Catalog when"),
        choices=[
            (MatchRule.NAME.value, gettext_lazy("it has the same name")),
            (MatchRule.URL.value, gettext_lazy("its source URL is the agency's")),
        ],
        initial=MatchRule.NAME.value,
    )
    quality = forms.ChoiceField(
        label=gettext_lazy("Open format when"),
        choices=[
            (QualityRule.ANY.value, gettext_lazy("any resource is in an open format")),
            (QualityRule.ALL.value, gettext_lazy("every resource is in an open format")),
        ],
        initial=QualityRule.ANY.value,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def rules(self) -> Rules:
        """The rules chosen."""
        return Rules(
            MatchRule(self.cleaned_data["match"]), QualityRule(self.cleaned_data["quality"])
        )


@login_required
def catalog_page(request: HttpRequest, pk: int, kpi_id: str) -> HttpResponse:
    """Check the catalog dumps (nothing saved), or check and store the result."""
    scorecard = permissions.scorecard_for(request.user, pk)
    try:
        round_no, revision = service.current_revision(scorecard, kpi_id)
    except DomainError:
        raise Http404("this KPI is not computed from a data catalog") from None
    form = CatalogForm(request.POST or None, request.FILES or None, initial={"revision": revision})
    scored: CatalogScore | None = None
    if request.method == "POST" and form.is_valid():
        try:
            scored = _act(request, scorecard, kpi_id, form)
        except Conflict as exc:
            form.add_error(None, exc.message)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if scored is None:
                return redirect(reverse("front:kpi", args=[scorecard.pk, kpi_id]))
    ctx: dict[str, Any] = {
        "scorecard": scorecard,
        "kpi_id": kpi_id,
        "round_no": round_no,
        "form": form,
        "scored": scored,
        "may_report": permissions.may_report(request.user, scorecard, kpi_id),
    }
    return render(request, "front/catalog.html", ctx)


def _act(
    request: HttpRequest, scorecard: Any, kpi_id: str, form: CatalogForm
) -> CatalogScore | None:
    """Check only (the checked catalog), or store (None: saved, go back to the KPI)."""
    agency, central = form.cleaned_data["agency"], form.cleaned_data["central"]
    if "store" not in request.POST:
        return service.compute_kpi(
            scorecard,
            kpi_id,
            service.read_upload(agency),
            service.read_upload(central),
            form.rules(),
        )
    saved, scored = service.store_result(
        request.user,
        scorecard,
        kpi_id,
        agency,
        central,
        form.cleaned_data["revision"],
        form.rules(),
    )
    messages.success(
        request,
        _("KPI {kpi} round {round}: stored quality {quality}%, registered {registered}%.").format(
            kpi=kpi_id,
            round=saved.round_no,
            quality=scored.check.quality_pct,
            registered=scored.check.registered_pct,
        ),
    )
    return None
