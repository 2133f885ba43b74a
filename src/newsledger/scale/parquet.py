"""The Parquet layout that `newsledger batch` writes and `newsledger load` reads.

    OUTPUT_DIR/articles/part-NNNNN.parquet   one row per article; `extraction` holds the
                                             whole contract as JSON, so nothing is lost
    OUTPUT_DIR/events/part-NNNNN.parquet     one row per event, in flat columns for DuckDB,
                                             Spark or pandas

Part N holds what piece N of the input gave, so a run writes the same files each time.
The schemas are fixed here, so parts with no events or no dates still line up.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsledger.errors import Failures, InputError, NewsledgerError
from newsledger.extract.model import Extraction
from newsledger.ledger import Ledger
from newsledger.scale.shards import filesystem

ARTICLES = "articles"
EVENTS = "events"

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("hash", pa.string()),
        ("title", pa.string()),
        ("subtitle", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("published", pa.date32()),
        ("dateline", pa.string()),  # JSON: the contract's article.dateline
        ("origin", pa.string()),  # FILE:LINE of the record
        ("text", pa.string()),  # the clean text every offset points into
        ("extraction", pa.string()),  # JSON: Extraction.to_dict()
    ]
)

_STRING = pa.string()
_COUNT = pa.int64()
EVENT_SCHEMA = pa.schema(
    [
        ("article_id", _STRING), ("article_hash", _STRING), ("position", pa.int32()),
        ("id", _STRING), ("type", _STRING), ("mode", _STRING), ("cameo", _STRING),
        ("goldstein", pa.float64()), ("acled_event_type", _STRING),
        ("acled_sub_event_type", _STRING),
        ("actor_text", _STRING), ("actor_name", _STRING), ("actor_country", _STRING),
        ("actor_sector", _STRING),
        ("recipient_text", _STRING), ("recipient_name", _STRING), ("recipient_country", _STRING),
        ("recipient_sector", _STRING),
        ("date", pa.date32()), ("date_precision", _STRING),
        ("location_name", _STRING), ("location_country", _STRING),
        ("lat", pa.float64()), ("lon", pa.float64()),
        ("fatalities_min", _COUNT), ("fatalities_max", _COUNT),
        ("injuries_min", _COUNT), ("injuries_max", _COUNT),
        ("verbal", pa.bool_()), ("negated", pa.bool_()), ("hypothetical", pa.bool_()),
        ("future", pa.bool_()), ("generic", pa.bool_()), ("historical", pa.bool_()),
        ("confidence", pa.float64()),
        ("sentence", _STRING),  # the sentence of the first mention
    ]
)  # fmt: skip


def article_row(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    return {
        "id": article.id,
        "hash": article.hash,
        "title": article.title,
        "subtitle": article.subtitle,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "dateline": json.dumps(article.metadata()["dateline"]) if article.dateline else None,
        "origin": article.origin,
        "text": article.text,
        "extraction": json.dumps(extraction.to_dict(with_text=False), ensure_ascii=False),
    }


def event_rows(extraction: Extraction) -> list[dict[str, Any]]:
    article = extraction.article
    rows = []
    for position, event in enumerate(extraction.events):
        actor, recipient = event.actor, event.recipient
        place, first = event.location, event.mentions[0]
        acled = event.acled or {}
        rows.append(
            {
                "article_id": article.id, "article_hash": article.hash, "position": position,
                "id": event.id, "type": event.type, "mode": event.mode, "cameo": event.cameo,
                "goldstein": event.goldstein,
                "acled_event_type": acled.get("event_type"),
                "acled_sub_event_type": acled.get("sub_event_type"),
                **_actor_columns("actor", actor), **_actor_columns("recipient", recipient),
                "date": date.fromisoformat(event.date) if event.date else None,
                "date_precision": event.date_precision,
                "location_name": place.name if place else None,
                "location_country": place.country if place else None,
                "lat": place.lat if place else None, "lon": place.lon if place else None,
                "fatalities_min": event.fatalities.min if event.fatalities else None,
                "fatalities_max": event.fatalities.max if event.fatalities else None,
                "injuries_min": event.injuries.min if event.injuries else None,
                "injuries_max": event.injuries.max if event.injuries else None,
                "verbal": event.verbal, "negated": event.negated,
                "hypothetical": event.hypothetical, "future": event.future,
                "generic": event.generic, "historical": event.historical,
                "confidence": event.confidence,
                "sentence": article.text[first.start : first.end],
            }
        )  # fmt: skip
    return rows


def _actor_columns(role: str, actor: Any) -> dict[str, str | None]:
    return {
        f"{role}_{key}": getattr(actor, key) if actor is not None else None
        for key in ("text", "name", "country", "sector")
    }


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def prepare_output(output: str, *, overwrite: bool = False) -> None:
    """Create OUTPUT_DIR/articles and /events. Parts of an earlier run there would mix
    with this one's, so they are refused, or removed with `overwrite`."""
    fs, root = filesystem(output)
    try:
        for name in (ARTICLES, EVENTS):
            folder = f"{root}/{name}"
            fs.create_dir(folder, recursive=True)
            if fs.get_file_info(pafs.FileSelector(folder)):
                if not overwrite:
                    raise NewsledgerError(
                        f"{output}/{name} already holds files; pass --overwrite to replace "
                        "them, or choose another OUTPUT_DIR"
                    )
                fs.delete_dir_contents(folder)
    except OSError as exc:
        raise NewsledgerError(f"{output}: cannot write here ({exc})") from exc


def write_part(output: str, index: int, extractions: Sequence[Extraction]) -> int:
    """Write part `index` of both tables; returns the number of events. Each file is
    written under a hidden name and then renamed, so a reader never sees half a part."""
    fs, root = filesystem(output)
    events = [row for extraction in extractions for row in event_rows(extraction)]
    articles = [article_row(extraction) for extraction in extractions]
    for name, rows, schema in (
        (ARTICLES, articles, ARTICLE_SCHEMA),
        (EVENTS, events, EVENT_SCHEMA),
    ):
        final = f"{root}/{name}/{part_name(index)}"
        hidden = f"{root}/{name}/.{part_name(index)}.tmp"
        with fs.open_output_stream(hidden) as stream:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), stream)
        fs.move(hidden, final)
    return len(events)


def read_extractions(
    output: str, batch_size: int = 64
) -> Iterator[tuple[str, str, Callable[[], Extraction]]]:
    """(where, article hash, rebuild) for every article under OUTPUT_DIR/articles, read a
    record batch at a time; `rebuild()` parses the JSON only when the caller needs it."""
    fs, root = filesystem(output)
    folder = f"{root}/{ARTICLES}"
    if fs.get_file_info(folder).type != pafs.FileType.Directory:
        raise NewsledgerError(f"{output}: no {ARTICLES}/ folder here (run newsledger batch first)")
    files = sorted(
        info.path
        for info in fs.get_file_info(pafs.FileSelector(folder))
        if info.type == pafs.FileType.File
        and info.base_name.endswith(".parquet")
        and not info.base_name.startswith((".", "_"))
    )
    columns = ["hash", "text", "extraction"]
    for path in files:
        where = f"{output}/{ARTICLES}/{path.rsplit('/', 1)[-1]}"
        with fs.open_input_file(path) as handle:
            try:
                parquet = pq.ParquetFile(handle)
                row = 1
                for batch in parquet.iter_batches(batch_size=batch_size, columns=columns):
                    for record in batch.to_pylist():
                        yield f"{where}:row {row}", record["hash"], _rebuilder(record)
                        row += 1
            except (OSError, pa.ArrowException) as exc:
                raise NewsledgerError(f"{where}: not a readable Parquet file ({exc})") from exc


def _rebuilder(record: dict[str, Any]) -> Callable[[], Extraction]:
    return lambda: Extraction.from_dict(json.loads(record["extraction"]), record["text"])


@dataclass
class LoadReport(Failures):
    loaded: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return f"loaded {self.loaded}, unchanged {self.unchanged}, failed {self.failed}"


def load(
    output: str,
    ledger: Ledger,
    *,
    batch_size: int = 64,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_progress: Callable[[LoadReport], None] = lambda report: None,
) -> LoadReport:
    """Write the articles of a `newsledger batch` output into the ledger, a transaction
    per `batch_size` articles. Articles the ledger holds are counted unchanged without
    being rebuilt, so loading twice changes nothing."""
    report = LoadReport()
    pending: list[tuple[str, str, Callable[[], Extraction]]] = []

    def flush() -> None:
        known = ledger.known(hash_ for _, hash_, _ in pending)
        extractions = []
        for where, hash_, rebuild in pending:
            if hash_ in known:
                report.unchanged += 1
                continue
            try:
                extractions.append(rebuild())
            except (ValueError, KeyError, TypeError) as exc:
                error = InputError(where, f"not an extraction newsledger can read ({exc})")
                report.record(error)
                on_error(error)
        added = ledger.write(extractions)
        report.loaded += added
        report.unchanged += len(extractions) - added  # the same article twice in the input
        pending.clear()
        on_progress(report)

    for item in read_extractions(output, batch_size):
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    return report
