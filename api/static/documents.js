// #/docs: the stored articles and a form to add one. #/doc/ID: an article with its
// speakers, cues, contents and targets highlighted, its statements beside it, and the
// little graph of who accused or denied whom in it.
import { forgetDocument, getDocument, getJSON, postJSON } from "./api.js";
import { badge, entityLink, errorBox, evidenceBadge, h, kindLabel, plural, replace, route, svg } from "./dom.js";
import { invalidateGraphs } from "./graph.js";
import { renderMarked } from "./marks.js";
import { refLink } from "./statement.js";
import { codePointToUtf16, mentionSpans } from "./spans.js";

const TOKEN_KEY = "claimgraph.token";

function tokenGet() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

function tokenSet(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: keep it for this page only */
  }
}

// ------------------------------------------------------------------ #/docs

export function mountDocuments(root) {
  const list = h("div", { class: "doclist" }, h("p", {}, "Loading…"));
  const el = h("div", { class: "page docs" },
    h("section", {}, h("h1", {}, "Documents"), list),
    addForm());
  root.append(el);
  loadList(list, 0);
  return {};
}

async function loadList(box, offset) {
  let page;
  try {
    page = await getJSON("/documents", { limit: 100, offset });
  } catch (err) {
    replace(box, errorBox(err, "The documents could not be listed"));
    return;
  }
  const table = h("table", { class: "table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Title"), h("th", { scope: "col" }, "Published"), h("th", { scope: "col", class: "num" }, "Statements"))),
    h("tbody", {}, page.items.map((d) =>
      h("tr", {},
        h("td", {}, h("a", { href: route(`doc/${encodeURIComponent(d.id)}`) }, d.title || d.id)),
        h("td", { class: "nowrap" }, d.published || "—"),
        h("td", { class: "num" }, String(d.statements))))));
  const nav = h("p", { class: "pager" },
    offset > 0 ? h("button", { type: "button", onclick: () => loadList(box, Math.max(0, offset - page.limit)) }, "← Previous") : null,
    page.next_offset !== null ? h("button", { type: "button", onclick: () => loadList(box, page.next_offset) }, "Next →") : null);
  replace(box, page.items.length ? table : h("p", {}, "No documents yet: add one with the form."), nav);
}

function field(id, label, input, hint) {
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
}

function addForm() {
  const title = h("input", { type: "text", name: "title", maxlength: "300" });
  const published = h("input", { type: "date", name: "published" });
  const link = h("input", { type: "url", name: "url", placeholder: "https://…" });
  const text = h("textarea", { name: "text", rows: "9", required: true, placeholder: "Paste the article's text here." });
  const token = h("input", { type: "password", name: "token", autocomplete: "off", value: tokenGet(), "aria-describedby": "new-token-hint" });
  const status = h("div", { class: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, "Add and extract");
  const form = h("form", { class: "add", "aria-labelledby": "add-title" },
    h("h2", { id: "add-title" }, "Add an article"),
    h("p", { class: "muted" }, "Its accusations, denials and claims are extracted and stored; then you see its graph."),
    field("new-title", "Title", title),
    field("new-published", "Published", published),
    field("new-url", "Source URL", link),
    field("new-text", "Text", text),
    field("new-token", "Token", token, "Only if the server sets CLAIMGRAPH_TOKEN. Kept for this browser tab only."),
    submit, status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) {
      replace(status, errorBox({ message: "The text is empty." }));
      text.focus();
      return;
    }
    tokenSet(token.value.trim());
    submit.disabled = true;
    replace(status, h("p", {}, "Extracting… (the first article loads the language model, a few seconds)"));
    const body = { text: text.value };
    if (title.value.trim()) body.title = title.value.trim();
    if (published.value) body.published = published.value;
    if (link.value.trim()) body.url = link.value.trim();
    try {
      const { status: code, body: doc } = await postJSON("/documents", body, token.value.trim());
      invalidateGraphs();
      forgetDocument(doc.id);
      replace(status, h("p", {}, code === 201 ? "Added." : "Already stored."));
      window.location.hash = route(`doc/${encodeURIComponent(doc.id)}`, { added: code === 201 ? "1" : "0" });
    } catch (err) {
      replace(status, errorBox(err, "The article was not added"));
      if (err.status === 401 || err.status === 403) token.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// ------------------------------------------------------------------ #/doc/ID

export function mountDocument(root, current) {
  const id = current.parts[1] || "";
  const page = h("div", { class: "page doc" }, h("p", {}, "Loading…"));
  root.append(page);
  let selectStatement = () => {};
  getDocument(id)
    .then((doc) => {
      selectStatement = render(page, doc, current.params);
    })
    .catch((err) => replace(page, errorBox(err, `document ${id}`)));
  return {
    update(next) {
      selectStatement(next.params.get("s"), true);
    },
  };
}

function render(page, doc, params) {
  const toU16 = codePointToUtf16(doc.text);
  const spans = [];
  for (const st of doc.statements) {
    for (const m of st.mentions) {
      if (m.document === doc.id) spans.push(...mentionSpans(st, m, doc.text, 0, toU16));
    }
  }
  const text = h("div", { class: "doctext", lang: "en" }, renderMarked(doc.text, spans));
  const cards = doc.statements.map((st) => docCard(st));
  const safeUrl = doc.url && /^https?:\/\//i.test(doc.url) ? doc.url : null;
  const counts = {};
  for (const st of doc.statements) counts[st.kind] = (counts[st.kind] || 0) + 1;
  const added = params.get("added");
  replace(page,
    h("header", { class: "dochead" },
      h("h1", {}, doc.title || doc.id),
      h("p", { class: "muted" },
        doc.published || "undated", " · ",
        Object.keys(counts).length ? Object.entries(counts).map(([k, n]) => plural(n, kindLabel(k).toLowerCase())).join(", ") : "no statements found",
        safeUrl ? [" · ", h("a", { href: safeUrl, rel: "noopener noreferrer", target: "_blank" }, "source")] : null,
        " · ", h("a", { href: `/documents/${encodeURIComponent(doc.id)}` }, "JSON")),
      added === "1" ? h("p", { class: "notice", role: "status" }, "Added. Its actors are now in the graph.") : null,
      added === "0" ? h("p", { class: "notice", role: "status" }, "This article was already stored; nothing changed.") : null),
    h("div", { class: "doc-body" },
      h("article", { class: "doc-main", "aria-label": "Article text with highlights" },
        legend(),
        text),
      h("aside", { class: "doc-side", "aria-label": "Statements in this article" },
        miniGraph(doc),
        h("h2", {}, `Statements (${doc.statements.length})`),
        cards.length ? h("div", { class: "cards" }, cards) : h("p", { class: "muted" }, "The extractor found no accusation, denial or claim in this text."))));

  function select(sid, scroll) {
    for (const m of text.querySelectorAll("mark.active, .tag.active")) m.classList.remove("active");
    for (const c of cards) c.classList.toggle("active", c.dataset.s === sid);
    if (!sid) return;
    let first = null;
    for (const m of text.querySelectorAll("mark[data-s]")) {
      if (m.dataset.s.split(" ").includes(sid)) {
        m.classList.add("active");
        first = first || m;
      }
    }
    const card = cards.find((c) => c.dataset.s === sid);
    if (scroll) {
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
      if (card) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  text.addEventListener("click", (e) => {
    const mark = e.target.closest("mark[data-s]");
    if (!mark) return;
    const ids = mark.dataset.s.split(" ");
    const current = cards.find((c) => c.classList.contains("active"));
    const i = current ? ids.indexOf(current.dataset.s) : -1;
    const sid = ids[(i + 1) % ids.length];
    history.replaceState(null, "", route(`doc/${encodeURIComponent(doc.id)}`, { s: sid }));
    select(sid, false);
    const card = cards.find((c) => c.dataset.s === sid);
    if (card) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
  for (const card of cards) {
    card.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      history.replaceState(null, "", route(`doc/${encodeURIComponent(doc.id)}`, { s: card.dataset.s }));
      select(card.dataset.s, true);
    });
  }
  select(params.get("s"), true);
  return select;
}

function legend() {
  return h("p", { class: "marks-legend", "aria-label": "Highlight legend" },
    h("mark", { class: "m p-speaker" }, "speaker"), " ",
    h("mark", { class: "m p-cue" }, "cue"), " ",
    h("mark", { class: "m p-content k-accusation" }, "accusation"), " ",
    h("mark", { class: "m p-content k-denial" }, "denial"), " ",
    h("mark", { class: "m p-content k-claim" }, "claim"), " ",
    h("mark", { class: "m p-target" }, "target"), " ",
    h("mark", { class: "m p-evidence" }, "evidence"),
    h("span", { class: "muted" }, " — click a highlight to find its statement"));
}

function docCard(st) {
  const m = st.mentions[0];
  return h("article", { class: `card compact k-${st.kind}`, dataset: { s: st.id }, tabindex: "0", id: `st-${st.id}` },
    h("header", {}, badge(st.kind), " ", evidenceBadge(st.evidence)),
    h("p", { class: "who" }, entityLink(st.speaker), st.target ? [" → ", entityLink(st.target)] : null,
      st.on_behalf_of ? h("span", { class: "muted" }, " (for ", entityLink(st.on_behalf_of), ")") : null),
    st.content ? h("p", { class: "content" }, h("q", {}, st.content)) : null,
    h("p", { class: "small" },
      m && st.mentions.length > 1 ? `${st.mentions.length} mentions · ` : "",
      st.refutes && st.refutes.length ? ["refutes ", st.refutes.map((r, i) => [i ? ", " : "", refLink(r, `statement ${r}`)]), " · "] : "",
      st.refuted_by && st.refuted_by.length ? ["refuted by ", st.refuted_by.map((r, i) => [i ? ", " : "", h("a", { href: route(`statement/${r.id}`) }, r.speaker ? r.speaker.label : r.id)]), " · "] : "",
      h("a", { href: route(`statement/${st.id}`) }, "details")));
}

/** Who accused or denied whom in this article: a small circle of actors with arrows. */
function miniGraph(doc) {
  const edges = new Map();
  const actors = new Map();
  for (const st of doc.statements) {
    if (!st.target || st.kind === "claim") continue;
    actors.set(st.speaker.id, st.speaker.label);
    actors.set(st.target.id, st.target.label);
    const key = `${st.speaker.id}|${st.target.id}|${st.kind}`;
    edges.set(key, { s: st.speaker.id, t: st.target.id, kind: st.kind, n: (edges.get(key)?.n || 0) + 1 });
  }
  if (!actors.size) return null;
  const W = 340;
  const H = 240;
  const ids = [...actors.keys()];
  const pos = new Map(ids.map((id, i) => {
    const a = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    return [id, [W / 2 + Math.cos(a) * (W / 2 - 105), H / 2 + Math.sin(a) * (H / 2 - 32)]];
  }));
  const marker = (kind) => svg("marker", { id: `mg-${kind}`, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", class: `arrow k-${kind}` }));
  const lines = [...edges.values()].map((e) => {
    const [x1, y1] = pos.get(e.s);
    const [x2, y2] = pos.get(e.t);
    const c = e.kind === "accusation" ? 0.15 : 0.3;
    const cx = (x1 + x2) / 2 - (y2 - y1) * c;
    const cy = (y1 + y2) / 2 + (x2 - x1) * c;
    const len = Math.hypot(x2 - cx, y2 - cy) || 1;
    const ex = x2 - ((x2 - cx) / len) * 8;
    const ey = y2 - ((y2 - cy) / len) * 8;
    return svg("path", { d: `M${x1},${y1} Q${cx},${cy} ${ex},${ey}`, class: `edge k-${e.kind}`, "stroke-width": String(1.5 + Math.log2(e.n)), "marker-end": `url(#mg-${e.kind})` },
      svg("title", {}, `${actors.get(e.s)} → ${actors.get(e.t)}: ${plural(e.n, e.kind)}`));
  });
  const nodes = ids.map((id) => {
    const [x, y] = pos.get(id);
    const anchor = x < W / 2 - 10 ? "end" : x > W / 2 + 10 ? "start" : "middle";
    const dx = anchor === "end" ? -9 : anchor === "start" ? 9 : 0;
    const dy = anchor === "middle" ? (y < H / 2 ? -10 : 18) : 4;
    return svg("a", { href: route(`entity/${encodeURIComponent(id)}`) },
      svg("circle", { cx: String(x), cy: String(y), r: "6", class: "node" }),
      svg("text", { x: String(x + dx), y: String(y + dy), "text-anchor": anchor }, actors.get(id)));
  });
  return h("figure", { class: "minigraph" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, width: String(W), height: String(H), role: "img", "aria-label": "Who accused or denied whom in this article" },
      svg("defs", {}, marker("accusation"), marker("denial")), lines, nodes),
    h("figcaption", { class: "small muted" }, "This article's graph: ",
      h("span", { class: "k-accusation-text" }, "accusations"), " and ", h("span", { class: "k-denial-text" }, "denials (dashed)"),
      " · ", h("a", { href: route("graph", { entity: ids[0] }) }, "open in the full graph")));
}
