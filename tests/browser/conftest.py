"""Browser tests: Django configured, personas available, Debian chromium via Playwright."""

import tests.djangoconf  # noqa: F401  (first: configures Django)
from tests.personas import live_world, world  # noqa: F401
