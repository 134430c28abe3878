// The "Rules as of" date field. It waits: typing changes nothing until Enter, leaving the
// field, or a pick from the calendar; then a date outside the years the rules cover (or not
// a real date) is refused with a message, and a good one is applied. One format everywhere:
// YYYY-MM-DD, in the field as on every line that names the date.

import { h } from "./dom.js";

const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date today as YYYY-MM-DD. */
export function todayText(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** ``text`` checked: ``{ day }`` (YYYY-MM-DD) or ``{ error }`` (a sentence saying how to fix
 * it); ``years`` is [first, last], the years the rules cover. */
export function checkDay(text, years) {
  const value = String(text).trim();
  const match = FORM.exec(value);
  if (!match) return { error: `Write the date as YYYY-MM-DD, for example ${years[1] - 1}-09-21.` };
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);  // (Date.UTC would read year 9 as 1909)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 ||
      date.getUTCDate() !== day) {
    return { error: `${value} is not a real date: check the month and the day.` };
  }
  if (year < years[0] || year > years[1]) {
    return { error: `The rules here cover ${years[0]} to ${years[1]}: pick a date in those years.` };
  }
  return { day: value };
}

/** The field; ``apply(day)`` is called with a checked date that differs from the one shown.
 * ``show(day, years)`` puts the applied date (and its limits) in the field. */
export function dateField(apply) {
  // Unique on the page, however many explorers (each widget loads its own copy of this module).
  const id = `xt_as_of_${Math.random().toString(36).slice(2)}`;
  const input = h("input", { id, type: "text", class: "xt_as_of", inputmode: "numeric",
    autocomplete: "off", spellcheck: "false", size: "10", maxlength: "10",
    "aria-describedby": `${id}_message` });
  const calendar = h("input", { type: "date", class: "xt_as_of_calendar", tabindex: "-1",
    "aria-hidden": "true" });
  const pick = h("button", { type: "button", class: "xt_as_of_pick",
    title: "Pick the date from a calendar" }, "Calendar");
  const today = h("span", { class: "xt_as_of_today" });
  const message = h("span", { id: `${id}_message`, class: "xt_as_of_message", role: "status" });
  const box = h("div", { class: "xt_date" },
    h("label", { for: id, class: "xt_as_of_label", text: "Rules as of" }), " ", input, calendar,
    pick, today, message);
  let shown = "";
  let years = [1, 9999];

  function commit() {
    if (input.value.trim() === shown) {
      message.textContent = "";
      input.removeAttribute("aria-invalid");
      return;
    }
    const checked = checkDay(input.value, years);
    if (checked.error) {
      message.textContent = checked.error;
      input.setAttribute("aria-invalid", "true");
      return;
    }
    message.textContent = "";
    input.removeAttribute("aria-invalid");
    apply(checked.day);
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); commit(); }
    if (event.key === "Escape") { input.value = shown; commit(); }
  });
  input.addEventListener("blur", commit);
  calendar.addEventListener("change", () => {
    if (!calendar.value) return;
    input.value = calendar.value;
    commit();
  });
  pick.addEventListener("click", () => {
    calendar.value = shown;
    try { calendar.showPicker(); } catch { input.focus(); }
  });

  function show(day, limits) {
    years = limits || years;
    calendar.min = `${String(years[0]).padStart(4, "0")}-01-01`;
    calendar.max = `${String(years[1]).padStart(4, "0")}-12-31`;
    today.textContent = day === todayText() ? "(today)" : "";
    if (day === shown) return;
    shown = day;
    if (document.activeElement !== input || !input.getAttribute("aria-invalid")) {
      input.value = day;
      message.textContent = "";
      input.removeAttribute("aria-invalid");
    }
  }
  return { element: box, show };
}
