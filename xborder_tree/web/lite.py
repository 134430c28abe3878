"""The training notebooks as a JupyterLite site: JupyterLab and Notebook 7 with a Python
kernel (Pyodide) running in the browser from static files, with no server and no request to
any other host.

``build_lite(folder)`` gathers the pinned runtime (:mod:`~xborder_tree.lite_runtime`), builds
this project's wheel, writes the site's settings (every wheel preloaded from the site, the
PyPI fallback off), runs ``jupyter lite build`` with the training notebooks and the trees as
contents, and makes the site open on ``01-tour``.

>>> START
'01-tour.ipynb'
>>> sorted(kernel_settings(["ipython", "networkx"])["loadPyodideOptions"])
['packages']
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.errors import OutputError, XborderError
from .lite_runtime import (
    graphviz_wheel,
    npm_runtime,
    pyodide_lock,
    python_wheels,
    wheel_name,
)

__all__ = ["LITE_TOOLS", "START", "build_lite", "default_cache", "kernel_settings"]

START = "01-tour.ipynb"
"""The notebook the site opens on."""

LITE_TOOLS = {
    "jupyterlite_core": "jupyterlite-core",
    "jupyterlite_pyodide_kernel": "jupyterlite-pyodide-kernel",
}
"""Modules the build needs, with the distribution that brings each (the ``lite`` extra)."""

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
FRONT_END_ONLY = ("jupyterlab-widgets",)
"""Wheels whose front end goes into the site but whose Python the browser does not need."""
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
MARKER = ".xborder-tree-lite"
_ROOT = Path(__file__).resolve().parents[2]


def default_cache() -> Path:
    """Where downloads are kept between builds: ``$XDG_CACHE_HOME/xborder-tree/lite``."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "xborder-tree" / "lite"


def kernel_settings(packages: Sequence[str]) -> dict[str, Any]:
    """The Pyodide kernel's settings: preload ``packages`` from the site, never ask PyPI."""
    return {"loadPyodideOptions": {"packages": list(packages)}, "disablePyPIFallback": True}


def _check_tools() -> None:
    missing = [
        dist for module, dist in LITE_TOOLS.items() if importlib.util.find_spec(module) is None
    ]
    if missing:
        raise XborderError(
            f"building the JupyterLite site needs {' and '.join(missing)}: install the 'lite' "
            "extra (pip install -e '.[lite]', from the project folder), then run this again"
        )


def _checkout(root: Path) -> Path:
    if not (root / "pyproject.toml").is_file() or not (root / "notebooks").is_dir():
        raise XborderError(
            f"the JupyterLite site is built from the project's source folder, and {root} is "
            "not one (no pyproject.toml or notebooks/): clone the repository and install it "
            "with pip install -e '.[lite]'"
        )
    return root


def _pins(root: Path) -> list[str]:
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    pins = data.get("tool", {}).get("xborder-tree", {}).get("lite", {}).get("browser-wheels")
    if not pins:
        raise XborderError(
            f"{root / 'pyproject.toml'}: [tool.xborder-tree.lite] browser-wheels is missing"
        )
    return [str(pin) for pin in pins]


def _own_wheel(root: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--disable-pip-version-check",
            "--no-deps",
            "-q",
            "-w",
            str(folder),
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(folder.glob("xborder_tree-*.whl"))
    if done.returncode != 0 or not wheels:
        raise XborderError("building this project's wheel failed:\n" + done.stderr[-1500:])
    return wheels[-1]


def _kernel_wheels() -> list[Path]:
    """ipykernel (a shim), piplite and pyodide_kernel, as the kernel extension ships them."""
    extension = _kernel_extension()
    return [
        w
        for w in sorted((extension / "static" / "pypi").glob("*.whl"))
        if wheel_name(w.name) in ("ipykernel", "piplite", "pyodide-kernel")
    ]


def _kernel_extension() -> Path:
    folder = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite"
    extension = folder / "pyodide-kernel-extension"
    if not (extension / "package.json").is_file():
        raise XborderError(
            f"the Pyodide kernel's front end is missing from {folder}: "
            "reinstall the 'lite' extra (pip install -e '.[lite]')"
        )
    return extension


def _empty_target(output: Path) -> None:
    """Clear ``output`` when it is empty or an earlier site of ours; refuse anything else."""
    if output.exists():
        if not output.is_dir():
            raise OutputError(f"cannot write the site to {output}: it is a file")
        if any(output.iterdir()) and not (output / MARKER).is_file():
            raise OutputError(
                f"cannot write the site to {output}: the folder holds other files; "
                "give an empty or new folder"
            )
        shutil.rmtree(output)
    elif not output.parent.is_dir():
        raise OutputError(
            f"cannot write the site to {output}: the folder {output.parent} does not exist"
        )


def _contents(root: Path, folder: Path, extra: Sequence[Path] = ()) -> Path:
    """The site's files: the training notebooks (and ``extra`` files) at the top, the trees
    in ``trees/``."""
    folder.mkdir(parents=True)
    for path in extra:
        shutil.copyfile(path, folder / path.name)
    for notebook in sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        shutil.copyfile(notebook, folder / notebook.name)
    shutil.copytree(root / "trees", folder / "trees")
    return folder


def _start_page(output: Path) -> None:
    """The site's front page: straight into ``01-tour`` in JupyterLab, with a link to the
    same notebook in Notebook 7. The site's root settings element stays in it, as
    JupyterLite's pages read it from there."""
    lab = f"lab/index.html?path={START}"
    notebook = f"notebooks/index.html?path={START}"
    (output / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        "<title>Cross-border work rules: training notebooks</title>\n"
        # every JupyterLite page reads its root settings from this element of this page
        '<script id="jupyter-config-data" type="application/json" '
        'data-jupyter-lite-root=".">{}</script>\n'
        '<link rel="icon" href="lab/favicon.ico">\n'
        f'<meta http-equiv="refresh" content="0; url={lab}">\n</head><body>\n'
        f'<p><a href="{lab}">Open the training notebooks in JupyterLab</a> or '
        f'<a href="{notebook}">in Notebook 7</a>.</p>\n</body></html>\n',
        "utf-8",
    )


def _settle_config(output: Path, packages: Sequence[str]) -> None:
    """Write the kernel's settings into the built ``jupyter-lite.json`` (the build drops
    some of the lite folder's), and check that the runtime is the site's own."""
    path = output / "jupyter-lite.json"
    config = json.loads(path.read_text("utf-8"))
    data = config.setdefault("jupyter-config-data", {})
    plugins = data.setdefault("litePluginSettings", {})
    kernel = plugins.setdefault(KERNEL_PLUGIN, {})
    kernel.update(kernel_settings(packages))
    url = kernel.get("pyodideUrl", "")
    if not url.startswith("./"):
        raise XborderError(f"the built site would load Pyodide from {url!r}, not from itself")
    path.write_text(json.dumps(config, indent=2) + "\n", "utf-8")


def build_lite(
    output: str | Path,
    *,
    cache: str | Path | None = None,
    root: str | Path | None = None,
    log: Any = None,
    extra: Sequence[str | Path] = (),
) -> Path:
    """Build the JupyterLite site into ``output`` (a new or empty folder, or an earlier
    site); downloads are kept in ``cache`` (:func:`default_cache`); ``extra`` files join the
    notebooks (the benchmark's floor notebook). Returns ``output``."""
    say = log or (lambda _text: None)
    _check_tools()
    source = _checkout(Path(root) if root else _ROOT)
    target = Path(output).resolve()
    _empty_target(target)
    store = Path(cache) if cache else default_cache()
    store.mkdir(parents=True, exist_ok=True)
    say("runtime: npm packages (Pyodide, Graphviz WebAssembly)")
    node_modules = npm_runtime(store)
    say("runtime: Python wheels for the browser")
    wheels = python_wheels(_pins(source), store)
    work = store / "build"
    shutil.rmtree(work, ignore_errors=True)
    lite_dir = work / "lite"
    runtime = lite_dir / "static" / "pyodide"
    runtime.mkdir(parents=True)
    say("runtime: this project's wheel and Graphviz for the browser")
    served = (
        [w for w in wheels if wheel_name(w.name) not in FRONT_END_ONLY]
        + _kernel_wheels()
        + [graphviz_wheel(node_modules, work), _own_wheel(source, work / "own")]
    )
    for name in RUNTIME_FILES:
        shutil.copyfile(node_modules / "pyodide" / name, runtime / name)
    for wheel in served:
        shutil.copyfile(wheel, runtime / wheel.name)
    lock = pyodide_lock(node_modules / "pyodide" / "pyodide-lock.json", served)
    (runtime / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n", "utf-8")
    packages = sorted(lock["packages"])  # type: ignore[call-overload]
    (lite_dir / "jupyter-lite.json").write_text(
        json.dumps(
            {
                "jupyter-lite-schema-version": 0,
                "jupyter-config-data": {
                    "appName": "Cross-border work rules: training notebooks",
                    "litePluginSettings": {KERNEL_PLUGIN: kernel_settings(packages)},
                },
            },
            indent=2,
        )
        + "\n",
        "utf-8",
    )
    contents = _contents(source, work / "files", [Path(p) for p in extra])
    extensions = [_kernel_extension()] + [
        w for w in wheels if wheel_name(w.name) in ("anywidget", "jupyterlab-widgets")
    ]
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lite",
        "build",
        "--lite-dir",
        str(lite_dir),
        "--output-dir",
        str(target),
        "--ignore-sys-prefix",
        "--no-sourcemaps",
        "--apps",
        "lab",
        "--apps",
        "notebooks",
        "--apps",
        "tree",
        "--contents",
        str(contents),
        *[f"--LiteBuildConfig.federated_extensions={path}" for path in extensions],
    ]
    say("jupyter lite build")
    done = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise XborderError("jupyter lite build failed:\n" + (done.stdout + done.stderr)[-3000:])
    _settle_config(target, packages)
    _start_page(target)
    (target / MARKER).write_text("built by xborder-tree lite\n", "utf-8")
    return target
