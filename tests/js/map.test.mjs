// Unit tests of the whole map's pure helpers (run: node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { clampZoom, naturalWidth, pathIds } from "../../xborder_tree/web/static/map.js";

test("zoom stays between a tenth and eight times; 0 or less fits the width", () => {
  assert.equal(clampZoom(0), 0);
  assert.equal(clampZoom(-3), 0);
  assert.equal(clampZoom(0.01), 0.1);
  assert.equal(clampZoom(20), 8);
  assert.equal(clampZoom(1.25), 1.25);
});

test("Graphviz points are four thirds of a CSS pixel", () => {
  assert.equal(naturalWidth(300), 400);
  assert.equal(naturalWidth(0), 1);
});

test("a path's ids name its edges, then its nodes, the current node last", () => {
  assert.deepEqual(pathIds("t_", ["a", "b", "c"]),
    ["t_e_a__b", "t_e_b__c", "t_n_a", "t_n_b", "t_n_c"]);
  assert.deepEqual(pathIds("t_", ["a"]), ["t_n_a"]);
});
