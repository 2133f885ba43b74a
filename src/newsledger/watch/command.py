"""`newsledger watch`: continuous monitoring of feeds, folders and feed URLs."""

from __future__ import annotations

import sys

import click

from newsledger.cli_options import db_option
from newsledger.watch.interval import Interval


@click.command(name="watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--every",
    type=Interval(),
    default="10m",
    show_default=True,
    help="How often to poll: 30s, 10m, 1h.",
)
@click.option(
    "--once",
    is_flag=True,
    help="Poll once and exit, as a cron job would (exit 1 if anything failed).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds a feed URL may take to answer.",
)
@click.option("--article-timeout", type=click.FloatRange(0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds one article may take before it is skipped.")  # fmt: skip
def watch_command(
    sources: tuple[str, ...], db_path: str, every: float, once: bool, timeout: float,
    article_timeout: float,
) -> None:  # fmt: skip
    """Poll feeds, folders and feed URLs, ingesting only new articles.

    SOURCES are feed files, folders (read recursively) and http(s) feed URLs. A URL is
    asked with the ETag and Last-Modified of its last answer, kept in the ledger, so an
    unchanged feed costs one 304. Each failure (a feed down, a bad entry, a full disk)
    is reported once on stderr, not at every poll, and watching goes on. SIGINT or
    SIGTERM stops after the article in hand (exit 0); a second one stops at once and
    rolls that article back (exit 130).

    \b
    Examples:
      newsledger watch https://example.org/world.rss inbox/ --every 10m --db news.db
      newsledger watch feeds/ --every 30s
      newsledger watch https://example.org/feed.xml --once   # from cron
    """
    # The ledger, the readers and spaCy load here, not when the command line starts.
    from newsledger.ingest import Limits
    from newsledger.ledger import Ledger
    from newsledger.scale.pool import Guard
    from newsledger.watch.failures import FailureLog
    from newsledger.watch.monitor import Watcher
    from newsledger.watch.shutdown import Shutdown
    from newsledger.watch.sources import make_source

    def say(line: str) -> None:
        click.echo(line, err=True)

    limits = Limits()
    watched = [make_source(source, limits, timeout) for source in sources]
    # The handlers go in first and come out last: from here on, a signal is a request
    # to stop (the first) or an interrupt (the second), whatever is being done.
    try:
        with Shutdown() as shutdown, Ledger(db_path) as ledger:
            if not once:
                say(
                    f"watch: polling {len(watched)} source{'s' if len(watched) > 1 else ''} "
                    f"every {every:g} s into {db_path} (Ctrl-C stops after the article in hand)"
                )
            watcher = Watcher(
                watched, ledger, guard=Guard(seconds_per_article=article_timeout),
                failures=FailureLog(say), shutdown=shutdown, say=say,
            )  # fmt: skip
            report = watcher.run(every, once=once)
    except KeyboardInterrupt:
        say("watch: stopped at once by a second signal; the article in hand was rolled back")
        sys.exit(130)
    click.echo(report.summary())
    sys.exit(1 if once and report.failed else 0)
