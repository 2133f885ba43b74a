"""PDF files with pypdf: text per page, hard-wrapped lines joined back into paragraphs."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.layout import Hints, build_article

_ENDS_PARAGRAPH = re.compile(r"[.!?:\"”’)]$")


def read_pdf(data: bytes, origin: str) -> Article:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(origin, "encrypted PDF, cannot read text (decrypt it first)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except InputError:
        raise
    # pypdf raises many types on a broken file, not only its own: NotImplementedError for
    # an unknown filter, RecursionError for a page tree that contains itself, and more.
    except Exception as exc:
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise InputError(origin, "encrypted PDF, cannot read text (decrypt it first)") from exc
        raise InputError(origin, f"corrupt PDF ({_printable(str(exc))})") from exc
    text = "\n\n".join(_reflow(page) for page in pages if page.strip())
    if not text.strip():
        raise InputError(origin, "PDF has no text layer (scanned? run OCR first)")
    return build_article(text, origin, Hints(title=title))


def _printable(reason: str) -> str:
    """pypdf's reason, which may quote the file's own bytes (a filter's name), as one
    short line with no control character a terminal would obey."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in reason)
    return shown if len(shown) <= 200 else shown[:200] + "..."


def _reflow(page: str) -> str:
    """Lines that end a sentence and fall short of the page width end a paragraph."""
    lines = [line.rstrip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append("\n\n")
            continue
        if out and out[-1].endswith("-") and line[:1].islower():
            out[-1] = out[-1][:-1] + line.lstrip()  # "inter-" + "national"
        else:
            out.append(line)
        # pypdf prints no blank line between blocks, so a short headline with no full
        # stop ends its paragraph too when a capitalised line follows it.
        following = lines[index + 1].lstrip()[:1] if index + 1 < len(lines) else ""
        ends = _ENDS_PARAGRAPH.search(line) or following.isupper()
        if ends and len(line) < 0.8 * width:
            out.append("\n\n")
    return re.sub(r"\n\n(?:\s*\n\n)+", "\n\n", "\n".join(out))
