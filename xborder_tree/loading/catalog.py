"""Where the trees live, and finding one by id or path.

>>> 'example-remote-work' in [p.stem for p in tree_paths()]
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model.errors import NotFoundError, TreeError
from ..model.scope import covering_trees
from ..model.tree import DecisionTree, Resolution
from .document import load_tree

__all__ = [
    "EXAMPLE_PREFIX",
    "find_tree",
    "load_all",
    "menu_paths",
    "resolve_among",
    "tree_paths",
    "trees_dir",
]

EXAMPLE_PREFIX = "example-"
"""Trees whose id starts with this illustrate the file format: validated and tested like
every tree, but not offered in the app beside the real trees."""


def trees_dir() -> Path:
    """``$XBORDER_TREES``, else the repository's ``trees/``, else the copy in the wheel."""
    configured = os.environ.get("XBORDER_TREES")
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "trees"
    return checkout if checkout.is_dir() else package / "trees"


def tree_paths(folder: str | Path | None = None) -> list[Path]:
    """The tree files of a folder (scenario and quiz files excluded), sorted by name."""
    root = Path(folder) if folder is not None else trees_dir()
    return sorted(path for path in root.glob("*.json") if path.name.count(".") == 1)


def menu_paths(folder: str | Path | None = None) -> list[Path]:
    """The trees to offer in the app: :func:`tree_paths` without the format examples
    (unless the folder holds nothing else).

    >>> [p.stem for p in menu_paths()][:1] != ["example-remote-work"]
    True
    """
    paths = tree_paths(folder)
    real = [path for path in paths if not path.stem.startswith(EXAMPLE_PREFIX)]
    return real or paths


def find_tree(name: str | Path) -> Path:
    """A tree file from a path, or from a tree id looked up in :func:`trees_dir`."""
    path = Path(name)
    if path.exists():
        return path
    if path.suffix == ".json":  # a file that is not there: the same usage error as a wrong id
        near = [p.name for p in tree_paths(path.parent)] if path.parent.is_dir() else []
        raise NotFoundError("tree file", path.name, near, f" in {path.parent}")
    candidate = trees_dir() / f"{name}.json"
    if candidate.exists():
        return candidate
    raise NotFoundError("tree file or tree id", str(name), [p.stem for p in tree_paths()])


def load_all(folder: str | Path | None = None) -> dict[str, DecisionTree]:
    """Every tree of a folder, by id."""
    trees = [load_tree(path) for path in tree_paths(folder)]
    return {tree.id: tree for tree in trees}


def resolve_among(
    tree: DecisionTree,
    facts: Mapping[str, str],
    as_of: dt.date | str | None = None,
    others: Iterable[DecisionTree] | None = None,
) -> Resolution:
    """``tree.resolve(facts)``; when the facts are outside its scope, ``see`` names the trees
    whose scope covers them: among ``others``, else the trees of ``tree``'s folder (format
    examples left out unless ``tree`` is one).

    >>> tree = load_tree("trees/usmca-work-in-us.json")
    >>> resolution = resolve_among(tree, {"citizenship": "mexico", "work_location": "in_mexico"})
    >>> resolution.status, resolution.see
    ('out_of_scope', ('work-in-mexico',))
    """
    resolution = tree.resolve(facts, as_of)
    if resolution.status != "out_of_scope":
        return resolution
    if others is None:
        folder = Path(tree.source).parent if tree.source else trees_dir()
        paths = tree_paths(folder) if tree.id.startswith(EXAMPLE_PREFIX) else menu_paths(folder)
        others = _loadable(path for path in paths if path.stem != tree.id)
    see = covering_trees(facts, others, besides=tree.id)
    return dataclasses.replace(resolution, see=tuple(see))


def _loadable(paths: Iterable[Path]) -> list[DecisionTree]:
    """The trees that load (a broken neighbour cannot name itself as covering anything)."""
    trees = []
    for path in paths:
        try:
            trees.append(load_tree(path))
        except TreeError:
            continue
    return trees
