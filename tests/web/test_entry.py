"""Result entry: form errors never 500, conflicts keep the user's values, evidence limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.results.models import Evidence, Result
from thaikpi.services import results


def oat(world: World) -> Client:
    client = Client()
    client.force_login(world.oat)
    return client


def entry(world: World) -> str:
    return reverse("front:entry", args=[world.card.pk, "3", 1])


def test_oat_saves_inputs_and_goes_to_the_kpi_page(world):
    response = oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "3,500", "in_budget": "100"}
    )
    assert response.status_code == 302
    assert Result.objects.get(kpi_id="3").raw == {"trade_value": "3500", "budget": "100"}


def test_junk_gets_a_form_error_not_a_500(world):
    for junk in ["abc", "1e999999", "NaN", "", "--1", "1" * 60]:
        response = oat(world).post(
            entry(world), {"revision": 0, "in_trade_value": junk, "in_budget": "1"}
        )
        assert response.status_code == 200, junk
        assert "errorlist" in response.content.decode()
    assert not Result.objects.exists()


@pytest.mark.parametrize("revision", ["x", "", "-1"])
def test_a_missing_or_tampered_revision_is_a_form_error(world, revision):
    response = oat(world).post(
        entry(world), {"revision": revision, "in_trade_value": "1", "in_budget": "1"}
    )
    assert response.status_code == 200
    assert "revision" in response.context["form"].errors
    assert 'id="result-form"' in response.content.decode()  # the form again, values kept
    assert not Result.objects.exists()


def test_a_zero_budget_is_explained_by_the_engine(world):
    response = oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "5", "in_budget": "0"}
    )
    assert response.status_code == 200
    assert "budget" in response.content.decode()


def test_the_second_saver_sees_both_values_and_loses_nothing(world):
    results.save_result(world.pim, world.card, "3", 1, {"trade_value": "10", "budget": "1"}, "", 0)
    response = oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "777", "in_budget": "7"}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert 'value="777"' in body  # what Oat typed is still in the form
    assert "trade_value = 10" in body and "budget = 1" in body  # Pim's saved values, beside
    assert Result.objects.get(kpi_id="3").raw["trade_value"] == "10"
    assert 'name="revision" value="1"' in body  # saving again now overwrites knowingly


def test_the_preview_returns_the_engines_score_and_total(world):
    url = reverse("front:preview", args=[world.card.pk, "3", 1])
    body = oat(world).post(url, {"in_trade_value": "3750", "in_budget": "100"}).json()
    assert body["ok"] and body["kpi"]["score"] == "87.50" and body["total"] == "26.2500"
    assert not Result.objects.exists()


def test_the_preview_reports_errors_as_json(world):
    url = reverse("front:preview", args=[world.card.pk, "3", 1])
    body = oat(world).post(url, {"in_trade_value": "x", "in_budget": "0"}).json()
    assert body["ok"] is False and body["errors"]


def test_evidence_of_an_allowed_type_is_stored_outside_static(world, settings):
    pdf = SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4\n...", content_type="application/pdf")
    oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "1", "in_budget": "1", "evidence": pdf}
    )
    evidence = Evidence.objects.get()
    assert evidence.original_name == "หลักฐาน.pdf"
    assert evidence.file.path.startswith(str(settings.EVIDENCE_DIR))
    assert "หลักฐาน" not in evidence.file.name  # stored under a random name
    download = oat(world).get(reverse("front:evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_evidence_with_a_lying_extension_is_refused(world):
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "1", "in_budget": "1", "evidence": fake}
    )
    assert response.status_code == 200 and not Evidence.objects.exists()
    assert not Result.objects.exists()  # one transaction: the result is not half-saved


def test_evidence_of_a_forbidden_type_or_size_is_refused(world, settings):
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "1", "in_budget": "1", "evidence": exe}
    )
    settings.EVIDENCE_MAX_BYTES = 10
    big = SimpleUploadedFile("big.txt", b"x" * 11, content_type="text/plain")
    oat(world).post(
        entry(world), {"revision": 0, "in_trade_value": "1", "in_budget": "1", "evidence": big}
    )
    assert not Evidence.objects.exists()


def test_a_round_the_template_does_not_have_is_a_404_and_creates_nothing(world):
    from thaikpi.results.models import RoundReview

    for url in [
        reverse("front:entry", args=[world.card.pk, "3", 7]),
        reverse("front:preview", args=[world.card.pk, "3", 7]),
    ]:
        assert oat(world).post(url, {"in_trade_value": "1", "in_budget": "1"}).status_code == 404
    assert not RoundReview.objects.filter(round_no=7).exists()
