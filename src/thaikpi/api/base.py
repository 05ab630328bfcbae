"""What every API view shares: token auth, JSON errors, pagination.

Set per view rather than in settings, so the API's wiring in settings stays two lines.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from thaikpi.engine import model as m
from thaikpi.engine.findings import EngineError
from thaikpi.reports.xlsx_checks import WorkbookError
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.scorecards.permissions import NotFound
from thaikpi.services import engine
from thaikpi.services.errors import (
    CodeMismatch,
    Conflict,
    DomainError,
    Incomplete,
    Invalid,
    NotAllowed,
    RoundClosed,
)

# Domain refusals and the HTTP status each one gets.
STATUS = (
    (Conflict, status.HTTP_409_CONFLICT, "conflict"),
    (RoundClosed, status.HTTP_409_CONFLICT, "round_closed"),
    (NotAllowed, status.HTTP_403_FORBIDDEN, "not_allowed"),
    (Incomplete, status.HTTP_400_BAD_REQUEST, "missing_results"),
    (CodeMismatch, status.HTTP_400_BAD_REQUEST, "agency_code_mismatch"),
    (Invalid, status.HTTP_400_BAD_REQUEST, "invalid"),
)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error as JSON: ``detail`` (a message), ``code``, and ``findings`` where there are."""
    if isinstance(exc, DomainError):
        code, name = next(((c, n) for t, c, n in STATUS if isinstance(exc, t)), (400, "invalid"))
        body: dict[str, Any] = {"detail": exc.message, "code": name}
        if isinstance(exc, Invalid) and exc.findings:
            body["findings"] = [f.as_dict() for f in exc.findings]
        proposal = getattr(exc, "proposal", None)  # an import naming a missing agency
        if proposal is not None:
            body["missing_agency"] = proposal.as_query()
        if isinstance(exc, Incomplete):
            body["checklist"] = exc.checklist.as_dict()
        if isinstance(exc, Conflict) and exc.current is not None:
            body["current_revision"] = exc.current.revision
        return Response(body, status=code)
    if isinstance(exc, EngineError):
        return Response({"detail": str(exc.findings[0].message) if exc.findings else "invalid",
                         "code": "invalid", "findings": [f.as_dict() for f in exc.findings]},
                        status=status.HTTP_400_BAD_REQUEST)  # fmt: skip
    if isinstance(exc, WorkbookError):
        return Response({"detail": str(exc), "code": "invalid_workbook",
                         "problems": list(exc.texts("en")), "problems_th": list(exc.texts("th"))},
                        status=status.HTTP_400_BAD_REQUEST)  # fmt: skip
    if isinstance(exc, NotFound):  # a scorecard the user may not read: as if there were none
        exc = Http404(str(exc))
    response = drf_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        detail = response.data.get("detail")
        response.data["code"] = getattr(detail, "code", None) or "invalid"
    return response


class Pagination(PageNumberPagination):
    """?page=N, 50 a page (up to 200 with ?page_size=)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiView(GenericAPIView):  # type: ignore[type-arg]
    """Base of every API view: authenticated users only, JSON in and out."""

    authentication_classes = (TokenAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated,)
    pagination_class = Pagination
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser, MultiPartParser, FormParser)
    metadata_class = None  # OPTIONS answers 405: the OpenAPI schema describes every endpoint

    def get_exception_handler(self) -> Any:
        """JSON errors for domain refusals too (see :func:`exception_handler`)."""
        return exception_handler

    def scorecard(self) -> Scorecard:
        """The scorecard in the URL, if the user may read it; 404 otherwise (ids do not leak)."""
        return permissions.scorecard_for(self.request.user, int(self.kwargs["pk"]))

    def engine_scorecard(self, scorecard: Scorecard) -> m.Scorecard:
        """The engine's scorecard of the current version."""
        return engine.current(scorecard)

    def round_no(self, sc: m.Scorecard) -> int:
        """The round in the URL, 404 if the scorecard has no such round."""
        number = int(self.kwargs["round_no"])
        if sc.round(number) is None:
            raise Http404("no such round")
        return number

    def paginated(self, request: Request, items: list[Any]) -> Response:
        """A page of a list, with count, next and previous."""
        page = self.paginate_queryset(items)  # type: ignore[arg-type]
        return self.get_paginated_response(page)
