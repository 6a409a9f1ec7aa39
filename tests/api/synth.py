"""A synthetic actor graph of any size, for layout and browser-performance tests.

Actors are drawn with a heavy tail (a few speak and are targeted often, most once or
twice), as in news; every actor takes part in at least one statement. Each document is
a few sentences "A accused B." / "B denied it."; the spans point at real words.

    python -m tests.api.synth oxigraph:/tmp/synth 5000   # fill a store for a manual look
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta

from kg.model import (
    ActorType,
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
)
from kg.rdf import document_iri, extraction_quads
from kg.store import Store

__all__ = ["fill", "synthetic_extractions"]

_TYPES = list(ActorType)
_EVIDENCE = list(EvidenceStatus)


def _actor(i: int) -> Entity:
    return Entity(f"actor-{i:05d}", f"Actor {i:05d}", _TYPES[i % len(_TYPES)], (f"A{i}",))


def synthetic_extractions(
    actors: int, statements_per_actor: float = 3.0, per_document: int = 6, seed: int = 7
) -> Iterator[Extraction]:
    """Documents whose accusations and denials join ``actors`` actors."""
    rng = random.Random(seed)
    people = [_actor(i) for i in range(actors)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(actors)]
    total = int(actors * statements_per_actor / 2)
    # Every actor once as a speaker or target, then heavy-tailed draws.
    order = list(range(actors))
    rng.shuffle(order)
    pairs: list[tuple[int, int]] = []
    for a, b in zip(order[0::2], order[1::2], strict=False):
        pairs.append((a, b))
    while len(pairs) < total:
        a, b = rng.choices(range(actors), weights, k=2)
        if a != b:
            pairs.append((a, b))
    start = date(2023, 1, 1)
    for d, first in enumerate(range(0, len(pairs), per_document)):
        doc_id = f"synth-{d:06d}"
        day = start + timedelta(days=rng.randrange(730))
        parts: list[str] = []
        plan: list[tuple[Kind, Entity, Entity, int]] = []
        offset = 0
        for a, b in pairs[first : first + per_document]:
            kind = Kind.DENIAL if rng.random() < 0.35 else Kind.ACCUSATION
            speaker, target = people[a], people[b]
            verb = "denied the charge by" if kind is Kind.DENIAL else "accused"
            sentence = f"{speaker.label} {verb} {target.label}."
            plan.append((kind, speaker, target, offset))
            parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(parts)
        doc = Document(doc_id, text, title=f"Synthetic {d}", published=day)
        found: dict[tuple[Kind, str, str], Statement] = {}
        for kind, speaker, target, at in plan:
            verb_len = len("denied the charge by" if kind is Kind.DENIAL else "accused")
            s_end = at + len(speaker.label)
            t_start = s_end + 1 + verb_len + 1
            t_end = t_start + len(target.label)
            m = Mention(
                doc_id,
                Span(at, t_end + 1),
                speaker=Span(at, s_end),
                cue=Span(s_end + 1, s_end + 1 + verb_len),
                content=Span(t_start, t_end),
                target=Span(t_start, t_end),
                rule="synthetic",
                confidence=0.8,
            )
            key = (kind, speaker.key, target.key)
            if key in found:
                found[key].mentions.append(m)
                continue
            found[key] = Statement(
                doc_id,
                kind,
                speaker,
                target,
                content=target.label,
                cue=text[m.cue.start : m.cue.end] if m.cue else "",
                evidence=rng.choice(_EVIDENCE),
                date=day,
                mentions=[m],
            )
        yield Extraction(doc, list(found.values()))


def fill(store: Store, actors: int, seed: int = 7, batch: int = 500) -> int:
    """Write a synthetic graph of ``actors`` actors into ``store``; returns the statements."""
    n = 0
    pending = []
    for x in synthetic_extractions(actors, seed=seed):
        n += len(x.statements)
        pending.append((document_iri(x.document.id), extraction_quads(x)))
        if len(pending) >= batch:
            store.write_graphs(pending)
            pending = []
    if pending:
        store.write_graphs(pending)
    return n


if __name__ == "__main__":
    from kg.store import open_store

    with open_store(sys.argv[1]) as s:
        print(f"{fill(s, int(sys.argv[2]))} statements written to {sys.argv[1]}")
