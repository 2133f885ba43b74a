"""Bytes to text: UTF-8 first, then a detected legacy encoding; binary files refused."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsledger.errors import InputError

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes in the first block mean not text (UTF-16 aside)."""
    if not head or head.startswith(_BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode_text(data: bytes, origin: str) -> str:
    """Decode a text file; Windows-1252, Latin-1 and UTF-16 files read correctly too."""
    if data.startswith(_BOMS[0]):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(origin, "not UTF-8 and no known text encoding fits (is it binary?)")
    return str(best)
