// #/entity/ID: an actor's profile and its accusations and denials over time: what it said
// above the axis, what was said against it below. Click a bar to list that period.
import { getJSON } from "./api.js";
import { badge, entityLink, errorBox, evidenceBadge, h, kindLabel, plural, replace, route, svg } from "./dom.js";
import { entitySearch } from "./entitysearch.js";

const SERIES = [
  { key: "accusation:speaker", label: "accusations made", side: 1 },
  { key: "denial:speaker", label: "denials made", side: 1 },
  { key: "accusation:target", label: "accusations received", side: -1 },
  { key: "denial:target", label: "denials received", side: -1 },
];

export function mountTimeline(root, current) {
  const id = current.parts[1] ? decodeURIComponent(current.parts[1]) : "";
  const picker = entitySearch({
    label: "Actor",
    value: "",
    onPick: (e) => {
      if (e) window.location.hash = route(`entity/${encodeURIComponent(e.id || e.label)}`);
    },
  });
  const body = h("div", {}, h("p", {}, "Loading…"));
  root.append(h("div", { class: "page timeline-page" }, h("div", { class: "picker" }, picker), body));
  if (!id) {
    showIndex(body);
    return {};
  }
  getJSON(`/entities/${encodeURIComponent(id)}`)
    .then((entity) => render(body, entity, current.params.get("period")))
    .catch((err) => replace(body, errorBox(err, `actor ${id}`)));
  return {};
}

async function showIndex(body) {
  try {
    const g = await getJSON("/explorer/graph");
    const top = [...g.nodes].sort((a, b) => b.spoke + b.targeted - (a.spoke + a.targeted)).slice(0, 40);
    replace(body,
      h("h1", {}, "Timelines"),
      h("p", {}, "Pick an actor to see its accusations and denials over time."),
      h("ul", { class: "columns" }, top.map((n) =>
        h("li", {}, h("a", { href: route(`entity/${encodeURIComponent(n.id)}`) }, n.label), h("span", { class: "muted" }, ` ${n.spoke + n.targeted}`)))));
  } catch (err) {
    replace(body, errorBox(err));
  }
}

/** At least a week either side of a short range, so a single day is not a wall of bar. */
function padded(first, last) {
  const day = 86400000;
  const a = Date.parse(first);
  const b = Date.parse(last);
  if (b - a >= 14 * day) return [first, last];
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  return [iso(a - 7 * day), iso(b + 7 * day)];
}

function granularity(first, last) {
  const days = (Date.parse(last) - Date.parse(first)) / 86400000;
  if (days <= 92) return "day";
  if (days <= 3 * 366) return "month";
  return "year";
}

function bucketOf(date, unit) {
  return unit === "day" ? date : unit === "month" ? date.slice(0, 7) : date.slice(0, 4);
}

function allBuckets(first, last, unit) {
  const out = [];
  if (unit === "day") {
    for (let t = Date.parse(first); t <= Date.parse(last); t += 86400000) out.push(new Date(t).toISOString().slice(0, 10));
  } else if (unit === "month") {
    let [y, m] = first.split("-").map(Number);
    const [ly, lm] = last.split("-").map(Number);
    while (y < ly || (y === ly && m <= lm)) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  } else {
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y += 1) out.push(String(y));
  }
  return out;
}

function render(body, entity, period) {
  const rows = entity.statements.filter((s) => s.kind !== "claim");
  const dated = rows.filter((s) => s.date).sort((a, b) => a.date.localeCompare(b.date));
  const list = h("div", { class: "tl-list" });
  const c = entity.counts;
  const header = h("header", {},
    h("h1", {}, entity.label),
    h("p", { class: "muted" }, entity.type,
      entity.aliases.length ? ` · also: ${entity.aliases.join(", ")}` : "",
      entity.same_as.map((u) => (/^https?:\/\//.test(u) ? [" · ", h("a", { href: u, rel: "noopener noreferrer", target: "_blank" }, u.replace(/^https?:\/\/(www\.)?/, ""))] : null))),
    h("p", {},
      `${c.accusations_made} accusations made, ${c.accusations_received} received; `,
      `${c.denials_made} denials made, ${c.denials_received} received; ${c.claims_made} claims. `,
      h("a", { href: route("graph", { entity: entity.id }) }, "Show in the graph")));
  if (!dated.length) {
    replace(body, header, h("p", {}, rows.length ? "None of its statements has a date." : "No accusation or denial involves this actor."), list);
    showList(list, rows, null);
    return;
  }
  const [first, last] = padded(dated[0].date, dated[dated.length - 1].date);
  const unit = granularity(first, last);
  const buckets = allBuckets(first, last, unit);
  const counts = new Map(buckets.map((b) => [b, Object.fromEntries(SERIES.map((s) => [s.key, 0]))]));
  for (const s of dated) counts.get(bucketOf(s.date, unit))[`${s.kind}:${s.role}`] += 1;
  const chart = drawChart(buckets, counts, unit, (b) => select(b));
  replace(body, header, chart, list);

  function select(bucket) {
    for (const g of chart.querySelectorAll(".bucket")) g.classList.toggle("active", g.dataset.bucket === bucket);
    const params = bucket ? { period: bucket } : {};
    history.replaceState(null, "", route(`entity/${encodeURIComponent(entity.id)}`, params));
    showList(list, bucket ? rows.filter((s) => s.date && bucketOf(s.date, unit) === bucket) : rows, bucket);
  }
  select(period && counts.has(period) ? period : null);
}

function drawChart(buckets, counts, unit, onPick) {
  const W = 900;
  const H = 280;
  const left = 70;
  const right = 12;
  const mid = H / 2;
  const plotW = W - left - right;
  const slot = plotW / buckets.length;
  const barW = Math.max(2, Math.min(48, slot * 0.72));
  let maxUp = 1;
  let maxDown = 1;
  for (const c of counts.values()) {
    maxUp = Math.max(maxUp, c["accusation:speaker"] + c["denial:speaker"]);
    maxDown = Math.max(maxDown, c["accusation:target"] + c["denial:target"]);
  }
  const max = Math.max(maxUp, maxDown);
  const scale = (mid - 34) / max;
  const groups = buckets.map((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const c = counts.get(b);
    const parts = [];
    let up = mid;
    let down = mid;
    for (const s of SERIES) {
      const n = c[s.key];
      if (!n) continue;
      const hgt = n * scale;
      const [kind, role] = s.key.split(":");
      if (s.side > 0) {
        up -= hgt;
        parts.push(svg("rect", { x: String(x), y: String(up), width: String(barW), height: String(hgt), class: `bar k-${kind} r-${role}` }));
      } else {
        parts.push(svg("rect", { x: String(x), y: String(down), width: String(barW), height: String(hgt), class: `bar k-${kind} r-${role}` }));
        down += hgt;
      }
    }
    const summary = SERIES.filter((s) => c[s.key]).map((s) => `${c[s.key]} ${s.label}`).join(", ") || "nothing";
    const g = svg("g", { class: "bucket", dataset: { bucket: b }, tabindex: parts.length ? "0" : "-1", role: "button", "aria-label": `${b}: ${summary}` },
      svg("rect", { x: String(left + i * slot), y: "0", width: String(slot), height: String(H - 20), class: "hit" }),
      parts,
      svg("title", {}, `${b}: ${summary}`));
    if (parts.length) {
      g.addEventListener("click", () => onPick(g.classList.contains("active") ? null : b));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onPick(g.classList.contains("active") ? null : b);
        }
      });
    }
    return g;
  });
  const every = Math.ceil(buckets.length / 12);
  const labels = buckets.map((b, i) => (i % every === 0
    ? svg("text", { x: String(left + i * slot + slot / 2), y: String(H - 4), "text-anchor": "middle", class: "axis" }, b)
    : null));
  return h("figure", { class: "timeline" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": `Accusations and denials per ${unit}` },
      svg("text", { x: "6", y: String(mid - 8), class: "axis" }, "said ↑"),
      svg("text", { x: "6", y: String(mid + 18), class: "axis" }, "received ↓"),
      svg("text", { x: String(left - 6), y: String(mid - max * scale + 4), "text-anchor": "end", class: "axis" }, String(max)),
      svg("text", { x: String(left - 6), y: String(mid + max * scale + 4), "text-anchor": "end", class: "axis" }, String(max)),
      groups,
      svg("line", { x1: String(left), x2: String(W - right), y1: String(mid), y2: String(mid), class: "zero" }),
      labels),
    h("figcaption", { class: "legend-row" },
      SERIES.map((s) => {
        const [kind, role] = s.key.split(":");
        return h("span", {}, h("span", { class: `key k-${kind} r-${role}`, "aria-hidden": "true" }), s.label);
      }),
      h("span", { class: "muted" }, `per ${unit}; click a bar to list it`)));
}

function showList(list, rows, bucket) {
  const sorted = [...rows].sort((a, b) => (a.date || "").localeCompare(b.date || ""));
  replace(list,
    h("h2", {}, bucket ? `${bucket}: ${plural(sorted.length, "statement")}` : `All accusations and denials (${sorted.length})`),
    h("table", { class: "table" },
      h("thead", {}, h("tr", {}, ["Date", "Kind", "Who", "About", "Evidence", ""].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, sorted.map((s) =>
        h("tr", {},
          h("td", {}, s.date || "—"),
          h("td", {}, badge(s.kind), s.role === "target" ? h("span", { class: "muted" }, " received") : ""),
          h("td", {}, entityLink(s.speaker), s.target ? [" → ", entityLink(s.target)] : ""),
          h("td", { class: "content" }, s.content || ""),
          h("td", {}, evidenceBadge(s.evidence)),
          h("td", {}, h("a", { href: route(`statement/${encodeURIComponent(s.id)}`), "aria-label": `${kindLabel(s.kind)} ${s.id}` }, "quote")))))));
}
