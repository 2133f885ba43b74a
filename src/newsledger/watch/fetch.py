"""One conditional GET of a feed URL with the standard library, bounded in time and size.

The request carries the validators of the last response stored (If-None-Match,
If-Modified-Since), so an unchanged feed costs a 304 and no parsing. Whatever the
server does (refuses, stalls, trickles, sends a gzip bomb), `fetch` returns within
about twice `timeout` seconds with the body or a FetchError of one line.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass

from newsledger import __version__
from newsledger.errors import NewsledgerError

USER_AGENT = f"newsledger/{__version__} (watch)"
_CHUNK = 1 << 16
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"


class FetchError(NewsledgerError):
    """A feed URL that gave no usable answer; the message names the URL and the reason."""


@dataclass(frozen=True)
class Validators:
    """What the server said identifies the version of the feed we hold."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """A feed's body, or None when the server says it has not changed (304)."""

    body: bytes | None
    validators: Validators


def fetch(url: str, known: Validators, *, timeout: float, max_bytes: int) -> Fetched:
    """GET `url`, conditional on `known`; raises FetchError on any failure."""
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = _read_bounded(response, deadline, max_bytes, url, timeout)
            body = _decoded(raw, response.headers.get("Content-Encoding"), max_bytes, url)
            return Fetched(
                body,
                Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(None, known)
        raise FetchError(f"{url}: the server answered HTTP {exc.code} ({exc.reason})") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from exc
        raise FetchError(f"{url}: cannot connect ({exc.reason})") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: broken answer ({type(exc).__name__}: {exc})") from exc


def _read_bounded(
    response: http.client.HTTPResponse, deadline: float, max_bytes: int, url: str, timeout: float
) -> bytes:
    """The body, read a chunk at a time: each read waits at most `timeout` (the socket's
    limit), and a server that trickles bytes is cut off at the deadline."""
    parts: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: feed larger than {max_bytes / 1e6:g} MB; not read")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the feed took longer than {timeout:g} s to arrive")
        parts.append(chunk)
    return b"".join(parts)


def _decoded(raw: bytes, encoding: str | None, max_bytes: int, url: str) -> bytes:
    """A gzip body inflated, at most `max_bytes` of it: a small bomb never fills memory."""
    if (encoding or "identity").strip().lower() in ("identity", ""):
        return raw
    if encoding.strip().lower() not in ("gzip", "x-gzip"):
        raise FetchError(f"{url}: the server sent an encoding we did not ask for ({encoding})")
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        body = inflater.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt gzip body ({exc})") from exc
    if len(body) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(
            f"{url}: the feed inflates to more than {max_bytes / 1e6:g} MB "
            "(a decompression bomb?); not read"
        )
    return body
