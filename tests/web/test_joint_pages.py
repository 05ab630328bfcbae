"""Joint KPIs on the pages and the API: where the result comes from, refusals, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.joint_world import JointWorld, department, member_text
from tests.joint_world import jw as jw  # the fixture
from tests.personas import _user
from thaikpi.accounts.choices import Role
from thaikpi.joint.models import JointKpi
from thaikpi.results.models import Result
from thaikpi.services import imports, joint, results, reviews

OWNER = "กรมส่งเสริมการค้าระหว่างประเทศ"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def owner_submits(jw: JointWorld, value: str = "1.2") -> None:
    results.save_result(jw.w.pim, jw.w.card, "1", 1, value, "", 0)
    reviews.transition(jw.w.pim, jw.w.card, 1, "submit")


def kpi_page(jw: JointWorld, card=None, kpi_id: str = "1") -> str:
    card = card or jw.member
    return reverse("front:kpi", args=[card.pk, kpi_id]) + "?round=1"


@pytest.mark.parametrize("who", ["tui", "eve"])
def test_a_members_kpi_page_says_where_the_joint_result_comes_from(jw, who):
    owner_submits(jw)
    user = jw.tui if who == "tui" else jw.w.eve
    html = client_for(user).get(kpi_page(jw)).content.decode()
    assert f"ผลร่วมจาก {OWNER}" in html
    assert 'id="kpi-actual">1.20<' in html
    assert "moc-export-growth" not in html  # no code names on Thai pages
    assert reverse("front:entry", args=[jw.member.pk, "1", 1]) not in html  # no entry button


def test_before_the_owner_submits_the_member_sees_whose_round_it_waits_for(jw):
    results.save_result(jw.w.pim, jw.w.card, "1", 1, "1.2", "", 0)  # a draft, not sent
    html = client_for(jw.tui).get(kpi_page(jw)).content.decode()
    assert "รอหน่วยงานเจ้าของส่งผลรอบที่ 1" in html
    assert "1.20" not in html  # the owner's unsent draft is not shown to other agencies


def test_the_members_overview_marks_the_joint_kpi_with_its_owner(jw):
    owner_submits(jw)
    url = reverse("front:overview", args=[jw.member.pk]) + "?round=1"
    html = client_for(jw.tui).get(url).content.decode()
    assert f"ผลร่วมจาก {OWNER}" in html


def test_the_owners_kpi_page_lists_the_agencies_that_score_with_its_result(jw):
    html = client_for(jw.w.pim).get(kpi_page(jw, jw.w.card)).content.decode()
    assert "กรมเจรจาการค้าระหว่างประเทศ" in html
    assert 'id="joint-carriers"' in html


def test_the_entry_page_of_a_members_joint_kpi_is_refused_with_the_reason(jw):
    url = reverse("front:entry", args=[jw.member.pk, "1", 1])
    client = client_for(jw.tui)
    assert client.get(url).status_code == 403
    response = client.post(url, {"revision": 0, "value": "3.0"})
    assert response.status_code == 403
    assert OWNER in response.content.decode()
    assert not Result.objects.filter(scorecard=jw.member).exists()


def test_the_api_refuses_to_save_a_members_joint_kpi_and_scores_it_with_the_owners(jw):
    owner_submits(jw)
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=jw.tui).key}")
    url = f"/api/v1/scorecards/{jw.member.pk}/rounds/1/results/1/"
    response = client.put(url, {"value": "3.0", "revision": 0}, content_type="application/json")
    assert response.status_code == 403
    score = client.get(f"/api/v1/scorecards/{jw.member.pk}/rounds/1/score/").json()
    kpi = next(k for k in score["kpis"] if k["id"] == "1")
    assert kpi["actual"] == "1.20"
    assert score["joint"]["1"]["owner_th"] == "กรมส่งเสริมการค้าระหว่างประเทศ"
    assert (score["joint"]["1"]["owner_state"], score["joint"]["1"]["counts"]) == (
        "submitted",
        True,
    )


def more_members(jw: JointWorld, n: int) -> None:
    """``n`` more departments carrying the joint KPI, each with a result of its own."""
    joint_kpi = JointKpi.objects.get()
    for i in range(n):
        agency = department(f"M{i}", f"กรมสมาชิก {i}", jw.w.ditp.parent)
        joint_kpi.members.add(agency)
        card = imports.import_template(jw.w.ada, member_text(f"M{i}")).scorecard
        results.save_result(jw.w.ada, card, "3", 1, {"trade_value": "40", "budget": "1"}, "", 0)


def count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "page", "most"),
    [
        ("tui", "member overview", 13),
        ("tui", "member kpi page", 15),  # + its joint source and which KPIs are shared
        ("pim", "owner kpi page", 15),  # + the scorecards that carry its result
        ("eve", "national dashboard", 11),  # + the members' joint sources, one query a batch
        ("eve", "review queue", 10),
    ],
)
def test_joint_pages_run_as_many_queries_for_many_members_as_for_one(jw, who, page, most):
    owner_submits(jw)
    urls = {
        "member overview": reverse("front:overview", args=[jw.member.pk]) + "?round=1",
        "member kpi page": kpi_page(jw),
        "owner kpi page": kpi_page(jw, jw.w.card),
        "national dashboard": reverse("front:dashboard") + "?year=2567&round=1",
        "review queue": reverse("front:review_queue") + "?year=2567&round=1",
    }
    user = {"tui": jw.tui, "pim": jw.w.pim, "eve": jw.w.eve}[who]
    client = client_for(user)
    small = count(client, urls[page])
    more_members(jw, 3)
    assert count(client, urls[page]) == small
    assert small <= most


def test_a_planner_of_a_member_that_does_not_carry_it_sees_nothing_joint(jw):
    mallory = client_for(jw.w.mallory)
    html = mallory.get(kpi_page(jw, jw.w.other)).content.decode()
    assert "ผลร่วม" not in html
    assert mallory.get(kpi_page(jw)).status_code == 404  # DTN's scorecard is not hers


def test_a_kpi_owner_of_the_member_cannot_enter_the_joint_kpi_either(jw):
    owner = _user("oon", Role.KPI_OWNER, jw.dtn)
    jw.member.owners.create(kpi_id="1").users.add(owner)
    assert (
        client_for(owner).get(reverse("front:entry", args=[jw.member.pk, "1", 1])).status_code
        == 403
    )
    assert joint.shared_kpis(jw.member, imports.engine.current(jw.member)).keys() == {"1"}


# -- the list of joint KPIs, and defining one


def test_everyone_reads_the_list_of_joint_kpis_with_owner_members_and_carriers(jw):
    html = client_for(jw.tui).get(reverse("front:joint")).content.decode()
    assert "อัตราการขยายตัวของมูลค่าการส่งออกรวม" in html
    assert "กรมเจรจาการค้าระหว่างประเทศ (ตัวชี้วัด 1)" in html
    assert 'id="joint-form"' not in html  # planners do not define joint KPIs


def test_an_evaluator_defines_a_joint_kpi_on_the_page(jw):
    form = {
        "code": "agenda-a2",
        "year_be": "2567",
        "name_th": "ความสำเร็จของการขับเคลื่อน Agenda A2",
        "owner": str(jw.w.ditp.pk),
        "owner_kpi_id": "5",
        "members": [str(jw.dtn.pk), str(jw.w.dbd.pk)],
    }
    response = client_for(jw.w.eve).post(reverse("front:joint"), form)
    assert response.status_code == 302
    made = JointKpi.objects.get(code="agenda-a2")
    assert sorted(made.members.values_list("code", flat=True)) == ["DBD", "DTN"]


def test_a_planner_posting_the_definition_form_is_refused(jw):
    response = client_for(jw.tui).post(reverse("front:joint"), {"code": "x"})
    assert response.status_code == 403
    assert not JointKpi.objects.filter(code="x").exists()


def test_an_evaluator_approving_a_member_before_the_owner_is_told_why_on_the_page(jw):
    owner_submits(jw)
    reviews.transition(jw.tui, jw.member, 1, "submit")
    url = reverse("front:review", args=[jw.member.pk, 1])
    response = client_for(jw.w.eve).post(url, {"action": "approve", "confirmed": "1"}, follow=True)
    assert "ต้องอนุมัติรอบที่ 1 ของหน่วยงานนั้นก่อน" in response.content.decode()
    assert reviews.rounds.review_of(jw.member, 1).state == "submitted"


def test_the_api_answers_409_when_a_members_lock_would_run_ahead_of_the_owner(jw):
    owner_submits(jw)
    reviews.transition(jw.w.eve, jw.w.card, 1, "approve")
    reviews.transition(jw.tui, jw.member, 1, "submit")
    reviews.transition(jw.w.eve, jw.member, 1, "approve")
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=jw.w.eve).key}")
    url = f"/api/v1/scorecards/{jw.member.pk}/rounds/1/review/"
    body = {"action": "lock", "agency_code": "DTN"}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "round_closed"
