"""`newsledger batch --engine ray`: the per-article extraction mapped over shards with Ray Data.

The driver finds the shards and plans their pieces (`shards`); Ray Data hands the pieces
to a pool of actors, one per CPU, each of which loads the spaCy pipeline once, extracts
its pieces with the same guarded `extract` as `ingest --workers`, and writes the part
files itself (`parquet`). Only piece coordinates go out and counts and error lines come
back, so the driver never holds the corpus; with --address the workers of a cluster
read and write the paths, which must then be shared storage or object-store URIs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsledger.errors import Failures, InputError, NewsledgerError
from newsledger.extract.dictionaries import (
    ACTORS_ENV,
    read_user_dictionary,
    user_dictionary_paths,
)
from newsledger.extract.model import Extraction
from newsledger.ingest import Limits
from newsledger.pipeline import with_published
from newsledger.scale.parquet import prepare_output, write_part
from newsledger.scale.pool import Guard, extract_guarded
from newsledger.scale.shards import Piece, Shard, find_shards, plan_pieces, read_piece

# Offline and quiet: no usage reports, and Ray's own C++ logs only when fatal (Python
# errors still reach the driver as exceptions). Settings made by the user win.
_RAY_ENVIRONMENT = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_BACKEND_LOG_LEVEL": "fatal"}

# A piece should take a worker seconds to a minute: big enough that opening files and
# writing parts cost little, small enough that every worker gets several.
MIN_PIECE_BYTES = 64 * 1024
MAX_PIECE_BYTES = 16 * 1024 * 1024
PIECES_PER_WORKER = 4

_RESULT_SCHEMA = pa.schema(
    [
        ("piece", pa.int64()),
        ("articles", pa.int64()),
        ("events", pa.int64()),
        ("errors", pa.list_(pa.list_(pa.string()))),  # [origin, reason] pairs
    ]
)


@dataclass
class BatchReport(Failures):
    articles: int = 0
    events: int = 0

    def summary(self) -> str:
        return f"batched {self.articles}, failed {self.failed}"


def piece_bytes(total_bytes: int, workers: int) -> int:
    """The piece size that gives every worker several pieces, within bounds."""
    share = total_bytes // max(1, workers * PIECES_PER_WORKER)
    return min(MAX_PIECE_BYTES, max(MIN_PIECE_BYTES, share))


def extract_piece(
    piece: Piece, output: str, *, published: date | None, limits: Limits, guard: Guard
) -> dict[str, Any]:
    """Read, extract and write one piece; returns its counts and error lines."""
    errors: list[InputError] = []
    articles = []
    try:
        for item in read_piece(piece, limits):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                articles.append(with_published(item, published))
    except (OSError, pa.ArrowException) as exc:  # the records read so far still count
        errors.append(InputError(piece.origin, f"cannot read ({exc})"))
    extractions: list[Extraction] = []
    for result in extract_guarded(articles, guard) if articles else []:
        if isinstance(result, InputError):
            errors.append(result)
        else:
            extractions.append(result)
    events = write_part(output, piece.index, extractions)
    return {
        "piece": piece.index,
        "articles": len(extractions),
        "events": events,
        "errors": [[error.origin, error.reason] for error in errors],
    }


class PieceExtractor:
    """The Ray Data callable class: Ray builds one per actor, so the pipeline loads once
    per worker process, before its first piece."""

    def __init__(
        self,
        output: str,
        published: date | None,
        limits: Limits,
        guard: Guard,
        dictionaries: tuple[tuple[str, str], ...] = (),
    ):
        from newsledger.nlp import load_pipeline

        use_dictionaries(dictionaries)
        load_pipeline()
        self.output, self.published, self.limits, self.guard = output, published, limits, guard

    def __call__(self, batch: pa.Table) -> pa.Table:
        results = [
            extract_piece(
                Piece(**row), self.output,
                published=self.published, limits=self.limits, guard=self.guard,
            )
            for row in batch.to_pylist()
        ]  # fmt: skip
        return pa.Table.from_pylist(results, schema=_RESULT_SCHEMA)


def read_dictionaries(actor_files: Iterable[str] = ()) -> tuple[tuple[str, str], ...]:
    """The user's actor dictionaries ($NEWSLEDGER_ACTORS, then --actors) as (name, text),
    checked here: a cluster's workers get their text, not a path they may not see."""
    found = []
    for path in [*user_dictionary_paths(), *(Path(name) for name in actor_files)]:
        read_user_dictionary(path)  # a malformed file stops the run here, named
        found.append((path.name, path.read_text(encoding="utf-8")))
    return tuple(found)


def use_dictionaries(dictionaries: tuple[tuple[str, str], ...]) -> None:
    """In a worker: exactly the driver's dictionaries, written to local files, before
    anything loads the actor coder. The folder is named by their content, so the
    workers of a node and later runs share it instead of leaving copies behind."""
    if not dictionaries:
        os.environ.pop(ACTORS_ENV, None)
        return
    digest = hashlib.sha256(repr(dictionaries).encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"newsledger-actors-{digest}"
    folder.mkdir(exist_ok=True)
    paths = []
    for number, (name, text) in enumerate(dictionaries):
        path = folder / f"{number:02d}-{name}"
        if not path.exists():  # written beside, then renamed: other workers may race
            partial = folder / f".{path.name}.{os.getpid()}"
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
        paths.append(str(path))
    os.environ[ACTORS_ENV] = os.pathsep.join(paths)


@contextmanager
def ray_runtime(address: str | None = None, num_cpus: int | None = None) -> Iterator[int]:
    """A Ray runtime for the length of the block: a new local one (on loopback, without
    the dashboard), or the cluster at `address`. Yields the CPUs it offers."""
    for name, value in _RAY_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise NewsledgerError("newsledger batch needs Ray: pip install 'newsledger[ray]'") from exc
    quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    if address:
        _check_address(address)
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(
                address="local", num_cpus=num_cpus or os.cpu_count() or 1,
                include_dashboard=False, _node_ip_address="127.0.0.1", **quiet,
            )  # fmt: skip
    except (ConnectionError, RuntimeError, ValueError) as exc:
        if not address:
            raise NewsledgerError(f"cannot start a local Ray runtime ({exc})") from exc
        hint = ""
        if "RAY_AUTH_MODE" not in os.environ:  # Ray's clients do not send a token unasked
            hint = "; if the cluster uses token authentication, set RAY_AUTH_MODE=token"
        raise NewsledgerError(f"cannot join the Ray cluster at {address} ({exc}{hint})") from exc
    try:
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        ray.data.DataContext.get_current().enable_progress_bars = sys.stderr.isatty()
        yield max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        ray.shutdown()


def _check_address(address: str, seconds: float = 5.0) -> None:
    """Fail at once, saying what to do, for an address that cannot work: Ray Data does
    not run through Ray Client (ray://), and for a HOST:PORT where nothing listens Ray
    itself retries for minutes. ("auto" is left to Ray.)"""
    if address.startswith("ray://"):
        raise NewsledgerError(
            f"cannot use {address}: Ray Data does not run through Ray Client (ray://); "
            "run newsledger on a cluster node with --address auto, or submit it as a job: "
            "ray job submit --address http://HEAD:8265 -- newsledger batch ... --address auto"
        )
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=seconds).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise NewsledgerError(
            f"cannot join the Ray cluster at {address} (nothing answers there: {reason})"
        ) from exc


def run_batch(
    paths: Iterable[str],
    output: str,
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    published: date | None = None,
    limits: Limits = Limits(),
    guard: Guard = Guard(),
    overwrite: bool = False,
    actor_files: Iterable[str] = (),
    on_error: Callable[[InputError], None] = lambda error: None,
) -> BatchReport:
    """Extract every record of the shards under `paths` into Parquet under `output`."""
    report = BatchReport()
    dictionaries = read_dictionaries(actor_files)

    def fail(error: InputError) -> None:
        report.record(error)
        on_error(error)

    shards: list[Shard] = []
    for item in find_shards(paths):
        if isinstance(item, InputError):
            fail(item)
        else:
            shards.append(item)
    prepare_output(output, overwrite=overwrite)
    if "://" not in output:  # a worker's working folder is not ours
        output = str(Path(output).resolve())
    if not shards:
        return report
    with ray_runtime(address, num_cpus) as cpus:
        import ray.data

        pieces: list[Piece] = []
        size = piece_bytes(sum(shard.size for shard in shards), cpus)
        for planned in plan_pieces(shards, size):
            if isinstance(planned, InputError):
                fail(planned)
            else:
                pieces.append(planned)
        if not pieces:
            return report
        dataset = ray.data.from_items(
            [asdict(piece) for piece in pieces], override_num_blocks=len(pieces)
        ).map_batches(
            PieceExtractor,
            batch_size=1,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(cpus, len(pieces))),
            fn_constructor_kwargs={
                "output": output, "published": published, "limits": limits, "guard": guard,
                "dictionaries": dictionaries,
            },
            num_cpus=1,
        )  # fmt: skip
        for result in dataset.iter_rows():
            report.articles += result["articles"]
            report.events += result["events"]
            for origin, reason in result["errors"]:
                fail(InputError(origin, reason))
    return report
