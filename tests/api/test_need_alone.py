"""The API's what-if when every KPI has a result: what one result alone would need."""

from __future__ import annotations

from tests.api.test_permissions import card, client_for
from tests.personas import World


def test_need_says_which_result_alone_would_reach_the_total(world: World) -> None:
    client = client_for(world, "pim")
    for kpi, value in (("1", "1.2"), ("3", "36")):
        saved = client.put(
            card(world, f"rounds/1/results/{kpi}/"), {"value": value, "revision": 0}, format="json"
        )
        assert saved.status_code in (200, 201), saved.content
    body = client.get(card(world, "rounds/1/need/?total=62")).json()
    assert body["kpis"] == []
    # 35 + 24 = 59 of 70 in; 3 more from KPI 1 alone (87.50 → 95) or KPI 3 alone (80 → 90)
    needed = {a["kpi"]: (a["score_needed"], a["actual_needed"]) for a in body["alone"]}
    assert needed == {"1": ("95.00", "1.29"), "3": ("90.00", "38.00")}
    assert body["reachable"] is True
    assert "ตัวอื่นคงเดิม" in body["explanation_th"]
