"""Diagrams on 16:9 slides: laid out to fill the slide, cut into numbered parts, never shrunk.

A slide read from the back of a room needs text at least ``MIN_TEXT_PX`` (18 px) high on a
1920x1080 slide (other sizes scale with their height). A drawing is laid out once by
Graphviz to learn its size; the slide then shows it through a Graphviz ``viewport`` of the
slide's size, zoomed to fill it and centred. A drawing of a path too long to stay readable
is cut into parts along the path (:func:`cut_path`), each part a slide.

>>> slide_files("talk/slide.png", 1)
[PosixPath('talk/slide.png')]
>>> slide_files("slide.svg", 3)
[PosixPath('slide-1.svg'), PosixPath('slide-2.svg'), PosixPath('slide-3.svg')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import graphviz

from ..model.errors import UsageError
from .export import DEFAULT_TIMEOUT, run_dot, write_atomic
from .render import THEMES

__all__ = [
    "MAX_TEXT_PX",
    "MIN_TEXT_PX",
    "PX_PER_PT",
    "Slide",
    "SlideFitter",
    "cut_path",
    "parse_fit",
    "slide_files",
    "write_slides",
]

MIN_TEXT_PX = 18.0
"""Smallest text height, in pixels, on a 1920x1080 slide; other sizes scale with the height."""
MAX_TEXT_PX = 44.0
"""Largest node text on a 1920x1080 slide: a short path is not blown up past it."""
PX_PER_PT = 96 / 72
"""Slides are ``fit`` pixels at 96 pixels per inch: Graphviz works in points (1/72 inch)."""

Part = TypeVar("Part")

_VIEWBOX = re.compile(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_TRANSLATE = re.compile(rb'class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)"')
_PLACEHOLDER_TITLE = "Part 9 of 9, continued from part 8"


@dataclass(frozen=True)
class Slide(Generic[Part]):
    """One slide: the part it shows, laid out to fill it."""

    part: Part
    number: int
    of: int
    zoom: float
    """Graphviz viewport zoom: slide points per layout point."""
    min_text_px: float
    """Height of the smallest text on the slide, in pixels."""
    source: str
    """DOT source of the slide, with the viewport that fills it."""


class SlideFitter(Generic[Part]):
    """Lays parts out (each once) and finds the zoom that fills a slide of ``fit`` pixels.

    ``draw(part, title)`` makes the Digraph of a part in ``theme``, with ``title`` above it.
    """

    def __init__(
        self,
        draw: Callable[[Part, str | None], graphviz.Digraph],
        theme: str,
        fit: tuple[int, int],
        timeout: float = DEFAULT_TIMEOUT,
        slide_height: int | None = None,
        max_text_px: float = MAX_TEXT_PX,
    ) -> None:
        """``slide_height``: height in pixels of the whole slide when the picture fills only a
        region of it, shown at one picture pixel per slide pixel (default: the picture is the
        whole slide, ``fit``'s height). ``max_text_px``: the largest node text on a
        1920x1080 slide (a small drawing grows up to it)."""
        width, height = fit
        if width < 320 or height < 180:
            raise UsageError(f"fit must be at least 320x180 pixels, not {width}x{height}")
        self.draw = draw
        self.style = THEMES[theme]
        self.points = (width / PX_PER_PT, height / PX_PER_PT)
        self.least_px = MIN_TEXT_PX * (slide_height or height) / 1080
        self.most_px = max_text_px * (slide_height or height) / 1080
        self.timeout = timeout
        self._sizes: dict[str, tuple[float, float, float]] = {}

    def size(self, source: str) -> tuple[float, float, float]:
        """Width and height of the laid-out drawing with its pad, and the pad (points)."""
        if source not in self._sizes:
            self._sizes[source] = _laid_out(source, self.timeout)
        return self._sizes[source]

    def zoom(self, part: Part) -> float:
        """Slide points per layout point: fills the slide, but no text above ``most_px``.
        Measured with the longest title a part can get, so the title never overflows."""
        width, height, _ = self.size(self.draw(part, _PLACEHOLDER_TITLE).source)
        largest = max(self.style.fontsize, self.style.edge_fontsize) * PX_PER_PT
        return min(self.points[0] / width, self.points[1] / height, self.most_px / largest)

    def min_text_px(self, zoom: float) -> float:
        """Height on the slide of the theme's smallest text (answers, stubs, titles)."""
        return min(self.style.fontsize, self.style.edge_fontsize) * zoom * PX_PER_PT

    def readable(self, zoom: float) -> bool:
        return self.min_text_px(zoom) >= self.least_px - 1e-6

    def fitted(self, part: Part) -> tuple[Part, float, bool]:
        zoom = self.zoom(part)
        return part, zoom, self.readable(zoom)

    def slides(self, parts: Sequence[tuple[Part, float]]) -> list[Slide[Part]]:
        """The numbered slides of ``parts``, each with its DOT source and viewport."""
        count = len(parts)
        return [
            Slide(
                part,
                number,
                count,
                zoom,
                self.min_text_px(zoom),
                self.source(part, zoom, number, count),
            )
            for number, (part, zoom) in enumerate(parts, 1)
        ]

    def source(self, part: Part, zoom: float, number: int, count: int) -> str:
        """The part's DOT with a viewport of the slide's size, centred on the drawing."""
        title = None
        if count > 1:
            title = f"Part {number} of {count}"
            if number > 1:
                title += f", continued from part {number - 1}"
        dot = self.draw(part, title)
        width, height, pad = self.size(dot.source)
        centre_x, centre_y = width / 2 - pad, height / 2 - pad
        slide_w, slide_h = self.points
        viewport = f"{slide_w:.2f},{slide_h:.2f},{zoom:.4f},{centre_x:.2f},{centre_y:.2f}"
        dot.attr(viewport=viewport, margin="0")
        return str(dot.source)


@functools.lru_cache(maxsize=2048)
def _laid_out(source: str, timeout: float) -> tuple[float, float, float]:
    """Graphviz's layout size of ``source`` (see ``SlideFitter.size``), kept for drawings
    measured again (a deck measures the same path for several slides)."""
    svg = run_dot(source, "svg", timeout=timeout)
    box, shift = _VIEWBOX.search(svg), _TRANSLATE.search(svg)
    if box is None or shift is None:
        raise ValueError("Graphviz returned an SVG without a viewBox and translation")
    return float(box[1]), float(box[2]), float(shift[1])


def cut_path(
    last: int, make: Callable[[int, int, bool], Part], fitter: SlideFitter[Part]
) -> tuple[list[tuple[Part, float]], bool]:
    """Cut path positions ``0..last`` into as few readable parts as possible, then share the
    answers out evenly among that many parts if every part stays readable.

    ``make(start, end, closing)`` builds the part showing positions ``start..end``;
    ``closing`` asks the part reaching ``last`` to carry what comes after the path too. Parts
    overlap by one position. Returns the parts and whether the last one is closing; a
    single answer that cannot be made readable is still one part, never cut further.
    """
    parts: list[tuple[Part, float]] = []
    closed = False
    start = 0
    while start < last:
        best: tuple[int, Part, float, bool] | None = None
        for end in range(start + 1, last + 1):
            readable = None
            for closing in (True, False) if end == last else (False,):
                part, zoom, ok = fitter.fitted(make(start, end, closing))
                if ok:
                    readable = (end, part, zoom, closing)
                    break
            if readable is None:
                break
            best = readable
        if best is None:
            part, zoom, _ = fitter.fitted(make(start, start + 1, False))
            best = (start + 1, part, zoom, False)
        start, part, zoom, closed = best
        parts.append((part, zoom))
    return _balanced(last, parts, closed, make, fitter), closed


def _balanced(
    last: int,
    parts: list[tuple[Part, float]],
    closed: bool,
    make: Callable[[int, int, bool], Part],
    fitter: SlideFitter[Part],
) -> list[tuple[Part, float]]:
    """Larger text on every slide rather than full first slides and a nearly empty last."""
    if len(parts) < 2:
        return parts
    base, extra = divmod(last, len(parts))
    even: list[tuple[Part, float]] = []
    start = 0
    for index in range(len(parts)):
        end = start + base + (1 if index < extra else 0)
        part, zoom, ok = fitter.fitted(make(start, end, closed and end == last))
        if not ok:
            return parts
        even.append((part, zoom))
        start = end
    return even


def parse_fit(text: str) -> tuple[int, int]:
    """``"1920x1080"`` as ``(1920, 1080)``; ``ValueError`` naming the expected form.

    >>> parse_fit("1280x720")
    (1280, 720)
    """
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise UsageError(f"--fit {text!r}: write it as WIDTHxHEIGHT in pixels, e.g. 1920x1080")
    return int(width), int(height)


def slide_files(output: str | Path, count: int) -> list[Path]:
    """The file of each slide: ``output`` itself for one, else ``stem-1.ext``, ``stem-2.ext``."""
    target = Path(output)
    if count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(1, count + 1)]


def write_slides(images: Sequence[bytes], output: str | Path) -> list[Path]:
    """Write each image atomically to its :func:`slide_files` name; return the files."""
    files = slide_files(output, len(images))
    for image, file in zip(images, files, strict=True):
        write_atomic(file, image)
    return files
