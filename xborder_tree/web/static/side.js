// The side column: the trail of answers, Back and Start over, then the current question with
// its answers or the outcome card. The only HTML taken from the data is the outcome card,
// which the Python side builds with every tree string escaped.

import { h } from "./dom.js";
import { answersOf, labelOf, nodeOf, stepsOf } from "./paths.js";

/** How many answers the trail shows unfolded while a question waits. */
const TRAIL_OPEN = 4;

/** The "why this outcome" part of the outcome card: the sentence of each answer (written by
 * Python, shipped with the answer), in a part a person opens. */
function whySection(steps) {
  const list = h("ul");
  for (const step of steps) list.append(h("li", { class: "xt_why_item", text: step.answer.why }));
  return h("details", { class: "xt_more xt_more_why" },
    h("summary", { text: `Why this outcome (${steps.length})` }), list);
}

/** Draw ``path`` of ``data`` into ``side``: a head that never scrolls (the trail, Back and
 * Start over) and the question or the outcome card below it, the column's one scrolling
 * region. ``go(path, focusAfter)`` moves the walk. */
export function drawSide(side, data, path, go) {
  const steps = stepsOf(data, path);
  const current = path[path.length - 1];
  const node = nodeOf(data, current);
  const done = node.kind === "outcome";
  const crumbs = h("div", { class: "xt_crumbs" });
  steps.forEach((step, i) => {
    crumbs.append(h("button", {
      type: "button", class: `xt_crumb xt_crumb_${i}`,
      title: `Change this answer: ${nodeOf(data, step.node).text}`,
      onclick: () => go(path.slice(0, i + 1), "answer"),
    }, `${i + 1}. ${labelOf(data, step.node).replace(/[ ?:]+$/, "")}: ${step.answer.label}`));
  });
  // At an outcome, or when it is long, the trail folds to one line, so the card or the
  // question and its answers have the room; one click opens it.
  const trail = steps.length
    ? h("details", { class: "xt_trail", open: !done && steps.length <= TRAIL_OPEN },
      h("summary", { class: "xt_trail_label",
        text: `Your answers (${steps.length}): select one to change it` }), crumbs)
    : h("p", { class: "xt_trail xt_trail_label", text: "Your answers: none yet" });
  const controls = h("div", { class: "xt_controls" },
    h("button", { type: "button", class: "xt_back", title: "Undo the last answer",
      disabled: !steps.length, onclick: () => go(path.slice(0, -1), "answer") }, "Back"),
    h("button", { type: "button", class: "xt_restart",
      title: "Clear every answer and return to the first question",
      disabled: !steps.length, onclick: () => go([data.root], "answer") }, "Start over"));
  const head = h("nav", { class: "xt_side_head", "aria-label": "Your answers" }, trail, controls);
  let main;
  if (done) {
    main = h("section", { class: "xt_outcome_card_widget xt_side_main", "aria-label": "Outcome" });
    const card = h("div");
    card.innerHTML = node.card;  // built by Python, every tree string escaped
    const slot = card.querySelector(".xt_why_slot");
    if (slot) slot.replaceWith(whySection(steps));
    else card.append(whySection(steps));
    main.append(card);
  } else {
    const answers = h("div", { class: "xt_answers", role: "group", "aria-label": "Answers" });
    for (const answer of answersOf(data, current)) {
      answers.append(h("button", {
        type: "button", class: `xt_answer xt_answer_${answer.value}`,
        onclick: () => go([...path, answer.target], "answer"),
      }, answer.label));
    }
    main = h("section", { class: "xt_question_card xt_side_main", "aria-label": "Question" },
      h("p", { class: "xt_step", text: `Question ${steps.length + 1}` }),
      h("h2", { class: "xt_question_text", tabindex: "-1", text: node.text }),
      answers,
      node.help ? h("p", { class: "xt_help", text: node.help }) : null);
  }
  side.replaceChildren(head, main);
}

/** When the column is too short for the question and all its answers, its scrolling region
 * moves down to show the last answer, never past the question's text. */
export function placeSide(side) {
  const main = side.querySelector(".xt_side_main");
  const text = main && main.querySelector(".xt_question_text");
  const last = main && main.querySelector(".xt_answer:last-of-type");
  if (!text || !last) return;
  const box = main.getBoundingClientRect();
  const below = last.getBoundingClientRect().bottom + 4 - box.bottom;
  if (below > 0) main.scrollTop = Math.min(below, text.getBoundingClientRect().top - box.top);
}
