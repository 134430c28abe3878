"""Scenario files: personas with the outcome they must reach, run against a tree.

A scenario file sits next to its tree as ``trees/<tree-id>.scenarios.json``.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> report = run_scenarios(tree, load_scenarios("trees/example-remote-work.scenarios.json"))
>>> report.passed, sorted(report.uncovered)
(True, [])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..loading.schema import document_faults, read_json
from ..model.dates import date_or_none, parse_as_of
from ..model.errors import FactError, Fault, TreeError
from ..model.tree import DecisionTree

__all__ = [
    "Scenario",
    "ScenarioReport",
    "ScenarioResult",
    "load_scenarios",
    "run_scenarios",
    "scenario_path",
]


@dataclass(frozen=True)
class Scenario:
    id: str
    persona: str
    facts: dict[str, str]
    expect: dict[str, Any]
    rule: str
    as_of: dt.date | None = None
    """The date whose rules apply to this persona; ``None``: the run's date."""


@dataclass
class ScenarioResult:
    scenario: Scenario
    node: str | None
    verdict: str | None
    pathways: list[str]
    problems: list[str]
    unused: list[str] = field(default_factory=list)
    """The persona's facts the path does not use, each with the reason (not a failure)."""

    @property
    def passed(self) -> bool:
        return not self.problems


@dataclass
class ScenarioReport:
    tree: DecisionTree
    results: list[ScenarioResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.results)

    @property
    def reached(self) -> set[str]:
        return {r.node for r in self.results if r.node is not None and r.passed}

    @property
    def uncovered(self) -> set[str]:
        """Outcomes no passing scenario reaches."""
        return set(self.tree.outcomes) - self.reached

    def summary(self) -> str:
        total = len(self.tree.outcomes)
        covered = total - len(self.uncovered)
        failed = sum(not r.passed for r in self.results)
        return (
            f"{self.tree.id}: {len(self.results) - failed} passed, {failed} failed; "
            f"outcome coverage {covered}/{total}"
        )


def scenario_path(tree_path: str | Path) -> Path:
    """``trees/x.json`` -> ``trees/x.scenarios.json``."""
    path = Path(tree_path)
    return path.with_name(path.name.removesuffix(".json") + ".scenarios.json")


def load_scenarios(path: str | Path, tree_id: str | None = None) -> list[Scenario]:
    """Read and validate a scenario file (for tree ``tree_id`` when given); raise
    ``TreeError`` with every fault."""
    data = read_json(path)
    faults = document_faults(data, str(path), "scenarios")
    if not faults and tree_id is not None and data["tree"] != tree_id:
        faults.append(
            Fault(
                str(path),
                "/tree",
                None,
                f"scenarios are for tree {data['tree']!r}, not {tree_id!r}",
                f'set "tree" to {tree_id!r} or move the file',
            )
        )
    if not faults:
        seen: dict[str, int] = {}
        for index, item in enumerate(data["scenarios"]):
            if item["id"] in seen:
                faults.append(
                    Fault(
                        str(path),
                        f"/scenarios/{index}/id",
                        None,
                        f"duplicate scenario id {item['id']!r} "
                        f"(first at /scenarios/{seen[item['id']]})",
                        "give every scenario its own id",
                    )
                )
            seen.setdefault(item["id"], index)
            if "as_of" in item and date_or_none(item["as_of"]) is None:
                faults.append(
                    Fault(
                        str(path),
                        f"/scenarios/{index}/as_of",
                        None,
                        f"as_of {item['as_of']!r} is not a real date",
                        "write a date that exists on the calendar, as YYYY-MM-DD",
                    )
                )
    if faults:
        raise TreeError(faults)
    return [
        Scenario(
            s["id"],
            s["persona"],
            dict(s["facts"]),
            dict(s["expect"]),
            s["rule"],
            date_or_none(s.get("as_of")),
        )
        for s in data["scenarios"]
    ]


def run_one(
    tree: DecisionTree, scenario: Scenario, as_of: dt.date | str | None = None
) -> ScenarioResult:
    """Resolve one scenario on its own ``as_of``, else on ``as_of`` (today when ``None``),
    and compare it with what it expects."""
    try:
        resolution = tree.resolve(scenario.facts, scenario.as_of or parse_as_of(as_of)).in_scope()
    except FactError as exc:
        return ScenarioResult(scenario, None, None, [], [str(exc)])
    if resolution.outcome is None:
        pending = tree.node(resolution.pending or "")
        return ScenarioResult(
            scenario,
            None,
            None,
            [],
            [f"facts stop at question {resolution.pending!r}: no value for {pending['fact']!r}"],
        )
    node = tree.node(resolution.outcome)
    got_pathways = list(node["pathways"])
    problems = []
    expect = scenario.expect
    if resolution.outcome != expect["node"]:
        problems.append(f"reached {resolution.outcome!r}, expected {expect['node']!r}")
    if node["verdict"] != expect["verdict"]:
        problems.append(f"verdict {node['verdict']!r}, expected {expect['verdict']!r}")
    if sorted(got_pathways) != sorted(expect["pathways"]):
        problems.append(f"pathways {got_pathways}, expected {expect['pathways']}")
    unused = [f"{u.fact}={u.value} ({u.to_json()['reason']})" for u in resolution.unused]
    return ScenarioResult(
        scenario, resolution.outcome, node["verdict"], got_pathways, problems, unused
    )


def run_scenarios(
    tree: DecisionTree, scenarios: list[Scenario], as_of: dt.date | str | None = None
) -> ScenarioReport:
    """Run every scenario (each on its own ``as_of``, else on ``as_of``, else today); the
    report says which failed and which outcomes none reaches."""
    day = parse_as_of(as_of)
    return ScenarioReport(tree, [run_one(tree, scenario, day) for scenario in scenarios])
