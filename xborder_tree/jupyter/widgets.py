"""``Explorer``: walk a decision tree in JupyterLab or Voila, beside its diagram.

The visible explorer (trail, question, answers or outcome card, diagram) is one widget,
:class:`~xborder_tree.jupyter.diagram.ExplorerView`, drawn by the browser from the tree's data and
the path; a click there sends the new path, and this class checks it and keeps ``walk``
in step. The same moves are available from Python:

>>> from xborder_tree import load_tree
>>> explorer = Explorer(load_tree("trees/example-remote-work.json"))
>>> explorer.answer("us")
>>> explorer
<Explorer 'example-remote-work' at 'work_location'>
>>> explorer.view.path
['citizenship', 'work_location']

Errors are shown in the interface (``explorer.error``), never lost in a log.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..drawing.export import laid_out_svg
from ..drawing.render import THEMES, off_date_css
from ..loading import catalog
from ..loading.document import load_tree
from ..model.dates import parse_as_of
from ..model.errors import GraphvizError, UsageError, XborderError
from ..model.tree import DecisionTree
from ..model.walk import Walk
from ..outputs.cards import crumb_text, escape, outcome_card_html, tree_outline_html
from ..web.explorer_data import explorer_data, rule_years, walk_along
from ..web.styles import diagram_css
from .diagram import ExplorerView
from .downloads import download_links, slides_here, slides_link
from .panels import Panel, PanelSection

__all__ = ["Explorer", "Panel", "crumb_text", "outcome_card_html", "tree_outline_html"]

LAYOUT_TIMEOUT = 30.0
"""Seconds Graphviz may take to lay out the whole map before the explorer gives up on it."""

_STYLE = """<style>
.xt_explorer .xt_error_text { color: #8B0000; background: #FDECEA; padding: 0.4em 0.8em;
  border-left: 4px solid #D55E00; white-space: pre-wrap; }
.xt_explorer .xt_download { margin-right: 1.2em; }
.xt_explorer a[href] { color: #0B5CAD; text-decoration: underline; }
.xt_explorer a[href]:visited { color: #6A3D9A; }
.xt_explorer a[href]:hover, .xt_explorer a[href]:focus { color: #063A6E;
  text-decoration-thickness: 2px; }
.xt_explorer .xt_header { gap: 4px 12px; margin-bottom: 4px; }
.xt_explorer .xt_tabs { flex-wrap: wrap; gap: 4px; }
.xt_explorer .xt_tab { font-size: 14px; font-weight: bold; height: auto; padding: 2px 10px;
  border: 1px solid #44546A; border-radius: 4px; background: #fff; color: #1b1b1b;
  box-shadow: none; }
.xt_explorer .xt_tab:hover { background: #EEF2F7; }
.xt_explorer .xt_tab.mod-active { background: #44546A; color: #fff; }
.xt_explorer .xt_tab:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
</style>"""


def _excerpt(value: Any, limit: int = 60) -> str:
    """A value the page sent, as JSON, cut to ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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


class Explorer(W.VBox):  # type: ignore[misc]
    """Walk a tree question by question, beside its diagram, with downloads and panels.

    ``Explorer(tree)`` takes a :class:`DecisionTree`, a tree id or a path (default: the first
    tree of the **Tree** menu, :func:`catalog.menu_paths`). ``view="map"`` opens on the
    whole map instead of the focus view; ``depth`` is how many answers ahead the focus view
    shows.

    Parts: ``walk``, ``view`` (:class:`ExplorerView`, everything a click changes), ``picker``
    (``xt_picker``), ``theme_picker`` (``xt_theme``, the style of the diagram on screen and in
    the downloads), ``tab_bar`` (``xt_tabs``: "Explorer", then one tab per panel), ``outline``,
    ``prepare_button`` (``xt_prepare``) and ``downloads`` (``xt_downloads``) in the
    "Downloads" tab, ``error`` (``xt_error``). In the browser: ``xt_answer_<value>``,
    ``xt_crumb_<step>``, ``xt_back``, ``xt_restart``, ``xt_question_text``,
    ``xt_outcome_title``, ``xt_why_item``, the date field ``xt_as_of``; diagram nodes and
    edges carry the element ids of :mod:`xborder_tree.drawing.render`.

    ``Explorer(..., as_of="2025-09-21")``, :meth:`set_as_of` or the page's "Rules as of" field
    (``view.as_of``) applies the rules of another date (default: today) within the years the
    tree's rules cover (:func:`~xborder_tree.web.explorer_data.rule_years`).

    Extension hook: ``panels=[Panel(title, widget, refresh)]`` or :meth:`add_panel`. Each
    panel is a tab beside "Explorer", shown in its place, and is refreshed only while open. A
    panel may drive the explorer through :meth:`answer`, :meth:`back`, :meth:`jump`,
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
        view: str = "focus",
        depth: int = 2,
        as_of: _dt.date | str | None = None,
    ) -> None:
        if theme not in THEMES:
            raise UsageError(f"unknown theme: {theme!r} (must be one of {sorted(THEMES)})")
        if view not in ("focus", "map"):
            raise UsageError(f"unknown view: {view!r} (must be one of ['focus', 'map'])")
        self.date = date
        day = parse_as_of(as_of)
        self.panels: list[Panel] = []
        self._sections: list[PanelSection] = []
        self._loaded: dict[str, DecisionTree] = {}
        options = [(_tree_title(p), str(p.resolve())) for p in catalog.menu_paths(trees_folder)]
        start = self._initial(tree, options)
        key = _tree_key(start)
        self._loaded[key] = start
        if key not in [value for _, value in options]:
            options.append((start.title, key))
        self.walk = Walk(start, day)

        self.error = W.HTML("").add_class("xt_error")
        self.picker = W.Dropdown(
            options=options, value=key, description="Tree", layout=W.Layout(width="auto")
        ).add_class("xt_picker")
        self.picker.style.description_width = "initial"
        self.picker.observe(self._on_pick, names="value")
        self.theme_picker = W.Dropdown(
            options=list(THEMES),
            value=theme,
            description="Diagram style",
            layout=W.Layout(width="auto"),
        ).add_class("xt_theme")
        self.theme_picker.style.description_width = "initial"
        self.theme_picker.observe(lambda _: self._guard(self._show_theme), names="value")
        self.view = ExplorerView(depth=depth, theme=theme, map_css=diagram_css(theme))
        self.view.add_class("xt_view_widget")
        self.view.observe(self._on_path, names="path")
        self.view.on_refused(self._on_refused)
        self.view.observe(self._on_date, names="as_of")
        self.view.observe(lambda _: self._guard(self._show_map), names="view")
        self.outline = W.HTML("").add_class("xt_outline_widget")
        self.prepare_button = W.Button(
            description="Prepare downloads",
            tooltip="Make the case summary (Markdown, HTML), the diagram with your path "
            "(SVG, PNG, PDF, in the diagram style chosen above) and the slides ready to download",
            layout=W.Layout(width="auto"),
        ).add_class("xt_prepare")
        self.prepare_button.on_click(lambda _: self._guard(self.prepare_downloads))
        self.downloads = W.HTML("").add_class("xt_downloads")
        # The explorer and each panel are tabs: one shows at a time, below the tab bar, so
        # the explorer fills the window and every panel is one click away.
        self.explorer_tab = (
            W.ToggleButton(
                value=True,
                description="Explorer",
                tooltip="The questions and the diagram",
                layout=W.Layout(width="auto"),
            )
            .add_class("xt_tab")
            .add_class("xt_tab_explorer")
        )
        self.explorer_tab.observe(self._on_explorer_tab, names="value")
        self.tab_bar = W.HBox([self.explorer_tab]).add_class("xt_tabs")
        self.panel_box = W.VBox([]).add_class("xt_panels")
        super().__init__(
            [
                W.HTML(_STYLE),
                W.HBox(
                    [self.picker, self.theme_picker, self.tab_bar],
                    layout=W.Layout(flex_flow="row wrap", align_items="center"),
                ).add_class("xt_header"),
                self.error,
                self.view,
                self.panel_box,
            ]
        )
        self.add_class("xt_explorer")
        self._show_tree()
        if view == "map":
            self.show_map()
        for panel in panels:
            self.add_panel(panel)
        # The explorer's own tabs, after the panels: not in ``panels``.
        self._add_section(Panel("Text description", self.outline), own=True)
        self._add_section(
            Panel("Downloads", W.VBox([self.prepare_button, self.downloads])), own=True
        )

    def __repr__(self) -> str:
        return f"<Explorer {self.tree.id!r} at {self.walk.current!r}>"

    def preview_text(self) -> str:
        """What a notebook shows where the explorer cannot be drawn (its cells not yet run,
        or a viewer without widgets): the tree, the question reached and how to walk it."""
        node = self.tree.node(self.walk.current)
        where = (
            f"Outcome: {node['title']}"
            if self.walk.is_complete
            else f"Question {len(self.walk.steps) + 1}: {node['text']}"
        )
        return (
            f'Explorer of the tree "{self.tree.title}" (rules as of '
            f"{self.walk.as_of.isoformat()}). {where} Run the notebook's cells to walk "
            "it beside its diagram."
        )

    def preview_html(self) -> str:
        """:meth:`preview_text` as HTML, with the answers offered and the text description of
        the whole tree (every tree string escaped)."""
        answers = "".join(f"<li>{escape(a.label)}</li>" for a in self.walk.answers())
        return (
            f'<div class="xt_preview"><p><strong>{escape(self.preview_text())}</strong></p>'
            + (f"<ul>{answers}</ul>" if answers else "")
            + tree_outline_html(self.tree)
            + "</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The widget, and a readable preview for where it cannot be drawn: a notebook
        opened before its cells run shows the preview, not the object's repr."""
        bundle: dict[str, Any] | None = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/plain"] = self.preview_text()
            bundle["text/html"] = self.preview_html()
        return bundle

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

    @property
    def tree(self) -> DecisionTree:
        return self.walk.tree

    @property
    def text_only(self) -> bool:
        """True when Graphviz could not draw the whole map (the focus view needs no Graphviz)."""
        return bool(self.view.map_notice)

    def add_panel(self, panel: Panel, *, open: bool = False) -> Panel:
        """Add ``panel`` as a tab beside "Explorer" (opened, in place of the explorer, if
        ``open``)."""
        section = self._add_section(panel)
        section.toggle.value = open
        return panel

    def _add_section(self, panel: Panel, *, own: bool = False) -> PanelSection:
        section = PanelSection(panel, self._guard, open=False)
        section.toggle.add_class("xt_tab")
        section.toggle.observe(self._on_tab, names="value")
        if not own:
            self.panels.append(panel)
        self._sections.append(section)
        self.panel_box.children = (*self.panel_box.children, section)
        ordered = [s for s in self._sections if s.panel in self.panels] + [
            s for s in self._sections if s.panel not in self.panels
        ]
        self.tab_bar.children = (self.explorer_tab, *(s.toggle for s in ordered))
        section.changed(self)
        return section

    def _on_tab(self, change: Mapping[str, Any]) -> None:
        """A panel's tab: one panel open at a time, the explorer shown when none is."""
        if change["new"]:
            for section in self._sections:
                if section.toggle is not change["owner"]:
                    section.toggle.value = False
        shown = not any(section.is_open for section in self._sections)
        self.view.layout.display = None if shown else "none"
        if self.explorer_tab.value != shown:
            self.explorer_tab.value = shown

    def _on_explorer_tab(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            for section in self._sections:
                section.toggle.value = False
        elif not any(section.is_open for section in self._sections):
            self.explorer_tab.value = True  # the explorer stays shown until a panel opens

    def open_panel(self, title: str, open: bool = True) -> None:
        """Open (or close) the panel called ``title``, as its toggle does."""
        for section in self._sections:
            if section.panel.title == title:
                section.toggle.value = open
                return
        raise XborderError(f"no panel called {title!r}: the panels are {self._panel_titles()}")

    def _panel_titles(self) -> list[str]:
        return [section.panel.title for section in self._sections]

    # ----------------------------------------------------------------- moves
    def answer(self, value: str) -> None:
        """Answer the current question with ``value`` (a fact value)."""
        self.walk.answer(value)
        self._moved()

    def back(self) -> None:
        self.walk.back()
        self._moved()

    def jump(self, step: int) -> None:
        """Return to step ``step`` (0 = first question), keeping the answers before it."""
        self.walk.jump(step)
        self._moved()

    def reset(self) -> None:
        self.walk.reset()
        self._moved()

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
        day = parse_as_of(as_of)
        first, last = rule_years(self.tree)
        if not first <= day.year <= last:
            raise XborderError(
                f"the rules of {self.tree.title!r} cover {first} to {last}: "
                f"{day.isoformat()} is outside them; pick a date in those years"
            )
        self.walk = self.walk.on_date(day)
        self._show_tree()

    def show_map(self, whole: bool = True) -> None:
        """Show the whole map (``True``) or the focus view (``False``)."""
        self.view.view = "map" if whole else "focus"
        self._guard(self._show_map)

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
        value = ""
        if message:
            value = f'<div class="xt_error_text" role="alert">{escape(message)}</div>'
        if self.error.value != value:
            self.error.value = value

    def _on_path(self, change: Mapping[str, Any]) -> None:
        """The browser sent a new path: believe it only if it follows the tree."""
        path = list(change["new"])
        if path == self.walk.path:
            return
        try:
            self.walk = walk_along(self.tree, path, self.walk.as_of)
        except XborderError as exc:
            self.view.path = self.walk.path
            self._show_error(f"That step is not in the tree ({exc}); the path is unchanged.")
            return
        self._show_error("")
        self._changed()  # a panel that fails shows its own error

    def _on_refused(self, names: Sequence[str], sent: Mapping[str, Any]) -> None:
        """The browser sent a value of the wrong type: it was sent the last good state back."""
        shown = ", ".join(f"{name}={_excerpt(sent.get(name))}" for name in names)
        self._show_error(
            f"The page sent something the explorer cannot use ({shown}); it stays where it was."
        )

    def _on_date(self, change: Mapping[str, Any]) -> None:
        """The page's date field asked for another date (it has checked the form)."""
        asked = change["new"]
        if not asked or asked == self.walk.as_of.isoformat():
            return
        self._guard(lambda: self.set_as_of(asked))
        if self.view.as_of != self.walk.as_of.isoformat():  # refused: the field shows the date
            self.view.as_of = self.walk.as_of.isoformat()

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
        self.walk = Walk(tree, self.walk.as_of)
        self._guard(self._show_tree)

    # ----------------------------------------------------------------- view
    def _moved(self) -> None:
        self.view.path = self.walk.path
        self._changed()

    def _changed(self) -> None:
        """After every change of path or tree: clear stale downloads, tell the panels."""
        if self.downloads.value:
            self.downloads.value = ""
        for section in self._sections:
            section.changed(self)

    def _show_tree(self) -> None:
        """Once per tree and date: its data and outline; the whole map again only if shown."""
        day = self.walk.as_of
        self.outline.value = tree_outline_html(self.tree, open=True)
        with self.view.hold_sync():
            self.view.data = explorer_data(self.tree, as_of=day)
            self.view.as_of = day.isoformat()
            self.view.map_css = self._map_css()
            self.view.path = self.walk.path
            self.view.map_svg = ""
            self.view.map_notice = ""
            self.view.label = f"Whole diagram of the tree: {self.tree.title}."
        self._show_map()
        self._changed()

    def _show_theme(self) -> None:
        theme = self.theme_picker.value
        with self.view.hold_sync():
            self.view.theme = theme
            self.view.map_css = self._map_css()
            self.view.map_svg = ""
        self._show_map()

    def _map_css(self) -> str:
        """The path's style on the whole map, and dashes on what is not in force that day
        (the map is laid out once for every date)."""
        return diagram_css(self.theme_picker.value) + off_date_css(self.tree, self.walk.as_of)

    def _show_map(self) -> None:
        """Lay out the whole map (cached per tree and style) when it is shown and missing."""
        if self.view.view != "map" or self.view.map_svg or self.view.map_notice:
            return
        try:
            svg = laid_out_svg(self.tree, self.theme_picker.value, timeout=LAYOUT_TIMEOUT)
        except GraphvizError as exc:
            self.view.map_notice = (
                "The whole map is not available, so the explorer shows your path only "
                f"(text-only mode for the map; see the text description below). {exc}"
            )
            return
        self.view.map_svg = svg

    # ----------------------------------------------------------------- downloads
    def prepare_downloads(self) -> None:
        """Make download links: the case summary (Markdown, HTML) and, when Graphviz works,
        the diagram with the current path (SVG, PNG, PDF) in the chosen style; then the
        slides, which take seconds, so the quick links show first."""
        date = self.date or _dt.date.today().isoformat()
        theme = self.theme_picker.value
        if not slides_here():  # no python-pptx (the browser): the links say what is missing
            self.downloads.value = download_links(
                self.walk, date, theme=theme, timeout=LAYOUT_TIMEOUT, slides=True
            )
            return
        links = download_links(self.walk, date, theme=theme, timeout=LAYOUT_TIMEOUT, slides=False)
        self.downloads.value = links + '<p class="xt_pending">Making the slides...</p>'
        try:
            slides = f"<p>{slides_link(self.walk)}</p>"
        except GraphvizError:
            slides = ""  # download_links has already said why diagrams are not available
        self.downloads.value = links + slides
