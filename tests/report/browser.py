"""Opening a page in headless chromium with networking cut off, as a reader would open a
report on a machine with no network, and keeping what a test needs: a screenshot, the
DOM the browser built, the console messages and every network request it tried.

Driven from the command line (`--screenshot`, `--dump-dom`, `--enable-logging=stderr`)
rather than with playwright: it needs nothing but Debian's browser, and the report has
no script, so console messages are all the browser itself would print (a blocked load,
a parse error). Every request goes to a proxy on loopback that answers nothing and
writes down what was asked, which shows that the page asked for nothing.
"""

from __future__ import annotations

import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Chromium's own background services (component updates, network time, sign-in) ask for
# these hosts whatever page is open; a request to any other host came from the page.
BROWSER_SERVICES = ("google.com", "googleapis.com", "gstatic.com")
_CONSOLE = re.compile(r":CONSOLE[^\]]*\] (.*)$", re.MULTILINE)
_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--no-pings", "--hide-scrollbars",
    "--enable-logging=stderr", "--v=0",
)  # fmt: skip


@dataclass
class PageRun:
    screenshot: Path
    dom: str
    console: list[str]
    requests: list[str]  # request lines the proxy received ("GET http://... HTTP/1.1")

    @property
    def page_requests(self) -> list[str]:
        """Requests not made by the browser's own background services."""
        return [r for r in self.requests if not _service(r)]


def _service(request: str) -> bool:
    parts = request.split()
    target = parts[1] if len(parts) > 1 else ""
    host = re.sub(r"^[a-z]+://", "", target).split("/")[0].split(":")[0].lower()
    return any(host == s or host.endswith("." + s) for s in BROWSER_SERVICES)


@contextmanager
def recording_proxy() -> Iterator[tuple[int, list[str]]]:
    """A loopback port that accepts connections, records each first line and closes."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    seen: list[str] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    first = connection.recv(4096).split(b"\r\n", 1)[0]
                except OSError:
                    first = b"(no request line)"
                seen.append(first.decode("latin-1"))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def open_offline(
    chromium: Path, page: Path, work: Path, width: int = 1280, height: int = 2200
) -> PageRun:
    """Open `page` twice (a screenshot, then the DOM) with every request sent to the
    recording proxy, loopback included."""
    screenshot = work / "screenshot.png"
    console: list[str] = []
    with recording_proxy() as (port, requests):
        network = (f"--proxy-server=127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>")
        runs = {
            "shot": (f"--screenshot={screenshot}", f"--window-size={width},{height}"),
            "dom": ("--dump-dom", f"--window-size={width},{height}"),
        }
        out = {}
        for name, extra in runs.items():
            result = subprocess.run(
                [str(chromium), *_FLAGS, *network, f"--user-data-dir={work / name}", *extra,
                 page.resolve().as_uri()],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr[-2000:]
            console += _CONSOLE.findall(result.stderr)
            out[name] = result.stdout
    return PageRun(screenshot, out["dom"], console, list(requests))
