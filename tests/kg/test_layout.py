"""Positions for the actor graph: bounded, deterministic, components apart, fast enough."""

from __future__ import annotations

import math
import random
import threading
import time

import networkx as nx
import pytest

from kg.layout import SMALL, LayoutCache, fingerprint, layout


def _graph(edges: list[tuple[str, str]], kind: str = "accusation") -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for u, v in edges:
        g.add_edge(u, v, key=kind, kind=kind, count=1)
    return g


def _random_graph(n: int, m: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{i}" for i in range(n))
    while g.number_of_edges() < m:
        a, b = rng.sample(range(n), 2)
        kind = rng.choice(["accusation", "denial"])
        if not g.has_edge(f"n{a}", f"n{b}", key=kind):
            g.add_edge(f"n{a}", f"n{b}", key=kind, kind=kind, count=rng.randint(1, 4))
    return g


def test_small_cases() -> None:
    assert layout(nx.MultiDiGraph()) == {}
    g = nx.MultiDiGraph()
    g.add_node("alone")
    assert layout(g) == {"alone": (0.0, 0.0)}
    pos = layout(_graph([("a", "b")]))
    assert pos["a"] != pos["b"]


def test_positions_are_finite_bounded_and_deterministic() -> None:
    g = _random_graph(80, 120)
    pos = layout(g)
    assert set(pos) == set(g.nodes)
    coords = [c for xy in pos.values() for c in xy]
    assert all(math.isfinite(c) for c in coords)
    assert max(abs(c) for c in coords) == pytest.approx(1.0)
    assert layout(g) == pos
    # The start depends on node ids, not on the order they were added in.
    h = nx.MultiDiGraph()
    h.add_nodes_from(reversed(list(g.nodes)))
    h.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert layout(h) == pos


def test_neighbours_end_closer_than_strangers() -> None:
    g = _graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("a", "x")])
    pos = layout(g)

    def d(u: str, v: str) -> float:
        return math.dist(pos[u], pos[v])

    inside = [d("a", "b"), d("b", "c"), d("x", "y"), d("y", "z")]
    across = [d("b", "y"), d("c", "z"), d("b", "z")]
    assert max(inside) < min(across)


def test_components_do_not_overlap() -> None:
    g = _graph([(f"a{i}", f"a{i + 1}") for i in range(30)] + [("p", "q"), ("r", "s"), ("t", "u")])
    pos = layout(g)
    boxes = []
    for comp in nx.connected_components(nx.Graph(g)):
        xs = [pos[n][0] for n in comp]
        ys = [pos[n][1] for n in comp]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
            assert apart, (a, b)


def test_a_large_graph_goes_through_the_grid_in_reasonable_time() -> None:
    g = _random_graph(2 * SMALL + 200, 1200)
    start = time.perf_counter()
    pos = layout(g)
    took = time.perf_counter() - start
    assert len(pos) == g.number_of_nodes()
    assert all(math.isfinite(c) for xy in pos.values() for c in xy)
    assert len({(round(x, 4), round(y, 4)) for x, y in pos.values()}) > 0.97 * len(pos)
    assert took < 20  # about a second here; generous for a slow CI machine


def test_fingerprint_follows_what_the_layout_uses() -> None:
    g = _graph([("a", "b")])
    same = _graph([("b", "a")], kind="denial")  # direction and kind do not move anyone
    assert fingerprint(g) == fingerprint(same)
    more = _graph([("a", "b")])
    more.edges["a", "b", "accusation"]["count"] = 3
    assert fingerprint(more) != fingerprint(g)
    g.add_node("c")
    assert fingerprint(g) != fingerprint(same)


def test_cache_computes_each_graph_once_even_when_asked_at_once() -> None:
    cache = LayoutCache(size=2)
    g = _random_graph(40, 60)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.positions(g))) for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.computed == 1 and all(r == results[0] for r in results)
    for seed in (2, 3, 4):
        cache.positions(_random_graph(10, 12, seed))
    assert cache.computed == 4
    cache.positions(g)  # pushed out of a cache of two: computed again
    assert cache.computed == 5
