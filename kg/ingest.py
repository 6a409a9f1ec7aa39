"""Read documents: plain-text files, folders of them, JSONL and HTML.

Every reader yields :class:`~kg.model.Document` with a stable id, so reading the same
input twice gives the same documents. Text is decoded as strict UTF-8 with universal
newlines, exactly as ``open(path, encoding="utf-8").read()`` returns it, so character
offsets agree with any other tool that reads the file that way.

>>> make_document("Russia accused the US.").id
'd-deab3783655593b6'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.errors import DecodeError, DocumentNotFound, InputError
from kg.model import Document, slugify

__all__ = [
    "MAX_ID_LENGTH",
    "TEXT_SUFFIXES",
    "decode_text",
    "document_id",
    "iter_paths",
    "make_document",
    "parse_date",
    "read_documents",
    "valid_document_id",
]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
MAX_ID_LENGTH = 160
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def valid_document_id(doc_id: str) -> bool:
    """True for ids safe in an IRI, a URL path and a file name (no ``/``, no ``..``)."""
    return (
        len(doc_id) <= MAX_ID_LENGTH and _ID_RE.fullmatch(doc_id) is not None and ".." not in doc_id
    )


def document_id(candidate: str | None, text: str) -> str:
    """The given id if it is safe, a slug of it otherwise, or a hash of the text."""
    if candidate:
        if valid_document_id(candidate):
            return candidate
        return slugify(candidate, MAX_ID_LENGTH)
    return "d-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decode_text(data: bytes, where: str = "input") -> str:
    """Strict UTF-8 with universal newlines; NUL bytes are refused as binary."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"{where}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise DecodeError(f"{where}: contains NUL bytes (binary data?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: Any, where: str = "input") -> date | None:
    """An ISO date or date-time (``2023-05-04``, ``2023-05-04T10:00:00Z``) as a date."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"{where}: 'published' must be an ISO date string, not {value!r}")
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise InputError(f"{where}: 'published' is not an ISO date: {value!r}") from None


def make_document(
    text: str,
    id: str | None = None,
    title: str | None = None,
    published: Any = None,
    url: str | None = None,
    where: str = "input",
) -> Document:
    """Build a document, deriving a stable id from the text when none is given."""
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string")
    if not text.strip():
        raise InputError(f"{where}: the text is empty")
    if title is not None and not isinstance(title, str):
        raise InputError(f"{where}: 'title' must be a string")
    if url is not None and not isinstance(url, str):
        raise InputError(f"{where}: 'url' must be a string")
    if id is not None and not isinstance(id, str):
        id = str(id)
    return Document(
        id=document_id(id, text),
        text=text,
        title=title or None,
        published=parse_date(published, where),
        url=url or None,
    )


def _title_from_text(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 else None


class _TextOfHTML(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _html_document(path: Path, raw: str) -> Document:
    parser = _TextOfHTML()
    parser.feed(raw)
    parser.close()
    text = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return make_document(text, id=path.stem, title=title, where=str(path))


def _jsonl_documents(path: Path, raw: str) -> Iterator[Document]:
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "text" not in record:
            raise InputError(f"{where}: expected an object with a 'text' field")
        yield make_document(
            record["text"],
            id=record.get("id"),
            title=record.get("title"),
            published=record.get("published"),
            url=record.get("url"),
            where=where,
        )


def read_file(path: Path) -> Iterator[Document]:
    """The documents in one file, chosen by its suffix (JSONL, HTML, otherwise text)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentNotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    raw = decode_text(data, str(path))
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, raw)
    elif suffix in HTML_SUFFIXES:
        yield _html_document(path, raw)
    else:
        yield make_document(raw, id=path.stem, title=_title_from_text(raw), where=str(path))


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named (read as text unless JSONL or HTML), and the .txt, .html and .jsonl
    files under folders named, in a stable order."""
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in known)
        elif p.exists():
            yield p
        else:
            raise DocumentNotFound(f"{p}: no such file or directory")


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Every document in the files and folders given.

    Paths are checked before any document is read, so a typo fails fast.
    """
    files = list(iter_paths(paths))
    for f in files:
        yield from read_file(f)
