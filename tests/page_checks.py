"""Checks a person cannot make by eye on every page: the automated accessibility check
(axe-core, from the npm registry, installed by ``scripts/setup.sh --browser``) and the guard
against requests to any host but the page's own.

Chromium runs with every host name but the local ones resolving to nothing
(:data:`OFFLINE_FLAGS`), so a page that calls a third party fails the same way offline as on
the test machine, and :func:`foreign_requests` lists every such call the page tried.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core's script, installed by ``scripts/setup.sh --browser`` (npm, not committed)."""

OFFLINE_FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
"""Chromium flags: no host name resolves except the local ones."""

SERIOUS = ("serious", "critical")


def foreign_requests(page: Any, base: str) -> list[str]:
    """A list that fills with the URL of every request ``page`` makes to a host other than
    the one of ``base``, the address it is opened at (``file:``, ``blob:`` and ``data:`` URLs
    are the page's own; a ``file:`` page has no host, so any web request is foreign)."""
    seen: list[str] = []
    own = urlsplit(base)

    def check(request: Any) -> None:
        url = request.url
        if url.startswith(("blob:", "data:", "file:", "about:")):
            return
        there = urlsplit(url)
        if own.scheme == "file" or (there.hostname, there.port) != (own.hostname, own.port):
            seen.append(url)

    page.on("request", check)
    return seen


def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} not found: run 'bash scripts/setup.sh --browser' (it installs "
            "axe-core from the npm registry)"
        )
    return AXE


def axe_violations(page: Any, where: str, *, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """axe-core's violations of ``impacts`` on ``page`` now, one line each (rule, impact,
    where it was found, the first elements), for an assertion message. The rule that a
    control's accessible name contains its visible text (WCAG 2.5.3, experimental in axe) is
    switched on."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_script()))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, { resultTypes: ["violations"],
            rules: { "label-content-name-mismatch": { enabled: true } } });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")), count: v.nodes.length }));
        }"""
    )
    return [
        f"{where}: {v['id']} ({v['impact']}, {v['count']} elements: {v['help']}) at {v['nodes']}"
        for v in result
        if v["impact"] in impacts
    ]
