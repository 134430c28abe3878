"""Content checks of the text a person sees, run by ``xborder-tree validate`` beside the
schema and graph rules: official citations on government domains (:mod:`.citations`), no
internal labels in learner text (:mod:`.learner_text`), and one wording per grey area
(:mod:`.grey_areas`).

They are kept out of :func:`~xborder_tree.model.tree.load_tree`, so a tree whose content is still
being corrected can be opened and explored; ``validate`` (and so CI) refuses it.

>>> content_faults("trees/example-remote-work.json")
[]
"""

from __future__ import annotations

from pathlib import Path

from ..loading.schema import read_json
from ..model.errors import Fault
from .citations import citation_faults
from .grey_areas import grey_area_faults
from .learner_text import internal_label_faults

__all__ = ["content_faults"]


def content_faults(path: str | Path) -> list[Fault]:
    """Every content fault of a tree, scenario or quiz file (citations: trees only)."""
    name = str(path)
    data = read_json(path)
    faults = internal_label_faults(data, name)
    if isinstance(data, dict) and not name.endswith((".scenarios.json", ".quiz.json")):
        faults = citation_faults(data, name) + grey_area_faults(data, name) + faults
    return faults
