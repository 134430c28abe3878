"""Training panels for the explorer: quiz mode, "Why not?" and "Every tree".

Each is a :class:`~xborder_tree.jupyter.widgets.Panel` added through the explorer's documented
hook, so the explorer itself stays unchanged. The quiz has its own diagram and its own state:
nothing it does moves the explorer's path, and the explorer's clicks never change the quiz.

>>> explorer = training_explorer("example-remote-work")  # doctest: +SKIP
>>> quiz = explorer.panels[0].widget  # doctest: +SKIP
>>> quiz.start_button.click()  # doctest: +SKIP

Stable CSS classes (used by the browser test): ``xt_quiz_start``, ``xt_quiz_persona``,
``xt_quiz_prompt``, ``xt_quiz_choice`` / ``xt_quiz_choice_<value>``, ``xt_quiz_feedback``,
``xt_quiz_score``, ``xt_quiz_next``, ``xt_quiz_summary``; ``xt_whynot_pick``,
``xt_whynot_result``, ``xt_whynot_apply``; ``xt_everywhere``.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..drawing.render import default_prefix
from ..loading.catalog import menu_paths
from ..loading.document import load_tree
from ..model.errors import XborderError
from ..model.tree import DecisionTree
from ..model.vocabulary import OUT_OF_SCOPE
from ..outputs.fact_notes import address
from ..outputs.report import safe_url
from ..training.everytree import TreeResult, resolve_everywhere
from ..training.quiz import Feedback, Quiz, quiz_for
from ..training.whynot import why_not
from ..web.explorer_data import explorer_data
from .diagram import ExplorerView
from .widgets import Explorer, Panel

__all__ = ["QUIZ_PREFIX", "EverywherePanel", "QuizPanel", "WhyNotPanel", "training_explorer"]

QUIZ_PREFIX = "quiz_"
"""Put before the element ids of the quiz's diagram, so they differ from the explorer's."""


def _h(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _citations(citations: Sequence[Mapping[str, Any]]) -> str:
    items = []
    for c in citations:
        label = _h(f"{c['title']}, {c['publisher']}")
        url = safe_url(c["url"])
        link = f'<a href="{_h(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'
        items.append(f"<li>{link if url else label}</li>")
    return "<ul class='xt_citations'>" + "".join(items) + "</ul>"


def _button(text: str, css: str) -> W.Button:
    return W.Button(description=text, layout=W.Layout(width="auto")).add_class(css)


class QuizPanel(W.VBox):  # type: ignore[misc]
    """Quiz mode: read the persona, predict each answer, then the outcome.

    After each prediction the quiz's own diagram (``diagram``, beside the choices) reveals
    the persona's path up to that point. The explorer's path is never touched.
    """

    def __init__(self) -> None:
        self.explorer: Explorer | None = None
        self.quiz: Quiz | None = None
        self._tree: DecisionTree | None = None
        self.start_button = _button("Start the quiz", "xt_quiz_start")
        self.start_button.on_click(lambda _: self.start())
        self.persona = W.HTML("").add_class("xt_quiz_persona")
        self.prompt = W.HTML("").add_class("xt_quiz_prompt")
        self.choices = W.VBox([]).add_class("xt_quiz_choices")
        self.feedback = W.HTML("").add_class("xt_quiz_feedback")
        self.score = W.HTML("").add_class("xt_quiz_score")
        self.next_button = _button("Next persona", "xt_quiz_next")
        self.next_button.on_click(lambda _: self.next_persona())
        self.summary = W.HTML("").add_class("xt_quiz_summary")
        self.diagram = ExplorerView(mode="diagram", depth=1).add_class("xt_quiz_diagram")
        controls = W.VBox(
            [
                self.start_button,
                self.persona,
                self.prompt,
                self.choices,
                self.feedback,
                self.score,
                self.next_button,
            ],
            layout=W.Layout(flex="1 1 22em", min_width="16em", padding="0 1em 0 0"),
        )
        self.diagram.layout = W.Layout(flex="2 1 28em", min_width="18em")
        super().__init__(
            [W.HBox([controls, self.diagram], layout=W.Layout(flex_flow="row wrap")), self.summary]
        )
        self.add_class("xt_quiz")
        self._show()

    # ----------------------------------------------------------------- hook
    def refresh(self, explorer: Explorer) -> None:
        """Panel hook: a new tree in the explorer ends the quiz; nothing else reaches it."""
        self.explorer = explorer
        if explorer.tree is not self._tree:
            self._tree = explorer.tree
            self.quiz = None
            self._show()

    # ----------------------------------------------------------------- actions
    def start(self) -> None:
        """Start (or restart) the quiz of the explorer's tree."""
        if self.explorer is None:
            return
        tree = self.explorer.tree
        try:
            day = self.explorer.as_of
            quiz_set = quiz_for(tree, Path(tree.source or f"{tree.id}.json"), day)
            self.quiz = Quiz(tree, quiz_set, day)
        except XborderError as exc:
            self.quiz = None
            self._show(f"No quiz for this tree: {exc}")
            return
        self.summary.value = ""
        self._show()

    def predict(self, value: str) -> Feedback:
        if self.quiz is None:
            raise XborderError("start the quiz first")
        feedback = self.quiz.predict(value)
        self._show(feedback=feedback)
        return feedback

    def next_persona(self) -> None:
        if self.quiz is not None and self.quiz.stage == "persona_done":
            self.quiz.next_persona()
            self._show()

    # ----------------------------------------------------------------- display
    def _show(self, message: str = "", feedback: Feedback | None = None) -> None:
        quiz = self.quiz
        self.start_button.description = "Start the quiz" if quiz is None else "Restart the quiz"
        if quiz is None:
            self.persona.value = (
                f"<p>{_h(message)}</p>"
                if message
                else ("<p>Predict each answer for a described person, then the outcome.</p>")
            )
            for part in (self.prompt, self.feedback, self.score):
                part.value = ""
            self.choices.children = ()
            self.next_button.layout.display = "none"
            self.diagram.layout.display = "none"
            return
        tree = quiz.tree
        self.persona.value = (
            f"<p><strong>{_h(quiz.persona_name(quiz.persona.id))}</strong></p>"
            f"<blockquote>{_h(quiz.persona.persona)}</blockquote>"
        )
        stage = quiz.stage
        if stage == "step":
            prompt = tree.node(quiz.question or "")["text"]
        elif stage == "outcome":
            prompt = "Which outcome applies?"
        else:
            prompt = ""
        self.prompt.value = f"<h4>{_h(prompt)}</h4>" if prompt else ""
        buttons = []
        for value, label in quiz.choices():
            button = _button(label, "xt_quiz_choice").add_class(f"xt_quiz_choice_{value}")
            button.on_click(lambda _, v=value: self.explorer_guard(v))
            buttons.append(button)
        self.choices.children = tuple(buttons)
        self.feedback.value = _feedback_html(tree, feedback) if feedback else ""
        current = quiz.scores[-1]
        total_right = sum(s.right for s in quiz.scores)
        total = sum(s.total for s in quiz.scores)
        self.score.value = (
            f"<p>This persona: {current.right}/{current.total}. Overall: {total_right}/{total}.</p>"
        )
        self.next_button.layout.display = None if stage == "persona_done" else "none"
        if stage == "done":
            self.summary.value = "<h4>Summary</h4><pre>" + _h(quiz.summary()) + "</pre>"
        day = (quiz.persona.as_of or quiz.as_of).isoformat()  # the persona's rules
        with self.diagram.hold_sync():
            if (self.diagram.data.get("id"), self.diagram.data.get("as_of")) != (tree.id, day):
                self.diagram.data = explorer_data(tree, QUIZ_PREFIX + default_prefix(tree), day)
            self.diagram.path = list(quiz.revealed)
        self.diagram.layout.display = None

    def explorer_guard(self, value: str) -> None:
        """A choice button's handler: errors go to the explorer's error area."""
        try:
            self.predict(value)
        except XborderError as exc:
            self.feedback.value = f'<p class="xt_error_text">{_h(exc)}</p>'


def _feedback_html(tree: DecisionTree, feedback: Feedback) -> str:
    head = "Right." if feedback.correct else f"Not quite: the answer is {feedback.expected_label}."
    css = "xt_quiz_right" if feedback.correct else "xt_quiz_wrong"
    parts = [f'<p class="{css}"><strong>{_h(head)}</strong> {_h(feedback.reason)}</p>']
    if feedback.rule:
        parts.append(
            f'<p class="xt_quiz_rule"><strong>Rule:</strong> {_h(feedback.rule)} '
            f"(source: {_h(feedback.source)})</p>"
        )
    parts.append(
        "<details><summary>Citations</summary>" + _citations(feedback.citations) + "</details>"
    )
    return "".join(parts)


class WhyNotPanel(W.VBox):  # type: ignore[misc]
    """ "Why not?": pick an outcome the walk did not reach; see the fewest changes and the rule."""

    def __init__(self) -> None:
        self.explorer: Explorer | None = None
        self.pick = W.Dropdown(description="Why not", options=[("(choose an outcome)", "")])
        self.pick.add_class("xt_whynot_pick")
        self.pick.observe(lambda _: self._show(), names="value")
        self.result = W.HTML("").add_class("xt_whynot_result")
        self.apply_button = _button("Show that path", "xt_whynot_apply")
        self.apply_button.on_click(lambda _: self.apply())
        super().__init__([self.pick, self.result, self.apply_button])
        self.add_class("xt_whynot")

    def refresh(self, explorer: Explorer) -> None:
        self.explorer = explorer
        tree = explorer.tree
        options = [("(choose an outcome)", "")] + [
            (str(tree.node(o)["title"]), o) for o in tree.outcomes if o != explorer.walk.outcome
        ]
        if list(self.pick.options) != options:
            keep = self.pick.value if self.pick.value in dict(options).values() else ""
            with self.pick.hold_trait_notifications():
                self.pick.options = options
                self.pick.value = keep
        self._show()

    def _show(self) -> None:
        if self.explorer is None or not self.pick.value:
            self.result.value = ""
            self.apply_button.layout.display = "none"
            return
        explorer = self.explorer
        result = why_not(explorer.tree, explorer.walk.facts, self.pick.value, explorer.as_of)
        groups = "".join(
            f"<p>{'And ' + heading if index else heading.capitalize()}:</p><ol>"
            + "".join(f"<li>{_h(c)}</li>" for c in changes)
            + "</ol>"
            for index, (heading, changes) in enumerate(result.sections())
        )
        self.result.value = (
            groups
            + f'<p class="xt_whynot_rule"><strong>Rule:</strong> {_h(result.rule)}</p>'
            + (f"<p>{_h(result.help)}</p>" if result.help else "")
            + _citations(result.citations)
        )
        self.apply_button.layout.display = None

    def apply(self) -> None:
        """Walk the explorer along the path that reaches the chosen outcome."""
        if self.explorer is None or not self.pick.value:
            return
        target = self.pick.value
        day = self.explorer.as_of
        result = why_not(self.explorer.tree, self.explorer.walk.facts, target, day)
        self.explorer.reset()
        for question, nxt in zip(result.path, result.path[1:], strict=False):
            offered = self.explorer.tree.answers(question, day)
            value = next(a.value for a in offered if a.target == nxt)
            self.explorer.answer(value)


class EverywherePanel(W.HTML):  # type: ignore[misc]
    """The walk's facts run through every tree of the catalog, one row per tree."""

    def __init__(self, trees: Sequence[DecisionTree] | None = None) -> None:
        super().__init__("")
        self.add_class("xt_everywhere")
        self._trees = list(trees) if trees is not None else None

    def refresh(self, explorer: Explorer) -> None:
        facts = explorer.walk.facts
        if not facts:
            self.value = "<p>Answer a question to see what every tree makes of it.</p>"
            return
        if self._trees is None:
            self._trees = [load_tree(path) for path in menu_paths()]  # no format examples
        own = explorer.tree
        trees = [own] + [t for t in self._trees if t.id != own.id and set(t.facts()) & set(facts)]
        rows = "".join(
            f"<tr><th scope='row'>{_h(r.tree.title)}</th><td class='xt_every_{r.status}'>"
            f"{_every_cell(r, facts, explorer.as_of)}</td></tr>"
            for r in resolve_everywhere(facts, trees, as_of=explorer.as_of)
        )
        self.value = f"<table class='xt_every_table'>{rows}</table>"


def _every_cell(row: TreeResult, facts: Mapping[str, str], as_of: _dt.date) -> str:
    """One tree's answer in words: its outcome, "asks more: ...", or "not this tree's
    question, see ..." with links opening the trees that answer it, the facts carried over."""
    if row.status != "out_of_scope" or not row.see:
        return _h(row.headline())
    links = "; ".join(
        f'<a href="{_h(address(tree.id, facts, as_of))}">{_h(tree.title)}</a>' for tree in row.see
    )
    return f"{_h(OUT_OF_SCOPE)}, see: {links}"


def training_explorer(
    tree: DecisionTree | str | Path | None = None, *, open_quiz: bool = False, **kwargs: Any
) -> Explorer:
    """An :class:`Explorer` with the quiz, "Why not?" and "Every tree" panels (closed,
    except the quiz when ``open_quiz``)."""
    explorer = Explorer(tree, **kwargs)
    quiz, whynot, every = QuizPanel(), WhyNotPanel(), EverywherePanel()
    explorer.add_panel(Panel("Quiz", quiz, quiz.refresh), open=open_quiz)
    explorer.add_panel(Panel("Why not?", whynot, whynot.refresh))
    explorer.add_panel(Panel("This situation in every tree", every, every.refresh))
    return explorer
