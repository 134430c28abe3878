"""``xborder-tree links`` against a local HTTP server on 127.0.0.1, never the internet.

The server answers 200, a same-host 301, a 301 to another host (``localhost`` is another host
name than ``127.0.0.1``), 404, and a response slower than the timeout; a closed port stands
for an unreachable site.
"""

from __future__ import annotations

import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from xborder_tree.checks.links import Link, check_links, check_url, collect_links
from xborder_tree.cli.main import main
from xborder_tree.outputs.link_report import report_lines

EXAMPLE = Path(__file__).resolve().parent.parent / "trees" / "example-remote-work.json"


class Site:
    def __init__(self, server: ThreadingHTTPServer, release: threading.Event) -> None:
        self.server = server
        self.release = release
        self.port = server.server_address[1]
        self.requests: list[str] = []

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    release = threading.Event()
    holder: dict[str, Site] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            holder["site"].requests.append(path)
            if path == "/ok":
                self._answer(200)
            elif path == "/same-host":
                self._answer(301, {"Location": "/ok"})
            elif path == "/other-host":
                self._answer(
                    301, {"Location": f"http://localhost:{self.server.server_address[1]}/ok"}
                )
            elif path == "/escape":
                self._answer(301, {"Location": "http://localhost:1/\x1b[31mred"})
            elif path == "/slow":
                release.wait(10)  # held until the test ends; the client gives up first
                self._answer(200)
            else:
                self._answer(404)

        def _answer(self, status: int, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:
                pass  # the client gave up (the slow page)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    holder["site"] = Site(server, release)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["site"]
    finally:
        release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_each_kind_of_answer_gets_its_state(site: Site, closed_port: int) -> None:
    assert check_url(site.url("/ok"), 2).state == "ok"
    same = check_url(site.url("/same-host"), 2)
    assert (same.state, same.status) == ("ok", 200)
    moved = check_url(site.url("/other-host"), 2)
    assert (moved.state, moved.status, moved.target) == ("moved", 301, site.url("/ok", "localhost"))
    missing = check_url(site.url("/missing"), 2)
    assert (missing.state, missing.status) == ("broken", 404)
    assert check_url(site.url("/slow"), 0.5).state == "timeout"
    assert check_url(f"http://127.0.0.1:{closed_port}/", 2).state == "unreachable"
    assert "/ok" in site.requests and site.requests.count("/other-host") == 1


def test_requests_are_bounded(site: Site) -> None:
    under_way, most = 0, 0
    lock = threading.Lock()

    def counting(url: str, timeout: float):  # type: ignore[no-untyped-def]
        nonlocal under_way, most
        with lock:
            under_way += 1
            most = max(most, under_way)
        try:
            return check_url(url, timeout)
        finally:
            with lock:
                under_way -= 1

    links = [Link(site.url(f"/ok?{i}")) for i in range(12)] + [Link(site.url("/slow"))]
    results = check_links(links, workers=3, timeout=0.5, check=counting)
    assert most <= 3
    assert [r.state for r in results] == ["ok"] * 12 + ["timeout"]
    with pytest.raises(ValueError):
        check_links(links, workers=0)


def _tree_citing(tmp_path: Path, urls: list[str]) -> Path:
    """The example tree with every citation replaced: its outcomes cite ``urls`` only."""
    data = json.loads(EXAMPLE.read_text())
    cited = [
        {"title": f"page {i}", "publisher": "test", "url": url, "official": False}
        for i, url in enumerate(urls)
    ]
    data["sources"] = cited[:1]
    for node in data["nodes"]:
        if node["kind"] == "outcome":
            node["citations"] = cited
            node["misconceptions"] = []
    path = tmp_path / "example-remote-work.json"
    path.write_text(json.dumps(data))
    return path


def test_collect_links_names_every_place_once_per_address(tmp_path: Path) -> None:
    path = _tree_citing(tmp_path, ["https://a.gov/x", "https://a.gov/x", "https://b.gov/y"])
    before = path.read_bytes()
    links = collect_links([path])
    urls = [link.url for link in links]
    assert urls.count("https://a.gov/x") == 1 and "https://b.gov/y" in urls
    assert len(next(link for link in links if link.url == "https://a.gov/x").places) >= 2
    assert path.read_bytes() == before


def test_cli_report_and_exit_code(site: Site, closed_port: int, tmp_path: Path) -> None:
    urls = [
        site.url("/ok"),
        site.url("/same-host"),
        site.url("/other-host"),
        site.url("/missing"),
        site.url("/slow"),
        f"http://127.0.0.1:{closed_port}/gone",
    ]
    path = _tree_citing(tmp_path, urls)
    out = io.StringIO()
    code = main(["links", str(path), "--timeout", "0.5", "--workers", "4"], out=out)
    report = out.getvalue()
    assert code == 1
    assert f"MOVED       {site.url('/other-host')}" in report
    assert "now at " + site.url("/ok", "localhost") in report
    assert f"BROKEN      {site.url('/missing')}" in report and "HTTP 404" in report
    assert f"TIMEOUT     {site.url('/slow')}" in report
    assert "UNREACHABLE" in report and "cited in example-remote-work" in report
    assert site.url("/ok") + " " not in report.split("addresses checked")[0]
    assert report.rstrip().endswith(
        "addresses checked: 2 ok, 1 moved, 1 broken, 1 timeout, 1 unreachable"
    )


def test_cli_all_good_exits_zero_and_json(site: Site, tmp_path: Path) -> None:
    path = _tree_citing(tmp_path, [site.url("/ok"), site.url("/same-host")])
    out = io.StringIO()
    assert main(["links", str(path), "--timeout", "2"], out=out) == 0
    assert out.getvalue().strip() == "2 addresses checked: 2 ok"
    out = io.StringIO()
    assert main(["links", str(path), "--json"], out=out) == 0
    rows = json.loads(out.getvalue())["links"]
    assert [row["state"] for row in rows] == ["ok", "ok"]
    assert rows[0]["cited_in"][0]["tree"] == "example-remote-work"


def test_terminal_escapes_are_removed(site: Site, tmp_path: Path) -> None:
    hostile = site.url("/escape") + "?\x1b]8;;evil\x07"
    path = _tree_citing(tmp_path, [hostile, site.url("/escape")])
    out = io.StringIO()
    assert main(["links", str(path), "--timeout", "2"], out=out) == 1
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "INVALID" in out.getvalue() and "contains spaces or control characters" in out.getvalue()
    assert "now at http://localhost:1/[31mred" in out.getvalue()  # the Location header too
    assert "/escape" in site.requests and all("\x1b" not in r for r in site.requests)
    lines = list(report_lines([Link(hostile)], [check_url(hostile, 2)]))
    assert all("\x1b" not in line for line in lines)


@pytest.mark.parametrize(
    "arguments", [["--timeout", "0"], ["--timeout", "x"], ["--workers", "0"], ["--workers", "99"]]
)
def test_bad_arguments_are_usage_errors(arguments: list[str]) -> None:
    assert main(["links", "example-remote-work", *arguments], out=io.StringIO()) == 2


def test_unknown_tree_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "no-such-tree"], out=io.StringIO()) == 2
    assert "no tree file or tree id 'no-such-tree'" in capsys.readouterr().err
