"""The results as a Markdown table: ``python -m bench.table [bench/results.json]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["markdown_table"]

ROWS = (
    "load_ms",
    "answer_kernel_ms",
    "answer_bytes",
    "answer_bytes_max",
    "answer_envelope_bytes",
    "answer_wire_bytes",
    "click_to_paint_p50_ms",
    "click_to_paint_p95_ms",
    "click_to_mutation_p50_ms",
    "click_to_last_change_p50_ms",
    "dom_changes_per_click",
    "time_to_interactive_ms",
    "map_click_to_paint_p50_ms",
    "map_click_to_paint_p95_ms",
    "map_click_to_last_change_p50_ms",
    "map_time_to_interactive_ms",
    "naive_click_to_paint_p50_ms",
    "naive_answer_bytes",
    "naive_answer_kernel_ms",
    "naive_time_to_interactive_ms",
    "floor_click_to_paint_p50_ms",
    "floor_click_to_paint_p95_ms",
    "floor_click_to_last_change_p50_ms",
    "floor_time_to_interactive_ms",
    "floor_wire_bytes",
)


def _cell(value: Any) -> str:
    if value is None:
        return "not run"
    if isinstance(value, float):
        return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}"


def markdown_table(results: dict[str, Any]) -> str:
    """One row per figure, one column per tree size."""
    sizes = list(results["sizes"])
    lines = [
        "| figure | " + " | ".join(f"{int(s):,} nodes" for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for row in ROWS:
        if any(row in results["sizes"][s] for s in sizes):
            cells = [_cell(results["sizes"][s].get(row)) for s in sizes]
            lines.append(f"| `{row}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "results.json")
    print(markdown_table(json.loads(path.read_text("utf-8"))))
