// The explorer's shell: a hash router (#/graph, #/doc/ID, #/sparql?query=…, #/entity/ID,
// #/statement/ID, #/docs) that mounts one view at a time. Every view's state is in its URL.
import { h, replace } from "./dom.js";
import { mountDocument, mountDocuments } from "./documents.js";
import { mountGraph } from "./graph.js";
import { mountSparql } from "./sparql.js";
import { mountStatement } from "./statement.js";
import { mountTimeline } from "./timeline.js";

const VIEWS = {
  graph: { mount: mountGraph, nav: "graph", title: "Graph" },
  docs: { mount: mountDocuments, nav: "docs", title: "Documents" },
  doc: { mount: mountDocument, nav: "docs", title: "Document" },
  sparql: { mount: mountSparql, nav: "sparql", title: "SPARQL" },
  entity: { mount: mountTimeline, nav: "entity", title: "Timeline" },
  statement: { mount: mountStatement, nav: null, title: "Statement" },
};

export function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  return { name: parts[0] || "graph", parts, params: new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "") };
}

const main = document.getElementById("main");
let current = null; // {name, key, view}

function show() {
  const r = parseHash(window.location.hash);
  const spec = VIEWS[r.name];
  if (!spec) {
    window.location.replace("#/graph");
    return;
  }
  const key = `${r.name}/${r.parts.slice(1).join("/")}`;
  for (const a of document.querySelectorAll("nav a[data-nav]")) {
    if (a.dataset.nav === spec.nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  document.title = `${spec.title} · claimgraph`;
  if (current && current.key === key && current.view.update) {
    current.view.update(r);
    return;
  }
  if (current && current.view.unmount) current.view.unmount();
  replace(main);
  main.className = `view-${r.name}`;
  let view;
  try {
    view = spec.mount(main, r) || {};
  } catch (err) {
    console.error(err);
    main.append(h("div", { class: "error", role: "alert" }, `This view failed: ${err.message}`));
    view = {};
  }
  current = { name: r.name, key, view };
  if (r.name !== "graph") main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// The skip link must not go through the router ("#main" is not a view).
document.querySelector("a.skip").addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", show);
if (!window.location.hash) history.replaceState(null, "", "#/graph");
show();
