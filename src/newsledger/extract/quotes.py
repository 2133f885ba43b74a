"""Who said what: direct quotes in quotation marks, and reported speech after a cue verb.

The speaker is the subject of a speech verb (`resources/patterns/speech_cues.tsv`) in the
quote's sentence; a quote that continues the previous sentence's quote keeps its speaker.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger.data import read_tsv, resource_path
from newsledger.extract.actors import ArticleActors
from newsledger.extract.model import Actor, Quote
from newsledger.nlp import doc_text, sentence_of

_QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")
_MIN_QUOTE_WORDS = 4


@cache
def speech_cues() -> frozenset[str]:
    path = resource_path("patterns/speech_cues.tsv")
    return frozenset(row["lemma"].lower() for _, row in read_tsv(path, ("lemma",)))


def find_quotes(doc: Doc, people: ArticleActors) -> list[Quote]:
    quotes = _direct_quotes(doc, people)
    quotes += _reported_speech(doc, people, [(q.start, q.end) for q in quotes])
    return sorted(quotes, key=lambda q: q.start)


def _direct_quotes(doc: Doc, coder: ArticleActors) -> list[Quote]:
    found: list[Quote] = []
    last_speaker: tuple[Actor | None, str | None, int] = (None, None, -1)
    for match in _QUOTED.finditer(doc_text(doc)):
        if len(match.group(1).split()) < _MIN_QUOTE_WORDS:
            continue  # "so-called", a scare-quoted term, not speech
        start, end = match.span(1)
        sentence = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if sentence is None:
            continue
        sent = sentence_of(sentence.root)
        cue = _cue_outside(sent, start, end)
        if cue is not None:
            speaker = _speaker(cue, coder)
            last_speaker = (speaker, cue.lemma_, sent.end_char)
        elif last_speaker[2] >= sent.start_char - 2 or sent.start_char <= last_speaker[2]:
            speaker = last_speaker[0]  # the quote goes on from the last sentence
        else:
            speaker = None
        found.append(
            Quote(
                speaker=speaker,
                text=match.group(1),
                direct=True,
                cue=cue.lemma_ if cue is not None else last_speaker[1] if speaker else None,
                start=start,
                end=end,
            )
        )
        if speaker is not None:
            last_speaker = (speaker, found[-1].cue, sent.end_char)
    return found


def _reported_speech(doc: Doc, coder: ArticleActors, quoted: list[tuple[int, int]]) -> list[Quote]:
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in speech_cues():
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            continue
        span = doc[clause.left_edge.i : clause.right_edge.i + 1]
        while len(span) > 1 and (span[-1].is_space or span[-1].is_punct):
            span = span[:-1]
        if any(s < span.end_char and span.start_char < e for s, e in quoted):
            continue
        found.append(
            Quote(
                speaker=_speaker(token, coder),
                text=span.text,
                direct=False,
                cue=token.lemma_,
                start=span.start_char,
                end=span.end_char,
            )
        )
    return found


def _cue_outside(sentence: Span, start: int, end: int) -> Token | None:
    for token in sentence:
        if start <= token.idx < end:
            continue
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in speech_cues()
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            return token
    return None


def _speaker(cue: Token, coder: ArticleActors) -> Actor | None:
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return coder.code(subject) if subject is not None else None
