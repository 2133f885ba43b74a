"""Shared by the server tests: the test ledger, written once from the articles in
`articles.py`, and `newsledger serve` reading a copy of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.serve.articles import ARTICLES
from tests.serve.servers import copy_ledger, serve_cli

from newsledger.extract import extract
from newsledger.ledger import Ledger


@pytest.fixture(scope="session")
def base_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test ledger, written once; tests serve copies of it."""
    path = tmp_path_factory.mktemp("serve-ledger") / "ledger.db"
    with Ledger(path) as ledger:
        ledger.write([extract(article) for article in ARTICLES])
    return path


@dataclass(frozen=True)
class Served:
    url: str
    db: Path


@pytest.fixture(scope="session")
def server(base_ledger: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`newsledger serve` (no token: read-only) on a copy of the test ledger."""
    folder = tmp_path_factory.mktemp("served")
    db = copy_ledger(base_ledger, folder)
    with serve_cli(db, folder / "serve.log") as url:
        yield Served(url, db)
