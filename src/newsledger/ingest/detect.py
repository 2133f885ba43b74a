"""Which reader a source needs, decided from its first bytes (the name only breaks ties)."""

from __future__ import annotations

import csv
import json
import re
from enum import StrEnum

from newsledger.ingest.decode import looks_binary

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(r"<(!doctype html|html|head|body|article|div|p|h1|meta|title)\b")


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    FEED = "feed"
    JSON_LINES = "jsonl"
    CSV = "csv"
    BINARY = "binary"
    EMPTY = "empty"


def detect_format(head: bytes, name: str = "") -> Format:
    if not head.strip():
        return Format.EMPTY
    if head.lstrip().startswith(b"%PDF-"):
        return Format.PDF
    if looks_binary(head):
        return Format.BINARY
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    lower = text[:2000].lower()
    if (
        lower.startswith("<")
        and _FEED_ROOT.search(lower)
        and not lower.startswith("<!doctype html")
    ):
        return Format.FEED
    if _HTML_START.match(lower) or (lower.startswith("<") and "<body" in lower):
        return Format.HTML
    first_line = text.split("\n", 1)[0].strip()
    if first_line.startswith("{") and _is_json_object(first_line):
        return Format.JSON_LINES
    if name.lower().endswith((".csv", ".tsv")) or _is_record_header(first_line):
        return Format.CSV
    return Format.TEXT


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _is_record_header(line: str) -> bool:
    """A CSV header naming a text column among known record columns."""
    cells = {c.strip().lower() for c in next(csv.reader([line]), [])}
    return "text" in cells and len(cells & {"id", "title", "url", "source", "published"}) >= 1
