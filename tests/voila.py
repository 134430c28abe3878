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
def serve_voila(notebook: str, log_dir: Path) -> Iterator[str]:
    """Start Voila on ``notebook`` (relative to the repository), yield its base URL, stop it.

    Fails the test with Voila's log if it exits or does not listen in time.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install it with 'apt-get install chromium'")
    port = free_port()
    log_path = log_dir / "voila.log"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                notebook,
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
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"Voila exited early:\n{log_path.read_text('utf-8', 'replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"Voila not listening after {START_TIMEOUT:g} s:\n"
                        + log_path.read_text("utf-8", "replace")
                    )
                time.sleep(0.25)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
