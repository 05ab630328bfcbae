"""Configure Django for the tests that need it (web, services, browser); engine tests do not.

Imported first by those directories' conftest files, so engine tests run without Django.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thaikpi.web.settings")
# Evidence files and the SQLite file go to a throwaway folder, never the developer's ./data.
os.environ.setdefault("THAIKPI_DATA_DIR", tempfile.mkdtemp(prefix="thaikpi-test-"))
os.environ.setdefault("THAIKPI_ENV", "demo")
os.makedirs(os.path.join(os.environ["THAIKPI_DATA_DIR"], "static"), exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Hashing seven personas' passwords with PBKDF2 per test would dominate the run time.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _jinja2_renders_signal_the_test_client() -> None:
    """Let ``response.context`` work for the Jinja2 pages, as it does for Django's templates.

    Django's test set-up instruments only its own template engine; this sends the same
    ``template_rendered`` signal for Jinja2 templates (tests only).
    """
    from django.template.backends import jinja2 as backend
    from django.test.signals import template_rendered

    render = backend.Template.render

    def render_and_signal(self, context=None, request=None):  # type: ignore[no-untyped-def]
        context = {} if context is None else context
        html = render(self, context, request)
        template_rendered.send(sender=self, template=self, context=context)
        return html

    backend.Template.render = render_and_signal


_jinja2_renders_signal_the_test_client()
