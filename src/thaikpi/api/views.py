"""API views: read the request, ask :mod:`thaikpi.scorecards.permissions`, call services.

Nothing here calculates or decides who may do what; the web pages' services and
permission rules do, so the API cannot drift from the web.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import authenticate
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.exceptions import AuthenticationFailed, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.api import serializers as s
from thaikpi.api.base import ApiView
from thaikpi.engine import model as m
from thaikpi.engine.numbers import parse_number
from thaikpi.reports import briefing, pdf
from thaikpi.results.models import Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.services import (
    agreement,
    engine,
    imports,
    joint,
    present,
    results,
    reviews,
    tokens,
    whatif,
)
from thaikpi.services import reports as report_service

ROUND = OpenApiParameter("round_no", int, OpenApiParameter.PATH, description="1 or 2")


# -- authentication -------------------------------------------------------------------


class TokenView(ApiView):
    """Exchange a user name and password for the user's API token; revoke it."""

    serializer_class = s.TokenRequestSerializer

    def get_permissions(self) -> list[Any]:
        """Anyone may ask for a token; only its owner may revoke it."""
        method = getattr(getattr(self, "request", None), "method", "")
        return [AllowAny()] if method == "POST" else super().get_permissions()

    @extend_schema(request=s.TokenRequestSerializer, responses={200: s.TokenSerializer})
    def post(self, request: Request) -> Response:
        """The user's token (created on first use); 401 for a wrong name or password."""
        data = s.TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, username=data.validated_data["username"],
                            password=data.validated_data["password"])  # fmt: skip
        if user is None or not user.is_active:
            raise AuthenticationFailed("Wrong user name or password.")
        return Response({"token": tokens.issue(user)})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        """Revoke the token: it stops working at once."""
        tokens.revoke(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# -- agencies, fiscal years, scorecards --------------------------------------------------


def agencies_for(user: Any) -> QuerySet[Agency]:
    """Agencies the user may read: all for evaluators, else their departments and divisions."""
    qs = Agency.objects.order_by("code")
    if permissions.is_evaluator(user):
        return qs
    departments = list(permissions.roles_of(user).by_agency)
    return qs.filter(Q(pk__in=departments) | Q(parent__in=departments))


class AgencyList(mixins.ListModelMixin, ApiView):
    """Agencies the user may read."""

    serializer_class = s.AgencySerializer

    def get_queryset(self) -> QuerySet[Agency]:
        """Visible agencies."""
        return agencies_for(self.request.user)

    def get(self, request: Request) -> Response:
        """A page of agencies."""
        return self.list(request)


class AgencyDetail(ApiView):
    """One agency."""

    serializer_class = s.AgencySerializer

    def get_queryset(self) -> QuerySet[Agency]:
        """Visible agencies."""
        return agencies_for(self.request.user)

    def get(self, request: Request, pk: int) -> Response:
        """The agency, or 404."""
        return Response(s.AgencySerializer(self.get_object()).data)


class FiscalYearList(mixins.ListModelMixin, ApiView):
    """Fiscal years known to the system."""

    serializer_class = s.FiscalYearSerializer
    queryset = FiscalYear.objects.order_by("-year_be")

    def get(self, request: Request) -> Response:
        """A page of fiscal years."""
        return self.list(request)


def _scorecards(user: Any) -> QuerySet[Any]:
    qs = permissions.visible_scorecards(user).filter(current__isnull=False)
    reviews = RoundReview.objects.select_related("version").only(
        *REVIEW_FIELDS, "version__id", "version__number"
    )  # the version's number, not its template text
    return qs.prefetch_related(Prefetch("reviews", queryset=reviews)).order_by(
        "agency__code", "-fiscal_year__year_be"
    )


REVIEW_FIELDS = ("id", "scorecard_id", "round_no", "state", "comment", "updated_at", "version")


class ScorecardList(mixins.ListModelMixin, ApiView):
    """Scorecards the user may read; ?agency=CODE and ?year=2567 filter them."""

    serializer_class = s.ScorecardSerializer

    def get_queryset(self) -> QuerySet[Any]:
        """Visible scorecards, filtered by agency code and Buddhist-era year."""
        qs = _scorecards(self.request.user)
        params = self.request.query_params
        if params.get("agency"):
            qs = qs.filter(agency__code=params["agency"])
        year = params.get("year")
        if year:
            if not year.isdigit() or len(year) > 6:
                raise ValidationError({"year": "Give a Buddhist-era year, e.g. 2567."})
            qs = qs.filter(fiscal_year__year_be=int(year))
        return qs

    @extend_schema(parameters=[OpenApiParameter("agency", str), OpenApiParameter("year", int)])
    def get(self, request: Request) -> Response:
        """A page of scorecards."""
        return self.list(request)


class ScorecardDetail(ApiView):
    """One scorecard with its current version and round states."""

    serializer_class = s.ScorecardSerializer

    def get(self, request: Request, pk: int) -> Response:
        """The scorecard, or 404 (also for other agencies' scorecards)."""
        return Response(s.ScorecardSerializer(self.scorecard()).data)


class ScorecardImport(ApiView):
    """Import a template: a new scorecard, or a new version of one (with a reason)."""

    serializer_class = s.TemplateImportSerializer

    @extend_schema(request=s.TemplateImportSerializer,
                   parameters=[OpenApiParameter("dry_run", bool)],
                   responses={201: s.ScorecardSerializer, 200: OpenApiTypes.OBJECT})  # fmt: skip
    def post(self, request: Request) -> Response:
        """Store the template as a new version: 201 with its changes and the rounds using it.

        ``dry_run`` only says so (200, ``dry_run``); a template identical to the current version
        stores nothing (200, ``unchanged``); 400 with the engine's findings line by line.
        """
        data = s.TemplateImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        dry_run = v["dry_run"] or request.query_params.get("dry_run", "") in ("1", "true")
        outcome = imports.import_version(request.user, v["template"], v["reason"],
                                         v.get("file_name", ""), dry_run=dry_run)  # fmt: skip
        body = outcome.as_dict()
        if outcome.dry_run:
            body |= {"code": "dry_run", "detail": imports.describe(outcome)}
            return Response(body)
        scorecard = _scorecards(request.user).get(pk=outcome.scorecard_id)
        body |= s.ScorecardSerializer(scorecard).data
        body["detail"] = imports.describe(outcome)
        if outcome.unchanged:
            body["code"] = "unchanged"
            return Response(body)
        return Response(body, status=status.HTTP_201_CREATED)


# -- KPIs --------------------------------------------------------------------------------


def kpi_dict(kpi: m.Kpi) -> dict[str, Any]:
    """A KPI with its definition and each round's resolved levels (with provenance)."""
    return {
        **present.kpi_summary(kpi),
        "description": kpi.description.th if kpi.description else None,
        "formula": kpi.formula,
        "inputs": [{"id": i.id, "name": i.name.th, "unit": i.unit.th if i.unit else None}
                   for i in kpi.inputs],
        "rounds": {str(n): {"assessed": r.assessed, "measure": r.measure.kind.value,
                            "levels": [present.level_dict(lv) for lv in r.levels]}
                   for n, r in kpi.rounds.items()},
    }  # fmt: skip


class KpiList(ApiView):
    """The KPIs of a scorecard's current version."""

    @extend_schema(operation_id="scorecards_kpis_list", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        """A page of KPIs."""
        sc = self.engine_scorecard(self.scorecard())
        return self.paginated(request, [kpi_dict(k) for k in sc.kpis])


class KpiDetail(ApiView):
    """One KPI."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int, kpi_id: str) -> Response:
        """The KPI, or 404."""
        kpi = self.engine_scorecard(self.scorecard()).kpi(kpi_id)
        if kpi is None:
            raise Http404("no such KPI")
        return Response(kpi_dict(kpi))


# -- results -------------------------------------------------------------------------------


def joint_results(scorecard: Any, round_no: int) -> dict[str, dict[str, Any]]:
    """A member's joint KPIs whose owner's result counts: KPI id → the owner's result as JSON.

    Marked with where it comes from (``joint``); the owner's user is not named to members.
    """
    sc = engine.parsed(engine.version_for(scorecard, round_no))
    shared = joint.sources({scorecard.pk: sc}, round_no).get(scorecard.pk, {})
    found = {}
    for kpi_id, row, source in joint.owner_results(scorecard.pk, shared, round_no):
        data = dict(s.ResultSerializer(row, context={"joint": source.as_dict()}).data)
        found[kpi_id] = data | {"kpi_id": kpi_id, "updated_by": None}
    return found


class ResultList(ApiView):
    """The results of a round: the scorecard's own, and a member's joint KPIs' from the owner."""

    serializer_class = s.ResultSerializer

    @extend_schema(parameters=[ROUND], responses={200: s.ResultSerializer(many=True)})
    def get(self, request: Request, pk: int, round_no: int) -> Response:
        """A page of results, by KPI id; a joint KPI's carries ``joint`` (its source)."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        shared = joint_results(scorecard, number)
        qs = Result.objects.filter(scorecard=scorecard, round_no=number)
        qs = qs.exclude(kpi_id__in=shared).select_related("version", "updated_by")
        own = {row["kpi_id"]: dict(row) for row in s.ResultSerializer(qs, many=True).data}
        merged = own | shared
        return self.paginated(request, [merged[k] for k in sorted(merged)])


class ResultDetail(ApiView):
    """One KPI's result in a round: read it, or save it under the web's role and lock rules."""

    serializer_class = s.ResultSerializer

    def _kpi(self, sc: m.Scorecard, kpi_id: str) -> m.Kpi:
        kpi = sc.kpi(kpi_id)
        if kpi is None:
            raise Http404("no such KPI")
        return kpi

    @extend_schema(parameters=[ROUND])
    def get(self, request: Request, pk: int, round_no: int, kpi_id: str) -> Response:
        """The stored result, or 404 when there is none yet."""
        scorecard = self.scorecard()
        sc = self.engine_scorecard(scorecard)
        number = self.round_no(sc)
        self._kpi(sc, kpi_id)
        if kpi_id in joint.named(sc):  # a member's joint KPI: the owner's, once sent
            shared = joint_results(scorecard, number)
            if kpi_id in shared:
                return Response(shared[kpi_id])
        row = (Result.objects.filter(scorecard=scorecard, round_no=number, kpi_id=kpi_id)
               .select_related("version", "updated_by").first())  # fmt: skip
        if row is None:
            raise Http404("no result yet")
        return Response(s.ResultSerializer(row).data)

    @extend_schema(parameters=[ROUND], request=s.ResultWriteSerializer,
                   responses={200: s.ResultSavedSerializer})  # fmt: skip
    def put(self, request: Request, pk: int, round_no: int, kpi_id: str) -> Response:
        """Save the result: 403 not yours, 409 round closed or changed since read, 400 bad."""
        scorecard = self.scorecard()
        sc = self.engine_scorecard(scorecard)
        number = self.round_no(sc)
        self._kpi(sc, kpi_id)
        data = s.ResultWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        row = results.save_result(request.user, scorecard, kpi_id, number, v["stored"], v["note"],
                                  v["revision"])  # fmt: skip
        warned = results.result_warnings(scorecard, kpi_id, number, v["stored"])
        return Response(s.ResultSavedSerializer(row, context={"warnings": warned}).data)


# -- scores, audit, what-if, review, reports -------------------------------------------------


class ScoreView(ApiView):
    """The round's scores from the engine: each KPI with its explanation, groups and total."""

    @extend_schema(parameters=[ROUND], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int, round_no: int) -> Response:
        """``thaikpi score --json``'s JSON plus ``explanation_th`` and unreadable results."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        scored = engine.score(scorecard, number)
        body = present.round_score_dict(scored.engine, scored.round, thai=True)
        body["findings"] = [f.as_dict() for f in scored.findings]
        body["version"] = scored.version  # a closed round: the version it was submitted under
        # A member's joint KPIs: whose result they take, and whether it counts yet.
        body["joint"] = {kpi_id: source.as_dict() for kpi_id, source in scored.shared.items()}
        return Response(body)


class AuditView(ApiView):
    """The audit of the scorecard's stated figures (mismatches first)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        """The same JSON as ``thaikpi audit --json``, from the audit the pages show."""
        sc = self.engine_scorecard(self.scorecard())
        return Response(present.audit_dict(engine.audit_report(sc)))


def _decimal_param(request: Request, name: str) -> Decimal | None:
    text = request.query_params.get(name)
    if text is None:
        return None
    try:
        value = parse_number(text, name)  # the one reading of typed numbers: "1_000" is refused
    except ValueError:
        raise ValidationError({name: "Give a number."}) from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1000):
        raise ValidationError({name: "Give a number from 0 to 1000."})
    return value


class NeedView(ApiView):
    """What-if: ?total=90 for what the KPIs without results need; ?kpi=2&score=75 for one KPI."""

    @extend_schema(parameters=[ROUND, OpenApiParameter("total", str), OpenApiParameter("kpi", str),
                               OpenApiParameter("score", str)],
                   responses={200: OpenApiTypes.OBJECT})  # fmt: skip
    def get(self, request: Request, pk: int, round_no: int) -> Response:
        """The engine's answer, with its explanation."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        total, score = _decimal_param(request, "total"), _decimal_param(request, "score")
        kpi_id = request.query_params.get("kpi")
        if kpi_id is not None and score is not None:
            need = whatif.need_for_score(scorecard, kpi_id, number, score)
            return Response(present.need_dict(need))
        if total is None:
            raise ValidationError({"total": "Give ?total=90, or ?kpi=ID&score=75."})
        return Response(present.total_need_dict(whatif.need_for_total(scorecard, number, total)))


class ReviewView(ApiView):
    """Submit, return, approve or lock a round, under the web's rules."""

    serializer_class = s.ReviewSerializer

    @extend_schema(parameters=[ROUND], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int, round_no: int) -> Response:
        """The checklist before a submit: KPIs without result, without evidence, with warnings."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        return Response(reviews.submit_checklist(scorecard, number).as_dict())

    @extend_schema(parameters=[ROUND], request=s.ReviewSerializer,
                   responses={200: s.RoundStateSerializer})  # fmt: skip
    def post(self, request: Request, pk: int, round_no: int) -> Response:
        """The round's new state; 403 when the user may not take this action now.

        A submit while KPIs have no result is refused (400, code ``missing_results``, with the
        checklist) unless ``acknowledge`` is true; a lock needs ``agency_code`` (400, code
        ``agency_code_mismatch``).
        """
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        review = reviews.act(
            request.user, scorecard, number, v["action"], v["comment"],
            acknowledge=v["acknowledge"], agency_code=v["agency_code"],
        )  # fmt: skip
        return Response(s.RoundStateSerializer(review).data)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookView(ApiView):
    """The round as an Excel workbook (summary, results entry, a sheet per KPI)."""

    @extend_schema(parameters=[ROUND], responses={(200, XLSX): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int, round_no: int) -> HttpResponse:
        """The .xlsx file."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        body = report_service.xlsx(scorecard, number)
        response = HttpResponse(body, content_type=XLSX)
        name = f"{scorecard.agency.code}-{scorecard.fiscal_year.year_be}-round{number}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


PDF = "application/pdf"


class BriefingView(ApiView):
    """The round's executive briefing: two A4 pages as PDF."""

    @extend_schema(
        parameters=[ROUND],
        responses={(200, PDF): OpenApiTypes.BINARY, (503, "application/json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, pk: int, round_no: int) -> HttpResponse:
        """The .pdf file; 503 when the server cannot print PDF (no Chromium)."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        data = report_service.briefing_data(scorecard, number, request.user)
        try:
            body = briefing.render_pdf(data)
        except pdf.PdfError:
            return Response(
                {"detail": _("The PDF report cannot be made on this server right now."),
                 "code": "pdf_unavailable"},
                status=503,
            )  # fmt: skip
        response = HttpResponse(body, content_type=PDF)
        name = f"{scorecard.agency.code}-{scorecard.fiscal_year.year_be}-round{number}-brief.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AgreementView(ApiView):
    """The scorecard's agreement: draft or agreed, and who signed which version."""

    serializer_class = s.SignSerializer

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        """Agreed or not, the signatures of the current (or agreed) version, what is missing."""
        return Response(agreement.status(request.user, self.scorecard()).as_dict())

    @extend_schema(request=s.SignSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        """Sign the current version for one side; 403 when the user may not sign that side."""
        scorecard = self.scorecard()
        data = s.SignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = agreement.sign(request.user, scorecard, data.validated_data["side"])
        return Response(done.as_dict())
