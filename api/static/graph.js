// #/graph: the actor graph with its filters, and the statements behind the selected edge
// or actor. Filters and selection live in the URL, so a view can be shared.
import { getJSON } from "./api.js";
import { EDGE_COLOUR, GraphCanvas, TYPE_COLOUR, edgeKey } from "./canvas.js";
import { badge, entityLink, errorBox, h, kindLabel, plural, replace, route } from "./dom.js";
import { entitySearch } from "./entitysearch.js";
import { statementList } from "./statement.js";

const FILTERS = ["kind", "since", "until", "evidence", "entity"];
const responses = new Map(); // query string -> response, the last few

function filtersFrom(params) {
  const kinds = params.getAll("kind").filter((k) => k === "accusation" || k === "denial");
  return {
    kind: kinds.length ? kinds : ["accusation", "denial"],
    since: params.get("since") || "",
    until: params.get("until") || "",
    evidence: params.get("evidence") || "",
    entity: params.get("entity") || "",
  };
}

function selectionFrom(params) {
  const sel = params.get("sel") || "";
  if (sel.startsWith("n:")) return { type: "node", id: sel.slice(2) };
  if (sel.startsWith("e:")) return { type: "edge", key: sel.slice(2) };
  return null;
}

const selParam = (sel) => (!sel ? "" : sel.type === "node" ? `n:${sel.id}` : `e:${sel.key}`);

function apiParams(f) {
  return {
    kind: f.kind.length === 2 ? null : f.kind,
    since: f.since,
    until: f.until,
    evidence: f.evidence,
    entity: f.entity,
  };
}

async function fetchGraph(f) {
  const params = apiParams(f);
  const key = JSON.stringify(params);
  if (responses.has(key)) return responses.get(key);
  const data = await getJSON("/explorer/graph", params);
  responses.set(key, data);
  if (responses.size > 6) responses.delete(responses.keys().next().value);
  return data;
}

/** Forget cached graphs (after a document is added). */
export function invalidateGraphs() {
  responses.clear();
}

export function mountGraph(root, initial) {
  let filters = filtersFrom(initial.params);
  let data = null;
  let loadSerial = 0;

  // ------------------------------------------------------------ filters
  const kindBoxes = ["accusation", "denial"].map((k) =>
    h("input", { type: "checkbox", id: `f-${k}`, value: k, checked: filters.kind.includes(k) }),
  );
  const since = h("input", { type: "date", id: "f-since", value: filters.since });
  const until = h("input", { type: "date", id: "f-until", value: filters.until });
  const evidence = h(
    "select",
    { id: "f-evidence" },
    h("option", { value: "" }, "any"),
    h("option", { value: "none" }, "no evidence given"),
    h("option", { value: "provided" }, "evidence cited"),
    h("option", { value: "unspecified" }, "not mentioned"),
  );
  evidence.value = filters.evidence;
  const search = entitySearch({
    label: "Actor",
    value: filters.entity,
    onPick: (e) => setFilters({ entity: e ? e.id || e.label : "" }),
  });
  const clearEntity = h("button", { type: "button", class: "link", onclick: () => { search.input.value = ""; setFilters({ entity: "" }); } }, "show all actors");
  const form = h(
    "form",
    { class: "filters", "aria-label": "Graph filters", onsubmit: (e) => e.preventDefault() },
    h("fieldset", {}, h("legend", {}, "Edges"),
      kindBoxes.map((box) =>
        h("label", { class: "check", for: box.id }, box, h("span", { class: `swatch e-${box.value}`, "aria-hidden": "true" }), kindLabel(box.value) + "s"))),
    h("fieldset", {}, h("legend", {}, "Dates"),
      h("label", { for: "f-since" }, "From"), since,
      h("label", { for: "f-until" }, "To"), until),
    h("label", { for: "f-evidence" }, "Evidence"), evidence,
    search,
    clearEntity,
    h("button", { type: "button", onclick: () => reset() }, "Reset filters"),
  );
  for (const box of kindBoxes) box.addEventListener("change", () => setFilters({ kind: kindBoxes.filter((b) => b.checked).map((b) => b.value) }));
  since.addEventListener("change", () => setFilters({ since: since.value }));
  until.addEventListener("change", () => setFilters({ until: until.value }));
  evidence.addEventListener("change", () => setFilters({ evidence: evidence.value }));

  const stats = h("p", { class: "stats", "aria-live": "polite" });
  const actors = h("ol", { class: "actors" });
  const legend = h(
    "div",
    { class: "legend" },
    h("h2", {}, "Legend"),
    h("ul", {},
      Object.entries(EDGE_COLOUR).map(([k]) => h("li", {}, h("span", { class: `line e-${k}`, "aria-hidden": "true" }), `${kindLabel(k)}: speaker → target`)),
      Object.entries(TYPE_COLOUR).map(([t]) => h("li", {}, h("span", { class: `dot t-${t}`, "aria-hidden": "true" }), t)),
      h("li", { class: "muted" }, "Size: how often an actor speaks or is targeted. Width: statements per edge.")),
  );
  const sidebar = h("aside", { class: "sidebar" }, h("h1", { class: "visually-hidden" }, "Actor graph"), form, stats,
    h("details", { open: true }, h("summary", {}, "Most active actors"), actors), legend);

  // ------------------------------------------------------------ stage
  const canvas = h("canvas", {
    tabindex: "0",
    role: "img",
    "aria-label": "Actor graph. Drag to pan, scroll to zoom, click an edge or an actor to read its statements. Arrow keys pan, plus and minus zoom, 0 fits, Escape clears.",
  });
  const tooltip = h("div", { class: "tooltip", hidden: true, role: "presentation" });
  const overlay = h("div", { class: "overlay", hidden: true, "aria-live": "polite" });
  const controls = h(
    "div",
    { class: "zoom" },
    h("button", { type: "button", title: "Zoom in", "aria-label": "Zoom in", onclick: () => view.zoom(1.4) }, "+"),
    h("button", { type: "button", title: "Zoom out", "aria-label": "Zoom out", onclick: () => view.zoom(1 / 1.4) }, "−"),
    h("button", { type: "button", title: "Fit the graph", "aria-label": "Fit the graph", onclick: () => view.fit() }, "⤢"),
  );
  const stage = h("div", { class: "stage" }, canvas, controls, tooltip, overlay);
  const panel = h("aside", { class: "panel", "aria-label": "Details", tabindex: "-1" });
  const el = h("div", { class: "graph-view" }, sidebar, stage, panel);
  root.append(el);

  const view = new GraphCanvas(canvas, {
    onSelect: (sel) => {
      writeUrl(sel);
      showPanel(sel);
    },
    onHover: (hover, p) => showTooltip(hover, p),
  });
  window.claimgraph = Object.assign(window.claimgraph || {}, { graph: view });

  // ------------------------------------------------------------ behaviour
  function writeUrl(sel = view.selection) {
    const target = route("graph", { ...apiParams(filters), sel: selParam(sel) });
    if (window.location.hash !== target) history.replaceState(null, "", target);
  }

  function syncForm() {
    kindBoxes.forEach((b) => { b.checked = filters.kind.includes(b.value); });
    since.value = filters.since;
    until.value = filters.until;
    evidence.value = filters.evidence;
    if (document.activeElement !== search.input) search.input.value = filters.entity;
  }

  function setFilters(change) {
    filters = { ...filters, ...change };
    writeUrl();
    load();
  }

  function reset() {
    filters = filtersFrom(new URLSearchParams());
    kindBoxes.forEach((b) => { b.checked = true; });
    since.value = "";
    until.value = "";
    evidence.value = "";
    search.input.value = "";
    writeUrl(null);
    load(null);
  }

  async function load(sel = view.selection || selectionFrom(initial.params)) {
    const mine = ++loadSerial;
    overlay.hidden = false;
    replace(overlay, "Loading the graph…");
    let got;
    try {
      got = await fetchGraph(filters);
    } catch (err) {
      if (mine !== loadSerial) return;
      replace(overlay, errorBox(err, "The graph could not be loaded"));
      return;
    }
    if (mine !== loadSerial) return;
    overlay.hidden = true;
    const firstLoad = data === null;
    const focusChanged = !data || data.focus !== got.focus;
    data = got;
    view.setData(data, data.focus);
    const focused = data.focus && data.nodes.find((n) => n.id === data.focus);
    if (focused && document.activeElement !== search.input) search.input.value = focused.label;
    if (firstLoad || focusChanged) view.fit();
    canvas.dataset.nodes = String(data.nodes.length);
    canvas.dataset.edges = String(data.edges.length);
    const hidden = data.total.nodes - data.nodes.length;
    replace(stats, `${plural(data.nodes.length, "actor")}, ${plural(data.edges.length, "edge")}`,
      hidden > 0 ? h("span", { class: "muted" }, ` (of ${data.total.nodes.toLocaleString("en")} actors; filters hide the rest)`) : "");
    const top = [...data.nodes].sort((a, b) => b.spoke + b.targeted - (a.spoke + a.targeted)).slice(0, 25);
    replace(actors, top.map((n) =>
      h("li", {}, h("button", { type: "button", class: "link", onclick: () => view.select({ type: "node", id: n.id }, { reveal: true }) },
        n.label), h("span", { class: "muted" }, ` ${n.spoke}↗ ${n.targeted}↙`))));
    if (!data.nodes.length) {
      overlay.hidden = false;
      replace(overlay, h("p", {}, "No accusation or denial matches these filters."));
    }
    view.select(sel, { notify: false });
    writeUrl();
    showPanel(view.selection);
  }

  function showTooltip(hover, p) {
    if (!hover || !data) {
      tooltip.hidden = true;
      return;
    }
    if (hover.type === "node") {
      const n = view.nodeById(hover.id);
      replace(tooltip, h("strong", {}, n.label), ` · ${n.type} · spoke ${n.spoke}, targeted ${n.targeted}`);
    } else {
      const e = view.edgeByKey(hover.key);
      replace(tooltip, h("strong", {}, `${view.nodeById(e.source).label} → ${view.nodeById(e.target).label}`),
        `: ${plural(e.count, kindLabel(e.kind).toLowerCase())}`, e.first_date ? ` · ${dateRange(e)}` : "");
    }
    tooltip.hidden = false;
    tooltip.style.left = `${Math.min(p.x + 14, stage.clientWidth - tooltip.offsetWidth - 8)}px`;
    tooltip.style.top = `${p.y + 14}px`;
  }

  function showPanel(sel) {
    if (!data) return;
    if (!sel) {
      const biggest = [...data.edges].sort((a, b) => b.count - a.count).slice(0, 12);
      replace(panel,
        h("h2", {}, "Behind the edges"),
        h("p", {}, "Click an edge or an actor to read the statements behind it, each quoted in its article."),
        biggest.length ? h("h3", {}, "Busiest edges") : null,
        h("ul", { class: "edges" }, biggest.map((e) =>
          h("li", {}, h("button", { type: "button", class: "link", onclick: () => view.select({ type: "edge", key: edgeKey(e) }, { reveal: true }) },
            `${view.nodeById(e.source).label} → ${view.nodeById(e.target).label}`), " ", badge(e.kind), ` ×${e.count}`))));
      return;
    }
    if (sel.type === "edge") {
      const e = view.edgeByKey(sel.key);
      const a = view.nodeById(e.source);
      const b = view.nodeById(e.target);
      const unspecified = e.count - e.evidence_none - e.evidence_provided;
      replace(panel,
        h("h2", {}, entityLink({ id: a.id, label: a.label }), " → ", entityLink({ id: b.id, label: b.label })),
        h("p", {}, badge(e.kind), ` ${plural(e.count, "statement")}`, e.first_date ? ` · ${dateRange(e)}` : ""),
        h("p", { class: "small muted" }, `evidence: ${e.evidence_none} none given, ${e.evidence_provided} cited, ${unspecified} not mentioned`),
        statementList(e.statements, { context: true }));
    } else {
      const n = view.nodeById(sel.id);
      const out = data.edges.filter((e) => e.source === n.id);
      const inc = data.edges.filter((e) => e.target === n.id);
      const ids = [...new Set([...out, ...inc].sort((x, y) => (y.last_date || "").localeCompare(x.last_date || "")).flatMap((e) => e.statements))];
      replace(panel,
        h("h2", {}, n.label),
        h("p", {}, h("span", { class: `dot t-${n.type}`, "aria-hidden": "true" }), ` ${n.type} · spoke ${n.spoke} · targeted ${n.targeted}`),
        h("p", {},
          h("a", { href: route(`entity/${encodeURIComponent(n.id)}`) }, "Timeline"), " · ",
          filters.entity === n.id
            ? h("button", { type: "button", class: "link", onclick: () => { search.input.value = ""; setFilters({ entity: "" }); } }, "Show all actors")
            : h("button", { type: "button", class: "link", onclick: () => { search.input.value = n.label; setFilters({ entity: n.id }); } }, "Only this actor's edges")),
        h("p", { class: "small muted" }, `${plural(out.length, "edge")} out, ${plural(inc.length, "edge")} in`),
        statementList(ids, { context: true }));
    }
  }

  load();

  return {
    update(next) {
      const f = filtersFrom(next.params);
      if (FILTERS.some((k) => JSON.stringify(f[k]) !== JSON.stringify(filters[k]))) {
        filters = f;
        syncForm();
        load(selectionFrom(next.params));
      } else {
        view.select(selectionFrom(next.params), { notify: false, reveal: true });
        showPanel(view.selection);
      }
    },
    unmount() {
      view.destroy();
    },
  };
}

function dateRange(e) {
  return e.first_date === e.last_date ? e.first_date : `${e.first_date} – ${e.last_date}`;
}
