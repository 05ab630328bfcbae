"""The guided review through the web: each action confirmed on the page that shows the round."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.results.models import RoundReview
from thaikpi.services import results, reviews


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def review_url(world: World, round_no: int = 1) -> str:
    return reverse("front:review", args=[world.card.pk, round_no])


def overview(world: World, round_no: int = 1, confirm: str = "") -> str:
    url = f"{reverse('front:overview', args=[world.card.pk])}?round={round_no}"
    return f"{url}&confirm={confirm}#confirm" if confirm else url


def state(world: World) -> str:
    return RoundReview.objects.get(scorecard=world.card, round_no=1).state


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("persona", "action", "before"),
    [("pim", "submit", []), ("eve", "approve", ["submit"]), ("eve", "lock", ["submit", "approve"])],
)
def test_an_unconfirmed_action_opens_its_confirmation_and_changes_nothing(
    world, persona, action, before
):
    for done in before:
        user = world.pim if done == "submit" else world.eve
        reviews.act(user, world.card, 1, done, acknowledge=True)
    was = state(world)
    response = logged_in(world, persona).post(review_url(world), {"action": action})
    assert (response.status_code, response.url, state(world)) == (
        302,
        overview(world, confirm=action),
        was,
    )


def test_the_submit_confirmation_lists_what_is_missing_and_asks_to_acknowledge(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    page = text(logged_in(world, "pim").get(overview(world, confirm="submit")))
    assert "ก่อนส่งรอบที่ 1" in page
    assert "ยังไม่มีผล (1 ตัวชี้วัด)" in page and "3. มูลค่าการค้าต่องบประมาณ" in page
    assert "ยังไม่แนบหลักฐาน (1 ตัวชี้วัด)" in page
    assert 'name="acknowledge"' in page and "ส่งทั้งที่ยังไม่ครบ" in page


def test_a_confirmed_submit_without_acknowledgement_is_refused_with_the_list(world):
    client = logged_in(world, "pim")
    response = client.post(review_url(world), {"action": "submit", "confirmed": "1"}, follow=True)
    assert state(world) == "draft"
    assert "ตัวชี้วัด 2 ตัวยังไม่มีผล (1, 3)" in text(response)


def test_an_acknowledged_submit_says_to_whom_it_went(world):
    client = logged_in(world, "pim")
    response = client.post(
        review_url(world), {"action": "submit", "confirmed": "1", "acknowledge": "1"}, follow=True
    )
    assert state(world) == "submitted"
    assert "ส่งรอบที่ 1 ให้ผู้ประเมินแล้ว" in text(response)


@pytest.mark.parametrize(("typed", "after"), [("DBD", "approved"), ("DITP", "locked")])
def test_a_lock_is_confirmed_with_the_agency_code(world, typed, after):
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    reviews.act(world.eve, world.card, 1, "approve")
    client = logged_in(world, "eve")
    page = text(client.get(overview(world, confirm="lock")))
    assert "พิมพ์รหัสหน่วยงาน DITP เพื่อยืนยัน" in page
    form = {"action": "lock", "confirmed": "1", "agency_code": typed}
    response = text(client.post(review_url(world), form, follow=True))
    assert state(world) == after
    if after == "locked":
        assert "ปิดรอบที่ 1 ของ กรมส่งเสริมการค้าระหว่างประเทศ แล้ว" in response
    else:
        assert "พิมพ์รหัสหน่วยงาน DITP เพื่อยืนยันการปิดรอบ" in response


def test_the_returned_comment_shows_only_while_the_round_is_returned(world):
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    reviews.act(world.eve, world.card, 1, "return", "แนบหลักฐานตัวชี้วัดที่ 3")
    client = logged_in(world, "pim")
    assert "ส่งกลับพร้อมความเห็น: แนบหลักฐานตัวชี้วัดที่ 3" in text(client.get(overview(world)))
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    assert "แนบหลักฐานตัวชี้วัดที่ 3" not in text(client.get(overview(world)))


def test_a_confirmation_for_an_action_the_user_may_not_take_is_not_shown(world):
    page = text(logged_in(world, "ekk").get(overview(world, confirm="submit")))
    assert 'id="confirm"' not in page


def test_the_shipped_kpi_pages_collapse_long_definition_texts(world):
    from pathlib import Path

    from thaikpi.agencies.choices import AgencyKind
    from thaikpi.agencies.models import Agency
    from thaikpi.services import imports
    from thaikpi.templates import __file__ as templates_init

    Agency.objects.create(code="DEPA", name_th="สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
                          kind=AgencyKind.DEPARTMENT, parent=world.ditp.parent)  # fmt: skip
    text = (Path(templates_init).parent / "ditp-2567.yaml").read_text(encoding="utf-8")
    card = imports.import_template(world.ada, text.replace("code: DITP", "code: DEPA", 1)).scorecard
    client = logged_in(world, "ada")
    collapsed = [
        client.get(reverse("front:kpi", args=[card.pk, k])).content.decode().count('class="long"')
        for k in ("1", "7")  # the KPIs whose definitions run to pages
    ]
    assert all(n >= 1 for n in collapsed), collapsed
