"""Adding an agency (ministry, department, province or division): a small form page.

Administrators and evaluators add agencies here; every addition is in the audit log. The
template import links here, prefilled from the template, when it names an agency that is
missing (:func:`offer`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.scorecards import permissions
from thaikpi.services import agencies
from thaikpi.services.errors import Invalid, NotAllowed


class AgencyForm(forms.Form):
    """Code, Thai and English names, kind, and the agency it belongs to."""

    code = forms.RegexField(
        label=gettext_lazy("Code"),
        max_length=64,
        regex=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        help_text=gettext_lazy("As templates name it, e.g. DIT or MOC: letters, digits, - _ ."),
        error_messages={"invalid": gettext_lazy("Use letters, digits, '-', '_' or '.' only.")},
    )
    name_th = forms.CharField(label=gettext_lazy("Name (Thai)"), max_length=255)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=255, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AgencyKind.choices)
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Belongs to"),
        queryset=Agency.objects.exclude(kind=AgencyKind.DIVISION),
        required=False,
        help_text=gettext_lazy(
            "The ministry of a department or province; the agency of a division."
        ),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


def offer(user: Any, exc: Invalid) -> str | None:
    """The creation form's address prefilled from a template, if the user may add agencies."""
    proposal = getattr(exc, "proposal", None)
    if proposal is None or not permissions.can_add_agency(user):
        return None
    query = {**proposal.as_query(), "next": reverse("front:import")}
    return f"{reverse('front:agency_new')}?{urlencode(query)}"


@login_required
def add_agency(request: HttpRequest) -> HttpResponse:
    """Add an agency; back to where the user came from (the import) or to the home page."""
    if not permissions.can_add_agency(request.user):
        raise PermissionDenied
    form = AgencyForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            agency = agencies.create_agency(request.user, form.cleaned_data)
        except (Invalid, NotAllowed) as exc:
            form.add_error(None, exc.message)
        else:
            added = _("Agency {code} ({name}) added.")
            messages.success(request, added.format(code=agency.code, name=agency.name))
            back = form.cleaned_data.get("next") or ""
            safe = url_has_allowed_host_and_scheme(back, {request.get_host()})
            return redirect(back if back and safe else "front:home")
    return render(request, "front/agency_new.html", {"form": form})
