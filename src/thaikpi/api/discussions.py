"""API: comment threads of a round (per KPI or on the round), posting, resolving, reopening.

The same rules as the pages (:mod:`thaikpi.services.discussions`): whoever reads the
scorecard comments; the thread's author, the agency's planners and evaluators resolve. A locked
round's threads are read only: posting, resolving or reopening answers 409 ``round_closed``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from thaikpi.api.base import ApiView
from thaikpi.discussions.models import Comment
from thaikpi.services import discussions

ROUND = OpenApiParameter("round_no", int, OpenApiParameter.PATH, description="1 or 2")
KPI = OpenApiParameter(
    "kpi",
    str,
    OpenApiParameter.QUERY,
    required=False,
    description="Only this KPI's threads; empty (?kpi=) for the round's own threads.",
)


class CommentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A new thread (on the round, or on ``kpi``) or a reply to ``parent``."""

    body = serializers.CharField(max_length=discussions.MAX_BODY)
    kpi = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    parent = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                      max_value=2**63 - 1)  # fmt: skip


class ResolveSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """``true`` marks the thread resolved, ``false`` reopens it."""

    resolved = serializers.BooleanField()


def _person(user: Any) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def comment_dict(c: Comment) -> dict[str, Any]:
    """One comment: who wrote what, when."""
    return {
        "id": c.pk,
        "author": _person(c.author),
        "body": c.body,
        "created_at": c.created_at.isoformat(),
    }


def thread_dict(t: discussions.Thread) -> dict[str, Any]:
    """A thread: its first comment, where it is, its mark, replies and history."""
    root = t.root
    return comment_dict(root) | {
        "round": root.round_no,
        "kpi": root.kpi_id,
        "resolved": root.resolved,
        "resolved_by": _person(root.resolved_by),
        "resolved_at": root.resolved_at.isoformat() if root.resolved_at else None,
        "replies": [comment_dict(r) for r in t.replies],
        "history": [_event_dict(e) for e in t.events],
    }


def _event_dict(e: discussions.Event) -> dict[str, Any]:
    """A resolve or reopen: ``resolve``/``reopen``, by whom, when."""
    return {"action": e.action.removeprefix("comment."), "by": _person(e.actor),
            "at": e.at.isoformat()}  # fmt: skip


def _thread_of(scorecard: Any, comment: Comment) -> dict[str, Any]:
    root_id = comment.parent_id or comment.pk
    found = discussions.threads(scorecard, comment.round_no, comment.kpi_id or "")
    return thread_dict(next(t for t in found if t.root.pk == root_id))


class CommentList(ApiView):
    """The round's comment threads, oldest first; post a new thread or a reply."""

    serializer_class = CommentSerializer

    @extend_schema(parameters=[ROUND, KPI], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int, round_no: int) -> Response:
        """Every thread of the round (``?kpi=3``: one KPI's; ``?kpi=``: the round's own)."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        kpi = request.query_params.get("kpi")
        found = discussions.threads(scorecard, number, kpi[:64] if kpi is not None else None)
        return Response({"round": number, "threads": [thread_dict(t) for t in found]})

    @extend_schema(parameters=[ROUND], request=CommentSerializer,
                   responses={201: OpenApiTypes.OBJECT})  # fmt: skip
    def post(self, request: Request, pk: int, round_no: int) -> Response:
        """The thread with the new comment (201); a reply takes its thread's round and KPI;
        409 once that round is locked."""
        scorecard = self.scorecard()
        number = self.round_no(self.engine_scorecard(scorecard))
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        comment = discussions.add(request.user, scorecard, number, v["body"],
                                  kpi_id=v["kpi"] or None, parent_id=v["parent"])  # fmt: skip
        return Response(_thread_of(scorecard, comment), status=status.HTTP_201_CREATED)


class CommentResolve(ApiView):
    """Mark a thread resolved or reopen it (any comment of the thread names it)."""

    serializer_class = ResolveSerializer

    @extend_schema(request=ResolveSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int, comment_id: int) -> Response:
        """The thread with its new mark; 403 for someone who may not resolve it, 409 once the
        thread's round is locked."""
        scorecard = self.scorecard()
        data = ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        root = discussions.set_resolved(
            request.user, scorecard, comment_id, data.validated_data["resolved"]
        )
        return Response(_thread_of(scorecard, root))
