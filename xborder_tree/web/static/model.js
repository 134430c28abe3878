// A model for a page with no kernel: the anywidget model's interface (get, set, save_changes,
// on("change:name")), fed by a state object.

const DEFAULTS = { depth: 2, mode: "explorer", view: "focus", theme: "screen", zoom: 0, as_of: "",
  map_svg: "", map_css: "", map_notice: "", label: "Decision tree diagram" };

export function staticModel(state) {
  const values = new Map(Object.entries({ ...DEFAULTS, ...state }));
  const handlers = new Map();
  return {
    get: (name) => values.get(name),
    set: (name, value) => {
      const before = JSON.stringify(values.get(name));
      values.set(name, value);
      if (JSON.stringify(value) !== before) for (const f of handlers.get(name) || []) f();
    },
    save_changes: () => {},
    on: (event, f) => {
      const name = event.replace("change:", "");
      if (!handlers.has(name)) handlers.set(name, []);
      handlers.get(name).push(f);
    },
  };
}
