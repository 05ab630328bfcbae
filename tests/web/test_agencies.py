"""Adding an agency in the web application, and the import offering to add a missing one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World, agency_text
from thaikpi.agencies.models import Agency
from thaikpi.changelog.models import AuditLog
from thaikpi.scorecards.models import Scorecard

pytestmark = pytest.mark.django_db
NEW = "/agencies/new/"


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


@pytest.mark.parametrize(("who", "status"), [("eve", 200), ("ada", 200), ("pim", 403),
                                             ("ekk", 403), ("mallory", 403)])  # fmt: skip
def test_only_administrators_and_evaluators_open_the_agency_form(world, who, status):
    assert logged_in(world, who).get(NEW).status_code == status


def test_an_evaluator_adds_a_ministry_and_it_is_audited(world):
    response = logged_in(world, "eve").post(NEW, {
        "code": "MOI", "name_th": "กระทรวงมหาดไทย", "name_en": "Ministry of Interior",
        "kind": "ministry", "parent": ""})  # fmt: skip
    assert response.status_code == 302
    moi = Agency.objects.get(code="MOI")
    assert (moi.kind, moi.parent) == ("ministry", None)
    assert AuditLog.objects.get(action="agency.create").actor == world.eve


def test_a_refused_agency_says_why_on_the_form(world):
    body = logged_in(world, "eve").post(NEW, {"code": "DITP", "name_th": "ซ้ำ",
                                              "kind": "department"}).content.decode()  # fmt: skip
    assert "DITP" in body and 'role="alert"' in body
    assert Agency.objects.filter(code="DITP").count() == 1


def _import(client: Client, text: str) -> str:
    return client.post(reverse("front:import"), {"text": text}).content.decode()


def test_the_import_names_a_missing_agency_and_offers_its_form_prefilled(world):
    client = logged_in(world, "ada")
    text = agency_text("DIT", "กรมการค้าภายใน", "Department of Internal Trade")
    body = _import(client, text)
    assert "DIT" in body and 'id="add-agency"' in body
    href = (
        body.split('id="add-agency"><a class="btn" href="')[1].split('"')[0].replace("&amp;", "&")
    )
    query = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
    assert query == {"code": "DIT", "name_th": "กรมการค้าภายใน",
                     "name_en": "Department of Internal Trade", "kind": "department",
                     "parent": str(world.ditp.parent_id), "next": "/import/"}  # fmt: skip
    form = client.get(href).content.decode()
    assert 'value="DIT"' in form and 'value="กรมการค้าภายใน"' in form
    added = client.post(NEW, query)
    assert added.status_code == 302 and added["Location"] == "/import/"
    assert client.post(reverse("front:import"), {"text": text}).status_code == 302
    assert Scorecard.objects.filter(agency__code="DIT").count() == 1


def test_a_planner_is_told_who_adds_the_agency_and_gets_no_form_link(world):
    body = _import(logged_in(world, "pim"), agency_text("DIT", "กรมการค้าภายใน"))
    assert "DIT" in body and 'id="add-agency"' not in body


def test_the_agency_form_never_redirects_off_site(world):
    response = logged_in(world, "eve").post(NEW, {
        "code": "X9", "name_th": "กรมทดสอบ", "kind": "department",
        "next": "https://evil.example/"})  # fmt: skip
    assert response["Location"] == "/"
