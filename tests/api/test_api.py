"""API behaviour: tokens, JSON errors, optimistic locking, scores from the engine, docs."""

from __future__ import annotations

import io

import openpyxl
import pytest
from rest_framework.test import APIClient

from tests.api.test_permissions import card, client_for
from tests.personas import PASSWORD, World
from thaikpi.results.models import Result

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_the_right_password_and_revoked_at_once(world: World) -> None:
    client = APIClient()
    wrong = client.post("/api/v1/auth/token/", {"username": "pim", "password": "nope"},
                        format="json")  # fmt: skip
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "authentication_failed"
    token = client.post("/api/v1/auth/token/", {"username": "pim", "password": PASSWORD},
                        format="json").json()["token"]  # fmt: skip
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/scorecards/").status_code == 200
    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert client.get("/api/v1/scorecards/").status_code == 401


def test_errors_are_json_with_a_message_and_a_code(world: World) -> None:
    response = APIClient().get("/api/v1/scorecards/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) >= {"detail", "code"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"value": "abc", "revision": 0}, "value"),
        ({"value": "NaN", "revision": 0}, "value"),
        ({"value": "1e999999", "revision": 0}, "value"),
        ({"revision": 0}, "non_field_errors"),
        ({"value": "1", "inputs": {"budget": "1"}, "revision": 0}, "non_field_errors"),
        ({"value": "1"}, "revision"),
    ],
    ids=["text", "NaN", "a huge exponent", "nothing", "both value and inputs", "no revision"],
)
def test_a_bad_result_is_a_400_naming_the_field(world: World, body: dict, field: str) -> None:
    response = client_for(world, "pim").put(card(world, "rounds/1/results/1/"), body,
                                            format="json")  # fmt: skip
    assert response.status_code == 400
    assert field in response.json()


def test_the_engine_refusing_a_result_is_a_400_with_its_message(world: World) -> None:
    body = {"inputs": {"trade_value": "100", "budget": "0"}, "revision": 0}
    response = client_for(world, "pim").put(card(world, "rounds/1/results/3/"), body,
                                            format="json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["detail"] == "งบประมาณต้องมากกว่า 0 แต่พบ 0"  # by its Thai name
    assert response.json()["findings"][0]["message"] == "budget must be more than 0, got 0"
    assert not Result.objects.exists()


def test_a_second_writer_with_a_stale_revision_gets_409_and_loses_nothing(world: World) -> None:
    pim, ada = client_for(world, "pim"), client_for(world, "ada")
    url = card(world, "rounds/1/results/1/")
    assert pim.put(url, {"value": "2.4", "revision": 0}, format="json").status_code == 200
    stale = ada.put(url, {"value": "9.9", "revision": 0}, format="json")
    assert stale.status_code == 409
    assert stale.json() == {"detail": stale.json()["detail"], "code": "conflict",
                            "current_revision": 1}  # fmt: skip
    assert pim.get(url).json()["raw"] == "2.4"


def test_scores_come_from_the_engine_with_explanations(world: World) -> None:
    client = client_for(world, "pim")
    client.put(card(world, "rounds/1/results/1/"), {"value": "2.4", "revision": 0}, format="json")
    body = client.get(card(world, "rounds/1/score/")).json()
    kpi = next(k for k in body["kpis"] if k["id"] == "1")
    assert kpi["score"] is not None and " → " in kpi["explanation"]
    assert {"total", "max_total", "groups", "kpis", "findings"} <= set(body)
    # The English explanation stays the stable field; the Thai one comes beside it.
    assert kpi["explanation"] == "2.40 reaches the 100 level (1.35) → 100.00"
    assert kpi["explanation_th"] != kpi["explanation"] and " → " in kpi["explanation_th"]


def test_the_score_json_keeps_english_explanations_even_for_a_thai_session(world: World) -> None:
    client = client_for(world, "pim")
    client.put(card(world, "rounds/1/results/1/"), {"value": "1.2", "revision": 0}, format="json")
    body = client.get(card(world, "rounds/1/score/"), HTTP_ACCEPT_LANGUAGE="th").json()
    kpi = next(k for k in body["kpis"] if k["id"] == "1")
    assert kpi["explanation"] == "1.20 lies between 1.05 (75) and 1.35 (100) → 87.50"
    assert kpi["explanation_th"] == "1.20 อยู่ระหว่าง 1.05 (75) และ 1.35 (100) → 87.50"


def test_what_if_answers_for_one_kpi_and_for_a_total(world: World) -> None:
    client = client_for(world, "ekk")
    one = client.get(card(world, "rounds/1/need/?kpi=1&score=75")).json()
    assert one["kpi"] == "1" and one["reachable"] is True
    total = client.get(card(world, "rounds/1/need/?total=50")).json()
    assert total["target"] == "50"
    assert client.get(card(world, "rounds/1/need/")).status_code == 400
    assert client.get(card(world, "rounds/1/need/?total=abc")).status_code == 400


def test_unknown_rounds_and_kpis_are_404(world: World) -> None:
    client = client_for(world, "pim")
    assert client.get(card(world, "rounds/3/score/")).status_code == 404
    assert client.get(card(world, "kpis/99/")).status_code == 404
    assert client.get(card(world, "rounds/1/results/99/")).status_code == 404


def test_lists_are_paginated(world: World) -> None:
    body = client_for(world, "eve").get("/api/v1/agencies/?page_size=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 2 and body["next"]


def test_a_bad_template_import_lists_the_engines_findings(world: World) -> None:
    response = client_for(world, "ada").post("/api/v1/scorecards/import/",
                                             {"text": "format: nope\n"}, format="json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["findings"]


def test_the_workbook_download_is_the_rounds_excel_export(world: World) -> None:
    client = client_for(world, "ekk")
    response = client.get(card(world, "rounds/1/workbook.xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["สรุปผล", "บันทึกผล"]


def test_the_schema_and_docs_are_served_without_a_cdn(world: World) -> None:
    client = APIClient()
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/scorecards/{id}/rounds/{round_no}/score/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "<style" not in html


def test_a_refused_workbook_is_a_400_with_each_problem_in_english_and_thai() -> None:
    from thaikpi.api.base import exception_handler
    from thaikpi.reports.xlsx_checks import CellProblem, WorkbookError

    problem = CellProblem(
        "not a number", sheet="บันทึกผล", row=12, column="E", message_th="ไม่ใช่ตัวเลข"
    )
    response = exception_handler(WorkbookError([problem], "ผล.xlsx"), {})
    assert response is not None and response.status_code == 400
    assert response.data["code"] == "invalid_workbook"
    assert response.data["problems"] == ["sheet 'บันทึกผล', row 12, column E: not a number"]
    assert response.data["problems_th"] == ["ชีต 'บันทึกผล' แถว 12 คอลัมน์ E: ไม่ใช่ตัวเลข"]
