"""API request and response shapes. Figures are decimal strings so no digit is lost."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.engine.findings import Problem, in_language
from thaikpi.engine.numbers import parse_number
from thaikpi.results.choices import ReviewAction
from thaikpi.results.models import Result, RoundReview
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services.engine import ITEMS_KEY

MAX_DIGITS = 40  # a figure longer than this is not a KPI result


class AgencySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A ministry, department or division."""

    class Meta:
        model = Agency
        fields = ("id", "code", "name_th", "name_en", "kind", "parent")


class FiscalYearSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A Thai fiscal year (Buddhist era)."""

    class Meta:
        model = FiscalYear
        fields = ("id", "year_be", "starts", "ends")


class RoundStateSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A round's review state."""

    round = serializers.IntegerField(source="round_no")
    version = serializers.SerializerMethodField(
        help_text="The template version a submitted, approved or locked round is scored with; "
        "null while the round is open (it follows the scorecard's current version)."
    )

    class Meta:
        model = RoundReview
        fields = ("round", "state", "comment", "version", "updated_at")

    def get_version(self, review: RoundReview) -> int | None:
        """The pinned version's number (from a prefetch when there is one; no template text)."""
        if review.version_id is None:
            return None
        if RoundReview.version.is_cached(review):  # type: ignore[attr-defined]
            return review.version.number  # type: ignore[union-attr]
        versions = ScorecardVersion.objects.filter(pk=review.version_id)
        return versions.values_list("number", flat=True).first()


class ScorecardSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """An agency's scorecard for a fiscal year, with its current version and round states."""

    agency = AgencySerializer(read_only=True)
    fiscal_year = serializers.IntegerField(source="fiscal_year.year_be", read_only=True)
    version = serializers.IntegerField(source="current.number", read_only=True)
    template_id = serializers.CharField(source="current.template_id", read_only=True)
    title_th = serializers.CharField(source="current.title_th", read_only=True)
    title_en = serializers.CharField(source="current.title_en", read_only=True)
    rounds = RoundStateSerializer(source="reviews", many=True, read_only=True)
    agreed = serializers.BooleanField(
        source="is_agreed", read_only=True,
        help_text="Signed by the agency head and the evaluator; a draft's rounds cannot be "
        "submitted.",
    )  # fmt: skip

    class Meta:
        model = Scorecard
        fields = ("id", "agency", "fiscal_year", "version", "template_id", "title_th", "title_en",
                  "rounds", "agreed")  # fmt: skip


class ResultSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A stored result: a decimal string, or input name → decimal string."""

    round = serializers.IntegerField(source="round_no")
    version = serializers.IntegerField(source="version.number")
    updated_by = serializers.CharField(source="updated_by.username", allow_null=True, default=None)
    joint = serializers.SerializerMethodField(
        help_text=_(
            "A member's joint KPI: where its result comes from (the owning agency's result, "
            "'from_th' reads ผลร่วมจาก …); null for the scorecard's own results."
        )
    )

    class Meta:
        model = Result
        fields = ("kpi_id", "round", "raw", "note", "revision", "version", "updated_at",
                  "updated_by", "joint")  # fmt: skip

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_joint(self, row: Result) -> dict[str, Any] | None:
        """The joint source given in the context (services.joint.Source.as_dict), or null."""
        found: dict[str, Any] | None = self.context.get("joint")
        return found


class ResultSavedSerializer(ResultSerializer):
    """A saved result, with the engine's warnings on it (e.g. far beyond the 100 level)."""

    warnings = serializers.SerializerMethodField()

    class Meta(ResultSerializer.Meta):
        fields = (*ResultSerializer.Meta.fields, "warnings")

    def get_warnings(self, row: Result) -> list[dict[str, object]]:
        """Each warning as a finding: message, message_th, severity, kpi."""
        return [f.as_dict() for f in self.context.get("warnings", ())]


def decimal_text(value: Any, field: str) -> str:
    """A plain decimal string from a JSON number or string; ValidationError naming the field.

    The engine's one reading of typed numbers: Thai digits and thousands separators are
    read, Python-only forms such as "1_000" and absurd sizes are refused in the user's language.
    """
    try:
        number = parse_number(value, field, field)
    except Problem as exc:
        raise serializers.ValidationError(
            {field: in_language(get_language() or "th", exc.message, exc.message_th)}
        ) from None
    return format(number, "f")


class ResultWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A result to save: ``value`` or ``inputs`` (not both), with the revision the client saw."""

    value = serializers.CharField(
        required=False,
        max_length=MAX_DIGITS,
        help_text=_("The measured value, judged level or count."),
    )
    inputs = serializers.DictField(
        child=serializers.CharField(max_length=MAX_DIGITS), required=False,
        help_text=_('Raw inputs by name, e.g. {"trade_value": "205000", "budget": "539.5"}.'),
    )  # fmt: skip
    items = serializers.DictField(
        child=serializers.CharField(max_length=MAX_DIGITS), required=False,
        help_text=_('For a count of items: the level of each item by name, e.g. '
                    '{"Digital Government": "4", ...}; the engine counts those at the level.'),
    )  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    revision = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1,
        help_text=_("The result's revision when it was read (0 if there was none)."),
    )  # fmt: skip

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Exactly one of value, inputs and items; every figure a plain decimal string."""
        given = [name for name in ("value", "inputs", "items") if name in attrs]
        if len(given) != 1:
            raise serializers.ValidationError(_("Give one of value, inputs or items."))
        if given == ["value"]:
            attrs["stored"] = decimal_text(attrs["value"], "value")
            return attrs
        name = given[0]
        if len(attrs[name]) > 50:
            raise serializers.ValidationError({name: _("Too many inputs.")})
        figures = {str(k)[:64]: decimal_text(v, f"{name}.{k}") for k, v in attrs[name].items()}
        attrs["stored"] = figures if name == "inputs" else {ITEMS_KEY: figures}
        return attrs


class TemplateImportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A template to import: the YAML as ``file`` (multipart) or ``text``, and a reason."""

    file = serializers.FileField(required=False)
    text = serializers.CharField(required=False, trim_whitespace=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Only say what the import would change and which rounds would use it.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The template text, decoded and within the size limit."""
        upload, text = attrs.get("file"), attrs.get("text")
        if (upload is None) == (text is None):
            raise serializers.ValidationError(_("Give the template as file or as text."))
        limit = settings.TEMPLATE_MAX_BYTES
        if upload is not None:
            if upload.size is None or upload.size > limit:
                raise serializers.ValidationError({"file": _("The template file is too large.")})
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise serializers.ValidationError(
                    {"file": _("The file is not UTF-8 text.")}
                ) from None
            attrs["file_name"] = upload.name or ""
        elif len(text.encode("utf-8")) > limit:
            raise serializers.ValidationError({"text": _("The template is too large.")})
        attrs["template"] = text
        return attrs


class ReviewSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A review action on a round, with a comment (needed to return a round)."""

    action = serializers.ChoiceField(choices=ReviewAction.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    acknowledge = serializers.BooleanField(
        required=False, default=False, help_text="Submit although some KPIs have no result."
    )
    agency_code = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=50,
        help_text="To lock: the agency's code, typed back to confirm.",
    )


class TokenRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """User name and password, exchanged for an API token."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """An API token: send it as ``Authorization: Token <key>``."""

    token = serializers.CharField()


class SignSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One side's signature of the scorecard's current version."""

    side = serializers.ChoiceField(
        choices=["agency", "evaluator"],
        help_text="agency: a planner or executive of the agency; evaluator: an evaluator.",
    )
