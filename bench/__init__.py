"""claimgraph's benchmarks: ``python -m bench`` (``make bench``) prints one JSON line each.

Modules, one concern each: :mod:`bench.generate` (synthetic corpora through the real
RDF mapping), :mod:`bench.store` (loading, the who-accused lookup, rdflib, export),
:mod:`bench.extract` (extraction, ``--jobs``, memory), :mod:`bench.http` (API overhead)
and :mod:`bench.report` (the JSON lines and the machine they were measured on). Results
are written up in ``bench/RESULTS.md``.
"""
