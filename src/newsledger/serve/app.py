"""The server as one FastAPI app: the read API, POST /api/ingest, the dashboard's
packaged files, JSON errors, security headers and the body cap.

`create_app` is what `newsledger serve` runs on uvicorn and what tests can start on
their own; it holds no global state, so several apps (several ledgers) can live in one
process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger import __version__
from newsledger.ingest import Limits
from newsledger.ledger import Ledger
from newsledger.ledger.filter_values import FilterValueError
from newsledger.scale.pool import Guard
from newsledger.serve import api, ingest_route
from newsledger.serve.ingest_route import IngestSettings
from newsledger.serve.pagination import CursorError
from newsledger.serve.reader import LedgerBusy, LedgerReader
from newsledger.serve.security import SECURITY_HEADERS, BodyLimit, SecurityHeaders

STATIC = ("resources", "serve")
# One article file may be 20 MB (`ingest --max-file-mb`); a form's framing adds a little.
DEFAULT_MAX_BODY_BYTES = Limits().max_file_bytes + 1_000_000


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    limits: Limits = Limits(),
    guard: Guard = Guard(),
) -> FastAPI:
    """The app over the ledger at `db_path`. With a `token`, POST /api/ingest is on for
    requests that carry it (and a missing ledger is created); without one, the ledger
    must exist and the server only reads it.

    Raises LedgerError when the ledger cannot be used, before anything is served.
    """
    path = str(db_path)
    token = token or None  # an empty $NEWSLEDGER_TOKEN turns nothing on
    if token is not None and not Path(path).exists():
        Ledger(path).close()
    Ledger(path, read_only=True).close()  # fails now, not on the first request
    reader = LedgerReader(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(
        title="newsledger",
        version=__version__,
        summary="A sourced, deduplicated ledger of political and conflict events.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: the spec is at /openapi.json
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.reader = reader
    app.state.token = token
    app.state.ingest = IngestSettings(db_path=path, token=token, limits=limits, guard=guard)
    app.include_router(api.router)
    app.include_router(ingest_route.router)
    _add_error_handlers(app)
    _add_dashboard(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _add_dashboard(app: FastAPI) -> None:
    folder = Path(str(resources.files("newsledger").joinpath(*STATIC)))
    index = folder / "index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=folder), name="static")


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    """Every error as JSON, `{"error": message}`, with a status that says whose fault
    it was: 4xx for the request, 503 for a busy ledger, 500 (logged) for a bug."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else (
            f"no such path {request.url.path!r}; the API lists are under /api/ and "
            "described at /openapi.json"
        )  # fmt: skip
        return _error(exc.status_code, str(message), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, "; ".join(_invalid_value(error) for error in exc.errors()))

    @app.exception_handler(FilterValueError)
    async def bad_filter(request: Request, exc: FilterValueError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(CursorError)
    async def bad_cursor(request: Request, exc: CursorError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(LedgerBusy)
    async def busy(request: Request, exc: LedgerBusy) -> JSONResponse:
        return _error(503, str(exc), {"Retry-After": "1"})

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> JSONResponse:
        # Answered outside the other middleware (uvicorn logs the traceback), so the
        # security headers are added here.
        return _error(500, "internal error; the server's log has the details", SECURITY_HEADERS)


def _invalid_value(error: Mapping[str, Any]) -> str:
    """One of pydantic's validation errors in the words click gives the CLI's options
    ("Invalid value for 'limit': 0 is not in the range x>=1"), so that the API and the
    command line refuse a value alike."""
    name = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    kind, given, bound = error.get("type"), error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return f"Missing parameter {name!r}"
    problem = {
        "int_parsing": f"{given!r} is not a valid integer",
        "greater_than_equal": f"{given} is not in the range x>={bound.get('ge')}",
        "less_than_equal": f"{given} is not in the range x<={bound.get('le')}",
        "bool_parsing": f"{given!r} is not a valid boolean; use true or false",
        "string_too_short": "it is empty",
    }.get(str(kind), str(error.get("msg", "invalid")))
    return f"Invalid value for {name!r}: {problem}"
