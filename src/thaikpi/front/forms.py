"""Forms: result entry (fields built from the KPI's measure), review, progress, import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from thaikpi.engine import model as m
from thaikpi.front.tables import text
from thaikpi.results.choices import ReviewAction
from thaikpi.services import engine

DECIMAL = {"max_digits": 24, "decimal_places": 6}


class FigureField(forms.DecimalField):
    """A DecimalField that also accepts thousands separators and surrounding spaces."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
        return super().to_python(value)


def _decimal_field(label: str, unit: str = "", required: bool = True) -> forms.DecimalField:
    """A decimal field that refuses junk with a form error (never a 500)."""
    help_text = _("Unit: {unit}").format(unit=unit) if unit else ""
    field = FigureField(label=label, help_text=help_text, required=required, **DECIMAL)
    field.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    return field


class ResultForm(forms.Form):
    """A KPI's result in a round: one value, named inputs, or a judged level; plus a note."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, image, Excel, Word, CSV or text; at most 10 MB."),
    )

    def __init__(self, *args: Any, kpi: m.Kpi, round_no: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpi, self.round_no = kpi, round_no
        kr = kpi.round(round_no)
        self.inputs = engine.round_inputs(kpi, round_no)
        if self.inputs:
            for inp in self.inputs:
                self.fields[f"in_{inp.id}"] = _decimal_field(text(inp.name), text(inp.unit))
        elif kr is not None and kr.measure.kind is m.MeasureKind.JUDGED:
            choices = [(str(s), str(s)) for s in (0, 50, 75, 100)]
            self.fields["value"] = forms.ChoiceField(label=_("Level reached"), choices=choices)
        else:
            self.fields["value"] = _decimal_field(_("Result"), text(kpi.unit))
        self.order_fields([f for f in self.fields if f not in ("note", "evidence")])
        self.fields["evidence"].help_text = _(
            "PDF, image, Excel, Word, CSV or text; at most {mb} MB."
        ).format(mb=settings.EVIDENCE_MAX_BYTES // (1024 * 1024))

    def stored(self) -> Any:
        """The cleaned result as stored JSON: a decimal string, or input → decimal string."""
        data = self.cleaned_data
        if self.inputs:
            return {i.id: _plain(data[f"in_{i.id}"]) for i in self.inputs}
        return _plain(Decimal(str(data["value"])))

    @staticmethod
    def initial_from(raw: Any, note: str, revision: int) -> dict[str, Any]:
        """Initial form values from a stored result."""
        initial: dict[str, Any] = {"note": note, "revision": revision}
        if isinstance(raw, dict):
            initial.update({f"in_{k}": v for k, v in raw.items()})
        elif raw is not None:
            initial["value"] = raw
        return initial


def _plain(value: Decimal) -> str:
    """A decimal string without exponent or needless trailing zeros."""
    text_ = format(value, "f")
    return text_.rstrip("0").rstrip(".") if "." in text_ else text_


class ReviewForm(forms.Form):
    """A review action on a round, with the evaluator's comment."""

    action = forms.ChoiceField(choices=ReviewAction.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgressForm(forms.Form):
    """A monthly progress value."""

    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[])
    value = _decimal_field(_("Value"))

    def __init__(self, *args: Any, months: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months


class ImportForm(forms.Form):
    """A template file (or pasted YAML) and, for a new version, the reason."""

    file = forms.FileField(label=_("Template file (YAML)"), required=False)
    text = forms.CharField(
        label=_("…or paste the YAML"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        max_length=2000,
        help_text=_("Required when the scorecard already has a version."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        """Exactly one source: an uploaded file of a sane size, or pasted text."""
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > settings.TEMPLATE_MAX_BYTES:
                raise forms.ValidationError(_("The template file is too large."))
            try:
                data["yaml"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The template file must be UTF-8 text.")) from None
            data["name"] = upload.name
        elif data.get("text", "").strip():
            data["yaml"], data["name"] = data["text"], "pasted"
        else:
            raise forms.ValidationError(_("Choose a template file or paste its text."))
        return data


class OwnerForm(forms.Form):
    """A KPI's responsible division and reporting users."""

    kpi_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    division = forms.ModelChoiceField(
        label=_("Responsible division"), queryset=None, required=False
    )
    users = forms.ModelMultipleChoiceField(
        label=_("Reporting users"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, divisions: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions
        self.fields["users"].queryset = users
        self.fields["users"].label_from_instance = lambda u: u.get_full_name() or u.username
