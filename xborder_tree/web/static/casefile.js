// The case summary of the static page: Python's template (report.case_template) with the
// date, the answers and the "why" lines (report.case_lines) filled in, as report.fill_case
// does. Nothing here writes a word of the summary.

export const MARKS = { date: "<xt:date>", asOf: "<xt:as-of>", answers: "<xt:answers>",
  why: "<xt:why>" };

/** ``template`` (kind "md" or "html") with ``date``, ``asOf`` and the lines in place. */
export function fillCase(template, kind, date, asOf, answers, why) {
  let listed;
  let reasons;
  if (kind === "html") {
    listed = answers.map((line) => `\n${line}`).join("");
    reasons = why.join("");
  } else {
    listed = answers.map((line, i) => `${i + 1}. ${line}`).join("\n") || "No answers yet.";
    reasons = why.join("\n");
  }
  // split/join, not replace: a "$" in the text must stay a "$".
  return template.split(MARKS.date).join(date).split(MARKS.asOf).join(asOf)
    .split(MARKS.answers).join(listed).split(MARKS.why).join(reasons);
}
