"""POST /api/ingest: articles into the ledger over HTTP, read by the same readers, under
the same limits and extraction guard as `newsledger ingest`. Off unless the server was
given a token.

An upload is written to a private temporary folder under a name the server makes (the
client's file name is only a label), read from there, and the folder is removed: nothing
an upload says can place a file anywhere, and the only thing written is the ledger.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.extract import Extraction
from newsledger.ingest import Limits, read_sources
from newsledger.ingest.language import CODED_LANGUAGE
from newsledger.ledger import Ledger
from newsledger.pipeline import IngestReport, with_published
from newsledger.scale.pool import Guard, extract_stream
from newsledger.serve.params import KnownParams, day
from newsledger.serve.reader import LedgerBusy, is_busy
from newsledger.serve.security import bearer_token_matches, safe_upload_name

MAX_FILES = 20
BATCH_SIZE = 64
_CHUNK = 1 << 20

router = APIRouter(prefix="/api", dependencies=[KnownParams])


@dataclass(frozen=True)
class IngestSettings:
    """What POST /api/ingest needs: the ledger, the token (None: ingest is off), and the
    readers' limits and extraction guard. `lock` keeps this server to one writer."""

    db_path: str
    token: str | None
    limits: Limits = Limits()
    guard: Guard = Guard()
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False)


@dataclass(frozen=True)
class Upload:
    """One received input: where the server put it, and the label its articles and
    errors are known by (`upload:NAME`)."""

    path: Path
    label: str


@router.post(
    "/ingest",
    summary="Read, extract and store articles (needs the server's token)",
    responses={
        401: {"description": "No token, or the wrong one"},
        403: {"description": "Ingest is off: the server was started without a token"},
        413: {"description": "The body is over the server's limit"},
        422: {"description": "Nothing in the input could be read as an article"},
        503: {"description": "Another writer held the ledger too long; retry"},
    },
)
async def ingest_upload(
    request: Request,
    published: Annotated[
        str | None,
        Query(
            description="Publication date for articles whose metadata has none (YYYY-MM-DD).",
            json_schema_extra={"format": "date"},
        ),
    ] = None,
) -> JSONResponse:
    """Send a file as multipart form data (field `file`, repeatable), or a JSON Lines
    body (one article a line: `id, title, text, url, source, published`; any one
    document `ingest` reads works too). Answers the counts `ingest` prints, each input
    that failed with its reason, and the articles stored."""
    settings: IngestSettings = request.app.state.ingest
    _authorise(request, settings.token)
    day_published = day("published", published)
    with tempfile.TemporaryDirectory(prefix="newsledger-upload-") as folder:
        uploads = await _receive(request, Path(folder))
        report, stored = await run_in_threadpool(_ingest, uploads, settings, day_published)
    body: dict[str, Any] = {
        "ingested": report.ingested,
        "unchanged": report.unchanged,
        "failed": report.failed,
        "events": report.events,
        "not_english": report.not_english,
        "errors": [{"source": e.origin, "reason": e.reason} for e in report.errors],
        "articles": stored,
    }
    if report.failed and not (report.ingested or report.unchanged):
        body = {"error": f"no article could be read ({report.errors[0]})", **body}
        return JSONResponse(body, status_code=422)
    return JSONResponse(body)


def _authorise(request: Request, token: str | None) -> None:
    if token is None:
        raise HTTPException(
            403,
            "ingest through the API is off; start `newsledger serve` with --token or "
            "$NEWSLEDGER_TOKEN to turn it on",
        )
    if not bearer_token_matches(request.headers.get("authorization"), token):
        raise HTTPException(
            401,
            "missing or wrong token; send the header `Authorization: Bearer TOKEN`",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _receive(request: Request, folder: Path) -> list[Upload]:
    """The request's inputs, written into `folder` under names made here."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES)
        try:
            files = [value for _, value in form.multi_items() if isinstance(value, UploadFile)]
            if not files:
                raise HTTPException(
                    400, "the form holds no file; send one as the field `file` "
                    "(curl -F file=@wire.jsonl ...)",
                )  # fmt: skip
            uploads = []
            for number, upload in enumerate(files, 1):
                path = folder / f"upload-{number}"
                with path.open("wb") as out:
                    while chunk := await upload.read(_CHUNK):
                        out.write(chunk)
                uploads.append(Upload(path, f"upload:{safe_upload_name(upload.filename)}"))
            return uploads
        finally:
            await form.close()
    path = folder / "body"
    size = 0
    with path.open("wb") as out:
        async for chunk in request.stream():
            out.write(chunk)
            size += len(chunk)
    if size == 0:
        raise HTTPException(
            400, "empty body; send JSON Lines (one article a line) or a file as the form "
            "field `file`",
        )  # fmt: skip
    return [Upload(path, "upload:body")]


def _ingest(
    uploads: list[Upload], settings: IngestSettings, published: date | None
) -> tuple[IngestReport, list[dict[str, Any]]]:
    """Runs in a worker thread, one ingest at a time. A writer from another process
    (`newsledger ingest`) is waited for as the command line waits (30 s), then 503."""
    with settings.lock:
        try:
            with Ledger(settings.db_path) as ledger:
                return ingest_uploads(uploads, ledger, settings, published)
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise LedgerBusy("another process is writing the ledger; retry shortly") from exc
            raise


def ingest_uploads(
    uploads: list[Upload], ledger: Ledger, settings: IngestSettings, published: date | None
) -> tuple[IngestReport, list[dict[str, Any]]]:
    """`pipeline.ingest` for uploads: the same readers, limits, guard and batches, with
    each article's origin named by its upload's label rather than a temporary path.
    Returns the counts and the articles stored ({"id", "hash", "events"})."""
    report = IngestReport()
    seen: set[str] = set()
    stored: list[dict[str, Any]] = []

    def articles() -> Iterator[Article]:
        for upload in uploads:
            for item in read_sources([upload.path], settings.limits):
                if isinstance(item, InputError):
                    report.record(InputError(_relabel(item.origin, upload), item.reason))
                    continue
                article = replace(item, origin=_relabel(item.origin, upload))
                article = with_published(article, published)
                if article.hash in seen or ledger.known([article.hash]):
                    report.unchanged += 1
                    continue
                seen.add(article.hash)
                yield article

    batch: list[Extraction] = []

    def write() -> None:
        report.ingested += ledger.write(batch)
        stored.extend(
            {"id": e.article.id, "hash": e.article.hash, "events": len(e.events)} for e in batch
        )
        batch.clear()

    for item in extract_stream(articles(), guard=settings.guard):
        if isinstance(item, InputError):
            report.record(item)
            continue
        batch.append(item)
        report.events += len(item.events)
        report.not_english += item.article.language != CODED_LANGUAGE
        if len(batch) >= BATCH_SIZE:
            write()
    if batch:
        write()
    return report, stored


def _relabel(origin: str, upload: Upload) -> str:
    """/tmp/newsledger-upload-x/upload-1:3 -> upload:wire.jsonl:3"""
    prefix = str(upload.path)
    return upload.label + origin[len(prefix) :] if origin.startswith(prefix) else origin
