"""The bundled sample corpus that `newsledger demo` ingests (all articles invented)."""

from __future__ import annotations

from pathlib import Path

from newsledger.data import resource_path


def sample_corpus() -> Path:
    return resource_path("sample")
