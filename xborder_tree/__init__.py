"""xborder-tree: cross-border work rules (US, Canada, Mexico) as cited decision trees.

>>> from xborder_tree import Walk, load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> Walk(tree).answer("canada").outcome
'canadian_citizen'

Importing this package loads neither ipywidgets nor Graphviz; the explorer lives in
``xborder_tree.jupyter.widgets``.
"""

from .loading.document import load_tree, tree_data, tree_graph
from .model.errors import (
    FactError,
    Fault,
    GraphvizError,
    GraphvizNotFound,
    GraphvizTimeout,
    NotFoundError,
    ScenarioError,
    StateError,
    TreeError,
    UsageError,
    XborderError,
)
from .model.tree import Answer, DecisionTree, Resolution, Step
from .model.walk import Walk

__all__ = [
    "Answer",
    "DecisionTree",
    "FactError",
    "Fault",
    "GraphvizError",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "NotFoundError",
    "Resolution",
    "ScenarioError",
    "StateError",
    "Step",
    "TreeError",
    "UsageError",
    "Walk",
    "XborderError",
    "load_tree",
    "tree_data",
    "tree_graph",
]

__version__ = "0.1.0"
