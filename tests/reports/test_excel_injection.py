"""Formula injection: every text ThaiKPI did not compute is stored in the workbook as text."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.reports.conftest import EXPORTED, FIXTURES, MINI, Case, make_case
from tests.reports.test_excel import recalculate
from thaikpi.reports import excel, excel_import

# OWASP's CSV-injection starters: '=', '+', '-', '@', a tab and a carriage return.
HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
)
# The only formulas ThaiKPI writes: weighted score, subtotals, covered weight, total.
OWN_FORMULA = re.compile(r"^=(ROUND|ROUNDDOWN|SUMIF|SUM)\(|^=[A-Z]+\d+(\+[A-Z]+\d+)*$|^=0$")


def poisoned(node: Any, payloads: itertools.cycle[str]) -> Any:
    """The template with a hostile prefix on every Thai and English text it holds."""
    if isinstance(node, dict):
        if set(node) >= {"th", "en"} and all(isinstance(node[k], str) for k in ("th", "en")):
            return {**node, "th": next(payloads) + node["th"], "en": next(payloads) + node["en"]}
        return {key: poisoned(value, payloads) for key, value in node.items()}
    if isinstance(node, list):
        return [poisoned(item, payloads) for item in node]
    return node


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The mini scorecard with every text field starting like a formula, scored for round 2."""
    data = yaml.safe_load(Path(MINI).read_text(encoding="utf-8"))
    data = poisoned(data, itertools.cycle(HOSTILE))
    path = tmp_path_factory.mktemp("hostile") / "mini-2567.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return make_case(str(path), FIXTURES / "mini-results-2.yaml")


def book_of(case: Case) -> bytes:
    return excel.export_xlsx(case.scorecard, case.scored, case.results, EXPORTED)


def hostile_cells(book: openpyxl.Workbook) -> dict[tuple[str, str], Any]:
    """Every cell, on every sheet, whose value starts with a hostile character."""
    return {
        (sheet.title, cell.coordinate): cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"
    }


def test_the_hostile_template_puts_hostile_text_on_every_sheet(hostile: Case) -> None:
    book = openpyxl.load_workbook(io.BytesIO(book_of(hostile)))
    sheets = {sheet for sheet, _ in hostile_cells(book)}
    assert sheets == set(book.sheetnames)
    texts = [cell.value for cell in hostile_cells(book).values() if cell.data_type == "s"]
    assert any(text.startswith("=HYPERLINK") for text in texts)
    assert any(text.startswith(("\t", "\r", "@", "+", "-")) for text in texts)


def test_no_cell_is_a_formula_except_the_ones_thaikpi_computes(hostile: Case) -> None:
    book = openpyxl.load_workbook(io.BytesIO(book_of(hostile)))
    formulas = {
        (title, coordinate): cell.value
        for (title, coordinate), cell in hostile_cells(book).items()
        if cell.data_type == "f"
    }
    foreign = {key: text for key, text in formulas.items() if not OWN_FORMULA.match(text)}
    assert foreign == {}
    assert formulas  # the summary's own ROUND/SUM formulas are still live
    assert all(title == excel.SUMMARY for title, _ in formulas)


def test_the_kpi_name_cell_holds_the_template_text_unchanged(hostile: Case) -> None:
    book = openpyxl.load_workbook(io.BytesIO(book_of(hostile)))
    names = {kpi.name.th for kpi in hostile.scorecard.kpis}
    cells = [c for c in book[excel.SUMMARY]["B"] if c.value in names]
    assert len(cells) == len(names)
    assert {c.data_type for c in cells} == {"s"}


def test_a_hostile_workbook_still_imports_back_to_the_same_results(hostile: Case) -> None:
    imported = excel_import.import_results(hostile.scorecard, book_of(hostile), "book.xlsx")
    assert {k: r.actual for k, r in imported.results.items()} == {
        k: r.actual for k, r in hostile.results.items()
    }


@pytest.mark.slow
def test_libreoffice_reads_every_hostile_text_back_as_the_same_text(
    hostile: Case, tmp_path: Path
) -> None:
    data = book_of(hostile)
    before = {
        key: cell.value
        for key, cell in hostile_cells(openpyxl.load_workbook(io.BytesIO(data))).items()
        if not (cell.data_type == "f" and OWN_FORMULA.match(cell.value))
    }
    after = recalculate(data, tmp_path)
    changed = {
        key: (text, after[key[0]][key[1]].value)
        for key, text in before.items()
        if after[key[0]][key[1]].value != text
    }
    assert changed == {}
