from __future__ import annotations

import json
from importlib import resources

from thaikpi.engine.schema import ScorecardSpec


def test_the_published_json_schema_matches_the_models() -> None:
    shipped = resources.files("thaikpi.templates").joinpath("scorecard.schema.json").read_text()
    assert json.loads(shipped) == ScorecardSpec.model_json_schema(), (
        "run: thaikpi schema > src/thaikpi/templates/scorecard.schema.json"
    )


def test_the_schema_forbids_unknown_fields() -> None:
    schema = ScorecardSpec.model_json_schema()
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["KpiSpec"]["additionalProperties"] is False
