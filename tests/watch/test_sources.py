"""What a poll reads: only files that are new or changed, and only once a poll is done."""

from __future__ import annotations

import os

import pytest
from tests.conftest import PROTEST_ARTICLE, TALKS_ARTICLE, write

from newsledger.ingest import Limits
from newsledger.watch.sources import FeedUrl, PathSource, SourceError, make_source


def _origins(source: PathSource) -> list[str]:
    poll = source.poll(db=None)  # type: ignore[arg-type] - folders never use the ledger
    origins = [item.origin for item in poll.items]
    poll.done()
    return origins


def test_a_folder_is_read_again_only_for_files_that_are_new_or_changed(tmp_path):
    inbox = tmp_path / "inbox"
    first = write(inbox / "a.txt", PROTEST_ARTICLE)
    write(inbox / ".hidden.txt", TALKS_ARTICLE)
    source = PathSource(inbox, Limits())
    assert _origins(source) == [str(first)]
    assert _origins(source) == []
    second = write(inbox / "sub" / "b.md", TALKS_ARTICLE)
    assert _origins(source) == [str(second)]
    stat = first.stat()
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert _origins(source) == [str(first)]


def test_a_poll_that_is_not_done_is_read_again(tmp_path):
    article = write(tmp_path / "a.txt", PROTEST_ARTICLE)
    source = PathSource(article, Limits())
    poll = source.poll(db=None)  # type: ignore[arg-type]
    assert len(list(poll.items)) == 1  # read, but never marked done (a full disk, say)
    assert _origins(source) == [str(article)]


def test_a_missing_path_is_a_source_error_until_it_appears(tmp_path):
    source = PathSource(tmp_path / "later", Limits())
    with pytest.raises(SourceError, match="later: no such file or directory"):
        source.poll(db=None)  # type: ignore[arg-type]
    write(tmp_path / "later" / "a.txt", PROTEST_ARTICLE)
    assert len(_origins(source)) == 1


def test_urls_are_feeds_and_anything_else_a_path():
    assert isinstance(make_source("https://example.org/rss", Limits(), 5), FeedUrl)
    assert isinstance(make_source("HTTP://example.org/rss", Limits(), 5), FeedUrl)
    assert isinstance(make_source("feeds/", Limits(), 5), PathSource)
