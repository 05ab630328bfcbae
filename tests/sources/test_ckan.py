"""Reading CKAN catalogs: dump files, bad dumps refused with file and line, and a live site."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from thaikpi.engine.findings import EngineError
from thaikpi.sources import ckan
from thaikpi.sources.ckan import fetch, read_dump

FIXTURES = Path(__file__).parent / "fixtures"
AGENCY = (FIXTURES / "agency.jsonl").read_bytes()
CENTRAL = (FIXTURES / "central.json").read_bytes()


def refused(data: bytes, **kwargs: Any) -> Any:
    with pytest.raises(EngineError) as caught:
        read_dump(data, "dump.jsonl", **kwargs)
    return caught.value.findings[0]


def test_a_ckanapi_dump_is_read_line_by_line():
    datasets = read_dump(AGENCY, "agency.jsonl")
    assert len(datasets) == 26  # 24 public, one private, one deleted
    assert (datasets[0].name, datasets[0].line, datasets[0].source) == (
        "ditp-export-value-2560",
        1,
        "agency.jsonl",
    )


def test_a_package_search_response_and_a_plain_list_are_read_alike():
    from_search = read_dump(CENTRAL, "central.json")
    results = json.loads(CENTRAL)["result"]["results"]
    from_list = read_dump(json.dumps(results).encode(), "list.json")
    assert (
        [d.name for d in from_search] == [d.name for d in from_list] == [r["name"] for r in results]
    )


def test_a_dump_with_a_byte_order_mark_is_read():
    assert len(read_dump(b"\xef\xbb\xbf" + AGENCY, "bom.jsonl")) == 26


def test_a_truncated_dump_is_refused_at_the_line_that_breaks():
    lines = AGENCY.splitlines(keepends=True)
    cut = b"".join(lines[:5]) + lines[5][:200]
    finding = refused(cut)
    assert (finding.file, finding.line) == ("dump.jsonl", 6)
    assert finding.message.startswith("not valid JSON (a truncated dump?)")
    assert finding.message_th.startswith("ไม่ใช่ JSON ที่ถูกต้อง (ไฟล์ถูกตัดขาดหรือไม่)")


def test_a_truncated_package_search_response_is_refused_with_its_line():
    finding = refused(CENTRAL[: len(CENTRAL) // 2])
    assert finding.line is not None and finding.line > 1
    assert "truncated" in finding.message


@pytest.mark.parametrize(
    ("data", "line", "english"),
    [
        (b'{"name": "a"}\n[1, 2]\n', 2, "line 2: a dataset must be a JSON object, got list"),
        (b'{"name": "a"}\n{"title": "no name"}\n', 2, "line 2: the dataset has no name"),
        (
            b'{"name": "a", "resources": "CSV"}\n',
            1,
            "line 1 (a): 'resources' must be a list of objects",
        ),
        (b'{"success": false, "error": {"message": "Not found"}}', None, "reports a failure"),
        (b'{"success": true, "result": {"count": 1}}', None, "expected `ckanapi dump datasets`"),
        (b'{"help": "x", "results": []}', None, "expected `ckanapi dump datasets`"),
        (b'"just text"', None, "expected `ckanapi dump datasets`"),
        (b"   \n\n", None, "the file is empty"),
        (b'{"name": "a"}\n\xff\xfe', 2, "the file is not UTF-8 text"),
    ],
)
def test_a_dump_of_the_wrong_shape_is_refused_clearly(data, line, english):
    finding = refused(data)
    assert finding.line == line
    assert english in finding.message
    assert finding.message_th


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    finding = refused(b"x" * 2048, limit=1024)
    assert finding.message == "the file is larger than 0 MB; split the catalog or raise the limit"
    big = refused(b"{" * (ckan.MAX_DUMP_BYTES + 1))
    assert big.message_th.startswith("ไฟล์มีขนาดเกิน 50 MB")


# A CKAN site on 127.0.0.1 replaying package_search, page by page, as CKAN answers it.


class _Catalog(BaseHTTPRequestHandler):
    datasets: ClassVar[list[dict[str, Any]]] = []
    seen: ClassVar[list[dict[str, Any]]] = []
    broken = False

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).seen.append({"path": url.path, "agent": self.headers["User-Agent"], **query})
        if self.broken:
            self._answer(500, b"<html>Internal Server Error</html>", "text/html")
            return
        if url.path != "/api/action/package_search":
            self._answer(404, b'{"success": false, "error": {"__type": "Not Found Error"}}')
            return
        start, rows = int(query.get("start", 0)), int(query.get("rows", 10))
        page = self.datasets[start : start + rows]
        body = {
            "help": "http://127.0.0.1/api/3/action/help_show?name=package_search",
            "success": True,
            "result": {"count": len(self.datasets), "results": page, "sort": "name asc"},
        }
        self._answer(200, json.dumps(body, ensure_ascii=False).encode())

    def _answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind};charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serving(datasets: list[dict[str, Any]]) -> Iterator[tuple[str, type[_Catalog]]]:
    """A CKAN site on 127.0.0.1 with these datasets: its URL and its handler (what it saw)."""
    handler = type("Catalog", (_Catalog,), {"datasets": datasets, "seen": [], "broken": False})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[tuple[str, type[_Catalog]]]:
    with serving([json.loads(line) for line in AGENCY.splitlines()]) as found:
        yield found


def test_a_live_catalog_is_read_page_by_page_through_the_action_api(site):
    url, handler = site
    datasets = fetch(url, rows=10)
    assert [d.name for d in datasets] == [d["name"] for d in handler.datasets]
    assert [(s["start"], s["rows"]) for s in handler.seen] == [
        ("0", "10"),
        ("10", "10"),
        ("20", "10"),
    ]
    assert {s["agent"] for s in handler.seen} == {ckan.USER_AGENT}
    assert datasets[0].source == url


def test_a_live_search_is_narrowed_by_fq(site):
    url, handler = site
    fetch(url, fq="organization:ditp", rows=100)
    assert handler.seen[0]["fq"] == "organization:ditp"


def test_a_failing_site_is_refused_with_its_url_and_a_short_reason(site):
    url, handler = site
    handler.broken = True
    with pytest.raises(EngineError) as caught:
        fetch(url)
    finding = caught.value.findings[0]
    assert finding.file == url
    assert finding.message.startswith("could not read the catalog's package_search (start=0)")
    assert len(finding.message) < 420
    assert finding.message_th.startswith("อ่านบัญชีข้อมูลผ่าน package_search ไม่สำเร็จ")


def test_a_site_nobody_serves_is_refused():
    with pytest.raises(EngineError) as caught:
        fetch("http://127.0.0.1:9", timeout=2)  # the discard port: nothing listens
    assert "ConnectionError" in caught.value.findings[0].message


def test_a_site_that_does_not_answer_in_time_is_refused_after_the_timeout():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # the connection is made, but no answer ever comes
    try:
        with pytest.raises(EngineError) as caught:
            fetch(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5)
    finally:
        silent.close()
    assert "Timeout" in caught.value.findings[0].message
