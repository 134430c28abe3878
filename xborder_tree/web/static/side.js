// The side column: the trail of answers, Back and Start over, then the current question with
// its answers or the outcome card. The only HTML taken from the data is the outcome card,
// which the Python side builds with every tree string escaped.

import { h } from "./dom.js";
import { answersOf, labelOf, nodeOf, stepsOf } from "./paths.js";

/** Draw ``path`` of ``data`` into ``side``; ``go(path, focusAfter)`` moves the walk. */
export function drawSide(side, data, path, go) {
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

/** When the column is too short for all of it, the question (or the outcome card) goes to the
 * top: the trail scrolls above it, and the diagram shows the same path. */
export function placeSide(side) {
  const main = side.lastElementChild;
  if (!main) return;
  const overflow = main.offsetTop + main.offsetHeight - side.clientHeight;
  side.scrollTop = overflow > 0 ? Math.min(overflow, main.offsetTop) : 0;
}
