"""Quiz mode: a persona described in words; the trainee predicts each answer, then the outcome.

After each prediction the true step is revealed with its reason; at the end a summary scores
each persona and names the rules the trainee missed. Pure Python: the explorer, the notebook
and the CLI drive the same :class:`Quiz`.

Quiz sets (:mod:`xborder_tree.training.quiz_sets`) are trainer-written JSON files next to the trees
(``trees/<tree-id>.quiz.json``) or, without one, the tree's scenario file.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> quiz = Quiz(tree, load_quiz("trees/example-remote-work.quiz.json", tree))
>>> quiz.persona.id, quiz.stage, quiz.question
('commuter-from-buffalo', 'step', 'citizenship')
>>> quiz.predict("us").correct
True
>>> quiz.predict("remote_from_us").expected_label
'In Canada'
>>> quiz.predict("permit_needed").correct, quiz.stage
(True, 'persona_done')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model.dates import parse_as_of
from ..model.errors import FactError, StateError, UsageError
from ..model.tree import DecisionTree, Resolution
from ..model.wording import rule_in_words
from .quiz_sets import QuizPersona, QuizSet, default_quiz, load_quiz, quiz_for, quiz_path

__all__ = [
    "Feedback",
    "Quiz",
    "QuizPersona",
    "QuizSet",
    "default_quiz",
    "load_quiz",
    "quiz_for",
    "quiz_path",
]


@dataclass(frozen=True)
class Feedback:
    """What one prediction revealed."""

    persona: str
    node: str
    """The question, or the outcome for the final prediction."""
    predicted: str
    expected: str
    expected_label: str
    correct: bool
    reason: str
    rule: str | None
    """The persona's rule, given with the final prediction."""
    citations: tuple[dict[str, Any], ...]
    revealed: tuple[str, ...]
    """The persona's path up to and including the node revealed."""

    @property
    def source(self) -> str:
        """The official sources behind the answer, by title and publisher."""
        official = [c for c in self.citations if c.get("official")] or list(self.citations)
        return "; ".join(f"{c['title']}, {c['publisher']}" for c in official)


@dataclass
class PersonaScore:
    persona: QuizPersona
    steps: list[Feedback] = field(default_factory=list)
    outcome: Feedback | None = None

    @property
    def right(self) -> int:
        return sum(f.correct for f in self.steps) + bool(self.outcome and self.outcome.correct)

    @property
    def total(self) -> int:
        return len(self.steps) + (self.outcome is not None)


class Quiz:
    """One trainee working through a quiz set: ``predict`` until ``stage == 'done'``.

    Stages: ``step`` (predict the answer to :attr:`question`), ``outcome`` (predict the
    outcome), ``persona_done`` (call :meth:`next_persona`), ``done``.
    """

    def __init__(self, tree: DecisionTree, quiz: QuizSet, as_of: Any = None) -> None:
        if not quiz.personas:
            raise UsageError(f"the quiz {quiz.title!r} has no persona that reaches an outcome")
        self.tree = tree
        self.quiz = quiz
        self.as_of: dt.date = parse_as_of(as_of)
        """The date whose rules apply, unless a persona carries its own."""
        self.scores: list[PersonaScore] = [PersonaScore(quiz.personas[0])]
        self._resolution = self._resolve(quiz.personas[0])

    def _resolve(self, persona: QuizPersona) -> Resolution:
        return self.tree.resolve(persona.facts, persona.as_of or self.as_of).in_scope()

    # ----------------------------------------------------------------- state
    @property
    def persona(self) -> QuizPersona:
        return self.scores[-1].persona

    @property
    def resolution(self) -> Resolution:
        """Where the current persona's facts lead (the answer key)."""
        return self._resolution

    @property
    def stage(self) -> str:
        score = self.scores[-1]
        if score.outcome is None:
            return "step" if len(score.steps) < len(self._resolution.steps) else "outcome"
        last = len(self.scores) == len(self.quiz.personas)
        return "done" if last else "persona_done"

    @property
    def question(self) -> str | None:
        """The question to predict now (``None`` outside the ``step`` stage)."""
        if self.stage != "step":
            return None
        return self._resolution.steps[len(self.scores[-1].steps)].node

    @property
    def revealed(self) -> list[str]:
        """The current persona's path as revealed so far (ends at the node to predict)."""
        path = self._resolution.path
        score = self.scores[-1]
        return path[: len(score.steps) + 1 + (score.outcome is not None)]

    def choices(self) -> list[tuple[str, str]]:
        """``(value, label)`` pairs to choose from: the answers, or the outcomes."""
        if self.stage == "step":
            day = self._resolution.as_of
            return [(a.value, a.label) for a in self.tree.answers(self.question or "", day)]
        if self.stage == "outcome":
            return [(o, self._outcome_label(o)) for o in self.tree.outcomes]
        return []

    def _outcome_label(self, outcome: str) -> str:
        """The outcome's title: no pathway codes (jargon, and a giveaway)."""
        return str(self.tree.outcome_view(outcome, self._resolution.as_of)["title"])

    # ----------------------------------------------------------------- moves
    def predict(self, value: str) -> Feedback:
        """Record a prediction for the current question or the outcome; reveal the truth."""
        stage = self.stage
        if stage not in ("step", "outcome"):
            raise StateError(
                "nothing to predict: call next_persona()"
                if stage == "persona_done"
                else "the quiz is over: see summary()"
            )
        offered = [v for v, _ in self.choices()]
        if value not in offered:
            raise FactError(
                f"{value!r} is not a choice here (must be one of: {', '.join(offered)})"
            )
        score = self.scores[-1]
        outcome = self._resolution.outcome or ""
        citations = tuple(
            sorted(self.tree.node(outcome)["citations"], key=lambda c: not c["official"])
        )
        if stage == "step":
            step = self._resolution.steps[len(score.steps)]
            feedback = Feedback(
                self.persona.id,
                step.node,
                value,
                step.value,
                step.answer,
                value == step.value,
                step.note or self.tree.node(step.node)["help"],
                None,
                citations,
                tuple(self._resolution.path[: len(score.steps) + 2]),
            )
            score.steps.append(feedback)
            return feedback
        node = self.tree.outcome_view(outcome, self._resolution.as_of)
        feedback = Feedback(
            self.persona.id,
            outcome,
            value,
            outcome,
            self._outcome_label(outcome),
            value == outcome,  # two outcomes with the same pathways still differ
            node["summary"],
            rule_in_words(self.persona.rule),
            citations,
            tuple(self._resolution.path),
        )
        score.outcome = feedback
        return feedback

    def next_persona(self) -> QuizPersona:
        """Move on to the next persona once the outcome is predicted."""
        if self.stage != "persona_done":
            raise StateError(f"finish this persona first (stage: {self.stage})")
        persona = self.quiz.personas[len(self.scores)]
        self.scores.append(PersonaScore(persona))
        self._resolution = self._resolve(persona)
        return persona

    # ----------------------------------------------------------------- results
    def missed(self) -> list[Feedback]:
        """Every wrong prediction so far, in order."""
        return [
            f for s in self.scores for f in [*s.steps, s.outcome] if f is not None and not f.correct
        ]

    def persona_name(self, persona_id: str) -> str:
        """How a persona is named to the trainee: ``Persona 2 of 5`` (ids are internal)."""
        ids = [p.id for p in self.quiz.personas]
        return f"Persona {ids.index(persona_id) + 1} of {len(ids)}"

    def summary(self) -> str:
        """Scores per persona and in total, then the rules missed, in plain text."""
        lines = [f"Quiz: {self.quiz.title}"]
        for score in self.scores:
            steps = sum(f.correct for f in score.steps)
            verdict = (
                "-" if score.outcome is None else ("right" if score.outcome.correct else "wrong")
            )
            lines.append(
                f"  {self.persona_name(score.persona.id)}: {score.right}/{score.total} "
                f"(steps {steps}/{len(score.steps)}, outcome {verdict})"
            )
        right = sum(s.right for s in self.scores)
        total = sum(s.total for s in self.scores)
        lines.append(f"Total: {right}/{total}")
        missed = self.missed()
        if missed:
            lines.append("Rules you missed:")
        for f in missed:
            name = self.persona_name(f.persona)
            if f.rule is None:
                question = self.tree.node(f.node)["text"]
                lines.append(f'  - {name}: "{question}" is "{f.expected_label}": {f.reason}')
            else:
                lines.append(f"  - {name}: {f.rule} (source: {f.source})")
        return "\n".join(lines)
