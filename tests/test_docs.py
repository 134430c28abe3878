"""The format documentation covers every field of the published schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from xborder_tree.loading.schema import schema

DOC = (ROOT / "docs" / "tree-format.md").read_text("utf-8")


def _fields(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= _fields(value)
    elif isinstance(node, list):
        for value in node:
            found |= _fields(value)
    return found


def test_every_schema_field_is_documented_in_a_table() -> None:
    documented = set(re.findall(r"^\| `([$\w]+)` \|", DOC, flags=re.MULTILINE))
    missing = _fields(schema("tree")) - documented
    assert missing == set()


def test_documented_examples_are_valid_json() -> None:
    blocks = re.findall(r"```json\n(.*?)```", DOC, flags=re.DOTALL)
    assert len(blocks) >= 5
    for block in blocks:
        json.loads(block)


# ----------------------------------------------------------------- links and paths

_LINK = re.compile(r"\[[^\]]*\]\(<?([^)\s>]+)>?\)")
_PATH = re.compile(r"`(\.?[\w-]+(?:/[\w.-]+)+/?)`")
"""A path in code spans (`docs/vocabulary.md`, `bench/_work/`); placeholders such as
`trees/<tree-id>.json` or globs do not match."""


def _documents() -> list[tuple[Path, str]]:
    """Every document a reader follows: the Markdown files and the notebooks' text cells."""
    files = [
        ROOT / "README.md",
        ROOT / "trees" / "README.md",
        ROOT / "bench" / "README.md",
        *sorted((ROOT / "docs").glob("*.md")),
    ]
    found = [(path, path.read_text("utf-8")) for path in files]
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        found.append(
            (path, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))
        )
    return found


def _ignored_folders() -> list[str]:
    """Git-ignored output folders (`bench/_work/`, `out/`): mentioned as where files go."""
    lines = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    return [line.strip("/") + "/" for line in lines if line.endswith("/") and "*" not in line]


def test_every_relative_link_and_path_exists() -> None:
    """Markdown links resolve from the document's folder; paths in code spans from the
    repository root or the document's folder."""
    ignored = _ignored_folders()
    missing = []
    for path, text in _documents():
        for target in _LINK.findall(text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (path.parent / target.split("#")[0]).exists():
                missing.append(f"{path.relative_to(ROOT)}: link {target}")
        for target in _PATH.findall(text):
            if target.startswith(tuple(ignored)):
                continue
            if not ((ROOT / target).exists() or (path.parent / target).exists()):
                missing.append(f"{path.relative_to(ROOT)}: path {target}")
    assert missing == []


def test_the_checks_see_the_references() -> None:
    """The scan reads links and code-span paths (not a test that passes on nothing)."""
    found = {
        (path.name, target)
        for path, text in _documents()
        for target in _LINK.findall(text) + _PATH.findall(text)
    }
    assert ("01-tour.ipynb", "../docs/vocabulary.md") in found
    assert ("04-authoring-a-tree.ipynb", "../docs/vocabulary.md") in found
    assert ("tree-format.md", "vocabulary.md") in found
    assert ("README.md", "docs/tree-format.md") in found


VOCABULARY = (ROOT / "docs" / "vocabulary.md").read_text("utf-8")


def test_vocabulary_doc_lists_every_key_value_verdict_and_pathway_in_code() -> None:
    from xborder_tree.model.vocabulary import FACT_VALUES, PATHWAYS, VERDICTS

    rows = dict(re.findall(r"^\| `([\w-]+)` \| (.*?) \|", VOCABULARY, flags=re.MULTILINE))
    for key, values in FACT_VALUES.items():
        assert key in rows, f"fact {key} is not documented"
        assert set(values) <= set(re.findall(r"`(\w+)`", rows[key])), key
    assert set(PATHWAYS) <= set(rows), set(PATHWAYS) - set(rows)
    assert set(VERDICTS) <= set(rows)


def test_vocabulary_doc_gives_each_pathway_its_question_and_position_in_code() -> None:
    from xborder_tree.model.vocabulary import PATHWAY_ANSWERS, PATHWAYS

    rows = re.findall(
        r"^\| `([\w-]+)` \| .*? \| `(\w+)` \| `(\w+)` \|$", VOCABULARY, flags=re.MULTILINE
    )
    documented = {code: (question, position) for code, question, position in rows}
    assert documented == PATHWAY_ANSWERS
    assert set(PATHWAY_ANSWERS) == set(PATHWAYS)


def test_vocabulary_doc_lists_nothing_unknown() -> None:
    """Each documented key or code is in the code, or declared by a tree in trees/."""
    from xborder_tree.loading.catalog import tree_paths
    from xborder_tree.model.vocabulary import (
        FACT_VALUES,
        LEGAL_QUESTIONS,
        PATHWAYS,
        POSITIONS,
        VERDICTS,
    )

    declared: set[str] = set(FACT_VALUES) | set(PATHWAYS) | set(VERDICTS)
    declared |= set(LEGAL_QUESTIONS) | set(POSITIONS)
    for path in tree_paths():
        document = json.loads(path.read_text("utf-8"))
        declared |= set(document.get("facts", {})) | set(document.get("pathways", {}))
    documented = set(re.findall(r"^\| `([\w-]+)` \|", VOCABULARY, flags=re.MULTILINE))
    assert documented - declared == set()


def test_vocabulary_doc_json_example_matches_resolve() -> None:
    from xborder_tree import load_tree

    block = re.search(r"```json\n(.*?)```", VOCABULARY, flags=re.DOTALL)
    assert block is not None
    example = json.loads(block.group(1).replace("\u2026", ""))
    tree = load_tree(ROOT / "trees" / f"{example['tree']}.json")
    facts = {step["fact"]: step["value"] for step in example["steps"]}
    actual = tree.resolve(facts, example["as_of"]).to_json()
    assert actual["steps"] == example["steps"] and set(actual) == set(example)
    assert {k: actual["outcome"][k] for k in ("node", "title", "verdict", "pathways")} == {
        k: example["outcome"][k] for k in ("node", "title", "verdict", "pathways")
    }
    assert set(actual["outcome"]) == set(example["outcome"])


def _readme_commands() -> list[str]:
    """The commands of the README's "Command line" block, continuation lines joined."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Command line\n.*?```bash\n(.*?)```", readme, flags=re.DOTALL)
    assert block is not None
    joined = block.group(1).replace("\\\n", " ")
    return [
        line.strip()
        for line in joined.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


@pytest.mark.exe
@pytest.mark.slow
@pytest.mark.parametrize("command", _readme_commands(), ids=lambda c: " ".join(c.split()[:2]))
def test_readme_command_line_examples_run(command: str, tmp_path: Path) -> None:
    """Each example as a new user types it (after `source .venv/bin/activate`), in a folder
    with the trees; interactive ones get `q` and quit."""
    (tmp_path / "trees").symlink_to(ROOT / "trees")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        env=env,
        input="q\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert command.startswith("xborder-tree ")
    comment = command.partition(" #")[2]
    allowed = {0, 1} if "exit 1 if" in comment else {0}  # e.g. review: something is overdue
    assert done.returncode in allowed, f"{command}\n{done.stdout[-2000:]}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    # each file written is there (a slide split in parts is numbered: slide-1.png, ...)
    for written in map(Path, re.findall(r"-o (\S+)", command.partition(" #")[0])):
        files = [tmp_path / written, *tmp_path.glob(f"{written.stem}-*{written.suffix}")]
        assert any(
            (f.is_file() and f.stat().st_size > 0) or (f.is_dir() and any(f.iterdir()))
            for f in files
        ), written  # a folder (site -o DIR) is written with files
