"""Results the KPI's own definition rules out are refused through the API (issue 9.4), on the
shipped DITP 2567 template: its declared bounds, Python-only number forms, absurd sizes; a value
far beyond the 100 level is stored with a warning."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.api.test_permissions import client_for
from tests.bounds import (
    FAR_BEYOND_TH,
    NOT_A_NUMBER_TH,
    NOT_NUMBERS,
    OUT_OF_BOUNDS,
    TYPED_NUMBERS,
    Case,
    cases,
    ditp,
)
from tests.personas import World
from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard

pytestmark = pytest.mark.django_db
__all__ = ["ditp"]  # the shared fixture, used by name


def put(world: World, card: Scorecard, kpi: str, body: dict[str, Any], language: str = "") -> Any:
    """PUT a round-2 result as the admin, as the first revision (in English if asked)."""
    url = f"/api/v1/scorecards/{card.pk}/rounds/2/results/{kpi}/"
    client = client_for(world, "ada")
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.put(url, {**body, "revision": 0}, format="json")


# The API takes a single value for a KPI the form asks inputs for: these are the API's own.
API_OUT_OF_BOUNDS = {
    "KPI 3 (a ratio of money) at -5": Case(
        "3", {"value": "-5"}, "ผลการดำเนินงานของตัวชี้วัด 3 ต้องไม่น้อยกว่า 0 แต่พบ -5"
    ),
    "KPI 2 (a ratio of money) just below 0": Case(
        "2", {"value": "-0.01"}, "ผลการดำเนินงานของตัวชี้วัด 2 ต้องไม่น้อยกว่า 0 แต่พบ -0.01"
    ),
    "KPI 1 (export growth) below -100 percent": Case(
        "1", {"value": "-100.5"}, "ผลการดำเนินงานของตัวชี้วัด 1 ต้องไม่น้อยกว่า -100 แต่พบ -100.5"
    ),
}
API_TYPED_NUMBERS = {
    "Thai digits grouped": Case("2", {"value": "๑,๐๐๐"}, "1000"),
    "Arabic digits grouped": Case("2", {"value": "1,150.40"}, "1150.40"),
    "Thai digits with a point, spaced": Case("2", {"value": " ๔๕๐.๒๕ "}, "450.25"),
}


@cases(OUT_OF_BOUNDS | API_OUT_OF_BOUNDS)
def test_a_value_its_kpi_rules_out_is_a_400_in_thai_and_nothing_is_stored(
    world: World, ditp: Scorecard, case: Case
) -> None:
    response = put(world, ditp, case.kpi, case.body)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"] == case.expected
    assert [f["message_th"] for f in response.json()["findings"]] == [case.expected]
    assert "(trade_value)" not in response.json()["detail"]
    assert not Result.objects.filter(scorecard=ditp).exists()


def test_the_refusal_is_in_english_for_an_english_client(world: World, ditp: Scorecard) -> None:
    response = put(world, ditp, "8", {"value": "-5"}, language="en")
    assert response.status_code == 400
    assert response.json()["detail"] == ("the result must be at least 0 for KPI 8, got -5")


def test_a_value_far_beyond_the_100_level_is_stored_with_a_warning(
    world: World, ditp: Scorecard
) -> None:
    # KPI 3, round 2: 50 at 48.29, 100 at 56.23; 5623 is a lost decimal point.
    response = put(world, ditp, "3", {"value": "5623"})
    assert response.status_code == 200
    assert response.json()["raw"] == "5623"
    [warning] = response.json()["warnings"]
    assert warning["severity"] == "warning"
    assert warning["kpi"] == "3"
    assert warning["message_th"].startswith(FAR_BEYOND_TH)
    assert Result.objects.get(scorecard=ditp, kpi_id="3").raw == "5623"


@pytest.mark.parametrize(
    ("kpi", "value"), [("3", "56.23"), ("3", "135.63"), ("8", "100"), ("9", "500")]
)
def test_a_value_near_or_at_the_top_of_its_scale_has_no_warning(
    world: World, ditp: Scorecard, kpi: str, value: str
) -> None:
    response = put(world, ditp, kpi, {"value": value})
    assert response.status_code == 200
    assert response.json()["warnings"] == []


@cases(NOT_NUMBERS)
def test_a_python_only_number_form_is_refused(world: World, ditp: Scorecard, case: Case) -> None:
    response = put(world, ditp, case.kpi, case.body)
    assert response.status_code == 400
    field = "value" if "value" in case.body else "inputs.trade_value"
    assert NOT_A_NUMBER_TH in response.json()[field][0]
    assert not Result.objects.filter(scorecard=ditp).exists()


@cases(TYPED_NUMBERS | {f"{k} (API)": c for k, c in API_TYPED_NUMBERS.items()})
def test_thai_digits_and_thousands_separators_keep_working(
    world: World, ditp: Scorecard, case: Case
) -> None:
    response = put(world, ditp, case.kpi, case.body)
    assert response.status_code == 200, response.json()
    assert response.json()["raw"] == case.expected


def test_a_32_digit_entry_gets_thaikpis_own_message(world: World, ditp: Scorecard) -> None:
    thai = put(world, ditp, "2", {"value": "1" * 32})
    english = put(world, ditp, "2", {"value": "1" * 32}, language="en")
    assert thai.status_code == english.status_code == 400
    assert thai.json()["value"] == [f"value มีค่ามากเกินไป (ไม่เกิน 15 หลักหน้าจุดทศนิยม): {'1' * 32}"]
    assert english.json()["value"] == [
        f"value is too large (15 digits before the point at most): {'1' * 32}"
    ]


@pytest.mark.parametrize("total", ["1_000", "9_0", "2,4"])
def test_the_what_if_refuses_a_python_only_total(world: World, ditp: Scorecard, total: str) -> None:
    response = client_for(world, "ada").get(f"/api/v1/scorecards/{ditp.pk}/rounds/2/need/",
                                            {"total": total})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["total"] == "Give a number."
