// The explorer talks to the same API everyone else uses; errors arrive as RFC 9457
// problem details and become ProblemError with status, title and detail.

export class ProblemError extends Error {
  constructor(status, problem, fallback) {
    const detail = (problem && problem.detail) || fallback || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.title = (problem && problem.title) || "";
    this.detail = detail;
    this.problem = problem;
    if (status === 401) this.hint = "This server needs a token: paste it in the Token field.";
    if (status === 403) this.hint = "The token was refused: check it with whoever runs the server.";
  }
}

export function url(path, params = {}) {
  const u = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    for (const one of Array.isArray(v) ? v : [v]) u.searchParams.append(k, one);
  }
  return u;
}

async function failure(r) {
  let body = null;
  const text = await r.text();
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return new ProblemError(r.status, body, text.slice(0, 300) || r.statusText);
}

export async function getJSON(path, params = {}, init = {}) {
  const r = await fetch(url(path, params), { headers: { Accept: "application/json" }, ...init });
  if (!r.ok) throw await failure(r);
  return r.json();
}

export async function postJSON(path, body, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(url(path), { method: "POST", headers, body: JSON.stringify(body) });
  if (!r.ok) throw await failure(r);
  return { status: r.status, body: await r.json() };
}

/** Run a SPARQL query; SELECT/ASK come back as JSON results, CONSTRUCT as Turtle text. */
export async function sparql(query, signal) {
  const r = await fetch(url("/sparql"), {
    method: "POST",
    headers: {
      "Content-Type": "application/sparql-query",
      Accept: "application/sparql-results+json, text/turtle;q=0.9",
    },
    body: query,
    signal,
  });
  if (!r.ok) throw await failure(r);
  const type = r.headers.get("content-type") || "";
  if (type.includes("json")) return { kind: "results", data: await r.json() };
  return { kind: "graph", text: await r.text(), type };
}

// Statements and documents do not change once stored (a document is replaced whole), so a
// page keeps what it fetched; a stored document added later gets a new id.
const cache = new Map();
function cached(key, load) {
  if (!cache.has(key)) {
    const p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

export const getStatement = (id) =>
  cached(`s:${id}`, () => getJSON(`/statements/${encodeURIComponent(id)}`));
export const getDocument = (id) =>
  cached(`d:${id}`, () => getJSON(`/documents/${encodeURIComponent(id)}`));
export const forgetDocument = (id) => cache.delete(`d:${id}`);
