"""`newsledger reextract`: stored articles extracted again after an upgrade."""

from __future__ import annotations

import click

from newsledger.cli_options import db_option
from newsledger.errors import NewsledgerError


@click.command(name="reextract")
@db_option
@click.option("--before", metavar="VERSION",
              help="Only articles extracted by a version older than this.")  # fmt: skip
def reextract_command(db_path: str, before: str | None) -> None:
    """Extract stored articles again with this version of newsledger."""
    raise NewsledgerError("reextract is being built")  # replaced by the reextract module
