"""Two paths through one tree as a 16:9 slide deck: where they agree, where they part, and
where each ends, side by side, with the comparison diagram (see :mod:`.compare`).

Slides: a title slide; the question where they part, under the answers both paths share,
with each path's answer and what follows in two columns (A on the left, B on the right) and
each outcome's verdict; the diagram of both paths with the split marked; the sources of both
outcomes with the review dates and the "not legal advice" notice. Every slide has notes.

>>> import io, pptx
>>> from xborder_tree import load_tree
>>> from xborder_tree.drawing.compare import compare_paths
>>> tree = load_tree("trees/example-remote-work.json")
>>> pair = compare_paths(tree, {"citizenship": "canada"}, {"citizenship": "us",
...                      "work_location": "in_canada"}, ("Ana", "Sam"))
>>> data = compare_deck(pair)
>>> [s.shapes.title.text for s in pptx.Presentation(io.BytesIO(data)).slides][1]
'Where the paths part: Which citizenship do you hold?'
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..drawing.compare import Comparison
from ..drawing.compare_focus import render_compare_focus
from ..drawing.export import write_atomic
from ..model.errors import UsageError
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
    new_presentation,
    pages,
    to_bytes,
)
from .deck_walk import (
    NOTICE,
    VERDICT_COLOURS,
    DeckWalk,
    citation_line,
    citation_note,
    outcome_view,
    verdict_words,
)

__all__ = ["compare_deck", "write_compare_deck"]

MARGIN = 36.0
GAP = 24.0
COLUMN_W = (SLIDE_W - 2 * MARGIN - GAP) / 2
TEXT_COLOURS = {"a": "#0060A0", "b": "#B84A00"}
"""The comparison's blue and vermillion, darkened for text on white."""


def _walk(comparison: Comparison, part: str, as_of: datetime.date | None) -> DeckWalk:
    resolution = comparison.a if part == "a" else comparison.b
    end = resolution.outcome or resolution.pending or comparison.tree.root
    return DeckWalk(comparison.tree, resolution.steps, end, as_of, None)


def _ending(walk: DeckWalk) -> list[Para]:
    if not walk.complete:
        question = walk.tree.node(walk.end)["text"]
        return [Para(f"Not finished; next question: {question}", 22, bold=True, space_before=14)]
    view = outcome_view(walk.tree, walk.end, walk.as_of)
    return [
        Para(f"Outcome: {view['title']}", 22, bold=True, space_before=14),
        Para(
            f"Verdict: {verdict_words(view['verdict'])}",
            22,
            bold=True,
            color=VERDICT_COLOURS.get(view["verdict"]),
        ),
    ]


class _CompareDeck:
    def __init__(self, comparison: Comparison, as_of: datetime.date | None) -> None:
        self.comparison = comparison
        self.walks = {part: _walk(comparison, part, as_of) for part in ("a", "b")}
        self.pptx = new_presentation()

    def slide(self, title: str, notes: str) -> object:
        return add_slide(self.pptx, title, Rect(MARGIN, 14, SLIDE_W - 2 * MARGIN, 96), 32, notes)

    def label(self, part: str) -> str:
        return self.comparison.labels[0 if part == "a" else 1]

    def title_slide(self) -> None:
        tree, comparison = self.comparison.tree, self.comparison
        notes = "\n\n".join(
            [
                comparison.summary(),
                f"What the tree covers: {tree.meta.get('summary', '')}",
                *(
                    f"Path {self.label(p)}: " + "; ".join(s.answer for s in w.steps)
                    for p, w in self.walks.items()
                ),
            ]
        )
        slide = self.slide(tree.title, notes)
        paras = [Para("Two paths compared", 28, bold=True)]
        for part in ("a", "b"):
            walk = self.walks[part]
            answers = "; ".join(step.answer for step in walk.steps) or "no answers yet"
            paras.append(
                Para(
                    f"{self.label(part)}: {answers}", 24, color=TEXT_COLOURS[part], space_before=12
                )
            )
        paras.append(Para(comparison.summary(), 22, space_before=16))
        box = Rect(MARGIN, 112, SLIDE_W - 2 * MARGIN, SLIDE_H - 112 - 70)
        add_text(slide, box, _fitting(paras, box))
        add_text(
            slide, Rect(MARGIN, SLIDE_H - 66, SLIDE_W - 2 * MARGIN, 56), [Para(NOTICE, MIN_PT)]
        )

    def split_slides(self) -> None:
        comparison = self.comparison
        split = comparison.split
        at = len(comparison.shared) - 1
        if split is None:
            title = "Both paths are the same"
        else:
            title = f"Where the paths part: {comparison.tree.node(split)['text']}"
        columns = {}
        for part in ("a", "b"):
            walk = self.walks[part]
            head = Para(self.label(part), 28, bold=True, color=TEXT_COLOURS[part], space_before=0)
            after = walk.steps[at:] if split is not None else ()
            paras = [head]
            for number, step in enumerate(after):
                marker = "Answers: " if number == 0 else f"{walk.tree.label(step.node)} "
                paras.append(
                    Para(marker + step.answer, 20, bullet=True, bold=number == 0, space_before=4)
                )
            columns[part] = [*paras, *_ending(walk)]
        notes = [comparison.summary()]
        if split is not None:
            notes.append(f"Help: {comparison.tree.node(split).get('help', '')}")
            for part in ("a", "b"):
                walk = self.walks[part]
                if len(walk.steps) > at:
                    notes.append(f"{self.label(part)}: {walk.why(walk.steps[at])}")
        # the answers both paths share, across the top of the first slide
        shared = self.walks["a"].steps[: max(len(comparison.shared) - 1, 0)]
        alike = [
            Para(
                "Both answer alike: " + "; ".join(f"{s.question} {s.answer}" for s in shared),
                22,
                space_before=0,
            )
        ]
        notes += [self.walks["a"].why(step) for step in shared]
        width = SLIDE_W - 2 * MARGIN
        top = 124 + (sum(p.height(width) for p in alike) + 8 if shared else 0)
        height = SLIDE_H - top - 16
        if height < 160:  # too many shared answers for the top of the slide: a slide of them
            self._paged("Both paths answer alike", alike, "\n\n".join(notes))
            top, height = 124, SLIDE_H - 124 - 16
            shared = ()
        said = "\n\n".join(notes)
        for size in (20, 19, MIN_PT):  # the largest at which both paths fit one slide
            sized = {
                part: [columns[part][0], *(replace(p, size=size) for p in columns[part][1:])]
                for part in "ab"
            }
            first = {part: pages(sized[part], COLUMN_W, height, flow=True) for part in "ab"}
            if all(len(first[part]) == 1 for part in "ab"):
                break
        slide = self.slide(title, said)
        if shared:
            add_text(slide, Rect(MARGIN, 118, width, top - 118), alike)
        for part, x in (("a", MARGIN), ("b", MARGIN + COLUMN_W + GAP)):
            add_text(slide, Rect(x, top, COLUMN_W, height), first[part][0])
        # what does not fit goes on over both columns of the next slides, path by path
        full = SLIDE_H - 124 - 16
        for part in "ab":
            rest = [para for page in first[part][1:] for para in page]
            if not rest:
                continue
            head = Para(
                f"{self.label(part)} (continued)",
                28,
                bold=True,
                color=TEXT_COLOURS[part],
                space_before=0,
                keep_with_next=True,
            )
            even = 2 if len(pages([head, *rest], COLUMN_W, full, flow=True)) > 1 else 1
            flowed = balanced_pages([head, *rest], COLUMN_W, full, even=even)
            for number in range(0, len(flowed), 2):
                slide = self.slide(f"{title} (continued)", said)
                for offset, column in enumerate(flowed[number : number + 2]):
                    x = MARGIN + offset * (COLUMN_W + GAP)
                    add_text(slide, Rect(x, 124, COLUMN_W, full), column)

    def diagram_slides(self) -> None:
        """The comparison's focus diagram across the slide (one slide per part), the legend
        in words below it."""
        comparison = self.comparison
        a, b = comparison.labels
        notes = (
            f"The map of both paths. The shared part is solid black, path {a} dashed blue, "
            f"path {b} dotted vermillion; the split is filled yellow.\n\n" + comparison.summary()
        )
        legend = Para(
            f"Shared: solid black. {a}: dashed blue. {b}: dotted vermillion. Split: yellow.",
            MIN_PT,
        )
        width = SLIDE_W - 2 * MARGIN
        band = legend.height(width - 200) + 8
        area = Rect(12, 70, SLIDE_W - 24, SLIDE_H - 70 - band - 12)
        parts = comparison_pictures(comparison, area)
        for number, picture in enumerate(parts, 1):
            title = "Both paths on the map"
            slide = add_slide(self.pptx, title, Rect(MARGIN, 14, width, 54), 32, notes)
            add_picture(slide, picture, area, "Diagram: both paths, the split marked")
            low = Rect(MARGIN, area.bottom + 4, width - 200, band)
            add_text(slide, low, [legend], anchor="middle")
            if len(parts) > 1:
                counter = Para(f"Diagram {number} of {len(parts)}", MIN_PT, align="right")
                box = Rect(SLIDE_W - MARGIN - 200, area.bottom + 4, 200, band)
                add_text(slide, box, [counter], anchor="middle")

    def sources_slides(self) -> None:
        cited: dict[str, Mapping[str, Any]] = {}
        reviewed = []
        ended = [w for w in self.walks.values() if w.complete] or list(self.walks.values())[:1]
        for part, walk in self.walks.items():
            for citation in walk.citations() if walk in ended else ():
                cited.setdefault(citation["url"], citation)
            if walk.complete:
                view = outcome_view(walk.tree, walk.end, walk.as_of)
                reviewed.append(
                    f"{self.label(part)}: reviewed {view['last_reviewed']}, "
                    f"next review due {view['review_by']}."
                )
        ordered = sorted(cited.values(), key=lambda c: not c["official"])
        paras = [
            Para(citation_line(c), 20, bullet=True, link=c["url"], color="#0B4F8A") for c in ordered
        ]
        footer = [Para(" ".join(reviewed) or "Not finished.", 20, bold=True), Para(NOTICE, 20)]
        notes = "Sources:\n" + "\n".join(f"- {citation_note(c)}" for c in ordered)
        self._paged("Sources", paras, notes, footer)

    def _paged(
        self, title: str, paras: Sequence[Para], notes: str, footer: Sequence[Para] = ()
    ) -> None:
        width = SLIDE_W - 2 * MARGIN
        footer_h = sum(p.height(width) for p in footer)
        body = Rect(MARGIN, 120, width, SLIDE_H - 120 - 16 - footer_h)
        for number, page in enumerate(balanced_pages(paras, body.width, body.height)):
            slide = self.slide(title if number == 0 else f"{title} (continued)", notes)
            add_text(slide, body, page)
            if footer:
                add_text(slide, Rect(MARGIN, body.bottom + 4, width, footer_h + 8), footer)


def _fitting(paras: Sequence[Para], box: Rect) -> list[Para]:
    """As many of ``paras`` as fit ``box`` (the rest is in the speaker notes)."""
    return pages(paras, box.width, box.height)[0]


def comparison_pictures(comparison: Comparison, area: Rect) -> list[Picture]:
    """The comparison's focus slides drawn for ``area`` of a 1920x1080 slide at one pixel per
    slide pixel (one per part), so the 18-pixel rule holds on the slide."""

    fit = (int(area.width * 1920 / SLIDE_W), int(area.height * 1920 / SLIDE_W))
    images = render_compare_focus(
        comparison, theme="presentation", fit=fit, fmt="png", slide_height=1080
    )
    return [Picture.from_png(image) for image in images]


def compare_deck(comparison: Comparison, *, as_of: datetime.date | None = None) -> bytes:
    """The comparison as ``.pptx`` bytes (see the module)."""
    made = _CompareDeck(comparison, as_of)
    made.title_slide()
    made.split_slides()
    made.diagram_slides()
    made.sources_slides()
    return to_bytes(made.pptx)


def write_compare_deck(
    output: str | Path, comparison: Comparison, *, as_of: datetime.date | None = None
) -> Path:
    """Write the comparison deck to ``output`` (a ``.pptx``) atomically."""
    if Path(output).suffix.lower() != ".pptx":
        raise UsageError(f"{str(output)!r}: a deck is written to a .pptx file")
    return write_atomic(output, compare_deck(comparison, as_of=as_of))
