"""Pages of a scorecard on the five-level scale with three rounds: headers from the scale."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import engine, imports, results

FIVE = Path(__file__).parents[1] / "engine" / "fixtures" / "five-level.yaml"


def five_level_card(world: World) -> Scorecard:
    """The five-level test scorecard, imported for DITP's fiscal year 2568."""
    text = (
        FIVE.read_text(encoding="utf-8")
        .replace("code: FIVE", "code: DITP", 1)
        .replace(
            "year_be: 2567, starts: 2023-10-01, ends: 2024-09-30",
            "year_be: 2568, starts: 2024-10-01, ends: 2025-09-30",
        )
    )
    return imports.import_template(world.ada, text).scorecard


def overview(world: World, card: Scorecard, round_no: int) -> str:
    client = Client()
    client.force_login(world.ekk)
    url = reverse("front:overview", args=[card.pk]) + f"?round={round_no}"
    return client.get(url).content.decode()


def test_the_overview_heads_a_column_per_level_of_the_five_level_scale(world):
    card = five_level_card(world)
    body = overview(world, card, 3)
    heads = "".join(f'<th class="n">{n}</th>' for n in range(1, 6))
    assert heads in body
    assert '<th class="n">50</th>' not in body


def test_the_overview_shows_a_score_at_the_scale_s_four_places_in_the_9_month_round(world):
    card = five_level_card(world)
    results.save_result(world.pim, card, "1", 2, "61", "", 0)  # 3 + 1 / 2.5 = 3.4
    scored = engine.score(card, 2).round
    kpi = scored.kpi("1")
    assert kpi is not None and (kpi.score, scored.max_total) == (Decimal("3.4000"), 5)
    body = overview(world, card, 2)
    assert "3.4000" in body and "/ 5.00" in body


def test_the_entry_page_heads_the_five_levels_and_shows_the_score_at_four_places(world):
    card = five_level_card(world)
    results.save_result(world.pim, card, "1", 2, "61", "", 0)
    client = Client()
    client.force_login(world.pim)
    body = client.get(reverse("front:entry", args=[card.pk, "1", 2])).content.decode()
    assert "1 / 2 / 3 / 4 / 5</th>" in body and "50 / 75 / 100" not in body
    assert "55.00 / 57.50 / 60.00 / 62.50 / 65.00" in body
    assert '<td class="n" id="pv-score">3.4000</td>' in body and 'data-score-places="4"' in body
