// Unit tests of the date field's check (run: node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkDay, todayText } from "../../xborder_tree/web/static/datefield.js";

const years = [2020, 2027];

test("a real date in the years the rules cover is taken as written", () => {
  assert.deepEqual(checkDay("2025-09-21", years), { day: "2025-09-21" });
  assert.deepEqual(checkDay(" 2020-01-01 ", years), { day: "2020-01-01" });
  assert.deepEqual(checkDay("2027-12-31", years), { day: "2027-12-31" });
});

test("half-typed dates are refused with how to write one", () => {
  for (const text of ["2", "0002-09-21x", "202-09-21", "2025-9-21", "", "21/09/2025"]) {
    assert.match(checkDay(text, years).error, /Write the date as YYYY-MM-DD/, text);
  }
});

test("a date that does not exist is refused", () => {
  assert.match(checkDay("2025-02-30", years).error, /2025-02-30 is not a real date/);
  assert.match(checkDay("2025-13-01", years).error, /not a real date/);
});

test("a date outside the years the rules cover is refused with those years", () => {
  assert.equal(checkDay("0009-12-04", years).error,
    "The rules here cover 2020 to 2027: pick a date in those years.");
  assert.match(checkDay("2019-12-31", years).error, /cover 2020 to 2027/);
  assert.match(checkDay("2028-01-01", years).error, /cover 2020 to 2027/);
});

test("today is written YYYY-MM-DD in local time", () => {
  assert.equal(todayText(new Date(2026, 0, 5)), "2026-01-05");
});
