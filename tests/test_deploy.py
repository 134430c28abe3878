"""The JupyterHub recipe for Kubernetes (``deploy/jupyterhub/z2jh-values.yaml``) says the same
as the one tested on this machine (``jupyterhub_config.py``, ``tests/test_hub.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy" / "jupyterhub"


def _default(name: str) -> str:
    """The default of a ``HUB_*`` setting in jupyterhub_config.py."""
    text = (DEPLOY / "jupyterhub_config.py").read_text("utf-8")
    found = re.search(rf"""os\.environ\.get\(["']{name}["'], ["']([^"']+)["']\)""", text)
    assert found, name
    return found.group(1)


def test_kubernetes_values_match_the_local_hub() -> None:
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text("utf-8"))
    local = (DEPLOY / "jupyterhub_config.py").read_text("utf-8")
    app = re.search(r'c\.Spawner\.default_url = "([^"]+)"', local)
    assert app and app.group(1) == "/voila/render/app.ipynb"
    # repo2docker puts the repository in the home folder: the app is under notebooks/ there.
    page = app.group(1).rsplit("/", 1)[1]
    assert values["singleuser"]["defaultUrl"] == f"/voila/render/notebooks/{page}"
    assert (ROOT / "notebooks" / "app.ipynb").is_file()
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == int(_default("HUB_IDLE_TIMEOUT"))
    assert values["cull"]["every"] == int(_default("HUB_CULL_EVERY"))
    assert values["singleuser"]["memory"]["limit"] == _default("HUB_MEM_LIMIT")
    extra = values["singleuser"]["extraEnv"]
    assert extra["HUB_KERNEL_IDLE_TIMEOUT"] == _default("HUB_KERNEL_IDLE_TIMEOUT")
    args = values["hub"]["config"]["KubeSpawner"]["args"]
    config = Path(args[0].split("=", 1)[1])
    assert config.parts[:3] == ("/", "home", "jovyan")
    assert (ROOT / Path(*config.parts[3:])).is_file()  # the single-user config is in the image
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "dummy"
