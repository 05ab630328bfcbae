"""Settings: typed env helpers fail clearly; production refuses to start half-configured."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from thaikpi.web.env import env_bool, env_int, env_list


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG")


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(ImproperlyConfigured, match="X_NUM must be a whole number"):
        env_int("X_NUM", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert env_list("X_LIST") == ["a.example", "b.example"]


def load_settings(
    show: str = "s.DEBUG, getattr(s, 'SESSION_COOKIE_SECURE', None)", **env: str
) -> subprocess.CompletedProcess[str]:
    """Import the settings (as ``s``) in a fresh interpreter with ``env``; print ``show``."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "THAIKPI_ENV", "DEBUG", "DATABASE_URL")
    }
    code = f"import thaikpi.web.settings as s; print({show})"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_needs_a_secret_key():
    result = load_settings(THAIKPI_ENV="production", ALLOWED_HOSTS="kpi.example")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_needs_allowed_hosts():
    result = load_settings(THAIKPI_ENV="production", SECRET_KEY="s" * 50)
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr


def test_production_turns_debug_off_and_cookies_secure():
    result = load_settings(
        THAIKPI_ENV="production", SECRET_KEY="s" * 50, ALLOWED_HOSTS="kpi.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_an_unknown_environment_is_refused():
    result = load_settings(THAIKPI_ENV="prod")
    assert "THAIKPI_ENV must be one of demo, production" in result.stderr


def test_a_bad_database_url_is_refused():
    result = load_settings(DATABASE_URL="mysqlish://nope")
    assert result.returncode != 0 and "DATABASE_URL" in result.stderr


def test_sessions_and_log_ins_are_djangos_own_and_pages_are_not_cached():
    from django.conf import settings

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.AUTHENTICATION_BACKENDS[-1] == "django.contrib.auth.backends.ModelBackend"
    assert list(settings.CACHES) == ["default"]


def test_a_session_ended_in_the_database_ends_in_every_worker(world):
    from django.contrib.sessions.models import Session
    from django.test import Client

    client = Client()
    client.force_login(world.pim)
    assert client.get("/account/token/").status_code == 200
    Session.objects.all().delete()  # what a log-out handled by another worker does
    assert client.get("/account/token/").status_code == 302
