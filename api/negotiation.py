"""Content negotiation: pick a media type from ``Accept`` (with q-values) or ``format``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from starlette.exceptions import HTTPException

__all__ = ["choose_media_type"]


def _parse_accept(header: str) -> list[tuple[float, int, str]]:
    ranges = []
    for n, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((q, n, media))
    return ranges


def _matches(pattern: str, media: str) -> bool:
    if pattern in ("*/*", media):
        return True
    kind, _, sub = pattern.partition("/")
    return sub == "*" and media.startswith(kind + "/")


def choose_media_type(
    offered: Sequence[str],
    accept: str | None,
    format: str | None = None,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """The media type to answer with: ``format`` first (a short name or a media type), then
    the best ``Accept`` range, then the first offered. 406 when nothing offered fits."""
    if format:
        wanted = (aliases or {}).get(format.lower(), format.lower())
        if wanted in offered:
            return wanted
        names = sorted(set((aliases or {}).keys()) | set(offered))
        raise HTTPException(
            406, f"format {format!r} is not offered here; use one of {', '.join(names)}"
        )
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int] | None = None
    choice = None
    for q, order, pattern in _parse_accept(accept):
        if q <= 0:
            continue
        for rank, media in enumerate(offered):
            if _matches(pattern, media):
                # Higher q wins; then the more specific range; then the client's order;
                # then our preference.
                specificity = 0 if pattern == "*/*" else 1 if pattern.endswith("/*") else 2
                key = (q, specificity, -order * 100 - rank)
                if best is None or key > best:
                    best, choice = key, media
    if choice is None:
        raise HTTPException(
            406, f"none of the accepted types is offered; offered: {', '.join(offered)}"
        )
    return choice
