"""Storage that fails for real: a full disk and a read-only one, for a command run as a
user runs it.

A full disk is a tmpfs a little larger than the ledger, mounted in a private mount
namespace (`unshare --mount`, as root). Where mounting is refused (an unprivileged
container), the command runs instead under a file-size limit (RLIMIT_FSIZE) set once it
has started, so that writes past it fail with EFBIG, as a full disk's fail with ENOSPC.
Read-only storage is a read-only bind mount for root (file modes do not stop root), a
folder without write bits for anyone else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOM = 48 * 1024  # bytes left free beside the ledger: a few pages of WAL

# A started newsledger with a file-size limit: the language model is loaded first (it
# streams 65 MB through a temporary file), then the limit is set and the command runs.
_LIMITED = """
import resource, runpy, sys
from newsledger.ingest.language import detect_language
detect_language("Police arrested three protesters during a march in the capital.")
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv[0] = "newsledger"
runpy.run_module("newsledger", run_name="__main__")
"""


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1"}


def can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True, text=True,
    )  # fmt: skip
    return probe.returncode == 0


def run_on_full_disk(ledger: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `newsledger ARGS` (where "{db}" stands for the ledger) on a copy of `ledger`
    with ROOM bytes free beside it; the copy, as the command left it, is put at `out`."""
    if can_mount():
        folder = out.parent / "disk"
        folder.mkdir()
        size = ledger.stat().st_size + ROOM
        db = folder / "ledger.db"
        command = [sys.executable, "-m", "newsledger", *(a.format(db=db) for a in args)]
        # The ledger goes in after the mount, and comes out (with any -wal beside it)
        # before the namespace, and the tmpfs with it, is gone.
        script = (
            f'mount -t tmpfs -o size={size} tmpfs "$0" && cp "$1" "$0/ledger.db" && shift && '
            '"$@"; code=$?; for f in "$D"/ledger.db*; do cp "$f" "$O${f#$D/ledger.db}"; done; '
            "exit $code"
        )
        result = subprocess.run(
            ["unshare", "--mount", "sh", "-c", script, str(folder), str(ledger), *command],
            capture_output=True, text=True, timeout=300,
            env={**_env(), "D": str(folder), "O": str(out)},
        )  # fmt: skip
        folder.rmdir()
        return result
    # Every file gets the limit, so the ledger's WAL, where each transaction goes first,
    # fills at ROOM bytes as it would on the tmpfs.
    shutil.copyfile(ledger, out)
    command = [sys.executable, "-c", _LIMITED, str(ROOM), *(a.format(db=out) for a in args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=_env())


def run_on_read_only_storage(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `newsledger ARGS` with `folder` on read-only storage."""
    command = [sys.executable, "-m", "newsledger", *args]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        for file in folder.iterdir():
            file.chmod(0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=_env(),
                                  timeout=300)  # fmt: skip
        finally:
            folder.chmod(0o755)
    script = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, str(folder), *command],
        capture_output=True, text=True, env=_env(), timeout=300,
    )  # fmt: skip
