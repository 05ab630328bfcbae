"""Before a submit: which KPIs have no result, no evidence, or a warning; a lock typed back."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thaikpi.changelog.models import AuditLog
from thaikpi.results.models import Result, RoundReview
from thaikpi.services import results, reviews
from thaikpi.services.errors import CodeMismatch, Incomplete


def ids(items):
    return [i.kpi_id for i in items]


def state(world, round_no=1):
    return RoundReview.objects.get(scorecard=world.card, round_no=round_no).state


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_an_empty_round_lists_every_assessed_kpi_as_missing(world):
    checklist = reviews.submit_checklist(world.card, 1)
    # KPI 2 is not assessed in round 1 (the mini template): it is not missing.
    assert ids(checklist.missing) == ["1", "3"]
    assert checklist.blocks and not checklist.clear


def test_a_result_without_a_file_is_listed_as_without_evidence(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    results.save_result(world.pim, world.card, "3", 1, {"trade_value": "40", "budget": "1"}, "",
                        0, evidence=pdf())  # fmt: skip
    checklist = reviews.submit_checklist(world.card, 1)
    assert (ids(checklist.missing), ids(checklist.without_evidence)) == ([], ["1"])
    assert not checklist.blocks


def test_a_value_far_beyond_the_100_level_is_listed_with_the_engines_words(world):
    results.save_result(world.pim, world.card, "1", 1, "135", "", 0)
    warned = reviews.submit_checklist(world.card, 1).warned
    assert ids(warned) == ["1"]
    assert "100" in warned[0].detail


def test_the_checklist_names_kpis_in_thai_and_english(world):
    item = reviews.submit_checklist(world.card, 1).missing[0]
    assert (item.label(), item.name.en) == (
        "1. อัตราการขยายตัวของมูลค่าการส่งออก",
        "Export growth rate",
    )


def test_a_submit_with_missing_results_is_refused_until_acknowledged(world):
    with pytest.raises(Incomplete) as refused:
        reviews.act(world.pim, world.card, 1, "submit")
    assert ids(refused.value.checklist.missing) == ["1", "3"]
    assert state(world) == "draft"
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    assert state(world) == "submitted"


def test_a_complete_round_submits_without_acknowledgement(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    results.save_result(world.pim, world.card, "3", 1, {"trade_value": "40", "budget": "1"}, "", 0)
    reviews.act(world.pim, world.card, 1, "submit")
    assert state(world) == "submitted"


@pytest.mark.parametrize(
    ("typed", "locked"),
    [("", False), ("DBD", False), ("DITP", True), (" ditp ", True)],
    ids=["nothing typed", "another agency", "the code", "the code in lower case, spaced"],
)
def test_a_lock_needs_the_agency_code_typed_back(world, typed, locked):
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    reviews.act(world.eve, world.card, 1, "approve")
    if locked:
        reviews.act(world.eve, world.card, 1, "lock", agency_code=typed)
    else:
        with pytest.raises(CodeMismatch):
            reviews.act(world.eve, world.card, 1, "lock", agency_code=typed)
    assert state(world) == ("locked" if locked else "approved")


def test_a_resubmission_clears_the_returned_comment_and_the_audit_log_keeps_it(world):
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    reviews.act(world.eve, world.card, 1, "return", "แนบหลักฐาน KPI 1")
    assert RoundReview.objects.get(scorecard=world.card, round_no=1).comment == "แนบหลักฐาน KPI 1"
    reviews.act(world.pim, world.card, 1, "submit", acknowledge=True)
    assert RoundReview.objects.get(scorecard=world.card, round_no=1).comment == ""
    resubmit = AuditLog.objects.filter(action="review.submit").order_by("-id").first()
    assert resubmit.before["comment"] == "แนบหลักฐาน KPI 1"


@pytest.mark.parametrize(
    ("action", "text"),
    [
        ("submit", "ส่งรอบที่ 2 ให้ผู้ประเมินแล้ว"),
        ("approve", "อนุมัติรอบที่ 2 ของ กรมส่งเสริมการค้าระหว่างประเทศ แล้ว"),
    ],
)
def test_the_message_says_what_happened_and_to_whom(world, action, text):
    from django.utils import translation

    with translation.override("th"):
        assert reviews.done_message(world.card, 2, action) == text


def test_results_are_untouched_by_a_refused_submit(world):
    results.save_result(world.pim, world.card, "1", 1, "1.2", "", 0)
    with pytest.raises(Incomplete):
        reviews.act(world.pim, world.card, 1, "submit")
    assert Result.objects.get(kpi_id="1").raw == "1.2"
