// Unit tests of the case summary's filling (run: node --test tests/js); the browser test
// compares the page's downloads with Python's on every persona.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fillCase } from "../../xborder_tree/web/static/casefile.js";

test("Markdown: numbered answers, or a line saying there are none", () => {
  const template = "<xt:date> <xt:as-of>|<xt:answers>|<xt:why>";
  assert.equal(fillCase(template, "md", "D", "A", ["a", "b"], ["- x", "- y"]),
    "D A|1. a\n2. b|- x\n- y");
  assert.equal(fillCase(template, "md", "D", "A", [], []), "D A|No answers yet.|");
});

test("HTML: each answer on a line of its own, the reasons side by side", () => {
  assert.equal(fillCase("<ol><xt:answers>\n</ol><ul><xt:why></ul>", "html", "D", "A",
    ["<li>a</li>", "<li>b</li>"], ["<li>x</li>", "<li>y</li>"]),
  "<ol>\n<li>a</li>\n<li>b</li>\n</ol><ul><li>x</li><li>y</li></ul>");
  assert.equal(fillCase("<ol><xt:answers>\n</ol>", "html", "D", "A", [], []), "<ol>\n</ol>");
});

test("text with dollar signs is kept as written", () => {
  assert.equal(fillCase("<xt:answers>", "md", "D", "A", ["$100,000 $& $1"], []),
    "1. $100,000 $& $1");
});
