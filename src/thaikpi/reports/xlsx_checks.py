"""What an uploaded .xlsx must pass before openpyxl reads it, and how a refusal is said.

A workbook is a zip of XML parts, so an upload is checked as a zip (size, number of parts,
compression ratio: no zip bombs) and as XML (no DTDs or entities) first. Every refusal is a
:class:`WorkbookError` listing :class:`CellProblem` s, each located by sheet, row and column
where there is one, in English and Thai. Used by the results import
(:mod:`thaikpi.reports.excel_import`) and the template workbook's reader.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from thaikpi.engine.findings import in_language, is_thai, nfc

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ENTRIES = 500
MAX_RATIO = 100  # real xlsx parts compress ~10:1; a bomb compresses 1000:1


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem in an uploaded workbook, located by sheet, row and column.

    Like the engine's findings it is said in English and in Thai (``message`` and
    ``message_th``); :meth:`text` gives the whole line, the place included, in one language.
    """

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # letter, e.g. "E"
    message_th: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "message_th", nfc(self.message_th))

    def location(self, language: str = "en") -> str:
        """Where the problem is: "sheet 'บันทึกผล', row 12, column E" or
        "ชีต 'บันทึกผล' แถว 12 คอลัมน์ E"; '' for the file as a whole."""
        thai = is_thai(language)
        where = []
        if self.sheet:
            where.append(("ชีต '{}'" if thai else "sheet '{}'").format(self.sheet))
        if self.row:
            where.append(("แถว {}" if thai else "row {}").format(self.row))
        if self.column:
            where.append(("คอลัมน์ {}" if thai else "column {}").format(self.column))
        return (" " if thai else ", ").join(where)

    def text(self, language: str) -> str:
        """The problem, with where it is, in ``language`` ('th…' for Thai, else English)."""
        message = in_language(language, self.message, self.message_th)
        where = self.location(language)
        return "{}: {}".format(where, message) if where else message

    def __str__(self) -> str:
        return self.text("en")


class WorkbookError(Exception):
    """An uploaded workbook was refused; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[CellProblem], file: str = "") -> None:
        self.problems = tuple(problems)
        self.file = file
        prefix = f"{file}: " if file else ""
        super().__init__("\n".join(prefix + str(p) for p in self.problems))

    def texts(self, language: str) -> tuple[str, ...]:
        """Every problem, with where it is, in ``language`` ('th…' for Thai, else English)."""
        return tuple(p.text(language) for p in self.problems)


def refused(message: str, message_th: str, file: str = "") -> WorkbookError:
    """A refusal of the file as a whole (no sheet, row or column to point at)."""
    return WorkbookError([CellProblem(message, message_th=message_th)], file)


def too_big(size: int, limit: int, file: str = "") -> WorkbookError:
    return refused(
        "the file is {:,} bytes; the limit is {:,}".format(size, limit),
        "ไฟล์มีขนาด {:,} ไบต์ เกินขนาดที่รับได้ {:,} ไบต์".format(size, limit),
        file,
    )


def check_archive(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    """Refuse what is not a small, honest .xlsx: size, zip structure, bombs, DTDs and entities."""
    if len(data) > max_bytes:
        raise too_big(len(data), max_bytes)
    if not data.startswith(b"PK\x03\x04"):
        raise refused(
            "not an Excel .xlsx file (it is not a zip archive)",
            "ไม่ใช่ไฟล์ Excel แบบ .xlsx (ไฟล์ไม่ได้อยู่ในรูปแบบ zip)",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refused(
            "the .xlsx file is damaged (bad zip archive)",
            "ไฟล์ .xlsx เสียหาย (โครงสร้างไฟล์ zip ไม่ถูกต้อง)",
        ) from None
    _check_sizes(infos)
    with archive:
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_xml(archive, info)


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise refused(
            "the archive has {} parts; an .xlsx report has far fewer".format(len(infos)),
            "ไฟล์มีส่วนประกอบ {} ส่วน ซึ่งมากกว่าไฟล์รายงาน .xlsx ปกติมาก".format(len(infos)),
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise refused(
            "the workbook unpacks to {:,} bytes; the limit is {:,}".format(total, MAX_UNCOMPRESSED),
            "เมื่อแตกไฟล์แล้วมีขนาด {:,} ไบต์ เกินขนาดที่รับได้ {:,} ไบต์".format(total, MAX_UNCOMPRESSED),
        )
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise refused(
                "part {} is compressed {}:1, like a zip bomb".format(info.filename, ratio),
                "ส่วน {} ถูกบีบอัดในอัตรา {}:1 ลักษณะเดียวกับ zip bomb".format(info.filename, ratio),
            )


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    try:
        # Read at most the declared size + 1: a lying header cannot make us inflate more.
        with archive.open(info) as part:
            body = part.read(MAX_UNCOMPRESSED + 1)
        SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise refused(
            "part {} declares a DTD or XML entities, which are not allowed".format(info.filename),
            "ส่วน {} ประกาศ DTD หรือ XML entity ซึ่งไม่อนุญาตให้ใช้".format(info.filename),
        ) from None
    except (SafeET.ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise refused(
            "part {} is not well-formed XML".format(info.filename),
            "ส่วน {} มีรูปแบบ XML ไม่ถูกต้อง".format(info.filename),
        ) from None
