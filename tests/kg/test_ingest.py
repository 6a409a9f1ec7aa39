"""Reading documents: files, folders, JSONL, HTML, and the errors bad input gets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import DecodeError, DocumentNotFound, InputError
from kg.ingest import make_document, read_documents, valid_document_id


def test_text_file_keeps_offsets_as_python_reads_them(tmp_path: Path) -> None:
    p = tmp_path / "a b.txt"
    p.write_bytes("Headline\r\n\r\n“Quoted,” she said.\r\n".encode())
    [doc] = read_documents([p])
    assert doc.text == p.read_text(encoding="utf-8")
    assert doc.id == "a-b" and doc.title == "Headline"


def test_folder_is_read_in_order_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not an article.", encoding="utf-8")
    assert [d.id for d in read_documents([tmp_path])] == ["a", "b"]


def test_jsonl_records(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    rows = [
        {
            "id": "x1",
            "text": "One.",
            "title": "T",
            "published": "2024-02-03T10:00:00Z",
            "url": "https://example.org/x1",
        },
        {"text": "Two."},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    one, two = read_documents([p])
    assert (one.id, one.published, one.url) == ("x1", date(2024, 2, 3), "https://example.org/x1")
    assert two.id.startswith("d-") and two.id == make_document("Two.").id


def test_html_text_and_title(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Big &amp; news</title><script>x()</script></head>"
        "<body><p>First para.</p><p>Second&nbsp;para.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = read_documents([p])
    assert doc.title == "Big & news"
    assert "First para." in doc.text and "x()" not in doc.text


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"\xff\xfe bad", DecodeError, "not UTF-8"),
        (b"text\x00with nul", DecodeError, "NUL"),
        (b"   \n", InputError, "empty"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, error: type, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(error, match=message):
        list(read_documents([p]))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"title": "no text"}', "'text'"),
        ('{"text": "x", "published": "soon"}', "ISO date"),
        ('{"text": 5}', "string"),
    ],
)
def test_bad_jsonl_lines_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text('{"text": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"b\.jsonl:2: .*{message}"):
        list(read_documents([p]))


def test_missing_path_fails_before_reading_anything(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    with pytest.raises(DocumentNotFound, match="nope"):
        read_documents([tmp_path / "a.txt", tmp_path / "nope.txt"]).__next__()


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/b", "", ".hidden", "a..b", "x" * 200])
def test_unsafe_ids_are_replaced(bad: str) -> None:
    assert not valid_document_id(bad)
    assert valid_document_id(make_document("Text.", id=bad).id)
