"""Explorer logic without a browser: Button.click() and the widgets' values."""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import comm
import pytest

from xborder_tree import DecisionTree, Walk, load_tree, tree_graph
from xborder_tree import export as export_module
from xborder_tree.report import why_sentences
from xborder_tree.vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from xborder_tree.widgets import Explorer, Panel, outcome_card_html, tree_outline_html

from .conftest import EXAMPLE

DATE = "2026-11-21"


def labels(explorer: Explorer) -> list[str]:
    """Descriptions of the visible answer buttons."""
    return [
        b.description for b in explorer.answer_buttons if "xt_hidden" not in b._dom_classes
    ]


def visible_crumbs(explorer: Explorer) -> list[str]:
    return [b.description for b in explorer.crumb_buttons if "xt_hidden" not in b._dom_classes]


def click_answer(explorer: Explorer, value: str) -> None:
    """Click the visible button that carries the CSS class of ``value``."""
    (button,) = [
        b
        for b in explorer.answer_buttons
        if f"xt_answer_{value}" in b._dom_classes and "xt_hidden" not in b._dom_classes
    ]
    button.click()


def download_links(explorer: Explorer) -> dict[str, tuple[str, bytes]]:
    """kind -> (file name, decoded bytes) of the prepared download links."""
    found = re.findall(
        r'class="xt_download xt_download_(\w+)" download="([^"]+)" '
        r'href="data:[^;]+(?:;charset=utf-8)?;base64,([A-Za-z0-9+/=]+)"',
        explorer.downloads.value,
    )
    return {kind: (name, base64.b64decode(data)) for kind, name, data in found}


@pytest.fixture
def explorer(example_tree: DecisionTree) -> Explorer:
    return Explorer(example_tree, date=DATE)


# ----------------------------------------------------------------- walking
@pytest.mark.exe
def test_answers_are_the_questions_answers_and_clicks_walk(
    explorer: Explorer, example_tree: DecisionTree
) -> None:
    root = example_tree.node(example_tree.root)
    assert labels(explorer) == [a.label for a in example_tree.answers(example_tree.root)]
    assert root["text"] in explorer.question.value and root["help"] in explorer.question.value
    assert explorer.back_button.disabled and visible_crumbs(explorer) == []
    assert explorer.diagram.path == ["citizenship"]

    click_answer(explorer, "us")
    assert explorer.walk.current == "work_location"
    assert labels(explorer) == ["In Canada", "Remotely from the US"]
    assert visible_crumbs(explorer) == ["1. Citizenship: US citizen"]  # no "?:"
    assert explorer.diagram.path == ["citizenship", "work_location"]
    assert not explorer.back_button.disabled
    assert "Where will you physically do the work?" in explorer.path_text.value

    click_answer(explorer, "in_canada")
    assert explorer.walk.outcome == "permit_needed"
    assert labels(explorer) == [] and explorer.question.value == ""
    assert "A Canadian work permit is needed" in explorer.outcome.value
    assert explorer.error.value == ""


@pytest.mark.exe
def test_back_breadcrumb_and_start_over(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    click_answer(explorer, "remote_from_us")
    explorer.back_button.click()
    assert explorer.walk.current == "work_location" and explorer.outcome.value == ""
    assert "Where will you physically do the work?" in explorer.question.value
    click_answer(explorer, "in_canada")
    explorer.crumb_buttons[0].click()
    assert explorer.walk.current == "citizenship" and explorer.walk.steps == ()
    assert visible_crumbs(explorer) == []
    click_answer(explorer, "us")
    explorer.restart_button.click()
    assert explorer.walk.path == ["citizenship"] and explorer.diagram.path == ["citizenship"]
    assert explorer.restart_button.disabled


@pytest.mark.exe
def test_outcome_card_shows_every_part(explorer: Explorer, example_tree: DecisionTree) -> None:
    click_answer(explorer, "us")
    click_answer(explorer, "in_canada")
    node = example_tree.node("permit_needed")
    card = explorer.outcome.value
    assert f'class="xt_badge xt_verdict_{node["verdict"]}">{VERDICTS[node["verdict"]]}<' in card
    assert "LMIA-based work permit" in card  # the pathway's name, not its code
    for text in [node["summary"], *node["next_steps"], *node["documents"], *node["caveats"]]:
        assert html.escape(text) in card
    citation = node["citations"][0]
    assert f'<a class="xt_citation" href="{citation["url"]}"' in card
    assert f"Last reviewed: {node['last_reviewed']}" in card
    assert NOT_LEGAL_ADVICE in card
    # "Why this outcome" says what each answer ruled in or out (the edge notes).
    for sentence in why_sentences(explorer.walk):
        assert html.escape(sentence) in explorer.why.value
    assert "needs authorization to work there" in explorer.why.value


def test_outcome_card_lists_corrected_misconceptions(example_data: dict[str, Any]) -> None:
    outcome = example_data["nodes"][2]
    outcome["misconceptions"] = [
        {
            "claim": "Citizens need a permit",
            "correction": "They do not",
            "citation": outcome["citations"][0],
        }
    ]
    card = outcome_card_html(tree_graph(example_data), outcome["id"])
    assert ("<strong>Misconception:</strong> <s>Citizens need a permit</s><br>"
            "<strong>Correction:</strong> They do not") in card


def test_tree_text_is_escaped_everywhere(example_data: dict[str, Any]) -> None:
    hostile = '<img src=x onerror="alert(1)">'
    example_data["nodes"][0]["help"] = hostile
    example_data["nodes"][2]["summary"] = hostile
    example_data["nodes"][2]["title"] = hostile
    example_data["edges"][0]["label"] = hostile
    tree = tree_graph(example_data)
    for html_text in (outcome_card_html(tree, "canadian_citizen"), tree_outline_html(tree)):
        assert "<img" not in html_text and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in (
            html_text
        )


# ----------------------------------------------------------------- errors and fallback
@pytest.mark.exe
def test_errors_inside_callbacks_are_shown_not_lost(explorer: Explorer) -> None:
    def broken(_: Explorer) -> None:
        raise RuntimeError("the panel broke")

    explorer.add_panel(Panel("Broken", explorer.why, broken))
    assert "Something went wrong (RuntimeError): the panel broke" in explorer.error.value
    click_answer(explorer, "us")  # the walk still moves; the error stays visible
    assert explorer.walk.current == "work_location"
    assert 'role="alert"' in explorer.error.value


def test_graphviz_missing_falls_back_to_text_only(
    example_tree: DecisionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "_LAYOUTS", type(export_module._LAYOUTS)())
    monkeypatch.setenv("PATH", "")
    explorer = Explorer(example_tree, date=DATE)
    assert explorer.text_only and "xt_hidden" in explorer.diagram._dom_classes
    assert "text-only mode" in explorer.diagram_notice.value
    assert "Graphviz &#x27;dot&#x27; executable not found" in explorer.diagram_notice.value
    assert "US citizen &rarr; question: Where will you" in explorer.outline.value
    click_answer(explorer, "us")
    click_answer(explorer, "in_canada")
    assert explorer.walk.outcome == "permit_needed" and explorer.error.value == ""
    explorer.prepare_button.click()
    links = download_links(explorer)
    assert sorted(links) == ["html", "md"]
    assert "Diagram files are not available" in explorer.downloads.value


def test_graphviz_timeout_message_is_shown(
    example_tree: DecisionTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_slow(*_: Any, **__: Any) -> str:
        raise export_module.GraphvizTimeout("Graphviz took longer than 30 s")

    monkeypatch.setattr("xborder_tree.widgets.laid_out_svg", too_slow)
    explorer = Explorer(example_tree)
    assert explorer.text_only and "took longer than 30 s" in explorer.diagram_notice.value


# ----------------------------------------------------------------- trees
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["id"], data["title"] = "second-tree", "A second tree"
    (tmp_path / "second-tree.json").write_text(json.dumps(data), "utf-8")
    data["nodes"][0]["kind"] = "puzzle"
    (tmp_path / "broken-tree.json").write_text(json.dumps(data), "utf-8")
    return tmp_path


@pytest.mark.exe
def test_picker_switches_trees_and_starts_over(folder: Path) -> None:
    explorer = Explorer(load_tree(folder / EXAMPLE.name), trees_folder=folder)
    assert len(explorer.picker.options) == 3  # the tree given is the catalog's, not a 4th entry
    # the format example is not in the menu of real trees, but the tree given is added to it
    assert [Path(path).name for _, path in explorer.picker.options] == [
        "broken-tree.json", "second-tree.json", EXAMPLE.name
    ]
    assert explorer.picker.label == load_tree(EXAMPLE).title
    click_answer(explorer, "us")
    explorer.select_tree(folder / "second-tree.json")
    assert explorer.tree.id == "second-tree" and explorer.walk.steps == ()
    assert explorer.diagram.prefix == "xt_second_tree_"
    assert 'id="xt_second_tree_n_citizenship"' in explorer.diagram.svg


@pytest.mark.exe
def test_broken_tree_in_picker_is_reported_with_its_place(folder: Path) -> None:
    explorer = Explorer(folder / EXAMPLE.name, trees_folder=folder)
    click_answer(explorer, "us")
    explorer.picker.value = str((folder / "broken-tree.json").resolve())
    message = explorer.error.value
    assert "Could not open that tree" in message and "broken-tree.json /nodes/0" in message
    assert explorer.picker.value == str((folder / EXAMPLE.name).resolve())
    assert explorer.walk.facts == {"citizenship": "us"}  # nothing lost


# ----------------------------------------------------------------- diagram
@pytest.mark.exe
def test_diagram_svg_has_the_element_ids_the_path_names(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    prefix, svg = explorer.diagram.prefix, explorer.diagram.svg
    for node in explorer.diagram.path:
        assert f'id="{prefix}n_{node}"' in svg
    assert f'id="{prefix}e_citizenship__work_location"' in svg
    assert "xt_on" not in svg  # the highlight is applied in the browser, by class
    explorer.set_theme("presentation")
    assert 'font-size="22.00"' in explorer.diagram.svg and "#000000" in explorer.diagram.css


# ----------------------------------------------------------------- downloads
@pytest.mark.exe
def test_downloads_hold_the_case_and_the_highlighted_diagram(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    click_answer(explorer, "in_canada")
    explorer.download_theme.value = "presentation"
    explorer.prepare_button.click()
    links = download_links(explorer)
    assert sorted(links) == ["html", "md", "pdf", "png", "pptx", "svg"]
    name, markdown = links["md"]
    assert name == "example-remote-work-case.md"
    text = markdown.decode("utf-8")
    assert "A Canadian work permit is needed" in text and DATE in text
    assert "https://laws.justice.gc.ca/eng/acts/i-2.5/section-30.html" in text
    assert b"<!DOCTYPE html>" in links["html"][1]
    name, svg = links["svg"]
    assert name == "example-remote-work-presentation.svg"
    lit = set(re.findall(rb'<g id="(\w+)" class="[^"]*xt_on', svg))
    assert lit == {
        b"xt_example_remote_work_n_citizenship",
        b"xt_example_remote_work_n_work_location",
        b"xt_example_remote_work_n_permit_needed",
        b"xt_example_remote_work_e_citizenship__work_location",
        b"xt_example_remote_work_e_work_location__permit_needed",
    }
    assert links["png"][1].startswith(b"\x89PNG") and links["pdf"][1].startswith(b"%PDF-")
    explorer.back_button.click()  # links describe a path: a new path clears them
    assert explorer.downloads.value == ""


# ----------------------------------------------------------------- panels hook
@pytest.mark.exe
def test_extra_panels_are_shown_and_refreshed(explorer: Explorer) -> None:
    import ipywidgets as W

    seen: list[str] = []
    box = W.HTML()

    def refresh(ex: Explorer) -> None:
        seen.append(ex.walk.current)
        box.value = f"at {ex.walk.current}"

    explorer.add_panel(Panel("Quiz", box, refresh))
    click_answer(explorer, "us")
    assert seen == ["citizenship", "work_location"] and box.value == "at work_location"
    (section,) = explorer.panel_box.children
    assert section.children[0].value == "<h3>Quiz</h3>" and section.children[1] is box


# ----------------------------------------------------------------- cost per click
def big_tree_document(depth: int) -> dict[str, Any]:
    """A full binary tree: 2**depth - 1 questions and 2**depth outcomes."""
    cite = json.loads(EXAMPLE.read_text("utf-8"))["sources"][0]
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def visit(bits: str) -> str:
        if len(bits) == depth:
            nodes.append(
                {
                    "id": f"o_{bits}", "kind": "outcome", "title": f"Outcome {bits}",
                    "summary": "Generated.", "verdict": "allowed", "pathways": ["ca-lmia"],
                    "next_steps": [], "documents": [], "caveats": [], "citations": [cite],
                    "last_reviewed": DATE,
                }
            )
            return f"o_{bits}"
        node = f"q_{bits or 'root'}"
        nodes.append(
            {
                "id": node, "kind": "question", "text": f"Question {bits or 'root'}?",
                "help": "Generated help text.", "fact": f"level_{len(bits)}",
            }
        )
        for value, bit in (("a", "0"), ("b", "1")):
            edges.append(
                {
                    "source": node, "target": visit(bits + bit), "label": f"Answer {value}",
                    "value": value, "note": f"Answer {value} rules out the other half.",
                }
            )
        return node

    visit("")
    return {
        "id": "generated-big", "title": "Generated", "version": "1.0.0", "last_reviewed": DATE,
        "summary": "Generated for tests.", "sources": [cite],
        "facts": {
            f"level_{i}": {"description": "level", "values": ["a", "b"]} for i in range(depth)
        },
        "nodes": nodes, "edges": edges,
    }


class RecordingComm(comm.DummyComm):  # type: ignore[misc]
    sent: ClassVar[list[tuple[str, int, dict[str, Any]]]] = []

    def publish_msg(self, msg_type: str, data: Any = None, *_: Any, **__: Any) -> None:
        RecordingComm.sent.append((msg_type, len(json.dumps(data)), data or {}))


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int, dict[str, Any]]]]:
    RecordingComm.sent = []
    monkeypatch.setattr(comm, "create_comm", RecordingComm)
    yield RecordingComm.sent


@pytest.mark.exe
@pytest.mark.slow
def test_an_answer_sends_little_and_never_runs_graphviz(
    recorded: list[tuple[str, int, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tree_graph(big_tree_document(10))
    assert len(tree) == 2047
    explorer = Explorer(tree)
    assert any(len(d.get("state", {}).get("svg", "")) > 1_000_000 for _, _, d in recorded)

    def no_graphviz(*_: Any, **__: Any) -> bytes:
        raise AssertionError("Graphviz ran during a click")

    monkeypatch.setattr(export_module, "run_dot", no_graphviz)
    walk = Walk(tree)
    for value in "abbabaabba":  # the last answer reaches an outcome
        recorded.clear()
        click_answer(explorer, value)
        walk.answer(value)
        assert [kind for kind, _, _ in recorded] == ["comm_msg"] * len(recorded)  # no new widgets
        assert sum(size for _, size, _ in recorded) < 4000
        assert not any("svg" in d.get("state", {}) for _, _, d in recorded)
        assert explorer.diagram.path == walk.path
    assert walk.is_complete and "xt_hidden" not in explorer.why._dom_classes
    assert explorer.error.value == ""


@pytest.mark.exe
@pytest.mark.parametrize("module", ["xborder_tree.widgets", "xborder_tree.diagram"])
def test_docstring_examples(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest
    import importlib

    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
