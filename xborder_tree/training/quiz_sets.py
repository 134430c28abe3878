"""Quiz sets: the personas a quiz asks about, from a trainer's ``trees/<tree-id>.quiz.json``
(validated like a tree: every fault located, raised together as a ``TreeError``) or, without
one, from the tree's scenario file.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> [p.id for p in load_quiz("trees/example-remote-work.quiz.json", tree).personas][:1]
['commuter-from-buffalo']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..loading.schema import read_json, schema_faults
from ..model.dates import parse_as_of
from ..model.errors import FactError, Fault, TreeError, UsageError
from ..model.tree import DecisionTree
from .scenarios import Scenario, load_scenarios, scenario_path

__all__ = ["QuizPersona", "QuizSet", "default_quiz", "load_quiz", "quiz_for", "quiz_path"]


@dataclass(frozen=True)
class QuizPersona:
    id: str
    persona: str
    facts: dict[str, str]
    rule: str
    as_of: dt.date | None = None
    """The date whose rules apply to this persona (from its scenario); ``None``: the quiz's."""


@dataclass(frozen=True)
class QuizSet:
    tree: str
    title: str
    personas: tuple[QuizPersona, ...]


def quiz_path(tree_path: str | Path) -> Path:
    """``trees/x.json`` -> ``trees/x.quiz.json``."""
    path = Path(tree_path)
    return path.with_name(path.name.removesuffix(".json") + ".quiz.json")


def _persona_faults(
    tree: DecisionTree, name: str, where: str, item: Mapping[str, Any], as_of: Any = None
) -> list[Fault]:
    """Faults of facts that do not lead to an outcome of ``tree`` (on the persona's date,
    else on ``as_of``, else today)."""
    day = item.get("as_of") or parse_as_of(as_of)
    try:
        resolution = tree.resolve(item["facts"], day).in_scope()
    except FactError as exc:
        fix = (
            "give facts inside the tree's scope, or quiz with the tree that covers them"
            if str(exc).startswith("not this tree's question")
            else "use a value the question offers"
        )
        return [Fault(name, f"{where}/facts", None, str(exc), fix)]
    if resolution.pending is not None:
        fact = tree.node(resolution.pending)["fact"]
        values = ", ".join(a.value for a in tree.answers(resolution.pending, day))
        return [
            Fault(
                name,
                f"{where}/facts",
                resolution.pending,
                f"the facts stop at question {resolution.pending!r}: no value for {fact!r}",
                f"add {fact!r} with one of {values}",
            )
        ]
    return []


def load_quiz(path: str | Path, tree: DecisionTree, as_of: Any = None) -> QuizSet:
    """Read and validate a quiz file for ``tree``; raise ``TreeError`` with every fault.

    Personas that name a scenario take it from ``<tree-id>.scenarios.json`` beside the file.
    """
    name = str(path)
    data = read_json(path)
    faults = schema_faults(data, name, "quiz")
    if faults:
        raise TreeError(faults)
    if data["tree"] != tree.id:
        raise TreeError(
            [
                Fault(
                    name,
                    "/tree",
                    None,
                    f"the quiz is for tree {data['tree']!r}, not {tree.id!r}",
                    f'set "tree" to {tree.id!r} or move the file',
                )
            ]
        )
    scenarios: dict[str, Scenario] | None = None
    personas: list[QuizPersona] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["personas"]):
        where = f"/personas/{index}"
        if item["id"] in seen:
            faults.append(
                Fault(
                    name,
                    f"{where}/id",
                    None,
                    f"duplicate persona id {item['id']!r} (first at /personas/{seen[item['id']]})",
                    "give every persona its own id",
                )
            )
        seen.setdefault(item["id"], index)
        own = [key for key in ("persona", "facts", "rule") if key in item]
        if "scenario" in item:
            if own:
                faults.append(
                    Fault(
                        name,
                        where,
                        None,
                        f"names scenario {item['scenario']!r} and also gives {', '.join(own)}",
                        "keep only 'scenario', or drop it and give persona, facts and rule",
                    )
                )
                continue
            if scenarios is None:
                file = Path(path).with_name(f"{tree.id}.scenarios.json")
                scenarios = (
                    {s.id: s for s in load_scenarios(file, tree.id)} if file.exists() else {}
                )
            scenario = scenarios.get(item["scenario"])
            if scenario is None:
                faults.append(
                    Fault(
                        name,
                        f"{where}/scenario",
                        None,
                        f"no scenario {item['scenario']!r} in {tree.id}.scenarios.json",
                        f"use one of: {', '.join(scenarios) or 'none (no scenario file)'}",
                    )
                )
                continue
            item = {
                "persona": scenario.persona,
                "facts": scenario.facts,
                "rule": scenario.rule,
                "as_of": scenario.as_of,
            }
        else:
            missing = [key for key in ("persona", "facts", "rule") if key not in item]
            if missing:
                faults.append(
                    Fault(
                        name,
                        where,
                        None,
                        f"missing {', '.join(map(repr, missing))}",
                        "give persona, facts and rule, or name a scenario",
                    )
                )
                continue
        problems = _persona_faults(tree, name, where, item, as_of)
        faults += problems
        if not problems:
            personas.append(
                QuizPersona(
                    data["personas"][index]["id"],
                    item["persona"],
                    dict(item["facts"]),
                    item["rule"],
                    item.get("as_of"),
                )
            )
    if faults:
        raise TreeError(faults)
    return QuizSet(tree.id, data["title"], tuple(personas))


def default_quiz(tree: DecisionTree, scenarios: list[Scenario], as_of: Any = None) -> QuizSet:
    """Every scenario that reaches an outcome (on its date, else ``as_of``), as a quiz."""
    personas = tuple(
        QuizPersona(s.id, s.persona, dict(s.facts), s.rule, s.as_of)
        for s in scenarios
        if not _persona_faults(tree, "", "", {"facts": s.facts, "as_of": s.as_of}, as_of)
    )
    return QuizSet(tree.id, f"Scenarios of {tree.title}", personas)


def quiz_for(tree: DecisionTree, tree_path: str | Path, as_of: Any = None) -> QuizSet:
    """The trainer's quiz file beside the tree, else the tree's scenarios as a quiz."""
    path = quiz_path(tree_path)
    if path.exists():
        return load_quiz(path, tree, as_of)
    scenarios = scenario_path(tree_path)
    if scenarios.exists():
        return default_quiz(tree, load_scenarios(scenarios, tree.id), as_of)
    raise UsageError(f"no quiz for tree {tree.id!r}: add {path.name} or {scenarios.name}")
