"""Click-to-paint and time-to-interactive in a real browser: Voila + headless Chromium.

Voila serves ``bench/notebooks`` on a free local port; Playwright drives Debian's Chromium.
For each click the page itself (``page.evaluate``) installs a ``MutationObserver`` on the whole
page, stamps ``performance.now()``, clicks, and waits until the page has been quiet for
``QUIET_MS``; the time reported is the frame after the one that paints the LAST change the
click caused (two ``requestAnimationFrame`` after it), not the first one.
Websocket frames from the server are counted, so the bytes each click costs on the wire
(Jupyter envelope and status messages included) are known too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kernel import percentile
from .references import TREES_ENV

__all__ = ["CHROMIUM", "AppPage", "Browser", "voila_server"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"
REPO = Path(__file__).resolve().parent.parent

_CLICK_JS = """
async ([buttonSelector, targetSelector, limit, quiet]) => {
  const target = document.querySelector(targetSelector);
  const button = document.querySelector(buttonSelector);
  if (!target || !button) {
    throw new Error(`missing ${!button ? buttonSelector : targetSelector}`);
  }
  // Every DOM change anywhere on the page counts. Each change schedules a stamp on the
  // frame after the one that paints it; the stamp of the last change is the answer.
  let first = null, firstTarget = null, last = null, count = 0, painted = null;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (first === null) first = now;
    last = now;
    const mine = ++count;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (mine === count) painted = { mine, at: performance.now() };
    }));
  });
  const onTarget = new MutationObserver(() => {
    if (firstTarget === null) firstTarget = performance.now();
  });
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(document.body, options);
  onTarget.observe(target, options);
  const started = performance.now();
  button.click();
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      const now = performance.now();
      if (last !== null && now - last >= quiet && painted && painted.mine === count) break;
      if (now - started > limit) throw new Error("no change within " + limit + " ms");
    }
    return { mutation: (firstTarget ?? first) - started, last: last - started,
             paint: painted.at - started, changes: count };
  } finally {
    observer.disconnect();
    onTarget.disconnect();
  }
}
"""

QUIET_MS = 300
"""A click is settled when the page has not changed for this long."""


@dataclass(frozen=True)
class AppPage:
    """How to drive one notebook: its file, its query, and the selectors of its parts.

    ``answer`` is a format string with ``{value}`` for the answer's value.
    """

    notebook: str
    query: str
    answer: str
    back: str
    target: str
    ready: str


def free_port() -> int:
    """A TCP port nobody listens on now (never Voila's default 8866)."""
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port != 8866:
            return port


@contextmanager
def voila_server(trees: Path, log: Path, timeout: float = 60.0) -> Iterator[str]:
    """Serve ``bench/notebooks`` with Voila; yield the base URL; stop the server after."""
    port = free_port()
    voila = shutil.which("voila", path=str(Path(sys.executable).parent)) or "voila"
    env = {
        **os.environ,
        TREES_ENV: str(trees.resolve()),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    command = [
        voila,
        str(NOTEBOOKS),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.show_tracebacks=True",
        "--ServerApp.port_retries=0",
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_http(base + "/voila/tree", process, timeout)
            yield base
        finally:
            _stop(process)


def _wait_http(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited with code {process.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise TimeoutError(f"Voila did not answer {url} within {timeout:g} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class Browser:
    """One headless Chromium; measures app pages one at a time."""

    def __init__(self, base_url: str) -> None:
        from playwright.sync_api import sync_playwright

        self.base_url = base_url
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def measure(
        self,
        app: AppPage,
        values: list[str],
        clicks: int,
        *,
        load_timeout: float = 180.0,
        click_timeout: float = 60.0,
        settle: float = 0.15,
    ) -> dict[str, Any]:
        """Open ``app``; walk ``values[:-1]``; then alternate answering ``values[-1]`` and
        going back, ``clicks`` times. Returns click-to-paint and time-to-interactive (ms)
        and the websocket bytes received per click."""
        context = self._browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        received = [0]

        def on_socket(socket: Any) -> None:
            def count(payload: str | bytes) -> None:
                received[0] += len(payload.encode() if isinstance(payload, str) else payload)

            socket.on("framereceived", count)

        page.on("websocket", on_socket)
        try:
            url = f"{self.base_url}/voila/render/{app.notebook}?{app.query}"
            started = time.perf_counter()
            page.goto(url, wait_until="commit", timeout=load_timeout * 1000)
            page.wait_for_selector(app.ready, state="visible", timeout=load_timeout * 1000)
            interactive_ms = (time.perf_counter() - started) * 1000
            limit = click_timeout * 1000
            for value in values[:-1]:
                self._click(page, app.answer.format(value=value), app.target, limit)
            paints: list[float] = []
            mutations: list[float] = []
            lasts: list[float] = []
            changes: list[float] = []
            wire: list[int] = []
            for index in range(clicks):
                button = app.answer.format(value=values[-1]) if index % 2 == 0 else app.back
                page.wait_for_selector(button, state="visible", timeout=limit)
                page.wait_for_timeout(settle * 1000)
                before = received[0]
                timing = self._click(page, button, app.target, limit)
                paints.append(timing["paint"])
                mutations.append(timing["mutation"])
                lasts.append(timing["last"])
                changes.append(timing["changes"])
                page.wait_for_timeout(settle * 1000)
                wire.append(received[0] - before)
            return {
                "click_to_paint_p50_ms": statistics.median(paints),
                "click_to_paint_p95_ms": percentile(paints, 0.95),
                "click_to_mutation_p50_ms": statistics.median(mutations),
                "click_to_last_change_p50_ms": statistics.median(lasts),
                "click_to_last_change_max_ms": max(lasts),
                "dom_changes_per_click": statistics.median(changes),
                "time_to_interactive_ms": interactive_ms,
                "wire_bytes_p50": statistics.median(wire),
                "clicks": clicks,
            }
        finally:
            context.close()

    @staticmethod
    def _click(page: Any, button: str, target: str, limit: float) -> dict[str, float]:
        page.wait_for_selector(button, state="visible", timeout=limit)
        result: dict[str, float] = page.evaluate(_CLICK_JS, [button, target, limit, QUIET_MS])
        return result
