// The explorer's front end: trail, question and answers (or the outcome card) beside the
// diagram, all drawn in one frame from two things: the tree's data (sent once per tree) and
// the path (node ids from the root to the current node).
//
// It needs only a model with get(name), set(name, value), save_changes() and
// on("change:name", callback): an anywidget model from the kernel, or a plain object fed by a
// JSON blob {data, path, ...} (see staticModel below) for a page with no server.
//
// Tree text is always set with textContent; the only HTML taken from the data is the outcome
// card, which the Python side builds with every tree string escaped.

const SVGNS = "http://www.w3.org/2000/svg";

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "onclick") el.addEventListener("click", value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

// ------------------------------------------------------------------ the tree's data
function answersOf(data, id) { return data.answers[id] || []; }
function nodeOf(data, id) { return data.nodes[id] || { kind: "question", label: id, text: id }; }
function labelOf(data, id) { return nodeOf(data, id).label; }
function stepsOf(data, path) {
  const steps = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const answer = answersOf(data, path[i]).find((a) => a.target === path[i + 1]);
    if (!answer) break;
    steps.push({ node: path[i], answer });
  }
  return steps;
}
function nodeClasses(data, id) {
  const node = nodeOf(data, id);
  return node.kind === "outcome" ? `xt_outcome xt_verdict_${node.verdict}` : "xt_question";
}

// ------------------------------------------------------------------ the front end
function render({ model, el }) {
  el.classList.add("xt_explorer_view");
  const app = h("div", { class: "xt_app" });
  const side = h("div", { class: "xt_side" });
  const stage = h("div", { class: "xt_stage" });
  const toolbar = h("div", { class: "xt_diagram_toolbar", role: "toolbar",
    "aria-label": "Diagram" });
  const view = h("div", { class: "xt_diagram_view", tabindex: "0" });
  const notice = h("p", { class: "xt_diagram_notice", role: "status" });
  const mapStyle = h("style");
  stage.append(toolbar, notice, view);
  app.append(side, stage);
  el.append(mapStyle, app);

  let drawn = "";          // what the page shows now, to skip a redraw of the same state
  let mapSvg = null;       // the whole map's <svg>, kept while the focus view is shown
  let overlay = null;      // the small <svg> on top of it that draws the path
  let refocus = null;      // what gets keyboard focus after the next draw

  const get = (name) => model.get(name);
  const interactive = () => get("mode") !== "diagram";

  function go(path, focusAfter) {
    refocus = focusAfter || null;
    model.set("path", path);
    model.save_changes();
  }

  // ---------------------------------------------------------------- the side column
  function drawSide(data, path) {
    const steps = stepsOf(data, path);
    const current = path[path.length - 1];
    const node = nodeOf(data, current);
    const trail = h("nav", { class: "xt_trail", "aria-label": "Your answers" },
      h("strong", { class: "xt_trail_label",
        text: steps.length ? "Your answers (select one to change it):" : "Your answers: none yet" }));
    steps.forEach((step, i) => {
      trail.append(h("button", {
        type: "button", class: `xt_crumb xt_crumb_${i}`,
        title: `Change this answer: ${nodeOf(data, step.node).text}`,
        onclick: () => go(path.slice(0, i + 1), "answer"),
      }, `${i + 1}. ${labelOf(data, step.node).replace(/[ ?:]+$/, "")}: ${step.answer.label}`));
    });
    const controls = h("div", { class: "xt_controls" },
      h("button", { type: "button", class: "xt_back", title: "Undo the last answer",
        disabled: !steps.length, onclick: () => go(path.slice(0, -1), "answer") }, "Back"),
      h("button", { type: "button", class: "xt_restart",
        title: "Clear every answer and return to the first question",
        disabled: !steps.length, onclick: () => go([data.root], "answer") }, "Start over"));
    let main;
    if (node.kind === "outcome") {
      main = h("section", { class: "xt_outcome_card_widget", "aria-label": "Outcome" });
      const card = h("div");
      card.innerHTML = node.card;  // built by the kernel, every tree string escaped
      main.append(card);
      const why = h("div", { class: "xt_why" }, h("h4", { text: "Why this outcome" }));
      for (const step of steps) {
        const question = nodeOf(data, step.node).text;
        const said = `You answered "${step.answer.label}" to "${question}"`;
        why.append(h("p", { class: "xt_why_item",
          text: step.answer.note ? `${said}: ${step.answer.note}` : `${said}.` }));
      }
      main.append(why);
    } else {
      const answers = h("div", { class: "xt_answers", role: "group", "aria-label": "Answers" });
      for (const answer of answersOf(data, current)) {
        answers.append(h("button", {
          type: "button", class: `xt_answer xt_answer_${answer.value}`,
          onclick: () => go([...path, answer.target], "answer"),
        }, answer.label));
      }
      main = h("section", { class: "xt_question_card", "aria-label": "Question" },
        h("p", { class: "xt_step", text: `Question ${steps.length + 1}` }),
        h("h3", { class: "xt_question_text", tabindex: "-1", text: node.text }),
        answers,
        node.help ? h("p", { class: "xt_help", text: node.help }) : null);
    }
    side.replaceChildren(trail, controls, main);
  }

  // When the column is too short for all of it, the question (or the outcome card) goes
  // to the top: the trail scrolls above it, and the diagram shows the same path. Run after
  // the diagram is built too, so that one layout serves both.
  function placeSide() {
    const main = side.lastElementChild;
    if (!main) return;
    const overflow = main.offsetTop + main.offsetHeight - side.clientHeight;
    side.scrollTop = overflow > 0 ? Math.min(overflow, main.offsetTop) : 0;
  }

  // ---------------------------------------------------------------- the focus view
  function nodeBox(data, id, cls, extra, onclick) {
    const node = nodeOf(data, id);
    const text = node.kind === "outcome" ? `${node.label} [${node.verdict_label}]` : node.label;
    const tag = onclick && interactive() ? "button" : "div";
    return h(tag, { type: tag === "button" ? "button" : null,
      class: `xt_fnode ${nodeClasses(data, id)} ${cls}`, "data-node": id, ...extra,
      onclick: tag === "button" ? onclick : null }, text);
  }

  function focusView(data, path, depth) {
    const prefix = data.prefix;
    const wrap = h("div", { class: "xt_focus" });
    const steps = stepsOf(data, path);
    steps.forEach((step, i) => {
      const row = h("div", { class: "xt_frow" });
      row.append(nodeBox(data, step.node, "xt_on",
        { id: `${prefix}n_${step.node}`, title: `Change this answer: ${nodeOf(data, step.node).text}` },
        () => go(path.slice(0, i + 1))));
      const stubs = h("div", { class: "xt_stubs" });
      const others = answersOf(data, step.node).filter((a) => a.target !== step.answer.target);
      if (others.length) stubs.append(h("span", { class: "xt_stubs_label", text: "or" }));
      for (const other of others) {
        const tag = interactive() ? "button" : "span";
        stubs.append(h(tag, {
          type: tag === "button" ? "button" : null, class: "xt_stub",
          id: `${prefix}e_${step.node}__${other.target}`, "data-node": other.target,
          title: `Answer "${other.label}" here instead (leads to: ${labelOf(data, other.target)})`,
          onclick: tag === "button" ? () => go([...path.slice(0, i + 1), other.target]) : null,
        }, other.label));
      }
      row.append(stubs);
      wrap.append(row, h("div", { class: "xt_fedge xt_on",
        id: `${prefix}e_${step.node}__${step.answer.target}` },
        h("span", { class: "xt_fedge_label", text: step.answer.label })));
    });
    const current = path[path.length - 1];
    wrap.append(h("div", { class: "xt_frow" },
      nodeBox(data, current, "xt_on xt_current", { id: `${prefix}n_${current}` }, null)));
    const answers = answersOf(data, current);
    if (answers.length && depth > 0) {
      const ahead = h("div", { class: "xt_ahead" });
      for (const answer of answers) {
        const next = [...path, answer.target];
        const branch = h("div", { class: "xt_branch" });
        const tag = interactive() ? "button" : "span";
        branch.append(h(tag, { type: tag === "button" ? "button" : null,
          class: "xt_fedge_label xt_ahead_edge", id: `${prefix}e_${current}__${answer.target}`,
          onclick: tag === "button" ? () => go(next) : null }, answer.label));
        branch.append(nodeBox(data, answer.target, "xt_ahead_node",
          { id: `${prefix}n_${answer.target}` }, () => go(next)));
        const further = answersOf(data, answer.target);
        if (depth > 1 && further.length) {
          const list = h("ul", { class: "xt_next" });
          for (const more of further) {
            const inner = [h("span", { class: "xt_next_answer", text: more.label }), " \u2192 ",
              h("span", { class: `xt_next_target ${nodeClasses(data, more.target)}`,
                text: labelOf(data, more.target) })];
            list.append(h("li", {}, interactive()
              ? h("button", { type: "button", class: "xt_next_item", "data-node": more.target,
                onclick: () => go([...next, more.target]) }, ...inner)
              : h("span", { class: "xt_next_item", "data-node": more.target }, ...inner)));
          }
          branch.append(list);
        }
        ahead.append(branch);
      }
      wrap.append(ahead);
    }
    return wrap;
  }

  // Does the step into the current node, the node and what comes after fit in the view?
  function fits() {
    const nodes = view.querySelectorAll(".xt_fnode.xt_on");
    const from = nodes[Math.max(0, nodes.length - 2)].getBoundingClientRect().top;
    const ahead = view.querySelector(".xt_ahead");
    return !ahead || ahead.getBoundingClientRect().bottom - from + 64 <= view.clientHeight;
  }

  // Follow the current node with the least movement: show the whole path and what comes
  // next when they fit; otherwise the current node near the top with its answers below it,
  // the earliest steps scrolled above (the trail still lists them). No scroll when the
  // wanted part is already in view.
  function follow() {
    const current = view.querySelector(".xt_current");
    if (!current) return;
    const box = view.getBoundingClientRect();
    const at = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top - box.top + view.scrollTop, bottom: r.bottom - box.top + view.scrollTop,
        left: r.left - box.left + view.scrollLeft, right: r.right - box.left + view.scrollLeft };
    };
    const nodes = view.querySelectorAll(".xt_fnode.xt_on");
    const first = at(nodes[0]);
    const cur = at(current);
    const previous = nodes.length > 1 ? at(nodes[nodes.length - 2]) : cur;
    const last = view.querySelector(".xt_ahead") ? at(view.querySelector(".xt_ahead")) : cur;
    const room = view.clientHeight;
    let top;
    if (last.bottom - first.top + 24 <= room) top = first.top - 12;
    else if (last.bottom - previous.top + 24 <= room) top = last.bottom + 12 - room;
    else top = cur.top - 12;  // the current question and its answers come first
    const seen = view.scrollTop;
    const wantedTop = Math.min(Math.max(top, 0), cur.top - 8);
    const visible = cur.top >= seen && Math.max(last.bottom, cur.bottom) <= seen + room &&
      (last.bottom - first.top + 24 > room || first.top >= seen);
    let left = view.scrollLeft;
    if (cur.left < left || cur.right > left + view.clientWidth) left = Math.max(0, cur.left - 16);
    if (!visible || left !== view.scrollLeft) view.scrollTo({ top: wantedTop, left });
  }

  // ---------------------------------------------------------------- the whole map
  function natural() {
    const vb = mapSvg && mapSvg.viewBox && mapSvg.viewBox.baseVal;
    return vb && vb.width ? vb.width * 4 / 3 : 1;
  }
  function size() {
    if (!mapSvg) return;
    const zoom = get("zoom");
    for (const svg of [mapSvg, overlay]) {
      svg.style.height = "auto";
      svg.style.maxWidth = "none";
      svg.style.width = zoom > 0 ? `${natural() * zoom}px` : "100%";
    }
  }
  function loadMap() {
    const text = get("map_svg");
    mapSvg = overlay = null;
    if (!text) return;
    const holder = h("div");
    holder.innerHTML = text;
    mapSvg = holder.querySelector("svg");
    if (!mapSvg) return;
    mapSvg.classList.add("xt_map_svg");
    mapSvg.setAttribute("role", "img");
    mapSvg.setAttribute("aria-label", get("label"));
    overlay = document.createElementNS(SVGNS, "svg");
    overlay.setAttribute("class", "xt_overlay");
    overlay.setAttribute("aria-hidden", "true");
    overlay.setAttribute("viewBox", mapSvg.getAttribute("viewBox"));
    const graph = mapSvg.querySelector("g.graph");
    const layer = document.createElementNS(SVGNS, "g");
    if (graph) layer.setAttribute("transform", graph.getAttribute("transform") || "");
    overlay.append(layer);
  }
  // The path is drawn as copies of its elements in the overlay: a click touches a few
  // dozen small elements, never the thousands of the laid-out map.
  function markMap(data, path) {
    const layer = overlay.firstChild;
    const ids = path.map((n) => `${data.prefix}n_${n}`);
    for (let i = 1; i < path.length; i++) ids.push(`${data.prefix}e_${path[i - 1]}__${path[i]}`);
    const copies = [];
    for (const id of ids.reverse()) {
      const source = mapSvg.getElementById ? mapSvg.getElementById(id)
        : mapSvg.querySelector(`#${CSS.escape(id)}`);
      if (!source) continue;
      const copy = source.cloneNode(true);
      copy.removeAttribute("id");
      copy.setAttribute("data-for", id);
      copy.classList.add("xt_on");
      if (id === `${data.prefix}n_${path[path.length - 1]}`) copy.classList.add("xt_current");
      copies.push(copy);
    }
    layer.replaceChildren(...copies);
  }
  function followMap() {
    const current = overlay && overlay.querySelector(".xt_current");
    if (!current) return;
    const r = current.getBoundingClientRect();
    const box = view.getBoundingClientRect();
    if (r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom) {
      view.scrollTo({
        left: view.scrollLeft + (r.left + r.width / 2) - (box.left + box.width / 2),
        top: view.scrollTop + (r.top + r.height / 2) - (box.top + box.height / 2),
      });
    }
  }

  // ---------------------------------------------------------------- toolbar
  function setZoom(z) {
    z = z <= 0 ? 0 : Math.min(8, Math.max(0.1, z));
    model.set("zoom", z);
    model.save_changes();
  }
  function zoomNow() {
    const z = get("zoom");
    return z > 0 ? z : view.clientWidth / natural();
  }
  function drawToolbar(whole) {
    const tool = (cls, text, label, action, pressed) => h("button", {
      type: "button", class: `jupyter-button ${cls}`, title: label, "aria-label": label,
      "aria-pressed": pressed === undefined ? null : String(pressed), onclick: action }, text);
    const parts = [
      tool("xt_view_focus", "Your path", "Show your path, the other answers and what comes next",
        () => { model.set("view", "focus"); model.save_changes(); }, !whole),
      tool("xt_view_map", "Whole map", "Show the whole tree with your path marked",
        () => { model.set("view", "map"); model.save_changes(); }, whole),
    ];
    if (whole && mapSvg) {
      parts.push(
        tool("xt_zoom_out", "\u2212", "Zoom out", () => setZoom(zoomNow() / 1.25)),
        tool("xt_zoom_in", "+", "Zoom in", () => setZoom(zoomNow() * 1.25)),
        tool("xt_zoom_reset", "100%", "Actual size", () => setZoom(1)),
        tool("xt_zoom_fit", "Fit width", "Fit the diagram to the width", () => setZoom(0)));
    }
    toolbar.replaceChildren(...parts);
  }

  // ---------------------------------------------------------------- one draw
  function draw() {
    const data = get("data");
    const path = get("path");
    if (!data || !data.nodes || !path || !path.length) {
      side.replaceChildren(h("p", { text: "Loading\u2026" }));
      return;
    }
    const whole = get("view") === "map";
    const key = JSON.stringify([data.id, path, data.as_of, get("view"), get("depth"), get("mode"),
      get("theme"), whole ? get("map_svg").length : 0]);
    if (key === drawn) return;
    const sameTree = drawn && JSON.parse(drawn)[0] === data.id;
    drawn = key;
    app.className = `xt_app xt_mode_${get("mode")} xt_theme_${get("theme")}`;
    if (interactive()) drawSide(data, path);
    else side.replaceChildren();
    drawToolbar(whole);
    notice.textContent = whole && !mapSvg ? (get("map_notice") || "Drawing the whole map\u2026") : "";
    if (whole) {
      if (mapSvg && !view.contains(mapSvg)) {
        view.replaceChildren(h("div", { class: "xt_map" }, mapSvg, overlay));
        size();
      } else if (!mapSvg) {
        view.replaceChildren();
      }
      if (mapSvg) {
        markMap(data, path);
        requestAnimationFrame(() => setTimeout(followMap, 0));
      }
      placeSide();
    } else {
      // As deep as fits: two answers ahead, or one when two would push the current
      // question's answers out of the view.
      let depth = get("depth");
      view.replaceChildren(focusView(data, path, depth));
      placeSide();
      while (depth > 1 && !fits()) {
        depth -= 1;
        view.replaceChildren(focusView(data, path, depth));
      }
      if (!sameTree) view.scrollTo({ top: 0, left: 0, behavior: "instant" });
      follow();
    }
    const wanted = refocus;
    refocus = null;
    // The control just used may be gone or disabled: the keyboard goes on from the first
    // answer of the new question, or from Back at an outcome.
    if (wanted === "answer") {
      const target = side.querySelector(".xt_answer") || side.querySelector(".xt_back");
      if (target) target.focus({ preventScroll: true });
    }
  }

  // Fit the explorer to the window below where it starts, so the trail, the question and the
  // diagram are all on screen without scrolling the page (a window-high box further down).
  function fit() {
    if (!interactive()) return;
    const top = app.getBoundingClientRect().top + window.scrollY;
    const room = window.innerHeight - top - 12;
    app.style.height = top < window.innerHeight * 0.45 && room >= 420 ? `${room}px` : "";
  }
  window.addEventListener("resize", fit);

  function newMap() {
    loadMap();
    drawn = "";
    draw();
  }
  model.on("change:data", draw);
  model.on("change:path", draw);
  model.on("change:view", draw);
  model.on("change:depth", draw);
  model.on("change:mode", draw);
  model.on("change:theme", draw);
  model.on("change:map_notice", () => { drawn = ""; draw(); });
  model.on("change:map_svg", newMap);
  model.on("change:map_css", () => { mapStyle.textContent = get("map_css"); });
  model.on("change:zoom", () => { size(); followMap(); });
  mapStyle.textContent = get("map_css");
  loadMap();
  draw();
  requestAnimationFrame(() => { fit(); follow(); });
  return () => { window.removeEventListener("resize", fit); el.replaceChildren(); };
}

// A model for a page with no kernel: the same interface, fed by a JSON state blob.
function staticModel(state) {
  const values = { depth: 2, mode: "explorer", view: "focus", theme: "screen", zoom: 1,
    map_svg: "", map_css: "", map_notice: "", label: "Decision tree diagram", ...state };
  const handlers = {};
  return {
    get: (name) => values[name],
    set: (name, value) => {
      const before = JSON.stringify(values[name]);
      values[name] = value;
      if (JSON.stringify(value) !== before) for (const f of handlers[name] || []) f();
    },
    save_changes: () => {},
    on: (event, f) => { const name = event.replace("change:", "");
      (handlers[name] = handlers[name] || []).push(f); },
  };
}

export { staticModel };
export default { render };
