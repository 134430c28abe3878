"""The JupyterLite site (``xborder-tree lite``): its parts without a browser, then the built
site in headless Chromium with every other host blocked.

The browser test builds the site (npm and PyPI downloads are cached in
``XBORDER_LITE_CACHE``, default ``~/.cache/xborder-tree/lite``), serves it on 127.0.0.1,
opens ``01-tour``, runs every cell in the browser's kernel, compares the outputs of the cells
marked ``NBVAL_CHECK_OUTPUT`` with the notebook's saved ones, answers a question in the
explorer, draws the whole map through Graphviz's WebAssembly build, and fails on any request
to another host.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xborder_tree import TreeError, tree_graph
from xborder_tree.cli.main import main
from xborder_tree.drawing import export as export_module
from xborder_tree.drawing.browser_graphviz import browser_layout, formats_here
from xborder_tree.loading import schema as schema_module
from xborder_tree.model.errors import GraphvizError, XborderError
from xborder_tree.web import lite as lite_module
from xborder_tree.web.lite import START, build_lite, kernel_settings
from xborder_tree.web.lite_runtime import _wheel, pyodide_lock, sync_viz_source, wheel_name

from .conftest import ROOT

# ------------------------------------------------------------------ parts, no browser


def test_kernel_never_asks_pypi_and_preloads_everything() -> None:
    settings = kernel_settings(["ipython", "xborder-tree"])
    assert settings["disablePyPIFallback"] is True
    assert settings["loadPyodideOptions"]["packages"] == ["ipython", "xborder-tree"]


def test_lock_lists_only_the_wheels_given(tmp_path: Path) -> None:
    runtime_lock = tmp_path / "pyodide-lock.json"
    info = {"arch": "wasm32", "platform": "emscripten_5_0_3", "python": "3.14.2"}
    runtime_lock.write_text(json.dumps({"info": info, "packages": {"numpy": {}}}))
    first = _wheel(tmp_path, "demo_one", "1.2.0", {"demo_one/__init__.py": b""}, "x")
    second = _wheel(tmp_path, "demo-two", "0.1", {"demo_two.py": b"X = 1\n"}, "y")
    lock = pyodide_lock(runtime_lock, [second, first])
    assert lock["info"] == info
    packages: dict[str, Any] = lock["packages"]  # type: ignore[assignment]
    assert sorted(packages) == ["demo-one", "demo-two"]
    assert packages["demo-one"]["file_name"] == first.name
    assert packages["demo-one"]["version"] == "1.2.0"
    assert packages["demo-one"]["imports"] == ["demo_one"]
    assert packages["demo-two"]["imports"] == ["demo_two"]
    import hashlib

    assert packages["demo-two"]["sha256"] == hashlib.sha256(second.read_bytes()).hexdigest()
    with zipfile.ZipFile(first) as archive:
        record = archive.read("demo_one-1.2.0.dist-info/RECORD").decode()
    assert "demo_one/__init__.py,sha256=" in record


def test_wheel_names_are_normalised() -> None:
    assert wheel_name("prompt_toolkit-3.0.53-py3-none-any.whl") == "prompt-toolkit"
    assert wheel_name("Jedi-0.20.1-py2.py3-none-any.whl") == "jedi"


def test_an_unexpected_graphviz_build_is_refused() -> None:
    with pytest.raises(XborderError, match=r"not the expected build .*pinned in web/lite"):
        sync_viz_source("async function Module(moduleArg={}){}")


def test_the_browser_draws_svg_only() -> None:
    assert formats_here() == ("svg", "png", "pdf")  # outside the browser: all three
    with pytest.raises(GraphvizError, match=r"PNG files cannot be made in the browser"):
        browser_layout("digraph { a -> b }", "png")


def test_layout_goes_through_the_browser_build_under_pyodide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, str]] = []

    def fake_layout(source: str, fmt: str = "svg") -> bytes:
        asked.append((source, fmt))
        return b"<svg/>"

    monkeypatch.setattr(export_module, "IN_BROWSER", True)
    monkeypatch.setattr(export_module, "browser_layout", fake_layout)
    monkeypatch.setattr(export_module.shutil, "which", lambda _name: None)  # no dot there
    assert export_module.run_dot("digraph { a }", "svg") == b"<svg/>"
    assert asked == [("digraph { a }", "svg")]


def test_invalid_tree_located_without_jsonschema(
    monkeypatch: pytest.MonkeyPatch, example_document: dict[str, Any]
) -> None:
    broken = json.loads(json.dumps(example_document))
    del broken["nodes"][1]["text"]
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # as in the browser: not installable
    schema_module._explaining_validator.cache_clear()
    try:
        with pytest.raises(TreeError) as caught:
            tree_graph(broken, "broken.json")
    finally:
        schema_module._explaining_validator.cache_clear()
    text = str(caught.value)
    assert "broken.json" in text and "/nodes/1" in text
    assert "only the first schema fault is shown" in text and "xborder-tree validate" in text


def test_cli_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = lite_module.importlib.util.find_spec
    monkeypatch.setattr(
        lite_module.importlib.util,
        "find_spec",
        lambda name: None if name == "jupyterlite_core" else real(name),
    )
    assert main(["lite", "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "jupyterlite-core" in err and "pip install -e '.[lite]'" in err
    assert not (tmp_path / "site").exists()


def test_cli_refuses_a_folder_with_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keep = tmp_path / "mine.txt"
    keep.write_text("not a site")
    assert main(["lite", "-o", str(tmp_path), "--cache", str(tmp_path / "cache")]) == 2
    assert "holds other files" in capsys.readouterr().err
    assert keep.read_text() == "not a site"


def test_browser_wheels_pin_exact_versions() -> None:
    pins = lite_module._pins(ROOT)
    assert all(re.fullmatch(r"[a-z0-9-]+==[0-9][0-9a-z.]*", pin) for pin in pins), pins
    names = {pin.split("==")[0] for pin in pins}
    assert {"anywidget", "ipywidgets", "fastjsonschema", "networkx", "graphviz"} <= names
    assert "jsonschema" not in names  # its rpds-py is compiled: no browser build
    npm = json.loads((ROOT / "xborder_tree/web/lite/package.json").read_text())
    assert all(re.fullmatch(r"[0-9][0-9.]*", v) for v in npm["dependencies"].values())


# ------------------------------------------------------------------ the site in a browser

WAIT_MS = 180_000  # kernel start and a whole notebook on a busy 2-core machine


@pytest.fixture(scope="module")
def lite_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = os.environ.get("XBORDER_LITE_CACHE")
    return build_lite(
        tmp_path_factory.mktemp("lite") / "site", cache=Path(cache) if cache else None
    )


@pytest.fixture(scope="module")
def lite_url(lite_site: Path) -> Iterator[str]:
    from .static_server import serve_folder

    with serve_folder(lite_site) as url:
        yield url


def _saved_outputs(notebook: Path) -> list[tuple[str, str]]:
    """(source, stream text) of every code cell marked ``NBVAL_CHECK_OUTPUT``."""
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    checked = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.startswith("# NBVAL_CHECK_OUTPUT"):
            text = "".join(
                "".join(out.get("text", ""))
                for out in cell["outputs"]
                if out["output_type"] == "stream"
            )
            checked.append((source, text))
    return checked


_CELLS = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')].map(cell => [
  cell.querySelector('.jp-InputArea-prompt').textContent,
  [...cell.querySelectorAll('.cm-line')].map(line => line.textContent).join('\\n'),
  [...cell.querySelectorAll('.jp-OutputArea-output')].map(out => [
    out.getAttribute('data-mime-type') || '', out.textContent])])"""


@pytest.mark.browser
@pytest.mark.slow
def test_built_site_serves_everything_itself(lite_site: Path) -> None:
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert kernel["disablePyPIFallback"] is True
    runtime = lite_site / "static" / "pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    assert sorted(kernel["loadPyodideOptions"]["packages"]) == sorted(lock["packages"])
    for package in lock["packages"].values():
        assert (runtime / package["file_name"]).is_file(), package["file_name"]
    assert {"xborder-tree", "xborder-graphviz-wasm", "ipython", "anywidget"} <= set(
        lock["packages"]
    )
    start = (lite_site / "index.html").read_text()
    assert f"lab/index.html?path={START}" in start and f"notebooks/index.html?path={START}" in start
    assert (lite_site / "files" / START).is_file()
    assert (lite_site / "files" / "trees" / "work-in-canada-from-us.json").is_file()


@pytest.mark.browser
@pytest.mark.slow
def test_tour_runs_offline_in_the_browser(lite_site: Path, lite_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    from .voila import CHROMIUM, CHROMIUM_FLAGS

    assert (lite_site / "static/pyodide/pyodide-lock.json").is_file()
    flags = [*CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.on(
                "request",
                lambda r: (
                    outside.append(r.url)
                    if not r.url.startswith((lite_url, "data:", "blob:"))
                    else None
                ),
            )
            page.set_default_timeout(WAIT_MS)
            page.goto(lite_url)  # the front page opens 01-tour in JupyterLab
            page.wait_for_url(re.compile(r"/lab/"))
            expect(
                page.locator(
                    ".jp-mod-current .jp-TabBar-tabLabel, .lm-TabBar-tab.jp-mod-current"
                ).first
            ).to_contain_text(START.removesuffix(".ipynb"))
            idle = '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
            page.wait_for_selector(idle, state="attached")
            for menu, item in (("Edit", "Clear Outputs of All Cells"), ("Run", "Run All Cells")):
                page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
                page.locator(".lm-Menu-itemLabel", has_text=item).first.click()
            page.wait_for_function(
                """() => { const p = [...document.querySelectorAll(
                  '.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')].map(e => e.textContent);
                  return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }""",
                timeout=WAIT_MS,
            )
            cells = page.evaluate(_CELLS)
            errors = [
                (src[:80], text)
                for _, src, outs in cells
                for mime, text in outs
                if "stderr" in mime or "error" in mime
            ]
            assert errors == []
            shown = {
                src.strip(): "".join(t for m, t in outs if "stdout" in m) for _, src, outs in cells
            }
            for source, expected in _saved_outputs(ROOT / "notebooks" / START):
                assert shown.get(source.strip()) is not None, source[:80]
                assert shown[source.strip()].split() == expected.split(), source[:80]

            # the focus diagrams laid out by Graphviz's WebAssembly build, one per person
            # (a Figure: JupyterLab shows its HTML form, the SVG as an image, or the SVG itself)
            drawn = page.locator(
                '.jp-RenderedSVG, .jp-OutputArea-output figure img[src^="data:image/svg+xml"]'
            )
            assert drawn.count() >= 3

            # the explorer answers a click ...
            view = page.locator(".xt_view_widget").first
            question = view.locator(".xt_question_text")
            first_text = question.text_content()
            view.locator(".xt_answer").first.click()
            expect(view.locator(".xt_crumb_0")).to_be_visible()
            expect(question).not_to_have_text(first_text or "")
            # ... and draws the whole map (laid out in the kernel's worker)
            view.locator(".xt_view_map").click()
            expect(view.locator(".xt_map svg g.xt_node").first).to_be_attached()
            page.screenshot(path=str(lite_site.parent / "lite-tour.png"))
        finally:
            browser.close()
    assert outside == [], f"requests to other hosts: {outside}"


@pytest.mark.browser
@pytest.mark.slow
def test_notebook7_view_opens_the_tour(lite_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    from .voila import CHROMIUM, CHROMIUM_FLAGS

    flags = [*CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{lite_url}notebooks/index.html?path={START}")
            expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
            expect(page.locator(".jp-Notebook")).to_contain_text("A tour of the explorer")
            page.wait_for_selector(
                '.jp-Notebook-ExecutionIndicator[data-status="idle"]', state="attached"
            )
        finally:
            browser.close()


@pytest.mark.exe
def test_downloads_in_the_browser_offer_svg_and_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from xborder_tree import Walk, load_tree
    from xborder_tree.jupyter import downloads as downloads_module

    monkeypatch.setattr(downloads_module, "IN_BROWSER", True)
    monkeypatch.setattr(downloads_module, "formats_here", lambda: ("svg",))
    monkeypatch.setattr(downloads_module, "slides_here", lambda: False)
    walk = Walk(load_tree(ROOT / "trees/example-remote-work.json")).answer("canada")
    html = downloads_module.download_links(walk, "2026-12-04")
    assert 'download="example-remote-work-screen.svg"' in html
    assert ".png" not in html and ".pdf" not in html and ".pptx" not in html
    assert "Not made here: PNG, PDF, slides (PowerPoint)" in html
    assert "Graphviz draws SVG only and python-pptx cannot be installed" in html


def test_bench_floor_notebook_is_one_cell_printing_one_line(tmp_path: Path) -> None:
    import nbformat

    from bench.lite import FLOOR_LINE, floor_notebook, site_size

    notebook = nbformat.read(floor_notebook(tmp_path), as_version=4)
    nbformat.validate(notebook)
    (cell,) = notebook.cells
    assert cell.cell_type == "code" and cell.source == f'print("{FLOOR_LINE}")'
    (tmp_path / "a.txt").write_bytes(b"x" * 2_000_000)
    size = site_size(tmp_path)
    assert size["files"] == 2 and size["mb"] == 2.0 and size["gzip_mb"] < 0.1
