"""The ``xborder-tree consistency`` command: do the trees agree for the same facts?"""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..checks.consistency import check_consistency
from ..loading.catalog import load_all, menu_paths
from ..loading.document import load_tree


def cmd_consistency(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 1 on a conflict or a tree without a scope; gaps are listed, and fail with
    ``--strict``."""
    if args.trees:
        trees = list(load_all(args.trees).values())
    else:  # the format examples teach the format; they are not among the trees compared
        trees = [load_tree(path) for path in menu_paths()]
    report = check_consistency(trees, args.as_of)
    if args.json:
        out.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write("\n".join(report.lines()) + "\n")
    return 0 if report.ok and not (args.strict and report.gaps) else 1
