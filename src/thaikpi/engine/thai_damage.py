"""Thai text damaged by PDF extraction: a small pure detector for template validation.

The repair lives in :mod:`thaikpi.textimport.pdf_text_repair` (it needs PyThaiNLP's dictionary
to choose between readings); the engine imports neither, so ``validate`` warns from the same
patterns here, with standard-library regular expressions only. A test keeps the two in step.
"""

from __future__ import annotations

import re
from typing import Final

_CONSONANT: Final = "\u0e01-\u0e2e"  # ก..ฮ
_TONE: Final = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_ABOVE_BELOW_VOWEL: Final = "\u0e31\u0e34-\u0e3a"  # ั ิ ี ึ ื ุ ู ฺ
_SARA_AA: Final = "\u0e32"
_SARA_AM: Final = "\u0e33"

# Damage kind → its pattern; the kinds are the message catalogue's ``thai.damage_*`` words.
PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("private_use", re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")),
    ("split_sara_am", re.compile(f"[{_CONSONANT}][{_TONE}]? +{_SARA_AA}")),
    ("nikhahit", re.compile(f"\u0e4d[{_TONE}]?{_SARA_AA}")),
    ("mark_order", re.compile(f"[\u0e47-\u0e4c][{_ABOVE_BELOW_VOWEL}]")),
    ("tone_after_vowel", re.compile(f"[{_CONSONANT}][{_SARA_AA}{_SARA_AM}][{_TONE}]")),
)


def damage_in(text: str) -> tuple[str, str] | None:
    """The first damage found in ``text``: (kind, the damaged piece), or None."""
    found = [(m.start(), kind, m.group(0)) for kind, p in PATTERNS if (m := p.search(text))]
    if not found:
        return None
    _start, kind, piece = min(found)
    return kind, piece
