"""``python -m bench``: measure the explorer against the naive explorer and the floor.

One run generates the synthetic trees (``bench/_work/trees``), measures each size in this
process (load, kernel cost and bytes per answer) and in a real browser (Voila + headless
Chromium: click-to-paint, time to interactive), and writes ``bench/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from xborder_tree import load_tree

from . import apps, static
from .generate import SIZES, write_trees
from .kernel import deep_path, measure_answers, measure_load

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"

TARGETS = {
    "click_to_paint_vs_floor": 1.25,
    "answer_bytes_max": 4096,
    "answer_kernel_ms_at_2000": 5.0,
    "load_ms_at_2000": 200.0,
}


def machine() -> str:
    """A one-line description of this machine and software stack."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    chromium = _version(["/usr/bin/chromium", "--version"])
    dot = _version(["dot", "-V"])
    return (
        f"{cpu}, {os.cpu_count()} cores (shared){memory}; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; {chromium}; {dot}; "
        f"voila {_dist('voila')}, ipywidgets {_dist('ipywidgets')}, "
        f"anywidget {_dist('anywidget')}, playwright {_dist('playwright')}"
    )


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return f"{command[0]} unavailable"
    return (done.stdout + done.stderr).strip().splitlines()[0] if done.stdout or done.stderr else ""


def _dist(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark the explorer (kernel and real browser) against the naive "
        "explorer and the floor; write bench/results.json.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10 clicks per page, the floor page once, the naive pages at 30 nodes only "
        "(under a minute)",
    )
    parser.add_argument("--clicks", type=int, help="browser clicks per page (default 40)")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=list(SIZES), help="tree sizes (nodes)"
    )
    parser.add_argument("--no-browser", action="store_true", help="kernel-side figures only")
    parser.add_argument(
        "--static-only", action="store_true", help="only the static explorer's pages (no Voila)"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "results.json", help="where to write the results"
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument(
        "--naive-sizes",
        type=int,
        nargs="*",
        help="sizes at which to measure the naive explorer (default: every size; --quick: 30)",
    )
    return parser.parse_args(argv)


def kernel_figures(path: Path, quick: bool, naive: bool = True) -> dict[str, Any]:
    """Load, explorer and naive figures for one tree, in this process."""
    tree = load_tree(path)
    figures: dict[str, Any] = measure_load(path, repeats=5 if quick else 20)
    explorer = measure_answers(apps.explorer_clicker, tree, clicks=30 if quick else 200)
    figures.update(
        {
            "answer_kernel_ms": explorer["answer_kernel_ms"],
            "answer_kernel_p95_ms": explorer["answer_kernel_p95_ms"],
            "answer_bytes": explorer["answer_bytes"],
            "answer_bytes_max": explorer["answer_bytes_max"],
            "answer_envelope_bytes": explorer["answer_envelope_bytes"],
            "answer_messages": explorer["answer_messages"],
            "explorer_open_bytes": explorer["open_bytes"],
            "explorer_build_ms": explorer["build_ms"],
            "path_answers": explorer["path_answers"],
        }
    )
    if not naive or (quick and len(tree) > 500):
        figures["naive_answer_bytes"] = figures["naive_answer_kernel_ms"] = None
        return figures
    naive = measure_answers(apps.naive_clicker, tree, clicks=4 if len(tree) > 500 else 10)
    figures["naive_answer_bytes"] = naive["answer_bytes"]
    figures["naive_answer_kernel_ms"] = naive["answer_kernel_ms"]
    return figures


def browser_figures(
    sizes: list[int], trees: Path, clicks: int, quick: bool, naive_sizes: list[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Floor, explorer and naive pages for each size, with one Voila and one Chromium."""
    from .browser import Browser, voila_server

    results: dict[int, dict[str, Any]] = {}
    floor: dict[str, Any] | None = None
    with voila_server(trees, WORK / "voila.log") as base, Browser(base) as browser:
        for size in sizes:
            values = deep_path(load_tree(trees / f"synthetic-{size}.json"))
            figures: dict[str, Any] = {}
            if not quick or floor is None:  # --quick measures the floor once, on the first size
                floor = browser.measure(apps.page("floor", size), ["click"], clicks)
            figures["floor_click_to_paint_p50_ms"] = floor["click_to_paint_p50_ms"]
            figures["floor_click_to_paint_p95_ms"] = floor["click_to_paint_p95_ms"]
            figures["floor_time_to_interactive_ms"] = floor["time_to_interactive_ms"]
            figures["floor_wire_bytes"] = floor["wire_bytes_p50"]
            figures["floor_click_to_last_change_p50_ms"] = floor["click_to_last_change_p50_ms"]
            for prefix, name in (("", "explorer"), ("map_", "explorer_map")):
                explorer = browser.measure(apps.page(name, size), values, clicks)
                for key in (
                    "click_to_paint_p50_ms",
                    "click_to_paint_p95_ms",
                    "click_to_mutation_p50_ms",
                    "click_to_last_change_p50_ms",
                    "click_to_last_change_max_ms",
                    "dom_changes_per_click",
                    "time_to_interactive_ms",
                ):
                    figures[prefix + key] = explorer[key]
                figures[prefix + "answer_wire_bytes"] = explorer["wire_bytes_p50"]
            if (quick and size > 30) or (naive_sizes is not None and size not in naive_sizes):
                figures["naive_click_to_paint_p50_ms"] = None
            else:
                naive_clicks = max(4, clicks // 4) if size > 500 else clicks
                naive = browser.measure(
                    apps.page("naive", size), values, naive_clicks, click_timeout=120
                )
                figures["naive_click_to_paint_p50_ms"] = naive["click_to_paint_p50_ms"]
                figures["naive_click_to_paint_p95_ms"] = naive["click_to_paint_p95_ms"]
                figures["naive_time_to_interactive_ms"] = naive["time_to_interactive_ms"]
                figures["naive_wire_bytes"] = naive["wire_bytes_p50"]
                figures["naive_clicks"] = naive_clicks
            figures["clicks"] = clicks
            results[size] = figures
            print(f"  browser {size}: {json.dumps(figures)}", flush=True)
    return results


def verdicts(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Each target, with the measured value and whether it is met."""
    out: dict[str, Any] = {}
    big = sizes.get("2000", {})
    limit = TARGETS["click_to_paint_vs_floor"]
    for size, figures in sizes.items():
        floor = figures.get("floor_click_to_paint_p50_ms")
        for prefix, view in (("", "focus"), ("map_", "map")):
            paint = figures.get(prefix + "click_to_paint_p50_ms")
            if paint is not None and floor:
                out[f"click_to_paint_vs_floor_{view}_{size}"] = {
                    "value": paint / floor,
                    "limit": limit,
                    "met": paint / floor <= limit,
                }
    worst = max(
        (s["answer_bytes_max"] for s in sizes.values() if "answer_bytes_max" in s), default=None
    )
    if worst is not None:
        limit = TARGETS["answer_bytes_max"]
        out["answer_bytes_max"] = {"value": worst, "limit": limit, "met": worst < limit}
    for key, field in (
        ("answer_kernel_ms_at_2000", "answer_kernel_ms"),
        ("load_ms_at_2000", "load_ms"),
    ):
        if field in big:
            limit = TARGETS[key]
            out[key] = {"value": big[field], "limit": limit, "met": big[field] < limit}
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    clicks = args.clicks or (10 if args.quick else 40)
    started = time.perf_counter()
    trees = WORK / "trees"
    write_trees(trees, tuple(args.sizes), seed=args.seed)
    print(f"generated {args.sizes} in {trees}", flush=True)
    sizes: dict[str, dict[str, Any]] = {str(size): {} for size in args.sizes}
    for size in [] if args.static_only else args.sizes:
        naive = args.naive_sizes is None or size in args.naive_sizes
        sizes[str(size)] = kernel_figures(trees / f"synthetic-{size}.json", args.quick, naive)
        print(f"  kernel {size}: {json.dumps(sizes[str(size)])}", flush=True)
    if not args.no_browser and not args.static_only:
        measured = browser_figures(args.sizes, trees, clicks, args.quick, args.naive_sizes)
        for size, figures in measured.items():
            sizes[str(size)].update(figures)
    if not args.no_browser:
        for size, figures in static.static_figures(
            args.sizes, trees, WORK, clicks, args.quick
        ).items():
            sizes[str(size)].update(figures)
    results = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "command": " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)]),
        "seconds": round(time.perf_counter() - started, 1),
        "sizes": sizes,
        "targets": {**verdicts(sizes), **static.verdicts(sizes)},
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(json.dumps(results["targets"], indent=2))
    print(f"wrote {args.out} in {results['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
