"""A page of a list as the client asked for it: JSON (`rows`, `next`, `next_url`,
`total`, `facets`, Datasette's shape) or CSV (the rows, with the next page in a `Link`
header, since a CSV body has nowhere to put it)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from newsledger.export.writer import csv_cell
from newsledger.serve.pagination import Page

Format = Literal["json", "csv"]


def page_response(
    request: Request,
    page: Page,
    columns: Sequence[str],
    fmt: str,
    facets: dict[str, Any] | None = None,
) -> Response:
    next_url = _next_url(request, page.next)
    if fmt == "csv":
        headers = {"x-total-count": str(page.total)}
        if next_url:
            headers["link"] = f'<{next_url}>; rel="next"'
            headers["x-next-cursor"] = page.next or ""
        return Response(
            to_csv(page.rows, columns), media_type="text/csv; charset=utf-8", headers=headers
        )
    body: dict[str, Any] = {
        "rows": [{c: row.get(c) for c in columns} for row in page.rows],
        "next": page.next,
        "next_url": next_url,
        "total": page.total,
    }
    if facets is not None:
        body["facets"] = facets
    return JSONResponse(body)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV text, each cell as the exports write it (`true`/`false`, an empty cell for
    a missing value); a list or an object in a cell is written as JSON."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return csv_cell(value)


def _next_url(request: Request, cursor: str | None) -> str | None:
    """The same request with the next cursor, as a path: a Host header is never echoed."""
    if cursor is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    return f"{request.url.path}?{urlencode([*params, ('cursor', cursor)])}"
