"""The planner's dashboard lists KPIs at risk with their forecast, linked to their page."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.services.test_at_risk import sheet
from tests.services.test_surveys import land  # noqa: F401  (the fixture)
from thaikpi.services import series


def test_the_dashboard_names_a_kpi_at_risk_with_its_forecast_and_standard_level(land):  # noqa: F811
    card = land["cards"]["DITP"]
    series.import_monthly(land["pim"], card, "1", sheet("279063.0"), "exports.csv")
    seen = series.outlook(card, "1")
    client = Client()
    client.force_login(land["pim"])
    body = client.get(reverse("front:dashboard")).content.decode()
    risks = re.search(r'<ul class="risk">(.*?)</ul>', body, re.S).group(1)
    assert f'href="{reverse("front:kpi", args=[card.pk, "1"])}"' in risks
    assert f"คาดการณ์สิ้นปี {seen.foreseen:.2f} ค่าเป้าหมายมาตรฐาน คือ 2.10" in risks
    assert "เสี่ยงไม่ถึงเป้า (คาดการณ์ต่ำกว่าเป้าหมายมาตรฐาน)" in body
