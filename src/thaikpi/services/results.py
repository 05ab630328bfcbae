"""Entering results, monthly progress and evidence; previewing scores before saving."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thaikpi.changelog.log import record
from thaikpi.changelog.models import AuditLog
from thaikpi.engine import model as m
from thaikpi.engine.findings import EngineError, Finding
from thaikpi.results.models import Evidence, MonthlyProgress, Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, joint, rounds
from thaikpi.services.errors import Conflict, Invalid, NotAllowed, RoundClosed

# Evidence: extension → the bytes such a file starts with (None: plain text, checked as UTF-8).
EVIDENCE_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
    # Catalog dumps KPI 6 is computed from (services/catalog.py): kept as the result's evidence.
    ".json": ("application/json", None),
    ".jsonl": ("application/jsonl", None),
}


def kpi_or_invalid(scorecard: Scorecard, kpi_id: str, sc: m.Scorecard | None = None) -> m.Kpi:
    """The engine KPI (of ``sc``, by default the current version), or Invalid if there is none."""
    kpi = (sc or engine.current(scorecard)).kpi(kpi_id)
    if kpi is None:
        raise Invalid(_("This scorecard has no KPI {kpi}.").format(kpi=kpi_id))
    return kpi


def validate(kpi: m.Kpi, round_no: int, stored: Any) -> None:
    """Let the engine read the raw result; Invalid with its findings if it cannot."""
    try:
        engine.read(kpi, round_no, engine.to_engine(stored))
    except ValueError:
        raise Invalid(_("Enter numbers only, e.g. 1234.56.")) from None
    except EngineError as exc:
        language = get_language() or "th"  # the engine's own words, in the user's language
        raise Invalid("; ".join(f.text(language) for f in exc.findings), exc.findings) from None


def result_warnings(scorecard: Scorecard, kpi_id: str, round_no: int, stored: Any) -> list[Finding]:
    """The engine's warnings on a result it accepts, e.g. a value far beyond the 100 level."""
    kpi = kpi_or_invalid(scorecard, kpi_id)
    try:
        return list(engine.read(kpi, round_no, engine.to_engine(stored)).warnings)
    except (ValueError, EngineError):
        return []  # a refused result has problems, not warnings (see validate)


def check_can_edit(
    user: Any, scorecard: Scorecard, kpi_id: str, review: RoundReview, by_source: bool = False
) -> None:
    """NotAllowed for a user who does not store this KPI's results, RoundClosed for a closed
    round (the rule of permissions.can_store_result, in two steps so each has its reason;
    ``by_source`` for a survey's). The owners' query runs once.
    """
    if not permissions.may_store(user, scorecard, kpi_id, by_source):
        raise NotAllowed(_("You may not enter results for this KPI."))
    joint.check_not_shared(scorecard, engine.current(scorecard), kpi_id)
    if not review.is_open:
        raise _closed(review)


def _closed(review: RoundReview) -> RoundClosed:
    return RoundClosed(
        _("Round {round} is {state}; its results cannot change.").format(
            round=review.round_no, state=review.get_state_display()
        )
    )


def snapshot(result: Result | None) -> dict[str, Any] | None:
    """What the audit log keeps of a result."""
    if result is None:
        return None
    return {"raw": result.raw, "note": result.note, "revision": result.revision}


@transaction.atomic
def save_result(
    user: Any,
    scorecard: Scorecard,
    kpi_id: str,
    round_no: int,
    stored: Any,
    note: str,
    expected_revision: int,
    evidence: UploadedFile | None = None,
    *,
    by_source: bool = False,
) -> Result:
    """Save a result (and an evidence file) if nobody saved it since ``expected_revision``.

    ``by_source`` is for a result a published source decides for every agency at once (the
    DGA and PMQA surveys): an evaluator may then save it too, in an open round.
    """
    review = rounds.review_for_update(scorecard, round_no)
    check_can_edit(user, scorecard, kpi_id, review, by_source)
    # Read with the round's version: the current one while open, as check_can_edit ensures.
    sc = engine.decided(scorecard, engine.version_of_review(scorecard, review))
    kpi = kpi_or_invalid(scorecard, kpi_id, sc)
    validate(kpi, round_no, stored)
    result = (
        Result.objects.select_for_update()
        .filter(scorecard=scorecard, kpi_id=kpi_id, round_no=round_no)
        .first()
    )
    if result is not None:
        result.scorecard = scorecard  # in memory, with its agency and year: the log names it
    if (result.revision if result else 0) != expected_revision:
        raise Conflict(
            _(
                "This result was changed by someone else since you opened it. "
                "Your values are still in the form: check theirs, then save again."
            ),
            current=result,
        )
    before = snapshot(result)
    if result is None:
        result = Result(scorecard=scorecard, kpi_id=kpi_id, round_no=round_no, revision=0)
    result.raw, result.note = stored, note
    result.revision += 1
    result.version = scorecard.current
    result.updated_by = user
    result.save()
    record(
        user,
        "result.save",
        result,
        before=before,
        after=snapshot(result),
        scorecard=scorecard,
        kpi_id=kpi_id,
    )
    joint.touch_carriers(scorecard)  # members scoring with this result see it at once
    if evidence is not None:
        # same transaction: a refused file saves nothing
        add_evidence(user, result, evidence, by_source=by_source)
    return result


def preview(scorecard: Scorecard, kpi_id: str, round_no: int, stored: Any) -> engine.Scored:
    """The round's score as if this result were saved (nothing is written)."""
    version = engine.version_for(scorecard, round_no)  # a closed round: the one it was under
    kpi = kpi_or_invalid(scorecard, kpi_id, engine.decided(scorecard, version))
    joint.check_not_shared(scorecard, engine.parsed(version), kpi_id)
    validate(kpi, round_no, stored)
    return engine.score(scorecard, round_no, {kpi_id: stored}, version)


def _round_of_month(month: int) -> int:
    """Months 1–6 of the fiscal year (Oct–Mar) are reported in round 1, the rest in round 2."""
    return 1 if month <= 6 else 2


@transaction.atomic
def set_progress(user: Any, scorecard: Scorecard, kpi_id: str, month: int, value: Decimal) -> None:
    """Record a KPI's progress value for a month of the fiscal year."""
    if not 1 <= month <= 12:
        raise Invalid(_("The month must be 1 (October) to 12 (September)."))
    review = rounds.review_for_update(scorecard, _round_of_month(month))
    check_can_edit(user, scorecard, kpi_id, review)
    kpi_or_invalid(scorecard, kpi_id)
    row = MonthlyProgress.objects.filter(scorecard=scorecard, kpi_id=kpi_id, month=month).first()
    before = None if row is None else {"value": str(row.value)}
    row = row or MonthlyProgress(scorecard=scorecard, kpi_id=kpi_id, month=month)
    row.value = value
    row.save()
    record(
        user,
        "progress.save",
        row,
        before=before,
        after={"value": str(value)},
        scorecard=scorecard,
        kpi_id=kpi_id,
    )


def check_upload(upload: UploadedFile) -> tuple[str, str]:
    """(safe name, content type) of an allowed evidence file; Invalid otherwise."""
    name = os.path.basename(upload.name or "file")[:200]
    ext = os.path.splitext(name)[1].lower()
    if ext not in EVIDENCE_TYPES:
        raise Invalid(
            _("Evidence must be one of: {types}.").format(types=", ".join(sorted(EVIDENCE_TYPES)))
        )
    if upload.size is None or upload.size > settings.EVIDENCE_MAX_BYTES:
        raise Invalid(
            _("Evidence files may be at most {mb} MB.").format(
                mb=settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
            )
        )
    content_type, magic = EVIDENCE_TYPES[ext]
    head = upload.read(2048)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise Invalid(_("The file's content does not match its type {ext}.").format(ext=ext))
    if magic is None and b"\x00" in head:
        raise Invalid(_("The file's content does not match its type {ext}.").format(ext=ext))
    return name, content_type


@transaction.atomic
def add_evidence(
    user: Any, result: Result, upload: UploadedFile, *, by_source: bool = False
) -> Evidence:
    """Attach an evidence file to a result of an open round (``by_source``: see save_result)."""
    review = rounds.review_for_update(result.scorecard, result.round_no)
    check_can_edit(user, result.scorecard, result.kpi_id, review, by_source)
    name, content_type = check_upload(upload)
    evidence = Evidence(
        result=result,
        original_name=name,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=user,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    record(
        user,
        "evidence.add",
        evidence,
        after={"name": name, "size": evidence.size},
        scorecard=result.scorecard,
        kpi_id=result.kpi_id,
    )
    return evidence


def editable_kpis(user: Any, scorecard: Scorecard, review: RoundReview) -> set[str]:
    """The KPI ids this user may edit in this round now (none once the round is submitted)."""
    if not review.is_open:
        return set()
    sc = engine.current(scorecard)
    if permissions.is_planner(user, scorecard):
        mine = {k.id for k in sc.kpis}
    else:
        mine = permissions.owned_kpis(user, scorecard)
    return mine - set(joint.shared_kpis(scorecard, sc))  # a member's joint KPIs: the owner's


# Reads for the KPI page.


def stored_result(scorecard: Scorecard, kpi_id: str, round_no: int) -> Result | None:
    """The stored result of a KPI in a round, if any."""
    return Result.objects.filter(scorecard=scorecard, kpi_id=kpi_id, round_no=round_no).first()


def monthly_progress(scorecard: Scorecard, kpi_id: str) -> dict[int, Decimal]:
    """Month of the fiscal year (1 = October) → the KPI's progress value."""
    found = MonthlyProgress.objects.filter(scorecard=scorecard, kpi_id=kpi_id).order_by()
    return dict(found.values_list("month", "value"))  # unordered: no join for Meta.ordering


def kpi_history(scorecard: Scorecard, kpi_id: str, limit: int = 50) -> list[AuditLog]:
    """The KPI's latest audit log entries, newest first, with who made them."""
    found = AuditLog.objects.filter(scorecard=scorecard, kpi_id=kpi_id)
    found = found.select_related("actor").defer("actor__password")
    return list(found.order_by("-at", "-id")[:limit])


def kpi_evidence(scorecard: Scorecard, kpi_id: str) -> list[Evidence]:
    """The KPI's evidence files of every round, oldest first, each with its result."""
    found = Evidence.objects.filter(result__scorecard=scorecard, result__kpi_id=kpi_id)
    return list(found.select_related("result").order_by("uploaded_at", "id"))
