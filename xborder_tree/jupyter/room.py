"""The training room: one Voila server for a class, run by ``bash scripts/start.sh``.

What it adds to plain Voila on ``notebooks/app.ipynb``:

* **warm kernels**: a pool of ``pool_size`` kernels that already ran the app notebook up to
  the visitor's address (:func:`xborder_tree.jupyter.app.page_query`), so a page opens at once;
* **no leaked kernels**: the page's own "close" request is accepted (the page gets the
  ``_xsrf`` cookie its shutdown request sends back; XSRF checks stay on), a kernel with no page
  connected is released after ``unconnected_timeout`` seconds and an idle one after
  ``idle_timeout``, and a dead kernel is removed instead of restarted without its page;
* **a clear limit**: past ``room_size`` visitors at once, a new visitor gets a short "room is
  full" page (HTTP 503) pointing to the static explorer;
* **a lost kernel is said**: the page template ``xborder-room`` shows a notice with a reload
  button and the static explorer's link when the page's kernel or the server goes away.

The static explorer (``xborder-tree site``) is built at start and served at
``/static-explorer/`` unless ``static_explorer_url`` names another copy.

>>> "room is full" in room_full_html("/static-explorer/", 40).lower()
True
>>> notice_settings("/static-explorer/", 5.0)["poll_ms"]
5000
"""

from __future__ import annotations

import contextvars
import html
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from traitlets import Float, Int, TraitError, Unicode

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_POOL_SIZE",
    "DEFAULT_ROOM_SIZE",
    "DEFAULT_UNCONNECTED_TIMEOUT",
    "IOPUB_TIMEOUT",
    "ROOM_TEMPLATE",
    "STATIC_EXPLORER_PATH",
    "main",
    "notice_settings",
    "room_full_html",
    "template_root",
]

DEFAULT_POOL_SIZE = 8  # kernels kept warm; each holds about 100 MB (bench/README.md)
DEFAULT_ROOM_SIZE = 40  # visitors at once; chosen from the load bench (bench/README.md)
DEFAULT_IDLE_TIMEOUT = 1200.0  # seconds without a message before an open page's kernel goes
DEFAULT_UNCONNECTED_TIMEOUT = 120.0  # seconds a visitor's kernel waits for its page to connect
DEFAULT_REFILL_DELAY = 15.0  # seconds before a taken warm kernel is replaced
DEFAULT_CULL_INTERVAL = 15.0  # seconds between two looks for kernels to release
IOPUB_TIMEOUT = 60  # seconds Voila waits for a cell's output after the kernel's reply
ROOM_TEMPLATE = "xborder-room"
STATIC_EXPLORER_PATH = "static-explorer/"

ROOM_FULL_TITLE = "The room is full"
ROOM_FULL_TEXT = (
    "This explorer is serving as many people as this server can hold ({size}). "
    "Try again in a few minutes, or use the static explorer: the same trees and questions, "
    "right in your browser, with no server needed."
)
LOST_TITLE = "This page has lost its connection"
LOST_TEXT = (
    "The session behind this page has ended (the server stopped, restarted, or closed an "
    "idle session), so answers here would go nowhere. Reload to start again, or use the "
    "static explorer, which needs no server."
)
RELOAD_LABEL = "Reload the page"
STATIC_LABEL = "Open the static explorer"

_ARRIVING: contextvars.ContextVar[object | None] = contextvars.ContextVar(
    "xborder_room_arriving", default=None
)


def template_root() -> Path:
    """The folder to add to ``JUPYTER_PATH`` so Voila finds the ``xborder-room`` template."""
    return Path(__file__).resolve().parent / "share" / "jupyter"


def room_full_html(static_url: str, size: int) -> str:
    """The whole page a visitor gets when ``size`` visitors already hold a kernel."""
    link = html.escape(static_url, quote=True)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(ROOM_FULL_TITLE)}</title>"
        "<style>body{font:18px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;"
        "padding:0 1em;color:#1a1a1a}a{color:#0B5CAD;text-decoration:underline}</style>"
        '</head><body><main class="xt_room_full">'
        f"<h1>{html.escape(ROOM_FULL_TITLE)}</h1>"
        f"<p>{html.escape(ROOM_FULL_TEXT.format(size=size))}</p>"
        f'<p><a class="xt_static_explorer" href="{link}">{html.escape(STATIC_LABEL)}</a></p>'
        "</main></body></html>\n"
    )


def notice_settings(static_url: str, poll_seconds: float) -> dict[str, Any]:
    """What the page's lost-connection notice says and how often it checks its kernel."""
    return {
        "title": LOST_TITLE,
        "text": LOST_TEXT,
        "reload": RELOAD_LABEL,
        "static_label": STATIC_LABEL,
        "static_url": static_url,
        "poll_ms": round(poll_seconds * 1000),
    }


def _build_static_explorer(folder: Path) -> None:
    from ..loading.catalog import menu_paths
    from ..loading.document import load_tree
    from ..web.site import build_site

    build_site([load_tree(path) for path in menu_paths()], folder)


def _room_classes() -> tuple[Any, Any, Any]:
    """The kernel manager, page handler and application (imported late: they need Voila)."""
    import tornado.web
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.utils import ENV_VARIABLE

    class RoomKernelManager(AsyncMappingKernelManager):
        """Kernels of the room: who holds a seat, and release of unconnected kernels."""

        unconnected_timeout = Float(
            DEFAULT_UNCONNECTED_TIMEOUT,
            config=True,
            help="Seconds a visitor's kernel is kept with no page connected to it.",
        )

        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)  # type: ignore[no-untyped-call]
            self.seated: dict[str, float] = {}  # kernels handed to visitors: since when
            self.arriving: set[object] = set()  # requests not yet given a kernel

        def seat(self, kernel_id: str) -> None:
            self.seated[kernel_id] = time.time()
            self.arriving.discard(_ARRIVING.get())

        def seats_taken(self) -> int:
            for gone in set(self.seated) - set(self._kernels):
                del self.seated[gone]
            return len(self.seated) + len(self.arriving)

        async def start_kernel(self, **kwargs: Any) -> str:  # type: ignore[override]
            kernel_id = str(await super().start_kernel(**kwargs))
            env = kwargs.get("env") or {}
            if env.get(ENV_VARIABLE.VOILA_PREHEAT) != "True":  # not a pool kernel
                self.seat(kernel_id)
            return kernel_id

        async def cull_kernel_if_idle(self, kernel_id: str) -> None:
            kernel = self._kernels.get(kernel_id)
            try:
                kernel is not None and kernel.last_activity  # noqa: B018
            except TraitError:  # still starting: nothing to judge yet
                return
            if (
                kernel is not None
                and kernel_id in self.seated
                and not self._kernel_connections.get(kernel_id, 0)
                and getattr(kernel, "execution_state", "") != "busy"
                and hasattr(kernel, "last_activity")
            ):
                # Idle since its last message or since a visitor got it, whichever is later
                # (a pool kernel may have waited long before anyone asked for it).
                last = max(kernel.last_activity.timestamp(), self.seated[kernel_id])
                idle = time.time() - last
                if idle > self.unconnected_timeout:
                    self.log.info(
                        "Releasing kernel %s: no page connected for %d s", kernel_id, idle
                    )
                    await self.shutdown_kernel(kernel_id)  # type: ignore[no-untyped-call]
                    return
            await super().cull_kernel_if_idle(kernel_id)  # type: ignore[no-untyped-call]

    class RoomPageHandler(TornadoVoilaHandler):  # type: ignore[misc]
        """The app page: a seat if one is free, else the "room is full" page."""

        @tornado.web.authenticated
        async def get(self, path: str | None = None) -> None:
            room = self.settings["xborder_room"]
            manager = self.kernel_manager
            if manager.seats_taken() >= room.room_size:
                self.log.warning(
                    "Room full (%d seats): %s turned away", room.room_size, self.request.remote_ip
                )
                self.set_status(503)
                self.set_header("Retry-After", "60")
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(room_full_html(room.static_url, room.room_size))
                return
            # The page's close request (Voila's sendBeacon) sends this cookie's value back
            # as the _xsrf form field: set it here, before the page streams.
            self.xsrf_token  # noqa: B018
            ticket = object()
            token = _ARRIVING.set(ticket)
            manager.arriving.add(ticket)
            try:
                await super().get(path)
            finally:
                manager.arriving.discard(ticket)
                _ARRIVING.reset(token)

    class TrainingRoom(Voila):  # type: ignore[misc]
        """Voila with a pool of warm kernels, kernel release, a seat limit and the room's
        page template (``python -m xborder_tree.jupyter.room notebooks/app.ipynb --port=...``)."""

        name = "xborder-room"
        description = __doc__
        pool_size = Int(
            DEFAULT_POOL_SIZE,
            config=True,
            help="Kernels kept warm (notebook run, waiting for a visitor).",
        )
        room_size = Int(
            DEFAULT_ROOM_SIZE,
            config=True,
            help="Visitors at once; the next one gets the 'room is full' page.",
        )
        idle_timeout = Float(
            DEFAULT_IDLE_TIMEOUT,
            config=True,
            help="Seconds without activity before an open page's kernel is released (0: never).",
        )
        unconnected_timeout = Float(
            DEFAULT_UNCONNECTED_TIMEOUT,
            config=True,
            help="Seconds a kernel is kept with no page connected.",
        )
        refill_delay = Float(
            DEFAULT_REFILL_DELAY,
            config=True,
            help="Seconds before a warm kernel handed to a visitor is "
            "replaced (a class arriving together is served first).",
        )
        cull_interval = Float(
            DEFAULT_CULL_INTERVAL,
            config=True,
            help="Seconds between two looks for kernels to release.",
        )
        poll_interval = Float(
            5.0, config=True, help="Seconds between two checks, by the page, of its kernel."
        )
        static_explorer_url = Unicode(
            "",
            config=True,
            help="Where the static explorer is; empty: built at start, served by this server.",
        )

        @property
        def static_url(self) -> str:
            return self.static_explorer_url or url_path_join(self.base_url, STATIC_EXPLORER_PATH)

        def initialize(self, argv: list[str] | None = None) -> None:
            # A warm kernel knows its visitor's address once QUERY_STRING is set (page_query).
            os.environ.pop("QUERY_STRING", None)
            root = str(template_root())
            paths = os.environ.get("JUPYTER_PATH", "")
            if root not in paths.split(os.pathsep):
                os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (root, paths) if p)
            super().initialize(argv)
            for value in (self.pool_size, self.room_size):
                if value < 0:
                    raise SystemExit(f"xborder-room: sizes must be 0 or more, not {value}")
            if self.room_size < 1:
                raise SystemExit("xborder-room: room_size must be at least 1")
            configuration = self.voila_configuration
            configuration.template = ROOM_TEMPLATE
            configuration.multi_kernel_manager_class = RoomKernelManager
            configuration.preheat_kernel = self.pool_size > 0
            configuration.default_pool_size = self.pool_size
            config = self.config
            # Voila's page renderer reads the template's resources from the configuration.
            config.VoilaConfiguration.resources = {
                **configuration.resources,
                "xborder_room": notice_settings(self.static_url, self.poll_interval),
            }
            self.setup_template_dirs()
            config.RoomKernelManager.unconnected_timeout = self.unconnected_timeout
            config.RoomKernelManager.cull_interval = max(1, round(self.cull_interval))
            # Culling runs only with a timeout: "never" is a timeout longer than any class.
            config.RoomKernelManager.cull_idle_timeout = round(self.idle_timeout) or 10**9
            config.RoomKernelManager.cull_connected = self.idle_timeout > 0
            # Refilling runs the notebook: not while a class is still opening its pages.
            config.VoilaKernelManager.fill_delay = self.refill_delay
            config.KernelRestarter.restart_limit = 0  # a dead kernel is gone, not restarted
            # On a busy machine a kernel's output may trail its reply by seconds: wait for it
            # rather than send a page without the app (nbclient's default is 4 s).
            config.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT
            self.update_config(config)

        def init_settings(self) -> dict[str, Any]:
            settings: dict[str, Any] = super().init_settings()
            settings["xborder_room"] = self
            manager = self.kernel_manager
            if hasattr(manager, "get_rendered_notebook"):
                handing_out = manager.get_rendered_notebook

                async def get_rendered_notebook(*args: Any, **kwargs: Any) -> Any:
                    task, cache, kernel_id = await handing_out(*args, **kwargs)
                    manager.seat(kernel_id)
                    return task, cache, kernel_id

                manager.get_rendered_notebook = get_rendered_notebook
            return settings

        def init_handlers(self) -> list[Any]:
            handlers: list[Any] = []
            for handler in super().init_handlers():
                if handler[1] is TornadoVoilaHandler:
                    handler = (handler[0], RoomPageHandler, *handler[2:])
                handlers.append(handler)
            if not self.static_explorer_url:
                folder = Path(tempfile.mkdtemp(prefix="xborder_static_"))
                self.static_folder = folder
                _build_static_explorer(folder)
                self.log.info("Static explorer built in %s", folder)
                handlers.insert(
                    0,
                    (
                        url_path_join(self.server_url, STATIC_EXPLORER_PATH + "(.*)"),
                        tornado.web.StaticFileHandler,
                        {"path": str(folder), "default_filename": "index.html"},
                    ),
                )
            return handlers

        def stop(self) -> None:
            folder = getattr(self, "static_folder", None)
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            super().stop()

    return RoomKernelManager, RoomPageHandler, TrainingRoom


def main(argv: list[str] | None = None) -> None:
    """Run the training room: ``python -m xborder_tree.jupyter.room NOTEBOOK [--port=...]``."""
    _, _, room = _room_classes()
    room.launch_instance(argv)


if __name__ == "__main__":
    main()
