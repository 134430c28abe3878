"""``bash scripts/lab.sh``, the README's JupyterLab command: it starts as root too (JupyterLab
refuses root without ``--allow-root``, which the script adds), serves the repository (so the
notebooks' links to ``docs/`` open), opening on the notebooks, on ``PORT``, and stops with its
kernels on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_start import STOP_TIMEOUT, _alive, _descendants, _listening
from tests.voila import free_port

pytestmark = pytest.mark.slow

START_TIMEOUT = 240.0


def test_lab_script_serves_the_notebooks_and_stops(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "lab.log"
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    env["PORT"] = str(port)
    with open(log, "wb") as stream:
        process = subprocess.Popen(
            ["bash", "scripts/lab.sh"],
            cwd=ROOT,
            env=env,
            stdout=stream,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while "is running at" not in log.read_text("utf-8", "replace"):
            text = log.read_text("utf-8", "replace")
            assert process.poll() is None, f"lab.sh exited with {process.returncode}:\n{text}"
            assert time.monotonic() < deadline, f"JupyterLab did not start:\n{text}"
            time.sleep(0.5)
        text = log.read_text("utf-8", "replace")
        assert "Running as root is not recommended" not in text
        address = re.search(rf"http://127\.0\.0\.1:{port}/lab/tree/notebooks\?token=\w+", text)
        assert address, text
        assert "Serving notebooks from local directory: " + str(ROOT) in text  # docs/ opens
        with urllib.request.urlopen(address.group(0), timeout=60) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
        below = _descendants(process.pid)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT)
        assert not [pid for pid in below if _alive(pid)] and not _listening(port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)
