"""Settings: typed env helpers fail clearly; production refuses to start half-configured."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

from thaikpi.web import settings as settings_file
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


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """The settings module run afresh in this process with ``env`` (Django's configured
    settings are left alone): a new module object each time, nothing cached."""
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "THAIKPI_ENV", "DEBUG", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", settings_file.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PRODUCTION = {"THAIKPI_ENV": "production", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "kpi.example"}


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({**PRODUCTION, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({**PRODUCTION, "DEBUG": "1"}, "DEBUG must be off"),
        ({"THAIKPI_ENV": "prod"}, "THAIKPI_ENV must be one of demo, production"),
        ({"DATABASE_URL": "mysqlish://nope"}, "DATABASE_URL is not a database URL"),
    ],
    ids=["no secret key", "no allowed hosts", "debug on", "unknown environment", "bad database"],
)
def test_settings_refuse_to_start_half_configured(monkeypatch, env, refusal):
    with pytest.raises(ImproperlyConfigured, match=refusal):
        load_settings(monkeypatch, **env)


def test_production_turns_debug_off_and_cookies_secure(monkeypatch):
    settings = load_settings(monkeypatch, **PRODUCTION)
    assert (settings.DEBUG, settings.SESSION_COOKIE_SECURE) == (False, True)


def test_the_demo_is_not_production(monkeypatch, tmp_path):
    settings = load_settings(monkeypatch, THAIKPI_DATA_DIR=str(tmp_path))
    assert getattr(settings, "SESSION_COOKIE_SECURE", False) is False
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


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
