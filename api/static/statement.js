// A statement as a card: who said what about whom, when, with what evidence, the quote in
// its article, and the denials and accusations it is linked to.
import { getDocument, getStatement } from "./api.js";
import { badge, entityLink, errorBox, evidenceBadge, h, kindLabel, replace, route } from "./dom.js";
import { quoteAlone, quoteInContext } from "./marks.js";

// The article around a quote is fetched only once its card scrolls into view: a panel of
// statements from many articles then costs only the articles one reads.
const waiting = new Map();
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    observer.unobserve(e.target);
    const run = waiting.get(e.target);
    waiting.delete(e.target);
    if (run) run();
  }
}, { rootMargin: "200px" });

function whenVisible(el, run) {
  waiting.set(el, run);
  observer.observe(el);
}

export function refLink(id, fallback) {
  const a = h("a", { href: route(`statement/${encodeURIComponent(id)}`) }, fallback);
  getStatement(id)
    .then((s) => {
      a.textContent = `${kindLabel(s.kind).toLowerCase()} by ${s.speaker ? s.speaker.label : "?"}`;
      if (s.date) a.append(` (${s.date})`);
    })
    .catch(() => {});
  return a;
}

function links(st) {
  const out = [];
  if (st.refutes && st.refutes.length) {
    out.push(
      h("p", { class: "rel" }, h("span", { class: "rel-label" }, "refutes "),
        st.refutes.map((id, i) => [i ? ", " : "", refLink(id, `statement ${id}`)])),
    );
  }
  if (st.refuted_by && st.refuted_by.length) {
    out.push(
      h("p", { class: "rel" }, h("span", { class: "rel-label" }, "refuted by "),
        st.refuted_by.map((r, i) => [
          i ? ", " : "",
          h("a", { href: route(`statement/${encodeURIComponent(r.id)}`) },
            `denial by ${r.speaker ? r.speaker.label || r.speaker.id : "?"}`),
        ])),
    );
  }
  return out;
}

/**
 * A card for a statement as /statements/{id} gives it. With `context`, each quote is shown
 * in its article's text (fetched once per document); `mentions` limits how many quotes.
 */
export function statementCard(st, { context = true, mentions = 1, compact = false } = {}) {
  const quotes = h("div", { class: "quotes" });
  const shown = (st.mentions || []).slice(0, mentions);
  for (const m of shown) {
    const q = h("blockquote", { class: "quote" }, quoteAlone(st, m));
    quotes.append(q);
    if (context) whenVisible(q, () => {
      getDocument(m.document)
        .then((doc) => replace(q, quoteInContext(doc.text, st, m)))
        .catch(() => {});
    });
  }
  const more = (st.mentions || []).length - shown.length;
  const doc = st.document || {};
  const card = h(
    "article",
    { class: `card k-${st.kind}${compact ? " compact" : ""}`, id: `st-${st.id}`, dataset: { s: st.id } },
    h("header", {},
      badge(st.kind), " ",
      st.date ? h("time", { datetime: st.date }, st.date) : h("span", { class: "muted" }, "undated"), " ",
      evidenceBadge(st.evidence)),
    h("p", { class: "who" },
      entityLink(st.speaker),
      st.target ? [" → ", entityLink(st.target)] : null,
      st.on_behalf_of ? h("span", { class: "muted" }, " (for ", entityLink(st.on_behalf_of), ")") : null),
    quotes,
    more > 0 ? h("p", { class: "muted small" }, `and ${more} more mention${more > 1 ? "s" : ""} — `,
      h("a", { href: route(`statement/${encodeURIComponent(st.id)}`) }, "see all")) : null,
    st.evidence_text ? h("p", { class: "small" }, "evidence: ", h("q", {}, st.evidence_text)) : null,
    links(st),
    h("p", { class: "src small" }, "in ",
      h("a", { href: route(`doc/${encodeURIComponent(doc.id)}`, { s: st.id }) }, doc.title || doc.id),
      " · ",
      h("a", { href: route(`statement/${encodeURIComponent(st.id)}`), class: "muted" }, `#${st.id}`)),
  );
  return card;
}

/** A list of statement ids, fetched and shown a page at a time. */
export function statementList(ids, { page = 8, ...options } = {}) {
  const list = h("div", { class: "cards" });
  let shown = 0;
  const moreButton = h("button", { type: "button", class: "more" });
  async function next() {
    moreButton.disabled = true;
    const batch = ids.slice(shown, shown + page);
    shown += batch.length;
    const slots = batch.map(() => h("div", { class: "card loading" }, "Loading…"));
    moreButton.before(...slots);
    await Promise.all(
      batch.map(async (id, i) => {
        try {
          slots[i].replaceWith(statementCard(await getStatement(id), options));
        } catch (err) {
          slots[i].replaceWith(errorBox(err, `statement ${id}`));
        }
      }),
    );
    moreButton.disabled = false;
    moreButton.textContent = `Show more (${ids.length - shown} left)`;
    moreButton.hidden = shown >= ids.length;
  }
  moreButton.addEventListener("click", next);
  list.append(moreButton);
  next();
  return list;
}

/** #/statement/ID: one statement with every mention in context. */
export function mountStatement(root, route_) {
  const id = route_.parts[1] || "";
  const box = h("section", { class: "page narrow" }, h("p", {}, "Loading…"));
  root.append(box);
  getStatement(id)
    .then((st) => {
      replace(
        box,
        h("h1", {}, `${kindLabel(st.kind)} by ${st.speaker ? st.speaker.label : "?"}`),
        h("p", { class: "muted" }, "Rule and confidence per mention are in ",
          h("a", { href: `/statements/${encodeURIComponent(st.id)}` }, "the JSON"), "."),
        statementCard(st, { context: true, mentions: 50 }),
        st.speaker && st.target
          ? h("p", {}, h("a", { href: route("graph", { entity: st.speaker.id }) }, `Show ${st.speaker.label} in the graph`))
          : null,
      );
    })
    .catch((err) => replace(box, errorBox(err, `statement ${id}`)));
  return {};
}
