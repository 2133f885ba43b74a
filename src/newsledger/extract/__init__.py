"""extract(article) -> Extraction: a pure function of the article and packaged resources.

The same call runs in one process, in a pool or on a Ray worker and gives the same
answer. `extract_many` feeds articles through `nlp.pipe` for throughput.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsledger.article import Article
from newsledger.extract.events import find_events
from newsledger.extract.model import (
    Actor,
    Claim,
    Count,
    Event,
    Extraction,
    Location,
    Mention,
    Quote,
)
from newsledger.extract.quotes import find_quotes
from newsledger.nlp import load_pipeline

__all__ = [
    "Actor", "Claim", "Count", "Event", "Extraction", "Location", "Mention", "Quote",
    "extract", "extract_many", "extract_doc",
]  # fmt: skip


def extract(article: Article) -> Extraction:
    """Everything newsledger finds in one article."""
    return extract_doc(article, load_pipeline()(article.text))


def extract_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Extraction]:
    """Extractions in input order, parsing in batches with `nlp.pipe`."""
    nlp = load_pipeline()
    pairs = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        yield extract_doc(article, doc)


def extract_doc(article: Article, doc: Doc) -> Extraction:
    """The stages over an already parsed article: events, then quotes."""
    return Extraction(
        article=article,
        events=tuple(find_events(doc, article.hash)),
        quotes=tuple(find_quotes(doc)),
    )
