"""Extraction: news text -> accusations, denials and claims with actors and spans.

>>> from kg.extract import Extractor  # doctest: +SKIP
>>> Extractor().extract(make_document("Russia accused the US of lying."))  # doctest: +SKIP
"""

from __future__ import annotations

from kg.extract.extractor import Extractor
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.lexicon import Lexicon, load_lexicon

__all__ = ["Extractor", "Gazetteer", "Lexicon", "load_gazetteer", "load_lexicon"]
