"""The review queue at national scale: the waiting rounds and the agencies compared, each paged.

Nationally some 100 rounds wait and 150 agencies are compared; the page shows one page of each
(services.lists.QUEUE_PAGE_SIZE, COMPARED_PAGE_SIZE), the year, round and order kept in every
link.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.personas import World, mini_text
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import imports, lists, results

QUEUE = reverse("front:review_queue")


def departments(world: World, count: int) -> list[str]:
    """``count`` more departments, each with the test scorecard of 2567; their codes."""
    codes = [f"Q{i:02d}" for i in range(count)]
    for code in codes:
        Agency.objects.create(
            code=code, name_th=f"กรมทดสอบ {code}", kind=AgencyKind.DEPARTMENT,
            parent=world.ditp.parent,
        )  # fmt: skip
        imports.import_template(world.ada, mini_text(code))
    return codes


def waiting_since(codes: list[str]) -> None:
    """Round 1 of each agency submitted, the first code waiting longest (a day apart)."""
    start = timezone.now() - timedelta(days=len(codes))
    for days, code in enumerate(codes):
        card = Scorecard.objects.get(agency__code=code)
        review, _ = RoundReview.objects.get_or_create(scorecard=card, round_no=1)
        RoundReview.objects.filter(pk=review.pk).update(
            state=ReviewState.SUBMITTED, updated_at=start + timedelta(days=days)
        )


def page(world: World, query: str) -> str:
    client = Client()
    client.force_login(world.eve)
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return response.content.decode()


def waiting_codes(body: str) -> list[str]:
    table = body.split('id="waiting"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"กรมทดสอบ (Q\d\d)</a>", table)


def compared(body: str) -> list[tuple[str, Decimal | None]]:
    """(agency, total) of the comparison's rows, in order; None where it reads "no result yet"."""
    table = body.split('id="compared"', 1)[1].split("</table>", 1)[0]
    cell = r'<td class="n">(?:<span class="no-result">(ยังไม่มีผล)</span>|([^<]+))<'
    rows = re.findall(r"<tr><td><a href=[^>]+>([^<]+)</a></td>" + cell, table)
    return [(name, None if none else Decimal(total.replace(",", ""))) for name, none, total in rows]


@pytest.fixture
def nation(world: World) -> list[str]:
    codes = departments(world, 23)
    waiting_since(codes)
    return codes


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", slice(0, 20)),  # oldest waiting first, 20 a page
        ("?page=2", slice(20, 23)),
        ("?page=99", slice(20, 23)),  # beyond the last: the last
        ("?page=x", slice(0, 20)),
        ("?order=newest", slice(22, 2, -1)),
        ("?order=newest&page=2", slice(2, None, -1)),
        ("?order=sideways", slice(0, 20)),  # not an order: the default
    ],
)
def test_the_waiting_rounds_come_a_page_at_a_time_oldest_or_newest_first(
    world, nation, query, shown
):
    assert waiting_codes(page(world, query)) == nation[shown]


def test_the_waiting_rounds_say_which_of_how_many_are_shown(world, nation):
    body = page(world, "?page=2")
    assert re.search(r'id="waiting-showing">แสดงรายการที่ 21–23 จากทั้งหมด 23 รายการ', body)


def test_the_pages_of_the_waiting_rounds_keep_the_year_round_and_order(world, nation):
    body = page(world, "?year=2567&round=1&order=newest")
    assert 'href="?year=2567&amp;round=1&amp;order=newest&amp;page=2"' in body
    assert 'href="?year=2567&amp;round=1&amp;page=1"' not in body  # the current page: no link


def test_the_comparison_ranks_every_agency_and_shows_a_page_of_them(world, nation):
    for code in nation[:3]:  # three agencies with a result rank first, across the pages
        card = Scorecard.objects.get(agency__code=code)
        results.save_result(world.ada, card, "1", 2, "1.2", "", 0)
    first = page(world, "?year=2567&round=2")
    second = page(world, "?year=2567&round=2&cpage=2")
    ranked = compared(first) + compared(second)
    assert len(compared(first)) == 20 and len(ranked) == 25  # 23 + DITP and DBD
    totals = [total for _name, total in ranked]
    known = [t for t in totals if t is not None]  # agencies without any result rank last
    assert known == sorted(known, reverse=True) and totals == known + [None] * (25 - len(known))
    assert {f"กรมทดสอบ {c}" for c in nation[:3]} <= {name for name, _t in compared(first)}
    assert len({name for name, _t in ranked}) == 25  # no agency on both pages
    assert re.search(r'id="compared-showing">แสดงรายการที่ 21–25 จากทั้งหมด 25 รายการ', second)
    assert 'href="?year=2567&amp;round=2&amp;cpage=2"' in first


def test_the_comparison_form_keeps_the_order_and_page_of_the_waiting_rounds(world, nation):
    body = page(world, "?order=newest&page=2")
    form = body.split('<form method="get" class="row-form">', 1)[1].split("</form>", 1)[0]
    assert '<input type="hidden" name="order" value="newest">' in form
    assert '<input type="hidden" name="page" value="2">' in form


@pytest.mark.parametrize(
    ("asked", "changes", "href"),
    [
        (lists.QueueQuery(2567, 2), {}, "?year=2567&round=2"),
        (lists.QueueQuery(2567, 2), {"page": 3}, "?year=2567&round=2&page=3"),
        (lists.QueueQuery(2567, 1, "newest", 2, 4), {"cpage": 1},
         "?year=2567&round=1&order=newest&page=2"),
        (lists.QueueQuery(2566, 1, "newest"), {"order": "oldest"}, "?year=2566&round=1"),
    ],
)  # fmt: skip
def test_a_link_of_the_review_queue_keeps_what_it_does_not_change(asked, changes, href):
    assert asked.href(**changes) == href


def test_a_waiting_round_shows_its_state_in_thai_words(world):
    waiting_since(departments(world, 1))
    assert '<span class="state state-submitted">ส่งพิจารณาแล้ว</span>' in page(world, "")
