"""`newsledger serve`: the HTTP API and dashboard over one ledger."""

from __future__ import annotations

import ipaddress

import click

from newsledger.cli_options import db_option


@click.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to bind (0: any free port).")  # fmt: skip
@click.option("--token", envvar="NEWSLEDGER_TOKEN", default=None,
              help="Bearer token that turns on POST /api/ingest (prefer $NEWSLEDGER_TOKEN: "
              "other users can see a command line).")  # fmt: skip
def serve_command(db_path: str, host: str, port: int, token: str | None) -> None:
    """Serve the JSON API and the dashboard.

    The dashboard is at / and works offline; the API is under /api/ and described at
    /openapi.json. The server reads the ledger while `newsledger ingest` writes it.
    POST /api/ingest is off unless a token is given.

    \b
    Examples:
      newsledger serve --db news.db              # http://127.0.0.1:8000/
      curl 'http://127.0.0.1:8000/api/events.csv?country=SDN&type=assault'
      NEWSLEDGER_TOKEN=s3cret newsledger serve --db news.db
      curl -H 'Authorization: Bearer s3cret' --data-binary @wire.jsonl \\
           http://127.0.0.1:8000/api/ingest
    """
    import uvicorn  # the server's imports are paid only by this command

    from newsledger.serve.app import create_app

    app = create_app(db_path, token=token)
    ingest = "on (token required)" if app.state.token else "off (no --token)"
    click.echo(f"newsledger: serving {db_path}; POST /api/ingest is {ingest}", err=True)
    if not _loopback(host):
        click.echo(
            f"warning: bound to {host}: anyone who can reach this port can read the ledger, "
            "and a token crosses the network in clear text (put HTTPS in front)",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
