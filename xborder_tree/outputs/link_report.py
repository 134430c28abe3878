"""The report of ``xborder-tree links`` as a person reads it, or as JSON.

>>> from xborder_tree.checks.links import Link, LinkResult
>>> url = "https://a.gov/\x1b[2Jx"
>>> next(report_lines([Link(url)], [LinkResult(url, "broken", 404, detail="HTTP 404")]))
'BROKEN      https://a.gov/[2Jx answers with an error status: HTTP 404'
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from ..checks.links import STATES, Link, LinkResult
from .report import terminal_text

__all__ = ["report_json", "report_lines"]


def report_lines(links: Sequence[Link], results: Sequence[LinkResult]) -> Iterator[str]:
    """The report a person reads: problems first, with where each address is cited, then a
    count per state. Every address and detail is made safe for a terminal."""
    problems = [
        (link, result) for link, result in zip(links, results, strict=True) if result.problem
    ]
    for link, result in problems:
        status = f" (HTTP {result.status})" if result.status and result.state != "broken" else ""
        line = f"{result.state.upper():<11} {link.url} {STATES[result.state]}{status}"
        if result.detail:
            line += f": {result.detail}"
        yield terminal_text(line)
        if result.target:
            yield terminal_text(f"            now at {result.target}")
        for place in link.places:
            yield terminal_text(f"            cited in {place.label()}")
    counts = {state: sum(r.state == state for r in results) for state in STATES}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    yield f"{len(results)} addresses checked: {summary or 'none'}"


def report_json(links: Sequence[Link], results: Sequence[LinkResult]) -> str:
    """The same report as JSON (addresses are data here, not escaped)."""
    rows = [
        {**result.to_json(), "cited_in": [place.__dict__ for place in link.places]}
        for link, result in zip(links, results, strict=True)
    ]
    return json.dumps({"links": rows}, indent=2, ensure_ascii=False)
