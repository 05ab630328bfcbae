"""Property-based requests from the app's own OpenAPI schema: no request gets a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.personas import World
from thaikpi.services import tokens

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI app, so do what Django's test client does: stop
    request_started/finished from closing the connection that holds the test transaction
    (on PostgreSQL that closes it mid-test)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world: World) -> object:
    """The schema the app serves, with requests going straight to the WSGI app."""
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_makes_the_api_fail(case: object, world: World) -> None:
    # Real ids half the time, so requests reach past the 404s into the views.
    params = case.path_parameters or {}  # type: ignore[attr-defined]
    if isinstance(params.get("id"), int) and params["id"] % 2:
        params["id"] = world.card.pk
    headers = {"Authorization": "Token " + tokens.issue(world.ada)}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])  # type: ignore[attr-defined]
