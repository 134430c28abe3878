"""Run Graphviz with a time limit, check what it returns, and write files atomically.

>>> from xborder_tree import load_tree
>>> tree = load_tree("trees/example-remote-work.json")
>>> svg = render_bytes(tree, "svg")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
from collections import OrderedDict
from pathlib import Path

from ..model.errors import GraphvizError, GraphvizNotFound, GraphvizTimeout, OutputError, UsageError
from ..model.tree import DecisionTree
from .browser_graphviz import IN_BROWSER, browser_layout, formats_here
from .render import Highlight, to_digraph

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "export_diagram",
    "formats_here",
    "laid_out_svg",
    "output_folder",
    "render_bytes",
    "run_dot",
    "write_atomic",
    "write_diagram",
]

FORMATS = ("svg", "png", "pdf")
DEFAULT_TIMEOUT = 60.0
"""Seconds Graphviz may take for one layout before it is stopped."""

_MAGIC = {"svg": b"<svg", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


def run_dot(
    source: str,
    fmt: str = "svg",
    *,
    dpi: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    engine: str = "dot",
) -> bytes:
    """Lay out DOT ``source`` and return the ``fmt`` output, checked for its file signature.

    In the browser (Pyodide) the page's Graphviz WebAssembly build lays it out instead
    (:mod:`~xborder_tree.drawing.browser_graphviz`: SVG only, and without a time limit)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format: {fmt!r} (must be one of {list(FORMATS)})")
    if IN_BROWSER and engine == "dot":
        return browser_layout(source, fmt)
    executable = shutil.which(engine)
    if executable is None:
        raise GraphvizNotFound()
    command = [executable, f"-T{fmt}"]
    if dpi is not None:
        if not 36 <= dpi <= 1200:
            raise UsageError(f"dpi must be between 36 and 1200, not {dpi}")
        command.append(f"-Gdpi={dpi}")
    try:
        done = subprocess.run(
            command, input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(
            f"Graphviz took longer than {timeout:g} s to lay out the diagram and was stopped; "
            "the tree may be too large to draw: split it, or raise the time limit"
        ) from None
    except OSError as exc:
        raise GraphvizError(f"Graphviz could not be started: {exc}") from None
    head = done.stdout[:1024] if fmt != "svg" else done.stdout[:4096]
    if done.returncode != 0 or _MAGIC[fmt] not in head:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit code {done.returncode}, no usable {fmt} output"
        raise GraphvizError(
            f"Graphviz failed to draw the diagram: {reason}. Check the Graphviz installation "
            "('dot -V' should print its version) or try another format"
        )
    return done.stdout


def render_bytes(
    tree: DecisionTree,
    fmt: str = "svg",
    *,
    theme: str = "screen",
    highlight: Highlight | None = None,
    dpi: int | None = None,
    prefix: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    as_of: dt.date | None = None,
) -> bytes:
    """The diagram of ``tree`` in ``fmt``, with ``highlight`` drawn (and, with ``as_of``,
    what is not in force that day dashed)."""
    source = to_digraph(tree, theme, highlight, prefix, as_of).source
    return run_dot(source, fmt, dpi=dpi, timeout=timeout)


_LAYOUTS: OrderedDict[str, str] = OrderedDict()
_LAYOUT_CACHE_SIZE = 16


def laid_out_svg(
    tree: DecisionTree,
    theme: str = "screen",
    prefix: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """The tree's SVG without highlight, laid out once per (content, theme, prefix).

    Highlights are then applied by id (``render.highlight_svg`` / ``highlight_css``).
    """
    source = to_digraph(tree, theme, None, prefix).source
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if key in _LAYOUTS:
        _LAYOUTS.move_to_end(key)
        return _LAYOUTS[key]
    svg = run_dot(source, "svg", timeout=timeout).decode("utf-8")
    _LAYOUTS[key] = svg
    while len(_LAYOUTS) > _LAYOUT_CACHE_SIZE:
        _LAYOUTS.popitem(last=False)
    return svg


def output_folder(path: str | Path) -> Path:
    """The folder ``path`` will be written in; ``OutputError`` naming it when it is missing
    or not a folder.

    >>> try:
    ...     output_folder("/nonexistent/dir/x.png")
    ... except OutputError as error:
    ...     print(str(error).split(". ")[0])
    cannot write /nonexistent/dir/x.png: the folder /nonexistent/dir does not exist
    """
    target = Path(path)
    folder = target.parent
    if not folder.exists():
        raise OutputError(
            f"cannot write {target}: the folder {folder} does not exist. "
            f"Create it first (mkdir -p {folder}) or write elsewhere"
        )
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: {folder} is a file, not a folder")
    return folder


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so a failure
    never leaves a half-written file. The file gets the usual mode for new files (0644
    under umask 022), not the private 0600 of temporary files."""
    target = Path(path)
    folder = output_folder(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise OutputError(f"cannot write {target}: no permission to write in {folder}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), _new_file_mode(target))
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _new_file_mode(target: Path) -> int:
    """The mode of the file replaced, else the umask's mode for new files (0644 under 022)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0o022)  # read by setting it, then restoring it at once
        os.umask(mask)
        return 0o666 & ~mask


def write_diagram(
    source: str,
    path: str | Path,
    fmt: str | None = None,
    *,
    dpi: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Lay out DOT ``source`` and write it atomically; the format defaults to the suffix."""
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    output_folder(path)  # before the layout, which may take a while
    return write_atomic(path, run_dot(source, fmt, dpi=dpi, timeout=timeout))


def export_diagram(
    tree: DecisionTree,
    path: str | Path,
    fmt: str | None = None,
    *,
    theme: str = "screen",
    highlight: Highlight | None = None,
    dpi: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    as_of: dt.date | None = None,
) -> Path:
    """Render and write the diagram of ``tree``; the format defaults to the file's suffix.
    With ``as_of``, answers and outcomes not in force that day are drawn dashed."""
    source = to_digraph(tree, theme, highlight, as_of=as_of).source
    return write_diagram(source, path, fmt, dpi=dpi, timeout=timeout)
