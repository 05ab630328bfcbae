#!/usr/bin/env bash
# Refresh the Thai catalogue: collect messages, fill translations from scripts/th.json, compile.
# Add new Thai translations to scripts/th.json (msgid → Thai), then run this. Needs gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
po=src/thaikpi/locale/th/LC_MESSAGES/django.po
(cd src/thaikpi && ../../.venv/bin/django-admin makemessages -l th --no-location \
  -i "engine/*" -i "cli/*" --settings=thaikpi.web.settings)
.venv/bin/python scripts/po_fill.py "$po" scripts/th.json
(cd src/thaikpi && ../../.venv/bin/django-admin compilemessages --settings=thaikpi.web.settings)
