// Character offsets from the API are Python string offsets: Unicode code points. JS strings
// are UTF-16, where a character outside the Basic Multilingual Plane (an emoji, many CJK
// extension characters) takes two code units. Convert before slicing.

/** A function from a code-point offset in `text` to a UTF-16 offset. */
export function codePointToUtf16(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => Math.max(0, Math.min(cp, text.length));
  const map = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.max(0, Math.min(cp, map.length - 1))];
}

/** The number of code points in `text` (what Python's len() says). */
export function codePointLength(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * Cut `text` where any span starts or ends. Spans are {start, end, ...} in UTF-16 offsets
 * and may nest or cross; each segment lists the spans covering it, so overlapping spans
 * render as runs of text with the union of their styles.
 */
export function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  const usable = [];
  for (const s of spans) {
    const start = Math.max(0, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    if (end > start) {
      usable.push({ ...s, start, end });
      cuts.add(start);
      cuts.add(end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i];
    const b = points[i + 1];
    out.push({ start: a, end: b, text: text.slice(a, b), spans: usable.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

export const PARTS = ["content", "target", "speaker", "cue", "evidence"];

/**
 * The highlightable parts of a statement's mentions, as spans in UTF-16 offsets of `text`,
 * which starts at code point `base` of the document (0 for the whole document, the
 * quote's start for a quote alone).
 */
export function mentionSpans(statement, mention, text, base = 0, toU16 = codePointToUtf16(text)) {
  const out = [];
  const conv = (cp) => toU16(cp - base);
  const [qs, qe] = mention.quote_span;
  out.push({ part: "quote", start: conv(qs), end: conv(qe), statement: statement.id, kind: statement.kind });
  for (const part of PARTS) {
    const s = mention.spans && mention.spans[part];
    if (!s) continue;
    out.push({ part, start: conv(s.span[0]), end: conv(s.span[1]), statement: statement.id, kind: statement.kind });
  }
  return out;
}
