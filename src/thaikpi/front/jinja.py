"""The Jinja2 environment of the pages: Django's translations, URLs, static files and filters.

The pages are Jinja2 templates because they are the hot path: the overview rendered with
Django's template language took 3.7 ms of an 8 ms request, with Jinja2 well under one
(bench/web.py; docs/web.md "Speed"). The admin and form widgets keep Django's templates.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from django.template import engines
from django.template.defaultfilters import linebreaksbr
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language, ngettext
from jinja2 import Environment

from thaikpi.front import filters, labels
from thaikpi.front.tables import text

URL_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted
_STAND_IN = 987_654_320_000  # + the argument's position: a number no real id reaches
_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")  # text that quoting leaves as it is
_reversed: dict[tuple[object, ...], str | None] = {}
_static: dict[tuple[str, str], str] = {}


def url(name: str, *args: int | str) -> str:
    """The path of a named URL, exactly as Django's reverse() makes it ({% url %}).

    reverse() costs about 25 µs and the overview has some 25 links, a fifth of the page's
    time; so each URL name is reversed once with stand-in arguments, and later calls put the
    real arguments (quoted as reverse() quotes them) in the stand-ins' places. Arguments that
    a stand-in cannot represent (negative numbers, text with '/', empty text) go to reverse().
    """
    kinds = tuple(type(a) is int for a in args)
    key = (get_script_prefix(), name, kinds)
    pattern = _reversed.get(key, "")
    if pattern == "":
        pattern = _reversed[key] = _pattern(name, kinds)
    filled: list[int | str] = []
    for arg in args:
        if type(arg) is int and 0 <= arg < _STAND_IN:
            filled.append(arg)
        elif type(arg) is str and arg and "/" not in arg:
            filled.append(arg if _PLAIN.fullmatch(arg) else quote(arg, safe=URL_SAFE))
        else:
            return reverse(name, args=args)
    return reverse(name, args=args) if pattern is None else pattern.format(*filled)


def static_url(path: str) -> str:
    """The URL of a static file ({% static %}), found once per file: the manifest is fixed."""
    key = (get_script_prefix(), path)
    found = _static.get(key)
    if found is None:
        found = _static[key] = static(path)
    return found


def _pattern(name: str, kinds: tuple[bool, ...]) -> str | None:
    """The reversed URL with '{0}', '{1}' … where the arguments go, or None if it cannot be."""
    stand_ins: list[int | str] = [
        _STAND_IN + i if is_int else f"zq{i}qz" for i, is_int in enumerate(kinds)
    ]
    try:
        path = reverse(name, args=stand_ins)
    except NoReverseMatch:
        return None
    texts = [str(s) for s in stand_ins]
    if "{" in path or "}" in path or any(path.count(t) != 1 for t in texts):
        return None
    for i, stand_in in enumerate(texts):
        path = path.replace(stand_in, f"{{{i}}}")
    return path


FILTERS = {
    "num": filters.num,
    "figure": filters.figure,
    "thdate": filters.thdate,
    "provenance": filters.provenance,
    "as_entered": filters.as_entered,
    "person": filters.person,
    "raw": labels.as_entered,  # a stored raw value without its KPI: '12.5', 'a = 1, b = 2'
    "local": text,
    "explain": labels.explanation,
    "action_label": labels.action,
    "status_label": labels.status,
    "review_state": labels.review_state,
    "change": labels.change,
    "audit_figure": labels.audit_figure,
    "subject": labels.subject,
    "finding": labels.finding,
    "open_reason": labels.open_reason,
    "revision_times": labels.revision_times,
    "round_label": labels.round_label,
    "linebreaksbr": linebreaksbr,  # escapes first (autoescape defaults to True)
}


def env() -> Environment:
    """The pages' environment, as Django's Jinja2 backend made it."""
    return engines["jinja2"].env  # type: ignore[attr-defined,no-any-return]


def load_all() -> int:
    """Compile every page template now; returns how many (see pagecache.pin_code)."""
    names = env().list_templates(extensions=["html"])
    for name in names:
        env().get_template(name)
    return len(names)


def render_part(template_name: str, context: dict[str, Any]) -> str:
    """A template rendered with only ``context``: no request, no context processors.

    For parts of pages that are the same for every reader of the same inputs (pagecache).
    """
    return env().get_template(template_name).render(context)


def environment(**options: Any) -> Environment:
    """The environment Django's Jinja2 backend renders the pages with."""
    made = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style gettext: _("…") is the translated text, escaped like any other value. Texts
    # with variables are made in Python (labels.py), where makemessages finds them.
    made.install_gettext_callables(labels.translate, ngettext, newstyle=False)  # type: ignore[attr-defined]
    made.globals.update(url=url, static=static_url, get_language=get_language)
    made.filters.update(FILTERS)
    return made
