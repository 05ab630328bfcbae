"""Every label, help text and fixed choice of the web app's forms reads in Thai under ``th``.

A label the message collector never saw (an alias such as ``_lazy("…")``, a string missing
from scripts/th.json) stays English on a Thai page; this walks the forms and says which.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.utils import translation

import thaikpi.front
from thaikpi.services import editor

THAI = re.compile(r"[\u0E00-\u0E7F]")
LATIN = re.compile(r"[A-Za-z]")


def _english(text: Any) -> bool:
    """Words in Latin letters and none in Thai (a symbol such as ≥ or – is neither)."""
    return bool(LATIN.search(str(text))) and not THAI.search(str(text))


def _front_forms() -> list[type[forms.BaseForm]]:
    """The form classes the front's modules define (imported, then found as subclasses)."""
    for info in pkgutil.iter_modules(thaikpi.front.__path__):
        importlib.import_module(f"thaikpi.front.{info.name}")
    found: list[type[forms.BaseForm]] = []
    todo: list[type[Any]] = [forms.Form]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("thaikpi.front."):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _texts_of(name: str, field: forms.Field) -> list[tuple[str, Any]]:
    """(where, text) of what a field shows: label, help text, errors, fixed choices' words."""
    if field.widget.is_hidden:
        return []
    texts = [(f"{name}.label", field.label), (f"{name}.help_text", field.help_text)]
    texts += [(f"{name}.error[{key}]", words) for key, words in field.error_messages.items()]
    choices = getattr(field, "_choices", None)
    if isinstance(choices, list | tuple):
        texts += [(f"{name}.choice[{value}]", words) for value, words in choices if value != ""]
    return texts


FORMS = _front_forms()


def test_the_walk_finds_the_web_apps_forms():
    names = {c.__name__ for c in FORMS}
    assert {"AgencyForm", "NewScorecardForm", "ResultForm", "CommentForm", "SurveyForm"} <= names


@pytest.mark.parametrize("form", FORMS, ids=lambda c: c.__name__)
def test_each_form_field_is_labelled_in_thai(form):
    english = []
    with translation.override("th"):
        for name, field in form.base_fields.items():
            if not field.widget.is_hidden and field.label is None:
                english.append(f"{name}: no label (Django would show the field's code name)")
            for where, text in _texts_of(name, field):
                if text and _english(text):
                    english.append(f"{where}: {text}")
    assert english == []


def _editor_specs() -> list[tuple[str, editor.Spec]]:
    tables = {k: v for k, v in vars(editor).items() if k.isupper() and isinstance(v, tuple)}
    return [
        (f"{table}.{spec.name}", spec)
        for table, specs in tables.items()
        for spec in specs
        if isinstance(spec, editor.Spec)
    ]


def test_the_template_editors_labels_and_choices_read_in_thai():
    english = []
    with translation.override("th"):
        for where, spec in _editor_specs():
            if _english(spec.label):
                english.append(f"{where}: {spec.label}")
        for kind, choices in editor.CHOICES.items():
            english += [f"{kind}[{v}]: {w}" for v, w in choices if _english(w)]
    assert _editor_specs(), "the editor's field tables were found"
    assert english == []
