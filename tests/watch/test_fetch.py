"""One conditional GET, bounded in time and size, against a real server on loopback."""

from __future__ import annotations

import time

import pytest
from tests.serve.servers import free_port
from tests.watch.feed_server import entry, feed, feed_server

from newsledger.watch.fetch import FetchError, Validators, fetch


def test_a_second_request_is_conditional_and_an_unchanged_feed_is_a_304():
    with feed_server() as server:
        server.serve(feed(entry(1)))
        first = fetch(server.url, Validators(), timeout=5, max_bytes=10**6)
        assert first.body == server.body
        assert first.validators == Validators(server.etag, server.modified)
        again = fetch(server.url, first.validators, timeout=5, max_bytes=10**6)
    assert again.body is None and again.validators == first.validators
    assert server.requests[1]["If-None-Match"] == server.etag
    assert server.requests[1]["If-Modified-Since"] == server.modified
    assert server.answers == [200, 304]


def test_a_gzip_body_is_inflated():
    with feed_server() as server:
        server.serve(feed(entry(1)))
        server.mode = "gzip"
        fetched = fetch(server.url, Validators(), timeout=5, max_bytes=10**6)
    assert fetched.body == server.body


@pytest.mark.parametrize(
    "mode, message",
    [
        ("http500", "the server answered HTTP 500 (Internal Server Error)"),
        ("bomb", "the feed inflates to more than 1 MB (a decompression bomb?); not read"),
    ],
)
def test_a_failing_server_is_one_clear_line(mode, message):
    with feed_server() as server:
        server.mode = mode
        with pytest.raises(FetchError) as caught:
            fetch(server.url, Validators(), timeout=5, max_bytes=10**6)
    assert str(caught.value) == f"{server.url}: {message}"


def test_a_feed_larger_than_the_limit_is_not_read():
    with feed_server() as server:
        server.serve(feed(*(entry(n) for n in range(40))))
        with pytest.raises(FetchError, match="feed larger than 0.001 MB; not read"):
            fetch(server.url, Validators(), timeout=5, max_bytes=1000)


def test_a_server_that_does_not_answer_is_given_up_on_after_the_timeout():
    with feed_server() as server:
        server.mode, server.delay = "delay", 3
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"no answer within 0.5 s"):
            fetch(server.url, Validators(), timeout=0.5, max_bytes=10**6)
    assert time.monotonic() - started < 2


def test_nothing_listening_is_a_connection_error():
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    with pytest.raises(FetchError, match=r"cannot connect \(.*refused"):
        fetch(url, Validators(), timeout=2, max_bytes=10**6)
