"""API tests: Django configured, personas available, a client per persona with a token."""

from __future__ import annotations

import tests.djangoconf  # noqa: F401  (first: configures Django)
from tests.personas import world  # noqa: F401
