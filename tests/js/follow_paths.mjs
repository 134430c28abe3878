// Reads the cases Python wrote (tests/test_front_end.py) and answers with the paths the front
// end's path logic (paths.js) takes: for each case, the path its stated facts lead to in its
// data, whether Python's path is one the front end can walk, and the path the same facts take
// in the data of another date.
import { readFileSync } from "node:fs";

import { factsOf, followFacts, walkPath } from "../../xborder_tree/web/static/paths.js";

const { datasets, cases } = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const results = cases.map((one) => {
  const data = datasets[one.data];
  const facts = new Map(Object.entries(data.facts));
  const stated = new Map(Object.entries(one.stated));
  const path = followFacts(data.explorer, stated, facts);
  const walked = walkPath(data.explorer, one.python_path);
  const other = datasets[one.other_data];
  const moved = followFacts(other.explorer, factsOf(data.explorer, path, facts), facts);
  return { path, broken: walked.broken, steps: walked.steps.length, moved };
});
process.stdout.write(JSON.stringify(results));
