"""Serve a notebook with Voila on a free port for the real-browser tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

# Browser checks wait for what a person would see, never against a clock: the machine may be
# busy (CI, other jobs), and speed is measured in bench/, not asserted here.
expect.set_options(timeout=30_000)

CHROMIUM = os.environ.get("XBORDER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT = 90.0  # seconds for Voila to listen


def free_port() -> int:
    """A free local port, never Voila's default 8866."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return port if port != 8866 else free_port()


@contextlib.contextmanager
def serve_module(
    module: str,
    args: list[str],
    log_path: Path,
    name: str,
    start_timeout: float = START_TIMEOUT,
    stop_timeout: float = 15.0,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``python -m module ARGS --port=... --no-browser --Voila.ip=127.0.0.1`` from the
    repository in its own process group; yield its base URL and process once it listens;
    stop the group (SIGTERM, then SIGKILL after ``stop_timeout``).

    Fails the test with the server's log (``name`` says whose) if it exits or does not
    listen within ``start_timeout`` seconds.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                module,
                *args,
                f"--port={port}",
                "--no-browser",
                "--Voila.ip=127.0.0.1",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"{name} exited early:\n{log_path.read_text('utf-8', 'replace')}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{name} not listening after {start_timeout:g} s:\n"
                    + log_path.read_text("utf-8", "replace")
                )
            time.sleep(0.25)
        yield f"http://127.0.0.1:{port}/", process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=stop_timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=stop_timeout)


@contextlib.contextmanager
def serve_voila(notebook: str, log_dir: Path) -> Iterator[str]:
    """Start Voila on ``notebook`` (relative to the repository), yield its base URL, stop it.

    Fails the test with Voila's log if it exits or does not listen in time.
    """
    with serve_module("voila", [notebook], log_dir / "voila.log", "Voila") as (url, _process):
        yield url
