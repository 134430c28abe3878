"""``python -m bench.room``: a class opening the app at once, against three servers.

* ``before``: plain Voila on ``notebooks/app.ipynb``, as ``scripts/start.sh`` ran it before
  the training room (every kernel started on request, none ever released);
* ``after``: the training room (``python -m xborder_tree.jupyter.room``) with a pool sized for the
  class (``--pool``, default 30) and its seat limit (``--room``, default 40);
* ``floor``: bare Voila on ``bench/notebooks/floor.ipynb`` (one button, one label): what the
  Jupyter stack costs with nothing of ours in it.

For each number of users (``--users``, default 1 5 10 20 40): that many Chromium pages open
the app at once from this process (headless, loopback); each waits for its first question
(``first_question``, bounded by ``--page-timeout``) and clicks five times, answer and Back
alternately (``click_settled``: click to the frame after the page's last change, as in
``bench/browser.py``); the pages then leave (which sends Voila's close request). Server memory
(PSS of the server and its kernels, from /proc) is sampled throughout (``memory_peak_mb``),
60 s after the pages left (``memory_60s_mb``, ``kernels_60s``), and, for ``after``, the
seconds until memory and kernels are back to the idle level (``back_to_idle_s``, at most
300). Then the same number of plain HTTP requests at once (``--http-users``, default adds 30)
fetch the whole app page (``http_page``). Results go to ``bench/results-room.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .browser import _CLICK_JS, CHROMIUM, CHROMIUM_ARGS, free_port
from .kernel import percentile

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"
ALLOW = "--VoilaConfiguration.file_allowlist=.*\\.(svg|png|pdf|md|html)"
QUIET_MS = 150
CLICKS = 5
IDLE_LIMIT_S = 300.0
SETTLE_S = 60.0
STABLE_S = 25.0


@dataclass(frozen=True)
class Server:
    name: str
    args: tuple[str, ...]
    ready: str  # the page's first question (or the floor's button)
    answer: str
    back: str
    warm: bool = False  # wait for the pool to fill before measuring


def servers(pool: int, room: int) -> dict[str, Server]:
    app = "notebooks/app.ipynb"
    answer = ".xt_answer:not(.xt_hidden)"
    return {
        "before": Server(
            "before", ("-m", "voila", app, ALLOW), ".xt_question_text", answer, ".xt_back"
        ),
        "after": Server(
            "after",
            (
                "-m",
                "xborder_tree.jupyter.room",
                app,
                ALLOW,
                f"--TrainingRoom.pool_size={pool}",
                f"--TrainingRoom.room_size={room}",
            ),
            ".xt_question_text",
            answer,
            ".xt_back",
            warm=pool > 0,
        ),
        "floor": Server(
            "floor",
            ("-m", "voila", "bench/notebooks/floor.ipynb"),
            "button.xbt-answer",
            "button.xbt-answer",
            "button.xbt-answer",
        ),
    }


@dataclass
class Running:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    samples: list[tuple[float, float, int]] = field(default_factory=list)

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [self.process.pid], [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its kernels."""
        ticks = 0
        for pid in self.tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_quiet(self, limit: float = 300.0) -> None:
        """Wait until the server and its kernels use under 5 % of a core over 3 s (the pool
        has run the notebook and waits for visitors)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            before = self.cpu_seconds()
            time.sleep(3)
            if self.cpu_seconds() - before < 0.15:
                return

    def memory(self) -> tuple[float, int]:
        """(PSS of the server and its kernels in MB, number of kernels)."""
        total, kernels = 0, 0
        for pid in self.tree():
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            total += next(
                int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")
            )
            kernels += b"ipykernel" in command
        return total / 1024, kernels


@contextmanager
def serve(server: Server, log: Path, timeout: float = 300.0) -> Iterator[Running]:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                *server.args,
                f"--port={port}",
                "--no-browser",
                "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Running(f"http://127.0.0.1:{port}/", process, log)
    try:
        deadline = time.monotonic() + timeout
        while "is running at" not in log.read_text("utf-8", "replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{server.name} did not start:\n{log.read_text()}")
            time.sleep(0.25)
        running.wait_quiet()
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


@contextmanager
def sampling(running: Running) -> Iterator[list[tuple[float, float, int]]]:
    samples: list[tuple[float, float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.monotonic(), *running.memory()))
            stop.wait(0.5)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


def _summary(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None}
    return {"p50": round(percentile(values, 0.5), 1), "p95": round(percentile(values, 0.95), 1)}


async def _one_user(browser: Any, server: Server, url: str, limit_ms: float) -> dict[str, Any]:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    result: dict[str, Any] = {"first_question_ms": None, "clicks_ms": [], "error": None}
    try:
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=limit_ms)
        await page.locator(server.ready).first.wait_for(state="visible", timeout=limit_ms)
        result["first_question_ms"] = (time.perf_counter() - started) * 1000
        for click in range(CLICKS):
            selector = server.answer if click % 2 == 0 else server.back
            timing = await page.evaluate(_CLICK_JS, [selector, "body", 30_000, QUIET_MS])
            result["clicks_ms"].append(timing["paint"])
    except Exception as error:  # a failed user is a figure, not a crash of the bench
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        with contextlib.suppress(Exception):  # leaving sends the close request
            await page.goto("about:blank", timeout=10_000)
        await context.close()
    return result


async def _users(server: Server, url: str, users: int, limit_s: float) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return list(
                await asyncio.gather(
                    *(_one_user(browser, server, url, limit_s * 1000) for _ in range(users))
                )
            )
        finally:
            await browser.close()


def _fetch(url: str, limit_s: float) -> tuple[float | None, str | None]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=limit_s) as response:
            body = response.read()
        if response.status != 200 or b"</html>" not in body:
            return None, f"status {response.status}, {len(body)} bytes"
        return (time.perf_counter() - started) * 1000, None
    except urllib.error.HTTPError as error:
        return None, f"HTTP {error.code}"
    except OSError as error:
        return None, f"{type(error).__name__}: {error}"


def _http(url: str, users: int, limit_s: float) -> dict[str, Any]:
    with ThreadPoolExecutor(max_workers=users) as pool:
        answers = list(pool.map(lambda _: _fetch(url, limit_s), range(users)))
    times = [t for t, _ in answers if t is not None]
    errors = sorted({e for _, e in answers if e})
    return {"page_ms": _summary(times), "failed": users - len(times), "errors": errors[:3]}


def _wait_idle(running: Running, idle: tuple[float, int], limit: float) -> float | None:
    """Seconds until memory is within 10 % (or 50 MB) of ``idle`` and kernels are back, and
    stay so for ``STABLE_S`` (longer than the room's refill delay: a visitor's kernel and the
    pool's refill cannot both hide); then the pool is left to settle before the next crowd."""
    started = time.monotonic()
    since: float | None = None
    while time.monotonic() - started < limit:
        memory, kernels = running.memory()
        if kernels <= idle[1] and memory <= max(idle[0] * 1.10, idle[0] + 50):
            since = time.monotonic() if since is None else since
            if time.monotonic() - since >= STABLE_S:
                running.wait_quiet()
                return round(since - started, 1)
        else:
            since = None
        time.sleep(2)
    running.wait_quiet()
    return None


def _browsers(
    server: Server,
    running: Running,
    count: int,
    limit_s: float,
    settle_s: float,
    idle: tuple[float, int],
) -> dict[str, Any]:
    with sampling(running) as samples:
        results = asyncio.run(_users(server, running.url, count, limit_s))
    left = time.monotonic()
    first = [r["first_question_ms"] for r in results if r["first_question_ms"]]
    clicks = [c for r in results for c in r["clicks_ms"]]
    row: dict[str, Any] = {
        "first_question_ms": _summary(first),
        "click_settled_ms": _summary(clicks),
        "failed": sum(1 for r in results if r["error"]),
        "errors": sorted({r["error"] for r in results if r["error"]})[:3],
        "memory_peak_mb": round(max(m for _, m, _ in samples)),
        "kernels_peak": max(k for _, _, k in samples),
    }
    if settle_s > 0:
        time.sleep(max(0.0, settle_s - (time.monotonic() - left)))
        memory, kernels = running.memory()
        row["memory_60s_mb"], row["kernels_60s"] = round(memory), kernels
    if server.name == "after":
        row["back_to_idle_s"] = _wait_idle(running, idle, IDLE_LIMIT_S)
    return row


def _requests(
    server: Server, running: Running, count: int, limit_s: float, idle: tuple[float, int]
) -> dict[str, Any]:
    with sampling(running) as samples:
        row = _http(running.url, count, limit_s)
    row["memory_peak_mb"] = round(max(m for _, m, _ in samples))
    row["kernels_peak"] = max(k for _, _, k in samples)
    if server.name == "after":
        row["back_to_idle_s"] = _wait_idle(running, idle, IDLE_LIMIT_S)
    return row


def measure(
    server: Server,
    users: list[int],
    http_users: list[int],
    limit_s: float,
    log_dir: Path,
    settle_s: float = SETTLE_S,
) -> dict[str, Any]:
    """One server through every crowd. The room is kept and must come back to idle between
    crowds; plain Voila never releases a kernel, so it is started afresh for each crowd (the
    machine is shared: its leaked kernels would add up to gigabytes)."""
    figures: dict[str, Any] = {"browsers": {}, "http": {}}
    settle = settle_s if server.name != "floor" else 0.0
    crowds = [("browsers", n) for n in users] + [("http", n) for n in http_users]
    log = log_dir / f"room-{server.name}.log"
    if server.name == "after":
        with serve(server, log) as running:
            idle = running.memory()
            figures["idle_mb"], figures["idle_kernels"] = round(idle[0]), idle[1]
            for kind, count in crowds:
                print(f"[{server.name}] {count} {kind}", flush=True)
                row = (
                    _browsers(server, running, count, limit_s, settle, idle)
                    if kind == "browsers"
                    else _requests(server, running, count, limit_s, idle)
                )
                figures[kind][str(count)] = row
                print(f"[{server.name}] {count} {kind}: {row}", flush=True)
        return figures
    for kind, count in crowds:
        with serve(server, log) as running:
            idle = running.memory()
            figures["idle_mb"], figures["idle_kernels"] = round(idle[0]), idle[1]
            print(f"[{server.name}] {count} {kind}", flush=True)
            row = (
                _browsers(server, running, count, limit_s, settle, idle)
                if kind == "browsers"
                else _requests(server, running, count, limit_s, idle)
            )
            figures[kind][str(count)] = row
            print(f"[{server.name}] {count} {kind}: {row}", flush=True)
    return figures


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def markdown(results: dict[str, Any]) -> str:
    """The results as the two tables of bench/README.md."""
    lines = [
        "| server | users | first question p50 / p95 (ms) | click settled p50 / p95 (ms) "
        "| failed | memory peak (MB) | memory 60 s after (MB) | kernels 60 s after "
        "| back to idle (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in results["servers"].items():
        for users, row in figures["browsers"].items():
            first, click = row["first_question_ms"], row["click_settled_ms"]
            lines.append(
                f"| {name} | {users} | {_cell(first['p50'])} / {_cell(first['p95'])} "
                f"| {_cell(click['p50'])} / {_cell(click['p95'])} | {row['failed']} "
                f"| {_cell(row['memory_peak_mb'])} | {_cell(row.get('memory_60s_mb'))} "
                f"| {_cell(row.get('kernels_60s'))} | {_cell(row.get('back_to_idle_s'))} |"
            )
    lines += [
        "",
        "| server | requests at once | whole page p50 / p95 (ms) | failed "
        "| memory peak (MB) | kernels peak | back to idle (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in results["servers"].items():
        for users, row in figures["http"].items():
            page = row["page_ms"]
            lines.append(
                f"| {name} | {users} | {_cell(page['p50'])} / {_cell(page['p95'])} "
                f"| {row['failed']} | {_cell(row['memory_peak_mb'])} "
                f"| {_cell(row.get('kernels_peak'))} | {_cell(row.get('back_to_idle_s'))} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.room",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--servers",
        nargs="+",
        default=["after", "floor", "before"],
        choices=["before", "after", "floor"],
    )
    parser.add_argument("--users", nargs="+", type=int, default=[1, 5, 10, 20, 40])
    parser.add_argument("--http-users", nargs="+", type=int, default=[1, 5, 10, 20, 30, 40])
    parser.add_argument("--pool", type=int, default=30, help="the room's pool (default 30)")
    parser.add_argument("--room", type=int, default=40, help="the room's seats (default 40)")
    parser.add_argument(
        "--page-timeout",
        type=float,
        default=120.0,
        help="seconds a user waits for the first question (default 120)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=SETTLE_S,
        help="seconds after the pages leave before memory is read (60)",
    )
    parser.add_argument(
        "--table",
        type=Path,
        metavar="RESULTS",
        help="print the tables of a results file as Markdown, measure nothing",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results-room.json")
    args = parser.parse_args(argv)
    if args.table:
        print(markdown(json.loads(args.table.read_text("utf-8"))), end="")
        return 0
    if any(n < 1 or n > 60 for n in [*args.users, *args.http_users]):
        parser.error("users at once must be from 1 to 60 (the machine is shared)")
    WORK.mkdir(parents=True, exist_ok=True)
    from . import __main__ as bench_main

    started = time.monotonic()
    results: dict[str, Any] = {
        "machine": bench_main.machine(),
        "started_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_start": os.getloadavg(),
        "settings": {
            "pool": args.pool,
            "room": args.room,
            "page_timeout_s": args.page_timeout,
            "clicks": CLICKS,
            "settle_s": args.settle,
        },
        "servers": {},
    }
    catalogue = servers(args.pool, args.room)
    for name in args.servers:
        results["servers"][name] = measure(
            catalogue[name], args.users, args.http_users, args.page_timeout, WORK, args.settle
        )
        results["load_average_end"] = os.getloadavg()
        results["seconds"] = round(time.monotonic() - started)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
