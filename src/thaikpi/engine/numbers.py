"""The one place where official figures become Decimals and get rounded.

Official figures are never floats. Every rounding in ThaiKPI goes through
:func:`apply`, under a named :class:`Rounding` policy: how many places, and
whether to round half-up or truncate (cut toward zero, like Excel's ROUNDDOWN).
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Final

from thaikpi.engine.findings import Problem, in_language

# Enough digits for any ratio of figures in a scorecard; quantize does the official rounding.
CONTEXT: Final = decimal.Context(prec=28, rounding=ROUND_HALF_UP, traps=[decimal.InvalidOperation])

ZERO: Final = Decimal(0)
HUNDRED: Final = Decimal(100)


class RoundingMode(str, Enum):
    """How a figure is cut to its places."""

    HALF_UP = "half_up"
    TRUNCATE = "truncate"


_DECIMAL_MODE: Final = {RoundingMode.HALF_UP: ROUND_HALF_UP, RoundingMode.TRUNCATE: ROUND_DOWN}
_QUANTA: Final = {places: Decimal(1).scaleb(-places) for places in range(11)}


@dataclass(frozen=True, slots=True)
class Rounding:
    """A named rounding policy: places, mode, and whether intermediate values are rounded."""

    places: int = 2
    mode: RoundingMode = RoundingMode.HALF_UP
    # True: every figure a table shows is rounded before it feeds the next one (what a
    # spreadsheet showing 2 decimals and re-typing them does). False: intermediates stay exact.
    intermediate: bool = False

    @property
    def quantum(self) -> Decimal:
        """The smallest step at these places, e.g. 0.01."""
        return _QUANTA.get(self.places) or Decimal(1).scaleb(-self.places)

    def describe(self, language: str = "en") -> str:
        """A short human label such as 'half-up, 2 places, intermediates exact' (or in Thai)."""
        half_up = self.mode is RoundingMode.HALF_UP
        inter = "intermediates rounded" if self.intermediate else "intermediates exact"
        mode = "half-up" if half_up else "truncate"
        places = "1 place" if self.places == 1 else f"{self.places} places"
        inter_th = "ปัดเศษค่าระหว่างการคำนวณ" if self.intermediate else "ไม่ปัดเศษค่าระหว่างการคำนวณ"
        mode_th = "ปัดเศษแบบครึ่งขึ้น" if half_up else "ตัดเศษทิ้ง"
        return in_language(
            language,
            f"{mode}, {places}, {inter}",
            f"{mode_th}, ทศนิยม {self.places} ตำแหน่ง, {inter_th}",
        )


SCORE_ROUNDING: Final = Rounding(2, RoundingMode.HALF_UP, False)
WEIGHTED_ROUNDING: Final = Rounding(4, RoundingMode.HALF_UP, False)
# The five-level scale (OPDC until 2561): a score 0-5 to 4 places half-up (ค่าคะแนนที่ได้
# 4.4740), weight × score / Σ assessed weights to 4 places half-up (WEIGHTED_ROUNDING), and
# the total is the sum of those rounded weighted scores, e.g. 4.2380. A template may state
# other policies under ``scoring:``; these are the defaults of each scale.
FIVE_LEVEL_SCORE_ROUNDING: Final = Rounding(4, RoundingMode.HALF_UP, False)


# How a person may write a number: Arabic or Thai digits (๐–๙), one point, commas only between
# groups of three. Python's other forms (1_000, other scripts' digits) are refused, not guessed.
_DIGIT: Final = "[0-9\u0e50-\u0e59]"
_PLAIN_NUMBER: Final = re.compile(
    rf"^[-+]?({_DIGIT}+(\.{_DIGIT}*)?|\.{_DIGIT}+)([eE][-+]?[0-9]+)?$"
)
_GROUPED_NUMBER: Final = re.compile(rf"^[-+]?{_DIGIT}{{1,3}}(,{_DIGIT}{{3}})+(\.{_DIGIT}+)?$")


def is_grouped(text: str) -> bool:
    """True for a number written with thousands separators ('1,150.40')."""
    return bool(_GROUPED_NUMBER.match(text.strip()))


def parse_number(value: object, what: str = "the value", what_th: str = "ค่า") -> Decimal:
    """A plausible, finite Decimal from an int, Decimal or numeric text; ValueError otherwise.

    Text may group thousands with commas ("175,364.61") but "2,4" is refused rather than
    read as 24. Floats (from a JSON client) are taken by their shortest repr. The error is a
    :class:`~thaikpi.engine.findings.Problem` naming the value as ``what`` (``what_th`` in Thai).
    """
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if _GROUPED_NUMBER.match(text):
            text = text.replace(",", "")
        if not _PLAIN_NUMBER.match(text):
            got = repr(value)
            raise _refused(what, what_th, f"must be a number, got {got}", f"ต้องเป็นตัวเลข แต่พบ {got}")
        result = Decimal(text)
    else:
        got, got_th = describe_value(value)
        raise _refused(what, what_th, f"must be a number, got {got}", f"ต้องเป็นตัวเลข แต่พบ {got_th}")
    if not result.is_finite():
        raise _refused(
            what,
            what_th,
            f"must be a finite number, got {value}",
            f"ต้องเป็นตัวเลขที่มีค่าจำกัด แต่พบ {value}",
        )
    problem = _implausible(result)
    if problem:
        raise _refused(what, what_th, f"{problem[0]}: {value}", f"{problem[1]}: {value}")
    return result


def _refused(what: str, what_th: str, why: str, why_th: str) -> Problem:
    """'<what> <why>' in English and Thai ('budget ต้อง…': a space after a name like 'budget')."""
    no_space = not what_th or "\u0e00" <= what_th[-1] <= "\u0e7f"  # Thai runs on unspaced
    subject = what_th if no_space else what_th + " "
    return Problem(f"{what} {why}", f"{subject}{why_th}")


def describe_value(value: object) -> tuple[str, str]:
    """How a non-number looks in a message, in English and Thai: ('nothing', 'ค่าว่าง'), …"""
    if value is None:
        return "nothing", "ค่าว่าง"
    if isinstance(value, bool):
        return "true/false", "true/false"
    if isinstance(value, dict):
        return "a mapping", "ข้อมูลแบบ mapping"
    if isinstance(value, list):
        return "a list", "ข้อมูลแบบรายการ (list)"
    return repr(value), repr(value)


def toward(value: Decimal, places: int, up: bool) -> Decimal:
    """Round toward +infinity (``up``) or −infinity, for 'the smallest value that reaches'."""
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_CEILING if up else ROUND_FLOOR, context=CONTEXT)


def D(value: object) -> Decimal:
    """Make an exact Decimal from an int, Decimal or numeric string; refuse floats and bools."""
    if isinstance(value, bool | float):
        raise TypeError(f"official figures are never {type(value).__name__}: {value!r}")
    if not isinstance(value, int | Decimal | str):
        raise TypeError(f"not a number: {value!r}")
    # One reading of typed figures: "2,4" is refused, not taken as 24 (see parse_number).
    return parse_number(value, "the figure")


MAX_DIGITS_BEFORE_POINT: Final = 15  # a trillion baht has 13; anything longer is a typo
MAX_PLACES: Final = 10


def plausible(value: Decimal) -> str | None:
    """Why a finite figure is not plausible for a scorecard (absurd size or precision), or None."""
    problem = _implausible(value)
    return None if problem is None else problem[0]


def _implausible(value: Decimal) -> tuple[str, str] | None:
    """Why a figure is not plausible, in English and in Thai, or None."""
    if value != 0 and value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return (
            f"is too large ({MAX_DIGITS_BEFORE_POINT} digits before the point at most)",
            f"มีค่ามากเกินไป (ไม่เกิน {MAX_DIGITS_BEFORE_POINT} หลักหน้าจุดทศนิยม)",
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return (
            f"has more than {MAX_PLACES} decimal places",
            f"มีทศนิยมเกิน {MAX_PLACES} ตำแหน่ง",
        )
    return None


def apply(value: Decimal, rounding: Rounding) -> Decimal:
    """Round ``value`` under ``rounding`` (places and mode)."""
    quantum = _QUANTA.get(rounding.places) or rounding.quantum
    try:
        return value.quantize(quantum, rounding=_DECIMAL_MODE[rounding.mode], context=CONTEXT)
    except decimal.InvalidOperation:
        raise Problem(
            f"the figure {value} is too large to round to {rounding.places} places",
            f"ตัวเลข {value} มีค่ามากเกินกว่าจะปัดเป็นทศนิยม {rounding.places} ตำแหน่ง",
        ) from None


def pad(value: Decimal, places: int) -> Decimal:
    """Show ``value`` with at least ``places`` decimals (1.5 → 1.50); never rounds it."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -places:
        return value.quantize(_QUANTA.get(places) or Decimal(1).scaleb(-places), context=CONTEXT)
    return value


def intermediate(value: Decimal, rounding: Rounding) -> Decimal:
    """Round an intermediate figure only when the policy says intermediates are rounded."""
    return apply(value, rounding) if rounding.intermediate else value
