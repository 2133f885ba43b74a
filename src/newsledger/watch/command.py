"""`newsledger watch`: continuous monitoring of feeds, folders and feed URLs."""

from __future__ import annotations

import click

from newsledger.cli_options import db_option
from newsledger.errors import NewsledgerError


@click.command(name="watch")
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="10m", show_default=True,
              help="How often to poll: 30s, 10m, 1h.")  # fmt: skip
def watch_command(sources: tuple[str, ...], db_path: str, every: str) -> None:
    """Poll feeds, folders and feed URLs, ingesting only new articles."""
    raise NewsledgerError("watch is being built")  # replaced by the watch module
