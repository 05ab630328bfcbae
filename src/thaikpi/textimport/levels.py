"""Reading a criteria table (เกณฑ์การประเมิน) flattened into lines: the three level figures.

A PDF table comes out as a run of lines, its cells in reading order. The figures are found by
the first of a few shapes that gives exactly three numbers: figures in parentheses under a
rule ("(203.14)"), a row ending in three numbers ("62.13 72.13 77.13"), percentages
("1.5 %"), "ร้อยละ 80", or one number repeated in three cells of the same wording
("... 4 Pillar", "... 5 Pillar", "... 6 Pillar"). A phrase "N% ของ..." is a rule, not a figure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Final

from thaikpi.textimport.model import DraftLevel

SCORES: Final = (50, 75, 100)
_NUMBER: Final = r"-?\d[\d,]*(?:\.\d+)?"
# The column headings "เป้าหมายขั้นต้น (50)" etc. carry the scores, not level figures.
_SCORE_HEADING: Final = re.compile(r"(ขั้นต้น|มาตรฐาน|ขั้นสูง|ขั้นต่ำ)\s*\(\s*(?:50|75|100)\s*\)")
_IN_PARENS: Final = re.compile(rf"\(\s*({_NUMBER})\s*%?\s*\)")
_PERCENT: Final = re.compile(rf"(?<![\d.,])({_NUMBER})\s*%(?!\s*ของ)")
_ROILA: Final = re.compile(rf"ร้อยละ\s*({_NUMBER})(?![\d.,])(?!\s*ของ)")
_PERCENT_OF: Final = re.compile(
    rf"(?:ร้อยละ\s*({_NUMBER})|({_NUMBER})\s*%)\s*ของ\s*(\S+(?:\s+(?!ร้อยละ)[^\s\d]\S*)?)"
)
_WORDED: Final = re.compile(rf"(?<![\d.,\-–/])(?<!ร้อยละ )({_NUMBER})\s+([^\s\d()]+)")
_YEAR: Final = re.compile(r"^25\d\d$")
_TOKEN_NUMBER: Final = re.compile(rf"^\(?({_NUMBER})%?\)?$")


def plain_number(text: str) -> str:
    """A figure as the template format writes it: digits as printed, no thousands separator."""
    return text.replace(",", "")


def _joined(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def _in_parens(lines: list[str]) -> list[str]:
    text = _SCORE_HEADING.sub(r"\1", _joined(lines))
    return _IN_PARENS.findall(text)


def _row_of_three(lines: list[str]) -> list[str]:
    """The last three numbers of a row made of a label and three numbers ("กลุ่มที่ 4 445 ...")."""
    for line in lines:
        tokens = line.split()
        trailing: list[str] = []
        for token in reversed(tokens):
            match = _TOKEN_NUMBER.match(token)
            if not match:
                break
            trailing.insert(0, match.group(1))
        label = tokens[: len(tokens) - len(trailing)]
        grouped = len(trailing) == 4 and bool(label) and label[-1].endswith(("ที่", "กลุ่ม"))
        if len(trailing) == 3 or grouped:
            figures = trailing[-3:]
            if not any(_YEAR.match(f) for f in figures):
                return figures
    return []


def _percentages(lines: list[str]) -> list[str]:
    return _PERCENT.findall(_joined(lines))


def _roila(lines: list[str]) -> list[str]:
    return _ROILA.findall(_joined(lines))


def _worded(lines: list[str]) -> list[str]:
    """Three numbers followed by the same word, strictly in order ("4 Pillar", "5 Pillar")."""
    by_word: dict[str, list[str]] = {}
    for number, word in _WORDED.findall(_joined(lines)):
        if not _YEAR.match(number):
            by_word.setdefault(word, []).append(number)
    for numbers in by_word.values():
        if len(numbers) == 3 and monotone([Decimal(plain_number(n)) for n in numbers]):
            return numbers
    return []


SHAPES: Final[tuple[Callable[[list[str]], list[str]], ...]] = (
    _in_parens,
    _row_of_three,
    _percentages,
    _roila,
    _worded,
)


def monotone(values: list[Decimal]) -> str | None:
    """'higher' when the values rise strictly, 'lower' when they fall strictly, else None."""
    pairs = list(itertools.pairwise(values))
    if all(a < b for a, b in pairs):
        return "higher"
    if all(a > b for a, b in pairs):
        return "lower"
    return None


def level_figures(lines: list[str]) -> list[str]:
    """The three level figures of a criteria table, as printed; [] when no shape fits."""
    for shape in SHAPES:
        found = shape(lines)
        if len(found) == 3:
            return [plain_number(f) for f in found]
    return []


def percent_rules(lines: list[str], last_round: int) -> list[DraftLevel]:
    """Levels stated as a percentage of something ("30% ของเป้าหมายมาตรฐาน"), with their rule.

    A percentage of the standard (75) target becomes a ``percent_of_level`` rule on the last
    round; a percentage of anything else keeps only its words (the figure it refers to is not
    in the table).
    """
    found = _PERCENT_OF.findall(_joined(lines))
    if len(found) != 3:
        return []
    levels = []
    for score, (roila, percent, what) in zip(SCORES, found, strict=True):
        value = plain_number(roila or percent)
        rule: dict[str, object] | None = None
        if "มาตรฐาน" in what:
            rule = {"kind": "percent_of_level", "round": last_round, "score": 75, "percent": value}
        levels.append(DraftLevel(score, rule=rule, description=f"ร้อยละ {value} ของ{what}"))
    return levels


def read_levels(lines: list[str], last_round: int) -> list[DraftLevel]:
    """The 50/75/100 levels of a criteria table: figures and rules found, or [] for none."""
    figures = level_figures(lines)
    rules = percent_rules(lines, last_round)
    if figures:
        levels = [
            DraftLevel(score, stated=figure) for score, figure in zip(SCORES, figures, strict=False)
        ]
        for level, ruled in zip(levels, rules, strict=False):
            level.rule, level.description = ruled.rule, ruled.description
        return levels
    return rules
