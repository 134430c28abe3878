"""``python -m bench.lite``: the JupyterLite site of the training notebooks, measured beside
the static explorer page and the Voila app in one run, against JupyterLite's own floor.

- size: every file of the built site, total and gzipped (each file compressed alone, as a
  web server sends it);
- time from navigation (all caches empty: *cold*; the same browser profile again: *warm*) to
  the floor notebook's one printed line (a ready kernel running one cell), to the first output
  of ``01-tour`` (kernel ready and the package imported) and to its explorer drawn; the static
  page and the Voila app to the same explorer drawn.

The notebooks are run by JupyterLab's own *Run All Cells* as soon as the notebook shows, as a
person would. Writes ``bench/results-lite.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .browser import CHROMIUM, _stop, _wait_http, free_port

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TREE = "work-in-canada-from-us"
EXPLORER = ".xt_view_widget .xt_question_text"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
TARGETS = {"explorer_vs_floor": 1.5, "site_mb": 60.0}
FLOOR_LINE = "floor: kernel ran one cell"
WAIT_MS = 240_000


def floor_notebook(folder: Path) -> Path:
    """A notebook whose only cell prints one line: JupyterLite's floor."""
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "floor",
        "metadata": {},
        "outputs": [],
        "source": [f'print("{FLOOR_LINE}")'],
    }
    notebook = {
        "cells": [cell],
        "metadata": {
            "kernelspec": {
                "display_name": "Python (Pyodide)",
                "language": "python",
                "name": "python",
            }
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "floor.ipynb"
    path.write_text(json.dumps(notebook), "utf-8")
    return path


def site_size(folder: Path) -> dict[str, float]:
    """Total and gzipped megabytes (10^6 bytes) of every file under ``folder``."""
    total = zipped = 0
    files = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            files += 1
            total += len(data)
            zipped += len(gzip.compress(data, compresslevel=6, mtime=0))
    return {"files": files, "mb": round(total / 1e6, 1), "gzip_mb": round(zipped / 1e6, 1)}


def _run_all(page: Any) -> None:
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=WAIT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def _timed(
    page: Any, url: str, marks: dict[str, Callable[[Any], None]], run_all: bool
) -> dict[str, float]:
    """Seconds from navigation to each mark, in order."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=WAIT_MS)
    if run_all:
        _run_all(page)
    got: dict[str, float] = {}
    for name, wait in marks.items():
        wait(page)
        got[name] = round(time.perf_counter() - start, 2)
    return got


def _text(selector: str, text: str) -> Callable[[Any], None]:
    return lambda page: page.locator(selector, has_text=text).first.wait_for(timeout=WAIT_MS)


def _shown(selector: str) -> Callable[[Any], None]:
    return lambda page: page.locator(selector).first.wait_for(timeout=WAIT_MS)


def measure(
    url: str, marks: dict[str, Callable[[Any], None]], *, run_all: bool, repeats: int
) -> dict[str, Any]:
    """Cold (a new browser profile each time) and warm (the same profile, second visit)."""
    from playwright.sync_api import sync_playwright

    cold: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    with sync_playwright() as playwright:
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile,
                    executable_path=CHROMIUM,
                    args=FLAGS,
                    viewport={"width": 1920, "height": 1080},
                )
                try:
                    page = context.new_page()
                    cold.append(_timed(page, url, marks, run_all))
                    page.close()
                    page = context.new_page()
                    warm.append(_timed(page, url, marks, run_all))
                finally:
                    context.close()

    return {"cold": _median(cold), "warm": _median(warm), "runs": {"cold": cold, "warm": warm}}


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 2) for k in runs[0]}


def merged(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One figure from several :func:`measure` results: medians over all their runs."""
    cold = [run for part in parts for run in part["runs"]["cold"]]
    warm = [run for part in parts for run in part["runs"]["warm"]]
    return {"cold": _median(cold), "warm": _median(warm), "runs": {"cold": cold, "warm": warm}}


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    sys.path.insert(0, str(REPO))
    from tests.static_server import serve_folder

    with serve_folder(folder) as url:
        yield url


@contextmanager
def voila_app(log: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                "notebooks/app.ipynb",
                f"--port={port}",
                "--no-browser",
                "--Voila.ip=127.0.0.1",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_http(f"http://127.0.0.1:{port}/", process, 240)
            yield f"http://127.0.0.1:{port}/"
        finally:
            _stop(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lite", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="cold/warm pairs (3)")
    parser.add_argument("--site", type=Path, help="an already built site (with floor.ipynb)")
    parser.add_argument("--out", type=Path, default=HERE / "results-lite.json")
    args = parser.parse_args(argv)
    from xborder_tree import load_tree
    from xborder_tree.loading.catalog import find_tree
    from xborder_tree.web.lite import build_lite
    from xborder_tree.web.site import build_site

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = args.site
        build_s = None
        if site is None:
            start = time.perf_counter()
            site = build_lite(work / "lite", extra=[floor_notebook(work)])
            build_s = round(time.perf_counter() - start, 1)
        build_site([load_tree(find_tree(TREE))], work / "static")
        results: dict[str, Any] = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "repeats": args.repeats,
            "build_s": build_s,
            "size": site_size(site),
        }
        # floor and tour alternate, one cold/warm pair each per round, so that a change in
        # the machine's load falls on both alike
        with serve(site) as url:
            rounds = [
                (
                    measure(
                        f"{url}lab/index.html?path=floor.ipynb",
                        {"floor_line": _text(".jp-OutputArea-output", FLOOR_LINE)},
                        run_all=True,
                        repeats=1,
                    ),
                    measure(
                        f"{url}lab/index.html?path=01-tour.ipynb",
                        {
                            "first_output": _text(".jp-OutputArea-output", "First question"),
                            "explorer_drawn": _shown(EXPLORER),
                        },
                        run_all=True,
                        repeats=1,
                    ),
                )
                for _ in range(args.repeats)
            ]
        results["lite_floor"] = merged([floor for floor, _ in rounds])
        results["lite_tour"] = merged([tour for _, tour in rounds])
        with serve(work / "static") as url:
            results["static_page"] = measure(
                f"{url}{TREE}.html",
                {"explorer_drawn": _shown(".xt_question_text")},
                run_all=False,
                repeats=args.repeats,
            )
        with voila_app(work / "voila.log") as url:
            results["voila_app"] = measure(
                f"{url}",
                {"explorer_drawn": _shown(EXPLORER)},
                run_all=False,
                repeats=args.repeats,
            )
    for kind in ("cold", "warm"):
        floor = results["lite_floor"][kind]["floor_line"]
        drawn = results["lite_tour"][kind]["explorer_drawn"]
        results[f"explorer_vs_floor_{kind}"] = round(drawn / floor, 2)
    results["targets"] = TARGETS
    results["met"] = {
        "explorer_vs_floor": all(
            results[f"explorer_vs_floor_{k}"] <= TARGETS["explorer_vs_floor"]
            for k in ("cold", "warm")
        ),
        "site_mb": results["size"]["mb"] < TARGETS["site_mb"],
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    """The figures as a Markdown table (seconds from navigation)."""
    rows = [
        ("JupyterLite floor (one cell prints a line)", "lite_floor", "floor_line"),
        (
            "JupyterLite 01-tour: first output (kernel ready, package imported)",
            "lite_tour",
            "first_output",
        ),
        ("JupyterLite 01-tour: explorer drawn", "lite_tour", "explorer_drawn"),
        ("Static explorer page: explorer drawn", "static_page", "explorer_drawn"),
        ("Voila app: explorer drawn", "voila_app", "explorer_drawn"),
    ]
    lines = ["| from navigation to | cold (s) | warm (s) |", "|---|---:|---:|"]
    for label, key, mark in rows:
        lines.append(f"| {label} | {results[key]['cold'][mark]} | {results[key]['warm'][mark]} |")
    size = results["size"]
    lines.append("")
    lines.append(
        f"Site: {size['mb']} MB in {size['files']} files, {size['gzip_mb']} MB gzipped; "
        f"explorer drawn / floor: {results['explorer_vs_floor_cold']} cold, "
        f"{results['explorer_vs_floor_warm']} warm (target <= "
        f"{TARGETS['explorer_vs_floor']}); build {results['build_s']} s."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
