// The page's lost-connection notice: shown at once when the websocket to the page's kernel
// closes (server stopped) or reports the kernel dead or restarting, or when the server says
// the kernel is gone (released while idle). It covers the app (clicks there would go
// nowhere) and offers a reload and the static explorer. Runs before Voila's own scripts, so
// it sees every kernel websocket the page opens.
(function () {
  "use strict";
  const settings = JSON.parse(document.getElementById("xt-room-settings").textContent);
  const LOST_STATE = /"execution_state":\s*"(dead|restarting|autorestarting)"/;
  const CHANNELS = /\/api\/kernels\/([0-9a-f-]+)\/channels/;
  let leaving = false;
  let shown = false;
  window.addEventListener("beforeunload", () => { leaving = true; });
  window.addEventListener("pagehide", () => { leaving = true; });

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(reason) {
    if (shown || leaving) return;
    shown = true;
    const box = element("div", "xt_room_lost");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "xt-room-lost-title");
    box.dataset.reason = reason;
    const title = element("h2", "xt_room_lost_title", settings.title);
    title.id = "xt-room-lost-title";
    const reload = element("button", "xt_room_reload", settings.reload);
    reload.type = "button";
    reload.addEventListener("click", () => window.location.reload());
    const actions = element("p", "xt_room_lost_actions");
    actions.append(reload);
    if (settings.static_url) {
      const link = element("a", "xt_room_static", settings.static_label);
      link.href = settings.static_url;
      actions.append(" ", link);
    }
    box.append(title, element("p", "xt_room_lost_text", settings.text), actions);
    const cells = document.getElementById("rendered_cells");
    if (cells) {
      cells.inert = true;
      cells.setAttribute("aria-hidden", "true");
      cells.style.opacity = "0.35";
    }
    const style = element("style");
    style.textContent =
      ".xt_room_lost{position:fixed;z-index:10000;top:1em;left:50%;transform:translateX(-50%);" +
      "max-width:36em;width:calc(100% - 2em);box-sizing:border-box;background:#FDECEA;" +
      "color:#1a1a1a;border-left:6px solid #D55E00;padding:0.8em 1.2em;" +
      "box-shadow:0 4px 16px rgba(0,0,0,0.3);font:16px/1.5 system-ui,sans-serif}" +
      ".xt_room_lost_title{font-size:1.2em;margin:0 0 0.4em}" +
      ".xt_room_lost a{color:#0B5CAD;text-decoration:underline}" +
      ".xt_room_reload{font:inherit;padding:0.3em 0.9em;margin-right:0.8em;cursor:pointer}";
    document.head.append(style);
    document.body.append(box);
    reload.focus();
  }

  function watchText(text) {
    if (text.includes('"status"') && LOST_STATE.test(text)) show("kernel");
  }

  const decoder = new TextDecoder();
  const NativeWebSocket = window.WebSocket;
  let kernelId = null;

  class WatchedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const match = CHANNELS.exec(String(url));
      if (!match) return;
      kernelId = match[1];
      this.addEventListener("close", () => show("connection"));
      this.addEventListener("message", (event) => {
        const data = event.data;
        if (typeof data === "string") watchText(data);
        else if (data instanceof ArrayBuffer) watchText(decoder.decode(data));
      });
    }
  }
  window.WebSocket = WatchedWebSocket;

  function configured() {
    const node = document.getElementById("jupyter-config-data");
    try {
      return node ? JSON.parse(node.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  async function check() {
    const config = configured();
    const id = kernelId || config.kernelId;
    if (!id || shown) return;
    const base = config.baseUrl || "/";
    try {
      // no_track_activity: this check is not a person's activity (a hub's idle culler
      // must still see an untouched page as idle).
      const address = base + "api/kernels/" + encodeURIComponent(id) + "?no_track_activity=1";
      const response = await fetch(address, { cache: "no-store", credentials: "same-origin" });
      if (response.status === 404) show("released");
    } catch (error) {
      show("server");
    }
  }
  window.setInterval(check, settings.poll_ms);
})();
