"""Importing templates: errors line by line, versions with reasons, the revision rules."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.personas import mini_text
from thaikpi.services import imports, reviews
from thaikpi.services.errors import Invalid, NotAllowed


def revised(
    text: str, old: str = "{score: 100, stated: 2.7}", new: str = "{score: 100, stated: 2.9}"
) -> str:
    assert old in text
    return text.replace(old, new)


def test_errors_come_back_line_by_line_and_nothing_is_stored(world):
    bad = mini_text().replace("weight: 40", "weight: forty")
    with pytest.raises(Invalid) as caught:
        imports.import_template(world.pim, bad, "typo")
    assert any(f.line for f in caught.value.findings)
    assert world.card.versions.count() == 1


def test_a_revision_is_a_new_version_with_reason_and_author(world):
    version = imports.import_template(world.pim, revised(mini_text()), "Q2 GDP announced")
    assert version.number == 2 and version.author == world.pim
    assert version.reason == "Q2 GDP announced"
    assert version.meta["revised"] == ["1"]
    world.card.refresh_from_db()
    assert world.card.current == version


def test_a_revision_needs_a_reason(world):
    with pytest.raises(Invalid):
        imports.import_template(world.pim, revised(mini_text()), "")


def test_a_kpi_may_be_revised_only_as_often_as_the_template_says(world):
    imports.import_template(world.pim, revised(mini_text()), "first revision")
    again = revised(mini_text(), new="{score: 100, stated: 3.1}")
    with pytest.raises(Invalid) as caught:
        imports.import_template(world.pim, again, "second revision")
    assert "1" in caught.value.message


def test_a_kpi_without_a_revision_rule_cannot_change_its_targets(world):
    text = revised(mini_text(), "{score: 100, stated: 477.89}", "{score: 100, stated: 480}")
    with pytest.raises(Invalid):
        imports.import_template(world.pim, text, "PMQA")


def test_targets_of_a_closed_round_cannot_change(world):
    reviews.transition(world.pim, world.card, 2, "submit")
    with pytest.raises(Invalid) as caught, translation.override("en"):
        imports.import_template(world.pim, revised(mini_text()), "after Q2")
    assert "closed" in caught.value.message


def test_mallory_cannot_import_for_ditp(world):
    with pytest.raises(NotAllowed):
        imports.import_template(world.mallory, revised(mini_text()), "sneaky")
