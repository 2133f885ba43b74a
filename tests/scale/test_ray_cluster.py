"""`newsledger batch --address`: joining a Ray cluster that is already running, here a
head started with `ray start` on loopback. Its workers are the cluster's, started
without our environment, so the user's actor dictionary must travel with the job."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

pytestmark = pytest.mark.slow

RAY = Path(sys.executable).parent / "ray"
RECORDS = [
    {
        "id": "warri-2",
        "text": "Warri, April 3 (NDW) -- The Red Delta Brigade attacked an oil pipeline "
        "near Warri on Wednesday, the army said.",
        "published": "2024-04-03",
    },
    {
        "id": "bamako-2",
        "text": "Bamako, August 2 (SAW) -- Rebels in northern Mali released three aid "
        "workers on Friday.",
        "published": "2024-08-02",
    },
]
ACTORS_CSV = "alias,name,country,sector\nRed Delta Brigade,Red Delta Brigade,CMR,REB\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cluster() -> Iterator[tuple[str, dict[str, str]]]:
    """A one-node cluster, as `ray start --head` makes it (authentication off, so the
    test does not depend on a token left in ~/.ray by other runs)."""
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    env.pop("NEWSLEDGER_ACTORS", None)
    port = _free_port()
    head = [str(RAY), "start", "--head", "--port", str(port), "--num-cpus", "2",
            "--include-dashboard", "false", "--node-ip-address", "127.0.0.1",
            "--disable-usage-stats"]  # fmt: skip
    started = subprocess.run(head, env=env, capture_output=True, text=True, timeout=180)
    assert started.returncode == 0, started.stdout[-2000:] + started.stderr[-2000:]
    try:
        yield f"127.0.0.1:{port}", env
    finally:
        subprocess.run([str(RAY), "stop", "--force"], env=env, capture_output=True, timeout=180)


def _newsledger(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsledger", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_batch_joins_a_running_cluster_and_its_workers_use_the_users_dictionary(cluster, tmp_path):
    address, env = cluster
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    (tmp_path / "actors.csv").write_text(ACTORS_CSV)

    batch = _newsledger(tmp_path, env, "batch", "--engine", "ray", "in.jsonl", "out",
                        "--address", address, "--actors", "actors.csv")  # fmt: skip
    assert batch.returncode == 0, batch.stderr[-2000:]
    assert batch.stdout.splitlines() == ["batched 2, failed 0"]

    local = _newsledger(tmp_path, env, "extract", "in.jsonl", "--json", "--actors", "actors.csv")
    expected = [e for line in local.stdout.splitlines() for e in json.loads(line)["events"]]
    rows = pq.read_table(tmp_path / "out" / "events").to_pylist()
    assert sorted((r["id"], r["type"], r["actor_country"]) for r in rows) == sorted(
        (e["id"], e["type"], (e["actor"] or {}).get("country")) for e in expected
    )
    (attack,) = [r for r in rows if r["article_id"] == "warri-2"]
    assert (attack["actor_country"], attack["actor_sector"]) == ("CMR", "REB")


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1:{port}", "cannot join the Ray cluster at 127.0.0.1:{port} (nothing answers"),
        ("ray://127.0.0.1:{port}", "Ray Data does not run through Ray Client (ray://)"),
    ],
)
def test_an_address_that_cannot_work_is_one_line_at_once(tmp_path, address, message):
    (tmp_path / "in.jsonl").write_text(json.dumps(RECORDS[1]) + "\n")
    port = _free_port()  # nothing listens there
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}
    result = _newsledger(tmp_path, env, "batch", "--engine", "ray", "in.jsonl", "out",
                         "--address", address.format(port=port))  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert message.format(port=port) in result.stderr
