"""The Jinja2 environment of the pages: Django's translations, URLs, static files and filters.

``url('front:kpi', pk, kpi_id)`` is Django's reverse(), ``static()`` Django's static, ``_()``
Django's gettext. The admin and form widgets keep Django's templates.
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment

from thaikpi.front import filters, labels, status
from thaikpi.front.tables import text
from thaikpi.services import dashboard


def url(name: str, *args: int | str) -> str:
    """The path of a named URL: Django's reverse(), as {% url %} gives it."""
    return reverse(name, args=args)


FILTERS = {
    "num": filters.num,
    "figure": filters.figure,
    "thdate": filters.thdate,
    "provenance": filters.provenance,
    "as_entered": filters.as_entered,
    "formula_named": filters.formula_named,
    "person": filters.person,
    "raw": labels.as_entered,  # a stored raw value without its KPI: '12.5', 'a = 1, b = 2'
    "local": text,
    "explain": labels.explanation,
    "action_label": labels.action,
    "status_label": labels.status,
    "review_state": labels.review_state,
    "change": labels.change,
    "sheet_months": labels.sheet_months,
    "audit_figure": labels.audit_figure,
    "subject": labels.subject,
    "finding": labels.finding,
    "open_reason": labels.open_reason,
    "revision_times": labels.revision_times,
    "round_label": labels.round_label,
    "status_word": status.word,
    "audit_anchor": lambda f: dashboard.audit_anchor(f.kpi, f.figure),
    "status_css": status.css,
    "shown_score": status.shown_score,
    "shown_weighted": status.shown_weighted,
    "linebreaksbr": linebreaksbr,  # escapes first (autoescape defaults to True)
}


def environment(**options: Any) -> Environment:
    """The environment Django's Jinja2 backend renders the pages with."""
    made = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style gettext: _("…") is the translated text, escaped like any other value. Texts
    # with variables are made in Python (labels.py), where makemessages finds them.
    made.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
    made.globals.update(url=url, static=static, get_language=get_language)
    made.filters.update(FILTERS)
    return made
