"""The real server on a free loopback port, either as the command line starts it (a
subprocess) or as `create_app` builds it (uvicorn in a thread of the test process)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def copy_ledger(base: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "ledger.db"
    shutil.copyfile(base, copy)  # closed cleanly: its WAL was checkpointed into it
    return copy


def free_port() -> int:
    """A port nothing listens on now (bound to port 0, then let go)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, alive: Callable[[], bool] = lambda: True, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("the server stopped before it answered")
        try:
            if httpx.get(f"{url}/api/ledger", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


@contextmanager
def serve_cli(db: Path, log: Path, token: str | None = None) -> Iterator[str]:
    """`newsledger serve --db DB --port N` as a user starts it; yields its base URL.
    Its output goes to `log` (a pipe nobody reads would fill and stall it)."""
    port = free_port()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("NEWSLEDGER_TOKEN", None)
    if token is not None:
        env["NEWSLEDGER_TOKEN"] = token
    command = [sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(url, alive=lambda: process.poll() is None)
        except RuntimeError as exc:
            pytest.fail(f"{exc}; its output:\n{log.read_text()}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def serve_app(app) -> Iterator[str]:
    """An app from `create_app` on uvicorn in a thread of this process, on loopback."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, alive=thread.is_alive)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)
