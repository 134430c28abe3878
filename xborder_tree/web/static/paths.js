// The tree's data and the path through it: pure functions, no page (tested with node --test).
//
// The data comes as JSON keyed by tree-provided ids; an id such as "constructor" or
// "__proto__" must never reach an object's prototype, so every lookup goes through Maps
// built once per data object (index).

const indexes = new WeakMap();

/** The data's nodes and answers as Maps keyed by node id (built once per data object). */
export function index(data) {
  let found = indexes.get(data);
  if (!found) {
    found = {
      nodes: new Map(Object.entries(data.nodes || {})),
      answers: new Map(Object.entries(data.answers || {})),
    };
    indexes.set(data, found);
  }
  return found;
}

export function answersOf(data, id) { return index(data).answers.get(id) || []; }
export function hasNode(data, id) { return index(data).nodes.has(id); }
export function nodeOf(data, id) {
  return index(data).nodes.get(id) || { kind: "question", label: id, text: id };
}
export function labelOf(data, id) { return nodeOf(data, id).label; }
export function nodeClasses(data, id) {
  const node = nodeOf(data, id);
  return node.kind === "outcome" ? `xt_outcome xt_verdict_${node.verdict}` : "xt_question";
}

/** The answered steps of ``path`` ({node, answer}), up to the first step that is not an
 * answer offered in ``data`` (then ``broken`` is the index in ``path`` where it stops). */
export function walkPath(data, path) {
  const steps = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const answer = answersOf(data, path[i]).find((a) => a.target === path[i + 1]);
    if (!answer) return { steps, broken: i + 1 };
    steps.push({ node: path[i], answer });
  }
  return { steps, broken: path.length && path[0] !== data.root ? 0 : null };
}

export function stepsOf(data, path) { return walkPath(data, path).steps; }

/** The facts a path states: a Map from fact key to answer value (``facts`` maps question id
 * to its fact key). */
export function factsOf(data, path, facts) {
  const stated = new Map();
  for (const step of stepsOf(data, path)) stated.set(facts.get(step.node), step.answer.value);
  return stated;
}

/** The path the same person takes in ``data``: from the root, each question answered with the
 * value ``stated`` gives for its fact while that value is offered (as Walk.on_date does). */
export function followFacts(data, stated, facts) {
  const path = [data.root];
  const seen = new Set(path);
  for (;;) {
    const here = path[path.length - 1];
    const value = stated.get(facts.get(here));
    const answer = answersOf(data, here).find((a) => a.value === value);
    if (!answer || seen.has(answer.target)) return path;
    seen.add(answer.target);
    path.push(answer.target);
  }
}

/** Whether stated ``facts`` (a Map) fit a scope: a list of alternatives, each an object from
 * fact key to the values it covers (as model/scope.py). ``null``: every situation. */
export function scopeCovers(alternatives, facts) {
  if (alternatives === null || alternatives === undefined) return true;
  return alternatives.some((alt) => Object.entries(alt).every(
    ([key, values]) => !facts.has(key) || values.includes(facts.get(key))));
}

/** The facts an address states: each ``fact=key=value`` of its query, as a Map. */
export function addressFacts(search) {
  const facts = new Map();
  for (const pair of new URLSearchParams(search).getAll("fact")) {
    const cut = pair.indexOf("=");
    if (cut > 0) facts.set(pair.slice(0, cut).trim(), pair.slice(cut + 1).trim());
  }
  return facts;
}
