"""Decks a presenter would keep, for every persona of one tree and for the comparison deck:
one slide per question, a deck about as long as the walk, no nearly empty slide, no text
under 18 pt, diagrams that fill their area, and no line crossing a label in any diagram
(checked in the SVG of the very drawing placed on the slide)."""

from __future__ import annotations

import functools
import io
import math
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation

from xborder_tree import DecisionTree, load_tree
from xborder_tree.drawing.compare import compare_paths
from xborder_tree.drawing.export import run_dot
from xborder_tree.outputs.compare_deck import compare_deck, comparison_pictures
from xborder_tree.outputs.deck import find_persona
from xborder_tree.outputs.deck_layout import (
    MIN_PT,
    SLIDE_H,
    SLIDE_W,
    Picture,
    Rect,
    lines,
    text_width,
)
from xborder_tree.outputs.deck_slides import build_deck, focus_sources
from xborder_tree.outputs.deck_walk import deck_walk
from xborder_tree.training.scenarios import load_scenarios

from .conftest import TREES
from .svg_crossings import crossings

pytestmark = pytest.mark.exe

CANADA = TREES / "work-in-canada-from-us.json"
PERSONAS = [s.id for s in load_scenarios(TREES / "work-in-canada-from-us.scenarios.json")]
EMU_PER_PT = 12700
LEAST_COVERED = 1 / 3


@functools.cache
def canada() -> DecisionTree:
    return load_tree(CANADA)


@functools.cache
def persona_deck(persona: str) -> tuple[Any, list[bytes], Any]:
    """The persona's deck as ``deck --persona`` makes it, with the SVG of every diagram."""
    tree = canada()
    found = find_persona(tree, CANADA, persona)
    walk = deck_walk(tree, found.facts, as_of=found.as_of, persona=found.words)
    svgs: list[bytes] = []

    def pictures(walk: Any, upto: int, box: Rect, depth: int) -> list[Picture]:
        sources = focus_sources(walk, upto, box, depth)
        svgs.extend(run_dot(source, "svg") for source in sources)
        return [Picture.from_png(run_dot(source, "png", dpi=96)) for source in sources]

    data = build_deck(walk, pictures=pictures)
    return Presentation(io.BytesIO(data)), svgs, walk


def title(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text)


def ink_box(blob: bytes) -> tuple[int, int, int, int, int, int]:
    """The box of the non-white pixels of an image, and the image's size."""
    with Image.open(io.BytesIO(blob)) as image:
        grey = image.convert("L").point(lambda v: 255 if v < 245 else 0)
        box = grey.getbbox() or (0, 0, 0, 0)
        return (*box, *image.size)


def covered(slide: Any) -> float:
    """The share of the slide its content covers: each paragraph's lines (a single line as
    wide as its text, a wrapped one as wide as its box), each picture's drawn part."""
    area = 0.0
    for shape in slide.shapes:
        if shape.shape_type == 13:  # a picture
            left, top, right, bottom, width, height = ink_box(shape.image.blob)
            scale_x, scale_y = shape.width / width, shape.height / height
            area += (right - left) * scale_x * (bottom - top) * scale_y / EMU_PER_PT**2
            continue
        if not shape.has_text_frame:
            continue
        box = shape.width / EMU_PER_PT - 14.4
        for paragraph in shape.text_frame.paragraphs:
            if not paragraph.text.strip():
                continue
            size = max(run.font.size.pt for run in paragraph.runs)
            bold = bool(paragraph.runs[0].font.bold)
            count = lines(paragraph.text, size, box, bold)
            wide = box if count > 1 else min(box, text_width(paragraph.text, size, bold))
            area += wide * count * size * 1.2
    return area / (SLIDE_W * SLIDE_H)


def check_slides(slides: list[Any]) -> None:
    for slide in slides:
        sizes = [
            run.font.size.pt
            for shape in slide.shapes
            if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
            if run.text.strip()
        ]
        assert sizes and min(sizes) >= MIN_PT, (title(slide), min(sizes))
        share = covered(slide)
        assert share >= LEAST_COVERED, f"{title(slide)!r} is nearly empty: {share:.0%} covered"


def check_diagrams(slides: list[Any]) -> None:
    """Every diagram fills its picture across its width or its height (a drawing the largest
    text size holds back fills at least half of both)."""
    for slide in slides:
        for shape in slide.shapes:
            if shape.shape_type != 13:
                continue
            left, top, right, bottom, width, height = ink_box(shape.image.blob)
            across, down = (right - left) / width, (bottom - top) / height
            assert max(across, down) >= 0.85 or min(across, down) >= 0.5, (
                title(slide),
                across,
                down,
            )


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_deck_is_as_long_as_its_walk_and_never_nearly_empty(persona: str) -> None:
    made, svgs, walk = persona_deck(persona)
    slides = list(made.slides)
    titles = [title(slide) for slide in slides]
    questions = [step.question for step in walk.steps]
    assert titles[1 : 1 + len(questions)] == questions, "one slide per question, in order"
    ends = [t for t in titles if t.startswith("Outcome: ")]
    assert 1 <= len(ends) <= 2
    details = titles[1 + len(questions) + len(ends) :]
    assert details and "sources" in details[-1].lower()
    check_slides(slides)
    check_diagrams(slides)
    for svg in svgs:
        found = crossings(svg)
        assert not found, [(c.text, c.edge) for c in found]


def test_the_readme_persona_deck_has_at_most_the_questions_and_five_slides() -> None:
    made, _, walk = persona_deck("buffalo-h1b-toronto-job")
    assert len(walk.steps) == 3
    assert len(made.slides) <= len(walk.steps) + 5


def test_the_outcome_diagram_is_as_large_as_a_step_diagram() -> None:
    made, _, walk = persona_deck("buffalo-h1b-toronto-job")
    areas = {}
    for slide in made.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:
                left, top, right, bottom, width, height = ink_box(shape.image.blob)
                share = (right - left) * (bottom - top) / (width * height)
                areas[title(slide)] = share * shape.width * shape.height / EMU_PER_PT**2
    outcome = next(area for name, area in areas.items() if name.startswith("Outcome"))
    last_step = areas[walk.steps[-1].question]
    assert outcome >= 0.8 * last_step, (outcome, last_step)


def test_details_take_no_more_slides_than_their_text_needs() -> None:
    """Two columns of 18 pt text: a slide holds about ``2 x 20`` lines."""
    made, _, walk = persona_deck("buffalo-h1b-toronto-job")
    slides = list(made.slides)[2 + len(walk.steps) :]
    needed = 0.0
    for slide in slides:
        for shape in slide.shapes:
            if shape == slide.shapes.title or not shape.has_text_frame:
                continue
            width = shape.width / EMU_PER_PT - 14.4 - 27
            for paragraph in shape.text_frame.paragraphs:
                size = max(run.font.size.pt for run in paragraph.runs)
                needed += lines(paragraph.text, size, width) * size * 1.2
    column = SLIDE_H - 80
    assert len(slides) <= math.ceil(needed / (2 * column)) + 1


@functools.cache
def comparison() -> Any:
    scenarios = {s.id: s for s in load_scenarios(TREES / "work-in-canada-from-us.scenarios.json")}
    remote, commute = scenarios["buffalo-h1b-toronto-job"], scenarios["buffalo-h1b-commute-toronto"]
    return compare_paths(canada(), remote.facts, commute.facts, ("Remote", "Commute"))


def test_the_comparison_deck_is_never_nearly_empty_and_its_diagrams_cross_no_label() -> None:
    from xborder_tree.drawing.compare_focus import plan_compare_slides

    made = Presentation(io.BytesIO(compare_deck(comparison())))
    slides = list(made.slides)
    check_slides(slides)
    check_diagrams(slides)
    diagram = next(s for s in slides if title(s) == "Both paths on the map")
    picture = next(s for s in diagram.shapes if s.shape_type == 13)
    _, _, _, _, width, height = ink_box(picture.image.blob)
    assert len(comparison_pictures(comparison(), Rect(0, 0, width / 2, height / 2))) >= 1
    for slide in plan_compare_slides(comparison(), fit=(width, height), slide_height=1080):
        found = crossings(run_dot(slide.source, "svg"))
        assert not found, [(c.text, c.edge) for c in found]


@pytest.mark.parametrize("persona", PERSONAS[:12])
def test_focus_slides_of_the_command_line_cross_no_label(persona: str) -> None:
    """``render --focus`` slides (whole 1920x1080 slides, two answers ahead) at every step."""
    from xborder_tree.drawing.render_focus import render_focus

    _, _, walk = persona_deck(persona)
    for end in range(1, len(walk.path) + 1):
        for svg in render_focus(canada(), walk.path[:end], fmt="svg"):
            found = crossings(svg)
            assert not found, (walk.path[:end], [(c.text, c.edge) for c in found])


@pytest.mark.parametrize("other", PERSONAS[1:9])
def test_comparison_slides_cross_no_label(other: str) -> None:
    """The README persona compared with eight others: no line crosses a label on any slide."""
    from xborder_tree.drawing.compare_focus import render_compare_focus

    scenarios = {s.id: s for s in load_scenarios(TREES / "work-in-canada-from-us.scenarios.json")}
    pair = compare_paths(
        canada(), scenarios["buffalo-h1b-toronto-job"].facts, scenarios[other].facts, ("A", "B")
    )
    for svg in render_compare_focus(pair, fmt="svg"):
        found = crossings(svg)
        assert not found, [(c.text, c.edge) for c in found]


def test_the_crossing_check_finds_a_line_through_a_label() -> None:
    """The check itself: a curve through a label is found, one passing beside it is not."""

    def svg(path: str) -> str:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg"><g id="graph0" class="graph">'
            '<g id="e1" class="edge"><path d="M0,-200C20,-200 20,-200 40,-200"/>'
            '<text text-anchor="middle" x="100" y="-95" font-family="Helvetica,sans-Serif" '
            'font-size="18.00">Canadian citizen (dual)</text></g>'
            f'<g id="e2" class="edge"><path d="{path}"/></g></g></svg>'
        )

    through = crossings(svg("M100,-150C100,-120 100,-90 100,-60"))
    assert [(c.text, c.edge) for c in through] == [("Canadian citizen (dual)", "e2#0")]
    assert crossings(svg("M100,-150C100,-140 100,-130 100,-125")) == []
    beside = crossings(svg("M210,-150C210,-120 210,-90 210,-60"))  # right of the text's end
    assert beside == []
