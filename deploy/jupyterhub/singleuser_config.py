"""Each trainee's Jupyter server under JupyterHub (loaded by ``jupyterhub_config.py``): the
explorer app in Voila with the training room's page template (the lost-connection notice),
idle kernels released, and a dead kernel reported instead of silently restarted."""

import os

from xborder_tree.jupyter.room import (
    IOPUB_TIMEOUT,
    ROOM_TEMPLATE,
    notice_settings,
    template_root,
)

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (Jupyter's config loader)

# Voila finds its templates on the Jupyter path; the room's template lives in the package.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (str(template_root()), os.environ.get("JUPYTER_PATH", "")) if p
)
c.VoilaConfiguration.template = ROOM_TEMPLATE
c.VoilaConfiguration.resources = {
    "xborder_room": notice_settings(os.environ.get("STATIC_EXPLORER_URL", ""), 5.0)
}
c.VoilaConfiguration.file_allowlist = [r".*\.(svg|png|pdf|md|html)"]
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("HUB_KERNEL_IDLE_TIMEOUT", "1200"))
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False  # a closed page's kernel goes; an open one stays
c.KernelRestarter.restart_limit = 0
c.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT  # a busy machine: wait for the app's output
