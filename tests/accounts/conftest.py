"""Permission rules: Django configured, personas available."""

import tests.djangoconf  # noqa: F401  (first: configures Django)
from tests.personas import world  # noqa: F401
