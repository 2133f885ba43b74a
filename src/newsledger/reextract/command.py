"""`newsledger reextract`: stored articles extracted again after an upgrade."""

from __future__ import annotations

import sys

import click

from newsledger.cli_options import db_option


@click.command(name="reextract")
@db_option
@click.option("--before", metavar="VERSION",
              help="Only articles extracted by a version older than this "
              "(default: this newsledger's version).")  # fmt: skip
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for extraction (1: in this process).")  # fmt: skip
@click.option("--article-timeout", type=click.FloatRange(0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds one article may take before it is skipped.")  # fmt: skip
def reextract_command(
    db_path: str, before: str | None, workers: int, article_timeout: float
) -> None:
    """Extract stored articles again with this version of newsledger.

    Each article records the version that extracted it. Those older than VERSION get
    new events, quotes and claims, and their incidents are linked again, one article
    per transaction: a run that is stopped or killed is resumed by running it again.
    An article that fails keeps its old extraction and is reported (exit 1).

    \b
    Examples:
      newsledger reextract --db news.db                 # after upgrading newsledger
      newsledger reextract --db news.db --before 0.1.0  # only what 0.0.x extracted
      newsledger reextract --db news.db --workers 2
    """
    # The ledger and spaCy load here, not when the command line starts.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newsledger.ledger import Ledger
    from newsledger.reextract.run import ReextractReport, reextract
    from newsledger.reextract.versions import target_version
    from newsledger.scale.pool import Guard

    target = target_version(before)
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True, disable=not sys.stderr.isatty(),
    )  # fmt: skip
    task = progress.add_task("reextracting", total=None)

    def start(report: ReextractReport) -> None:
        progress.update(task, total=report.total)

    def show(report: ReextractReport) -> None:
        progress.update(task, completed=report.seen, description=report.summary())

    def error(failure: Exception) -> None:
        progress.console.print(f"error: {failure}", markup=False, highlight=False)

    with Ledger(db_path) as ledger, progress:
        report = reextract(
            ledger, target, workers=workers, guard=Guard(seconds_per_article=article_timeout),
            on_start=start, on_error=error, on_progress=show,
        )  # fmt: skip
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)
