"""The template editor's pages: a scorecard's template as forms, a section at a time.

Thin: the forms are Django forms and formsets built from the field lists of
:mod:`thaikpi.services.editor`, which does everything else (laying the fields over the
template's data, adding and removing, the findings, saving through the usual import).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thaikpi.engine.findings import is_thai
from thaikpi.front import labels
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import editor, imports, versions
from thaikpi.services.editor import Data, Part, Spec
from thaikpi.services.errors import Invalid, NotAllowed

TH, EN = gettext_lazy("Thai"), gettext_lazy("English")


def _named(items: Any, key: str = "id") -> list[tuple[str, str]]:
    """(code, name in the active language) of the template's groups, parameters or columns."""
    found = []
    for item in items or []:
        if isinstance(item, dict):
            code = str(item.get(key, ""))
            found.append((code, _local(item.get("name")) or code))
    return found


def _choices(spec: Spec, data: Data, kpi: Data) -> list[tuple[str, Any]]:
    """The choices of a drop-down: fixed words, or what the template itself names."""
    if spec.choices == "groups":
        return [("", "–"), *_named(data.get("groups"))]
    if spec.choices == "params":
        return [("", "–"), *_named(data.get("parameters"))]
    if spec.choices == "columns":
        baseline = kpi.get("baseline") if isinstance(kpi.get("baseline"), dict) else {}
        return [("", "–"), *_named(baseline.get("columns"))]
    if spec.choices == "inputs":
        inputs = kpi.get("inputs") if isinstance(kpi.get("inputs"), dict) else {}
        named = [{"id": k, "name": v.get("name")} for k, v in inputs.items() if isinstance(v, dict)]
        return [("", "–"), *_named(named)]
    return list(editor.CHOICES[spec.choices])


def _local(text: Any) -> str:
    """A {th, en} text of the data in the active language (Thai when English is missing)."""
    if not isinstance(text, dict):
        return ""
    english = str(text.get("en") or "")
    return english if english and not is_thai(get_language() or "th") else str(text.get("th") or "")


def _fields(spec: Spec, data: Data, kpi: Data) -> dict[str, forms.Field]:
    """The Django fields of one editor field: lenient, the engine judges what is typed."""
    attrs = {"data-rule": spec.rule} if spec.rule else {}
    if spec.kind == editor.TEXT:
        th, en = spec.names()
        # Texts may run over several lines (a definition's numbered points): text areas.
        area = forms.Textarea(attrs={"rows": 1, "cols": 40})
        return {
            th: forms.CharField(label=TH, required=False, disabled=spec.fixed, widget=area),
            en: forms.CharField(label=EN, required=False, disabled=spec.fixed, widget=area),
        }
    if spec.kind == editor.YEARS:
        low, high = spec.names()
        pair = forms.TextInput(attrs={**attrs, "inputmode": "numeric", "size": 5})
        return {
            low: forms.CharField(label=gettext_lazy("from"), required=False, widget=pair),
            high: forms.CharField(label=gettext_lazy("to"), required=False, widget=pair),
        }
    if spec.kind == editor.BOOL:
        return {spec.name: forms.BooleanField(label=spec.label, required=False)}
    if spec.kind == editor.CHOICE:
        widget: forms.Widget = forms.Select(choices=_choices(spec, data, kpi), attrs=attrs)
    elif spec.kind in (editor.NUM, editor.INT):
        widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal", "size": 10})
    else:
        widget = forms.TextInput(attrs=attrs)
    field = forms.CharField(label=spec.label, required=False, disabled=spec.fixed, widget=widget)
    return {spec.name: field}


def form_class(specs: tuple[Spec, ...], data: Data, kpi: Data) -> type[forms.Form]:
    """A form of the fields; cached for the fixed field lists (not those whose choices the
    template names, or a baseline row, whose fields are the table's columns)."""
    if any(s.choices in editor.DATA_CHOICES for s in specs) or specs[0].name == "year":
        return _make(specs, data, kpi)
    return _cached(specs)


@cache
def _cached(specs: tuple[Spec, ...]) -> type[forms.Form]:
    return _make(specs, {}, {})


def _make(specs: tuple[Spec, ...], data: Data, kpi: Data) -> type[forms.Form]:
    fields: dict[str, Any] = {}
    for spec in specs:
        fields.update(_fields(spec, data, kpi))
    return type("EditorForm", (forms.Form,), fields)


def _keep_unknown_choice(form: forms.Form, values: dict[str, Any]) -> None:
    """A code the list does not have (a typo in the file) stays selected, for the engine
    to name beside it."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.Select):
            value = str(values.get(name) or "")
            if value and value not in {str(c) for c, _label in widget.choices}:
                widget.choices = [*widget.choices, (value, value)]


def bound(part: Part, data: Data, post: Any = None) -> list[forms.Form] | Any:
    """The part's form (one item) or formset, with the data's values (and the post's)."""
    kpi = editor.get(data, part.path[:2]) if part.path[:1] == ("kpis",) else None
    cls = form_class(part.specs, data, kpi if isinstance(kpi, dict) else {})
    values = [editor.initial(part.specs, item) for item in part.items(data)]
    if not part.many:
        form = cls(post, prefix=part.prefix, initial=values[0])
        _keep_unknown_choice(form, values[0])
        return form
    formset = formset_factory(cls, extra=0)(post, prefix=part.prefix, initial=values)
    for form, value in zip(formset.forms, values, strict=False):
        _keep_unknown_choice(form, value)
    return formset


def posted(post: Any) -> editor.Posted:
    """The values posted for a part: a dict per item ([] when the part was not posted)."""

    def read(part: Part, data: Data) -> list[dict[str, Any]]:
        if not any(key.startswith(part.prefix + "-") for key in post):
            return []
        made = bound(part, data, post)
        found = [made] if isinstance(made, forms.Form) else list(made.forms)
        return [f.cleaned_data for f in found if f.is_valid()]

    return read


def _scorecard(request: HttpRequest, pk: int) -> Scorecard:
    """The scorecard, if the user may edit its template: 404 when they cannot read it,
    403 when they read but do not plan it (an evaluator, a KPI owner, an executive)."""
    scorecard = permissions.scorecard_for(request.user, pk)
    if not permissions.can_edit_template(request.user, scorecard):
        raise PermissionDenied
    return scorecard


def _action(post: Any) -> tuple[str, str]:
    for action in ("add", "remove", "go"):
        if post.get(action):
            return action, str(post[action])
    return "", ""


def _edit(request: HttpRequest) -> editor.Edit:
    data = editor.data_of(request.POST.get("base", ""))
    section = request.POST.get("section", editor.GENERAL)
    if section != editor.GENERAL and editor.kpi_index(section, data) is None:
        section = editor.GENERAL
    action, target = _action(request.POST)
    return editor.apply(data, section, posted(request.POST), action, target)


@login_required
def editor_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a scorecard's template: the scorecard or one KPI; add, remove, check, save."""
    scorecard = _scorecard(request, pk)
    reason = request.POST.get("reason", "")
    preview = None
    status = 200
    if request.method == "POST":
        try:
            edit = _edit(request)
        except Invalid as exc:
            messages.error(request, exc.message)
            return redirect("front:editor", pk=pk)
        if request.POST.get("save") or request.POST.get("confirm"):
            confirmed = bool(request.POST.get("confirm"))
            try:
                outcome = editor.save(request.user, scorecard, edit.data, reason, not confirmed)
            except (Invalid, NotAllowed) as exc:
                messages.error(request, exc.message)
                status = 422
            else:
                if outcome.unchanged:
                    messages.info(request, imports.describe(outcome))
                elif not outcome.dry_run:
                    messages.success(request, imports.describe(outcome))
                    return redirect("front:overview", pk=pk)
                else:
                    preview = outcome
    else:
        data = editor.start(scorecard)
        section = request.GET.get("section", editor.GENERAL)
        if editor.kpi_index(section, data) is None:
            section = editor.GENERAL
        edit = editor.Edit(data, section)
    fresh = request.method != "POST"  # the page holds the current version as it is
    context = _context(scorecard, edit, reason, preview, fresh)
    return render(request, "editor/editor.html", context, status=status)


def _context(
    scorecard: Scorecard,
    edit: editor.Edit,
    reason: str,
    preview: imports.Imported | None,
    fresh: bool,
) -> dict[str, Any]:
    data, section = edit.data, edit.section
    checked = editor.check(data)
    beside, rest = editor.placed(checked.notes, section, data)
    shown = [(part, bound(part, data)) for part in editor.parts(section, data)]
    tabs = editor.sections(data)
    tab_names = dict(tabs)
    return {
        "scorecard": scorecard,
        "unsaved": editor.unsaved(scorecard, checked.text, fresh),
        "base": checked.text,
        "section": section,
        "tabs": tabs,
        "kpi_index": editor.kpi_index(section, data),
        "parts": shown,
        "beside": beside,
        "rest": [(tab_names.get(n.section, ""), n) for n in rest],
        "errors": checked.count("error"),
        "warnings": checked.count("warning"),
        "reason": reason,
        "preview": preview,
        "headline": imports.headline(preview) if preview else "",
        "round_lines": imports.round_lines(preview) if preview else [],
        "rule_fields": editor.RULE_FIELDS,
        "changes": versions.words_of(preview.changes, imports.parse(checked.text))
        if preview
        else [],
        "summary": summary(checked.count("error"), checked.count("warning")),
        "local": _local,
    }


@login_required
@require_POST
def editor_check(request: HttpRequest, pk: int) -> JsonResponse:
    """JSON: the findings of the template as typed so far, by the field that shows them."""
    _scorecard(request, pk)
    try:
        edit = _edit(request)
    except Invalid as exc:
        return JsonResponse({"ok": False, "error": exc.message}, status=400)
    checked = editor.check(edit.data)
    beside, rest = editor.placed(checked.notes, edit.section, edit.data)
    tabs = dict(editor.sections(edit.data))

    def said(note: editor.Note) -> dict[str, Any]:
        return {
            "severity": note.severity,
            "text": labels.finding(note.finding),
            "audit": note.audit,
        }

    body = {
        "ok": True,
        "fields": {name: [said(n) for n in notes] for name, notes in beside.items()},
        "others": [{**said(n), "where": tabs.get(n.section, "")} for n in rest],
        "errors": checked.count("error"),
        "warnings": checked.count("warning"),
        "summary": summary(checked.count("error"), checked.count("warning")),
    }
    return JsonResponse(body)


def summary(errors: int, warnings: int) -> str:
    """'2 errors, 1 figure to check' in the active language."""
    if not errors and not warnings:
        return _("No problems found.")
    return _("{errors} error(s), {warnings} warning(s).").format(errors=errors, warnings=warnings)
