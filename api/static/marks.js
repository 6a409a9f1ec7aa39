// Text with highlighted spans, displaCy style: each run of text covered by spans is a
// <mark> with the union of their styles, and a small label where a span ends. Labels are
// CSS generated content, so copying the text copies the article's words only.
import { h, kindLabel } from "./dom.js";
import { codePointToUtf16, mentionSpans, segments } from "./spans.js";

const PART_ORDER = ["quote", "content", "evidence", "target", "speaker", "cue"];

export function renderMarked(text, spans, { tags = true } = {}) {
  const out = [];
  const tagged = new Set();
  for (const seg of segments(text, spans.map((s) => trimmed(text, s)))) {
    if (!seg.spans.length) {
      out.push(document.createTextNode(seg.text));
      continue;
    }
    const parts = new Set(seg.spans.map((s) => s.part));
    const ids = [...new Set(seg.spans.map((s) => s.statement))];
    const content = seg.spans.find((s) => s.part === "content") || seg.spans.find((s) => s.part === "quote");
    const cls = ["m", ...PART_ORDER.filter((p) => parts.has(p)).map((p) => `p-${p}`)];
    if (content) cls.push(`k-${content.kind}`);
    const title = PART_ORDER.filter((p) => parts.has(p) && p !== "quote")
      .map((p) => (p === "content" ? `content of ${kindLabel(content.kind).toLowerCase()}` : p))
      .join(", ");
    const mark = h("mark", { class: cls.join(" "), dataset: { s: ids.join(" ") }, title: title || null }, seg.text);
    out.push(mark);
    if (!tags) continue;
    for (const s of seg.spans) {
      if (s.end !== seg.end || s.part === "quote") continue;
      const key = `${s.part}:${s.start}:${s.end}:${s.part === "content" ? s.kind : ""}`;
      if (tagged.has(key)) continue;
      tagged.add(key);
      const label = s.part === "content" ? kindLabel(s.kind) : s.part;
      out.push(h("span", { class: `tag t-${s.part} k-${s.kind}`, dataset: { tag: label, s: s.statement }, "aria-hidden": "true" }));
    }
  }
  return out;
}

/** A span without the blank space at its ends (so its label sits by its last word). */
function trimmed(text, s) {
  const piece = text.slice(s.start, s.end);
  const lead = piece.length - piece.trimStart().length;
  const tail = piece.length - piece.trimEnd().length;
  if (lead === piece.length) return s;
  return { ...s, start: s.start + lead, end: s.end - tail };
}

/** The words around a mention's quote, with the quote and its parts highlighted. */
export function quoteInContext(docText, statement, mention, radius = 110) {
  const toU16 = codePointToUtf16(docText);
  const spans = mentionSpans(statement, mention, docText, 0, toU16);
  const qs = toU16(mention.quote_span[0]);
  const qe = toU16(mention.quote_span[1]);
  let a = Math.max(0, qs - radius);
  let b = Math.min(docText.length, qe + radius);
  if (a > 0) {
    const space = docText.slice(a, qs).search(/\s/);
    a = space >= 0 ? a + space + 1 : qs;
  }
  if (b < docText.length) {
    const tail = docText.slice(qe, b);
    const space = Math.max(tail.lastIndexOf(" "), tail.lastIndexOf("\n"));
    b = space >= 0 ? qe + space : qe;
  }
  // Do not cut a surrogate pair in two.
  if (a > 0 && /[\uDC00-\uDFFF]/.test(docText[a])) a -= 1;
  if (b < docText.length && /[\uDC00-\uDFFF]/.test(docText[b])) b += 1;
  const text = docText.slice(a, b);
  const shifted = spans.map((s) => ({ ...s, start: s.start - a, end: s.end - a }));
  return [a > 0 ? "… " : "", ...renderMarked(text, shifted), b < docText.length ? " …" : ""];
}

/** A mention's quote alone, its parts highlighted (when the document is not at hand). */
export function quoteAlone(statement, mention) {
  const spans = mentionSpans(statement, mention, mention.quote, mention.quote_span[0]);
  return renderMarked(mention.quote, spans);
}
