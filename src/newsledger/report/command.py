"""`newsledger report`: a self-contained situation report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from newsledger.cli_options import db_option, event_filter_options
from newsledger.errors import NewsledgerError
from newsledger.ledger.filter_builder import build_filters
from newsledger.ledger.filter_values import FilterValueError


def _dyad(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from newsledger.report.data import parse_dyad

    try:
        return parse_dyad(value)
    except FilterValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from exc


@click.command(name="report")
@db_option
@event_filter_options
@click.option("--dyad", metavar="A-B", callback=_dyad,
              help="Only events between these two countries, either way (ISO codes or "
              "names), e.g. ISR-LBN or Sudan-Chad.")  # fmt: skip
@click.option("--reaction-days", type=click.IntRange(0), default=None, metavar="N",
              help="An action-reaction chain goes on while each act answers the last within "
              "N days (default 7, resources/report/report.toml).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(("html", "md")), default="html",
              show_default=True, help="Report format.")  # fmt: skip
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True,
              help="File to write.")  # fmt: skip
def report_command(
    db_path: str,
    dyad: tuple[str, str] | None,
    reaction_days: int | None,
    fmt: str,
    out: str,
    **filters: Any,
) -> None:
    """Write a situation report that opens offline.

    The HTML report is one file with everything inlined (charts as SVG, no script, no
    network reference): headline figures, a timeline of incidents by PLOVER quad
    category, a map of incidents, top actors and dyads, per-dyad trends and
    action-reaction chains, tolls with their sources and contradictions, key quotes and
    the incident list with the evidence sentences and links to the articles. --format md
    gives the same sections as Markdown tables. The events filters choose the events;
    --limit caps each list, never the counts or the charts.

    \b
    Examples:
      newsledger report --out report.html
      newsledger report --country Sudan --since 2024-04-01 --out sudan.html
      newsledger report --dyad PAK-AFG --reaction-days 3 --format md --out pak-afg.md
    """
    from newsledger.ledger import Ledger
    from newsledger.report.data import gather

    with Ledger(db_path, read_only=True) as ledger:
        data = gather(
            ledger.connection,
            build_filters("events", filters),
            dyad,
            reaction_days=reaction_days,
            ledger=Path(db_path).name,
        )
    if fmt == "html":
        from newsledger.report.html import render_html

        text = render_html(data)
    else:
        from newsledger.report.markdown import render_markdown

        text = render_markdown(data)
    _write(Path(out), text)
    click.echo(
        f"{out}: {data.figures.incidents} incidents, {data.figures.events} events "
        f"from {data.figures.articles} articles",
        err=True,
    )


def _write(path: Path, text: str) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise NewsledgerError(f"{path}: the folder {folder} does not exist (create it)")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NewsledgerError(f"{path}: cannot write the report ({exc})") from exc
