"""A real HTTP server on loopback that serves one feed, which a test changes, breaks,
slows down and mends while `newsledger watch` polls it."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOWNS = ("Kaya", "Djibo", "Dori", "Fada", "Gao", "Menaka", "Tillaberi", "Diffa", "Mopti")


def entry(n: int, text: str | None = None) -> str:
    """One RSS item: a short report of an attack, its own text for every `n`."""
    town = TOWNS[n % len(TOWNS)]
    body = (
        text
        if text is not None
        else (
            f"{town.upper()}, May {1 + n % 27} (Sahel Wire) -- Gunmen attacked a village near "
            f"{town} on Monday, killing {n + 3} people, officials said in report number {n}."
        )
    )
    return (
        f"<item><title>Gunmen attack village near {town} ({n})</title>"
        f"<link>https://sahelwire.example/{n}</link><guid>sw-{n}</guid>"
        f"<pubDate>Mon, {1 + n % 27:02d} May 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
    )


def feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Sahel Wire</title><link>https://sahelwire.example/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    ).encode()


@dataclass
class FeedServer:
    """What the server does now (`mode`) and what it has seen (`requests`)."""

    url: str = ""
    body: bytes = b""
    mode: str = "feed"  # feed, http500, delay (no answer), gzip, bomb, not-feed
    delay: float = 0.0
    requests: list[dict[str, str]] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    modified: str = field(default_factory=lambda: formatdate(usegmt=True))

    def serve(self, body: bytes) -> None:
        self.body, self.mode = body, "feed"
        self.modified = formatdate(time.time(), usegmt=True)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.requests.append(dict(self.headers.items()))
            mode = state.mode
            if mode == "delay":  # never answers: the client gives up first
                time.sleep(state.delay)
                return None
            if mode == "http500":
                return self._answer(500, b"internal error")
            if mode == "not-feed":
                return self._answer(200, b"<html><body><p>Down for maintenance.</p></body></html>")
            if mode == "bomb":  # 64 MB of zeros in about 64 KB
                return self._answer(200, gzip.compress(b"\0" * (64 << 20)), gzip=True)
            if self.headers.get("If-None-Match") == state.etag:
                return self._answer(304, b"")
            body = gzip.compress(state.body) if mode == "gzip" else state.body
            return self._answer(200, body, gzip=mode == "gzip", validators=True)

        def _answer(
            self, code: int, body: bytes, gzip: bool = False, validators: bool = False
        ) -> None:
            state.answers.append(code)
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/rss+xml")
                if gzip:
                    self.send_header("Content-Encoding", "gzip")
                if validators:
                    self.send_header("ETag", state.etag)
                    self.send_header("Last-Modified", state.modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting: what a timeout test wants

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
