"""A whole tree on slides: ``render --fit`` without ``--focus`` cuts it into subtree parts,
each a 16:9 slide with text at least 18 px high, titled, and linked to the part it continues."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import TREES
from tests.test_render_focus import png_size, text_heights
from xborder_tree import DecisionTree, load_tree
from xborder_tree.cli.main import main
from xborder_tree.drawing.render_parts import plan_tree_parts, render_tree_parts

pytestmark = pytest.mark.exe

SVG = "{http://www.w3.org/2000/svg}"
TREE_FILES = sorted(p for p in TREES.glob("*.json") if p.name.count(".") == 1)


@pytest.fixture(scope="module", params=[p.stem for p in TREE_FILES])
def tree(request: pytest.FixtureRequest) -> DecisionTree:
    return load_tree(TREES / f"{request.param}.json")


def titles(svg: bytes) -> list[str]:
    """The drawing's own texts (its title), not its nodes' and edges'."""
    root = ET.fromstring(svg)
    graph = root.find(f"{SVG}g")
    assert graph is not None

    def own(element: ET.Element) -> list[str]:
        found = []
        for child in element:
            if child.tag == f"{SVG}text":
                found.append(child.text or "")
            elif not {"node", "edge"} & set(child.get("class", "").split()):
                found += own(child)
        return found

    return own(graph)


def test_every_part_is_a_readable_slide_and_every_node_is_drawn(tree: DecisionTree) -> None:
    parts = plan_tree_parts(tree)
    svgs = render_tree_parts(tree, fmt="svg", parts=parts)
    drawn = {node for part in parts for node in part.nodes}
    assert drawn == set(tree.nodes), "no node left out"
    for part, svg in zip(parts, svgs, strict=True):
        assert min(text_heights(svg)) >= 18 - 0.01, (part.number, part.root)
        root = ET.fromstring(svg)
        assert (root.get("width"), root.get("height")) == ("1440pt", "810pt")
        assert len(part.nodes) >= 2 or part.elsewhere or part.continued, "never a lone node"
    if len(tree.nodes) > 20:
        assert len(parts) > 1, "a large tree is cut, not shrunk"


def test_parts_are_titled_and_linked_to_the_part_they_continue(tree: DecisionTree) -> None:
    parts = plan_tree_parts(tree)
    files = [f"t-{n}.svg" for n in range(1, len(parts) + 1)]
    svgs = render_tree_parts(tree, fmt="svg", parts=parts, link=lambda number: files[number - 1])
    for part, svg in zip(parts, svgs, strict=True):
        heading = " ".join(titles(svg))
        assert heading.startswith(f"Part {part.number} of {len(parts)}: ")
        text = svg.decode()
        if part.parent is None:
            assert part.root == tree.root and "continued from" not in heading
            continue
        assert f"(continued from part {part.parent})" in heading
        assert f'xlink:href="{files[part.parent - 1]}"' in text, "linked to its parent"
        parent = svgs[part.parent - 1].decode()
        assert f"continued in part {part.number}" in parent
        assert f'xlink:href="{files[part.number - 1]}"' in parent, "the parent links here"
        assert part.root in parts[part.parent - 1].nodes


def test_cli_draws_the_whole_tree_in_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tree.png"
    code = main(
        [
            "render",
            "work-in-canada-from-us",
            "--theme",
            "presentation",
            "--fit",
            "1920x1080",
            "-o",
            str(target),
        ]
    )
    out = capsys.readouterr().out
    files = sorted(tmp_path.glob("tree-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[0]))
    assert code == 0 and len(files) > 1 and not target.exists()
    assert out.splitlines() == [
        f"wrote {file} (presentation theme, part {n} of {len(files)})"
        for n, file in enumerate(files, 1)
    ]
    assert all(png_size(f.read_bytes()) == (1920, 1080) for f in files)
    code = main(
        [
            "render",
            "work-in-canada-from-us",
            "--fit",
            "1920x1080",
            "--fact",
            "citizenship=us",
            "-o",
            str(target),
        ]
    )
    assert code == 2 and "drop --fact" in capsys.readouterr().err
