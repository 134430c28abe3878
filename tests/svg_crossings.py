"""Where lines cross text in a Graphviz SVG: every text's ink box against every edge's path.

A text's box is measured with the font the machine draws it in (``fc-match`` of the SVG's
family and weight, at the SVG's font size, anchored as the SVG says; leading spaces, which
set a label off its line, are not ink). An edge's path is Graphviz's cubic Bezier curves
(``M x,y C x,y x,y x,y ...``), sampled finely. A line crosses a text when a point of its
curve falls inside the text's box (shrunk by half a point, so a line that only touches a
box is not counted).
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PIL import ImageFont

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_SPACES = " \u00a0"


@dataclass(frozen=True)
class Box:
    text: str
    group: str
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, x: float, y: float, margin: float = 0.5) -> bool:
        return (
            self.left + margin < x < self.right - margin
            and self.top + margin < y < self.bottom - margin
        )


@dataclass(frozen=True)
class Crossing:
    text: str
    text_group: str
    edge: str


@functools.lru_cache(maxsize=32)
def _font(family: str, bold: bool, size: float) -> ImageFont.FreeTypeFont:
    name = family.split(",")[0] + (":bold" if bold else "")
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", name], capture_output=True, text=True, check=True
    ).stdout
    return ImageFont.truetype(found, size=max(1, round(size * 10)))


def _ink(text: str, family: str, bold: bool, size: float) -> tuple[float, float, float, float]:
    """Ink box of ``text`` (left, top, right, bottom) relative to its start on the baseline,
    measured at ten times the size for precision."""
    font = _font(family, bold, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    return left / 10, top / 10, right / 10, bottom / 10


def text_boxes(svg: bytes | str) -> list[Box]:
    """The ink box of every text of the SVG, in the SVG's user units."""
    root = ET.fromstring(svg)
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if not {"node", "edge", "graph", "cluster"} & set(group.get("class", "").split()):
            continue
        own = group.findall(f"{SVG}text") if group.get("class") == "graph" else None
        for element in own if own is not None else group.iter(f"{SVG}text"):
            text = element.text or ""
            ink = text.lstrip(_SPACES)
            if not ink.strip():
                continue
            family = element.get("font-family", "Helvetica")
            bold = element.get("font-weight") == "bold"
            size = float(element.get("font-size", "14"))
            x, y = float(element.get("x", "0")), float(element.get("y", "0"))
            whole = _ink(text, family, bold, size)
            width = _font(family, bold, size).getlength(text) / 10
            shift = {"middle": -width / 2, "end": -width}.get(element.get("text-anchor", ""), 0)
            lead = _font(family, bold, size).getlength(text[: len(text) - len(ink)]) / 10
            box = _ink(ink, family, bold, size)
            start = x + shift + lead
            boxes.append(
                Box(
                    ink,
                    group.get("id", ""),
                    start + box[0],
                    y + min(box[1], whole[1]),
                    start + box[2],
                    y + max(box[3], whole[3]),
                )
            )
    return boxes


def _bezier(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along Graphviz's piecewise cubic curve, about every quarter unit."""
    sampled = [points[0]]
    for index in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[index : index + 4]
        length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in ((p0, p1), (p1, p2), (p2, p3)))
        steps = max(8, int(length * 4))
        for step in range(1, steps + 1):
            t = step / steps
            u = 1 - t
            sampled.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return sampled


def _polyline(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along straight segments, about every quarter unit."""
    sampled = points[:1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(4, int((abs(x1 - x0) + abs(y1 - y0)) * 4))
        sampled += [
            (x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(1, steps + 1)
        ]
    return sampled


def edge_curves(svg: bytes | str) -> dict[str, list[tuple[float, float]]]:
    """Sampled points of every edge's path, by the edge group's id."""
    root = ET.fromstring(svg)
    curves: dict[str, list[tuple[float, float]]] = {}
    for group in root.iter(f"{SVG}g"):
        if "edge" not in group.get("class", "").split():
            continue
        for number, path in enumerate(group.iter(f"{SVG}path")):
            values = [float(v) for v in _NUMBER.findall(path.get("d", ""))]
            points = list(zip(values[::2], values[1::2], strict=True))
            if len(points) >= 4:
                curves[f"{group.get('id', '')}#{number}"] = _bezier(points)
        for number, line in enumerate(group.iter(f"{SVG}polyline")):  # label leader lines
            values = [float(v) for v in _NUMBER.findall(line.get("points", ""))]
            points = list(zip(values[::2], values[1::2], strict=True))
            curves[f"{group.get('id', '')}#leader{number}"] = _polyline(points)
    return curves


def crossings(svg: bytes | str) -> list[Crossing]:
    """Every (text, edge) pair where the edge's line passes through the text's ink box."""
    boxes = text_boxes(svg)
    found = []
    for edge, points in edge_curves(svg).items():
        for box in boxes:
            if any(box.holds(x, y) for x, y in points):
                found.append(Crossing(box.text, box.group, edge))
    return found


def available() -> bool:
    """Whether fonts can be matched here (fontconfig's ``fc-match``)."""
    return shutil.which("fc-match") is not None
