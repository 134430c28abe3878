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
from xborder_tree.drawing import export as export_module
from xborder_tree.jupyter.widgets import Explorer, Panel, outcome_card_html, tree_outline_html
from xborder_tree.model.vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from xborder_tree.outputs.report import why_sentence

from .conftest import EXAMPLE

DATE = "2026-11-21"


def labels(explorer: Explorer) -> list[str]:
    """The answers the front end draws as buttons at the current node."""
    current = explorer.view.path[-1]
    return [a["label"] for a in explorer.view.data["answers"].get(current, [])]


def browser_sets(explorer: Explorer, **state: Any) -> None:
    """What the front end does on a click: an update message with the new state."""
    explorer.view._handle_msg(
        {
            "content": {"data": {"method": "update", "state": state, "buffer_paths": []}},
            "buffers": [],
        }
    )


def click_answer(explorer: Explorer, value: str) -> None:
    """Click the answer ``value`` as the browser does: send the path with its target."""
    (target,) = [
        a["target"]
        for a in explorer.view.data["answers"][explorer.view.path[-1]]
        if a["value"] == value
    ]
    browser_sets(explorer, path=[*explorer.view.path, target])


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
def test_data_holds_what_the_front_end_draws(
    explorer: Explorer, example_tree: DecisionTree
) -> None:
    data = explorer.view.data
    assert data["root"] == example_tree.root and data["prefix"] == "xt_example_remote_work_"
    root = example_tree.node(example_tree.root)
    assert data["nodes"]["citizenship"]["text"] == root["text"]
    assert data["nodes"]["citizenship"]["help"] == root["help"]
    for question in example_tree.questions:
        assert data["answers"][question] == [
            {
                "value": a.value,
                "label": a.label,
                "target": a.target,
                "note": a.note or "",
                "why": why_sentence(example_tree.node(question)["text"], a.label, a.note),
            }
            for a in example_tree.answers(question)
        ]
    for outcome in example_tree.outcomes:
        assert data["nodes"][outcome]["card"] == outcome_card_html(example_tree, outcome)
    json.dumps(data)  # plain JSON: the same blob can feed a page with no kernel


def test_a_click_in_the_browser_moves_the_walk(explorer: Explorer) -> None:
    assert explorer.view.path == ["citizenship"]
    assert labels(explorer) == [a.label for a in explorer.tree.answers("citizenship")]
    click_answer(explorer, "us")
    assert explorer.walk.current == "work_location" and explorer.walk.facts == {"citizenship": "us"}
    assert labels(explorer) == ["In Canada", "Remotely from the US"]
    click_answer(explorer, "in_canada")
    assert explorer.walk.outcome == "permit_needed" and labels(explorer) == []
    browser_sets(explorer, path=["citizenship"])  # a breadcrumb, Back or Start over
    assert explorer.walk.steps == () and explorer.error.value == ""


def test_a_path_outside_the_tree_is_refused(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    browser_sets(explorer, path=["citizenship", "permit_needed"])  # skips a question
    assert explorer.walk.path == ["citizenship", "work_location"]
    assert explorer.view.path == ["citizenship", "work_location"]  # sent back to the page
    assert "not in the tree" in explorer.error.value
    browser_sets(explorer, path=["work_location"])
    assert explorer.walk.path == ["citizenship", "work_location"]
    click_answer(explorer, "remote_from_us")
    assert explorer.walk.outcome == "outside_canada" and explorer.error.value == ""


def test_moves_from_python_reach_the_page(explorer: Explorer) -> None:
    explorer.answer("us")
    explorer.answer("remote_from_us")
    assert explorer.view.path == ["citizenship", "work_location", "outside_canada"]
    explorer.back()
    assert explorer.view.path == ["citizenship", "work_location"]
    explorer.jump(0)
    assert explorer.view.path == ["citizenship"]
    explorer.answer("canada")
    explorer.reset()
    assert explorer.view.path == explorer.walk.path == ["citizenship"]


def test_outcome_card_shows_every_part(example_tree: DecisionTree) -> None:
    node = example_tree.node("permit_needed")
    card = outcome_card_html(example_tree, "permit_needed")
    assert f'class="xt_badge xt_verdict_{node["verdict"]}">{VERDICTS[node["verdict"]]}<' in card
    assert "LMIA-based work permit" in card  # the pathway's name, not its code
    for text in [node["summary"], *node["next_steps"], *node["documents"], *node["caveats"]]:
        assert html.escape(text) in card
    citation = node["citations"][0]
    assert f'<a class="xt_citation" href="{citation["url"]}"' in card
    assert f"Last reviewed: {node['last_reviewed']}" in card
    assert NOT_LEGAL_ADVICE in card


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
    assert (
        "<strong>Misconception:</strong> <s>Citizens need a permit</s><br>"
        "<strong>Correction:</strong> They do not"
    ) in card


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

    import ipywidgets as W

    explorer.add_panel(Panel("Broken", W.HTML(), broken), open=True)
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
    assert not explorer.text_only  # the focus view needs no Graphviz
    explorer.show_map()
    assert explorer.text_only and explorer.view.map_svg == ""
    assert "text-only mode" in explorer.view.map_notice
    assert "Graphviz 'dot' executable not found" in explorer.view.map_notice
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

    monkeypatch.setattr("xborder_tree.jupyter.widgets.laid_out_svg", too_slow)
    explorer = Explorer(example_tree, view="map")
    assert explorer.text_only and "took longer than 30 s" in explorer.view.map_notice


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
        "broken-tree.json",
        "second-tree.json",
        EXAMPLE.name,
    ]
    assert explorer.picker.label == load_tree(EXAMPLE).title
    click_answer(explorer, "us")
    explorer.select_tree(folder / "second-tree.json")
    assert explorer.tree.id == "second-tree" and explorer.walk.steps == ()
    assert explorer.view.data["prefix"] == "xt_second_tree_"
    assert explorer.view.path == ["citizenship"]
    explorer.show_map()
    assert 'id="xt_second_tree_n_citizenship"' in explorer.view.map_svg


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
def test_whole_map_is_sent_when_shown_with_the_ids_the_path_names(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    assert explorer.view.map_svg == ""  # not laid out until someone asks for it
    browser_sets(explorer, view="map")
    prefix, svg = explorer.view.data["prefix"], explorer.view.map_svg
    for node in explorer.view.path:
        assert f'id="{prefix}n_{node}"' in svg
    assert f'id="{prefix}e_citizenship__work_location"' in svg
    assert "xt_on" not in svg  # the path is drawn by the browser, in an overlay
    explorer.set_theme("presentation")
    assert 'font-size="22.00"' in explorer.view.map_svg and "#000000" in explorer.view.map_css
    assert explorer.view.theme == "presentation"


# ----------------------------------------------------------------- downloads
@pytest.mark.exe
def test_quick_downloads_show_before_the_slides_are_made(explorer: Explorer) -> None:
    """The slides take seconds: the page first shows the other links and a note, then the
    same links with the slides."""
    click_answer(explorer, "us")
    shown: list[str] = []
    explorer.downloads.observe(lambda change: shown.append(change["new"]), "value")
    explorer.prepare_button.click()
    assert len(shown) == 2
    first, last = shown
    assert "xt_download_md" in first and "xt_download_svg" in first
    assert "xt_download_pptx" not in first and "Making the slides" in first
    assert "xt_download_pptx" in last and "Making the slides" not in last
    assert last.startswith(first.split('<p class="xt_pending">')[0])


@pytest.mark.exe
def test_downloads_hold_the_case_and_the_highlighted_diagram(explorer: Explorer) -> None:
    click_answer(explorer, "us")
    click_answer(explorer, "in_canada")
    explorer.set_theme("presentation")  # the diagram style is the style of the downloads too
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
    browser_sets(explorer, path=["citizenship", "work_location"])  # a new path clears them
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
    assert seen == []  # closed: a click costs the panel nothing
    *own, section = explorer.panel_box.children
    assert [s.panel.title for s in own] == ["Text description", "Downloads"]
    assert [t.description for t in explorer.tab_bar.children] == [
        "Explorer",
        "Quiz",
        "Text description",
        "Downloads",
    ]
    assert section.toggle.description == "Quiz" and box in section.body.children
    section.toggle.value = True  # opened: brought up to date once, in the explorer's place
    assert seen == ["work_location"] and box.value == "at work_location"
    assert explorer.view.layout.display == "none" and not explorer.explorer_tab.value
    own[1].toggle.value = True  # one tab at a time
    assert not section.toggle.value and explorer.view.layout.display == "none"
    explorer.explorer_tab.value = True  # back to the explorer: every panel closes
    assert not own[1].toggle.value and explorer.view.layout.display is None
    section.toggle.value = True
    click_answer(explorer, "in_canada")
    assert seen == ["work_location", "permit_needed"]
    section.toggle.value = False
    explorer.back()
    assert seen == ["work_location", "permit_needed"]


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
                    "id": f"o_{bits}",
                    "kind": "outcome",
                    "title": f"Outcome {bits}",
                    "summary": "Generated.",
                    "verdict": "allowed",
                    "pathways": ["ca-lmia"],
                    "next_steps": [],
                    "documents": [],
                    "caveats": [],
                    "citations": [cite],
                    "last_reviewed": DATE,
                }
            )
            return f"o_{bits}"
        node = f"q_{bits or 'root'}"
        nodes.append(
            {
                "id": node,
                "kind": "question",
                "text": f"Question {bits or 'root'}?",
                "help": "Generated help text.",
                "fact": f"level_{len(bits)}",
            }
        )
        for value, bit in (("a", "0"), ("b", "1")):
            edges.append(
                {
                    "source": node,
                    "target": visit(bits + bit),
                    "label": f"Answer {value}",
                    "value": value,
                    "note": f"Answer {value} rules out the other half.",
                }
            )
        return node

    visit("")
    return {
        "id": "generated-big",
        "title": "Generated",
        "version": "1.0.0",
        "last_reviewed": DATE,
        "summary": "Generated for tests.",
        "sources": [cite],
        "facts": {
            f"level_{i}": {"description": "level", "values": ["a", "b"]} for i in range(depth)
        },
        "nodes": nodes,
        "edges": edges,
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
    explorer = Explorer(tree, view="map")
    assert any(len(d.get("state", {}).get("map_svg", "")) > 1_000_000 for _, _, d in recorded)

    def no_graphviz(*_: Any, **__: Any) -> bytes:
        raise AssertionError("Graphviz ran during a click")

    monkeypatch.setattr(export_module, "run_dot", no_graphviz)
    walk = Walk(tree)
    for index, value in enumerate("abbabaabba"):  # the last answer reaches an outcome
        recorded.clear()
        if index % 2:
            explorer.answer(value)  # from Python: the kernel sends the path
        else:
            click_answer(explorer, value)  # from the page: the kernel only echoes it
        walk.answer(value)
        assert [kind for kind, _, _ in recorded] == ["comm_msg"]  # one message per click
        assert sum(size for _, size, _ in recorded) < 4000
        assert set(recorded[0][2]["state"]) == {"path"}
        assert explorer.view.path == walk.path
    assert walk.is_complete and explorer.error.value == ""
