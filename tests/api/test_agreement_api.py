"""The API: a scorecard says whether it is agreed; each side signs through ``…/agreement/``."""

from __future__ import annotations

import pytest

from tests.api.test_permissions import client_for
from tests.personas import mini_text
from thaikpi.scorecards.models import Signature
from thaikpi.services import imports


@pytest.fixture
def draft(world):
    """DITP's 2568 scorecard, a draft nobody has signed."""
    text = mini_text("DITP").replace("2567", "2568").replace("2023-10-01", "2024-10-01")
    return imports.import_template(world.ada, text.replace("2024-09-30", "2025-09-30")).scorecard


def url(card) -> str:
    return f"/api/v1/scorecards/{card.pk}/agreement/"


def test_the_scorecard_says_whether_it_is_agreed(world, draft):
    api = client_for(world, "pim")
    assert api.get(f"/api/v1/scorecards/{world.card.pk}/").json()["agreed"] is True
    assert api.get(f"/api/v1/scorecards/{draft.pk}/").json()["agreed"] is False


def test_both_sides_sign_through_the_api_and_a_draft_round_is_refused_before(world, draft):
    pim, eve = client_for(world, "pim"), client_for(world, "eve")
    review = f"/api/v1/scorecards/{draft.pk}/rounds/1/review/"
    refused = pim.post(review, {"action": "submit", "acknowledge": True}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")
    before = pim.get(url(draft)).json()
    assert (before["agreed"], before["missing"], before["may_sign"]) == (
        False, ["agency", "evaluator"], ["agency"])  # fmt: skip
    assert pim.post(url(draft), {"side": "agency"}, format="json").json()["missing"] == [
        "evaluator"
    ]
    done = eve.post(url(draft), {"side": "evaluator"}, format="json").json()
    assert (done["agreed"], done["agreed_version"]) == (True, 1)
    assert [(s["side"], s["user"]) for s in done["signatures"]] == [
        ("agency", "pim"), ("evaluator", "eve")]  # fmt: skip
    submitted = pim.post(review, {"action": "submit", "acknowledge": True}, format="json")
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")


@pytest.mark.parametrize(
    ("persona", "side", "status", "code"),
    [
        ("eve", "agency", 403, "not_allowed"),
        ("oat", "agency", 403, "not_allowed"),
        ("mallory", "agency", 404, None),
        ("pim", "head", 400, None),
    ],
)
def test_signing_is_refused_to_whoever_may_not(world, draft, persona, side, status, code):
    response = client_for(world, persona).post(url(draft), {"side": side}, format="json")
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code
    assert not Signature.objects.filter(version__scorecard=draft).exists()
