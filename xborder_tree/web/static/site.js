// The static explorer page: the explorer's front end (explorer.js) fed by the data written
// into the page instead of a kernel. It adds what the kernel does in the app: the rules of
// the date the "Rules as of" field asks for, the case-summary downloads, the text
// description of the whole diagram, and a live region that says where the path has reached.
//
// The page's data blocks hold gzip-compressed JSON (base64): unpacked with the browser's own
// DecompressionStream, the explorer's data at once, the rest when first needed.

import { fillCase } from "./casefile.js";
import { todayText } from "./datefield.js";
import { render } from "./explorer.js";
import { staticModel } from "./model.js";
import {
  addressFacts, factsOf, followFacts, hasNode, isWalk, nodeOf, scopeCovers, stepsOf,
} from "./paths.js";

async function unpackBlock(id) {
  const text = JSON.parse(document.getElementById(id).textContent);
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

async function startPage() {
  performance.mark("xt_script");
  const start = await unpackBlock("xt-data");
  performance.mark("xt_data");
  const built = start.data;          // the explorer's data for the date the page was built for
  let extra = null;                  // periods, facts, summaries, outline
  // The outcome cards are the bulk of the data: they are unpacked just after the first draw,
  // and a path that reaches an outcome before they are here is drawn when they arrive.
  let cardsIn = false;
  const cardsReady = new Promise((resolve) => requestAnimationFrame(resolve))
    .then(() => unpackBlock("xt-cards")).then((cards) => {
      for (const [id, card] of Object.entries(cards)) {
        if (hasNode(built, id)) nodeOf(built, id).card = card;
      }
      cardsIn = true;
    });
  const extraReady = cardsReady.then(() => unpackBlock("xt-extra"))
    .then((value) => { extra = value; return value; });
  const more = () => extra;
  let period = null;                 // the period of dated rules shown (null: the built one)

  const model = staticModel({ data: built, path: [built.root], theme: start.theme,
    map_css: start.map_css, label: start.label, as_of: built.as_of });
  const setNow = model.set;
  const refused = document.querySelector(".xt_refused");
  model.set = (name, value) => {
    const data = model.get("data");
    if (name === "path") refused.hidden = isWalk(data, value);
    if (name === "path" && !isWalk(data, value)) {
      // never stuck: the page stays on its last good path and says so
      refused.textContent = "That step is not in this tree; the page stays where it was.";
      return;
    }
    if (name === "path" && !cardsIn && nodeOf(data, value[value.length - 1]).kind === "outcome") {
      cardsReady.then(() => setNow(name, value));
    } else {
      setNow(name, value);
    }
  };
  const host = document.getElementById("xt-explorer");
  render({ model, el: host });
  performance.mark("xt_drawn");  // the question and its answers are on the page

  // ------------------------------------------------------------ the whole map, when asked
  let mapAsked = false;
  async function showMap() {
    if (model.get("view") !== "map" || mapAsked) return;
    mapAsked = true;
    model.set("map_svg", await unpackBlock("xt-map"));
  }
  model.on("change:view", showMap);

  // ------------------------------------------------------------ where the path is, in words
  const live = document.querySelector(".xt_live");
  function announce() {
    const data = model.get("data");
    const path = model.get("path");
    const node = nodeOf(data, path[path.length - 1]);
    live.textContent = node.kind === "outcome"
      ? `Outcome after ${path.length - 1} answers: ${node.title}.`
      : `Question ${path.length}: ${node.text}`;
  }
  model.on("change:path", announce);

  // ------------------------------------------------------------ the rules of another date
  let factKeys = null;               // question id -> fact key
  function dataOn(day) {
    const spans = more().periods;
    let index = 0;
    spans.forEach((span, i) => { if (span.start === null || span.start <= day) index = i; });
    const span = spans[index];
    period = span.nodes ? span : null;
    if (!period) return { ...built, as_of: day };
    const nodes = new Map([...Object.entries(built.nodes), ...Object.entries(span.nodes)]);
    const answers = new Map([...Object.entries(built.answers), ...Object.entries(span.answers)]);
    for (const gone of span.gone) answers.delete(gone);
    return { ...built, as_of: day, nodes: Object.fromEntries(nodes),
      answers: Object.fromEntries(answers) };
  }
  // The same person on another date: each question answered with the value given before,
  // while that value is offered on the new date (as Walk.on_date does).
  function applyDate(day) {
    factKeys = factKeys || new Map(Object.entries(more().facts));
    const stated = factsOf(model.get("data"), model.get("path"), factKeys);
    const data = dataOn(day);
    const path = followFacts(data, stated, factKeys);
    model.set("data", data);
    model.set("path", path);
    model.set("map_css", period ? period.map_css : start.map_css);  // dashes what is not in force
    announce();
  }
  // The field has checked the date (datefield.js): the page applies it.
  model.on("change:as_of", async () => {
    await extraReady;
    const day = model.get("as_of");
    if (day && day !== model.get("data").as_of) applyDate(day);
  });

  // ------------------------------------------------------------ the case summary
  // Python's parts (site.case_parts) for the period shown, filled in by casefile.js.
  function caseParts() {
    const own = more().case;
    const changed = period ? period.case : { templates: {}, lines: {} };
    return {
      templates: new Map([...Object.entries(own.templates), ...Object.entries(changed.templates)]),
      lines: new Map([...Object.entries(own.lines), ...Object.entries(changed.lines)]),
    };
  }
  function caseSummary(kind) {
    const data = model.get("data");
    const path = model.get("path");
    const parts = caseParts();
    const lines = stepsOf(data, path).map((step) =>
      new Map(Object.entries(parts.lines.get(step.node))).get(step.answer.value)[kind]);
    return fillCase(parts.templates.get(path[path.length - 1])[kind], kind, todayText(),
      data.as_of, lines.map((line) => line.answer), lines.map((line) => line.why));
  }
  function download(kind) {
    const type = kind === "md" ? "text/markdown;charset=utf-8" : "text/html;charset=utf-8";
    const url = URL.createObjectURL(new Blob([caseSummary(kind)], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${more().tree.id}-case.${kind}`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  for (const kind of ["md", "html"]) {
    document.querySelector(`.xt_download_${kind}`).addEventListener("click", async () => {
      await extraReady;
      download(kind);
    });
  }

  // ------------------------------------------------------------ facts in the address
  // ?fact=key=value (repeatable), as the app's address: inside this tree's scope the path
  // follows them; outside it, "not this tree's question" with links to the pages whose scope
  // covers them, the facts carried over. Built with text nodes: nothing here is HTML.
  await extraReady;
  const stated = addressFacts(window.location.search);
  if (stated.size) {
    const { own, others, words } = extra.scope;
    if (scopeCovers(own, stated)) {
      factKeys = factKeys || new Map(Object.entries(extra.facts));
      model.set("path", followFacts(model.get("data"), stated, factKeys));
      announce();
    } else {
      const note = document.createElement("div");
      note.className = "xt_out_of_scope";
      note.setAttribute("role", "status");
      const head = document.createElement("p");
      const strong = document.createElement("strong");
      strong.textContent = `${words.title}.`;
      head.append(strong, ` ${words.outside}`);
      note.append(head);
      const covering = others.filter((other) => scopeCovers(other.scope, stated));
      const query = new URLSearchParams([...stated].map(([k, v]) => ["fact", `${k}=${v}`]));
      const list = document.createElement("ul");
      for (const other of covering) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = `${encodeURIComponent(other.id)}.html?${query}`;
        link.textContent = other.title;
        item.append(link);
        list.append(item);
      }
      const lead = document.createElement("p");
      lead.textContent = covering.length ? words.see : words.none;
      note.append(lead);
      if (covering.length) note.append(list);
      host.before(note);
    }
  }

  // ------------------------------------------------------------ the whole diagram in words
  // Written after the first paint: it is long for a big tree and nobody needs it at once.
  document.querySelector(".xt_outline_holder").innerHTML = extra.outline;  // escaped by Python
  document.body.classList.add("xt_ready");
}

startPage().catch((error) => {
  const note = document.createElement("p");
  note.className = "xt_page_error";
  note.setAttribute("role", "alert");
  note.textContent = `This page could not start in this browser (${error}). It needs a ` +
    "current browser: Chrome or Edge 80+, Firefox 113+, Safari 16.4+.";
  document.getElementById("xt-explorer").replaceChildren(note);
});
