"""Three ways to draw the explorer's focus view, measured on the real trees and the
synthetic ones: ``python -m bench.focus_options [--out bench/focus_options.json]``.

For every step of every path (a path's prefixes; at most ``--paths`` paths per tree) the
focus view holds the path, the answers not taken at each step (stubs) and two answers ahead.

- **cut**: cut from the whole Graphviz layout (sent once): no bytes per click, but the
  focus nodes keep their places in the whole map. Measured: the node text height (CSS px)
  once the focus part's bounding box is scaled to fit a 1,100 x 850 px diagram box (the
  screen style draws 12 pt = 16 px text at 100%).
- **graphviz**: lay out the focus part with Graphviz in the kernel on every click and send
  its SVG. Measured: ``dot`` time and SVG bytes per click.
- **browser**: send the path only; the browser lays the focus part out itself (the
  explorer's design). Its bytes and click-to-paint are ``python -m bench``'s figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import graphviz

from xborder_tree import DecisionTree, load_tree
from xborder_tree.drawing.export import laid_out_svg, run_dot
from xborder_tree.drawing.render import THEMES, default_prefix, plain_label
from xborder_tree.loading.catalog import tree_paths

HERE = Path(__file__).resolve().parent
BOX_PX = (1100, 850)
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_SVG = "{http://www.w3.org/2000/svg}"


def focus_nodes(tree: DecisionTree, path: list[str], depth: int = 2) -> set[str]:
    """The nodes of the focus view of ``path``: the path, the stubs' targets, and the nodes
    up to ``depth`` answers ahead."""
    nodes = set(path)
    for node in path[:-1]:
        nodes |= {a.target for a in tree.answers(node)}
    frontier = [path[-1]]
    for _ in range(depth):
        frontier = [a.target for n in frontier for a in tree.answers(n)]
        nodes |= set(frontier)
    return nodes


def node_boxes(svg: str, prefix: str) -> dict[str, tuple[float, float, float, float]]:
    """Node id -> (left, top, right, bottom) in SVG units, from Graphviz's drawing."""
    boxes = {}
    root = ET.fromstring(svg)
    for group in root.iter(f"{_SVG}g"):
        element = group.get("id", "")
        if not element.startswith(prefix + "n_"):
            continue
        points = []
        for shape in group.iter():
            for value in (shape.get("points"), shape.get("d")):
                points += [(float(x), float(y)) for x, y in _PAIR.findall(value or "")]
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes[element[len(prefix) + 2 :]] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def cut_text_px(boxes: dict[str, tuple[float, float, float, float]], nodes: set[str]) -> float:
    """The node text height when the nodes' bounding box is scaled to fit the diagram box."""
    chosen = [boxes[n] for n in nodes if n in boxes]
    width = (max(b[2] for b in chosen) - min(b[0] for b in chosen)) * 4 / 3
    height = (max(b[3] for b in chosen) - min(b[1] for b in chosen)) * 4 / 3
    scale = min(1.0, BOX_PX[0] / width, BOX_PX[1] / height)
    return THEMES["screen"].fontsize * 4 / 3 * scale


def focus_dot(tree: DecisionTree, path: list[str], depth: int = 2) -> str:
    """DOT for the focus part alone (what a per-click Graphviz layout would draw)."""
    style = THEMES["screen"]
    dot = graphviz.Digraph(graph_attr={"rankdir": "TB", **style.graph_attr})
    dot.attr("node", fontname=style.fontname, fontsize=str(style.fontsize), shape="box")
    dot.attr("edge", fontname=style.fontname, fontsize=str(style.edge_fontsize))
    for node in focus_nodes(tree, path, depth):
        dot.node(node, plain_label(tree.label(node), style.wrap))
    seen = set()
    for node in [*path[:-1], path[-1]]:
        for answer in tree.answers(node):
            seen.add((node, answer.target))
            dot.edge(node, answer.target, plain_label(answer.label, style.edge_wrap))
    frontier = [path[-1]]
    for _ in range(depth - 1):
        frontier = [a.target for n in frontier for a in tree.answers(n)]
        for node in frontier:
            for answer in tree.answers(node):
                if (node, answer.target) not in seen:
                    seen.add((node, answer.target))
                    dot.edge(node, answer.target, plain_label(answer.label, style.edge_wrap))
    return dot.source


def steps(tree: DecisionTree, limit: int) -> list[list[str]]:
    """Every distinct prefix of the first ``limit`` root-to-outcome paths."""
    found: dict[tuple[str, ...], None] = {}
    for number, path in enumerate(tree.paths()):
        if number >= limit:
            break
        for end in range(1, len(path) + 1):
            found[tuple(path[:end])] = None
    return [list(p) for p in found]


def measure(tree: DecisionTree, limit: int, samples: int) -> dict[str, Any]:
    prefixes = steps(tree, limit)
    boxes = node_boxes(laid_out_svg(tree, timeout=600), default_prefix(tree))
    pixels = [cut_text_px(boxes, focus_nodes(tree, p)) for p in prefixes]
    chosen = prefixes[:: max(1, len(prefixes) // samples)][:samples]
    times, sizes = [], []
    for path in chosen:
        source = focus_dot(tree, path)
        started = time.perf_counter()
        sizes.append(len(run_dot(source, "svg", timeout=120)))
        times.append((time.perf_counter() - started) * 1000)
    return {
        "nodes": len(tree),
        "steps": len(prefixes),
        "cut_text_px_min": round(min(pixels), 1),
        "cut_text_px_median": round(statistics.median(pixels), 1),
        "cut_steps_under_12px": round(sum(p < 12 for p in pixels) / len(pixels), 3),
        "graphviz_ms_median": round(statistics.median(times), 1),
        "graphviz_svg_bytes_median": statistics.median(sizes),
        "graphviz_svg_bytes_max": max(sizes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.focus_options", description=__doc__)
    parser.add_argument("--paths", type=int, default=60, help="paths per tree (default 60)")
    parser.add_argument("--samples", type=int, default=12, help="Graphviz runs per tree")
    parser.add_argument("--sizes", type=int, nargs="*", default=[30, 300])
    parser.add_argument("--out", type=Path, default=HERE / "focus_options.json")
    args = parser.parse_args(argv)
    files = [*tree_paths(), *(HERE / "_work" / "trees" / f"synthetic-{n}.json" for n in args.sizes)]
    results = {}
    for path in files:
        tree = load_tree(path)
        results[tree.id] = measure(tree, args.paths, args.samples)
        print(tree.id, json.dumps(results[tree.id]), flush=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
