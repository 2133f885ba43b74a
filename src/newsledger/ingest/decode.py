"""Bytes to text: UTF-8 first, then a detected legacy encoding; binary files refused."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsledger.errors import InputError

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOMS = (b"\xef\xbb\xbf", *UTF16_BOMS)


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes in the first block mean not text (UTF-16 aside)."""
    if not head or head.startswith(UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode_text(data: bytes, origin: str) -> str:
    """Decode a text file; Windows-1252, Latin-1 and UTF-16 files read correctly too."""
    if data.startswith(_BOMS[0]):
        data = data[3:]
    if data.startswith(UTF16_BOMS):  # certain, where a guess could pick another encoding
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, "not valid UTF-16 (re-save the file as UTF-8)") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(origin, "not UTF-8 and no known text encoding fits (is it binary?)")
    return str(best)


def decode_windows_1252(data: bytes) -> str | None:
    """A line of a dump that is not UTF-8, read as Windows-1252 (which holds every
    printable Latin-1 character); None when it does not read as text in it, as Cyrillic,
    Greek or Japanese bytes do not (charset-normalizer judges)."""
    if from_bytes(data, cp_isolation=["cp1252"]).best() is None:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined (0x81, 0x8D, ...)
        return None
