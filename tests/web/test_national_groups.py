"""The evaluator's national table offers the templates' assessment groups and agency kinds."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests.services.test_dashboard import groups_world


def test_the_evaluator_filters_the_nation_by_assessment_group_in_thai(world):
    groups_world(world)
    client = Client()
    client.force_login(world.eve)
    url = reverse("front:dashboard") + "?year=2567&round=2"
    body = client.get(url).content.decode()
    options = re.findall(r'<option value="(\w+)">คะแนน PMQA 4.0: (กลุ่มที่ \d)</option>', body)
    assert [name for _key, name in options] == ["กลุ่มที่ 2", "กลุ่มที่ 4"]
    assert "ประเภทหน่วยงาน" in body and ">จังหวัด</option>" in body
    key = dict((name, key) for key, name in options)["กลุ่มที่ 4"]
    body = client.get(f"{url}&group={key}").content.decode()
    assert re.findall(r'<tr data-agency="(\w+)">', body) == ["DITP", "TMD"]
    assert f'<option value="{key}" selected>' in body
    sorters = re.findall(r'<a href="([^"]*)" class="sort', body)
    assert sorters and all(f"group={key}" in href for href in sorters)  # sorting keeps it
