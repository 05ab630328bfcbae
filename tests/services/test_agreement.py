"""A scorecard moves draft → agreed when the agency head and the evaluator sign its version."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from tests.personas import agency_text, mini_text
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.changelog.models import AuditLog
from thaikpi.deadlines.models import Notification
from thaikpi.scorecards.models import Scorecard, Signature
from thaikpi.services import agreement, deadlines, imports, notifications, results, reviews
from thaikpi.services.errors import Invalid, NotAllowed


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def draft(world):
    """A draft scorecard of DITP for 2568 (version 1), nobody has signed."""
    text = mini_text("DITP").replace("2567", "2568").replace("2023-10-01", "2024-10-01")
    text = text.replace("2024-09-30", "2025-09-30")
    return imports.import_template(world.ada, text).scorecard


def test_a_scorecard_imported_for_the_first_time_is_a_draft(draft):
    assert draft.is_agreed is False
    assert draft.agreed_version is None


def test_the_personas_scorecards_are_agreed_on_version_1(world):
    for card in (world.card, world.other):
        card.refresh_from_db()
        assert card.is_agreed and card.agreed_version.number == 1


@pytest.mark.parametrize(
    ("signer", "side", "allowed"),
    [
        ("pim", "agency", True),
        ("ekk", "agency", True),
        ("eve", "evaluator", True),
        ("ada", "agency", True),
        ("ada", "evaluator", True),
        ("eve", "agency", False),
        ("pim", "evaluator", False),
        ("oat", "agency", False),
        ("mallory", "agency", False),
    ],
)
def test_who_signs_which_side(world, draft, signer, side, allowed):
    if allowed:
        agreement.sign(world.user(signer), draft, side)
        assert Signature.objects.get(version=draft.current, side=side).user == world.user(signer)
    else:
        with pytest.raises(NotAllowed):
            agreement.sign(world.user(signer), draft, side)


def test_two_signatures_make_it_agreed_and_the_log_keeps_both(world, draft):
    first = agreement.sign(world.ekk, draft, "agency")
    assert first.agreed is False and first.missing == ["evaluator"]
    done = agreement.sign(world.eve, draft, "evaluator")
    assert (done.agreed, done.agreed_version) == (True, 1)
    draft.refresh_from_db()
    assert draft.is_agreed and draft.agreed_version == draft.current
    actions = list(
        AuditLog.objects.filter(scorecard=draft, action__startswith="scorecard.")
        .order_by("id")
        .values_list("action", "actor__username", "after")
    )
    assert actions[-3:] == [
        ("scorecard.sign", "ekk", {"side": "agency", "version": 1}),
        ("scorecard.sign", "eve", {"side": "evaluator", "version": 1}),
        ("scorecard.agree", "eve", {"state": "agreed", "version": 1}),
    ]


def test_one_person_never_signs_both_sides(world, draft):
    agreement.sign(world.ada, draft, "agency")
    with pytest.raises(NotAllowed, match="two different people"):
        agreement.sign(world.ada, draft, "evaluator")


def test_a_side_signs_once_and_an_agreed_scorecard_is_not_signed_again(world, draft):
    agreement.sign(world.ekk, draft, "agency")
    with pytest.raises(Invalid, match="already signed"):
        agreement.sign(world.pim, draft, "agency")
    agreement.sign(world.eve, draft, "evaluator")
    with pytest.raises(Invalid, match="already agreed"):
        agreement.sign(world.pim, draft, "agency")


def test_a_new_version_after_one_signature_needs_that_signature_again(world, draft):
    agreement.sign(world.ekk, draft, "agency")
    text = draft.current.template_text.replace("stated: 2.7}", "stated: 2.9}", 1)
    imports.import_template(world.pim, text)  # a draft: no reason needed
    draft.refresh_from_db()
    state = agreement.status(world.eve, draft)
    assert (state.version, state.missing, state.may_sign) == (2, ["agency", "evaluator"],
                                                               ("evaluator",))  # fmt: skip


def test_a_draft_round_cannot_be_submitted_until_agreed(world, draft):
    results.save_result(world.pim, draft, "1", 1, "1.2", "", 0)  # entering results is allowed
    with pytest.raises(NotAllowed, match="still a draft"):
        reviews.act(world.pim, draft, 1, "submit", acknowledge=True)
    with pytest.raises(NotAllowed, match="still a draft"):
        reviews.transition(world.pim, draft, 1, "submit")
    assert reviews.actions_for(world.pim, draft, "draft") == []
    agreement.sign(world.pim, draft, "agency")
    agreement.sign(world.eve, draft, "evaluator")
    assert reviews.act(world.pim, draft, 1, "submit", acknowledge=True).state == "submitted"


def test_a_draft_changes_targets_freely_and_an_agreed_one_by_its_revision_rule(world, draft):
    base = draft.current.template_text
    assert base.count("stated: 2.7}") == 1  # KPI 1's round-2 level 100

    def kpi1(figure: str) -> str:
        return base.replace("stated: 2.7}", f"stated: {figure}}}")

    for number, figure in enumerate(("2.8", "2.9", "3.0"), start=2):  # allowed once, once agreed
        assert imports.import_template(world.pim, kpi1(figure)).number == number
    assert draft.versions.filter(meta__revised=[]).count() == 4
    agreement.sign(world.pim, draft, "agency")
    agreement.sign(world.eve, draft, "evaluator")
    with pytest.raises(Invalid, match="reason"):
        imports.import_template(world.pim, kpi1("3.1"))
    assert imports.import_template(world.pim, kpi1("3.1"), reason="after Q2 GDP").number == 5
    with pytest.raises(Invalid, match="allows 1 target revision"):
        imports.import_template(world.pim, kpi1("3.2"), reason="again")


@pytest.fixture
def division_card(world):
    """The strategy division's internal scorecard, imported by DITP's planner."""
    text = agency_text("DITP-STRAT", "กองยุทธศาสตร์")
    return imports.import_template(world.pim, text).scorecard


@pytest.mark.parametrize(
    ("persona", "reads"),
    [("pim", True), ("oat", True), ("ekk", True), ("eve", True), ("mallory", False)],
)
def test_a_divisions_scorecard_is_read_by_its_departments_members(
    world, division_card, persona, reads
):
    readable = Scorecard.objects.readable_by(world.user(persona)).filter(pk=division_card.pk)
    assert readable.exists() is reads


def test_a_divisions_scorecard_is_signed_by_its_departments_head(world, division_card):
    agreement.sign(world.ekk, division_card, "agency")
    assert agreement.sign(world.eve, division_card, "evaluator").agreed is True
    planner = User.objects.create_user("dao")  # the division's own planner submits its rounds
    Membership.objects.create(user=planner, agency=world.strat, role=Role.PLANNER)
    assert reviews.act(planner, division_card, 1, "submit", acknowledge=True).state == "submitted"


# -- the other side is told, and the signature waits on their to-do list --------------------


def _told(draft) -> dict[str, str]:
    """username → kind of the agreement notifications about ``draft``, one per user."""
    rows = Notification.objects.filter(kind__startswith="agreement.").select_related("user")
    found = [
        (n.user.username, n.kind) for n in rows if n.url.startswith(f"/scorecards/{draft.pk}/")
    ]
    assert len(found) == len({u for u, _k in found}), "one notification per user and event"
    return dict(found)


@pytest.mark.parametrize(
    ("signer", "side", "told"),
    [
        ("pim", "agency", {"eve"}),
        ("ekk", "agency", {"eve"}),
        ("ada", "agency", {"eve"}),
        ("eve", "evaluator", {"pim", "ekk"}),
        ("ada", "evaluator", {"pim", "ekk"}),
    ],
)
def test_one_sides_signature_notifies_the_other_side_only(world, draft, signer, side, told):
    agreement.sign(world.user(signer), draft, side)
    assert _told(draft) == dict.fromkeys(told, "agreement.sign")


def test_the_second_signature_tells_the_first_side_the_scorecard_is_agreed(world, draft):
    agreement.sign(world.pim, draft, "agency")
    agreement.sign(world.eve, draft, "evaluator")
    assert _told(draft) == {"eve": "agreement.sign", "pim": "agreement.agree",
                            "ekk": "agreement.agree"}  # fmt: skip


def test_a_signature_is_notified_once_and_a_refused_one_not_at_all(world, draft):
    with pytest.raises(NotAllowed):
        agreement.sign(world.mallory, draft, "agency")
    assert _told(draft) == {}
    agreement.sign(world.pim, draft, "agency")
    signature = Signature.objects.get(version=draft.current)
    notifications.signing_event(world.pim, draft, "agency", 1, signature.pk)  # told again
    assert (
        Notification.objects.filter(user=world.eve, key=f"agreement.sign:{signature.pk}").count()
        == 1
    )
    assert _told(draft) == {"eve": "agreement.sign"}


def test_a_division_scorecards_signature_tells_the_departments_planners_and_executives(world):
    text = (
        agency_text("DITP-STRAT", "กองยุทธศาสตร์")
        .replace("2567", "2568")
        .replace("2023-10-01", "2024-10-01")
    )
    card = imports.import_template(world.ada, text.replace("2024-09-30", "2025-09-30")).scorecard
    agreement.sign(world.eve, card, "evaluator")
    assert _told(card) == {"pim": "agreement.sign", "ekk": "agreement.sign"}


@pytest.mark.parametrize(
    ("side", "language", "expected"),
    [
        ("agency", "th", "หัวหน้าส่วนราชการลงนามคำรับรองฯ ปีงบประมาณ 2568 (ฉบับที่ 1) แล้ว "
                         "รอการลงนามของคุณในฐานะผู้ประเมิน"),
        ("agency", "en", "the agency's head signed the scorecard of 2568 (version 1); "
                         "your signature as the evaluator is awaited."),
        ("evaluator", "th", "ผู้ประเมินลงนามคำรับรองฯ ปีงบประมาณ 2568 (ฉบับที่ 1) แล้ว "
                            "รอการลงนามของหัวหน้าส่วนราชการ"),
    ],
)  # fmt: skip
def test_the_signing_notification_reads_in_thai_and_english(world, draft, side, language, expected):
    signer = world.pim if side == "agency" else world.eve
    agreement.sign(signer, draft, side)
    row = Notification.objects.filter(kind="agreement.sign").exclude(user=signer).first()
    assert notifications.text(row, language) == f"{draft.agency.name_th}: {expected}"


@pytest.mark.parametrize(
    ("signed", "waiting"),
    [
        ((), set()),  # nobody has signed: still being negotiated, nobody is waited for
        ((("pim", "agency"),), {"eve"}),
        ((("eve", "evaluator"),), {"pim", "ekk"}),
        ((("ekk", "agency"), ("eve", "evaluator")), set()),  # agreed
    ],
)
def test_a_draft_waits_for_the_signature_of_the_side_that_has_not_signed(
    world, draft, signed, waiting
):
    for name, side in signed:
        agreement.sign(world.user(name), draft, side)
    people = ("pim", "ekk", "eve", "oat", "mallory")
    found = {
        p for p in people if draft.pk in {c.pk for c in agreement.awaiting_signature(world.user(p))}
    }
    assert found == waiting


def test_the_evaluators_to_do_list_asks_for_the_signature(world, draft):
    agreement.sign(world.pim, draft, "agency")
    items = [
        i for i in deadlines.todo_for(world.eve, datetime.date(2025, 1, 1)) if i.kind == "sign"
    ]
    assert [(i.scorecard_id, i.year, i.due, i.url) for i in items] == [
        (draft.pk, 2568, None, f"/scorecards/{draft.pk}/#agreement")
    ]
    with translation.override("th"):
        assert notifications.duty_text("sign", None, "", None, 2568) == (
            "ลงนามคำรับรองการปฏิบัติราชการ ปีงบประมาณ 2568"
        )
    assert [
        i for i in deadlines.todo_for(world.pim, datetime.date(2025, 1, 1)) if i.kind == "sign"
    ] == []


def test_a_signature_names_its_scorecard_through_its_version(world, draft):
    agreement.sign(world.ekk, draft, "agency")
    signature = Signature.objects.get(version=draft.current)
    assert signature.version.scorecard == draft
    entry = AuditLog.objects.get(action="scorecard.sign", scorecard=draft)
    assert entry.object_repr == f"{draft} v1 agency {world.ekk}"
