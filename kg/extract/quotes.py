"""Quotation regions: where direct speech starts and ends, as character offsets.

Curly double quotes pair up; straight double quotes alternate; single quotes (curly or
straight) count as quotation marks only where they open before a word and close after
one, never inside a word ("Wal-Mart's"). Two apostrophes ('') stand for a double mark,
and a closing curly mark typed at the start of a line opens a quotation. Single quotes
nested in double quotes are scare quotes, not regions of their own. A quotation left
open runs to the end of its paragraph.

>>> quote_regions('He said: “We will win.” Then \\'it is over,\\' she said.')
[(9, 23), (29, 42)]
"""

from __future__ import annotations

import re

__all__ = ["quote_regions"]

_OPEN_D = "“"
_CLOSE_D = "”"
_OPEN_S = "‘"
_CLOSE_S = "’"


def _paragraph_end(text: str, i: int) -> int:
    j = text.find("\n\n", i)
    return len(text) if j < 0 else j


# Characters that can open a quotation (and the two-apostrophe mark): the scan jumps from
# one to the next instead of stepping through every character.
_CANDIDATE = re.compile("''|[“”\"‘']")
_SINGLE_CLOSER = re.compile("[’']")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Top-level quotation regions ``(start, end)``, quote marks included."""
    regions: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        m = _CANDIDATE.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        closer = ""
        if m.group() == "''":
            # two apostrophes stand for a double quotation mark (''Yes,'' she said)
            end = text.find("''", i + 2, _paragraph_end(text, i))
            if end > i + 2:
                regions.append((i, end + 2))
                i = end + 2
                continue
            i += 2
            continue
        if ch == _OPEN_D or (ch == _CLOSE_D and _line_start(text, i)):
            # a closing mark typed at the start of a line opens the quotation there
            closer = _CLOSE_D
        elif ch == '"':
            closer = '"'
        elif ch in (_OPEN_S, "'") and _opens_single(text, i):
            closer = ch if ch == "'" else _CLOSE_S
        if not closer:
            i += 1
            continue
        limit = _paragraph_end(text, i)
        end = -1
        if closer in (_CLOSE_D, '"'):
            j = text.find(closer, i + 1, limit)
            if j >= 0:
                end = j + 1
        else:
            for c in _SINGLE_CLOSER.finditer(text, i + 1, limit):
                if _closes_single(text, c.start()):
                    end = c.start() + 1
                    break
        if end < 0:
            at_paragraph_start = i == 0 or text[i - 1] == "\n"
            if closer in (_CLOSE_S, "'") and not at_paragraph_start:
                i += 1
                continue
            end = limit
        regions.append((i, end))
        i = end
    return regions


def _line_start(text: str, i: int) -> bool:
    return (i == 0 or text[i - 1] == "\n") and i + 1 < len(text) and text[i + 1].isalnum()


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after in '“"')


def _closes_single(text: str, j: int) -> bool:
    before = text[j - 1]
    after = text[j + 1] if j + 1 < len(text) else " "
    if after.isalnum():
        return False  # an apostrophe inside a word
    return not before.isspace()
