"""Slide building blocks on python-pptx: a 16:9 deck whose text is never under 18 pt.

Text too long for a slide is split across slides (:func:`pages`), never shrunk below
:data:`MIN_PT`. Text from tree files is untrusted: :func:`clean` removes control and
bidirectional-override characters, python-pptx writes the rest as literal XML text, and only
``http``/``https`` addresses ever become links.

>>> clean("\\x1b[31mred\\x1b[0m \\u202eevil")
'[31mred[0m evil'
>>> lines("A short line.", 24, 300)
1
>>> [len(page) for page in pages([Para("word " * 40, 24)] * 5, width=600, height=300)]
[2, 2, 1]
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationFile
from pptx.text.text import _Run
from pptx.util import Emu, Pt

from .report import safe_url

__all__ = [
    "FONT",
    "MIN_PT",
    "SLIDE_H",
    "SLIDE_W",
    "Para",
    "Picture",
    "Rect",
    "add_picture",
    "add_slide",
    "add_text",
    "balanced_pages",
    "clean",
    "lines",
    "new_presentation",
    "pages",
    "short_title",
    "text_width",
    "title_size",
]

SLIDE_W = 960.0
"""Slide width in points (13.333 in: 16:9)."""
SLIDE_H = 540.0
"""Slide height in points (7.5 in)."""
MIN_PT = 18
"""The smallest text on any slide, in points: readable from the back of a room."""
FONT = "Arial"
"""Present in PowerPoint and Google Slides; LibreOffice uses metric-compatible Liberation Sans."""
LINE_HEIGHT = 1.2
"""Line height of single spacing as a multiple of the font size, a little generous (Arial's
own is 1.15)."""

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\t]+")


def clean(text: object) -> str:
    """Untrusted text made safe for a slide: line breaks become spaces; control characters
    (terminal escapes) and bidirectional overrides are removed. Everything else is kept
    literally (python-pptx escapes it as XML text)."""
    plain = _BREAKS.sub(" ", str(text))
    return unicodedata.normalize("NFC", _UNSAFE.sub("", plain))


# Approximate advance widths (in em) of Arial / Liberation Sans, by character class; a little
# generous so that estimated line counts are never fewer than the real ones.
_NARROW = set("iljtf!|.,:;'\"()[]{} `-/\\rI")
_WIDE = set("mwMW@%&")


def _char_em(char: str, bold: bool) -> float:
    if char in _NARROW:
        em = 0.31
    elif char in _WIDE:
        em = 0.95
    elif char.isupper() or char.isdigit() or char in "#$?_~=+*<>^":
        em = 0.68
    elif unicodedata.east_asian_width(char) in "WF" or ord(char) > 0xFFFF:
        em = 1.05
    else:
        em = 0.55
    return em * (1.07 if bold else 1.0)


def _width(text: str, size: float, bold: bool) -> float:
    return sum(_char_em(c, bold) for c in text) * size


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of ``text`` on one line at ``size`` pt (a little generous).

    >>> round(text_width("Step 1 of 3", 18))
    94
    """
    return _width(clean(text), size, bold)


def lines(text: str, size: float, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes at ``size`` pt in a box ``width`` pt wide (greedy word
    wrap; a word longer than the line is broken, as PowerPoint does)."""
    count, used = 1, 0.0
    space = _width(" ", size, bold)
    for word in clean(text).split(" "):
        if not word:
            continue
        need = _width(word, size, bold)
        if used and used + space + need <= width:
            used += space + need
            continue
        if used:
            count += 1
        while need > width:  # a long word wraps inside itself
            count += 1
            need -= width
        used = need
    return count


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box: its text (already in words), size, and style."""

    text: str
    size: int = 24
    bold: bool = False
    bullet: bool = False
    color: str | None = None
    link: str | None = None
    """An address; made a link only when it is ``http``/``https``."""
    space_before: int = 6
    align: str = "left"
    indent: bool = False
    """Indented like a bulleted paragraph's text, without a bullet."""
    keep_with_next: bool = False
    """Never the last paragraph of a slide (for headings)."""
    topic: str = ""
    """What the paragraph is part of, in a word or two (slide titles name their topics)."""

    def height(self, width: float) -> float:
        """Points this paragraph takes in a box ``width`` pt wide."""
        text_width = width - (_BULLET_INDENT if self.bullet or self.indent else 0.0) - _INSETS
        return (
            self.space_before
            + lines(self.text, self.size, text_width, self.bold) * self.size * LINE_HEIGHT
        )


_BULLET_INDENT = 27.0  # points
_INSETS = 14.4  # left + right inset of a text box, points


def title_size(
    text: str, width: float, max_lines: int = 2, sizes: Sequence[int] = (36, 32, 28, 24)
) -> int:
    """The largest of ``sizes`` at which a bold title fits in ``max_lines`` lines
    (the smallest size when none does: the box then grows, the text never shrinks)."""
    for size in sizes:
        if lines(text, size, width - _INSETS, bold=True) <= max_lines:
            return size
    return sizes[-1]


def short_title(text: str, width: float, size: int = 24, max_lines: int = 3) -> str:
    """``text`` when it fits ``max_lines`` bold lines at ``size`` pt, else its longest start
    that does, with an ellipsis (the caller shows the whole text elsewhere).

    >>> short_title("word " * 80, 300)[-10:]
    'word word…'
    """
    text = clean(text)

    def fits(candidate: str) -> bool:
        return lines(candidate, size, width - _INSETS, True) <= max_lines

    if fits(text):
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    if " " in cut[len(cut) // 2 :]:
        cut = cut[: cut.rindex(" ") + 1]
    return cut.rstrip() + "…"


def pages(
    paras: Iterable[Para], width: float, height: float, flow: bool = False
) -> list[list[Para]]:
    """Paragraphs packed onto as many boxes of ``width`` x ``height`` pt as they need, in
    order. A paragraph taller than a whole box gets a box of its own (split by sentences).
    With ``flow`` a paragraph that does not fit the rest of a box fills it and goes on in the
    next one (at least two lines on each side), as text flows from column to column."""
    result: list[list[Para]] = [[]]
    used = 0.0
    queue = list(_split_tall(paras, width, height))
    while queue:
        para = queue.pop(0)
        need = para.height(width)
        if para.keep_with_next and queue:
            following, room = queue[0], height - used - need
            starts_here = following.height(width) <= room or _flowed(following, width, room)[0]
            if not (flow and starts_here):
                need += following.height(width)
        if result[-1] and used + need > height:
            head, rest = _flowed(para, width, height - used) if flow else (None, None)
            if head is not None and rest is not None:
                result[-1].append(head)
                queue.insert(0, rest)
            result.append([])
            used = 0.0
            if head is not None:
                continue
        result[-1].append(para)
        used += para.height(width)
    return [page for page in result if page]


def _flowed(para: Para, width: float, room: float) -> tuple[Para | None, Para | None]:
    """``para`` cut in two at a word: a first part filling ``room`` pt and the rest, each at
    least two lines; ``(None, None)`` when it cannot be cut so."""
    if para.keep_with_next:
        return None, None
    words = clean(para.text).split(" ")
    least = para.space_before + 2 * para.size * LINE_HEIGHT
    if room < least or para.height(width) < 2 * least - para.space_before:
        return None, None
    room = min(room, para.height(width) - 2 * para.size * LINE_HEIGHT)
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if replace(para, text=" ".join(words[:middle])).height(width) <= room:
            low = middle
        else:
            high = middle - 1
    head = replace(para, text=" ".join(words[:low]), keep_with_next=False)
    rest = replace(para, text=" ".join(words[low:]), bullet=False, indent=True, space_before=0)
    short = rest.height(width) < least - head.space_before
    if not words[low:] or head.height(width) < least or short:
        return None, None
    return head, rest


def balanced_pages(
    paras: Sequence[Para], width: float, height: float, even: int = 1
) -> list[list[Para]]:
    """:func:`pages` with ``flow``, as many as needed (rounded up to a multiple of ``even``:
    the columns of a slide), the text spread evenly over them instead of full pages and a
    nearly empty last one.

    >>> text = [Para("word " * 40, 24)] * 5
    >>> height = lambda page: round(sum(para.height(600) for para in page))
    >>> [height(page) for page in pages(text, 600, 300, flow=True)]
    [300, 300, 150]
    >>> [height(page) for page in balanced_pages(text, 600, 300)]
    [242, 208, 300]
    >>> [height(page) for page in balanced_pages(text[:3], 600, 600, even=2)]
    [214, 236]
    """
    wanted = len(pages(paras, width, height, flow=True))
    wanted += -wanted % even
    for slack in (1.04, 1.1, 1.2, 1.35, 1.6):
        # page by page, each about an equal share of what is left (a little more: text
        # does not cut anywhere)
        result: list[list[Para]] = []
        rest = list(paras)
        while rest and len(result) < wanted:
            share = sum(para.height(width) for para in rest) / (wanted - len(result))
            split = pages(rest, width, min(height, share * slack), flow=True)
            result.append(split[0])
            rest = [para for page in split[1:] for para in page]
        if not rest:
            return result
    return pages(paras, width, height, flow=True)


def _split_tall(paras: Iterable[Para], width: float, height: float) -> Iterable[Para]:
    for para in paras:
        if para.height(width) <= height:
            yield para
            continue
        words = clean(para.text).split(" ")
        chunk: list[str] = []
        for word in words:
            trial = replace(para, text=" ".join([*chunk, word]))
            if chunk and trial.height(width) > height:
                yield replace(para, text=" ".join(chunk))
                para = replace(para, bullet=False, space_before=0)
                chunk = []
            chunk.append(word)
        if chunk:
            yield replace(para, text=" ".join(chunk))


# ------------------------------------------------------------------ python-pptx


@dataclass(frozen=True)
class Rect:
    """A box on the slide, in points from the top left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def _emu(points: float) -> Emu:
    return Emu(round(points * 12700))


def new_presentation() -> PresentationFile:
    """An empty 16:9 presentation (13.333 x 7.5 in)."""
    deck = Presentation()
    deck.slide_width = _emu(SLIDE_W)
    deck.slide_height = _emu(SLIDE_H)
    return deck


_TITLE_ONLY = 5


def add_slide(deck: PresentationFile, title: str, box: Rect, size: int, notes: str) -> object:
    """A slide with a real title placeholder (for outlines and screen readers) placed in
    ``box``, bold ``size`` pt, and the speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top = _emu(box.left), _emu(box.top)
    shape.width, shape.height = _emu(box.width), _emu(box.height)
    _fill(shape.text_frame, [Para(title, size, bold=True, space_before=0)], MSO_ANCHOR.MIDDLE)
    slide.notes_slide.notes_text_frame.text = clean_notes(notes)
    return slide


def clean_notes(text: str) -> str:
    """Speaker notes: each line cleaned, line breaks kept."""
    return "\n".join(clean(line) for line in str(text).split("\n"))


def add_text(slide: object, box: Rect, paras: Sequence[Para], anchor: str = "top") -> object:
    """A text box holding ``paras``; it never shrinks the text (auto-fit off)."""
    shape = slide.shapes.add_textbox(  # type: ignore[attr-defined]
        _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
    )
    _fill(shape.text_frame, paras, MSO_ANCHOR.MIDDLE if anchor == "middle" else MSO_ANCHOR.TOP)
    return shape


def _fill(frame: object, paras: Sequence[Para], anchor: object) -> None:
    frame.word_wrap = True  # type: ignore[attr-defined]
    frame.auto_size = MSO_AUTO_SIZE.NONE  # type: ignore[attr-defined]
    frame.vertical_anchor = anchor  # type: ignore[attr-defined]
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER}.get(
            para.align, PP_ALIGN.RIGHT
        )
        paragraph.space_before = Pt(para.space_before)
        if para.bullet or para.indent:
            _indent(paragraph, para.bullet)
        url = safe_url(para.link) if para.link else None
        # A link is one run per word: LibreOffice turns a linked run into a field that it
        # never wraps between words.
        text = clean(para.text)
        pieces = [word + " " for word in text.split(" ")] if url else [text]
        if url:
            pieces[-1] = pieces[-1][:-1]
        for piece in pieces:
            run = _run(paragraph, piece, para)
            if url:
                run.hyperlink.address = url


def _run(paragraph: object, text: str, para: Para) -> _Run:
    run: _Run = paragraph.add_run()  # type: ignore[attr-defined]
    run.text = text
    font = run.font
    font.name = FONT
    font.size = Pt(max(para.size, MIN_PT))
    font.bold = para.bold
    if para.color:
        font.color.rgb = RGBColor.from_string(  # type: ignore[no-untyped-call]
            para.color.lstrip("#")  # python-pptx leaves from_string unannotated
        )
    return run


def _indent(paragraph: object, bullet: bool) -> None:
    """A hanging indent, with a real bullet when ``bullet`` (python-pptx has no API for it)."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.set("marL", str(int(_BULLET_INDENT * 12700)))
    ppr.set("indent", str(-int(_BULLET_INDENT * 12700) if bullet else 0))
    if not bullet:
        ppr.append(ppr.makeelement(qn("a:buNone"), {}))
        return
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    font = ppr.makeelement(qn("a:buFont"), {"typeface": FONT})
    char = ppr.makeelement(qn("a:buChar"), {"char": "\u2022"})
    ppr.append(font)
    ppr.append(char)


@dataclass(frozen=True)
class Picture:
    """A PNG, its size in pixels, and words to show with it when the drawing leaves
    something out."""

    data: bytes
    width: int
    height: int
    words: str | None = None

    @classmethod
    def from_png(cls, data: bytes, words: str | None = None) -> Picture:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        return cls(data, width, height, words)


def add_picture(slide: object, picture: Picture, box: Rect, description: str) -> object:
    """``picture`` scaled to fit ``box`` (aspect kept, never enlarged past 1 px = 0.5 pt,
    the scale of a 1920-pixel-wide slide), centred; ``description`` is its alternative text."""
    scale = min(box.width / picture.width, box.height / picture.height, SLIDE_W / 1920)
    width, height = picture.width * scale, picture.height * scale
    left = box.left + (box.width - width) / 2
    top = box.top + (box.height - height) / 2
    shape = slide.shapes.add_picture(  # type: ignore[attr-defined]
        io.BytesIO(picture.data), _emu(left), _emu(top), _emu(width), _emu(height)
    )
    shape._element.nvPicPr.cNvPr.set("descr", clean(description))
    return shape


def to_bytes(deck: PresentationFile) -> bytes:
    """The presentation as ``.pptx`` bytes."""
    stream = io.BytesIO()
    deck.save(stream)
    return stream.getvalue()
