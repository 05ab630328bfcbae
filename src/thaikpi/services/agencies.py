"""Agencies at every level: finding the one a template names, and adding a missing one.

A scorecard may belong to a ministry, a department, a province or a division (its internal
scorecard). A template names its agency by code with a Thai name and its ministry; when no agency
has that code, the import says so and offers administrators and evaluators a creation form
prefilled from the template (:func:`proposal_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.changelog.log import record
from thaikpi.engine import model as m
from thaikpi.scorecards import permissions
from thaikpi.services.errors import Invalid, NotAllowed

# How a Thai agency name starts → its kind; the longest prefix wins ("สำนักงานจังหวัด" is a
# province's office, "สำนัก" alone a division). Only a suggestion: the form lets the user change it.
KIND_PREFIXES = (
    ("สำนักงานจังหวัด", AgencyKind.PROVINCE),
    ("สำนักงาน", AgencyKind.DEPARTMENT),
    ("กระทรวง", AgencyKind.MINISTRY),
    ("จังหวัด", AgencyKind.PROVINCE),
    ("สำนัก", AgencyKind.DIVISION),
    ("กรม", AgencyKind.DEPARTMENT),
    ("กอง", AgencyKind.DIVISION),
)


@dataclass(frozen=True)
class Proposal:
    """An agency a template names but the database lacks, as the creation form's first values."""

    code: str
    name_th: str
    name_en: str
    kind: str
    parent: Agency | None  # the ministry named by the template, when it exists

    def as_query(self) -> dict[str, str]:
        """The creation form's initial values, as URL query parameters."""
        query = {"code": self.code, "name_th": self.name_th, "name_en": self.name_en,
                 "kind": self.kind}  # fmt: skip
        if self.parent is not None:
            query["parent"] = str(self.parent.pk)
        return {k: v for k, v in query.items() if v}


class AgencyMissing(Invalid):
    """The template names an agency code that no agency has; ``proposal`` says what to add."""

    def __init__(self, message: str, proposal: Proposal) -> None:
        super().__init__(message)
        self.proposal = proposal


def kind_of(name_th: str) -> str:
    """The kind a Thai agency name suggests ('กระทรวงพาณิชย์' → ministry); department otherwise."""
    name = name_th.strip()
    return next((kind for prefix, kind in KIND_PREFIXES if name.startswith(prefix)),
                AgencyKind.DEPARTMENT).value  # fmt: skip


def proposal_for(spec: m.Agency) -> Proposal:
    """What to create for a template's agency: its code, names, kind and ministry."""
    is_ministry = spec.name.th.strip() == spec.ministry.th.strip()
    kind = AgencyKind.MINISTRY.value if is_ministry else kind_of(spec.name.th)
    parent = None
    if not is_ministry and spec.ministry.th.strip():
        parent = Agency.objects.filter(
            kind=AgencyKind.MINISTRY, name_th=spec.ministry.th.strip()
        ).first()
    return Proposal(spec.code, spec.name.th.strip(), spec.name.en.strip(), kind, parent)


def agency_for(spec: m.Agency) -> Agency:
    """The agency with the template's code, at any level; AgencyMissing naming what to add."""
    agency = Agency.objects.filter(code=spec.code).first()
    if agency is None:
        raise AgencyMissing(
            _(
                "No agency has the code {code} ({name}); an administrator or evaluator must "
                "add it first."
            ).format(code=spec.code, name=spec.name.th),
            proposal_for(spec),
        )
    return agency


FIELDS = ("code", "name_th", "name_en", "kind", "parent")


@transaction.atomic
def create_agency(user: Any, data: dict[str, Any]) -> Agency:
    """Add an agency (administrators and evaluators only), recorded in the audit log."""
    if not permissions.can_add_agency(user):
        raise NotAllowed(_("Only administrators and evaluators may add agencies."))
    values = {name: data.get(name) for name in FIELDS}
    values["name_en"] = values["name_en"] or ""
    check_parent(values["kind"], values["parent"])
    try:
        with transaction.atomic():
            agency = Agency.objects.create(**values)
    except IntegrityError:
        raise Invalid(
            _("An agency with the code {code} already exists.").format(code=values["code"])
        ) from None
    after = {name: getattr(agency, name) for name in FIELDS[:-1]}
    after["parent"] = agency.parent.code if agency.parent else None
    record(user, "agency.create", agency, after=after)
    return agency


def check_parent(kind: str, parent: Agency | None) -> None:
    """A division belongs to an agency; a ministry belongs to none; others to a ministry if any."""
    if kind == AgencyKind.DIVISION and parent is None:
        raise Invalid(_("A division needs the agency it belongs to."))
    if kind == AgencyKind.MINISTRY and parent is not None:
        raise Invalid(_("A ministry belongs to no other agency."))
    if parent is not None and parent.kind == AgencyKind.DIVISION:
        raise Invalid(_("An agency cannot belong to a division."))
