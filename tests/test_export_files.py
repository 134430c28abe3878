"""Files written by the exports: a missing output folder is named (before any layout), and
new files get the mode the umask gives (0644 under umask 022), not the 0600 of temporaries."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT
from tests.test_cli import EXE
from xborder_tree.drawing.export import write_atomic
from xborder_tree.model.errors import OutputError


def _run(*args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        umask=umask,
    )


@pytest.mark.parametrize("command", ["render", "compare"])
def test_missing_output_folder_is_named(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "no" / "such"
    extra = ["--a", "citizenship=us", "--b", "citizenship=canada"] if command == "compare" else []
    done = _run(command, str(EXAMPLE), *extra, "-o", str(folder / "x.png"))
    assert done.returncode == 2, done.stderr
    assert f"the folder {folder} does not exist" in done.stderr
    assert f"mkdir -p {folder}" in done.stderr
    assert ".tmp" not in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    done = _run("render", str(EXAMPLE), "-o", str(blocker / "x.svg"))
    assert done.returncode == 2 and f"{blocker} is a file, not a folder" in done.stderr


def test_write_atomic_raises_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist") as info:
        write_atomic(tmp_path / "missing" / "f.md", b"x")
    assert isinstance(info.value, OSError)  # callers catching OSError still catch it
    assert list(tmp_path.iterdir()) == []


@pytest.mark.exe
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_exported_files_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    for command, extra in (("render", []), ("compare", ["--a", "citizenship=us"])):
        out = tmp_path / f"{command}.svg"
        done = _run(command, str(EXAMPLE), *extra, "-o", str(out), umask=umask)
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE(out.stat().st_mode) == mode, (command, oct(out.stat().st_mode))


def test_write_atomic_mode_new_and_replaced(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        fresh = write_atomic(tmp_path / "new.md", b"a")
        kept = tmp_path / "kept.md"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"new"
