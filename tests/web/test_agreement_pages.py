"""Pages: a new scorecard, signing it, versions side by side, the import page's sample."""

from __future__ import annotations

import fnmatch
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from thaikpi.engine import loader
from thaikpi.scorecards.models import Scorecard, Signature
from thaikpi.services import imports


def client_for(world, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def create(world, start: str = "scratch", year: int = 2568):
    client = client_for(world, "pim")
    data = {"agency": world.ditp.pk, "year": year, "start": start}
    return client, client.post(reverse("front:scorecard_new"), data)


def test_a_planner_creates_a_draft_and_lands_on_it(world):
    _client, response = create(world)
    card = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    assert response.status_code == 302
    assert response["Location"] == reverse("front:overview", args=[card.pk])
    assert card.is_agreed is False


def test_from_last_year_on_the_page_makes_2568_from_2567(world):
    create(world, "last_year")
    card = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    assert card.current.template_id == "mini-2568"


def test_the_upload_choice_goes_to_the_import_page(world):
    _client, response = create(world, "upload")
    assert response["Location"] == reverse("front:import")


@pytest.mark.parametrize(("persona", "status"), [("pim", 200), ("ada", 200), ("eve", 403),
                                                 ("ekk", 403), ("oat", 403)])  # fmt: skip
def test_only_planners_open_the_new_scorecard_page(world, persona, status):
    response = client_for(world, persona).get(reverse("front:scorecard_new"))
    assert response.status_code == status


def test_a_planner_cannot_create_for_another_agency(world):
    client = client_for(world, "mallory")
    data = {"agency": world.ditp.pk, "year": 2568, "start": "scratch"}
    response = client.post(reverse("front:scorecard_new"), data)
    assert response.status_code == 200  # the form refuses the choice
    assert not Scorecard.objects.filter(agency=world.ditp, fiscal_year__year_be=2568).exists()


def test_signing_twice_on_the_overview_agrees_the_scorecard(world):
    client, _response = create(world)
    card = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    page = client.get(reverse("front:overview", args=[card.pk])).content.decode()
    assert 'id="sign-agency"' in page and 'id="sign-evaluator"' not in page
    client.post(reverse("front:sign", args=[card.pk]), {"side": "agency"})
    eve = client_for(world, "eve")
    page = eve.get(reverse("front:overview", args=[card.pk])).content.decode()
    assert 'id="sign-evaluator"' in page and "Pim" in page
    eve.post(reverse("front:sign", args=[card.pk]), {"side": "evaluator"})
    card.refresh_from_db()
    assert card.is_agreed
    page = eve.get(reverse("front:overview", args=[card.pk])).content.decode()
    assert 'id="sign-evaluator"' not in page and 'id="agreement"' in page


def test_someone_who_may_not_sign_gets_a_message_not_a_signature(world):
    create(world)
    card = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    response = client_for(world, "oat").post(
        reverse("front:sign", args=[card.pk]), {"side": "agency"}
    )
    assert response.status_code == 302
    assert not Signature.objects.filter(version__scorecard=card).exists()
    response = client_for(world, "mallory").post(reverse("front:sign", args=[card.pk]))
    assert response.status_code == 404


def test_versions_are_compared_side_by_side_per_kpi(world):
    text = world.card.current.template_text.replace("stated: 2.7}", "stated: 2.9}")
    imports.import_template(world.pim, text, reason="after Q2 GDP")
    client = client_for(world, "ekk")
    page = client.get(reverse("front:versions", args=[world.card.pk])).content.decode()
    assert 'id="changes-1"' in page and 'id="changes-2"' not in page
    row = page[page.index('id="changes-1"') :]
    assert "2.7" in row and "2.9" in row and "รอบที่ 2 · เป้าหมายระดับ 100 · ตัวเลขที่ระบุ" in row
    same = client.get(reverse("front:versions", args=[world.card.pk]) + "?a=2&b=2")
    assert 'id="changes-1"' not in same.content.decode()
    assert client.get(reverse("front:versions", args=[world.card.pk]) + "?a=9").status_code == 404
    assert (
        client_for(world, "mallory")
        .get(reverse("front:versions", args=[world.card.pk]))
        .status_code
        == 404
    )


def test_the_import_page_offers_a_sample_that_imports_and_the_format(world):
    client = client_for(world, "pim")
    page = client.get(reverse("front:import")).content.decode()
    for name in ("front:import_sample", "front:import_format", "front:import_schema"):
        assert reverse(name) in page
    sample = client.get(reverse("front:import_sample"))
    assert sample["Content-Disposition"] == 'attachment; filename="ditp-sample.yaml"'
    sc = loader.load_text(sample.content.decode())
    assert sc.agency.code == "DITP"
    doc = client.get(reverse("front:import_format"))
    assert doc.status_code == 200 and b"thaikpi/scorecard-v1" in doc.content
    assert client.get(reverse("front:import_schema")).status_code == 200


REPO = Path(__file__).resolve().parents[2]


def test_the_package_ships_the_format_reference_identical_to_the_docs():
    shipped = resources.files("thaikpi.templates").joinpath("template-format.md").read_text()
    docs = (REPO / "docs" / "template-format.md").read_text(encoding="utf-8")
    assert shipped == docs, "run: cp docs/template-format.md src/thaikpi/templates/"


def test_the_format_reference_is_package_data_so_a_pip_install_has_it():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    patterns = data.get("thaikpi.templates", []) + data.get("*", [])
    assert any(fnmatch.fnmatch("template-format.md", p) for p in patterns)


def test_the_format_page_serves_the_packages_copy_not_the_repositorys_docs(world):
    from thaikpi.front import agreement

    assert agreement.FORMAT_DOC.parent == Path(str(resources.files("thaikpi.templates")))
    assert "docs" not in agreement.FORMAT_DOC.parts
    page = client_for(world, "pim").get(reverse("front:import_format"))
    assert page.content == agreement.FORMAT_DOC.read_bytes()


def test_the_list_of_scorecards_marks_the_drafts(world):
    client, _response = create(world)
    page = client.get(reverse("front:home")).content.decode()
    assert page.count('class="state state-draft not-agreed"') == 1  # 2568; 2567 is agreed


def test_the_audit_pages_versions_link_to_their_comparison(world):
    text = world.card.current.template_text.replace("stated: 2.7}", "stated: 2.9}")
    imports.import_template(world.pim, text, reason="after Q2 GDP")
    page = client_for(world, "eve").get(reverse("front:audit", args=[world.card.pk]))
    assert reverse("front:versions", args=[world.card.pk]) + "?a=1&amp;b=2" in page.content.decode()


def test_the_versions_page_runs_as_many_queries_for_many_versions_as_for_two(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    base = world.card.current.template_text
    client = client_for(world, "eve")
    page = reverse("front:versions", args=[world.card.pk])

    def queries() -> int:
        client.get(page)  # parses the versions once
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        return len(ctx.captured_queries)

    imports.import_template(world.pim, base.replace("stated: 2.7}", "stated: 2.9}"), reason="a")
    two = queries()
    for n, name in enumerate(("อัตรา 1", "อัตรา 2", "อัตรา 3")):
        text = base.replace("stated: 2.7}", "stated: 2.9}").replace(
            "อัตราการขยายตัวของมูลค่าการส่งออก", name
        )
        imports.import_template(world.pim, text, reason=f"name {n}")
    assert queries() == two


@pytest.mark.parametrize(
    ("signer", "side", "page_of", "waits"),
    [
        ("pim", "agency", "eve", True),  # the evaluator's national dashboard
        ("pim", "agency", "ekk", False),  # the agency's side has signed
        ("eve", "evaluator", "ekk", True),  # the executive's dashboard
        ("eve", "evaluator", "mallory", False),  # another agency's planner
    ],
)
def test_the_dashboard_lists_the_drafts_waiting_for_the_users_signature(
    world, signer, side, page_of, waits
):
    from thaikpi.services import agreement

    create(world)
    draft = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    agreement.sign(world.user(signer), draft, side)
    page = client_for(world, page_of).get(reverse("front:dashboard")).content.decode()
    link = reverse("front:overview", args=[draft.pk]) + "#agreement"
    assert ('id="awaiting-signature"' in page, link in page) == (waits, waits)
    if waits:
        assert "รอการลงนามของคุณ (1)" in page and "ฉบับที่ 1" in page


def test_the_to_do_page_asks_the_evaluator_to_sign_in_thai(world):
    from thaikpi.services import agreement

    create(world)
    draft = Scorecard.objects.get(agency=world.ditp, fiscal_year__year_be=2568)
    agreement.sign(world.pim, draft, "agency")
    page = client_for(world, "eve").get(reverse("front:todo")).content.decode()
    link = reverse("front:overview", args=[draft.pk]) + "#agreement"
    assert f'<a href="{link}">ลงนามคำรับรองการปฏิบัติราชการ ปีงบประมาณ 2568</a>' in page
    inbox = client_for(world, "eve").get(reverse("front:inbox")).content.decode()
    assert "รอการลงนามของคุณในฐานะผู้ประเมิน" in inbox
