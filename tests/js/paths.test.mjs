// Unit tests of the front end's pure path logic (run: node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addressFacts, answersOf, factsOf, followFacts, hasNode, labelOf, nodeClasses, nodeOf,
  scopeCovers, stepsOf, walkPath,
} from "../../xborder_tree/web/static/paths.js";

// Ids that are names of Object.prototype's members must be plain ids.
const data = JSON.parse(`{
  "root": "constructor",
  "nodes": {
    "constructor": {"kind": "question", "label": "Who?", "text": "Who are you?"},
    "__proto__": {"kind": "question", "label": "Where?", "text": "Where do you work?"},
    "toString": {"kind": "outcome", "label": "Fine", "verdict": "allowed"},
    "hasOwnProperty": {"kind": "outcome", "label": "Permit", "verdict": "permit_required"}
  },
  "answers": {
    "constructor": [{"value": "a", "label": "A", "target": "__proto__", "note": ""},
                    {"value": "b", "label": "B", "target": "toString", "note": ""}],
    "__proto__": [{"value": "x", "label": "X", "target": "hasOwnProperty", "note": "n"},
                  {"value": "y", "label": "Y", "target": "toString", "note": ""}]
  }
}`);
const facts = new Map([["constructor", "who"], ["__proto__", "valueOf"]]);

test("ids named like Object.prototype members are ordinary ids", () => {
  assert.equal(nodeOf(data, "__proto__").text, "Where do you work?");
  assert.equal(labelOf(data, "toString"), "Fine");
  assert.equal(answersOf(data, "__proto__").length, 2);
  assert.deepEqual(answersOf(data, "toString"), []);
  assert.equal(hasNode(data, "valueOf"), false);
  assert.equal(nodeOf(data, "valueOf").label, "valueOf");  // unknown: its id, never a function
  assert.equal(nodeClasses(data, "hasOwnProperty"), "xt_outcome xt_verdict_permit_required");
  assert.equal(nodeClasses(data, "constructor"), "xt_question");
});

test("a path's steps stop where the path leaves the tree, and say where", () => {
  const whole = walkPath(data, ["constructor", "__proto__", "hasOwnProperty"]);
  assert.deepEqual(whole.steps.map((s) => [s.node, s.answer.value]),
    [["constructor", "a"], ["__proto__", "x"]]);
  assert.equal(whole.broken, null);
  const broken = walkPath(data, ["constructor", "hasOwnProperty"]);
  assert.deepEqual(broken.steps, []);
  assert.equal(broken.broken, 1);
  assert.equal(walkPath(data, ["__proto__"]).broken, 0);
  assert.equal(stepsOf(data, ["constructor"]).length, 0);
});

test("facts stated on a path lead the same way again", () => {
  const stated = factsOf(data, ["constructor", "__proto__", "hasOwnProperty"], facts);
  assert.deepEqual([...stated], [["who", "a"], ["valueOf", "x"]]);
  assert.deepEqual(followFacts(data, stated, facts), ["constructor", "__proto__", "hasOwnProperty"]);
});

test("a value not offered stops the path at its question", () => {
  const stated = new Map([["who", "a"], ["valueOf", "gone"]]);
  assert.deepEqual(followFacts(data, stated, facts), ["constructor", "__proto__"]);
  assert.deepEqual(followFacts(data, new Map(), facts), ["constructor"]);
});

test("a scope covers facts that fit one alternative; a fact not stated may still be asked", () => {
  const scope = [{ citizenship: ["us"], work_location: ["in_us", "in_canada"] },
    { citizenship: ["canada", "mexico"], work_location: ["in_us"] }];
  const facts = (pairs) => new Map(Object.entries(pairs));
  assert.equal(scopeCovers(scope, facts({ citizenship: "canada" })), true);
  assert.equal(scopeCovers(scope, facts({ citizenship: "canada", work_location: "in_canada" })),
    false);
  assert.equal(scopeCovers(scope, facts({ goal: "temporary" })), true);
  assert.equal(scopeCovers(null, facts({ citizenship: "other" })), true);
  // tree-provided keys never reach a prototype
  assert.equal(scopeCovers(scope, facts({ constructor: "x" })), true);
});

test("an address's facts are its fact=key=value pairs", () => {
  const facts = addressFacts("?tree=x&fact=citizenship%3Dus&fact=work_location=in_us&fact=bad");
  assert.deepEqual([...facts], [["citizenship", "us"], ["work_location", "in_us"]]);
});
