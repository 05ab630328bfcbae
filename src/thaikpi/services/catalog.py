"""KPI 6 from uploaded catalog dumps: compute it, then store it as the KPI's result with the
dumps kept as its evidence. The checks and the scoring are thaikpi.sources.catalog's and the
engine's; this module only reads the uploads, calls them and saves through services.results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thaikpi.engine.findings import EngineError
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, results
from thaikpi.services.errors import Invalid
from thaikpi.sources import ckan
from thaikpi.sources.catalog import (
    CatalogScore,
    MatchRule,
    QualityRule,
    Rules,
    compute,
    conditions_round,
    inputs_of,
)


@dataclass(frozen=True)
class Dump:
    """An uploaded catalog dump: its file name and bytes."""

    name: str
    data: bytes


def size_limit() -> int:
    """The largest dump accepted: it must also fit as evidence."""
    return min(ckan.MAX_DUMP_BYTES, settings.EVIDENCE_MAX_BYTES)


def read_upload(upload: UploadedFile) -> Dump:
    """The upload's bytes, refused before reading when it is over the size limit."""
    limit = size_limit()
    if upload.size is None or upload.size > limit:
        raise Invalid(_("A catalog dump may be at most {mb} MB.").format(mb=limit // (1024 * 1024)))
    data = upload.read()
    upload.seek(0)
    return Dump(upload.name or "catalog.jsonl", data)


def _invalid(exc: EngineError) -> Invalid:
    language = get_language() or "th"
    lines = [f"{f.location()}: {f.text(language)}" for f in exc.findings]
    return Invalid("; ".join(lines), exc.findings)


def compute_kpi(
    scorecard: Scorecard,
    kpi_id: str,
    agency: Dump,
    central: Dump,
    rules: Rules | None = None,
    round_no: int | None = None,
) -> CatalogScore:
    """KPI ``kpi_id`` computed from the agency's and the GD Catalog's dumps (nothing saved)."""
    try:
        mine = ckan.read_dump(agency.data, agency.name, size_limit())
        gd = ckan.read_dump(central.data, central.name, size_limit())
        return compute(engine.current(scorecard), kpi_id, mine, gd, rules, round_no)
    except EngineError as exc:
        raise _invalid(exc) from None


def stored_inputs(scored: CatalogScore) -> dict[str, str]:
    """The result as the Result row stores it: each share as a decimal string."""
    return {name: str(value) for name, value in inputs_of(scored.check).items()}


MATCH_LABELS = {
    MatchRule.NAME: gettext_lazy("the same name"),
    MatchRule.URL: gettext_lazy("the source URL"),
}
QUALITY_LABELS = {QualityRule.ANY: gettext_lazy("any"), QualityRule.ALL: gettext_lazy("every")}


def note_for(scored: CatalogScore) -> str:
    """The result's note: where the figures come from, for the reviewer."""
    check = scored.check
    return _(
        "Computed from the data catalog: {total} public datasets, {counted} with all 14 "
        "metadata items; quality {quality}%, registered in the GD Catalog {registered}% "
        "(registered by {match}; open when {quality_rule} resource is in an open format)."
    ).format(
        total=check.total,
        counted=check.counted,
        quality=check.quality_pct,
        registered=check.registered_pct,
        match=MATCH_LABELS[check.rules.match],
        quality_rule=QUALITY_LABELS[check.rules.quality],
    )


@transaction.atomic
def store_result(
    user: Any,
    scorecard: Scorecard,
    kpi_id: str,
    agency: UploadedFile,
    central: UploadedFile,
    expected_revision: int,
    rules: Rules | None = None,
    round_no: int | None = None,
) -> tuple[Result, CatalogScore]:
    """Compute the KPI from the two dumps and save it as the round's result, dumps as evidence.

    One transaction: if either dump is refused as evidence, no result is saved either.
    """
    scored = compute_kpi(
        scorecard, kpi_id, read_upload(agency), read_upload(central), rules, round_no
    )
    saved = results.save_result(
        user,
        scorecard,
        kpi_id,
        scored.round_no,
        stored_inputs(scored),
        note_for(scored),
        expected_revision,
        evidence=agency,
    )
    results.add_evidence(user, saved, central)
    return saved, scored


def current_revision(scorecard: Scorecard, kpi_id: str) -> tuple[int, int]:
    """(the round the catalog KPI is scored in, its stored result's revision, 0 if none)."""
    kpi = results.kpi_or_invalid(scorecard, kpi_id)
    try:
        round_no = conditions_round(kpi)
    except EngineError as exc:
        raise _invalid(exc) from None
    found = Result.objects.filter(scorecard=scorecard, kpi_id=kpi_id, round_no=round_no).first()
    return round_no, found.revision if found else 0
