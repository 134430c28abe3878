"""The slides of a walk's deck, laid out on :mod:`.deck_layout` (see :mod:`.deck`).

Layout, in points on a 960 x 540 slide. Text slides: the title across the top (36 to 24 pt,
growing rather than shrinking), the text below, split onto "continued" slides when it does
not fit. Diagram slides: the title across the top, the focus diagram across the whole width
below it, and a band with the answer (or verdict) and the step counter. The diagram is drawn
for its region of a 1920 x 1080 slide at one pixel per slide pixel, so the focus view's rule
(text at least 18 px high on the slide) holds; a path too long for one slide comes in
numbered parts, one slide each.

>>> Layout.body().width
888.0
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..drawing.export import run_dot
from ..drawing.render_focus import plan_one_slide, plan_slides
from ..model.tree import Step
from .deck_layout import (
    MIN_PT,
    SLIDE_H,
    SLIDE_W,
    Para,
    Picture,
    Rect,
    add_picture,
    add_slide,
    add_text,
    balanced_pages,
    clean,
    lines,
    new_presentation,
    pages,
    short_title,
    title_size,
    to_bytes,
)
from .deck_walk import (
    ANSWER_COLOUR,
    NOTICE,
    VERDICT_COLOURS,
    DeckWalk,
    citation_line,
    citation_note,
    outcome_view,
    pathway_words,
    verdict_words,
)

__all__ = ["Layout", "build_deck", "focus_pictures", "focus_sources"]

MARGIN = 36.0
BODY_PT = 24
HEADING_PT = 28
SMALL_PT = MIN_PT
DETAIL_PT = MIN_PT
"""The outcome's details are packed at the smallest size a room still reads."""
DETAIL_HEAD_PT = 22
COLUMN_GAP = 24.0
COUNTER_W = 200.0
PX_PER_PT = 1920 / SLIDE_W
MAX_DIAGRAM_PX = 60.0
"""Largest node text of a deck's diagram, in pixels of a 1920x1080 slide: a short path grows
to fill the diagram area up to it."""
LARGER = 1.4
"""How much larger the text must get for a diagram to leave out the answers not taken at
earlier questions."""
SLIDE_PX = (1920, 1080)
"""The slide in pixels: diagrams are drawn for a region of it at one image pixel per slide
pixel, so the focus view's 18-pixel rule holds on the slide itself."""


class Layout:
    """Boxes of the slide."""

    @staticmethod
    def title(text: str) -> tuple[Rect, int, str]:
        """The title's box, size and the text shown: at most three lines; a longer title is
        cut with an ellipsis, and the caller shows it whole in the slide's body."""
        width = SLIDE_W - 2 * MARGIN
        shown = short_title(text, width)
        size = title_size(shown, width)
        count = max(1, lines(shown, size, width - 14.4, bold=True))
        height = count * size * 1.2 + 14
        return Rect(MARGIN, 14, width, height), size, shown

    @staticmethod
    def body(top: float = 118.0, bottom: float = SLIDE_H - 24) -> Rect:
        return Rect(MARGIN, top, SLIDE_W - 2 * MARGIN, bottom - top)


def focus_pictures(walk: DeckWalk, upto: int, box: Rect, depth: int) -> list[Picture]:
    """The focus diagram of :func:`focus_sources` as pictures, one per part."""
    return [
        Picture.from_png(run_dot(source, "png", dpi=96))
        for source in focus_sources(walk, upto, box, depth)
    ]


def focus_sources(walk: DeckWalk, upto: int, box: Rect, depth: int) -> list[str]:
    """The DOT sources of the focus diagram of the path up to node ``upto`` fitted to
    ``box``, answers drawn as chips and the answer given at ``upto`` taken (see
    ``render_focus.plan_slides``).

    One drawing when the text can stay at least 18 px: the whole path with the answers not
    taken, unless leaving out those of earlier questions (their slides show them) makes the
    text ``LARGER``; else without them;
    else, for a question, the end of the path with a mark for the earlier answers. An
    outcome's path that still cannot fit is cut into parts, one drawing each. A question
    still to answer shows ``depth`` (at most 1) levels ahead.
    """

    tree, path = walk.tree, walk.path[: upto + 1]
    answered = walk.steps[upto].value if upto < len(walk.steps) else None
    pending = answered is None and not tree.is_outcome(path[-1])
    fit = (int(box.width * PX_PER_PT), int(box.height * PX_PER_PT))
    options: dict[str, Any] = {
        "fit": fit,
        "depth": min(depth, 1) if pending else 0,
        "as_of": walk.as_of,
        "slide_height": SLIDE_PX[1],
        "answered": answered,
    }
    starts = range(max(len(path) - 1, 1)) if answered is not None else range(1)
    for start in starts:
        full, bare = (
            plan_one_slide(tree, path[start:], stubs=stubs, max_text_px=MAX_DIAGRAM_PX, **options)
            for stubs in (True, False)
        )
        if full is not None and (bare is None or bare.zoom < LARGER * full.zoom):
            return [full.source]
        if bare is not None:
            return [bare.source]
    slides = plan_slides(tree, path, theme="presentation", chips=True, stubs=False, **options)
    return [slide.source for slide in slides]


@dataclass
class _Deck:
    walk: DeckWalk
    depth: int
    pictures: Callable[[DeckWalk, int, Rect, int], list[Picture]]

    def __post_init__(self) -> None:
        self.pptx = new_presentation()
        self.details: list[Para] = []
        self.details_notes: list[str] = []

    # ------------------------------------------------------------------ helpers
    def slide(self, title: str, notes: str) -> tuple[object, Rect]:
        box, size, shown = Layout.title(title)
        return add_slide(self.pptx, shown, box, size, notes), box

    def text_slides(
        self, title: str, paras: Sequence[Para], notes: str, footer: Sequence[Para] = ()
    ) -> None:
        """``paras`` under ``title`` on as many slides as they need (``title (continued)``);
        ``footer`` repeated at the bottom of each."""
        head, _, _ = Layout.title(title + " (continued)")
        if Layout.title(title)[2] != clean(title):
            paras = [Para(title, HEADING_PT, bold=True, space_before=0), *paras]
        footer_height = sum(p.height(SLIDE_W - 2 * MARGIN) for p in footer)
        body = Layout.body(head.bottom + 8, SLIDE_H - 20 - footer_height)
        for number, page in enumerate(pages(paras, body.width, body.height)):
            slide, box = self.slide(title if number == 0 else f"{title} (continued)", notes)
            add_text(slide, Layout.body(box.bottom + 8, body.bottom), page)
            if footer:
                add_text(
                    slide, Rect(MARGIN, body.bottom + 4, body.width, footer_height + 8), footer
                )

    def diagram_area(self) -> Rect:
        """The diagram's box, the same on every diagram slide of the deck (the outcome's as
        large as a step's, nothing moving as the presenter goes on): below the tallest title,
        above the tallest answer or verdict band."""
        walk, tree = self.walk, self.walk.tree
        titles = [step.question for step in walk.steps]
        bands = [f"Answer: {step.answer}" for step in walk.steps]
        if walk.complete:
            view = outcome_view(tree, walk.end, walk.as_of)
            titles.append(f"Outcome: {view['title']}")
            bands.append(f"Verdict: {verdict_words(view['verdict'])}")
        else:
            titles.append(f"Next question: {tree.node(walk.end)['text']}")
        width = SLIDE_W - 2 * MARGIN - COUNTER_W
        top = max(Layout.title(title)[0].bottom for title in titles) + 2
        band = max(
            Para(short_title(text, width, HEADING_PT, max_lines=2), HEADING_PT, bold=True).height(
                width
            )
            for text in [*bands, "Not answered yet"]
        )
        band = max(band, 2 * SMALL_PT * 1.2 + 6) + 8
        return Rect(12, top, SLIDE_W - 24, SLIDE_H - top - band - 12)

    def diagram_slides(
        self, title: str, upto: int, band: Sequence[Para], notes: str, alt: str
    ) -> None:
        """``title`` across the top, the focus diagram of the path up to ``upto`` across the
        slide's width, ``band`` below it (the answer or verdict on the left, the step counter
        on the right). One slide per part of the diagram."""
        head, size, shown = Layout.title(title)
        width = SLIDE_W - 2 * MARGIN
        answer, counter = band[0], list(band[1:])
        short = short_title(answer.text, width - COUNTER_W, answer.size, max_lines=2)
        if shown != clean(title) or short != clean(answer.text):
            # too long for the diagram slide: shown whole on a text slide first
            self.text_slides(title, [replace(answer, space_before=18)], notes)
            answer = replace(answer, text=short)
        area = self.diagram_area()
        band_h = SLIDE_H - area.bottom - 12
        parts = self.pictures(self.walk, upto, area, self.depth)
        for number, picture in enumerate(parts, 1):
            slide = add_slide(self.pptx, shown, head, size, notes)
            add_picture(slide, picture, area, alt)
            if picture.words:
                words = short_title(picture.words, width, BODY_PT, max_lines=3)
                said = [Para(words, BODY_PT, align="center")]
                add_text(slide, Rect(MARGIN, area.top + area.height * 0.62, width, 120), said)
            low = Rect(MARGIN, area.bottom + 4, width - COUNTER_W, band_h)
            add_text(slide, low, [answer], anchor="middle")
            right = list(counter)
            if len(parts) > 1:
                right.append(Para(f"Diagram {number} of {len(parts)}", SMALL_PT, align="right"))
            if right:
                box = Rect(SLIDE_W - MARGIN - COUNTER_W, area.bottom + 4, COUNTER_W, band_h)
                add_text(slide, box, right, anchor="middle")

    # ------------------------------------------------------------------ slides
    def title_slide(self) -> None:
        walk, tree = self.walk, self.walk.tree
        day = walk.as_of or datetime.date.today()
        dated = f"Rules as of {day.isoformat()}"
        notes = [
            f"This deck walks one person through: {tree.title}",
            f"Who: {walk.persona_words()}",
            f"What the tree covers: {tree.meta.get('summary', '')}",
            f"{dated}. Tree {tree.id}, version {tree.meta.get('version', '')}.",
        ]
        footer = [Para(dated, SMALL_PT, bold=True), Para(NOTICE, SMALL_PT)]
        persona = Para(walk.persona_words(), 28, space_before=16)
        self.text_slides(tree.title, [persona], "\n\n".join(notes), footer)

    def step_slides(self) -> None:
        walk, tree = self.walk, self.walk.tree
        sources = self.source_notes()
        count = len(walk.steps)
        for index, step in enumerate(walk.steps):
            node = tree.node(step.node)
            notes = [
                f"Question: {step.question}",
                f"Help: {node.get('help', '')}",
                "Answers offered: "
                + "; ".join(a.label for a in tree.answers(step.node, walk.as_of)),
                f"Why this answer: {walk.why(step)}",
                f"Rule behind this step: {self.rule(step)}",
                sources,
            ]
            band = [
                Para(f"Answer: {step.answer}", HEADING_PT, bold=True, color=ANSWER_COLOUR),
                Para(f"Step {index + 1} of {count}", SMALL_PT, align="right"),
            ]
            self.diagram_slides(
                step.question,
                index,
                band,
                "\n\n".join(notes),
                f"Diagram: the path so far, with the question {step.question!r} highlighted",
            )

    def end_slides(self) -> None:
        walk, tree = self.walk, self.walk.tree
        why = [walk.why(step) for step in walk.steps]
        if not walk.complete:
            node = tree.node(walk.end)
            band = [Para("Not answered yet", HEADING_PT, bold=True)]
            notes = f"The walk stops at this question.\n\nHelp: {node.get('help', '')}"
            self.diagram_slides(
                f"Next question: {node['text']}",
                len(walk.steps),
                band,
                notes,
                "Diagram: the path so far and the question still to answer",
            )
            return
        view = outcome_view(tree, walk.end, walk.as_of)
        verdict = verdict_words(view["verdict"])
        colour = VERDICT_COLOURS.get(view["verdict"])
        notes = "\n\n".join(
            [f"Outcome: {view['title']}", view["summary"], "Why this outcome:", *why]
        )
        self.diagram_slides(
            f"Outcome: {view['title']}",
            len(walk.steps),
            [Para(f"Verdict: {verdict}", HEADING_PT, bold=True, color=colour)],
            notes,
            f"Diagram: the whole path to the outcome {view['title']!r}",
        )
        details = [
            Para(
                f"Verdict: {verdict}",
                DETAIL_HEAD_PT,
                bold=True,
                color=colour,
                space_before=0,
                keep_with_next=True,
                topic="verdict",
            ),
            Para(view["summary"], DETAIL_PT, space_before=4, topic="verdict"),
            *self.section("Pathways", pathway_words(tree, view["pathways"])),
            *self.section("Next steps", view["next_steps"]),
            *self.section("Documents to carry", view["documents"], "documents"),
            *self.section("Caveats", view["caveats"]),
        ]
        if view["misconceptions"]:
            details.append(self.heading("Common misconceptions, corrected", "misconceptions"))
        for item in view["misconceptions"]:
            details += [
                Para(
                    f"Claim: {item['claim']}",
                    DETAIL_PT,
                    bullet=True,
                    space_before=6,
                    keep_with_next=True,
                    topic="misconceptions",
                ),
                Para(
                    f"Correction: {item['correction']}",
                    DETAIL_PT,
                    space_before=2,
                    indent=True,
                    topic="misconceptions",
                ),
            ]
        fixes = [
            f"{item['claim']} -> {citation_note(item['citation'])}"
            for item in view["misconceptions"]
        ]
        day = (walk.as_of or datetime.date.today()).isoformat()
        self.details = details
        self.details_notes = [
            f"What this outcome means, for the rules of {day}: the verdict, pathways, next "
            "steps, documents to carry, caveats (what is not settled, or what else applies) "
            "and common misconceptions corrected.",
            *fixes,
        ]

    def detail_slides(self) -> None:
        """The outcome's details, then the sources, packed in two columns at 18 to 22 pt on
        as few slides as they need; each slide is titled by the topics it holds."""
        paras = [*self.details, *self.source_paras()]
        notes = "\n\n".join([*self.details_notes, self.source_notes()])
        head = Rect(MARGIN, 14, SLIDE_W - 2 * MARGIN, 36 * 1.2 + 14)
        body = Layout.body(head.bottom + 4, SLIDE_H - 16)
        width = (body.width - COLUMN_GAP) / 2
        columns = balanced_pages(paras, width, body.height, even=2)
        for number in range(0, len(columns), 2):
            shown = columns[number : number + 2]
            topics = list(dict.fromkeys(p.topic for column in shown for p in column if p.topic))
            title = topic_title(topics)
            if lines(title, 24, head.width - 14.4, bold=True) > 1:
                title = "The outcome in detail"
            size = title_size(title, head.width, max_lines=1)
            slide = add_slide(self.pptx, title, head, size, notes)
            for offset, column in enumerate(shown):
                left = body.left + offset * (width + COLUMN_GAP)
                add_text(slide, Rect(left, body.top, width, body.height), column)

    @staticmethod
    def heading(text: str, topic: str | None = None) -> Para:
        return Para(
            text,
            DETAIL_HEAD_PT,
            bold=True,
            space_before=10,
            keep_with_next=True,
            topic=topic or text.lower(),
        )

    @classmethod
    def section(cls, heading: str, items: Sequence[str], topic: str | None = None) -> list[Para]:
        if not items:
            return []
        topic = topic or heading.lower()
        return [
            cls.heading(heading, topic),
            *(Para(item, DETAIL_PT, bullet=True, space_before=3, topic=topic) for item in items),
        ]

    def rule(self, step: Step) -> str:
        """The rule behind a step in words, with the official source it rests on."""
        official = [c for c in self.walk.citations() if c["official"]]
        cited = (
            f" (official source of the outcome: {citation_line(official[0])})" if official else ""
        )
        said = step.note or f'"{step.answer}" decides which question comes next'
        return said.rstrip(".") + "." + cited

    def source_notes(self) -> str:
        cited = self.walk.citations()
        return "Sources:\n" + "\n".join(f"- {citation_note(c)}" for c in cited)

    def source_paras(self) -> list[Para]:
        """The citations as links (official ones first), the review dates and the notice."""
        walk, tree = self.walk, self.walk.tree
        cited = walk.citations()
        paras: list[Para] = []
        for official, heading in ((True, "Official sources"), (False, "Secondary sources")):
            chosen = [c for c in cited if bool(c["official"]) is official]
            if chosen:
                paras.append(self.heading(heading, "sources"))
                paras += [
                    Para(
                        citation_line(c),
                        DETAIL_PT,
                        bullet=True,
                        link=c["url"],
                        color="#0B4F8A",
                        space_before=3,
                        topic="sources",
                    )
                    for c in chosen
                ]
        if walk.complete:
            view = outcome_view(tree, walk.end, walk.as_of)
            reviewed = (
                f"Last reviewed {view['last_reviewed']}; next review due {view['review_by']}."
            )
        else:
            reviewed = f"Tree last reviewed {tree.meta.get('last_reviewed', 'unknown')}."
        return [
            *paras,
            Para(reviewed, DETAIL_PT, bold=True, space_before=10, topic="sources"),
            Para(NOTICE, DETAIL_PT, space_before=4, topic="sources"),
        ]


def topic_title(topics: Sequence[str]) -> str:
    """A details slide's title from its topics.

    >>> topic_title(["verdict", "pathways", "next steps"])
    'Verdict, pathways and next steps'
    >>> topic_title(["sources"])
    'Sources'
    """
    said = ", ".join(topics[:-1]) + " and " + topics[-1] if len(topics) > 1 else topics[0]
    return said[:1].upper() + said[1:]


def build_deck(
    walk: DeckWalk,
    depth: int = 2,
    pictures: Callable[[DeckWalk, int, Rect, int], list[Picture]] = focus_pictures,
) -> bytes:
    """The whole deck of ``walk`` as ``.pptx`` bytes."""
    made = _Deck(walk, depth, pictures)
    made.title_slide()
    made.step_slides()
    made.end_slides()
    made.detail_slides()
    return to_bytes(made.pptx)
