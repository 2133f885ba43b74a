"""extract(article) -> Extraction: a pure function of the article and packaged resources
(imported through `newsledger.extract`).

The same call runs in one process, in a pool or on a Ray worker and gives the same
answer. `extract_many` feeds articles through `nlp.pipe` for throughput.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from newsledger.article import Article
from newsledger.extract.actors import ActorCoder, ArticleActors
from newsledger.extract.attach import attach
from newsledger.extract.casualties import find_casualties
from newsledger.extract.claims import find_claims
from newsledger.extract.events import find_events
from newsledger.extract.happenings import group_happenings
from newsledger.extract.model import Extraction
from newsledger.extract.places import find_places
from newsledger.extract.quotes import find_quotes, link_quotes, quote_spans
from newsledger.ingest.language import CODED_LANGUAGE
from newsledger.nlp import load_pipeline


def extract(article: Article) -> Extraction:
    """Everything newsledger finds in one article."""
    return extract_doc(article, load_pipeline()(tokenize(article)))


@cache
def warm_up() -> None:
    """Load the pipeline and every packaged table now, once per process: the gazetteer
    and dictionaries take seconds on a busy machine, and a per-article time limit must
    time the article's extraction, not the loading that the first article would do."""
    extract(Article(text="Rebels attacked an army post near Goma on Monday, killing 3 soldiers."))


def extract_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[Extraction]:
    """Extractions in input order, parsing in batches with `nlp.pipe`."""
    for doc, article in parse_many(articles, batch_size):
        yield extract_doc(article, doc)


def parse_many(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """(parsed Doc, Article) pairs in input order, streamed through `nlp.pipe`."""
    docs = ((tokenize(a), a) for a in articles)
    yield from load_pipeline().pipe(docs, as_tuples=True, batch_size=batch_size)


def tokenize(article: Article) -> Doc:
    """Tokens with the dateline set off as its own sentence, so that "Baghdad, February 9
    (RHC)--" never becomes part of the first sentence's subject."""
    doc = load_pipeline().make_doc(article.text)
    # spaCy's tokens keep every character, so the doc's text is the article's: known now,
    # it need not be joined again from the tokens (`nlp.doc_text`)
    doc.user_data["newsledger_text"] = article.text
    if article.dateline is not None:
        after = doc.char_span(article.dateline.end, len(article.text), alignment_mode="expand")
        if after is not None and len(after) and after[0].i > 0:
            first = after[0] if not after[0].is_space else doc[min(after[0].i + 1, len(doc) - 1)]
            first.is_sent_start = True
    return doc


def extract_doc(article: Article, doc: Doc) -> Extraction:
    """The stages over an already parsed article: the people it introduces, its events
    with their dates, places and tolls, one per happening, and its quotes.

    Only English is coded: an article in another language gets no events and no quotes
    (the English dictionaries would read junk into it), and is still stored whole."""
    if article.language != CODED_LANGUAGE:
        return Extraction(article=article)
    people = ArticleActors(ActorCoder.packaged(), article.published)
    people.learn(doc, find_places(doc))
    dateline_end = article.dateline.end if article.dateline else 0
    events = find_events(doc, article.hash, people, _reference_year(article), dateline_end)
    casualties = find_casualties(doc)
    events = attach(doc, article, events, people, casualties)
    quotes = find_quotes(doc, people, article.hash)
    events = group_happenings(
        doc, article, events, casualties=casualties, places=people.places,
        quotes=quote_spans(quotes),
    )  # fmt: skip
    quotes, events = link_quotes(quotes, events)
    claims, contradictions, events = find_claims(doc, article, events, quotes, casualties, people)
    return Extraction(
        article=article,
        events=tuple(events),
        quotes=tuple(quotes),
        claims=tuple(claims),
        contradictions=tuple(contradictions),
    )


def _reference_year(article: Article) -> int | None:
    """The year the article speaks from, to tell history ("in 1988") from news."""
    if article.published is not None:
        return article.published.year
    return article.dateline.year if article.dateline else None
