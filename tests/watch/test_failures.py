"""Each failure is reported once, not at every poll."""

from __future__ import annotations

from newsledger.watch.failures import FailureLog


def test_a_failing_source_is_reported_when_it_starts_changes_and_recovers():
    lines: list[str] = []
    log = FailureLog(lines.append)
    for _ in range(3):
        log.source_failed("https://x/feed", "https://x/feed: no answer within 30 s")
    log.source_failed("https://x/feed", "https://x/feed: the server answered HTTP 503")
    log.source_ok("https://x/feed")
    log.source_ok("https://x/feed")
    log.source_failed("https://x/feed", "https://x/feed: no answer within 30 s")
    assert lines == [
        "error: https://x/feed: no answer within 30 s",
        "error: https://x/feed: the server answered HTTP 503",
        "watch: https://x/feed: polled again without error",
        "error: https://x/feed: no answer within 30 s",
    ]


def test_a_bad_feed_entry_is_reported_once_wherever_it_moves_in_the_feed():
    lines: list[str] = []
    log = FailureLog(lines.append)
    assert log.item_failed("feed.xml#entry3", "feed entry 'A' has no text")
    assert not log.item_failed("feed.xml#entry4", "feed entry 'A' has no text")
    assert log.item_failed("feed.xml#entry4", "feed entry 'B' has no text")
    assert lines == [
        "error: feed.xml#entry3: feed entry 'A' has no text",
        "error: feed.xml#entry4: feed entry 'B' has no text",
    ]
