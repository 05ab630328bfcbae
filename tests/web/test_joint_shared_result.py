"""A member reads the owner's joint result everywhere: evidence files, the workbook, the API."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from tests.joint_world import JointWorld
from tests.joint_world import jw as jw  # the fixture
from thaikpi.results.models import Evidence
from thaikpi.services import results, reviews

FROM = "ผลร่วมจาก กรมส่งเสริมการค้าระหว่างประเทศ (อัตราการขยายตัวของมูลค่าการส่งออกรวม)"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_for(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def owner_saves_with_file(jw: JointWorld, submit: bool = True) -> Evidence:
    """DITP's planner enters KPI 1 of round 1 with a file, and (by default) submits."""
    saved = results.save_result(jw.w.pim, jw.w.card, "1", 1, "1.2", "ตามรายงานกรมศุลกากร", 0)
    pdf = SimpleUploadedFile("export-stats.pdf", b"%PDF-1.4 owner", content_type="application/pdf")
    evidence = results.add_evidence(jw.w.pim, saved, pdf)
    if submit:
        reviews.transition(jw.w.pim, jw.w.card, 1, "submit")
    return evidence


def kpi_page(card, kpi_id: str = "1") -> str:
    return reverse("front:kpi", args=[card.pk, kpi_id]) + "?round=1"


# -- the owner's evidence on a member's KPI page


@pytest.mark.parametrize("who", ["tui", "eve"])
def test_a_members_kpi_page_lists_the_owners_evidence_files_as_links(jw, who):
    evidence = owner_saves_with_file(jw)
    user = jw.tui if who == "tui" else jw.w.eve
    html = client_for(user).get(kpi_page(jw.member)).content.decode()
    assert 'id="joint-evidence"' in html
    assert "ไฟล์หลักฐานของกรมส่งเสริมการค้าระหว่างประเทศ" in html
    assert f'href="{reverse("front:evidence", args=[evidence.pk])}">export-stats.pdf<' in html


def test_a_member_downloads_the_owners_file_once_the_owner_has_submitted(jw):
    evidence = owner_saves_with_file(jw)
    response = client_for(jw.tui).get(reverse("front:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 owner"


def test_the_owners_draft_files_stay_with_the_owner(jw):
    evidence = owner_saves_with_file(jw, submit=False)
    html = client_for(jw.tui).get(kpi_page(jw.member)).content.decode()
    assert "export-stats.pdf" not in html
    assert client_for(jw.tui).get(reverse("front:evidence", args=[evidence.pk])).status_code == 404


@pytest.mark.parametrize(
    ("kpi_id", "who", "status"),
    [
        ("1", "mallory", 404),  # another ministry's planner carries nothing
        ("3", "tui", 404),  # the owner's other KPIs are not shared
        ("1", "pim", 200),  # the owner reads its own file as before
    ],
)
def test_only_readers_of_a_carrying_scorecard_get_the_owners_file(jw, kpi_id, who, status):
    saved = results.save_result(
        jw.w.pim, jw.w.card, kpi_id, 1, "1.2" if kpi_id == "1" else "8", "", 0
    )
    pdf = SimpleUploadedFile("f.pdf", b"%PDF-1.4", content_type="application/pdf")
    evidence = results.add_evidence(jw.w.pim, saved, pdf)
    reviews.transition(jw.w.pim, jw.w.card, 1, "submit")
    user = {"mallory": jw.w.mallory, "tui": jw.tui, "pim": jw.w.pim}[who]
    assert client_for(user).get(reverse("front:evidence", args=[evidence.pk])).status_code == status


def test_the_member_has_no_upload_form_for_the_joint_kpi(jw):
    owner_saves_with_file(jw)
    html = client_for(jw.tui).get(kpi_page(jw.member)).content.decode()
    assert reverse("front:entry", args=[jw.member.pk, "1", 1]) not in html


# -- the workbook


def member_workbook(jw: JointWorld, user=None):
    url = reverse("front:report_xlsx", args=[jw.member.pk, 1])
    response = client_for(user or jw.tui).get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def cells(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_the_members_workbook_marks_the_joint_result_on_every_sheet(jw):
    owner_saves_with_file(jw)
    book = member_workbook(jw)
    summary = next(r for r in book["สรุปผล"].iter_rows(values_only=True) if r[0] == "1")
    assert summary[7] == pytest.approx(1.2)  # the owner's figure, in the member's summary
    assert str(summary[-1]).startswith(FROM)
    entry = next(r for r in book["บันทึกผล"].iter_rows(values_only=True) if r[0] == "1")
    assert FROM in entry[5] and "หน่วยงานเจ้าของเป็นผู้กรอก" in entry[5]
    assert any(c.startswith(FROM) for c in cells(book["ตัวชี้วัดที่ 1"]))
    assert not any("ผลร่วมจาก" in c for c in cells(book["ตัวชี้วัดที่ 2"]))


def test_the_members_workbook_says_the_owner_has_not_sent_its_round_yet(jw):
    owner_saves_with_file(jw, submit=False)
    rows = member_workbook(jw)["สรุปผล"].iter_rows(values_only=True)
    summary = next(r for r in rows if r[0] == "1")
    assert summary[7] is None
    assert f"{FROM}: ยังไม่มีผล: รอหน่วยงานเจ้าของส่งผลรอบที่ 1" in summary[-1]


def test_the_owners_workbook_is_not_marked(jw):
    owner_saves_with_file(jw)
    url = reverse("front:report_xlsx", args=[jw.w.card.pk, 1])
    book = load_workbook(io.BytesIO(client_for(jw.w.pim).get(url).content))
    assert not any("ผลร่วมจาก" in c for ws in book.worksheets for c in cells(ws))


# -- the results API


def test_the_members_results_include_the_owners_result_marked_with_its_source(jw):
    owner_saves_with_file(jw)
    body = api_for(jw.tui).get(f"/api/v1/scorecards/{jw.member.pk}/rounds/1/results/").json()
    row = next(r for r in body["results"] if r["kpi_id"] == "1")
    assert (row["raw"], row["note"], row["updated_by"]) == ("1.2", "ตามรายงานกรมศุลกากร", None)
    assert row["joint"]["from_th"] == FROM
    assert (row["joint"]["owner_state"], row["joint"]["counts"]) == ("submitted", True)


def test_the_members_own_results_stay_unmarked_beside_the_joint_one(jw):
    owner_saves_with_file(jw)
    results.save_result(jw.tui, jw.member, "3", 1, "8", "", 0)
    body = api_for(jw.tui).get(f"/api/v1/scorecards/{jw.member.pk}/rounds/1/results/").json()
    assert {r["kpi_id"]: r["joint"] is None for r in body["results"]} == {"1": False, "3": True}
    assert body["count"] == 2


@pytest.mark.parametrize(("submitted", "status"), [(True, 200), (False, 404)])
def test_the_members_result_of_the_joint_kpi_is_the_owners_once_sent(jw, submitted, status):
    owner_saves_with_file(jw, submit=submitted)
    url = f"/api/v1/scorecards/{jw.member.pk}/rounds/1/results/1/"
    response = api_for(jw.tui).get(url)
    assert response.status_code == status
    if submitted:
        assert response.json()["raw"] == "1.2"
        assert response.json()["joint"]["owner_th"] == "กรมส่งเสริมการค้าระหว่างประเทศ"


def test_the_owners_own_results_carry_no_joint_mark(jw):
    owner_saves_with_file(jw)
    body = api_for(jw.w.pim).get(f"/api/v1/scorecards/{jw.w.card.pk}/rounds/1/results/").json()
    assert [(r["kpi_id"], r["joint"]) for r in body["results"]] == [("1", None)]
