"""Charts are plain SVG strings: escaped labels, Decimal figures, no style attributes (CSP)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D
from itertools import pairwise

import pytest

from thaikpi.reports.charts import baseline_chart_svg, progress_chart_svg, scores_bar_svg

LEVELS = [(D(50), D("203.14")), (D(75), D("324.20")), (D(100), D("445.25"))]


def parses(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_baseline_chart_has_a_bar_per_year_and_a_line_per_level():
    svg = baseline_chart_svg(
        [("2563", D("83.55")), ("2564", None), ("2566", D("324.20"))], LEVELS, "t"
    )
    root = parses(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f"{ns}line")) == 4  # axis + three levels
    assert "324.20" in svg and "100: 445.25" in svg


def test_labels_of_close_levels_do_not_overlap():
    close = [(D(50), D("1.50")), (D(75), D("2.10")), (D(100), D("2.70"))]
    svg = baseline_chart_svg([("2565", D("13.40")), ("2566", D("-4.80"))], close, "t")
    ns = "{http://www.w3.org/2000/svg}"
    labels = [t for t in parses(svg).iter(f"{ns}text") if ":" in (t.text or "")]
    ys = sorted(float(t.get("y")) for t in labels)
    assert len(ys) == 3 and all(b - a >= 12.9 for a, b in pairwise(ys))


def test_the_progress_chart_skips_missing_months():
    svg = progress_chart_svg(["ต.ค.", "พ.ย.", "ธ.ค."], [D(1), None, D(3)], LEVELS)
    assert parses(svg).find("{http://www.w3.org/2000/svg}polyline") is not None
    assert svg.count("<circle") == 2


def test_labels_are_escaped_and_no_style_attributes_are_used():
    svg = scores_bar_svg([("<b>&", D("50"), D(100))], "<script>")
    parses(svg)
    assert "<script>" not in svg and "&lt;b&gt;&amp;" in svg
    assert "style=" not in svg


def test_an_empty_chart_is_still_valid_svg():
    parses(baseline_chart_svg([], [], ""))
    parses(progress_chart_svg([], [], []))
    parses(scores_bar_svg([], ""))


@pytest.mark.parametrize(
    ("value", "label"),
    [("0.125", "0.125: 0.13"), ("2.665", "2.665: 2.67"), ("1234.5", "1234.5: 1,234.50"),
     ("1500", "1500: 1,500")],
)  # fmt: skip
def test_a_bar_label_rounds_half_up_like_every_other_figure(value: str, label: str):
    svg = baseline_chart_svg([(value, D(value))], LEVELS, "t")
    assert f"<title>{label}</title>" in svg
