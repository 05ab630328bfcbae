"""Fill msgstr entries of a .po file from a JSON dictionary (msgid → translation).

Used to keep the Thai catalogue in one reviewable place: scripts/th.json. Entries without a
translation stay empty (Django then shows the English source).
Usage: python scripts/po_fill.py src/thaikpi/locale/th/LC_MESSAGES/django.po scripts/th.json
"""

from __future__ import annotations

import json
import re
import sys


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line) for line in lines)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fill(po_text: str, table: dict[str, str]) -> tuple[str, list[str]]:
    """The .po text with msgstr filled; and msgids that have no translation."""
    out, missing = [], []
    for block in po_text.split("\n\n"):
        lines = block.split("\n")
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not mid or (
            mid.group(1).strip() == '""'
            and "msgid_plural" not in block
            and block.lstrip().startswith(("msgid", "#"))
        ):
            out.append(block)
            continue
        msgid = _unquote(re.findall(r'"(?:[^"\\]|\\.)*"', mid.group(1)))
        head = [ln for ln in lines if not ln.startswith(("msgstr", '"')) or ln.startswith("msgid")]
        kept = []
        for ln in lines:
            if ln.startswith("msgstr"):
                break
            kept.append(ln)
        translation = table.get(msgid)
        if translation is None:
            missing.append(msgid)
            out.append(block)
            continue
        if "msgid_plural" in block:
            kept += [f"msgstr[0] {_quote(translation)}"]
        else:
            kept += [f"msgstr {_quote(translation)}"]
        kept = [ln for ln in kept if not ln.startswith(("#, fuzzy", "#|"))]
        out.append("\n".join(kept))
        del head
    return "\n\n".join(out), missing


def main() -> None:
    po_path, table_path = sys.argv[1], sys.argv[2]
    with open(table_path, encoding="utf-8") as f:
        table = json.load(f)
    with open(po_path, encoding="utf-8") as f:
        text, missing = fill(f.read(), table)
    with open(po_path, "w", encoding="utf-8") as f:
        f.write(text)
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main()
