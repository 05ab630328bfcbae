"""``manage.py render_reports``: every agency's files, and one failure does not stop the rest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.personas import World
from thaikpi.services import reports, results

pytestmark = pytest.mark.django_db


def test_every_agency_gets_a_workbook(world: World, tmp_path: Path) -> None:
    results.save_result(world.pim, world.card, "1", 1, "2.4", "", 0)
    call_command("render_reports", "--round", "1", "--no-pdf", "--out", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DBD-2567-round1.xlsx",
                                                          "DITP-2567-round1.xlsx"]  # fmt: skip


def test_one_agency_failing_is_reported_and_the_others_still_render(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = reports.report_data

    def broken_for_dbd(card: object, *args: object, **kwargs: object) -> object:
        if card.agency.code == "DBD":  # type: ignore[attr-defined]
            raise RuntimeError("disk full")
        return real(card, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "report_data", broken_for_dbd)
    with pytest.raises(CommandError, match=r"1 agencies failed: DBD \(RuntimeError: disk full\)"):
        call_command("render_reports", "--round", "1", "--no-pdf", "--out", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["DITP-2567-round1.xlsx"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_pdfs_are_printed_for_every_agency(world: World, tmp_path: Path) -> None:
    call_command("render_reports", "--round", "1", "--agency", "DITP", "--out", str(tmp_path))
    pdf = tmp_path / "DITP-2567-round1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_no_matching_scorecards_is_a_clear_error(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No scorecards match"):
        call_command("render_reports", "--round", "1", "--year", "2500", "--out", str(tmp_path))
