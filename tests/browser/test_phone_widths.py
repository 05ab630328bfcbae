"""At 390×844 in Chromium no page is wider than the phone: every page of the URL map, for the
planner, a KPI owner, the executive and the evaluator (scrollWidth ≤ 390). Screenshots of each
page at both sizes go to test-artifacts/phone/ and test-artifacts/desktop/ for people to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.browser.test_workflow import ARTIFACTS, CHROMIUM_ARGS
from tests.personas import World
from thaikpi.services import results, reviews

pytestmark = pytest.mark.browser
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pages_for(world: World) -> dict[str, list[tuple[str, str]]]:
    """Persona → (name, path) of every page they may open."""
    pk = world.card.pk

    def u(name: str, *args: object) -> str:
        return reverse(f"front:{name}", args=args)

    read = [
        ("home", u("home")),
        ("overview", u("overview", pk) + "?round=1"),
        ("overview-round-2", u("overview", pk) + "?round=2"),
        ("kpi-1", u("kpi", pk, "1") + "?round=1"),
        ("kpi-3", u("kpi", pk, "3") + "?round=1"),
        ("audit", u("audit", pk)),
        ("token", u("token")),
        ("dashboard", u("dashboard")),
        ("versions", u("versions", pk)),
        ("todo", u("todo")),
        ("inbox", u("inbox")),
        ("calendar", u("calendar")),
        ("due-dates", u("due_dates", pk)),
        ("import-format", u("import_format")),
    ]
    return {
        "pim": [*read, ("owners", u("owners", pk)), ("entry-3", u("entry", pk, "3", 2)),
                ("entry-1", u("entry", pk, "1", 2)), ("submit-checklist", u("overview", pk)
                + "?round=2&confirm=submit"), ("import", u("import")),
                ("import-results", u("import_results", pk)), ("editor", u("editor", pk)),
                ("new-scorecard", u("scorecard_new")),
                ("joint", u("joint"))],
        "oat": [*read, ("entry-3", u("entry", pk, "3", 2))],
        "ekk": read,
        "eve": [*read, ("review-queue", u("review_queue") + "?year=2567&round=1"),
                ("approve", u("overview", pk) + "?round=1&confirm=approve"),
                ("surveys", u("surveys")), ("agency-new", u("agency_new")), ("joint", u("joint"))],
    }  # fmt: skip


def fill(world: World) -> None:
    """Round 1 with results, evidence, a return and a resubmission, waiting for approval."""
    pdf = SimpleUploadedFile("หลักฐาน-ตัวชี้วัด-3.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    results.save_result(world.pim, world.card, "1", 1, "1.2", "ตามรายงานกระทรวง", 0)
    results.save_result(world.oat, world.card, "3", 1, {"trade_value": "98000", "budget": "310"},
                        "", 0, evidence=pdf)  # fmt: skip
    reviews.act(world.pim, world.card, 1, "submit")
    reviews.act(world.eve, world.card, 1, "return", "แนบหลักฐานตัวชี้วัดที่ 1")
    reviews.act(world.pim, world.card, 1, "submit")


def session(browser, live_server, world: World, name: str, viewport: dict[str, int]):
    """A page logged in as ``name`` (the session cookie of a forced log-in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(world.user(name))
    context = browser.new_context(viewport=viewport, locale="th-TH")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie,
                          "url": live_server.url}])  # fmt: skip
    return context.new_page()


@pytest.mark.parametrize("persona", ["pim", "oat", "ekk", "eve"])
def test_no_page_is_wider_than_a_phone(browser, live_server, live_world: World, persona: str):
    fill(live_world)
    too_wide = {}
    for viewport, folder in [(PHONE, "phone"), (DESKTOP, "desktop")]:
        page = session(browser, live_server, live_world, persona, viewport)
        (ARTIFACTS / folder).mkdir(parents=True, exist_ok=True)
        for name, path in pages_for(live_world)[persona]:
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{persona} {name}: {response.status}"
            page.screenshot(path=str(ARTIFACTS / folder / f"{persona}-{name}.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if viewport is PHONE and width > PHONE["width"]:
                too_wide[name] = width
        page.context.close()
    assert too_wide == {}


def test_the_anonymous_landing_page_fits_a_phone(browser, live_server, live_world: World):
    page = browser.new_context(viewport=PHONE, locale="th-TH").new_page()
    page.goto(live_server.url + "/")
    (ARTIFACTS / "phone").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone" / "anon-landing.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_file_picker_speaks_thai_and_shows_the_chosen_name(
    browser, live_server, live_world: World, tmp_path
):
    page = session(browser, live_server, live_world, "pim", PHONE)
    page.goto(live_server.url + reverse("front:entry", args=[live_world.card.pk, "1", 1]))
    picker = page.locator(".file-pick")
    assert picker.inner_text().split() == ["เลือกไฟล์", "ยังไม่ได้เลือกไฟล์"]
    proof = tmp_path / "หลักฐาน.pdf"
    proof.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.set_input_files("input.file-native", str(proof))
    assert page.inner_text(".file-name") == "หลักฐาน.pdf"
    page.screenshot(path=str(ARTIFACTS / "phone" / "pim-entry-file-chosen.png"), full_page=True)
