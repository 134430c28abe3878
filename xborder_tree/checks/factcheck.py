"""Facts given on the command line, checked before they are used.

A key that is neither asked by the trees nor listed in the shared vocabulary is a typo, and
so is a value that no question asking that key offers and the vocabulary does not list:
either is a :class:`FactError` (a usage error, exit code 2) naming the closest known words.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> def error(facts):
...     try:
...         check_facts(facts, [tree])
...     except FactError as exc:
...         return str(exc)
>>> error({"citizenshp": "us"})[:60]
"unknown fact key 'citizenshp': no tree asks it and the share"
>>> error({"citizenshp": "us"}).endswith("(closest: 'citizenship')")
True
>>> print(error({"citizenship": "usa"}))
citizenship='usa' is not offered by any question (values: canada, us, mexico, other; closest: 'us')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from ..model.errors import FactError
from ..model.tree import DecisionTree
from ..model.vocabulary import FACT_VALUES

__all__ = ["check_facts", "known_values"]


def known_values(trees: Iterable[DecisionTree]) -> dict[str, list[str]]:
    """Every fact key the trees ask or the vocabulary lists, with the values known for it:
    the trees' values (in order) first, then the vocabulary's."""
    known: dict[str, list[str]] = {}
    for tree in trees:
        for fact, entry in tree.facts().items():
            values = known.setdefault(fact, [])
            values += [v for v in entry["values"] if v not in values]
    for fact, listed in FACT_VALUES.items():
        values = known.setdefault(fact, [])
        values += [v for v in listed if v not in values]
    return known


def _closest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    return ", ".join(map(repr, close))


def check_facts(facts: Mapping[str, str], trees: Iterable[DecisionTree]) -> None:
    """Raise ``FactError`` for the first unknown key or unknown value in ``facts``."""
    known = known_values(trees)
    for key, value in facts.items():
        if key not in known:
            close = _closest(key, known)
            hint = f"closest: {close}" if close else f"known keys: {', '.join(sorted(known))}"
            raise FactError(
                f"unknown fact key {key!r}: no tree asks it and the shared vocabulary does not "
                f"list it ({hint})"
            )
        if value not in known[key]:
            close = _closest(value, known[key])
            raise FactError(
                f"{key}={value!r} is not offered by any question "
                f"(values: {', '.join(known[key])}" + (f"; closest: {close})" if close else ")")
            )
