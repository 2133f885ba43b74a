"""Fixtures for the reader tests: writing small source files and building PDFs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest import read_sources

MakePdf = Callable[..., bytes]


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to a file under tmp_path, creating folders."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def read_all() -> Callable[..., list[Article | InputError]]:
    """Everything read_sources yields for the given paths, as a list."""

    def read(*paths: str | Path) -> list[Article | InputError]:
        return list(read_sources(paths))

    return read


@pytest.fixture(scope="session")
def make_pdf() -> MakePdf:
    """A one-page PDF with a headline line and body paragraphs, in core Helvetica."""

    def build(headline: str, paragraphs: list[str], title: str | None = None) -> bytes:
        pdf = FPDF()
        if title:
            pdf.set_title(title)
        pdf.add_page()
        pdf.set_font("Helvetica", size=16)
        pdf.multi_cell(0, 8, headline, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.ln(4)
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())

    return build
