"""Where to draw each actor: a force-directed layout that scales to thousands of actors,
and the explorer's view of the actor graph (filtered edges on the whole graph's layout).

networkx's own layouts do not fit here: ``spring_layout`` needs SciPy from 500 nodes on,
and ``forceatlas2_layout`` holds n×n×2 arrays (400 MB at 5,000 nodes). :func:`layout` is
Fruchterman-Reingold in NumPy on the networkx graph:

* attraction along edges (``d²/k``, stronger for edges with more statements);
* repulsion between every pair (``k²·mᵢ·mⱼ/d``, where an actor's mass grows with its
  number of neighbours, so hubs get room), computed exactly for small graphs and, for
  large ones, on a grid: masses are deposited in cells, convolved with the ``1/r`` kernel
  by FFT, and read back at each actor, plus exact repulsion within a cell. That is
  O(n + G² log G) per iteration instead of O(n²);
* a pull of constant strength towards the centre, which keeps each component round.

Each connected component is laid out apart (all the small ones in one vectorised run,
their repulsion limited to their own members) and the components are then packed side by
side, largest first, so a few isolated pairs do not fly off to the edge of the picture.

It is deterministic: an actor starts at a point hashed from its id, not from a random
generator, so the same graph always gets the same layout, and a new article moves the
actors already there less than a fresh random start would.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
>>> pos = layout(g)
>>> sorted(pos) == ["a", "b", "c"] and pos == layout(g)
True
>>> all(-1.0 <= c <= 1.0 for xy in pos.values() for c in xy)
True
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kg.export import actor_edge_rows, actor_graph_from_rows
from kg.queries import resolve_entity
from kg.rdf import local_name
from kg.store.base import Store

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

__all__ = ["LayoutCache", "explorer_graph", "fingerprint", "layout"]

Positions = dict[str, tuple[float, float]]

#: Components up to this size are laid out together, with exact repulsion within each;
#: larger ones one by one, with repulsion through a grid.
SMALL = 300


def fingerprint(g: nx.Graph) -> str:
    """A digest of the nodes and of each edge's endpoints and weight: what the layout uses."""
    h = hashlib.sha1()
    for n in sorted(map(str, g.nodes)):
        h.update(n.encode("utf-8") + b"\x1e")
    h.update(b"\x1d")
    for u, v, count in sorted(_weights(g)):
        h.update(f"{u}\x1f{v}\x1f{count}\x1e".encode())
    return h.hexdigest()


def _weights(g: nx.Graph) -> list[tuple[str, str, int]]:
    """Undirected edge weights: statements between two actors, whatever the kind or way."""
    w: dict[tuple[str, str], int] = {}
    for u, v, d in g.edges(data=True):
        a, b = sorted((str(u), str(v)))
        if a != b:
            w[a, b] = w.get((a, b), 0) + int(d.get("count", 1))
    return [(a, b, c) for (a, b), c in w.items()]


def _start(nodes: list[str], side: float) -> np.ndarray:
    """Each node's starting point, from a hash of its id, uniform in a square."""
    import numpy as np

    out = np.empty((len(nodes), 2))
    for i, n in enumerate(nodes):
        d = hashlib.blake2b(n.encode("utf-8"), digest_size=8).digest()
        out[i, 0] = int.from_bytes(d[:4], "big") / 2**32 - 0.5
        out[i, 1] = int.from_bytes(d[4:], "big") / 2**32 - 0.5
    return out * side


def _scatter(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Sum rows of ``values`` into ``n`` rows by ``index`` (``np.add.at``, but fast)."""
    import numpy as np

    columns = [
        np.bincount(index, weights=values[:, j], minlength=n) for j in range(values.shape[1])
    ]
    # bincount of nothing is an integer array, whatever the weights.
    return np.stack(columns, axis=1).astype(float, copy=False)


def _pair_repulsion(
    pos: np.ndarray, mass: np.ndarray, a: np.ndarray, b: np.ndarray, k2: float
) -> np.ndarray:
    """Exact repulsion between the listed pairs."""
    import numpy as np

    delta = pos[a] - pos[b]
    d2 = np.maximum(np.einsum("ij,ij->i", delta, delta), 1e-4)
    f = (k2 * mass[a] * mass[b] / d2)[:, None] * delta
    n = len(pos)
    return _scatter(a, f, n) - _scatter(b, f, n)


class _Grid:
    """Repulsion through a grid of ``cells``²: far actors through the FFT convolution of
    the cell masses with the ``r/|r|²`` kernel, actors sharing a cell exactly."""

    def __init__(self, cells: int) -> None:
        import numpy as np

        self.cells = cells
        self.size = size = 2 * cells
        off = np.fft.fftfreq(size, 1.0 / size)  # 0, 1, ..., cells-1, -cells, ..., -1
        dx, dy = np.meshgrid(off, off, indexing="ij")
        r2 = dx * dx + dy * dy
        r2[0, 0] = np.inf
        # In cell units; the force for cell size h is this kernel times k²/h.
        self.kx = np.fft.rfft2(dx / r2)
        self.ky = np.fft.rfft2(dy / r2)

    def repulsion(self, pos: np.ndarray, mass: np.ndarray, k2: float) -> np.ndarray:
        import numpy as np

        cells, size = self.cells, self.size
        lo = pos.min(axis=0)
        h = float((pos.max(axis=0) - lo).max() or 1.0) * (1 + 1e-9) / cells
        ij = np.minimum(((pos - lo) / h).astype(np.int64), cells - 1)
        cell = ij[:, 0] * cells + ij[:, 1]
        rho = np.bincount(cell, weights=mass, minlength=cells * cells).reshape(cells, cells)
        frho = np.fft.rfft2(rho, s=(size, size))
        fx = np.fft.irfft2(frho * self.kx, s=(size, size))[:cells, :cells].ravel()
        fy = np.fft.irfft2(frho * self.ky, s=(size, size))[:cells, :cells].ravel()
        disp = np.stack([fx[cell], fy[cell]], axis=1) * (mass * k2 / h)[:, None]
        # Actors in the same cell: exact, pair by pair along the cell-sorted order.
        order = np.argsort(cell, kind="stable")
        sorted_cell = cell[order]
        pairs_a, pairs_b = [], []
        for step in range(1, len(order)):
            same = sorted_cell[step:] == sorted_cell[:-step]
            if not same.any():
                break
            pairs_a.append(order[:-step][same])
            pairs_b.append(order[step:][same])
        if pairs_a:
            disp += _pair_repulsion(pos, mass, np.concatenate(pairs_a), np.concatenate(pairs_b), k2)
        return disp


Force = Callable[["np.ndarray"], "np.ndarray"]


def _grid_force(n: int, mass: np.ndarray) -> Force:
    """Repulsion between all of ``n`` actors through a grid sized for them."""
    grid = _Grid(int(min(128, max(32, 2 ** math.ceil(math.log2(math.sqrt(n)))))))
    return lambda pos: grid.repulsion(pos, mass, 1.0)


def _within_groups_force(sizes: list[int], mass: np.ndarray) -> Force:
    """Exact repulsion between actors of the same group; groups are consecutive runs."""
    import numpy as np

    firsts = np.cumsum([0, *sizes[:-1]])
    pairs = [np.triu_indices(m, 1) for m in sizes]
    a = np.concatenate([p[0] + f for p, f in zip(pairs, firsts, strict=True)])
    b = np.concatenate([p[1] + f for p, f in zip(pairs, firsts, strict=True)])
    return lambda pos: _pair_repulsion(pos, mass, a, b, 1.0)


def _simulate(
    pos: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    strength: np.ndarray,
    group: np.ndarray,
    mass: np.ndarray,
    repulsion: Force,
    iterations: int,
    temperature: float,
) -> np.ndarray:
    """Fruchterman-Reingold steps; ``group`` numbers the components, each pulled to its
    own centre."""
    import numpy as np

    n = len(pos)
    groups = int(group.max()) + 1
    sizes = np.bincount(group, minlength=groups).astype(float)[:, None]
    cooling = 0.005 ** (1 / max(iterations - 1, 1))
    for _ in range(iterations):
        disp = repulsion(pos)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt(np.einsum("ij,ij->i", delta, delta))
            pull = (dist * strength)[:, None] * delta
            disp += _scatter(dst, pull, n) - _scatter(src, pull, n)
        centres = _scatter(group, pos, groups) / sizes
        off = pos - centres[group]
        norm = np.sqrt(np.einsum("ij,ij->i", off, off))[:, None] + 1e-9
        disp -= 0.6 * mass[:, None] * off / norm
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))[:, None] + 1e-12
        pos = pos + disp / length * np.minimum(length, temperature)
        temperature *= cooling
    return pos


def _pack(
    boxes: list[tuple[float, float]], gap: float, aspect: float = 1.0
) -> list[tuple[float, float]]:
    """Shelf packing into a rectangle about ``aspect`` times as wide as tall: the corner of
    each box (width, height). The tallest goes top left, the next fill rows beside it and
    then rows under it."""
    order = sorted(range(len(boxes)), key=lambda i: -boxes[i][1])
    area = sum((w + gap) * (h + gap) for w, h in boxes)
    width = max(max(w for w, _ in boxes), math.sqrt(area * aspect))
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    first_w, first_h = boxes[order[0]]
    left, bottom = first_w + gap, first_h  # the region beside the first box
    x, y, row = left, 0.0, 0.0
    for i in order[1:]:
        w, h = boxes[i]
        if x > left and x + w > width:  # next row
            x, y, row = left, y + row + gap, 0.0
        if left > 0 and (y + h > bottom or left + w > width):  # below the first box now
            left, bottom = 0.0, math.inf
            x, y, row = 0.0, first_h + gap, 0.0
        out[i] = (x, y)
        x += w + gap
        row = max(row, h)
    return out


def layout(g: nx.Graph, iterations: int | None = None) -> Positions:
    """Positions for every node of ``g`` in ``[-1, 1]²``, centred, keeping proportions.

    Edge attribute ``count`` (statements per edge) weighs the attraction; directions and
    parallel edges are merged. Each connected component is laid out on its own and the
    components are packed side by side, largest first. ``iterations`` defaults to 200
    for small components and fewer for large ones (5,000 actors: about a second).
    """
    import networkx as nx
    import numpy as np

    nodes = sorted(map(str, g.nodes))
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    weights = sorted(_weights(g))  # in a fixed order, so sums round the same way
    src = np.array([index[u] for u, _, _ in weights], dtype=np.int64)
    dst = np.array([index[v] for _, v, _ in weights], dtype=np.int64)
    strength = 1.0 + np.log(np.array([c for _, _, c in weights], dtype=float))
    u = nx.Graph()
    u.add_nodes_from(range(n))
    u.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    components = sorted((sorted(c) for c in nx.connected_components(u)), key=lambda c: (-len(c), c))
    pos = np.zeros((n, 2))
    small = [c for c in components if len(c) <= SMALL]
    batches = [[c] for c in components if len(c) > SMALL] + ([small] if small else [])
    for batch in batches:
        idx = np.array([i for c in batch for i in c], dtype=np.int64)
        local = np.full(n, -1, dtype=np.int64)
        local[idx] = np.arange(len(idx))
        keep = local[src] >= 0
        s, d, w = local[src[keep]], local[dst[keep]], strength[keep]
        mass = np.sqrt(1.0 + np.bincount(np.concatenate([s, d]), minlength=len(idx)))
        sizes = [len(c) for c in batch]
        group = np.repeat(np.arange(len(batch)), sizes)
        if len(batch) == 1 and sizes[0] > SMALL:
            repulsion = _grid_force(len(idx), mass)
            steps = iterations or max(100, int(250 - len(idx) / 40))
        else:
            repulsion = _within_groups_force(sizes, mass)
            steps = iterations or 200
        side = np.sqrt(np.bincount(group).astype(float))[group][:, None] * 1.5
        start = _start([nodes[i] for i in idx], 1.0) * side
        temperature = float(side.max()) / 8
        pos[idx] = _simulate(start, s, d, w, group, mass, repulsion, steps, temperature)
    # Pack the components.
    boxes, corners = [], []
    for c in components:
        p = pos[c]
        lo, hi = p.min(axis=0), p.max(axis=0)
        corners.append(lo)
        boxes.append((float(hi[0] - lo[0]), float(hi[1] - lo[1])))
    for c, lo, at in zip(components, corners, _pack(boxes, gap=1.5), strict=True):
        pos[c] += np.array(at) - lo
    pos -= (pos.max(axis=0) + pos.min(axis=0)) / 2
    scale = float(np.abs(pos).max()) or 1.0
    pos /= scale
    return {
        v: (round(float(x), 5), round(float(y), 5)) for v, (x, y) in zip(nodes, pos, strict=True)
    }


class LayoutCache:
    """Layouts by :func:`fingerprint`, the most recent ``size`` kept; safe across threads.

    Two requests for a graph not yet laid out wait for one computation.
    """

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._done: OrderedDict[str, Positions] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        self.computed = 0

    def positions(self, g: nx.Graph) -> Positions:
        key = fingerprint(g)
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._done:
                    return self._done[key]
            pos = layout(g)
            with self._lock:
                self.computed += 1
                self._done[key] = pos
                while len(self._done) > self.size:
                    self._done.popitem(last=False)
                self._computing.pop(key, None)
        return pos


def explorer_graph(
    store: Store,
    cache: LayoutCache,
    kinds: Iterable[str] = ("accusation", "denial"),
    since: str | None = None,
    until: str | None = None,
    evidence: str | None = None,
    entity: str | None = None,
) -> dict[str, Any]:
    """The actor graph as the web explorer draws it, JSON-ready.

    Positions come from the layout of the whole graph, whatever the filters, so an actor
    stays in place when the filters change. Nodes carry their counts in the filtered
    graph; edges their statements, dates and evidence counts.
    """
    focus = resolve_entity(store, entity).value if entity else None
    rows = actor_edge_rows(store)
    full = actor_graph_from_rows(rows)
    pos = cache.positions(full)
    kinds = list(kinds)
    filtered = any(x is not None for x in (since, until, evidence, focus)) or set(kinds) != {
        "accusation",
        "denial",
    }
    g = actor_graph_from_rows(rows, kinds, since, until, focus, evidence) if filtered else full
    nodes = [
        {
            "id": n,
            "label": d["label"],
            "type": d["type"],
            "spoke": d["spoke"],
            "targeted": d["targeted"],
            "x": pos[n][0],
            "y": pos[n][1],
        }
        for n, d in sorted(g.nodes(data=True))
    ]
    edges = [
        {
            "source": u,
            "target": v,
            "kind": d["kind"],
            "count": d["count"],
            "statements": d["statements"],
            "first_date": d["first_date"] or None,
            "last_date": d["last_date"] or None,
            "evidence_none": d["evidence_none"],
            "evidence_provided": d["evidence_provided"],
        }
        for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"]))
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "focus": (local_name(focus, "entity") or focus) if focus else None,
        "total": {"nodes": full.number_of_nodes(), "edges": full.number_of_edges()},
        "layout": fingerprint(full)[:16],
    }
