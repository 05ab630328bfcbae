"""The home page, "My scorecards", at national scale: filters, search, pages, fixed queries.

An evaluator sees every agency (about 400 agencies × 5 years nationally); a planner sees
their own agency's few scorecards in a plain table.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World
from thaikpi.agencies.choices import AgencyKind
from thaikpi.agencies.models import Agency, FiscalYear
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import RoundReview
from thaikpi.scorecards.models import Scorecard, ScorecardVersion
from thaikpi.services import reviews

HOME = reverse("front:home")


def logged_in(world: World, name: str, language: str = "th") -> Client:
    client = Client()
    client.force_login(world.user(name))
    if language != "th":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def national(world: World, agencies: int, years: tuple[int, ...] = (2566, 2567)) -> None:
    """``agencies`` more departments with a scorecard each year, created in bulk."""
    ministry = world.ditp.parent
    depts = Agency.objects.bulk_create(
        Agency(
            code=f"A{i:03d}",
            name_th=f"สำนักงานทดสอบ {i:03d}",
            name_en=f"Test Office {i:03d}",
            kind=AgencyKind.DEPARTMENT,
            parent=ministry,
        )
        for i in range(agencies)
    )
    fiscal_years = [FiscalYear.for_year(y) for y in years]
    cards = Scorecard.objects.bulk_create(
        Scorecard(agency=a, fiscal_year=y) for a in depts for y in fiscal_years
    )
    versions = ScorecardVersion.objects.bulk_create(
        ScorecardVersion(scorecard=c, number=1, template_text="", template_id="t", title_th="t")
        for c in cards
    )
    for card, version in zip(cards, versions, strict=True):
        card.current = version
    Scorecard.objects.bulk_update(cards, ["current"])
    RoundReview.objects.bulk_create(
        RoundReview(scorecard=c, round_no=r) for c in cards for r in (1, 2)
    )


def listed(response) -> list[tuple[str, int]]:
    """(agency code, fiscal year) of the rows on the page, in order."""
    assert response.status_code == 200
    return [
        (card.agency.code, card.fiscal_year.year_be) for card, _y, _s in response.context["rows"]
    ]


def showing(body: str) -> str:
    found = re.search(r'id="showing">([^<]*)<', body)
    assert found, "no 'showing' sentence on the page"
    return found.group(1)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# A planner's few scorecards


def test_a_planner_with_one_scorecard_sees_a_plain_table_without_filters_or_pages(world):
    response = logged_in(world, "pim").get(HOME)
    body = response.content.decode()
    assert listed(response) == [("DITP", 2567)]
    assert 'name="q"' not in body and 'class="pages"' not in body and 'id="showing"' not in body


def test_the_agency_name_opens_its_scorecard_so_a_phone_need_not_scroll_to_the_open_link(world):
    body = logged_in(world, "pim").get(HOME).content.decode()
    overview = reverse("front:overview", args=[world.card.pk])
    assert f'<td class="agency"><a href="{overview}">{world.ditp}</a></td>' in body


def test_a_planner_sees_only_their_agency_among_hundreds(world):
    national(world, 30)
    assert listed(logged_in(world, "pim").get(HOME)) == [("DITP", 2567)]
    assert listed(logged_in(world, "mallory").get(HOME)) == [("DBD", 2567)]


@pytest.mark.parametrize(
    "query", ["q=DBD", "q=กรมพัฒนาธุรกิจการค้า", "q=A001", "q=Test+Office", "q=A001&year=2567"]
)
def test_searching_for_another_agency_finds_nothing_for_a_planner(world, query):
    national(world, 30)
    response = logged_in(world, "pim").get(f"{HOME}?{query}")
    assert listed(response) == []
    assert 'id="no-match"' in response.content.decode()


def test_a_planner_filtering_by_state_still_sees_only_their_agency(world):
    reviews.transition(world.mallory, world.other, 1, "submit")
    reviews.transition(world.pim, world.card, 1, "submit")
    assert listed(logged_in(world, "pim").get(f"{HOME}?state=submitted")) == [("DITP", 2567)]


# An evaluator's national list


def test_an_evaluator_sees_fifty_scorecards_a_page_newest_year_first_in_each_agency(world):
    national(world, 60)
    response = logged_in(world, "eve").get(HOME)
    rows = listed(response)
    assert len(rows) == 50
    assert rows[:3] == [("A000", 2567), ("A000", 2566), ("A001", 2567)]
    body = response.content.decode()
    assert 'name="q"' in body and 'class="pages"' in body
    assert showing(body) == "แสดงรายการที่ 1–50 จากทั้งหมด 122 รายการ"


def test_the_last_page_holds_the_rest_and_says_where_it_is_in_english(world):
    national(world, 60)
    response = logged_in(world, "eve", "en").get(f"{HOME}?page=3")
    assert listed(response)[-2:] == [("DBD", 2567), ("DITP", 2567)]
    assert len(listed(response)) == 22
    body = response.content.decode()
    assert showing(body) == "Showing 101–122 of 122 scorecards"
    assert 'rel="next"' not in body and 'href="?page=2" rel="prev"' in body
    assert '<span class="on" aria-current="page">3</span>' in body


def test_a_thousand_scorecards_read_with_thousands_separators(world):
    national(world, 500)
    body = logged_in(world, "eve", "en").get(f"{HOME}?page=20").content.decode()
    assert showing(body) == "Showing 951–1,000 of 1,002 scorecards"
    assert '<span class="gap">…</span>' in body  # 21 pages: the middle ones elided


@pytest.mark.parametrize(
    ("page", "shown"),
    [("99", 3), ("abc", 1), ("0", 1), ("-3", 1), ("1e400", 1), ("9" * 5000, 1), ("", 1)],
)
def test_a_page_number_out_of_range_or_not_a_number_falls_back_to_the_last_or_first(
    world, page, shown
):
    national(world, 60)
    response = logged_in(world, "eve").get(HOME, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == shown


def test_the_year_filter_offers_the_years_that_exist_and_narrows_the_list(world):
    national(world, 10, years=(2565, 2566))
    response = logged_in(world, "eve").get(f"{HOME}?year=2566")
    body = response.content.decode()
    assert re.findall(r'<option value="(\d+)"', body.split('name="state"')[0]) == [
        "2567",
        "2566",
        "2565",
    ]
    assert '<option value="2566" selected>' in body
    assert {year for _code, year in listed(response)} == {2566}
    assert len(listed(response)) == 10


def test_searching_matches_an_agency_code_without_regard_to_case(world):
    national(world, 10)
    assert listed(logged_in(world, "eve").get(f"{HOME}?q=ditp")) == [("DITP", 2567)]


def test_searching_matches_the_english_name_without_regard_to_case(world):
    national(world, 10)
    rows = listed(logged_in(world, "eve").get(f"{HOME}?q=test+OFFICE+007"))
    assert rows == [("A007", 2567), ("A007", 2566)]


def test_searching_matches_a_thai_name(world):
    national(world, 10)
    assert listed(logged_in(world, "eve").get(HOME, {"q": "ส่งเสริมการค้า"})) == [("DITP", 2567)]


def test_searching_matches_thai_typed_with_the_tone_mark_before_the_lower_vowel(world):
    national(world, 10)
    rice = Agency.objects.create(
        code="RICE", name_th="กรมการข้าวทุ่งกุลา", kind=AgencyKind.DEPARTMENT, parent=world.ditp.parent
    )
    Scorecard.objects.create(agency=rice, fiscal_year=world.card.fiscal_year)
    typed = "ท\u0e48\u0e38ง"  # ท + mai ek + sara u: looks the same, NFC puts sara u first
    assert typed != "ทุ่ง"
    response = logged_in(world, "eve").get(HOME, {"q": f"  {typed}  "})
    assert listed(response) == [("RICE", 2567)]
    assert 'value="ทุ่ง"' in response.content.decode()  # the box shows the search it ran


def test_the_state_filter_finds_the_rounds_waiting_for_review(world):
    national(world, 10)
    reviews.transition(world.pim, world.card, 1, "submit")
    eve = logged_in(world, "eve")
    assert listed(eve.get(f"{HOME}?state=submitted")) == [("DITP", 2567)]
    assert listed(eve.get(f"{HOME}?state=submitted&round=1")) == [("DITP", 2567)]
    assert listed(eve.get(f"{HOME}?state=submitted&round=2")) == []
    assert len(listed(eve.get(f"{HOME}?state=draft&round=1"))) == 21


def test_page_links_keep_the_filters(world):
    national(world, 60)
    eve = logged_in(world, "eve")
    first = eve.get(HOME, {"year": "2567", "q": "Test Office"})
    assert len(listed(first)) == 50
    body = first.content.decode()
    assert 'href="?year=2567&amp;q=Test+Office&amp;page=2" rel="next"' in body
    assert showing(body) == "แสดงรายการที่ 1–50 จากทั้งหมด 60 รายการ"
    second = eve.get(f"{HOME}?year=2567&q=Test+Office&page=2")
    assert listed(second) == [(f"A{i:03d}", 2567) for i in range(50, 60)]


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1999",
        "year=" + "9" * 5000,
        "state=bogus",
        "state=",
        "round=7",
        "round=x&state=nonsense",
        "q=%00",
        "q=+++",
        "year=2567.0",
        "page=2&year=%FF",
    ],
)
def test_bad_filter_values_fall_back_to_the_whole_list(world, query):
    national(world, 10)
    response = logged_in(world, "eve").get(f"{HOME}?{query}")
    assert response.status_code == 200
    assert len(listed(response)) == 22
    assert not response.context["filters"].active


def test_a_very_long_search_is_cut_short_and_finds_nothing(world):
    national(world, 10)
    response = logged_in(world, "eve").get(HOME, {"q": "ก" * 5000})
    assert listed(response) == []
    assert response.context["filters"].q == "ก" * 100


def test_a_search_with_a_nul_character_is_searched_without_it(world):
    national(world, 10)
    assert listed(logged_in(world, "eve").get(HOME, {"q": "DI\x00TP"})) == [("DITP", 2567)]


def test_the_filter_form_shows_once_there_are_more_than_ten_scorecards(world):
    eve = logged_in(world, "eve")
    assert 'name="q"' not in eve.get(HOME).content.decode()  # two scorecards
    national(world, 5)
    assert 'name="q"' in eve.get(HOME).content.decode()  # twelve


def test_a_user_with_few_scorecards_who_filters_can_clear_the_filters(world):
    body = logged_in(world, "pim").get(f"{HOME}?q=nothing").content.decode()
    assert 'name="q"' in body and 'class="clear"' in body


def test_a_user_without_a_role_is_told_to_ask_for_one(world):
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_user("nobody"))
    body = client.get(f"{HOME}?q=x").content.decode()
    assert "ผู้ดูแลระบบ" in body and 'id="no-match"' not in body


# Queries


def test_the_query_count_does_not_grow_with_the_number_of_scorecards(world):
    eve = logged_in(world, "eve")
    few = queries(eve, HOME)
    national(world, 15)  # 30 more scorecards, 60 more review rows
    reviews.transition(world.pim, world.card, 1, "submit")
    assert queries(eve, HOME) == few
    national_more = queries(eve, f"{HOME}?state=submitted&q=DITP&year=2567")
    assert national_more <= few + 1  # a filtered list counts its rows


def test_the_page_of_a_national_list_runs_a_fixed_small_number_of_queries(
    world, django_assert_max_num_queries
):
    national(world, 100)
    eve = logged_in(world, "eve")
    eve.get(HOME)
    with django_assert_max_num_queries(12):
        assert len(listed(eve.get(f"{HOME}?page=3"))) == 50


def test_review_states_are_read_for_the_shown_page_only(world):
    national(world, 60)
    eve = logged_in(world, "eve")
    with CaptureQueriesContext(connection) as ctx:
        response = eve.get(f"{HOME}?page=2")
    shown = {card.pk for card, _y, _s in response.context["rows"]}
    review_queries = [q["sql"] for q in ctx.captured_queries if "results_roundreview" in q["sql"]]
    assert len(review_queries) == 1
    lists = re.findall(r" IN \(([^)]*)\)", review_queries[0])
    ids = max(lists, key=len)  # the scorecards' ids; the other list is the rounds (1, 2)
    assert {int(n) for n in ids.split(",")} == shown


def test_every_shown_row_has_its_rounds_states(world):
    national(world, 10)
    reviews.transition(world.pim, world.card, 1, "submit")
    response = logged_in(world, "eve").get(HOME)
    states = {card.agency.code: list(s) for card, _y, s in response.context["rows"]}
    assert states["DITP"] == [ReviewState.SUBMITTED, ReviewState.DRAFT]
    assert '<span class="state state-submitted">ส่งพิจารณาแล้ว</span>' in response.content.decode()
