"""``Explorer``: walk a decision tree in JupyterLab or Voila, with its live diagram.

>>> from xborder_tree import load_tree
>>> explorer = Explorer(load_tree("trees/example-remote-work.json"))
>>> explorer.answer_buttons[1].description
'US citizen'
>>> explorer.answer_buttons[1].click()
>>> explorer
<Explorer 'example-remote-work' at 'work_location'>

Every callback is a thin wrapper that calls :class:`~xborder_tree.walk.Walk` and then
:meth:`Explorer.refresh`; errors are shown in the interface (``explorer.error``).
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as W
import networkx as nx

from . import catalog
from .dates import parse_as_of
from .diagram import DiagramView, diagram_css
from .errors import GraphvizError, XborderError
from .export import laid_out_svg, render_bytes
from .render import THEMES, Highlight, default_prefix, off_date_css
from .report import case_html, case_markdown, pathway_name, safe_url, why_sentences
from .tree import DecisionTree, load_tree
from .vocabulary import NOT_LEGAL_ADVICE, VERDICTS
from .walk import Walk

__all__ = ["Explorer", "Panel", "outcome_card_html", "tree_outline_html"]

LAYOUT_TIMEOUT = 30.0
"""Seconds Graphviz may take to lay out the live diagram before text-only mode."""

_STYLE = """<style>
.xt_explorer .xt_hidden { display: none !important; }
.xt_explorer .xt_answer, .xt_explorer .xt_crumb { width: auto; height: auto; min-height: 2.2em;
  white-space: normal; text-align: left; line-height: 1.3; padding: 0.3em 0.8em; }
.xt_explorer .xt_answer { font-size: 1.05em; margin: 0.2em 0; max-width: 40em; }
.xt_explorer .xt_crumb { font-size: 0.9em; }
.xt_explorer .xt_card h3 { margin: 0.2em 0 0.4em; }
.xt_explorer .xt_badge { display: inline-block; padding: 0.15em 0.6em; border-radius: 1em;
  font-weight: bold; border: 2px solid; }
.xt_explorer .xt_verdict_allowed { background: #D4EFE4; border-color: #009E73; }
.xt_explorer .xt_verdict_permit_required { background: #D3E5F4; border-color: #0072B2; }
.xt_explorer .xt_verdict_not_compliant { background: #F8DCCB; border-color: #D55E00; }
.xt_explorer .xt_verdict_uncertain { background: #FCEBC5; border-color: #E69F00;
  border-style: dashed; }
.xt_explorer .xt_notice { font-style: italic; border-left: 4px solid #888; padding-left: 0.6em; }
.xt_explorer .xt_error_text { color: #8B0000; background: #FDECEA; padding: 0.4em 0.8em;
  border-left: 4px solid #D55E00; white-space: pre-wrap; }
.xt_explorer .xt_download { margin-right: 1.2em; }
.xt_explorer a[href] { color: #0B5CAD; text-decoration: underline; }
.xt_explorer a[href]:visited { color: #6A3D9A; }
.xt_explorer a[href]:hover, .xt_explorer a[href]:focus { color: #063A6E;
  text-decoration-thickness: 2px; }
</style>"""


@dataclass
class Panel:
    """An extra section of the explorer (quiz, "Why not?", ...).

    ``refresh(explorer)`` is called after every change of tree or walk; keep it cheap,
    since it runs on every click.
    """

    title: str
    widget: W.Widget
    refresh: Callable[[Explorer], None] | None = None


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _items(heading: str, items: Sequence[Any]) -> str:
    if not items:
        return ""
    return f"<h4>{_h(heading)}</h4><ul>" + "".join(f"<li>{_h(x)}</li>" for x in items) + "</ul>"


def _link(citation: Mapping[str, Any]) -> str:
    label = _h(f"{citation['title']}, {citation['publisher']}")
    kind = "official" if citation.get("official") else "secondary"
    url = safe_url(str(citation.get("url", "")))
    if url is None:
        return f"{label} ({kind})"
    return (
        f'<a class="xt_citation" href="{_h(url)}" target="_blank" '
        f'rel="noopener noreferrer">{label}</a> ({kind})'
    )


def outcome_card_html(tree: DecisionTree, node_id: str, as_of: Any = None) -> str:
    """The outcome card with the rules of ``as_of`` (today when ``None``): verdict badge,
    pathways, summary, steps, documents, caveats, corrected misconceptions, citations as
    links, review date and the notice.

    >>> from xborder_tree import load_tree
    >>> card = outcome_card_html(load_tree("trees/example-remote-work.json"), "permit_needed")
    >>> 'class="xt_badge xt_verdict_permit_required"' in card
    True
    """
    node = tree.outcome_view(node_id, as_of)
    verdict = node["verdict"]
    parts = [
        f'<div class="xt_card xt_outcome_card" data-outcome="{_h(node_id)}">',
        f'<h3 class="xt_outcome_title">{_h(node["title"])}</h3>',
        f'<p><span class="xt_badge xt_verdict_{_h(verdict)}">{_h(VERDICTS[verdict])}</span></p>',
        "<p><strong>Pathways:</strong> "
        + "; ".join(_h(pathway_name(tree, code)) for code in node["pathways"])
        + "</p>",
        f'<p class="xt_summary">{_h(node["summary"])}</p>',
        _items("Next steps", node.get("next_steps", [])),
        _items("Documents", node.get("documents", [])),
        _items("Caveats", node.get("caveats", [])),
    ]
    if node.get("misconceptions"):
        parts.append("<h4>Common misconceptions corrected</h4><ul>")
        for item in node["misconceptions"]:
            parts.append(
                f"<li><strong>Misconception:</strong> <s>{_h(item['claim'])}</s><br>"
                f"<strong>Correction:</strong> {_h(item['correction'])} "
                f"({_link(item['citation'])})</li>"
            )
        parts.append("</ul>")
    parts.append("<h4>Sources</h4><ul class='xt_citations'>")
    parts += [f"<li>{_link(c)}</li>" for c in node["citations"]]
    parts.append("</ul>")
    parts.append(f'<p class="xt_reviewed">Last reviewed: {_h(node["last_reviewed"])}</p>')
    parts.append(f'<p class="xt_notice" role="note">{_h(NOT_LEGAL_ADVICE)}</p></div>')
    return "".join(parts)


def tree_outline_html(tree: DecisionTree) -> str:
    """A text equivalent of the whole diagram: each question, its answers and where they lead.

    >>> from xborder_tree import load_tree
    >>> "US citizen &rarr; question: Where will you" in tree_outline_html(
    ...     load_tree("trees/example-remote-work.json"))
    True
    """

    def target(node_id: str) -> str:
        node = tree.node(node_id)
        if node["kind"] == "question":
            return f"question: {_h(node['text'])}"
        return f"outcome: {_h(node['title'])} ({_h(VERDICTS[node['verdict']])})"

    items = []
    for question in tree.questions:
        answers = "".join(
            f"<li>{_h(a.label)} &rarr; {target(a.target)}</li>" for a in tree.answers(question)
        )
        items.append(f"<li>{_h(tree.node(question)['text'])}<ul>{answers}</ul></li>")
    return (
        "<details class='xt_outline'><summary>Text description of the whole diagram "
        f"({len(tree.questions)} questions, {len(tree.outcomes)} outcomes)</summary>"
        f"<p>Starts at: {_h(tree.node(tree.root)['text'])}</p><ul>{''.join(items)}</ul></details>"
    )


def _path_lines(walk: Walk) -> list[str]:
    """The path in words, one HTML line per step, then where the person is now."""
    lines = [
        f"<p class='xt_path_item'>{i}. {_h(s.question)} &mdash; {_h(s.answer)}</p>"
        for i, s in enumerate(walk.steps, 1)
    ]
    node = walk.tree.node(walk.current)
    if walk.is_complete:
        lines.append(f"<p class='xt_path_item'>Outcome: {_h(node['title'])}</p>")
    else:
        lines.append(f"<p class='xt_path_item'>Now: {_h(node['text'])}</p>")
    return lines


class LineList(W.VBox):  # type: ignore[misc]
    """HTML lines, one widget each, so a change resends only the lines that changed.

    >>> lines = LineList("xt_demo")
    >>> lines.show(["<p>a</p>", "<p>b</p>"])
    >>> lines.value
    '<p>a</p><p>b</p>'
    """

    def __init__(self, css_class: str) -> None:
        super().__init__([])
        self.add_class(css_class)
        self._lines: list[str] = []

    @property
    def value(self) -> str:
        """The lines shown, joined (for tests and text export)."""
        return "".join(self._lines)

    def reserve(self, count: int) -> None:
        """Make ``count`` line widgets up front, so later lines cost no new widget."""
        items = list(self.children)
        while len(items) < count:
            items.append(W.HTML("").add_class("xt_line").add_class("xt_hidden"))
        if len(items) != len(self.children):
            self.children = tuple(items)

    def show(self, lines: Sequence[str]) -> None:
        self.reserve(len(lines))
        for index, item in enumerate(self.children):
            if index < len(lines):
                if item.value != lines[index]:
                    item.value = lines[index]
                item.remove_class("xt_hidden")
            else:
                item.add_class("xt_hidden")
        self._lines = list(lines)


def crumb_text(index: int, label: str, answer: str) -> str:
    """A breadcrumb: step number, the question's short label, the answer.

    >>> crumb_text(0, "Citizenship?", "US citizen")
    '1. Citizenship: US citizen'
    """
    return f"{index + 1}. {label.rstrip(' ?:')}: {answer}"


def _data_link(name: str, mime: str, data: bytes, text: str, kind: str) -> str:
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="xt_download xt_download_{kind}" download="{_h(name)}" '
        f'href="data:{mime};base64,{payload}">{_h(text)}</a>'
    )


def _tree_key(tree: DecisionTree) -> str:
    """The picker value of a tree: its file's absolute path, else a name of its own."""
    if tree.source and Path(tree.source).is_file():
        return str(Path(tree.source).resolve())
    return tree.source or f"<{tree.id}>"


def _tree_title(path: Path) -> str:
    try:
        return str(json.loads(path.read_text("utf-8"))["title"])
    except (OSError, ValueError, KeyError, TypeError):
        return path.stem


class Explorer(W.VBox):
    """Walk a tree question by question, with its diagram, outcome card and downloads.

    ``Explorer(tree)`` takes a :class:`DecisionTree`, a tree id or a path (default: the first
    tree of the **Tree** menu, :func:`catalog.menu_paths`). It displays itself in JupyterLab
    and Voila.

    Public parts (stable names and CSS classes, used by tests and by extra panels):
    ``walk``, ``picker`` (``xt_picker``), ``question`` (``xt_question_card``),
    ``answer_buttons`` (``xt_answer``, ``xt_answer_<value>``), ``crumb_buttons``
    (``xt_crumb``, ``xt_crumb_<step>``), ``back_button`` (``xt_back``), ``restart_button``
    (``xt_restart``), ``diagram`` (:class:`DiagramView`, ``xt_diagram_widget``),
    ``outcome`` (``xt_outcome_card_widget``), ``why`` (``xt_why``), ``path_text``,
    ``outline``, ``prepare_button`` (``xt_prepare``), ``downloads`` (``xt_downloads``),
    ``error`` (``xt_error``), ``rules_line`` ("Rules as of DATE", ``xt_rules_date``) and
    ``date_picker`` (``xt_as_of``): ``Explorer(..., as_of="2025-09-21")`` or
    :meth:`set_as_of` applies the rules of another date (default: today).

    Extension hook: pass ``panels=[Panel(title, widget, refresh)]`` or call
    :meth:`add_panel`. Each panel is shown as a titled section below the diagram, and its
    ``refresh(explorer)`` runs after every change (its errors appear in ``error``). A panel
    may drive the explorer through :meth:`answer`, :meth:`back`, :meth:`jump`,
    :meth:`reset` and :meth:`select_tree`, and read ``explorer.walk``.
    """

    def __init__(
        self,
        tree: DecisionTree | str | Path | None = None,
        *,
        theme: str = "screen",
        panels: Sequence[Panel] = (),
        trees_folder: str | Path | None = None,
        date: str | None = None,
        as_of: _dt.date | str | None = None,
    ) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
        self.date = date
        day = parse_as_of(as_of)
        self.panels: list[Panel] = []
        self._loaded: dict[str, DecisionTree] = {}
        options = [(_tree_title(p), str(p.resolve())) for p in catalog.menu_paths(trees_folder)]
        start = self._initial(tree, options)
        key = _tree_key(start)
        self._loaded[key] = start
        if key not in [value for _, value in options]:
            options.append((start.title, key))
        self.walk = Walk(start, day)
        self._tree_key = key
        self._graphviz_ok = True

        self.error = W.HTML("").add_class("xt_error")
        self.rules_line = W.HTML("").add_class("xt_rules_date")
        self.date_picker = W.DatePicker(
            value=day, description="Apply the rules of", layout=W.Layout(width="auto")
        ).add_class("xt_as_of")
        self.date_picker.style.description_width = "initial"
        self.date_picker.observe(self._on_date, names="value")
        self.picker = W.Dropdown(
            options=options, value=key, description="Tree", layout=W.Layout(width="auto")
        ).add_class("xt_picker")
        self.picker.style.description_width = "initial"
        self.picker.observe(self._on_pick, names="value")
        self.back_button = self._button("Back", "Undo the last answer", "xt_back", self._on_back)
        self.restart_button = self._button(
            "Start over", "Clear every answer and return to the first question", "xt_restart",
            self._on_restart,
        )
        self.crumbs_label = W.HTML("<strong>Your answers:</strong>")
        self.crumb_buttons: list[W.Button] = []
        self.crumbs = W.HBox([self.crumbs_label], layout=W.Layout(flex_flow="row wrap"))
        self.crumbs.add_class("xt_crumbs")
        self.question = W.HTML("").add_class("xt_question_card")
        self.answer_buttons: list[W.Button] = []
        self.answers_box = W.VBox([]).add_class("xt_answers")
        self.outcome = W.HTML("").add_class("xt_outcome_card_widget")
        self.why = LineList("xt_why")
        self.theme_picker = W.Dropdown(
            options=list(THEMES), value=theme, description="Diagram style"
        ).add_class("xt_theme")
        self.theme_picker.style.description_width = "initial"
        self.theme_picker.observe(self._on_theme, names="value")
        self.diagram = DiagramView().add_class("xt_diagram_widget")
        self.diagram_notice = W.HTML("").add_class("xt_diagram_notice")
        self.path_text = LineList("xt_path_text")
        self.outline = W.HTML("").add_class("xt_outline_widget")
        self.download_theme = W.Dropdown(
            options=list(THEMES), value=theme, description="Style of diagram files"
        ).add_class("xt_download_theme")
        self.download_theme.style.description_width = "initial"
        self.prepare_button = self._button(
            "Prepare downloads",
            "Make the case summary (Markdown, HTML) and the diagram with your path "
            "(SVG, PNG, PDF) ready to download",
            "xt_prepare",
            self._on_prepare,
        )
        self.downloads = W.HTML("").add_class("xt_downloads")
        self.panel_box = W.VBox([]).add_class("xt_panels")

        left = W.VBox(
            [self.question, self.answers_box, self.outcome, self.why],
            layout=W.Layout(flex="1 1 22em", min_width="18em", padding="0 1em 0 0"),
        ).add_class("xt_left")
        right = W.VBox(
            [self.theme_picker, self.diagram_notice, self.diagram],
            layout=W.Layout(flex="2 1 30em", min_width="20em"),
        ).add_class("xt_right")
        super().__init__(
            [
                W.HTML(_STYLE),
                W.HBox(
                    [self.picker, self.back_button, self.restart_button],
                    layout=W.Layout(flex_flow="row wrap", align_items="center"),
                ),
                W.HBox(
                    [self.rules_line, self.date_picker],
                    layout=W.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.error,
                self.crumbs,
                W.HBox([left, right], layout=W.Layout(flex_flow="row wrap", width="100%")),
                W.HTML("<h3>Text description</h3><h4>Your path, in words</h4>"),
                self.path_text,
                self.outline,
                W.HTML("<h3>Downloads</h3>"),
                W.HBox([self.download_theme, self.prepare_button]),
                self.downloads,
                self.panel_box,
            ]
        )
        self.add_class("xt_explorer")
        self._show_tree()
        for panel in panels:
            self.add_panel(panel)

    def __repr__(self) -> str:
        return f"<Explorer {self.tree.id!r} at {self.walk.current!r}>"

    # ----------------------------------------------------------------- set-up
    @staticmethod
    def _initial(
        tree: DecisionTree | str | Path | None, options: list[tuple[str, str]]
    ) -> DecisionTree:
        if isinstance(tree, DecisionTree):
            return tree
        if tree is None:
            if not options:
                raise XborderError(f"no tree files in {catalog.trees_dir()}: pass a tree or path")
            return load_tree(options[0][1])
        return load_tree(catalog.find_tree(tree))

    def _button(
        self, text: str, tooltip: str, css: str, handler: Callable[[W.Button], None]
    ) -> W.Button:
        button = W.Button(description=text, tooltip=tooltip, layout=W.Layout(width="auto"))
        button.add_class(css)
        button.on_click(handler)
        return button

    @property
    def tree(self) -> DecisionTree:
        return self.walk.tree

    @property
    def text_only(self) -> bool:
        """True when Graphviz failed and the diagram is replaced by its text description."""
        return not self._graphviz_ok

    def add_panel(self, panel: Panel) -> Panel:
        """Show ``panel`` below the diagram and refresh it after every change."""
        self.panels.append(panel)
        section = W.VBox([W.HTML(f"<h3>{_h(panel.title)}</h3>"), panel.widget])
        section.add_class("xt_panel")
        self.panel_box.children = (*self.panel_box.children, section)
        self._guard(lambda: self._refresh_panel(panel))
        return panel

    # ----------------------------------------------------------------- actions
    def answer(self, value: str) -> None:
        """Answer the current question with ``value`` (a fact value) and update the view."""
        self.walk.answer(value)
        self.refresh()

    def back(self) -> None:
        self.walk.back()
        self.refresh()

    def jump(self, step: int) -> None:
        """Return to step ``step`` (0 = first question), keeping the answers before it."""
        self.walk.jump(step)
        self.refresh()

    def reset(self) -> None:
        self.walk.reset()
        self.refresh()

    def select_tree(self, tree: DecisionTree | str | Path) -> None:
        """Switch to another tree (object, id or path) and start over."""
        if isinstance(tree, DecisionTree):
            key = _tree_key(tree)
            self._loaded[key] = tree
            if key not in [value for _, value in self.picker.options]:
                self.picker.options = [*self.picker.options, (tree.title, key)]
        else:
            key = str(Path(catalog.find_tree(tree)).resolve())
        self.picker.value = key  # runs _on_pick

    def set_theme(self, theme: str) -> None:
        self.theme_picker.value = theme

    @property
    def as_of(self) -> _dt.date:
        """The date whose rules the explorer applies."""
        return self.walk.as_of

    def set_as_of(self, as_of: _dt.date | str | None) -> None:
        """Apply the rules of another date (``None``: today), keeping the answers that are
        still offered on it."""
        self.walk = self.walk.on_date(as_of)
        if self.date_picker.value != self.walk.as_of:
            self.date_picker.value = self.walk.as_of  # runs _on_date: nothing left to change
        if not self.text_only:
            theme = self.theme_picker.value
            self.diagram.css = diagram_css(theme) + off_date_css(self.tree, self.walk.as_of)
        self.refresh()

    # ----------------------------------------------------------------- callbacks
    def _guard(self, action: Callable[[], object]) -> None:
        """Run ``action``; show any error in the interface instead of losing it in a log."""
        try:
            action()
        except XborderError as exc:
            self._show_error(str(exc))
        except Exception as exc:  # shown to the user, never swallowed
            self._show_error(f"Something went wrong ({type(exc).__name__}): {exc}")
        else:
            self._show_error("")

    def _show_error(self, message: str) -> None:
        self.error.value = (
            f'<div class="xt_error_text" role="alert">{_h(message)}</div>' if message else ""
        )

    def _on_answer(self, index: int) -> None:
        self._guard(lambda: self.answer(self.walk.answers()[index].value))
        self._focus_next()

    def _on_crumb(self, step: int) -> None:
        self._guard(lambda: self.jump(step))
        self._focus_next()

    def _on_back(self, _: W.Button) -> None:
        self._guard(self.back)
        if not self.walk.steps:  # Back is now disabled: keep the focus on the page
            self._focus_next()

    def _on_restart(self, _: W.Button) -> None:
        self._guard(self.reset)
        self._focus_next()

    def _focus_next(self) -> None:
        """Move the keyboard focus after a control that is hidden or disabled by its own
        click: to the first answer of the question, or to **Back** at an outcome."""
        if self.walk.is_complete:
            self.back_button.focus()
        elif self.answer_buttons:
            self.answer_buttons[0].focus()

    def _on_prepare(self, _: W.Button) -> None:
        self._guard(self.prepare_downloads)

    def _on_date(self, change: Mapping[str, Any]) -> None:
        if change["new"] is None:  # a cleared date field means today
            self._guard(lambda: self.set_as_of(None))
        elif change["new"] != self.walk.as_of:
            self._guard(lambda: self.set_as_of(change["new"]))

    def _on_theme(self, _: Mapping[str, Any]) -> None:
        self._guard(self._show_diagram)

    def _on_pick(self, change: Mapping[str, Any]) -> None:
        key = change["new"]
        try:
            tree = self._loaded.get(key) or load_tree(key)
        except (XborderError, OSError, ValueError) as exc:
            self.picker.unobserve(self._on_pick, names="value")
            self.picker.value = change["old"]
            self.picker.observe(self._on_pick, names="value")
            self._show_error(f"Could not open that tree; still showing {self.tree.title!r}.\n{exc}")
            return
        self._loaded[key] = tree
        self._tree_key = key
        self.walk = Walk(tree, self.walk.as_of)
        self._guard(self._show_tree)

    # ----------------------------------------------------------------- view
    def _show_tree(self) -> None:
        """Once per tree: the diagram layout, the outline; then the walk state."""
        self.outline.value = tree_outline_html(self.tree)
        depth = nx.dag_longest_path_length(self.tree.graph)
        self._grow_crumbs(depth)
        self.path_text.reserve(depth + 1)
        self.why.reserve(depth + 1)
        self._show_diagram()
        self.refresh()

    def _show_diagram(self) -> None:
        """Once per tree and theme: lay out (cached) and send the SVG; text-only on failure."""
        theme = self.theme_picker.value
        try:
            svg = laid_out_svg(self.tree, theme, timeout=LAYOUT_TIMEOUT)
        except GraphvizError as exc:
            self._graphviz_ok = False
            self.diagram_notice.value = (
                '<div class="xt_error_text" role="status">The diagram is not available, so '
                "the explorer runs in text-only mode (see the text description below). "
                f"{_h(exc)}</div>"
            )
            self.diagram.add_class("xt_hidden")
            with self.diagram.hold_sync():
                self.diagram.svg = ""
            return
        self._graphviz_ok = True
        self.diagram_notice.value = ""
        self.diagram.remove_class("xt_hidden")
        with self.diagram.hold_sync():
            self.diagram.prefix = default_prefix(self.tree)
            self.diagram.css = diagram_css(theme) + off_date_css(self.tree, self.walk.as_of)
            self.diagram.label = (
                f"Diagram of the tree: {self.tree.title}. A text description follows below."
            )
            self.diagram.path = list(self.walk.path)
            self.diagram.svg = svg

    def refresh(self) -> None:
        """Bring every part in line with ``walk``; sends only what changed."""
        walk, tree = self.walk, self.tree
        done = walk.is_complete
        self.rules_line.value = (
            f"<strong>Rules as of {walk.as_of.isoformat()}</strong>"
            f"{' (today)' if walk.as_of == _dt.date.today() else ''}"
        )
        self.diagram.path = list(walk.path)
        # The "why" lines follow every answer while hidden, so reaching an outcome sends
        # only the last sentence and the unhiding, not the whole explanation at once.
        self.why.show(
            ["<h4>Why this outcome</h4>"]
            + [f"<p class='xt_why_item'>{_h(s)}</p>" for s in why_sentences(walk)]
        )
        if done:
            self.question.value = ""
            self.outcome.value = outcome_card_html(tree, walk.current, walk.as_of)
            self.why.remove_class("xt_hidden")
        else:
            node = tree.node(walk.current)
            self.outcome.value = ""
            self.why.add_class("xt_hidden")
            self.question.value = (
                f'<div class="xt_card"><p class="xt_step">Question {len(walk.steps) + 1}</p>'
                f'<h3 class="xt_question_text">{_h(node["text"])}</h3>'
                f'<p class="xt_help">{_h(node.get("help", ""))}</p></div>'
            )
        self._show_answers(() if done else walk.answers())
        self._show_crumbs()
        self.back_button.disabled = not walk.steps
        self.restart_button.disabled = not walk.steps
        self.path_text.show(_path_lines(walk))
        self.downloads.value = ""
        for panel in self.panels:
            self._refresh_panel(panel)

    def _refresh_panel(self, panel: Panel) -> None:
        if panel.refresh is not None:
            panel.refresh(self)

    def _show_answers(self, answers: Sequence[Any]) -> None:
        while len(self.answer_buttons) < len(answers):
            index = len(self.answer_buttons)
            button = W.Button(layout=W.Layout(width="auto")).add_class("xt_answer")
            button.on_click(lambda _, i=index: self._on_answer(i))
            self.answer_buttons.append(button)
            self.answers_box.children = tuple(self.answer_buttons)
        for index, button in enumerate(self.answer_buttons):
            classes = [c for c in button._dom_classes if not c.startswith("xt_answer_")]
            if index < len(answers):
                answer = answers[index]
                classes = [c for c in classes if c != "xt_hidden"] + [f"xt_answer_{answer.value}"]
                with button.hold_sync():
                    button.description = answer.label
                    button.tooltip = answer.label
                    button._dom_classes = tuple(classes)
            elif "xt_hidden" not in classes:
                button._dom_classes = (*classes, "xt_hidden")

    def _grow_crumbs(self, count: int) -> None:
        """Make sure ``count`` breadcrumb buttons exist (created hidden, once)."""
        new = []
        while len(self.crumb_buttons) < count:
            index = len(self.crumb_buttons)
            button = W.Button(layout=W.Layout(width="auto"))
            button._dom_classes = ("xt_crumb", f"xt_crumb_{index}", "xt_hidden")
            button.on_click(lambda _, i=index: self._on_crumb(i))
            self.crumb_buttons.append(button)
            new.append(button)
        if new:
            self.crumbs.children = (self.crumbs_label, *self.crumb_buttons)

    def _show_crumbs(self) -> None:
        steps = self.walk.steps
        self._grow_crumbs(len(steps))
        for index, button in enumerate(self.crumb_buttons):
            if index < len(steps):
                step = steps[index]
                with button.hold_sync():
                    button.description = crumb_text(index, self.tree.label(step.node), step.answer)
                    button.tooltip = f"Change this answer: {step.question}"
                    button.remove_class("xt_hidden")
            else:
                button.add_class("xt_hidden")
        hint = "" if steps else " none yet"
        self.crumbs_label.value = f"<strong>Your answers:</strong>{hint}"

    # ----------------------------------------------------------------- downloads
    def _slides_link(self) -> str:
        """The walk so far as a slide deck (see :mod:`xborder_tree.deck`)."""
        from .deck import deck

        data = deck(self.tree, path=self.walk.path, as_of=self.walk.as_of)
        mime = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        return _data_link(f"{self.tree.id}-walk.pptx", mime, data, "Slides (PowerPoint)", "pptx")

    def prepare_downloads(self) -> None:
        """Make download links: the case summary (Markdown, HTML) and, when Graphviz works,
        the diagram with the current path (SVG, PNG, PDF) in the chosen style."""
        walk, tree = self.walk, self.tree
        date = self.date or _dt.date.today().isoformat()
        stem = f"{tree.id}-case"
        links = [
            _data_link(
                f"{stem}.md", "text/markdown;charset=utf-8",
                case_markdown(walk, date).encode("utf-8"), "Case summary (Markdown)", "md",
            ),
            _data_link(
                f"{stem}.html", "text/html;charset=utf-8",
                case_html(walk, date).encode("utf-8"), "Case summary (HTML)", "html",
            ),
        ]
        theme = self.download_theme.value
        mimes = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}
        problem = ""
        try:
            for fmt, mime in mimes.items():
                data = render_bytes(
                    tree, fmt, theme=theme, highlight=Highlight.from_walk(walk),
                    dpi=150 if fmt == "png" else None, timeout=LAYOUT_TIMEOUT,
                    as_of=walk.as_of,
                )
                links.append(
                    _data_link(
                        f"{tree.id}-{theme}.{fmt}", mime, data,
                        f"Diagram ({fmt.upper()}, {theme})", fmt,
                    )
                )
            links.append(self._slides_link())
        except GraphvizError as exc:
            problem = f'<p class="xt_error_text">Diagram files are not available: {_h(exc)}</p>'
        self.downloads.value = (
            "<p>" + "".join(links) + "</p>" + problem
        )
