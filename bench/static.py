"""The static explorer in the benchmark: each synthetic tree's page (``xborder-tree site``)
opened from ``file://`` in headless Chromium, with no server.

For each size: the build time, the page's size, time to interactive (from ``page.goto`` to
the first answer button visible, as the Voila figures are taken; and by the page's own clock,
``static_drawn_in_page_ms``), click-to-paint measured in
the page exactly as for Voila (``browser._CLICK_JS``: a page-wide ``MutationObserver``, the
click, the frame after the last change) alternating the last answer of the longest path and
Back, in the focus view and then on the whole map, and the time to open the whole map.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from xborder_tree import load_tree

from .browser import _CLICK_JS, CHROMIUM, CHROMIUM_ARGS, QUIET_MS
from .kernel import deep_path, percentile

__all__ = ["ROWS", "TTI_TARGET_MS", "static_figures", "verdicts"]

TTI_TARGET_MS = 500.0
"""The 2,000-node page must be interactive within this many milliseconds."""

ROWS = (
    "static_build_ms",
    "static_page_kb",
    "static_time_to_interactive_ms",
    "static_time_to_interactive_p95_ms",
    "static_drawn_in_page_ms",
    "static_click_to_paint_p50_ms",
    "static_click_to_paint_p95_ms",
    "static_map_open_ms",
    "static_map_click_to_paint_p50_ms",
)
"""The figures this section adds to each size (``bench/table.py`` prints them)."""

LAYOUT_TIMEOUT = 600.0
"""Seconds Graphviz may take for a page's whole map (2,000 nodes on a busy machine)."""
ANSWER = ".xt_side button.xt_answer_{value}"
BACK = ".xt_side button.xt_back"
TARGET = ".xt_diagram_view"
DRAWN_JS = "performance.getEntriesByName('xt_drawn')[0].startTime"
"""When the page's script had drawn the first question, from the navigation's start (the
page's own clock, without the driver's round trips)."""


def build_pages(trees: Path, sizes: list[int], out: Path) -> dict[int, tuple[Path, float]]:
    """Write the static page of each synthetic tree; its path and build time (ms)."""
    from xborder_tree.web.site import site_page

    out.mkdir(parents=True, exist_ok=True)
    pages = {}
    for size in sizes:
        tree = load_tree(trees / f"synthetic-{size}.json")
        started = time.perf_counter()
        text = site_page(tree, timeout=LAYOUT_TIMEOUT)
        elapsed = (time.perf_counter() - started) * 1000
        path = out / f"synthetic-{size}.html"
        path.write_text(text, "utf-8")
        pages[size] = (path, elapsed)
    return pages


def _click(page: Any, button: str, limit: float) -> dict[str, float]:
    page.wait_for_selector(button, state="visible", timeout=limit)
    result: dict[str, float] = page.evaluate(_CLICK_JS, [button, TARGET, limit, QUIET_MS])
    return result


def _alternate(page: Any, value: str, clicks: int, settle: float, limit: float) -> list[float]:
    """Answer ``value`` and go Back, alternately, ``clicks`` times; click-to-paint of each."""
    paints = []
    for index in range(clicks):
        button = ANSWER.format(value=value) if index % 2 == 0 else BACK
        page.wait_for_timeout(settle * 1000)
        paints.append(_click(page, button, limit)["paint"])
    return paints


def measure_page(
    browser: Any, url: str, values: list[str], clicks: int, loads: int, settle: float = 0.1
) -> dict[str, Any]:
    """Open the page ``loads`` times (time to interactive, each in a fresh context), then
    walk ``values[:-1]`` and alternate the last answer and Back ``clicks`` times."""
    ready = ".xt_side button.xt_answer"
    limit = 60_000.0
    loaded: list[float] = []
    drawn: list[float] = []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(ready, state="visible")
        loaded.append((time.perf_counter() - started) * 1000)
        drawn.append(page.evaluate(DRAWN_JS))
        context.close()
    if not clicks:
        return {"static_time_to_interactive_ms": statistics.median(loaded)}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_selector(ready, state="visible")
        for value in values[:-1]:
            _click(page, ANSWER.format(value=value), limit)
        paints = _alternate(page, values[-1], clicks, settle, limit)
        started = time.perf_counter()
        page.locator(".xt_view_map").click()
        page.wait_for_selector(".xt_map_svg", state="visible")
        map_ms = (time.perf_counter() - started) * 1000
        map_paints = _alternate(page, values[-1], clicks, settle, limit)
    finally:
        context.close()
    return {
        "static_time_to_interactive_ms": statistics.median(loaded),
        "static_time_to_interactive_p95_ms": percentile(loaded, 0.95),
        "static_drawn_in_page_ms": statistics.median(drawn),
        "static_click_to_paint_p50_ms": statistics.median(paints),
        "static_click_to_paint_p95_ms": percentile(paints, 0.95),
        "static_map_open_ms": map_ms,
        "static_map_click_to_paint_p50_ms": statistics.median(map_paints),
        "static_clicks": clicks,
        "static_loads": loads,
    }


def static_figures(
    sizes: list[int], trees: Path, work: Path, clicks: int, quick: bool
) -> dict[int, dict[str, Any]]:
    """Build and measure the static page of each size with one headless Chromium."""
    from playwright.sync_api import sync_playwright

    pages = build_pages(trees, sizes, work / "site")
    results: dict[int, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # one load before measuring, so the first size does not pay for starting Chromium
            measure_page(browser, pages[sizes[0]][0].resolve().as_uri(), [], 0, 1)
            for size in sizes:
                path, build_ms = pages[size]
                values = deep_path(load_tree(trees / f"synthetic-{size}.json"))
                figures = measure_page(
                    browser, path.resolve().as_uri(), values, clicks, 3 if quick else 10
                )
                figures["static_build_ms"] = build_ms
                figures["static_page_kb"] = round(path.stat().st_size / 1024, 1)
                results[size] = figures
                print(f"  static {size}: {figures}", flush=True)
        finally:
            browser.close()
    return results


def verdicts(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The static page's target: interactive within 500 ms at 2,000 nodes."""
    value = sizes.get("2000", {}).get("static_time_to_interactive_ms")
    if value is None:
        return {}
    return {
        "static_time_to_interactive_ms_at_2000": {
            "value": value,
            "limit": TTI_TARGET_MS,
            "met": value < TTI_TARGET_MS,
        }
    }
