// The focus view: an outline read top to bottom, each answered question with the answer taken
// and the other answers as stubs, then the current node, then its answers and what they lead
// to (``depth`` answers ahead).

import { h } from "./dom.js";
import { answersOf, labelOf, nodeClasses, nodeOf, stepsOf } from "./paths.js";

function nodeBox(data, id, cls, extra, onclick, interactive) {
  const node = nodeOf(data, id);
  const text = node.kind === "outcome" ? `${node.label} [${node.verdict_label}]` : node.label;
  const tag = onclick && interactive ? "button" : "div";
  return h(tag, { type: tag === "button" ? "button" : null,
    class: `xt_fnode ${nodeClasses(data, id)} ${cls}`, "data-node": id, ...extra,
    onclick: tag === "button" ? onclick : null }, text);
}

/** The focus view of ``path``; ``go(path)`` moves the walk when ``interactive``. */
export function focusView(data, path, depth, go, interactive) {
  const prefix = data.prefix;
  const wrap = h("div", { class: "xt_focus" });
  const steps = stepsOf(data, path);
  steps.forEach((step, i) => {
    const row = h("div", { class: "xt_frow" });
    row.append(nodeBox(data, step.node, "xt_on",
      { id: `${prefix}n_${step.node}`, title: `Change this answer: ${nodeOf(data, step.node).text}` },
      () => go(path.slice(0, i + 1)), interactive));
    const stubs = h("div", { class: "xt_stubs" });
    const others = answersOf(data, step.node).filter((a) => a.target !== step.answer.target);
    if (others.length) stubs.append(h("span", { class: "xt_stubs_label", text: "or" }));
    for (const other of others) {
      const tag = interactive ? "button" : "span";
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
    nodeBox(data, current, "xt_on xt_current", { id: `${prefix}n_${current}` }, null,
      interactive)));
  const answers = answersOf(data, current);
  if (answers.length && depth > 0) {
    const ahead = h("div", { class: "xt_ahead" });
    for (const answer of answers) {
      const next = [...path, answer.target];
      const branch = h("div", { class: "xt_branch" });
      const tag = interactive ? "button" : "span";
      branch.append(h(tag, { type: tag === "button" ? "button" : null,
        class: "xt_fedge_label xt_ahead_edge", id: `${prefix}e_${current}__${answer.target}`,
        onclick: tag === "button" ? () => go(next) : null }, answer.label));
      branch.append(nodeBox(data, answer.target, "xt_ahead_node",
        { id: `${prefix}n_${answer.target}` }, () => go(next), interactive));
      const further = answersOf(data, answer.target);
      if (depth > 1 && further.length) {
        const list = h("ul", { class: "xt_next" });
        for (const more of further) {
          const inner = [h("span", { class: "xt_next_answer", text: more.label }), " \u2192 ",
            h("span", { class: `xt_next_target ${nodeClasses(data, more.target)}`,
              text: labelOf(data, more.target) })];
          list.append(h("li", {}, interactive
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

/** Does the step into the current node, the node and what comes after fit in ``view``? */
export function fits(view) {
  const nodes = view.querySelectorAll(".xt_fnode.xt_on");
  const from = nodes[Math.max(0, nodes.length - 2)].getBoundingClientRect().top;
  const ahead = view.querySelector(".xt_ahead");
  return !ahead || ahead.getBoundingClientRect().bottom - from + 64 <= view.clientHeight;
}

/** Follow the current node with the least movement: show the whole path and what comes next
 * when they fit; otherwise the current node near the top with its answers below it, the
 * earliest steps scrolled above (the trail still lists them). No scroll when the wanted part
 * is already in view. */
export function follow(view) {
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
