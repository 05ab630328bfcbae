"""Forms: result entry (fields built from the KPI's measure), review, progress, import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from thaikpi.engine import model as m
from thaikpi.engine.findings import Problem, in_language
from thaikpi.engine.numbers import parse_number
from thaikpi.front.tables import text
from thaikpi.reports.template_workbook_read import XLSX_MAGIC
from thaikpi.reports.xlsx_checks import MAX_BYTES as WORKBOOK_MAX_BYTES
from thaikpi.results.choices import ReviewAction
from thaikpi.services import engine

DECIMAL = {"max_digits": 24, "decimal_places": 6}  # what a progress value's column holds


class ThaiFileInput(forms.FileInput):
    """A file input with a Thai "เลือกไฟล์" button and the chosen file's name beside it.

    Chromium labels its native button in the browser's language whatever the page says, so the
    native input is hidden (still focusable and required-checked) behind a label; file.js
    shows the chosen name.
    """

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        """The native input inside a label that looks like a button, then the name."""
        native = super().render(name, value, {**(attrs or {}), "class": "file-native"}, renderer)
        return format_html(
            '<span class="file-pick"><label class="btn file-button">{}{}</label>'
            ' <span class="file-name" aria-live="polite">{}</span></span>',
            _("Choose file"),
            native,
            _("No file chosen"),
        )


class FigureField(forms.DecimalField):
    """A figure a person types, read by the engine's one number reader (parse_number).

    Thai digits and thousands separators are read; "1_000", "2,4" and absurd sizes are refused
    with ThaiKPI's own message in the page's language, not Django's digit counts.
    """

    def to_python(self, value: Any) -> Decimal | None:
        """The Decimal typed, or None when the field is empty; ValidationError otherwise."""
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "")
        try:
            return parse_number(value, "the value entered", "ค่าที่กรอก")
        except Problem as exc:
            message = in_language(get_language() or "th", exc.message, exc.message_th)
            raise forms.ValidationError(message, code="invalid") from None


def _decimal_field(
    label: str, unit: str = "", required: bool = True, column: bool = False
) -> forms.DecimalField:
    """A figure field that refuses junk with a form error (never a 500).

    Results are stored as the engine reads them (JSON text); ``column`` fits a figure to a
    decimal column (monthly progress) as well.
    """
    help_text = _("Unit: {unit}").format(unit=unit) if unit else ""
    limits = DECIMAL if column else {}
    field = FigureField(label=label, help_text=help_text, required=required, **limits)
    field.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    return field


class ResultForm(forms.Form):
    """A KPI's result in a round: one value, named inputs, a judged level, or a count given
    directly or as a level per item (the DGA pillars); plus a note and an evidence file."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=ThaiFileInput,
        help_text=_("PDF, image, Excel, Word, CSV or text; at most 10 MB."),
    )

    def __init__(self, *args: Any, kpi: m.Kpi, round_no: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpi, self.round_no = kpi, round_no
        kr = kpi.round(round_no)
        self.inputs = engine.round_inputs(kpi, round_no)
        self.items: list[m.Text] = []
        self.field_groups: dict[str, str] = {}  # field name → "count" or "items" (shown by choice)
        if self.inputs:
            for inp in self.inputs:
                self.fields[f"in_{inp.id}"] = _decimal_field(text(inp.name), text(inp.unit))
        elif kr is not None and kr.measure.kind is m.MeasureKind.COUNT and kr.measure.items:
            self._add_item_fields(kr.measure)
        elif kr is not None and kr.measure.kind is m.MeasureKind.JUDGED:
            reachable = (0, *(int(lv.score) for lv in kr.levels))  # the scale's levels
            choices = [(str(s), str(s)) for s in reachable]
            self.fields["value"] = forms.ChoiceField(label=_("Level reached"), choices=choices)
        else:
            self.fields["value"] = _decimal_field(_("Result"), text(kpi.unit))
        self.order_fields([f for f in self.fields if f not in ("note", "evidence")])
        self.fields["evidence"].help_text = _(
            "PDF, image, Excel, Word, CSV or text; at most {mb} MB."
        ).format(mb=settings.EVIDENCE_MAX_BYTES // (1024 * 1024))

    def _add_item_fields(self, measure: m.Measure) -> None:
        """A count of items (e.g. 7 DGA pillars at level 3 or above): the count, or each level."""
        self.items = list(measure.items)
        at_least = measure.item_at_least
        self.fields["how"] = forms.ChoiceField(
            label=_("How do you enter the result?"),
            choices=[
                ("count", _("The count")),
                ("items", _("A level for each of the {n} items").format(n=len(self.items))),
            ],
            initial="count",
            widget=forms.RadioSelect,
        )
        count = _decimal_field(_("Count"), required=False)
        count.help_text = text(measure.description) or text(self.kpi.unit)
        self.fields["value"] = count
        self.field_groups["value"] = "count"
        low, high = measure.item_range or (0, 5)
        levels = [("", "–")] + [(str(n), str(n)) for n in range(low, high + 1)]
        for i, item in enumerate(self.items):
            name = f"item_{i}"
            self.fields[name] = forms.ChoiceField(label=text(item), choices=levels, required=False)
            self.field_groups[name] = "items"
        if at_least is not None:
            self.fields["how"].help_text = _("Items at level {level} or above are counted.").format(
                level=_plain(at_least)
            )
        levels_given = self.initial.pop("item_levels", None)
        if isinstance(levels_given, dict):
            self._initial_levels(levels_given)

    def _initial_levels(self, given: dict[str, Any]) -> None:
        """Put stored item levels (by Thai or English name) into the item fields."""
        by_name = {str(k).strip().casefold(): v for k, v in given.items()}
        for i, item in enumerate(self.items):
            for name in (item.en, item.th):
                if name and name.casefold() in by_name:
                    self.initial[f"item_{i}"] = str(by_name[name.casefold()])
                    break

    def clean(self) -> dict[str, Any]:
        """For a count of items: the count, or every item's level, as the user chose."""
        data = super().clean()
        if not self.items:
            return data
        if data.get("how") == "items":
            for i in range(len(self.items)):
                name = f"item_{i}"
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Choose this item's level."))
            return data
        count = data.get("value")
        if count is None:
            if "value" not in self.errors:
                self.add_error("value", _("Enter the count."))
        elif count < 0 or count != count.to_integral_value():
            self.add_error("value", _("The count must be a whole number of 0 or more."))
        elif count > len(self.items):
            self.add_error(
                "value", _("The count cannot be more than {n}.").format(n=len(self.items))
            )
        return data

    def stored(self) -> Any:
        """The cleaned result as stored JSON: a decimal string, input → decimal string, or
        ``{"pillars": {item name: level}}`` for a count given item by item."""
        data = self.cleaned_data
        if self.inputs:
            return {i.id: _plain(data[f"in_{i.id}"]) for i in self.inputs}
        if self.items and data.get("how") == "items":
            levels = {(item.en or item.th): data[f"item_{i}"] for i, item in enumerate(self.items)}
            return {engine.ITEMS_KEY: levels}
        return _plain(Decimal(str(data["value"])))

    @staticmethod
    def initial_from(raw: Any, note: str, revision: int) -> dict[str, Any]:
        """Initial form values from a stored result."""
        initial: dict[str, Any] = {"note": note, "revision": revision}
        if isinstance(raw, dict) and len(raw) == 1 and isinstance(next(iter(raw.values())), dict):
            initial.update({"how": "items", "item_levels": next(iter(raw.values()))})
        elif isinstance(raw, dict):
            initial.update({f"in_{k}": v for k, v in raw.items()})
        elif raw is not None:
            initial["value"] = raw
        return initial


def _plain(value: Decimal) -> str:
    """A decimal string without exponent or needless trailing zeros."""
    text_ = format(value, "f")
    return text_.rstrip("0").rstrip(".") if "." in text_ else text_


# Django's own Thai catalogue lacks this one: a tampered multiple choice would answer in English.
NOT_A_CHOICE = {"invalid_pk_value": _("“%(pk)s” is not one of the choices.")}


class ReviewForm(forms.Form):
    """A review action on a round, with the evaluator's comment."""

    action = forms.ChoiceField(label=_("Action"), choices=ReviewAction.choices)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgressForm(forms.Form):
    """A monthly progress value."""

    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=[])
    value = _decimal_field(_("Value"), column=True)

    def __init__(self, *args: Any, months: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months


class ImportForm(forms.Form):
    """A template file (or pasted YAML) and, for a new version, the reason."""

    file = forms.FileField(
        label=_("Template file (YAML or Excel workbook)"), required=False, widget=ThaiFileInput
    )
    text = forms.CharField(
        label=_("…or paste the YAML"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        max_length=2000,
        help_text=_("Required once the scorecard is agreed (signed): a revision of its targets."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Set by the preview's confirm button: the import then stores what the preview showed.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        """Exactly one source: an uploaded file of a sane size, or pasted text."""
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > settings.TEMPLATE_MAX_BYTES:
                raise forms.ValidationError(_("The template file is too large."))
            raw = upload.read()
            data["name"] = upload.name
            if raw.startswith(XLSX_MAGIC):  # a template workbook: the import reads it
                data["workbook"], data["yaml"] = raw, ""
                return data
            try:
                data["yaml"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The template file must be UTF-8 text.")) from None
        elif data.get("text", "").strip():
            # A browser sends a text field's line ends as CRLF: store the lines as typed.
            data["yaml"], data["name"] = data["text"].replace("\r\n", "\n"), "pasted"
        else:
            raise forms.ValidationError(_("Choose a template file or paste its text."))
        return data


class WorkbookForm(forms.Form):
    """A filled-in results workbook (.xlsx) exported from this system."""

    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        widget=ThaiFileInput,
        help_text=_("The round's workbook from this system, with results in column E."),
    )

    def clean_file(self) -> Any:
        """An .xlsx file of a sane size (its content is checked when it is read)."""
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an Excel .xlsx file."))
        if upload.size is None or upload.size > WORKBOOK_MAX_BYTES:
            raise forms.ValidationError(_("The workbook is too large."))
        return upload


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
        error_messages=NOT_A_CHOICE,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, divisions: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions
        self.fields["users"].queryset = users
        self.fields["users"].label_from_instance = lambda u: u.get_full_name() or u.username
