// Building DOM safely: every piece of data goes in as a text node or an attribute value,
// never as HTML: nothing in the explorer parses data as markup.

/**
 * h("a", {href: "#/x", class: "btn", onclick: fn}, "text", child, [more, children])
 * Attributes: `class`, `dataset` (object), `style` (object), on* (listeners), booleans
 * (true sets, false/null/undefined skips), anything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "style") Object.assign(el.style, v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value" && "value" in el) el.value = v;
    else if (k === "checked" || k === "selected") el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

export const svg = (tag, attrs, ...children) => h(`svg:${tag}`, attrs, ...children);

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

/** A link to somewhere in the explorer, built from a path and query parameters. */
export function route(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  const s = q.toString();
  return `#/${path}${s ? `?${s}` : ""}`;
}

const KIND_LABEL = { accusation: "Accusation", denial: "Denial", claim: "Claim" };
export const kindLabel = (k) => KIND_LABEL[k] || k;

const EVIDENCE_LABEL = {
  none: "no evidence given",
  provided: "evidence cited",
  unspecified: "evidence not mentioned",
};
export const evidenceLabel = (e) => EVIDENCE_LABEL[e] || e;

export function badge(kind) {
  return h("span", { class: `badge k-${kind}` }, kindLabel(kind));
}

export function evidenceBadge(status) {
  return h("span", { class: `ev ev-${status}`, title: "evidence status" }, evidenceLabel(status));
}

export function entityLink(ref) {
  if (!ref) return h("span", { class: "muted" }, "(unknown)");
  return h("a", { href: route(`entity/${encodeURIComponent(ref.id)}`) }, ref.label || ref.id);
}

/** A message for an error from the API (a problem detail) or the network. */
export function errorBox(err, what = "") {
  const box = h("div", { class: "error", role: "alert" });
  const title = err && err.status ? `${err.status} ${err.title || "Error"}` : "Error";
  append(box, [
    h("strong", {}, what ? `${what}: ${title}` : title),
    h("p", {}, (err && err.detail) || String((err && err.message) || err)),
  ]);
  if (err && err.hint) box.append(h("p", { class: "hint" }, err.hint));
  return box;
}

export function debounce(fn, ms) {
  let t = 0;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
