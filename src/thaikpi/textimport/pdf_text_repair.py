"""Repair Thai text extracted from PDFs.

PDF text extraction damages Thai in a few recurring ways. :func:`repair_thai` undoes them
and says what it changed; :func:`normalize_thai` only returns the text; :func:`looks_damaged`
tells a validator whether a text still shows any of the damage.

The damage, and its repair reason (``Repair.reason``):

``private_use`` / ``private_use_dropped``
    Legacy Thai fonts draw shifted tone marks and vowels from the Private Use Area
    (Windows U+F700-U+F71A, Mac U+F884-U+F89E, the fallback table of HarfBuzz's Thai
    shaper); Word bullets and check boxes come out as Symbol/Wingdings codes U+F0xx.
    Known ones are mapped back; any other private-use character is dropped.
``nikhahit``
    Sara am spelt as nikhahit + sara aa (U+0E4D U+0E32), the tone mark on either side.
``mark_order``
    A tone mark, thanthakhat or mai taikhu typed before the vowel above or below the same
    consonant: ``ช้ี`` for ``ชี้``.
``tone_after_vowel``
    A tone mark after sara aa or sara am instead of on the consonant: ``คา่`` for ``ค่า``.
``sara_am`` / ``spurious_space``
    ``<consonant><tone?> า``: no Thai syllable starts with sara aa, so the space is damage.
    Usually sara am was split into a space and sara aa (``ด าเนิน`` for ``ดำเนิน``), but
    sometimes the space is just spurious (``การค้ าระหว่าง`` for ``การค้าระหว่าง``). Which one
    is decided by a dictionary (PyThaiNLP's word list and its ``newmm`` tokenizer) over
    about 20 Thai characters on each side: sara aa only when that reading tokenizes into
    dictionary words only, and into fewer words than the sara-am reading; otherwise, and
    when other damage nearby spoils both readings, sara am, which is by far the more common
    damage. A few very common sara-am words are recognized without the dictionary.
``whitespace``
    Runs of spaces inside a line become one space; trailing spaces and tabs go. Line
    breaks stay where they are, so line numbers survive the repair.
``nfc``
    Anything else Unicode NFC normalization changes.

Columns in a :class:`Repair` are 1-based and count characters of the input line; ``before``
is the text as the repair found it (an earlier repair in the same place may have changed it).

PyThaiNLP is imported only when a split sara am needs the dictionary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

__all__ = [
    "MARK_ORDER",
    "NFC",
    "NIKHAHIT",
    "PRIVATE_USE",
    "PRIVATE_USE_DROPPED",
    "SARA_AM",
    "SPURIOUS_SPACE",
    "TONE_AFTER_VOWEL",
    "WHITESPACE",
    "Repair",
    "looks_damaged",
    "normalize_thai",
    "repair_thai",
]

# Repair reasons.
PRIVATE_USE: Final = "private_use"
PRIVATE_USE_DROPPED: Final = "private_use_dropped"
NIKHAHIT: Final = "nikhahit"
MARK_ORDER: Final = "mark_order"
TONE_AFTER_VOWEL: Final = "tone_after_vowel"
SARA_AM: Final = "sara_am"
SPURIOUS_SPACE: Final = "spurious_space"
WHITESPACE: Final = "whitespace"
NFC: Final = "nfc"


@dataclass(frozen=True)
class Repair:
    """One change: where (1-based line and column of the input text), what, and why."""

    line: int
    column: int
    before: str
    after: str
    reason: str


# Character classes (for use inside [...]).
_CONSONANT: Final = "\u0e01-\u0e2e"  # ก..ฮ
_TONE: Final = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_ABOVE_BELOW_VOWEL: Final = "\u0e31\u0e34-\u0e3a"  # ั ิ ี ึ ื ุ ู ฺ
_UPPER_SIGN: Final = "\u0e47-\u0e4e"  # ็ ่ ้ ๊ ๋ ์ ํ ๎
_SARA_AA: Final = "\u0e32"
_SARA_AM: Final = "\u0e33"

_PRIVATE_USE_RE: Final = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")

_TONES: Final = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์ (in the PUA tables' order)


def _pua_table() -> dict[str, str]:
    table: dict[str, str] = {}
    # Windows fonts (Tahoma, Angsana New, ...): U+F700-U+F71A.
    for start in (0xF705, 0xF70A, 0xF713):  # shifted down-left, down, left
        for offset, mark in enumerate(_TONES):
            table[chr(start + offset)] = mark
    table.update(
        {
            "\uf700": "\u0e10",  # ฐ without its descender
            "\uf701": "\u0e34",  # ิ shifted left
            "\uf702": "\u0e35",  # ี
            "\uf703": "\u0e36",  # ึ
            "\uf704": "\u0e37",  # ื
            "\uf70f": "\u0e0d",  # ญ without its descender
            "\uf710": "\u0e31",  # ั shifted left
            "\uf711": "\u0e4d",  # ํ shifted left
            "\uf712": "\u0e47",  # ็ shifted left
            "\uf718": "\u0e38",  # ุ shifted down
            "\uf719": "\u0e39",  # ู
            "\uf71a": "\u0e3a",  # ฺ
        }
    )
    # Mac fonts: U+F884-U+F89E.
    for offset, mark in enumerate("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"):
        table[chr(0xF884 + offset)] = mark
    for offset, mark in enumerate(_TONES):  # each in three variants: left, down, down-left
        for variant in range(3):
            table[chr(0xF88A + 3 * offset + variant)] = mark
    table.update(
        {
            "\uf899": "\u0e4d",  # ํ
            "\uf89a": "\u0e0d",  # ญ
            "\uf89b": "\u0e38",  # ุ
            "\uf89c": "\u0e39",  # ู
            "\uf89d": "\u0e3a",  # ฺ
            "\uf89e": "\u0e10",  # ฐ
        }
    )
    # Symbol / Wingdings / Wingdings 2 codes (U+F000 + the font's byte) used in Word files.
    bullet, box, checked, crossed, tick = "•", "☐", "☑", "☒", "✓"
    table.update(
        {
            "\uf020": " ",
            "\uf0b7": bullet,  # Symbol •
            "\uf0a7": bullet,  # Wingdings ▪
            "\uf06c": bullet,  # Wingdings ●
            "\uf06e": bullet,  # Wingdings ■
            "\uf075": bullet,  # Wingdings ◆
            "\uf076": bullet,  # Wingdings ❖
            "\uf0d8": bullet,  # Wingdings ➢
            "\uf06f": box,  # Wingdings □
            "\uf071": box,  # Wingdings ❑
            "\uf0a8": box,  # Wingdings ◻
            "\uf0a3": box,  # Wingdings 2 □
            "\uf052": checked,  # Wingdings 2 ☑
            "\uf0fe": checked,  # Wingdings ☑
            "\uf054": crossed,  # Wingdings 2 ☒
            "\uf0fd": crossed,  # Wingdings ☒
            "\uf050": tick,  # Wingdings 2 ✓
            "\uf0fc": tick,  # Wingdings ✓
        }
    )
    return table


_PUA_MAP: Final[dict[str, str]] = _pua_table()

_NIKHAHIT_RE: Final = re.compile(f"([{_CONSONANT}]?)([{_TONE}]?)\u0e4d([{_TONE}]?){_SARA_AA}")
_MARK_RUN_RE: Final = re.compile(
    f"([^{_ABOVE_BELOW_VOWEL}{_UPPER_SIGN}]?)([{_ABOVE_BELOW_VOWEL}{_UPPER_SIGN}]{{2,}})"
)
_TONE_AFTER_VOWEL_RE: Final = re.compile(f"([{_CONSONANT}])([{_SARA_AA}{_SARA_AM}])([{_TONE}]+)")
_SPLIT_AM_RE: Final = re.compile(f"([{_CONSONANT}])([{_TONE}]?) +{_SARA_AA}")
_SPACES_RE: Final = re.compile(" {2,}")
_TRAILING_RE: Final = re.compile("[ \t]+$")
_LINE_BREAK_RE: Final = re.compile("(\r\n|\r|\n)")

_DAMAGE_RE: Final = re.compile(
    "|".join(
        (
            _PRIVATE_USE_RE.pattern,
            f"\u0e4d[{_TONE}]?{_SARA_AA}",
            f"[\u0e47-\u0e4c][{_ABOVE_BELOW_VOWEL}]",  # sign before its vowel
            f"[{_CONSONANT}][{_TONE}]? +{_SARA_AA}",
            f"[{_CONSONANT}][{_SARA_AA}{_SARA_AM}][{_TONE}]",
        )
    )
)

# Words whose split sara am cannot be read as sara aa: recognized without the dictionary.
_COMMON_SARA_AM: Final = (
    "กำหนด",
    "กำลัง",
    "คำนวณ",
    "คำอธิบาย",
    "จำกัด",
    "จำนวน",
    "จำเป็น",
    "จำแนก",
    "จำหน่าย",
    "ดำเนิน",
    "ตำแหน่ง",
    "น้ำหนัก",
    "สำคัญ",
    "สำนัก",
    "สำรวจ",
    "สำเร็จ",
    "สำหรับ",
)

# How much Thai text on each side of a split sara am the dictionary looks at.
_WINDOW: Final = 20
# Fixpoint passes; one repair can expose another (a joined sara am followed by a tone mark).
_MAX_PASSES: Final = 4


def normalize_thai(text: str) -> str:
    """Return ``text`` with PDF-extraction damage to Thai repaired (see the module doc)."""
    return repair_thai(text)[0]


def repair_thai(text: str, keep_spacing: bool = False) -> tuple[str, list[Repair]]:
    """Return the repaired text and the repairs made, by line and column.

    ``keep_spacing`` leaves runs of spaces and trailing spaces alone (the ``whitespace``
    repair): in a YAML file they are indentation and layout, not damage.
    """
    parts = _LINE_BREAK_RE.split(text)  # content, break, content, break, ..., content
    repairs: list[Repair] = []
    for index in range(0, len(parts), 2):
        line = _Line(parts[index], index // 2 + 1)
        _repair_line(line, keep_spacing)
        parts[index] = line.text
        repairs.extend(sorted(line.repairs, key=lambda repair: repair.column))
    return "".join(parts), repairs


def looks_damaged(text: str) -> bool:
    """True when ``text`` still shows any damage :func:`repair_thai` repairs (not whitespace)."""
    if _DAMAGE_RE.search(text) is not None:
        return True
    return any(
        not unicodedata.is_normalized("NFC", cluster) or _sorted_marks(cluster) != cluster
        for cluster in re.findall(f"[{_ABOVE_BELOW_VOWEL}{_UPPER_SIGN}]{{2,}}", text)
    )


class _Line:
    """One line being repaired, with each character's column in the original line."""

    def __init__(self, text: str, number: int) -> None:
        self.text = text
        self.number = number
        self.repairs: list[Repair] = []
        self.origin = list(range(len(text) + 1))  # +1: the end of the line has a column too

    def rewrite(self, pattern: re.Pattern[str], fix: _Fix) -> None:
        """Replace each match of ``pattern`` for which ``fix`` gives a replacement and reason."""
        edits: list[tuple[int, int, str, str]] = []
        for match in pattern.finditer(self.text):
            fixed = fix(match)
            if fixed is not None and fixed[0] != match.group(0):
                edits.append((match.start(), match.end(), *fixed))
        self.splice(edits)

    def splice(self, edits: list[tuple[int, int, str, str]]) -> None:
        """Apply (start, end, replacement, reason) edits, in order and not overlapping."""
        if not edits:
            return
        pieces: list[str] = []
        origin: list[int] = []
        done = 0
        for start, end, after, reason in edits:
            column = self.origin[start] + 1
            self.repairs.append(Repair(self.number, column, self.text[start:end], after, reason))
            pieces.append(self.text[done:start])
            origin.extend(self.origin[done:start])
            pieces.append(after)
            origin.extend(self.origin[start + min(k, end - start - 1)] for k in range(len(after)))
            done = end
        pieces.append(self.text[done:])
        origin.extend(self.origin[done:])
        self.text = "".join(pieces)
        self.origin = origin


_Fix = Callable[[re.Match[str]], "tuple[str, str] | None"]


def _repair_line(line: _Line, keep_spacing: bool = False) -> None:
    line.rewrite(_PRIVATE_USE_RE, _fix_private_use)
    for _ in range(_MAX_PASSES):
        before = line.text
        line.rewrite(_NIKHAHIT_RE, _fix_nikhahit)
        line.rewrite(_MARK_RUN_RE, _fix_mark_order)
        line.rewrite(_TONE_AFTER_VOWEL_RE, _fix_tone_after_vowel)
        _fix_split_sara_am(line)
        if not keep_spacing:
            line.rewrite(_SPACES_RE, lambda m: (" ", WHITESPACE))
            line.rewrite(_TRAILING_RE, lambda m: ("", WHITESPACE))
        _fix_nfc(line)
        if line.text == before:
            break


def _fix_private_use(match: re.Match[str]) -> tuple[str, str]:
    char = match.group(0)
    if char in _PUA_MAP:
        return _PUA_MAP[char], PRIVATE_USE
    return "", PRIVATE_USE_DROPPED


def _fix_nikhahit(match: re.Match[str]) -> tuple[str, str]:
    base, tone_before, tone_after = match.groups()
    return base + tone_before + tone_after + _SARA_AM, NIKHAHIT


def _sorted_marks(marks: str) -> str:
    """Vowels above/below first, then the signs that sit over them (stable)."""
    return "".join(sorted(marks, key=lambda c: c >= "\u0e47"))


def _fix_mark_order(match: re.Match[str]) -> tuple[str, str]:
    base, marks = match.groups()
    return base + _sorted_marks(marks), MARK_ORDER


def _fix_tone_after_vowel(match: re.Match[str]) -> tuple[str, str]:
    consonant, vowel, tones = match.groups()
    return consonant + tones + vowel, TONE_AFTER_VOWEL


def _fix_split_sara_am(line: _Line) -> None:
    matches = list(_SPLIT_AM_RE.finditer(line.text))
    if not matches:
        return
    # Decide left to right; undecided joins to the right read as sara am meanwhile.
    vowels = [_SARA_AM] * len(matches)
    for index in range(len(matches)):
        vowels[index] = _choose_vowel(line.text, matches, vowels, index)
    line.splice(
        [
            (
                match.start(),
                match.end(),
                match.group(1) + match.group(2) + vowel,
                SARA_AM if vowel == _SARA_AM else SPURIOUS_SPACE,
            )
            for match, vowel in zip(matches, vowels, strict=True)
        ]
    )


def _is_word_char(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e" and char not in "\u0e2f\u0e3f\u0e46"  # not ฯ ฿ ๆ


def _choose_vowel(text: str, matches: list[re.Match[str]], vowels: list[str], index: int) -> str:
    """Sara am or sara aa for the ``index``-th split, given the vowels chosen so far."""
    pieces: list[str] = []
    done = 0
    at = 0  # where the index-th vowel lands in the rendered text
    for number, match in enumerate(matches):
        pieces.append(text[done : match.start()])
        pieces.append(match.group(1) + match.group(2))
        if number == index:
            at = sum(map(len, pieces))
        pieces.append(vowels[number])
        done = match.end()
    pieces.append(text[done:])
    rendered = "".join(pieces)

    start = at
    while start > 0 and at - start < _WINDOW and _is_word_char(rendered[start - 1]):
        start -= 1
    end = at + 1
    while end < len(rendered) and end - at <= _WINDOW and _is_word_char(rendered[end]):
        end += 1
    left, right = rendered[start:at], rendered[at + 1 : end]

    syllable = len(matches[index].group(1) + matches[index].group(2))
    if (left[-syllable:] + _SARA_AM + right).startswith(_COMMON_SARA_AM):
        return _SARA_AM
    # Words cut by the window's edges are not held against either reading.
    cut = (
        start > 0 and _is_word_char(rendered[start - 1]),
        end < len(rendered) and _is_word_char(rendered[end]),
    )
    as_aa = _score(left + _SARA_AA + right, *cut)
    as_am = _score(left + _SARA_AM + right, *cut)
    # Sara aa only when it reads as dictionary words, and better than sara am does: where
    # other damage nearby leaves both readings broken, the far more common sara am wins.
    if as_aa[0] == 0 and as_aa < as_am:
        return _SARA_AA
    return _SARA_AM


@functools.lru_cache(maxsize=4096)
def _score(phrase: str, cut_left: bool, cut_right: bool) -> tuple[int, int]:
    """How badly ``phrase`` reads: characters outside dictionary words, then word count."""
    words = _dictionary()
    tokens = _tokenize(phrase)
    judged = tokens[1 if cut_left else 0 : len(tokens) - 1 if cut_right else len(tokens)]
    return sum(len(token) for token in judged if token not in words), len(tokens)


@functools.cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _tokenize(phrase: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(phrase, engine="newmm", keep_whitespace=False)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans of a base character and the combining marks after it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or unicodedata.combining(text[index]) == 0:
            spans.append((start, index))
            start = index
    return spans


def _fix_nfc(line: _Line) -> None:
    text = line.text
    if unicodedata.is_normalized("NFC", text):
        return
    whole = unicodedata.normalize("NFC", text)
    spans = _clusters(text)
    if "".join(unicodedata.normalize("NFC", text[a:b]) for a, b in spans) != whole:
        # Composition reaches across clusters (Hangul jamo, some Indic vowel signs).
        line.splice([(0, len(text), whole, NFC)])
        return
    edits = []
    for start, end in spans:
        cluster = text[start:end]
        if not unicodedata.is_normalized("NFC", cluster):
            edits.append((start, end, unicodedata.normalize("NFC", cluster), NFC))
    line.splice(edits)
