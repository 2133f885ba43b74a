"""Hostile documents for every reader: what the web serves on a bad day.

Random Unicode with the characters that break software (bidi overrides, zero-width
joiners, NUL and other controls, byte-order marks, lone combining marks), news prose so
that the whole of a reader runs, numbers and dates no toll or calendar can hold
("1e999", "10,000,000,000,000", "February 30"), and now and then a line or a token
thousands of characters long. Each format gets documents built from these and broken
the ways its parsers meet: unclosed tags, entity declarations, truncation, wrong
encodings, flipped bytes, page trees that contain themselves.

Every builder takes a `Choices`: hypothesis draws them in the quick runs (so a failure
shrinks to a small document), a seeded `random.Random` in the long runs (so that
10,000 documents per reader cost seconds, not minutes; hypothesis still draws the seeds
and reports the one that fails).
"""

from __future__ import annotations

import csv
import io
import json
import random
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar
from xml.sax.saxutils import escape

from hypothesis import strategies as st

_T = TypeVar("_T")

HOSTILE_CHARACTERS = (
    "\u202e", "\u202b", "\u2067", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u00ad", "\x00", "\x07", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\r",
    "\r\n", "\t", "\u2028", "\u2029", "\ufffd", "\ufffe", "\uffff", "\U0001f4a5",
    "e\u0301", "\u0301", "\u0627\u0644\u0642\u062f\u0633", "\u05d9\u05e8\u05d5\u05e9",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e",
    "\U000e0041", "\U0010fffd", "&amp;", "&#0;", "&#x202e;", "&#x110000;", "<", ">", '"',
    "'", "\\", "]]>", "<!--", "%",
)  # fmt: skip
NEWS = (
    "Gunmen attacked a village near Kaya on Monday, killing 12 people, officials said.",
    "Police fired tear gas at protesters in Nairobi on Thursday.",
    "BAGHDAD, February 9 (RHC) -- A drone strike killed a commander in eastern Baghdad.",
    "The minister met his counterpart in Cairo to discuss the dam, a spokesman said.",
    "Rebels seized the town of Goma after heavy fighting with the army.",
)
NUMBERS = (
    "1e999", "1E+308", "10,000,000,000,000", "99999999999999999999999999999999",
    "1" + "0" * 400, "-5", "-1,000", "0", "0.5", "NaN", "inf", "1.5 billion",
    "a trillion trillion", "twelve hundred thousand million", "3" * 40, "١٢", "٣٠٠", "1,2,3",
    "12.000.000", "1e-9", "½", "⅔", "2⁶⁴", "MMXXIV",
)  # fmt: skip
DATES = (
    "February 30", "February 30, 2024", "30 February 2024", "2024-02-30", "April 31",
    "0000-00-00", "9999-12-31", "10000-01-01", "-0001-01-01", "1e999", "13/13/2013",
    "Mon, 30 Feb 2024 10:00:00 GMT", "Tue, 99 Zzz 2024 25:61:61 +9999", "yesterday",
    "on Monday", "1 January 1", "31 December 9999", "2024-13-01T00:00:00Z",
)  # fmt: skip
_TOLL_NOUNS = ("people were killed", "dead", "injured", "soldiers died")
_LONG_CHARACTERS = ("x", "\u200b", "\u202e", "word ", "1", "<", "\n", "\U0001f4a5")


class Choices(Protocol):
    """Where a builder's decisions come from."""

    def pick(self, options: Sequence[_T]) -> _T: ...
    def number(self, low: int, high: int) -> int: ...
    def unicode(self, most: int) -> str: ...


class DrawnChoices:
    """Decisions drawn by hypothesis (`st.data()`), which can shrink them."""

    def __init__(self, data: Any) -> None:
        self.data = data

    def pick(self, options: Sequence[_T]) -> _T:
        return self.data.draw(st.sampled_from(options))

    def number(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def unicode(self, most: int) -> str:
        return self.data.draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=most))


class SeededChoices:
    """Decisions from a seeded generator: the same seed, the same document."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def pick(self, options: Sequence[_T]) -> _T:
        return options[self.random.randrange(len(options))]

    def number(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def unicode(self, most: int) -> str:
        # Any code point but surrogates, most of them from the planes text uses.
        size, chars = self.random.randint(0, most), []
        for _ in range(size):
            top = 0x10FFFF if self.random.random() < 0.2 else 0x2FFF
            code = self.random.randint(0, top)
            chars.append(chr(code if not 0xD800 <= code <= 0xDFFF else 0xFFFD))
        return "".join(chars)


# Text ---------------------------------------------------------------------------------


def piece(c: Choices, long_odds: int = 40) -> str:
    """A fragment of hostile text; one in `long_odds` is a long line or token."""
    if c.number(1, long_odds) == 1:
        return c.pick(_LONG_CHARACTERS) * c.number(1_000, 20_000)
    kind = c.number(1, 39)
    if kind < 10:
        return c.unicode(12)
    if kind < 20:
        return c.pick(HOSTILE_CHARACTERS)
    if kind < 28:
        return c.pick(NEWS)
    if kind < 34:
        return f"{c.pick(NUMBERS)} {c.pick(_TOLL_NOUNS)}"
    return f"on {c.pick(DATES)}"


def hostile_text(c: Choices, most: int = 8, long_odds: int = 40) -> str:
    return " ".join(piece(c, long_odds) for _ in range(c.number(0, most)))


def page_text(c: Choices, most: int) -> str:
    """Text for a page of many parts: a long line in about one page in twenty."""
    return hostile_text(c, most, long_odds=200)


def text_bytes(c: Choices) -> bytes:
    encoding = c.pick(["utf-8", "utf-16", "cp1252", "latin-1", "koi8-r"])
    text = hostile_text(c)
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


# HTML ---------------------------------------------------------------------------------

_TAGS = ("div", "p", "span", "article", "section", "main", "nav", "aside", "header",
         "footer", "h1", "h2", "a", "b", "table", "tr", "td", "ul", "li", "script", "style",
         "iframe", "svg", "math", "template", "noscript", "form", "pre", "br", "img")  # fmt: skip
_ATTRIBUTES = (
    "", ' class="main-menu"', ' role="main"', ' id="story"', ' role="navigation"',
    ' href="javascript:alert(1)"', ' style="display:none"', ' dir="rtl" lang="ar"',
    ' class="cookie-banner"', ' class="\u202e"', " hidden", ' x="' + "a" * 500 + '"',
)  # fmt: skip
_META = ('<meta property="article:published_time" content="{0}">',
         '<meta name="date" content="{0}">', '<time datetime="{0}">{0}</time>', "")  # fmt: skip


def html_element(c: Choices, depth: int = 0) -> str:
    if depth > 3 or c.number(0, 2) == 0:
        text = page_text(c, 3)
        return c.pick([escape(text), text])
    tag = c.pick(_TAGS)
    children = "".join(html_element(c, depth + 1) for _ in range(c.number(0, 3)))
    closing = f"</{tag}>" if c.number(0, 4) else ""  # now and then left open
    return f"<{tag}{c.pick(_ATTRIBUTES)}>{children}{closing}"


def html_page(c: Choices) -> str:
    body = html_element(c)
    if c.number(0, 3):  # most pages tell a story among their hostile parts
        story = f"<p>{c.pick(NEWS)} {c.pick(NEWS)}</p>"
        body = c.pick([story + body, body + story, f"<article>{story}{body}</article>"])
    if c.number(0, 3) == 0:
        return body  # a fragment, no page around it
    meta = c.pick(_META).format(c.pick(DATES)) if c.number(0, 2) == 0 else ""
    head = f"<title>{page_text(c, 2)}</title>{meta}"
    doctype = c.pick(["<!DOCTYPE html>", ""])
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>"


# Feeds --------------------------------------------------------------------------------

_DOCTYPES = (
    "",
    "",
    '<!DOCTYPE rss [<!ENTITY a "Gunmen attacked a village">]>',
    '<!DOCTYPE rss [<!ENTITY a "aa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>',
    '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>',
    '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">',
)
_ENTITY_USES = ("", "", "&a;", "&c;", "&x;", "&undefined;", "&#0;", "&#x110000;")


def feed_entry(c: Choices, atom: bool) -> str:
    title, guid, date = page_text(c, 2), page_text(c, 1), c.pick(DATES)
    body = page_text(c, 8) + c.pick(_ENTITY_USES)
    if atom:
        return (
            f"<entry><title>{escape(title)}</title><id>{escape(guid)}</id><updated>"
            f'{escape(date)}</updated><content type="html">{escape(body)}</content></entry>'
        )
    description = c.pick([f"<![CDATA[{body}]]>", escape(body), body])
    return (
        f"<item><title>{escape(title)}</title><guid>{escape(guid)}</guid><pubDate>"
        f"{escape(date)}</pubDate><description>{description}</description></item>"
    )


def feed_bytes(c: Choices) -> bytes:
    atom = c.pick([True, False])
    entries = "".join(feed_entry(c, atom) for _ in range(c.number(0, 3)))
    title = f"W{c.pick(_ENTITY_USES)}"
    if atom:
        body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{entries}</feed>'
    else:
        body = f'<rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'
    encoding = c.pick(["utf-8", "utf-8", "iso-8859-1", "utf-16", "bogus"])
    head = f'<?xml version="1.0" encoding="{encoding}"?>{c.pick(_DOCTYPES)}'
    data = (head + body).encode("utf-8", errors="surrogatepass")
    cut = c.pick([0, 0, 0, c.number(1, 200)])
    return data[: len(data) - cut] if cut else data


# PDF ----------------------------------------------------------------------------------


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table around `objects` (1 0 obj, ...)."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def page_pdf(content: bytes, pages: bytes = b"<</Type/Pages/Kids[3 0 R]/Count 1>>") -> bytes:
    """One page whose content stream (Flate-compressed) is `content`."""
    packed = zlib.compress(content)
    return assemble_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        pages,
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ])  # fmt: skip


def _shown(text: str) -> bytes:
    raw = text.encode("latin-1", errors="replace")
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"BT /F1 12 Tf 72 712 Td (" + raw + b") Tj ET\n"


_OPERATORS = (b"q ", b"Q ", b"1 0 0 1 0 0 cm ", b"BT ", b"ET ", b"/F9 12 Tf ", b"(x) Tj ",
              b"[(a) -250 (b)] TJ ", b"T* ", b"0 -14 Td ", b"999999999 Tz ", b"/X0 Do ",
              b"<</A 1>> BDC ", b"EMC ", b"((( Tj ", b"1e999 0 Td ", b"\x00\xff ")  # fmt: skip
_PAGE_TREES = (
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Pages/Kids[2 0 R]/Count 1>>",  # a tree that contains itself
    b"<</Type/Pages/Kids[3 0 R 3 0 R 9 0 R]/Count 99999999>>",
    b"<</Type/Pages/Kids 3 0 R/Count -1>>",
)


def pdf_bytes(c: Choices) -> bytes:
    content = b"".join(
        _shown(hostile_text(c, 3)) if c.number(0, 1) else c.pick(_OPERATORS)
        for _ in range(c.number(0, 6))
    )
    data = bytearray(page_pdf(content, c.pick(_PAGE_TREES)))
    for _ in range(c.pick([0, 0, 1, 3])):  # flip bytes anywhere: the xref, a stream, a key
        data[c.number(0, len(data) - 1)] = c.number(0, 255)
    cut = c.pick([0, 0, c.number(1, 400)])
    return bytes(data[: len(data) - cut] if cut < len(data) else data)


# JSON Lines and CSV -------------------------------------------------------------------

_KEYS = ("id", "title", "text", "url", "source", "published", "extra", "")


def json_value(c: Choices) -> Any:
    kind = c.number(0, 9)
    if kind < 4:
        return hostile_text(c)
    return c.pick([
        c.pick(DATES), None, True, c.number(-(2**70), 2**70), float("nan"), float("inf"),
        [hostile_text(c, 2)], {hostile_text(c, 1): hostile_text(c, 2)},
    ])  # fmt: skip


def as_lines(text: str) -> list[str]:
    """Lines as the records reader gets them: split at \\n, \\r and \\r\\n, ends kept."""
    return list(io.StringIO(text, newline=""))


def json_lines(c: Choices) -> list[str]:
    lines = []
    for _ in range(c.number(1, 4)):
        if c.number(0, 5) == 0:
            lines.append(c.pick(["", "[]", "null", "{", "\x00", "{}", '"text"']))
            continue
        record = {c.pick(_KEYS): json_value(c) for _ in range(c.number(0, 7))}
        line = json.dumps(record, ensure_ascii=c.pick([True, False]))
        cut = c.pick([0, 0, 0, c.number(1, 20)])
        lines.append(line[: len(line) - cut] if cut else line)
    return as_lines("\n".join(lines) + "\n")


def csv_lines(c: Choices) -> list[str]:
    if c.number(0, 4) == 0:
        return as_lines(hostile_text(c))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.pick(_KEYS) for _ in range(c.number(1, 6))])
    for _ in range(c.number(0, 3)):
        writer.writerow([c.pick([hostile_text(c), c.pick(DATES)]) for _ in range(c.number(0, 6))])
    return as_lines(out.getvalue())


# Any bytes ----------------------------------------------------------------------------

_OPENINGS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.7\n", b"<rss>",
             b"<?xml version='1.0'?><feed>", b"<html>", b'{"text": "', b"id,text\n",
             b"\x1f\x8b\x08", b"PK\x03\x04")  # fmt: skip


def any_bytes(c: Choices) -> bytes:
    """An opening that picks a reader, then bytes of anything, or of hostile text."""
    if c.number(0, 1):
        rest = bytes(c.number(0, 255) for _ in range(c.number(0, 300)))
    else:
        rest = hostile_text(c).encode("utf-8", errors="surrogatepass")
    return c.pick(_OPENINGS) + rest


BUILDERS: dict[str, Callable[[Choices], Any]] = {
    "text": text_bytes,
    "html": html_page,
    "pdf": pdf_bytes,
    "feed": feed_bytes,
    "jsonl": json_lines,
    "csv": csv_lines,
    "any": any_bytes,
}
