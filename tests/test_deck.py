"""Slide decks: a walk (and two compared paths) as a 16:9 PowerPoint file to present.

Each deck is opened again with python-pptx and checked slide by slide: count, order, titles,
speaker notes, links, picture sizes and the smallest font; one is converted to PDF with
LibreOffice when it is installed.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from xborder_tree import DecisionTree, load_tree, tree_graph
from xborder_tree.cli.main import main
from xborder_tree.outputs.deck import deck, find_persona
from xborder_tree.outputs.deck_layout import MIN_PT, SLIDE_H, SLIDE_W, Para, clean, lines, pages
from xborder_tree.outputs.deck_walk import deck_walk, outcome_view
from xborder_tree.outputs.report import safe_url
from xborder_tree.training.scenarios import load_scenarios

from .conftest import ROOT, TREES
from .strategies import HOSTILE
from .test_hostile import _hostile_document

CANADA = TREES / "work-in-canada-from-us.json"
PERSONA = "buffalo-h1b-toronto-job"
EMU_PER_PT = 12700


# ------------------------------------------------------------------ helpers
def slides_of(data: bytes) -> list[Any]:
    return list(Presentation(io.BytesIO(data)).slides)


def title(slide: Any) -> str:
    return str(slide.shapes.title.text_frame.text)


def notes(slide: Any) -> str:
    return str(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


def runs(slide: Any) -> Iterator[Any]:
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield from paragraph.runs


def slide_text(slide: Any) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def body_text(slides: list[Any]) -> str:
    """The text of the slides without their titles, in reading order: a paragraph that flows
    on from one column (or slide) to the next reads whole."""
    return "\n".join(
        shape.text_frame.text
        for slide in slides
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
    )


def links(slide: Any) -> list[str]:
    return [run.hyperlink.address for run in runs(slide) if run.hyperlink.address]


def pictures(slide: Any) -> list[Any]:
    return [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


@pytest.fixture(scope="module")
def canada() -> DecisionTree:
    return load_tree(CANADA)


@pytest.fixture(scope="module")
def persona_deck(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The deck of the README: ``deck work-in-canada-from-us --persona buffalo-h1b-toronto-job``."""
    out = tmp_path_factory.mktemp("deck") / "d.pptx"
    code = main(
        ["deck", "work-in-canada-from-us", "--persona", PERSONA, "-o", str(out)], io.StringIO()
    )
    assert code == 0
    return out.read_bytes()


# ------------------------------------------------------------------ the persona deck
@pytest.mark.exe
def test_persona_deck_slides_come_in_order(persona_deck: bytes, canada: DecisionTree) -> None:
    scenario = find_persona(canada, CANADA, PERSONA)
    walk = deck_walk(canada, scenario.facts)
    view = outcome_view(canada, walk.end)
    titles = [title(slide) for slide in slides_of(persona_deck)]

    assert titles[0] == canada.title
    questions = [step.question for step in walk.steps]
    steps = [t for t in titles if t in questions]
    assert list(dict.fromkeys(steps)) == questions, "the steps in order"
    assert steps == sorted(steps, key=questions.index), "a step's slides stay together"
    for question in questions:
        parts = [s for s in slides_of(persona_deck) if title(s) == question]
        if len(parts) > 1:  # a diagram split into parts: one slide each, numbered
            for number, slide in enumerate(parts, 1):
                assert f"Diagram {number} of {len(parts)}" in slide_text(slide)
    first_step = titles.index(questions[0])
    assert first_step == 1
    assert titles[1 : 1 + len(questions)] == questions, "one slide per question, in order"
    after_steps = titles.index(f"Outcome: {view['title']}")
    assert after_steps == 1 + len(questions)
    rest = titles[after_steps + 1 :]
    # the details, then the sources: each slide is titled by the topics it holds, in order
    order = ["verdict", "pathways", "next steps", "documents", "caveats", "misconceptions"]
    order.append("sources")
    said = [[topic for topic in order if topic in title.lower()] for title in rest]
    assert all(said), rest
    flat = [topic for topics in said for topic in topics]
    assert flat == sorted(flat, key=order.index), rest
    assert set(flat) == set(order), "every topic of this outcome"
    assert "sources" in rest[-1].lower()
    assert len(titles) <= len(questions) + 5, titles


@pytest.mark.exe
def test_title_slide_shows_the_question_and_the_persona_in_words(
    persona_deck: bytes, canada: DecisionTree
) -> None:
    first = slides_of(persona_deck)[0]
    scenario = find_persona(canada, CANADA, PERSONA)
    assert scenario.words.startswith("Priya")
    assert scenario.words in slide_text(first)
    assert PERSONA not in slide_text(first) and PERSONA not in notes(first), "never the slug"
    assert "not legal" in slide_text(first)


@pytest.mark.exe
def test_step_slides_have_the_diagram_the_answer_and_full_notes(
    persona_deck: bytes, canada: DecisionTree
) -> None:
    walk = deck_walk(canada, find_persona(canada, CANADA, PERSONA).facts)
    by_title = {title(s): s for s in slides_of(persona_deck)}
    official = [c["url"] for c in walk.citations() if c["official"]]
    for number, step in enumerate(walk.steps, 1):
        slide = by_title[step.question]
        text = slide_text(slide)
        assert f"Answer: {step.answer}" in text and f"Step {number} of {len(walk.steps)}" in text
        assert len(pictures(slide)) == 1
        said = notes(slide)
        assert canada.node(step.node)["help"] in said, "the question's help text"
        assert step.note and step.note in said, "the why sentence / rule of the answer"
        assert all(url in said for url in official), "the official citations behind it"


@pytest.mark.exe
def test_every_slide_has_notes_and_no_text_under_18_pt(persona_deck: bytes) -> None:
    for slide in slides_of(persona_deck):
        assert notes(slide).strip(), f"no speaker notes on {title(slide)!r}"
        sizes = [run.font.size for run in runs(slide) if run.text.strip()]
        assert sizes and all(size is not None and size.pt >= MIN_PT for size in sizes), title(slide)


@pytest.mark.exe
def test_text_stays_inside_its_box(persona_deck: bytes) -> None:
    """Estimated with the same metrics that split the text: every box holds its text."""
    for slide in slides_of(persona_deck):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            width = shape.width / EMU_PER_PT
            need = 0.0
            for paragraph in shape.text_frame.paragraphs:
                size = max(run.font.size.pt for run in paragraph.runs)
                indent = (
                    27.0 if paragraph._p.pPr is not None and paragraph._p.pPr.get("marL") else 0
                )
                need += (
                    lines(
                        paragraph.text,
                        size,
                        width - indent - 14.4,
                        bold=bool(paragraph.runs[0].font.bold),
                    )
                    * size
                    * 1.15
                )
            assert need <= shape.height / EMU_PER_PT + 1, (title(slide), paragraph.text[:60])
            assert shape.top + shape.height <= Emu(int(SLIDE_H * EMU_PER_PT)) + EMU_PER_PT


@pytest.mark.exe
def test_pictures_keep_their_shape_and_stay_between_title_and_answer(persona_deck: bytes) -> None:
    from PIL import Image

    found = 0
    for slide in slides_of(persona_deck):
        for picture in pictures(slide):
            found += 1
            with Image.open(io.BytesIO(picture.image.blob)) as image:
                width_px, height_px = image.size
            assert abs(picture.width / picture.height - width_px / height_px) < 0.01
            # placed at one image pixel per pixel of a 1920x1080 slide: the focus view drew
            # its text at least 18 px high for exactly that scale
            assert abs(picture.width / EMU_PER_PT * 1920 / SLIDE_W - width_px) <= 2
            assert abs(picture.height / EMU_PER_PT * 1920 / SLIDE_W - height_px) <= 2
            heading = slide.shapes.title
            assert picture.top >= heading.top + heading.height - EMU_PER_PT
            assert picture.left >= 0 and picture.left + picture.width <= SLIDE_W * EMU_PER_PT
            below = [
                s
                for s in slide.shapes
                if s.has_text_frame
                and s.top > picture.top
                and not s.text_frame.text.startswith("Answers here:")  # words for the drawing
            ]
            assert below and all(s.top >= picture.top + picture.height - EMU_PER_PT for s in below)
            assert picture._element.nvPicPr.cNvPr.get("descr"), "alternative text"
    assert found >= 4, "three steps and the outcome"


@pytest.mark.exe
def test_sources_slide_links_the_official_citations(
    persona_deck: bytes, canada: DecisionTree
) -> None:
    walk = deck_walk(canada, find_persona(canada, CANADA, PERSONA).facts)
    view = outcome_view(canada, walk.end)
    sources = [s for s in slides_of(persona_deck) if "sources" in title(s).lower()]
    linked = {url for slide in sources for url in links(slide)}
    official = {c["url"] for c in walk.citations() if c["official"]}
    assert official and official <= linked
    assert all(url.startswith(("http://", "https://")) for url in linked)
    text = "\n".join(slide_text(s) for s in sources)
    assert view["last_reviewed"] in text and view["review_by"] in text
    assert "not legal or tax advice" in text
    every = {url for slide in slides_of(persona_deck) for url in links(slide)}
    assert every == linked, "links only on the sources slides"


@pytest.mark.exe
def test_outcome_slides_say_the_verdict_pathways_and_every_item(
    persona_deck: bytes, canada: DecisionTree
) -> None:
    walk = deck_walk(canada, find_persona(canada, CANADA, PERSONA).facts)
    view = outcome_view(canada, walk.end)
    text = clean(body_text(slides_of(persona_deck)))
    assert "Verdict: Not compliant" in text
    for item in [*view["next_steps"], *view["documents"], *view["caveats"]]:
        assert clean(item) in text
    for item in view["misconceptions"]:
        assert clean(item["claim"]) in text and clean(item["correction"]) in text
    assert "S003" not in text, "internal labels stay out of learner text"


# ------------------------------------------------------------------ splitting
def test_long_text_is_split_across_slides_not_shrunk() -> None:
    paras = [Para("A caveat that goes on for a while. " * 6, 24, bullet=True)] * 12
    split = pages(paras, width=888, height=380)
    assert len(split) > 2 and sum(len(p) for p in split) == 12
    assert all(sum(p.height(888) for p in page) <= 380 for page in split)


def test_a_heading_is_never_left_alone_at_the_bottom() -> None:
    body = [Para("item " * 30, 24, bullet=True)] * 4
    heading = Para("Documents", 28, bold=True, keep_with_next=True)
    split = pages([*body, heading, Para("passport", 24)], width=888, height=330)
    assert all(page[-1] is not heading for page in split)


@pytest.mark.exe
def test_an_outcome_with_many_caveats_gets_continued_slides(
    example_data: dict[str, Any],
) -> None:
    outcome = next(n for n in example_data["nodes"] if n["id"] == "canadian_citizen")
    outcome["caveats"] = [f"Caveat number {i}: " + "words that matter " * 12 for i in range(14)]
    tree = tree_graph(example_data, "long.json")
    made = slides_of(deck(tree, {"citizenship": "canada"}))
    caveats = [title(s) for s in made if "caveats" in title(s).lower()]
    assert len(caveats) >= 2, "as many slides as the caveats need, none shrunk"
    text = clean(body_text(made))
    assert all(f"Caveat number {i}:" in text for i in range(14))
    assert all(clean(c) in text for c in outcome["caveats"]), "a caveat cut between columns"
    for slide in made:
        assert all(run.font.size.pt >= MIN_PT for run in runs(slide))


# ------------------------------------------------------------------ Python API, paths
@pytest.mark.exe
def test_a_path_gives_the_same_deck_as_the_facts(example_tree: DecisionTree) -> None:
    by_facts = deck(example_tree, {"citizenship": "us", "work_location": "in_canada"})
    by_path = deck(example_tree, path=["citizenship", "work_location", "permit_needed"])
    assert [title(s) for s in slides_of(by_facts)] == [title(s) for s in slides_of(by_path)]


@pytest.mark.exe
def test_an_unfinished_walk_ends_with_the_next_question(example_tree: DecisionTree) -> None:
    made = slides_of(deck(example_tree, {"citizenship": "us"}))
    titles = [title(s) for s in made]
    question = example_tree.node("work_location")["text"]
    assert titles[-2] == f"Next question: {question}" and titles[-1] == "Sources"
    assert "not legal" in slide_text(made[-1])


def test_a_path_that_is_not_a_path_is_refused(example_tree: DecisionTree) -> None:
    from xborder_tree import FactError

    with pytest.raises(FactError, match="does not follow"):
        deck(example_tree, path=["citizenship", "permit_needed"])


# ------------------------------------------------------------------ hostile text
@pytest.mark.exe
def test_hostile_text_is_literal_text_in_the_deck() -> None:
    tree = tree_graph(_hostile_document(), "hostile.json")
    made = slides_of(
        deck(tree, {"citizenship": "us", "work_location": "in_canada"}, persona=" ".join(HOSTILE))
    )
    text = "\n".join(slide_text(s) for s in made)
    for hostile in HOSTILE:
        assert clean(hostile) in text, hostile
    assert "\x1b" not in text and "\u202e" not in text
    for slide in made:
        assert all(safe_url(url) for url in links(slide)), "only http(s) links"
        assert all(run.font.size.pt >= MIN_PT for run in runs(slide))
    # the slide XML holds the markup as text, never as elements
    raw = io.BytesIO()
    Presentation(io.BytesIO(deck(tree, {"citizenship": "canada"}))).save(raw)
    import zipfile

    with zipfile.ZipFile(raw) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("ppt/slides/"))
    assert b"<script>" not in xml and b"&lt;script&gt;alert(1)&lt;/script&gt;" in xml


@pytest.mark.exe
def test_hostile_text_is_literal_text_in_the_compare_deck() -> None:
    from xborder_tree.drawing.compare import compare_paths
    from xborder_tree.outputs.compare_deck import compare_deck

    tree = tree_graph(_hostile_document(), "hostile.json")
    pair = compare_paths(tree, {"citizenship": "canada"}, {"citizenship": "us"}, ("A", "B"))
    made = slides_of(compare_deck(pair))
    text = "\n".join(slide_text(s) + notes(s) for s in made)
    assert all(clean(hostile) in text for hostile in HOSTILE)
    for slide in made:
        assert all(safe_url(url) for url in links(slide))
        assert all(run.font.size.pt >= MIN_PT for run in runs(slide) if run.text.strip())


# ------------------------------------------------------------------ command line
def run(args: list[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        err = io.StringIO()
        patch.setattr("sys.stderr", err)
        code = main(args, out)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--persona", "nobody"], "no persona 'nobody'"),
        (["--as-of", "2026-02-30"], "YYYY-MM-DD"),
        (["--fact", "citizenship=martian"], "martian"),
    ],
)
def test_deck_usage_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "d.pptx"
    code, _, err = run(["deck", "work-in-canada-from-us", *args, "-o", str(out)])
    assert code == 2 and "Traceback" not in err and not out.exists()
    assert any(message in line and "error" in line for line in err.splitlines()), err


def test_deck_is_written_to_a_pptx_file_only(tmp_path: Path) -> None:
    code, _, err = run(["deck", "example-remote-work", "-o", str(tmp_path / "d.pdf")])
    assert code == 2 and ".pptx" in err and not (tmp_path / "d.pdf").exists()


# ------------------------------------------------------------------ LibreOffice
def office_tools() -> tuple[str, str]:
    """LibreOffice and pdftoppm, installed by ``scripts/setup.sh --browser``: the test fails
    (never skips) without them, so that CI always opens the decks in a real presentation
    program."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice and pdftoppm, (
        "LibreOffice Impress and poppler-utils are needed: bash scripts/setup.sh --browser "
        "(apt-get install libreoffice-impress poppler-utils)"
    )
    return soffice, pdftoppm


@pytest.mark.exe
@pytest.mark.slow
def test_libreoffice_opens_the_decks_with_one_readable_page_per_slide(
    persona_deck: bytes, tmp_path: Path, canada: DecisionTree
) -> None:
    """The walk deck and the comparison deck converted to PDF by LibreOffice, every page
    drawn to PNG by pdftoppm: one page per slide, none blank, every diagram drawn."""
    from PIL import Image

    from xborder_tree.drawing.compare import compare_paths
    from xborder_tree.outputs.compare_deck import compare_deck

    soffice, pdftoppm = office_tools()
    scenarios = {s.id: s for s in load_scenarios(TREES / "work-in-canada-from-us.scenarios.json")}
    pair = compare_paths(
        canada, scenarios[PERSONA].facts, scenarios["buffalo-h1b-commute-toronto"].facts
    )
    decks = {"walk": persona_deck, "compare": compare_deck(pair)}
    for name, data in decks.items():
        (tmp_path / f"{name}.pptx").write_bytes(data)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.pptx") for name in decks),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    for name, data in decks.items():
        pdf = tmp_path / f"{name}.pdf"
        assert done.returncode == 0 and pdf.exists(), done.stderr.decode(errors="replace")
        subprocess.run(
            [pdftoppm, "-r", "24", "-png", str(pdf), str(tmp_path / name)],
            check=True,
            timeout=120,
        )
        pngs = sorted(tmp_path.glob(f"{name}-*.png"))
        made = slides_of(data)
        assert len(pngs) == len(made), "one page per slide"
        for png, slide in zip(pngs, made, strict=True):
            with Image.open(png) as page:
                grey = page.convert("L")
                inked = sum(grey.histogram()[:200])  # pixels darker than light grey
                share = inked / (grey.width * grey.height)
            assert share > 0.01, f"{png.name} ({title(slide)!r}) is blank"
            if pictures(slide):  # a diagram: its lines and boxes add ink over the text
                assert share > 0.03, f"{png.name} ({title(slide)!r}): the diagram is missing"


# ------------------------------------------------------------------ compare
@pytest.mark.exe
def test_compare_deck_puts_both_paths_side_by_side(tmp_path: Path, canada: DecisionTree) -> None:
    scenarios = {s.id: s for s in load_scenarios(TREES / "work-in-canada-from-us.scenarios.json")}
    remote, commute = scenarios[PERSONA], scenarios["buffalo-h1b-commute-toronto"]
    out = tmp_path / "compare.pptx"
    args = ["compare", "work-in-canada-from-us", "--label-a", "Remote", "--label-b", "Commute"]
    args += [x for k, v in remote.facts.items() for x in ("--a", f"{k}={v}")]
    args += [x for k, v in commute.facts.items() for x in ("--b", f"{k}={v}")]
    code, _, err = run([*args, "-o", str(out)])
    assert code == 0, err
    made = slides_of(out.read_bytes())
    titles = [title(s) for s in made]
    from xborder_tree.drawing.compare import compare_paths

    parting = compare_paths(canada, remote.facts, commute.facts).split
    assert parting is not None
    split = f"Where the paths part: {canada.node(parting)['text']}"
    assert split in titles
    text = {"Remote": "", "Commute": ""}
    for number, slide in enumerate(s for s in made if title(s).startswith(split)):
        # the split slide: A on the left, B on the right; then, over both columns, what did
        # not fit of each path, under its name
        boxes = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
        middle = SLIDE_W / 2 * EMU_PER_PT
        boxes = [b for b in boxes if not b.text_frame.text.startswith("Both answer alike")]
        assert all(b.left + b.width <= middle or b.left >= middle for b in boxes), "two columns"
        columns = [b.text_frame.text for b in boxes]
        if number == 0:
            assert columns[0].startswith("Remote") and columns[1].startswith("Commute")
            text["Remote"] += columns[0]
            text["Commute"] += columns[1]
        else:
            name = columns[0].split(" (continued)")[0]
            assert name in text, columns[0]
            text[name] += "\n".join(columns)
    left, right = text["Remote"], text["Commute"]
    assert "Verdict: Not compliant" in left and "Verdict: Permit required" in right
    assert "Answers: Only remotely from the US" in left
    assert "Answers: In Canada" in right
    diagram = made[titles.index("Both paths on the map")]
    assert len(pictures(diagram)) == 1
    assert titles[-1].startswith("Sources") and links(made[-1])
    for slide in made:
        assert notes(slide).strip()
        assert all(run.font.size.pt >= MIN_PT for run in runs(slide) if run.text.strip())


# ------------------------------------------------------------------ explorer download
@pytest.mark.exe
def test_explorer_downloads_offer_the_walk_as_slides(example_tree: DecisionTree) -> None:
    import base64

    from xborder_tree.jupyter.widgets import Explorer

    explorer = Explorer(example_tree, date="2026-11-21")
    explorer.answer("us")
    explorer.answer("in_canada")
    explorer.prepare_downloads()
    found = re.search(
        r'class="xt_download xt_download_pptx" download="([^"]+)" href="data:'
        r"application/vnd\.openxmlformats-officedocument\.presentationml\.presentation;base64,"
        r'([A-Za-z0-9+/=]+)">Slides \(PowerPoint\)</a>',
        explorer.downloads.value,
    )
    assert found and found[1] == "example-remote-work-walk.pptx"
    titles = [title(s) for s in slides_of(base64.b64decode(found[2]))]
    assert titles[1:3] == [
        example_tree.node("citizenship")["text"],
        example_tree.node("work_location")["text"],
    ]
    assert titles[3] == "Outcome: " + example_tree.node("permit_needed")["title"]
    assert "xt_download_md" in explorer.downloads.value, "beside the other downloads"
    explorer.back()
    assert "xt_download_pptx" not in explorer.downloads.value, "a new path clears the link"


@pytest.mark.exe
def test_a_diagram_on_a_region_of_the_slide_keeps_its_text_18_px_high(
    canada: DecisionTree,
) -> None:
    """``slide_height``: the fit is a region of a 1080-pixel-high slide, not the whole slide."""
    from xborder_tree.drawing.render_focus import plan_slides

    path = deck_walk(canada, find_persona(canada, CANADA, PERSONA).facts).path
    deck_region = plan_slides(canada, path, fit=(1872, 700), slide_height=1080)
    assert all(part.min_text_px >= 18 for part in deck_region)
    small = plan_slides(canada, path, fit=(1200, 500))  # taken for a whole, smaller slide
    assert len(small) == 1 and small[0].min_text_px < 18
    region = plan_slides(canada, path, fit=(1200, 500), slide_height=1080)
    assert len(region) > 1 and region[0].min_text_px >= 18, "cut into parts, not shrunk"


@pytest.mark.exe
def test_as_of_picks_the_rules_shown_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "d.pptx"
    args = ["deck", "example-remote-work", "--fact", "citizenship=canada", "-o", str(out)]
    assert run([*args, "--as-of", "2026-02-28"])[0] == 0
    first = slides_of(out.read_bytes())[0]
    assert "Rules as of 2026-02-28" in slide_text(first)


@pytest.mark.exe
def test_the_deck_shows_the_rules_of_its_date() -> None:
    tree = load_tree(ROOT / "tests" / "fixtures" / "dated-example.json")
    facts = {"citizenship": "us", "work_location": "in_canada"}
    march = "\n".join(slide_text(s) for s in slides_of(deck(tree, facts, as_of="2026-03-15")))
    august = "\n".join(slide_text(s) for s in slides_of(deck(tree, facts, as_of="2026-08-01")))
    assert "Until 2026-03-31 the old form applies." in march
    assert "From 2026-04-01 the new form applies." not in march
    assert "From 2026-04-01 the new form applies." in august
    assert "Receipt for the new fee" in august and "Receipt for the new fee" not in march
    assert tree.node("permit_with_fee")["title"] in august
