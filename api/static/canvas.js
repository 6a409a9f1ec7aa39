// The actor graph on a <canvas>: pan, zoom, drag, hover and click, for thousands of actors.
// Positions come from the server's layout; this draws them. Edges are batched into one path
// per (kind, width) and nodes into one path per actor type, everything off screen is
// skipped, and labels are drawn only where they do not collide.

export const TYPE_COLOUR = {
  state: "#5e35b1",
  person: "#00796b",
  organization: "#a15c07",
  group: "#546e7a",
};
export const EDGE_COLOUR = { accusation: "#c62828", denial: "#1565c0" };
const DASH = { accusation: [], denial: [7, 4] };
const CURVE = { accusation: 0.12, denial: 0.24 };

const radius = (n) => Math.min(34, 5 + 3.2 * Math.sqrt(n.spoke + n.targeted));
const width = (e) => Math.min(9, 1 + 1.6 * Math.log2(e.count));

export class GraphCanvas {
  constructor(canvas, { onSelect = () => {}, onHover = () => {} } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.onSelect = onSelect;
    this.onHover = onHover;
    this.cam = { x: 0, y: 0, k: 1 };
    this.nodes = [];
    this.edges = [];
    this.index = new Map();
    this.edgeIndex = new Map();
    this.buckets = new Map();
    this.labelOrder = [];
    this.moved = new Map(); // node id -> [wx, wy] after a drag, kept across filter changes
    this.layoutKey = null;
    this.selection = null; // {type: "node", id} | {type: "edge", key}
    this.focus = null;
    this.hover = null;
    this.pending = 0;
    this.size = { w: 1, h: 1, dpr: 1 };
    this.lastFrameMs = 0;
    this._bind();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas.parentElement);
    this.resize();
  }

  destroy() {
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.pending);
  }

  // ---------------------------------------------------------------- data

  setData({ nodes, edges, total, layout }, focus = null) {
    if (layout !== this.layoutKey) this.moved.clear();
    this.layoutKey = layout;
    const scale = 60 * Math.sqrt(Math.max(total.nodes, 4));
    this.scale = scale;
    this.nodes = nodes.map((n) => {
      const at = this.moved.get(n.id);
      return { ...n, wx: at ? at[0] : n.x * scale, wy: at ? at[1] : n.y * scale, r: radius(n) };
    });
    this.index = new Map(this.nodes.map((n, i) => [n.id, i]));
    this.edges = edges.map((e) => ({
      ...e,
      s: this.index.get(e.source),
      t: this.index.get(e.target),
      w: width(e),
      key: edgeKey(e),
    }));
    this.edgeIndex = new Map(this.edges.map((e, i) => [e.key, i]));
    this.labelOrder = this.nodes
      .map((n, i) => [n.spoke + n.targeted, i])
      .sort((a, b) => b[0] - a[0] || (this.nodes[a[1]].label < this.nodes[b[1]].label ? -1 : 1))
      .map(([, i]) => i);
    this.buckets = new Map();
    this.edges.forEach((e, i) => {
      const key = `${e.kind}|${Math.round(e.w * 2) / 2}`;
      if (!this.buckets.has(key)) this.buckets.set(key, []);
      this.buckets.get(key).push(i);
    });
    this.focus = focus;
    if (this.selection && !this._selectionExists(this.selection)) this.selection = null;
    this.hover = null;
    this.redraw();
  }

  _selectionExists(sel) {
    return sel.type === "node" ? this.index.has(sel.id) : this.edgeIndex.has(sel.key);
  }

  select(sel, { notify = true, reveal = false } = {}) {
    this.selection = sel && this._selectionExists(sel) ? sel : null;
    if (reveal && this.selection) this.reveal(this.selection);
    this.redraw();
    if (notify) this.onSelect(this.selection);
  }

  nodeById(id) {
    const i = this.index.get(id);
    return i === undefined ? null : this.nodes[i];
  }

  edgeByKey(key) {
    const i = this.edgeIndex.get(key);
    return i === undefined ? null : this.edges[i];
  }

  // ---------------------------------------------------------------- camera

  resize() {
    const rect = this.canvas.parentElement.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.floor(rect.width));
    const h = Math.max(1, Math.floor(rect.height));
    this.size = { w, h, dpr };
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.redraw();
  }

  fit(nodes = this.nodes) {
    if (!nodes.length) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const n of nodes) {
      x0 = Math.min(x0, n.wx - n.r);
      y0 = Math.min(y0, n.wy - n.r);
      x1 = Math.max(x1, n.wx + n.r);
      y1 = Math.max(y1, n.wy + n.r);
    }
    // Room around the nodes, more on the right where the labels go.
    const [left, right, top, bottom] = [36, 130, 36, 36];
    const k = Math.max(
      0.005,
      Math.min(2.5, (this.size.w - left - right) / (x1 - x0 || 1), (this.size.h - top - bottom) / (y1 - y0 || 1)),
    );
    const cx = (x0 + x1) / 2 + (right - left) / 2 / k;
    const cy = (y0 + y1) / 2 + (bottom - top) / 2 / k;
    this.cam = { x: cx, y: cy, k };
    this.redraw();
  }

  reveal(sel) {
    const nodes =
      sel.type === "node"
        ? [this.nodeById(sel.id)]
        : (() => {
            const e = this.edgeByKey(sel.key);
            return [this.nodes[e.s], this.nodes[e.t]];
          })();
    const { x, y } = this.toScreen(nodes[0].wx, nodes[0].wy);
    if (nodes.length === 1 && x > 40 && y > 40 && x < this.size.w - 40 && y < this.size.h - 40) return;
    const k = this.cam.k;
    this.fit(nodes);
    if (nodes.length === 1) this.cam.k = Math.max(k, 0.6);
    else this.cam.k = Math.min(this.cam.k, Math.max(k, 0.6));
  }

  zoom(factor, sx = this.size.w / 2, sy = this.size.h / 2) {
    const before = this.toWorld(sx, sy);
    this.cam.k = Math.max(0.003, Math.min(12, this.cam.k * factor));
    const after = this.toWorld(sx, sy);
    this.cam.x += before.x - after.x;
    this.cam.y += before.y - after.y;
    this.redraw();
  }

  pan(dx, dy) {
    this.cam.x -= dx / this.cam.k;
    this.cam.y -= dy / this.cam.k;
    this.redraw();
  }

  toWorld(sx, sy) {
    return {
      x: (sx - this.size.w / 2) / this.cam.k + this.cam.x,
      y: (sy - this.size.h / 2) / this.cam.k + this.cam.y,
    };
  }

  toScreen(wx, wy) {
    return {
      x: (wx - this.cam.x) * this.cam.k + this.size.w / 2,
      y: (wy - this.cam.y) * this.cam.k + this.size.h / 2,
    };
  }

  // ---------------------------------------------------------------- geometry

  /** A node's radius in world units at this zoom: at least 1.5 px on screen, and no more
   * than 1.3 times its size at zoom 1, so zooming in spreads actors apart. */
  _r(n) {
    const { k } = this.cam;
    return Math.min(Math.max(n.r * k, 1.5), n.r * 1.3) / k;
  }

  _control(e) {
    const a = this.nodes[e.s];
    const b = this.nodes[e.t];
    const c = CURVE[e.kind] || 0.15;
    return {
      ax: a.wx,
      ay: a.wy,
      bx: b.wx,
      by: b.wy,
      cx: (a.wx + b.wx) / 2 - (b.wy - a.wy) * c,
      cy: (a.wy + b.wy) / 2 + (b.wx - a.wx) * c,
    };
  }

  /** The point halfway along an edge, in world coordinates. */
  midpoint(e) {
    const g = this._control(e);
    return { x: 0.25 * g.ax + 0.5 * g.cx + 0.25 * g.bx, y: 0.25 * g.ay + 0.5 * g.cy + 0.25 * g.by };
  }

  nodeAt(sx, sy) {
    const p = this.toWorld(sx, sy);
    const slack = 3 / this.cam.k;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.nodes.length; i += 1) {
      const n = this.nodes[i];
      const r = this._r(n) + slack;
      const dx = n.wx - p.x;
      const dy = n.wy - p.y;
      const d = dx * dx + dy * dy;
      if (d <= r * r && d < bestD) {
        best = i;
        bestD = d;
      }
    }
    return best;
  }

  edgeAt(sx, sy) {
    const p = this.toWorld(sx, sy);
    const tol = 5 / this.cam.k;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < this.edges.length; i += 1) {
      const e = this.edges[i];
      const g = this._control(e);
      const slack = tol + e.w / this.cam.k;
      if (
        p.x < Math.min(g.ax, g.bx, g.cx) - slack ||
        p.x > Math.max(g.ax, g.bx, g.cx) + slack ||
        p.y < Math.min(g.ay, g.by, g.cy) - slack ||
        p.y > Math.max(g.ay, g.by, g.cy) + slack
      )
        continue;
      let px = g.ax;
      let py = g.ay;
      for (let j = 1; j <= 16; j += 1) {
        const t = j / 16;
        const u = 1 - t;
        const qx = u * u * g.ax + 2 * u * t * g.cx + t * t * g.bx;
        const qy = u * u * g.ay + 2 * u * t * g.cy + t * t * g.by;
        const d = segmentDistance(p.x, p.y, px, py, qx, qy);
        if (d <= slack && d < bestD) {
          best = i;
          bestD = d;
        }
        px = qx;
        py = qy;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- drawing

  redraw() {
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      this.draw();
    });
  }

  /** Draw now; returns the milliseconds it took (for measurements). */
  draw() {
    const t0 = performance.now();
    const { ctx } = this;
    const { w, h, dpr } = this.size;
    const { k } = this.cam;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * (w / 2 - this.cam.x * k), dpr * (h / 2 - this.cam.y * k));
    const view = {
      x0: this.cam.x - w / 2 / k,
      x1: this.cam.x + w / 2 / k,
      y0: this.cam.y - h / 2 / k,
      y1: this.cam.y + h / 2 / k,
    };
    const active = this._active();
    // Many edges at once read better fainter; arrowheads only once they have room.
    const alpha = Math.max(0.3, Math.min(0.8, 1.25 - 0.25 * Math.log10(Math.max(this.edges.length, 1))));
    const arrowsFrom = this.edges.length > 400 ? 60 : 24;
    ctx.lineCap = "round";
    // Edges: dimmed ones first, then the active ones on top.
    for (const pass of active ? [false, true] : [null]) {
      ctx.globalAlpha = pass === false ? 0.12 : pass ? 0.9 : alpha;
      for (const [bucket, list] of this.buckets) {
        const [kind, wd] = bucket.split("|");
        ctx.strokeStyle = EDGE_COLOUR[kind];
        ctx.fillStyle = EDGE_COLOUR[kind];
        ctx.lineWidth = Number(wd) / k;
        ctx.setLineDash(k > 0.08 ? DASH[kind].map((d) => d / k) : []);
        ctx.beginPath();
        const arrows = [];
        for (const i of list) {
          if (pass !== null && active.edges.has(i) !== pass) continue;
          const g = this._control(this.edges[i]);
          if (
            Math.max(g.ax, g.bx, g.cx) < view.x0 ||
            Math.min(g.ax, g.bx, g.cx) > view.x1 ||
            Math.max(g.ay, g.by, g.cy) < view.y0 ||
            Math.min(g.ay, g.by, g.cy) > view.y1
          )
            continue;
          ctx.moveTo(g.ax, g.ay);
          ctx.quadraticCurveTo(g.cx, g.cy, g.bx, g.by);
          if (Math.hypot(g.bx - g.ax, g.by - g.ay) * k > arrowsFrom) arrows.push([i, g]);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.beginPath();
        for (const [i, g] of arrows) this._arrow(this.edges[i], g, Number(wd));
        ctx.fill();
      }
    }
    // The selected and hovered edges, thick.
    for (const [key, extra] of [
      [this.hover && this.hover.type === "edge" ? this.hover.key : null, 2],
      [this.selection && this.selection.type === "edge" ? this.selection.key : null, 3],
    ]) {
      const i = key === null ? undefined : this.edgeIndex.get(key);
      if (i === undefined) continue;
      const e = this.edges[i];
      const g = this._control(e);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = EDGE_COLOUR[e.kind];
      ctx.fillStyle = EDGE_COLOUR[e.kind];
      ctx.lineWidth = (e.w + extra) / k;
      ctx.beginPath();
      ctx.moveTo(g.ax, g.ay);
      ctx.quadraticCurveTo(g.cx, g.cy, g.bx, g.by);
      ctx.stroke();
      ctx.beginPath();
      this._arrow(e, g, e.w + extra);
      ctx.fill();
    }
    // Nodes, one path per type.
    for (const pass of active ? [false, true] : [null]) {
      ctx.globalAlpha = pass === false ? 0.2 : 1;
      for (const [type, colour] of Object.entries(TYPE_COLOUR)) {
        ctx.beginPath();
        let any = false;
        for (let i = 0; i < this.nodes.length; i += 1) {
          const n = this.nodes[i];
          if (n.type !== type && !(type === "group" && !TYPE_COLOUR[n.type])) continue;
          if (pass !== null && active.nodes.has(i) !== pass) continue;
          const r = this._r(n);
          if (n.wx + r < view.x0 || n.wx - r > view.x1 || n.wy + r < view.y0 || n.wy - r > view.y1) continue;
          ctx.moveTo(n.wx + r, n.wy);
          ctx.arc(n.wx, n.wy, r, 0, 2 * Math.PI);
          any = true;
        }
        if (!any) continue;
        ctx.fillStyle = colour;
        ctx.fill();
        if (k > 0.4) {
          ctx.strokeStyle = "#fff";
          ctx.lineWidth = 1.5 / k;
          ctx.stroke();
        }
      }
    }
    ctx.globalAlpha = 1;
    // Rings: the focused actor, the selected one, the hovered one.
    for (const [id, colour, wd] of [
      [this.focus, "#f9a825", 4],
      [this.selection && this.selection.type === "node" ? this.selection.id : null, "#111", 3],
      [this.hover && this.hover.type === "node" ? this.hover.id : null, "#111", 2],
    ]) {
      const n = id ? this.nodeById(id) : null;
      if (!n) continue;
      ctx.beginPath();
      ctx.arc(n.wx, n.wy, this._r(n) + (wd + 1) / k, 0, 2 * Math.PI);
      ctx.strokeStyle = colour;
      ctx.lineWidth = wd / k;
      ctx.stroke();
    }
    this._labels(view, active);
    this.lastFrameMs = performance.now() - t0;
    return this.lastFrameMs;
  }

  _arrow(e, g, wd) {
    const k = this.cam.k;
    const target = this.nodes[e.t];
    let dx = g.bx - g.cx;
    let dy = g.by - g.cy;
    const len = Math.hypot(dx, dy) || 1;
    dx /= len;
    dy /= len;
    const size = (6 + wd * 1.6) / k;
    const back = this._r(target) + 1.5 / k;
    const tx = g.bx - dx * back;
    const ty = g.by - dy * back;
    this.ctx.moveTo(tx, ty);
    this.ctx.lineTo(tx - dx * size - dy * size * 0.5, ty - dy * size + dx * size * 0.5);
    this.ctx.lineTo(tx - dx * size + dy * size * 0.5, ty - dy * size - dx * size * 0.5);
    this.ctx.closePath();
  }

  _active() {
    const sel = this.selection;
    if (!sel) return null;
    const nodes = new Set();
    const edges = new Set();
    if (sel.type === "node") {
      const i = this.index.get(sel.id);
      nodes.add(i);
      this.edges.forEach((e, j) => {
        if (e.s === i || e.t === i) {
          edges.add(j);
          nodes.add(e.s);
          nodes.add(e.t);
        }
      });
    } else {
      const j = this.edgeIndex.get(sel.key);
      edges.add(j);
      nodes.add(this.edges[j].s);
      nodes.add(this.edges[j].t);
    }
    return { nodes, edges };
  }

  _labels(view, active) {
    const { ctx } = this;
    const { k } = this.cam;
    const { dpr } = this.size;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    const taken = new Set();
    const cell = 10;
    const must = new Set();
    for (const id of [this.focus, this.selection && this.selection.type === "node" ? this.selection.id : null]) {
      if (id && this.index.has(id)) must.add(this.index.get(id));
    }
    if (active) for (const i of active.nodes) must.add(i);
    const order = [...must, ...this.labelOrder.filter((i) => !must.has(i))];
    let drawn = 0;
    for (let rank = 0; rank < order.length && drawn < 300; rank += 1) {
      const i = order[rank];
      const n = this.nodes[i];
      const r = this._r(n);
      if (n.wx + r < view.x0 || n.wx - r > view.x1 || n.wy + r < view.y0 || n.wy - r > view.y1) continue;
      const sr = r * k;
      if (!must.has(i) && !(rank < 25 || sr >= 7)) continue;
      if (active && !active.nodes.has(i) && !must.has(i)) continue;
      const s = this.toScreen(n.wx, n.wy);
      const text = n.label.length > 40 ? `${n.label.slice(0, 39)}…` : n.label;
      const tw = ctx.measureText(text).width;
      const x = s.x + sr + 4;
      const y = s.y;
      const cells = [];
      let free = true;
      for (let cx = Math.floor(x / cell); cx <= Math.floor((x + tw) / cell); cx += 1) {
        for (let cy = Math.floor((y - 7) / cell); cy <= Math.floor((y + 7) / cell); cy += 1) {
          const c = `${cx},${cy}`;
          if (taken.has(c)) free = false;
          cells.push(c);
        }
      }
      if (!free && !must.has(i)) continue;
      for (const c of cells) taken.add(c);
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(text, x, y);
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(text, x, y);
      drawn += 1;
    }
  }

  // ---------------------------------------------------------------- input

  _bind() {
    const c = this.canvas;
    let press = null;
    const local = (e) => {
      const rect = c.getBoundingClientRect();
      return { x: e.clientX - rect.left, y: e.clientY - rect.top };
    };
    c.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      c.setPointerCapture(e.pointerId);
      const p = local(e);
      const i = this.nodeAt(p.x, p.y);
      const w = this.toWorld(p.x, p.y);
      press = { p, node: i, moved: false, cam: { ...this.cam }, offset: i >= 0 ? [this.nodes[i].wx - w.x, this.nodes[i].wy - w.y] : null };
    });
    c.addEventListener("pointermove", (e) => {
      const p = local(e);
      if (press) {
        const dx = p.x - press.p.x;
        const dy = p.y - press.p.y;
        if (!press.moved && Math.hypot(dx, dy) < 4) return;
        press.moved = true;
        if (press.node >= 0) {
          const n = this.nodes[press.node];
          const w = this.toWorld(p.x, p.y);
          n.wx = w.x + press.offset[0];
          n.wy = w.y + press.offset[1];
          this.moved.set(n.id, [n.wx, n.wy]);
          c.style.cursor = "grabbing";
        } else {
          this.cam.x = press.cam.x - dx / this.cam.k;
          this.cam.y = press.cam.y - dy / this.cam.k;
          c.style.cursor = "move";
        }
        this.redraw();
        return;
      }
      this._hoverAt(p);
    });
    const release = (e) => {
      if (!press) return;
      const p = local(e);
      const wasClick = !press.moved;
      press = null;
      c.style.cursor = "";
      if (!wasClick) return;
      const i = this.nodeAt(p.x, p.y);
      if (i >= 0) return this.select({ type: "node", id: this.nodes[i].id });
      const j = this.edgeAt(p.x, p.y);
      if (j >= 0) return this.select({ type: "edge", key: this.edges[j].key });
      this.select(null);
    };
    c.addEventListener("pointerup", release);
    c.addEventListener("pointercancel", () => {
      press = null;
    });
    c.addEventListener("pointerleave", () => {
      if (!press && this.hover) {
        this.hover = null;
        this.onHover(null);
        this.redraw();
      }
    });
    c.addEventListener(
      "wheel",
      (e) => {
        e.preventDefault();
        const p = local(e);
        const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
        this.zoom(Math.exp(-delta * 0.0015), p.x, p.y);
      },
      { passive: false },
    );
    c.addEventListener("dblclick", (e) => {
      const p = local(e);
      this.zoom(2, p.x, p.y);
    });
    c.addEventListener("keydown", (e) => {
      const step = 60;
      const keys = {
        ArrowLeft: () => this.pan(step, 0),
        ArrowRight: () => this.pan(-step, 0),
        ArrowUp: () => this.pan(0, step),
        ArrowDown: () => this.pan(0, -step),
        "+": () => this.zoom(1.25),
        "=": () => this.zoom(1.25),
        "-": () => this.zoom(0.8),
        0: () => this.fit(),
        Escape: () => this.select(null),
      };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
  }

  _hoverAt(p) {
    const i = this.nodeAt(p.x, p.y);
    let hover = null;
    if (i >= 0) hover = { type: "node", id: this.nodes[i].id };
    else {
      const j = this.edgeAt(p.x, p.y);
      if (j >= 0) hover = { type: "edge", key: this.edges[j].key };
    }
    const same = JSON.stringify(hover) === JSON.stringify(this.hover);
    this.hover = hover;
    this.canvas.style.cursor = hover ? "pointer" : "";
    if (!same) this.redraw();
    this.onHover(hover, p);
  }

  // ---------------------------------------------------------------- for tests and measurements

  /** Where a node is on the page (client coordinates), or null. */
  nodeClientPoint(id) {
    const n = this.nodeById(id);
    if (!n) return null;
    const rect = this.canvas.getBoundingClientRect();
    const s = this.toScreen(n.wx, n.wy);
    return { x: rect.left + s.x, y: rect.top + s.y };
  }

  /** The middle of an edge on the page (client coordinates), or null. */
  edgeClientPoint(key) {
    const e = this.edgeByKey(key);
    if (!e) return null;
    const rect = this.canvas.getBoundingClientRect();
    const m = this.midpoint(e);
    const s = this.toScreen(m.x, m.y);
    return { x: rect.left + s.x, y: rect.top + s.y };
  }
}

export function edgeKey(e) {
  return `${e.source}|${e.target}|${e.kind}`;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
