"""The demo command: idempotent, prints log-ins, refuses production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thaikpi.results.models import Result
from thaikpi.scorecards.models import Scorecard


def test_the_demo_is_idempotent_and_prints_log_ins(db):
    out = StringIO()
    call_command("thaikpi_demo", stdout=out)
    made = (Scorecard.objects.count(), Result.objects.count())
    call_command("thaikpi_demo", stdout=StringIO())
    assert "pim" in out.getvalue() and "thaikpi-demo" in out.getvalue()
    assert (Scorecard.objects.count(), Result.objects.count()) == made
    assert Scorecard.objects.get(agency__code="DITP").versions.count() == 1
    assert Result.objects.filter(scorecard__agency__code="DITP", round_no=1).count() == 3


def test_the_second_departments_scorecard_carries_its_own_name(db):
    call_command("thaikpi_demo", stdout=StringIO())
    dbd = Scorecard.objects.get(agency__code="DBD").current
    assert "กรมพัฒนาธุรกิจการค้า" in dbd.title_th and "กรมส่งเสริม" not in dbd.title_th
    assert "Business Development" in dbd.title_en


def test_the_demo_refuses_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("thaikpi_demo", stdout=StringIO())
