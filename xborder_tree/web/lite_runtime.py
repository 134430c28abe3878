"""What the JupyterLite site's Python runs on, gathered from pinned versions: the Pyodide
runtime and Graphviz's WebAssembly build from the npm registry (``web/lite/package.json``
and its lock), the pure-Python wheels from PyPI (``[tool.xborder-tree.lite]`` in
``pyproject.toml``), and a ``pyodide-lock.json`` that lists only the wheels the site serves.

Everything downloaded is kept in a cache folder and fetched again only when a pin changes.

>>> wheel_name("ipython_pygments_lexers-1.1.1-py3-none-any.whl")
'ipython-pygments-lexers'
>>> try:
...     sync_viz_source("async function Module(moduleArg={}){x}")
... except XborderError as error:
...     print(str(error).split(" (")[0])
the Graphviz WebAssembly script is not the expected build
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Sequence
from email.parser import HeaderParser
from pathlib import Path

from ..model.errors import XborderError

__all__ = [
    "LITE_PINS",
    "graphviz_wheel",
    "npm_runtime",
    "pyodide_lock",
    "python_wheels",
    "sync_viz_source",
    "wheel_name",
]

LITE_PINS = Path(__file__).resolve().parent / "lite"
"""``package.json`` and ``package-lock.json``: the npm packages the site vendors."""

GRAPHVIZ_PACKAGE = "xborder_graphviz_wasm"
"""The generated wheel holding Graphviz's WebAssembly build for the browser's Python."""

# The emscripten loader of @viz-js/viz instantiates Graphviz asynchronously; the kernel's
# Python calls it synchronously from its worker, where compiling WebAssembly synchronously is
# allowed in every browser. Each part below must occur exactly once in the pinned build.
_SYNC_PARTS = (
    ("async function Module(moduleArg={}){", "function Module(moduleArg={}){"),
    ("var _scriptName=import.meta.url;", 'var _scriptName="";'),
    ("async function createWasm(){", "function createWasm(){"),
    (
        "var result=await instantiateAsync(wasmBinary,wasmBinaryFile,info);",
        "var result={instance:new WebAssembly.Instance("
        "new WebAssembly.Module(wasmBinaryFile),info)};",
    ),
    (
        "async function run(){preRun();if(runDependencies){await resolveRunDependencies()}",
        "function run(){preRun();"
        'if(runDependencies){throw new Error("Graphviz: run dependencies")}',
    ),
    ("wasmExports=await createWasm();await run();", "wasmExports=createWasm();run();"),
    ("export default Module;", ""),
)


def _run(command: Sequence[str], cwd: Path, what: str) -> None:
    done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-12:]
        raise XborderError(f"{what} failed ({' '.join(command[:3])} ...):\n" + "\n".join(detail))


def npm_runtime(cache: Path) -> Path:
    """``node_modules`` with the pinned ``pyodide`` and ``@viz-js/viz`` (``npm ci``, once
    per lock file)."""
    npm = shutil.which("npm")
    if npm is None:
        raise XborderError(
            "npm is needed to fetch the Pyodide runtime and Graphviz for the browser: install "
            "Node.js 18 or newer (Debian/Ubuntu: 'sudo apt-get install npm'; macOS: "
            "'brew install node'), then run this again"
        )
    folder = cache / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    lock = (LITE_PINS / "package-lock.json").read_bytes()
    stamp = folder / ".installed"
    want = hashlib.sha256(lock + (LITE_PINS / "package.json").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != want:
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(LITE_PINS / name, folder / name)
        _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], folder, "npm ci")
        stamp.write_text(want)
    return folder / "node_modules"


def sync_viz_source(backend: str, parts: Iterable[str] = ()) -> str:
    """Graphviz's emscripten loader made synchronous, followed by ``parts`` (viz-js's own
    wrapper, its imports and exports removed); the script evaluates to a ``Viz`` instance."""
    for old, new in _SYNC_PARTS:
        if backend.count(old) != 1:
            raise XborderError(
                "the Graphviz WebAssembly script is not the expected build (a part to adapt "
                f"is missing: {old!r}); keep @viz-js/viz at the version pinned in "
                "web/lite/package.json"
            )
        backend = backend.replace(old, new)
    cleaned = []
    for part in parts:
        part = re.sub(r"^import .*?;[ \t]*$", "", part, flags=re.M)
        part = re.sub(r"^export default \w+;[ \t]*$", "", part, flags=re.M)
        cleaned.append(re.sub(r"^export (function|class|const) ", r"\1 ", part, flags=re.M))
    return "(function () {\n" + "\n".join([backend, *cleaned]) + "\nreturn new Viz(Module());\n})()"


def _wheel(path: Path, name: str, version: str, files: dict[str, bytes], summary: str) -> Path:
    """A minimal pure-Python wheel (PEP 427) with ``files``, written reproducibly."""
    stem = f"{name.replace('-', '_')}-{version}"
    dist = f"{stem}.dist-info"
    contents = dict(files)
    contents[f"{dist}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
    ).encode()
    contents[f"{dist}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: xborder-tree\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = []
    for arcname, data in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{arcname},sha256={digest},{len(data)}")
    record.append(f"{dist}/RECORD,,")
    contents[f"{dist}/RECORD"] = ("\n".join(record) + "\n").encode()
    target = path / f"{stem}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in contents.items():
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target


def graphviz_wheel(node_modules: Path, folder: Path) -> Path:
    """The ``xborder_graphviz_wasm`` wheel: viz-js's Graphviz (MIT), made synchronous."""
    viz = node_modules / "@viz-js" / "viz"
    meta = json.loads((viz / "package.json").read_text("utf-8"))
    backend = (viz / "lib" / "backend.js").read_text("utf-8")
    parts = [
        (viz / "src" / name).read_text("utf-8") for name in ("errors.js", "wrapper.js", "viz.js")
    ]
    script = sync_viz_source(backend, parts)
    init = (
        '"""Graphviz compiled to WebAssembly (@viz-js/viz '
        f"{meta['version']}, MIT licence), for Python in the browser: viz.js evaluates "
        'to a Viz instance."""\n'
    )
    return _wheel(
        folder,
        GRAPHVIZ_PACKAGE,
        meta["version"],
        {
            f"{GRAPHVIZ_PACKAGE}/__init__.py": init.encode(),
            f"{GRAPHVIZ_PACKAGE}/viz.js": script.encode("utf-8"),
            f"{GRAPHVIZ_PACKAGE}/LICENSE": b"@viz-js/viz: MIT licence, (c) Michael Daines\n"
            b"Graphviz: Eclipse Public License 1.0 (https://graphviz.org/license/)\n",
        },
        "Graphviz WebAssembly build for Pyodide",
    )


def python_wheels(pins: Sequence[str], cache: Path) -> list[Path]:
    """The pinned pure-Python wheels, downloaded from PyPI into ``cache`` once."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / ".pins"
    want = "\n".join(sorted(pins))
    if not stamp.is_file() or stamp.read_text() != want:
        for old in folder.glob("*.whl"):
            old.unlink()
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--python-version",
                "3.14",
                "--implementation",
                "py",
                "--abi",
                "none",
                "--platform",
                "any",
                "-d",
                str(folder),
                *pins,
            ],
            folder,
            "downloading the browser's Python wheels from PyPI",
        )
        stamp.write_text(want)
    wheels = sorted(folder.glob("*.whl"))
    got = {wheel_name(w.name) for w in wheels}
    missing = sorted({re.split(r"[=<>!~ ]", p, maxsplit=1)[0].lower() for p in pins} - got)
    if missing:
        raise XborderError(f"wheels missing after the download: {', '.join(missing)}")
    return wheels


def wheel_name(filename: str) -> str:
    """The normalised distribution name of a wheel file (PEP 503)."""
    return re.sub(r"[-_.]+", "-", filename.split("-", 1)[0]).lower()


def _imports(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top = [n for n in names if n.endswith("top_level.txt") and ".dist-info/" in n]
        if top:
            return sorted(set(archive.read(top[0]).decode().split()))
    tops = {n.split("/", 1)[0] for n in names if "/" in n}
    modules = {n[:-3] for n in names if "/" not in n and n.endswith(".py")}
    return sorted({t for t in tops if ".dist-info" not in t and ".data" not in t} | modules)


def _version(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return str(HeaderParser().parsestr(archive.read(meta).decode("utf-8"))["Version"])


def pyodide_lock(runtime_lock: Path, wheels: Sequence[Path]) -> dict[str, object]:
    """A ``pyodide-lock.json`` naming only ``wheels`` (served beside it), with the runtime's
    own ``info`` block; every package is preloaded, so none lists dependencies."""
    info = json.loads(runtime_lock.read_text("utf-8"))["info"]
    packages: dict[str, object] = {}
    for wheel in sorted(wheels, key=lambda w: w.name):
        name = wheel_name(wheel.name)
        packages[name] = {
            "name": name,
            "version": _version(wheel),
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": _imports(wheel),
            "depends": [],
            "unvendored_tests": False,
        }
    return {"info": info, "packages": packages}
