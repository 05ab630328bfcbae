"""Comment threads on the KPI page and the round's overview: post, reply, resolve, reopen."""

from __future__ import annotations

import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.personas import World, bring_round
from thaikpi.discussions.models import Comment
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import discussions


def logged_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def kpi_page(world: World, kpi_id: str = "3", round_no: int = 1) -> str:
    return f"{reverse('front:kpi', args=[world.card.pk, kpi_id])}?round={round_no}"


def overview(world: World, round_no: int = 1) -> str:
    return f"{reverse('front:overview', args=[world.card.pk])}?round={round_no}"


def add_url(world: World, round_no: int = 1) -> str:
    return reverse("front:comment_add", args=[world.card.pk, round_no])


def resolve_url(world: World, comment: Comment) -> str:
    return reverse("front:comment_resolve", args=[world.card.pk, comment.pk])


def text(response) -> str:
    return html.unescape(response.content.decode())


def plain(response) -> str:
    """The page's text without tags, spaces squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


def test_an_owner_posts_on_a_kpi_and_lands_on_the_comment(world):
    client = logged_in(world, "oat")
    response = client.post(add_url(world), {"body": "ผลรวมโครงการใหม่", "kpi_id": "3"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == kpi_page(world) + f"#comment-{comment.pk}"
    page = client.get(response["Location"])
    assert "ผลรวมโครงการใหม่" in text(page)
    assert f'id="comment-{comment.pk}"' in text(page)


def test_the_thread_shows_the_reply_the_resolved_mark_and_its_history(world):
    world.eve.first_name = "อีฟ"
    world.eve.save()
    root = discussions.add(world.oat, world.card, 1, "คำถามเรื่องตัวเลข", kpi_id="3")
    eve = logged_in(world, "eve")
    eve.post(add_url(world), {"body": "โปรดแนบหลักฐาน", "parent": root.pk, "kpi_id": "3"})
    eve.post(resolve_url(world, root), {"resolved": "1"})
    page = plain(eve.get(kpi_page(world)))
    assert "โปรดแนบหลักฐาน" in page
    assert "ปิดประเด็นแล้วโดย อีฟ" in page  # the mark: who (and when)
    assert "อีฟ ทำเครื่องหมายว่าปิดประเด็นแล้ว" in page  # the history line
    assert "เปิดประเด็นอีกครั้ง" in page  # the button to reopen


def discussion(response) -> str:
    """The page's comment section only (the KPI's history lists comments of every round)."""
    page = text(response)
    start = page.index('id="discussion"')
    return page[start : page.index("</section>", start)]


def test_a_kpis_thread_stays_on_its_kpi_and_round(world):
    discussions.add(world.oat, world.card, 1, "เฉพาะตัวที่ 3 รอบ 1", kpi_id="3")
    client = logged_in(world, "pim")
    assert "เฉพาะตัวที่ 3 รอบ 1" in discussion(client.get(kpi_page(world, "3", 1)))
    assert "เฉพาะตัวที่ 3 รอบ 1" not in discussion(client.get(kpi_page(world, "3", 2)))
    assert "เฉพาะตัวที่ 3 รอบ 1" not in discussion(client.get(kpi_page(world, "1", 1)))
    assert "เฉพาะตัวที่ 3 รอบ 1" not in discussion(client.get(overview(world)))


def test_the_overview_shows_the_rounds_threads_and_counts_open_ones_per_kpi(world):
    discussions.add(world.pim, world.card, 1, "ภาพรวมรอบนี้")
    discussions.add(world.oat, world.card, 1, "ก", kpi_id="3")
    discussions.add(world.eve, world.card, 1, "ข", kpi_id="3")
    page = plain(logged_in(world, "ekk").get(overview(world)))
    assert "ภาพรวมรอบนี้" in page
    assert "ความเห็นที่ยังเปิดอยู่ 3 รายการ" in page
    assert "ความเห็นเปิดอยู่ 2" in page  # KPI 3's row


def test_the_overview_says_when_nothing_is_open(world):
    page = plain(logged_in(world, "ekk").get(overview(world)))
    assert "ไม่มีความเห็นที่ยังเปิดอยู่" in page
    assert "ยังไม่มีความเห็น" in page


@pytest.mark.parametrize(
    ("name", "status"),
    [("ekk", 403), ("mallory", 404)],
    ids=["a reader who may not resolve", "another agency"],
)
def test_resolving_is_refused_to_those_who_may_not(world, name, status):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    response = logged_in(world, name).post(resolve_url(world, root), {"resolved": "1"})
    assert response.status_code == status
    root.refresh_from_db()
    assert root.resolved_at is None


def test_another_agency_cannot_post_on_the_scorecard(world):
    response = logged_in(world, "mallory").post(add_url(world), {"body": "แอบ", "kpi_id": "3"})
    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_only_those_who_may_resolve_see_the_button(world):
    discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    assert "btn-resolve" in text(logged_in(world, "pim").get(kpi_page(world)))
    assert "btn-resolve" not in text(logged_in(world, "ekk").get(kpi_page(world)))


def test_an_empty_comment_comes_back_with_a_message_and_nothing_stored(world):
    client = logged_in(world, "oat")
    response = client.post(add_url(world), {"body": "  ", "kpi_id": "3"}, follow=True)
    assert "เขียนความเห็นก่อน" in text(response)
    assert Comment.objects.count() == 0


def test_a_reply_to_a_resolved_thread_says_to_reopen_it(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.pim, world.card, root.pk, True)
    client = logged_in(world, "oat")
    response = client.post(add_url(world), {"body": "อีก", "parent": root.pk}, follow=True)
    assert "เปิดประเด็นอีกครั้งก่อน" in text(response)
    assert Comment.objects.count() == 1


def test_a_comment_notification_opens_the_thread_on_its_page(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    client = logged_in(world, "pim")
    inbox = text(client.get(reverse("front:inbox")))
    assert "แสดงความเห็นที่ตัวชี้วัด 3 รอบที่ 1" in inbox
    [n] = world.pim.notifications.all()
    opened = client.post(reverse("front:inbox_open", args=[n.pk]))
    assert opened["Location"] == kpi_page(world) + f"#comment-{root.pk}"


def test_the_audit_page_names_comment_entries_in_thai(world):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.pim, world.card, root.pk, True)
    page = plain(logged_in(world, "pim").get(reverse("front:audit", args=[world.card.pk])))
    assert "แสดงความเห็น" in page
    assert "ปิดประเด็นความเห็น" in page
    assert "comment.add" not in page


def queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def converse(world: World, kpi_id: str | None, threads: int) -> None:
    """``threads`` threads, each with two replies, half of them resolved and reopened."""
    for i in range(threads):
        root = discussions.add(world.oat, world.card, 1, f"คำถาม {i}", kpi_id=kpi_id)
        discussions.add(world.eve, world.card, 1, "ตอบ", parent_id=root.pk)
        discussions.add(world.pim, world.card, 1, "ตอบอีก", parent_id=root.pk)
        if i % 2:
            discussions.set_resolved(world.eve, world.card, root.pk, True)
            discussions.set_resolved(world.oat, world.card, root.pk, False)


@pytest.mark.parametrize(
    ("page", "kpi_id"),
    [("kpi page", "3"), ("overview", None), ("overview", "3"), ("api", None)],
    ids=["a KPI's threads on its page", "the round's threads", "KPI threads counted", "the API"],
)
def test_a_page_reads_threads_in_as_many_queries_for_many_as_for_one(world, page, kpi_id):
    client = logged_in(world, "pim")
    urls = {"kpi page": kpi_page(world), "overview": overview(world),
            "api": f"/api/v1/scorecards/{world.card.pk}/rounds/1/comments/"}  # fmt: skip
    url = urls[page]
    converse(world, kpi_id, 1)
    one = queries(client, url)
    converse(world, kpi_id, 6)
    assert queries(client, url) == one


def test_the_demo_has_an_answered_thread_and_open_ones_once(db):
    call_command("thaikpi_demo", stdout=StringIO())
    call_command("thaikpi_demo", stdout=StringIO())
    card = Scorecard.objects.get(agency__code="DITP")
    assert Comment.objects.filter(scorecard=card).count() == 5
    assert discussions.open_counts(discussions.threads(card, 1)) == {"1": 1, "": 1}


def test_the_overviews_discussion_links_the_kpis_with_open_threads(world):
    discussions.add(world.oat, world.card, 1, "ก", kpi_id="3")
    done = discussions.add(world.oat, world.card, 1, "ข", kpi_id="1")
    discussions.set_resolved(world.pim, world.card, done.pk, True)
    page = text(logged_in(world, "ekk").get(overview(world)))
    start = page.index('id="open-on-kpis"')
    links = page[start : page.index("</p>", start)]
    assert kpi_page(world, "3") + "#discussion" in links
    assert "/kpis/1/" not in links


def test_a_comment_is_shown_as_text_with_its_line_breaks(world):
    discussions.add(world.oat, world.card, 1, '<script>alert("x")</script>\nบรรทัดสอง', kpi_id="3")
    page = logged_in(world, "pim").get(kpi_page(world)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>บรรทัดสอง" in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("th", ["ความเห็นต่อตัวชี้วัดนี้", "ปิดประเด็นแล้วโดย Pim", "ส่งความเห็น"]),
        ("en", ["Comments on this KPI", "Resolved by Pim", "Post comment"]),
    ],
)
def test_the_thread_speaks_the_pages_language(world, language, words):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    discussions.set_resolved(world.pim, world.card, root.pk, True)
    client = logged_in(world, "oat")
    client.cookies["django_language"] = language
    page = discussion(client.get(kpi_page(world)))
    assert [w for w in words if w not in page] == []


@pytest.mark.parametrize("kpi_id", ["a/b", "99", "x" * 300])
def test_a_refused_post_naming_no_kpi_of_the_scorecard_goes_back_to_the_overview(world, kpi_id):
    response = logged_in(world, "pim").post(add_url(world), {"body": "", "kpi_id": kpi_id})
    assert response.status_code == 302
    assert response["Location"] == overview(world) + "#discussion"


# -- a locked round ---------------------------------------------------------------------------

FORMS = ('id="new-comment"', "reply-box", "btn-resolve", "btn-reopen")
LOCKED_NOTE = "รอบที่ 1 ปิดรอบแล้ว ความเห็นจึงคงไว้ตามเดิม"


@pytest.mark.parametrize("page", ["kpi page", "overview"])
def test_a_locked_rounds_page_shows_the_threads_without_forms_and_says_why(world, page):
    discussions.add(world.oat, world.card, 1, "คำถามค้าง", kpi_id="3")
    done = discussions.add(world.pim, world.card, 1, "ภาพรวมที่ปิดแล้ว")
    discussions.set_resolved(world.pim, world.card, done.pk, True)
    bring_round(world, "locked")
    url = kpi_page(world) if page == "kpi page" else overview(world)
    shown = discussion(logged_in(world, "pim").get(url))
    assert ("คำถามค้าง" in shown) == (page == "kpi page")
    assert ("ภาพรวมที่ปิดแล้ว" in shown) == (page == "overview")
    assert [f for f in FORMS if f in shown] == []
    assert LOCKED_NOTE in shown


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_round_under_review_still_shows_the_forms_and_no_lock_note(world, state):
    discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    bring_round(world, state)
    shown = discussion(logged_in(world, "pim").get(kpi_page(world)))
    assert [f for f in FORMS if f in shown] == ['id="new-comment"', "reply-box", "btn-resolve"]
    assert "comments-locked" not in shown


def test_the_next_round_of_a_locked_one_keeps_its_form(world):
    bring_round(world, "locked")
    shown = discussion(logged_in(world, "pim").get(kpi_page(world, "3", 2)))
    assert 'id="new-comment"' in shown
    assert "comments-locked" not in shown


def test_the_lock_note_speaks_english_on_an_english_page(world):
    bring_round(world, "locked")
    client = logged_in(world, "oat")
    client.cookies["django_language"] = "en"
    shown = discussion(client.get(kpi_page(world)))
    assert "Round 1 is locked: its comments stay as they were" in shown


@pytest.mark.parametrize("post", ["new thread", "reply", "resolve", "reopen"])
def test_a_post_to_a_locked_round_changes_nothing_and_says_why(world, post):
    root = discussions.add(world.oat, world.card, 1, "คำถาม", kpi_id="3")
    if post == "reopen":
        discussions.set_resolved(world.pim, world.card, root.pk, True)
    bring_round(world, "locked")
    client = logged_in(world, "pim")
    sent = {
        "new thread": (add_url(world), {"body": "ใหม่", "kpi_id": "3"}),
        "reply": (add_url(world), {"body": "ตอบ", "parent": root.pk, "kpi_id": "3"}),
        "resolve": (resolve_url(world, root), {"resolved": "1"}),
        "reopen": (resolve_url(world, root), {"resolved": "0"}),
    }[post]
    response = client.post(*sent)
    assert response.status_code == 302
    assert response["Location"].startswith(kpi_page(world))  # back to the thread's page
    page = text(client.get(response["Location"]))
    assert 'รอบที่ 1 อยู่ในสถานะ "ปิดรอบแล้ว" จึงเพิ่มความเห็น' in page
    root.refresh_from_db()
    assert (Comment.objects.count(), root.resolved) == (1, post == "reopen")
