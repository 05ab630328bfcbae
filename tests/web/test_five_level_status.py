"""Every status surface reads a five-level scorecard's standing from its scale.

KPI 1 of the five-level fixture, round 2, has levels 55 / 57.5 / 60 / 62.5 / 65 (1-5). Each
result below stands at a level of the five (or below level 1); every page chip, chart colour,
dashboard count, report and workbook must say that level, never read it as 50/75/100.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.personas import World
from tests.web.test_scales_pages import five_level_card
from thaikpi.reports import briefing, pdf
from thaikpi.reports.charts import STATUS_COLOURS
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import reports, results


@dataclass(frozen=True)
class Standing:
    """A result of KPI 1 in round 2 and where it stands on the five-level scale."""

    actual: str
    words: str  # in Thai, as the pages (Thai first) and the reports say it
    band: str  # its colour band: top, standard, entry, below

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.band]


STANDINGS = {
    "level 5": Standing("66", "ถึงระดับ 5", "top"),
    "level 3": Standing("61", "ถึงระดับ 3", "standard"),  # 3.4: not "below level 50"
    "level 2": Standing("58", "ถึงระดับ 2", "entry"),  # 2.2
    "below level 1": Standing("50", "ต่ำกว่าระดับ 1", "below"),
}


def _client(world: World, who: str = "ekk") -> Client:
    client = Client()
    client.force_login(world.user(who))
    return client


def _overview(world: World, card: Scorecard) -> str:
    url = reverse("front:overview", args=[card.pk]) + "?round=2"
    return _client(world).get(url).content.decode()


def _kpi_page(world: World, card: Scorecard) -> str:
    url = reverse("front:kpi", args=[card.pk, "1"]) + "?round=2"
    return _client(world).get(url).content.decode()


def _dashboard(world: World, card: Scorecard) -> str:
    body = _client(world).get(reverse("front:dashboard")).content.decode()
    start = body.index(reverse("front:overview", args=[card.pk]))  # the five-level card's glance
    return body[start : body.index("</ul>", start)]


def _preview(world: World, card: Scorecard, actual: str) -> str:
    url = reverse("front:preview", args=[card.pk, "1", 2])
    return str(_client(world, "pim").post(url, {"value": actual}).json()["kpi"]["css"])


def _workbook(card: Scorecard) -> set[object]:
    book = load_workbook(io.BytesIO(reports.xlsx(card, 2)))
    return {cell.value for sheet in book for row in sheet.iter_rows() for cell in row}


def _report_html(card: Scorecard) -> str:
    return pdf.render_html(reports.report_data(card, 2))


def _briefing_html(world: World, card: Scorecard) -> str:
    return briefing.render_html(reports.briefing_data(card, 2, world.ekk))


Surface = Callable[[World, Scorecard, Standing], tuple[str, list[str]]]
SURFACES: dict[str, Surface] = {
    "overview row": lambda w, c, s: (
        _overview(w, c),
        [
            f'<tr class="st-{s.band}" data-kpi="1">',
            f'<span class="chip st-{s.band}">{s.words}</span>',
        ],
    ),
    "overview counts": lambda w, c, s: (
        _overview(w, c),
        [f'<li class="chip st-{s.band}">{s.words}: 1</li>'],
    ),
    "overview score chart": lambda w, c, s: (
        _overview(w, c).split('aria-label="คะแนน"', 1)[1],
        [f'fill="{s.colour}"', 'text-anchor="middle">4</text>', "คะแนน (เต็ม 5)"],
    ),
    "KPI page chip": lambda w, c, s: (
        _kpi_page(w, c),
        [f'<span class="chip st-{s.band}" id="kpi-status">{s.words}</span>'],
    ),
    "dashboard glance": lambda w, c, s: (
        _dashboard(w, c),
        [f'<li class="chip st-{s.band}">{s.words}: 1</li>'],
    ),
    "live preview": lambda w, c, s: (_preview(w, c, s.actual), [f"st-{s.band}"]),
    "report PDF": lambda w, c, s: (
        _report_html(c),
        [f"สถานะ: {s.words}", f'fill="{s.colour}"', 'text-anchor="middle">4</text>'],
    ),
    "briefing PDF": lambda w, c, s: (
        _briefing_html(w, c),
        [f'<span class="chip {s.band}">{s.words}</span>'],
    ),
    "Excel": lambda w, c, s: ("\n".join(str(v) for v in _workbook(c)), [f"\n{s.words}\n"]),
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
@pytest.mark.parametrize("standing", sorted(STANDINGS))
def test_every_status_surface_names_the_five_level_standing_reached(
    world: World, surface: str, standing: str
) -> None:
    card = five_level_card(world)
    s = STANDINGS[standing]
    results.save_result(world.pim, card, "1", 2, s.actual, "", 0)
    text, expected = SURFACES[surface](world, card, s)
    text = f"\n{text}\n"
    assert [e for e in expected if e not in text] == []
    assert "ระดับ 50" not in text and "เป้าหมายขั้นสูง" not in text
    assert 'text-anchor="middle">75</text>' not in text  # no 50/75/100 axis under the bars
