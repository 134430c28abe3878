"""JupyterHub for a cohort: each trainee gets a single-user Jupyter server that opens the
explorer app (Voila), idle servers are stopped by jupyterhub-idle-culler, and each server
has a memory limit (enforced by spawners that can: systemd, Docker, Kubernetes).

Run from the repository root, with the project's environment and configurable-http-proxy:

    HUB_PASSWORD=... .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings (environment variables; docs/jupyterhub.md):
    HUB_IP, HUB_PORT         where the hub listens (127.0.0.1, 8000)
    HUB_STATE_DIR            database, cookie secret, trainees' home folders (.hub/)
    HUB_PASSWORD             the shared password of the dummy authenticator (required)
    HUB_IDLE_TIMEOUT         seconds without activity before a server is stopped (1800)
    HUB_CULL_EVERY           seconds between two looks for idle servers (300)
    HUB_ACTIVITY_INTERVAL    seconds between two activity reports to the hub (300)
    HUB_KERNEL_IDLE_TIMEOUT  seconds before an idle kernel in a server is released (1200)
    HUB_MEM_LIMIT            memory limit of each trainee's server (1G)
    STATIC_EXPLORER_URL      where the lost-connection notice points (none by default)
The dummy authenticator (any name, one shared password) suits a class on a closed network;
for anything else set ``c.JupyterHub.authenticator_class`` to a real one (OAuth, LDAP).
"""

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  (JupyterHub's config loader)

REPO = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("HUB_STATE_DIR", REPO / ".hub")).resolve()
STATE.mkdir(parents=True, exist_ok=True)
BIN = Path(sys.executable).parent
PASSWORD = os.environ.get("HUB_PASSWORD", "")
if not PASSWORD:
    sys.exit("jupyterhub_config.py: set HUB_PASSWORD, the password trainees log in with")

c.JupyterHub.ip = os.environ.get("HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
ACTIVITY_INTERVAL = int(os.environ.get("HUB_ACTIVITY_INTERVAL", "300"))
c.JupyterHub.last_activity_interval = ACTIVITY_INTERVAL
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
if os.environ.get("HUB_PROXY_API_PORT"):
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['HUB_PROXY_API_PORT']}"
if os.environ.get("HUB_HUB_PORT"):
    c.JupyterHub.hub_port = int(os.environ["HUB_HUB_PORT"])

# Who: any name with the shared password.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = PASSWORD
c.Authenticator.allow_all = True

# What each trainee gets: a Jupyter server in this environment, as the hub's own user, a
# home folder of their own, opening the explorer app.
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(REPO / "notebooks")
c.Spawner.default_url = "/voila/render/app.ipynb"
c.Spawner.args = [f"--config={Path(__file__).with_name('singleuser_config.py')}"]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
    c.Spawner.args.append("--allow-root")
c.Spawner.mem_limit = os.environ.get("HUB_MEM_LIMIT", "1G")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY_INTERVAL),
    "HUB_KERNEL_IDLE_TIMEOUT": os.environ.get("HUB_KERNEL_IDLE_TIMEOUT", "1200"),
    "STATIC_EXPLORER_URL": os.environ.get("STATIC_EXPLORER_URL", ""),
}

# Idle servers stop: jupyterhub-idle-culler, a hub service with just the rights it needs.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(os.environ.get('HUB_IDLE_TIMEOUT', '1800'))}",
            f"--cull-every={int(os.environ.get('HUB_CULL_EVERY', '300'))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
