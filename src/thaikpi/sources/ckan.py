"""Reading CKAN datasets: from the files CKAN tools write, or live through the Action API.

Files: ``ckanapi dump datasets`` output (one dataset per line, JSON lines), a saved
``package_search`` response (``{"success": true, "result": {"count": .., "results": [..]}}``)
or a plain JSON list of datasets. Live: ``package_search`` paged with ``rows``/``start``
through ``ckanapi.RemoteCKAN``. Bad input is an :class:`EngineError` naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from thaikpi.engine.findings import EngineError

MAX_DUMP_BYTES: Final = 50 * 1024 * 1024  # a catalog of 1,000 datasets is about 5 MB
PAGE_ROWS: Final = 100  # CKAN's own default cap on package_search rows is 1000
TIMEOUT_SECONDS: Final = 30
MAX_PAGES: Final = 1000  # a server whose count keeps growing must not page forever
MAX_REASON: Final = 300
USER_AGENT: Final = "ThaiKPI catalog check (ckanapi)"


@dataclass(frozen=True, slots=True)
class Dataset:
    """One CKAN dataset as read, with where it was found (line of a dump, or URL)."""

    data: Mapping[str, Any]
    source: str
    line: int | None = None

    @property
    def name(self) -> str:
        """The dataset's CKAN name (its URL slug)."""
        return str(self.data.get("name") or "")


def _refuse(file: str, line: int | None, en: str, th: str) -> EngineError:
    return EngineError.single(en, th, file=file, line=line)


def read_dump(data: bytes, file: str, limit: int = MAX_DUMP_BYTES) -> list[Dataset]:
    """The datasets of a dump file's bytes; EngineError naming file and line when it is bad."""
    if len(data) > limit:
        mb = limit // (1024 * 1024)
        raise _refuse(
            file,
            None,
            f"the file is larger than {mb} MB; split the catalog or raise the limit",
            f"ไฟล์มีขนาดเกิน {mb} MB แบ่งบัญชีข้อมูลเป็นหลายไฟล์หรือเพิ่มขีดจำกัด",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(
            file,
            data[: exc.start].count(b"\n") + 1,
            "the file is not UTF-8 text (is it a CKAN JSON dump?)",
            "ไฟล์ไม่ใช่ข้อความ UTF-8 (เป็นไฟล์ JSON จาก CKAN หรือไม่)",
        ) from None
    if not text.strip():
        raise _refuse(file, None, "the file is empty", "ไฟล์ว่างเปล่า")
    if _is_json_lines(text):
        return _json_lines(text, file)
    return _document(text, file)


def _is_json_lines(text: str) -> bool:
    """True when the first non-empty line is a whole JSON object (``ckanapi dump`` output)."""
    first = next(line for line in text.splitlines() if line.strip())
    try:
        head = json.loads(first)
    except ValueError:
        return False
    return isinstance(head, dict) and "name" in head


def _json_lines(text: str, file: str) -> list[Dataset]:
    found: list[Dataset] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as exc:
            raise _refuse(
                file,
                number,
                f"not valid JSON (a truncated dump?): {exc}",
                f"ไม่ใช่ JSON ที่ถูกต้อง (ไฟล์ถูกตัดขาดหรือไม่): {exc}",
            ) from None
        found.append(_dataset(item, file, number, f"line {number}", f"บรรทัดที่ {number}"))
    return found


def _document(text: str, file: str) -> list[Dataset]:
    try:
        doc = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise _refuse(
            file,
            line,
            f"not valid JSON (a truncated file?): {exc}",
            f"ไม่ใช่ JSON ที่ถูกต้อง (ไฟล์ถูกตัดขาดหรือไม่): {exc}",
        ) from None
    return [
        _dataset(item, file, None, f"dataset {n}", f"ชุดข้อมูลลำดับที่ {n}")
        for n, item in enumerate(datasets_of(doc, file), start=1)
    ]


def datasets_of(doc: object, file: str) -> list[object]:
    """The dataset list of a package_search response, or of a plain list; EngineError else."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and "success" in doc:
        if doc.get("success") is not True:
            error = doc.get("error")
            raise _refuse(
                file,
                None,
                f"the CKAN response reports a failure: {error}",
                f"CKAN ตอบกลับว่าไม่สำเร็จ: {error}",
            )
        result = doc.get("result")
        if isinstance(result, dict) and isinstance(result.get("results"), list):
            return list(result["results"])
    raise _refuse(
        file,
        None,
        "expected `ckanapi dump datasets` JSON lines, a package_search response "
        '({"success": true, "result": {"results": [...]}}) or a list of datasets',
        "ต้องเป็นไฟล์ JSON lines จาก `ckanapi dump datasets` หรือผลตอบกลับของ package_search "
        '({"success": true, "result": {"results": [...]}}) หรือรายการชุดข้อมูล',
    )


def _dataset(item: object, file: str, line: int | None, where: str, where_th: str) -> Dataset:
    """A dataset checked for the shape the checks read: a name, lists of resources and tags."""
    if not isinstance(item, dict):
        raise _refuse(
            file,
            line,
            f"{where}: a dataset must be a JSON object, got {type(item).__name__}",
            f"{where_th}: ชุดข้อมูลต้องเป็นออบเจกต์ JSON แต่พบ {type(item).__name__}",
        )
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise _refuse(
            file,
            line,
            f"{where}: the dataset has no name (CKAN's 'name' field)",
            f"{where_th}: ชุดข้อมูลไม่มีชื่อ (ฟิลด์ 'name' ของ CKAN)",
        )
    for key in ("resources", "tags"):
        value = item.get(key)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(x, dict) for x in value)
        ):
            raise _refuse(
                file,
                line,
                f"{where} ({item['name']}): '{key}' must be a list of objects",
                f"{where_th} ({item['name']}): '{key}' ต้องเป็นรายการของออบเจกต์",
            )
    return Dataset(item, file, line)


# A function that calls one CKAN action: (action, parameters) → the response's "result".
Caller = Callable[[str, dict[str, Any]], Any]


def remote_caller(
    url: str, timeout: float = TIMEOUT_SECONDS, user_agent: str = USER_AGENT
) -> Caller:
    """Call a CKAN site's Action API through ckanapi (GET only: read access is all we need)."""
    import ckanapi  # imported here: only live reading needs it

    site = ckanapi.RemoteCKAN(url, user_agent=user_agent, get_only=True)

    def call(action: str, params: dict[str, Any]) -> Any:
        return site.call_action(action, params, requests_kwargs={"timeout": timeout})

    return call


def fetch(
    url: str,
    fq: str = "",
    rows: int = PAGE_ROWS,
    timeout: float = TIMEOUT_SECONDS,
    caller: Caller | None = None,
) -> list[Dataset]:
    """Every public dataset of a live CKAN site (``fq`` narrows it, e.g. ``organization:x``)."""
    call = caller or remote_caller(url, timeout)
    found: list[Dataset] = []
    start, count = 0, None
    for _page in range(MAX_PAGES):
        params: dict[str, Any] = {"q": "*:*", "rows": rows, "start": start, "sort": "name asc"}
        if fq:
            params["fq"] = fq
        result = _call(call, url, params)
        page = datasets_of({"success": True, "result": result}, url)
        count = result.get("count") if isinstance(result, dict) else None
        found.extend(
            _dataset(item, url, None, f"dataset {start + n}", f"ชุดข้อมูลลำดับที่ {start + n}")
            for n, item in enumerate(page, start=1)
        )
        start += len(page)
        if not page or not isinstance(count, int) or start >= count:
            break
    return found


def _call(call: Caller, url: str, params: dict[str, Any]) -> Any:
    """One package_search call; network and CKAN errors become one clear message."""
    try:
        return call("package_search", params)
    except Exception as exc:  # ckanapi and requests raise many types; all mean "no answer"
        reason = f"{type(exc).__name__}: {exc}"
        if len(reason) > MAX_REASON:  # ckanapi quotes the whole response, e.g. an HTML page
            reason = reason[:MAX_REASON] + "…"
        raise _refuse(
            url,
            None,
            f"could not read the catalog's package_search (start={params['start']}): {reason}",
            f"อ่านบัญชีข้อมูลผ่าน package_search ไม่สำเร็จ (start={params['start']}): {reason}",
        ) from None
