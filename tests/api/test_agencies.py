"""The API imports scorecards of agencies at any level, and answers in the language asked."""

from __future__ import annotations

import pytest

from tests.api.test_permissions import client_for
from tests.personas import World, agency_text

pytestmark = pytest.mark.django_db
IMPORT = "/api/v1/scorecards/import/"


def test_a_ministrys_scorecard_is_imported(world: World) -> None:
    response = client_for(world, "ada").post(
        IMPORT, {"text": agency_text("MOC", "กระทรวงพาณิชย์")}, format="json"
    )
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, "No agency has the code DIT"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, "No agency has the code DIT"),
        ({"HTTP_ACCEPT_LANGUAGE": "th"}, "ไม่พบหน่วยงานรหัส DIT"),
        ({}, "ไม่พบหน่วยงานรหัส DIT"),
    ],
)
def test_a_missing_agency_is_named_in_the_language_the_client_asks_for(
    world: World, header: dict[str, str], says: str
) -> None:
    response = client_for(world, "eve").post(
        IMPORT, {"text": agency_text("DIT", "กรมการค้าภายใน")}, format="json", **header
    )
    body = response.json()
    assert response.status_code in (400, 403)
    assert says in body["detail"]


def test_a_missing_agency_comes_with_what_to_add(world: World) -> None:
    response = client_for(world, "ada").post(
        IMPORT, {"text": agency_text("DIT", "กรมการค้าภายใน")}, format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["missing_agency"] == {
        "code": "DIT", "name_th": "กรมการค้าภายใน", "kind": "department",
        "parent": str(world.ditp.parent_id),
    }  # fmt: skip
