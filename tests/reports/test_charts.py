"""Charts are plain SVG strings: escaped labels, Decimal figures, no style attributes (CSP)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D
from itertools import pairwise

import pytest

from thaikpi.engine.scales import FIVE_LEVEL, OPDC_3, Scale
from thaikpi.engine.scoring import KpiScore, Status
from thaikpi.reports import charts
from thaikpi.reports.briefing import STANDING_TH
from thaikpi.reports.charts import (
    LEVEL_COLOURS,
    STATUS_COLOURS,
    baseline_chart_svg,
    histogram_svg,
    nice_ticks,
    progress_chart_svg,
    scores_bar_svg,
    status_key,
)

LEVELS = [(D(50), D("203.14")), (D(75), D("324.20")), (D(100), D("445.25"))]


def parses(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_every_band_a_scale_gives_has_a_status_colour_and_words_on_the_briefing():
    bands = {scale.band(level) for scale in (OPDC_3, FIVE_LEVEL) for level in scale.judged}
    assert bands == {"top", "standard", "entry", "below"}
    assert bands <= set(STATUS_COLOURS) and bands <= set(STANDING_TH)


def test_the_baseline_chart_has_a_bar_per_year_and_a_line_per_level():
    svg = baseline_chart_svg(
        [("2563", D("83.55")), ("2564", None), ("2566", D("324.20"))], LEVELS, "t", scale=OPDC_3
    )
    root = parses(svg)
    ns = "{http://www.w3.org/2000/svg}"
    dashed = [ln for ln in root.findall(f"{ns}line") if ln.get("stroke-dasharray")]
    assert len(dashed) == 3  # one a level
    assert "324.20" in svg and "100: 445.25" in svg


def test_labels_of_close_levels_do_not_overlap():
    close = [(D(50), D("1.50")), (D(75), D("2.10")), (D(100), D("2.70"))]
    svg = baseline_chart_svg([("2565", D("13.40")), ("2566", D("-4.80"))], close, "t", scale=OPDC_3)
    ns = "{http://www.w3.org/2000/svg}"
    labels = [t for t in parses(svg).iter(f"{ns}text") if ":" in (t.text or "")]
    ys = sorted(float(t.get("y")) for t in labels)
    assert len(ys) == 3 and all(b - a >= 12.9 for a, b in pairwise(ys))


def test_the_progress_chart_skips_missing_months():
    svg = progress_chart_svg(["ต.ค.", "พ.ย.", "ธ.ค."], [D(1), None, D(3)], LEVELS, scale=OPDC_3)
    assert parses(svg).find("{http://www.w3.org/2000/svg}polyline") is not None
    assert svg.count("<circle") == 2


def test_labels_are_escaped_and_no_style_attributes_are_used():
    svg = scores_bar_svg([("<b>&", D("50"), D(100))], "<script>")
    parses(svg)
    assert "<script>" not in svg and "&lt;b&gt;&amp;" in svg
    assert "style=" not in svg


def test_an_empty_chart_is_still_valid_svg():
    parses(baseline_chart_svg([], [], "", scale=OPDC_3))
    parses(progress_chart_svg([], [], [], scale=OPDC_3))
    parses(scores_bar_svg([], ""))


@pytest.mark.parametrize(
    ("value", "label"),
    [("0.125", "0.125: 0.13"), ("2.665", "2.665: 2.67"), ("1234.5", "1234.5: 1,234.50"),
     ("1500", "1500: 1,500")],
)  # fmt: skip
def test_a_bar_label_rounds_half_up_like_every_other_figure(value: str, label: str):
    svg = baseline_chart_svg([(value, D(value))], LEVELS, "t", scale=OPDC_3)
    assert f"<title>{label}</title>" in svg


def test_the_baseline_chart_has_a_y_axis_with_its_unit_and_draws_the_actual():
    svg = baseline_chart_svg(
        [("2565", D("83.55"))],
        LEVELS,
        "t",
        actual=("ผลรอบ 2", D("316.13")),
        unit="ล้านบาท",
        scale=OPDC_3,
    )
    root = parses(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "ล้านบาท" in texts and "ผลรอบ 2 316.13" in texts
    assert [ln for ln in root.findall(f"{ns}line") if ln.get("class") == "actual"]


def test_the_progress_chart_marks_the_actual_even_where_the_monthly_line_stops():
    svg = progress_chart_svg(
        ["ต.ค.", "พ.ย.", "ธ.ค."],
        [D(100), D(181), None],
        LEVELS,
        actual=(2, "ผล", D("316.13")),
        scale=OPDC_3,
    )
    root = parses(svg)
    ns = "{http://www.w3.org/2000/svg}"
    marks = [r for r in root.iter(f"{ns}rect") if r.get("class") == "actual"]
    assert len(marks) == 1 and marks[0].find(f"{ns}title").text == "ผล 316.13"


@pytest.mark.parametrize(
    ("value", "colour", "shown"),
    [(D(80), "standard", "80 / 100"), (D(0), "below", "0 / 100"), (None, "none", "ยังไม่มีผล")],
)
def test_score_bars_are_coloured_by_status_and_no_result_is_not_a_zero(value, colour, shown):
    svg = scores_bar_svg(
        [("1. ส่งออก", value, D(100))], "t", colours=[colour], missing="ยังไม่มีผล", axis="คะแนน"
    )
    root = parses(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert shown in texts and "คะแนน" in texts
    fills = {r.get("fill") for r in root.iter(f"{ns}rect")}
    assert (STATUS_COLOURS[colour] in fills) == (value is not None)


def test_the_histogram_counts_each_band():
    svg = histogram_svg([("0–10", 0), ("10–20", 3)], "t", "ร้อยละ", "หน่วยงาน")
    ns = "{http://www.w3.org/2000/svg}"
    titles = [t.text for t in parses(svg).iter(f"{ns}title")]
    assert "10–20: 3" in titles and "0–10: 0" in titles


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        ("0", "110", ["0", "25", "50", "75", "100"]),
        ("0", "489.7", ["0", "100", "200", "300", "400"]),
        ("-5.5", "14.7", ["-5", "0", "5", "10"]),
    ],
)
def test_axis_ticks_are_round_numbers(low, high, ticks):
    assert nice_ticks(D(low), D(high)) == [D(t) for t in ticks]


def scored(score: str | None, status: Status = Status.SCORED) -> KpiScore:
    """A KPI's score in a round as the engine makes it (only status and score matter here)."""
    value = None if score is None else D(score)
    return KpiScore("1", 1, status, D(10), value, value, D(0), None)


@pytest.mark.parametrize(
    ("scale", "score", "status", "key"),
    [
        (OPDC_3, "100", Status.SCORED, "top"),
        (OPDC_3, "80", Status.SCORED, "standard"),
        (OPDC_3, "50", Status.SCORED, "entry"),
        (OPDC_3, "20", Status.SCORED, "below"),
        (FIVE_LEVEL, "5", Status.SCORED, "top"),
        (FIVE_LEVEL, "4.5", Status.SCORED, "standard"),
        (FIVE_LEVEL, "3", Status.SCORED, "standard"),
        (FIVE_LEVEL, "2", Status.SCORED, "entry"),
        (FIVE_LEVEL, "1", Status.SCORED, "entry"),
        (FIVE_LEVEL, "0.5", Status.SCORED, "below"),
        (FIVE_LEVEL, None, Status.NO_RESULT, "none"),
        (FIVE_LEVEL, None, Status.LEVELS_OPEN, "open"),
        (FIVE_LEVEL, None, Status.NOT_ASSESSED, None),
    ],
)
def test_a_bar_s_colour_is_the_band_of_the_level_its_score_reached_on_its_scale(
    scale: Scale, score: str | None, status: Status, key: str | None
):
    assert status_key(scored(score, status), scale) == key


def test_the_five_level_scale_s_level_lines_are_coloured_by_band_not_grey():
    levels = [(D(n), D(10 * n)) for n in range(1, 6)]
    svg = baseline_chart_svg([("2566", D(35))], levels, "t", scale=FIVE_LEVEL)
    ns = "{http://www.w3.org/2000/svg}"
    dashed = [
        ln.get("stroke") for ln in parses(svg).iter(f"{ns}line") if ln.get("stroke-dasharray")
    ]
    expected = ["entry", "entry", "standard", "standard", "top"]
    assert dashed == [LEVEL_COLOURS[band] for band in expected]


@pytest.mark.parametrize(
    ("label", "width", "shown"),
    [
        (
            "กรมส่งเสริมการค้าระหว่างประเทศ",
            214,
            "กรมส่งเสริมการค้าระหว่างประเทศ",
        ),  # fits: marks take no room
        ("สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม", 214, "สำนักงานส่งเสริมวิสาหกิจขนาดกลางแล…"),
        ("Office of Small and Medium Enterprises Promotion", 70, "Office of…"),
        ("ที่", 7, "ที่"),  # one letter and its marks fit one letter's room
    ],
)
def test_a_bar_label_is_cut_to_its_room_with_an_ellipsis_keeping_each_letters_marks(
    label, width, shown
):
    assert charts.fitted(label, width) == shown


def test_the_totals_chart_shows_a_long_agency_name_cut_not_clipped():
    name = "สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม"
    svg = charts.scores_bar_svg([(name, D("3.75"), D(100))])
    assert "สำนักงานส่งเสริมวิสาหกิจขนาดกลางแล…" in svg and name not in svg
