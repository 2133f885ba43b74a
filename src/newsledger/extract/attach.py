"""When, where and how many: attaching dates, places and tolls to coded events.

Each event takes the time expression that governs its own clause; a main-clause event
with none takes the nearest earlier expression of its paragraph, or of the sentence just
before, when the tenses agree. An event with no expression of its own keeps `date` None:
the publication date is never passed off as the event's date.

The place is where the event happened (a locative phrase on the trigger, its clause or
its victims), else the dateline's place, marked `precision: "dateline"`. Tolls come from
casualty phrases in the event's sentence, and the victims' affiliation fills in a
recipient the parse left without a country.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsledger.article import Article
from newsledger.extract.actors import ArticleActors
from newsledger.extract.casualties import Casualty, find_casualties
from newsledger.extract.modality import ModalityRules, clause_verb
from newsledger.extract.model import Count, Event, Location
from newsledger.extract.ontology import Ontology
from newsledger.extract.places import Gazetteer, Place, PlaceMention, event_places
from newsledger.extract.time import TimeExpression, find_time_expressions
from newsledger.nlp import doc_text, sentence_of

_PRECISION = {"city": "place", "site": "place", "admin1": "admin1", "country": "country"}
# Prepositions that put a noun event at another time than its clause ("following the
# attack", "since the raid"): such an event does not take the clause's date.
_OTHER_TIME_PREPS = ModalityRules.packaged().other_time_preps


def attach(doc: Doc, article: Article, events: list[Event], people: ArticleActors) -> list[Event]:
    """The events with date, location, fatalities and injuries filled in where the text
    supports them."""
    anchor = article.published
    # The dateline's day is the report's, not any event's.
    dateline_end = article.dateline.end if article.dateline else 0
    expressions = [e for e in find_time_expressions(doc, anchor) if e.start >= dateline_end]
    places = people.places
    dateline_place = _dateline_place(article)
    casualties = find_casualties(doc)
    enriched = []
    for event in events:
        trigger = _trigger_token(doc, event)
        if trigger is None:
            enriched.append(event)
            continue
        event = _with_date(event, trigger, expressions, anchor)
        event = _with_place(event, trigger, places, dateline_place)
        event = _with_toll(event, trigger, casualties, events, people)
        enriched.append(event)
    return enriched


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    mention = event.mentions[0]
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# -- dates -------------------------------------------------------------------------------


def _with_date(
    event: Event, trigger: Token, expressions: list[TimeExpression], anchor: date | None
) -> Event:
    expression = _governing_expression(trigger, expressions) or _inherited_expression(
        trigger, expressions
    )
    if expression is None or expression.date is None:
        return event
    if anchor is not None and expression.date > anchor and not (event.future or event.type in (
        "AGREE", "THREATEN"
    )):  # fmt: skip
        return event  # a past event is never dated after its report
    return replace(
        event,
        date=expression.date.isoformat(),
        date_precision=expression.precision,
        date_text=expression.text,
    )


def _governing_expression(
    trigger: Token, expressions: list[TimeExpression]
) -> TimeExpression | None:
    """An expression in the trigger's own clause: attached to the trigger or its verb."""
    verb = clause_verb(trigger)
    own = {trigger.i, verb.i}
    if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj"):
        own.add(trigger.head.i)  # "exploded on Monday, killing five": Monday's killing
    doc = trigger.doc
    sentence = sentence_of(trigger)
    for expression in expressions:
        if not sentence.start_char <= expression.start < sentence.end_char:
            continue
        head = doc[expression.token]
        for ancestor in (head, *head.ancestors):
            if ancestor.i in own:
                return expression
            if ancestor.pos_ in ("VERB", "AUX") and ancestor.i != head.i:
                break  # attached to another clause
    return None


def _inherited_expression(
    trigger: Token, expressions: list[TimeExpression]
) -> TimeExpression | None:
    """For a clause with no expression of its own: the nearest earlier expression in its
    sentence's paragraph, else in the sentence just before, if the tenses agree."""
    if _at_other_time(trigger) or _sentence_has_expression(sentence_of(trigger), expressions):
        return None
    sentence = sentence_of(trigger)
    previous = _previous_sentence(sentence)
    paragraph_start = _paragraph_start(sentence)
    window_start = min(paragraph_start, previous.start_char if previous is not None else 10**9)
    earlier = [e for e in expressions if window_start <= e.start < sentence.start_char and e.date]
    if not earlier:
        return None
    nearest = max(earlier, key=lambda e: e.start)
    past = _is_past(clause_verb(trigger))
    if past != _is_past(clause_verb(trigger.doc[nearest.token])):
        return None
    return nearest


def _paragraph_start(sentence: Span) -> int:
    """Where the sentence's paragraph begins: after the last blank line before it."""
    text = doc_text(sentence.doc)
    blank = text.rfind("\n\n", 0, sentence.start_char)
    if blank < 0:
        return 0
    start = blank + 2
    while start < sentence.start_char and text[start].isspace():
        start += 1
    return start


def _at_other_time(trigger: Token) -> bool:
    return any(
        t.dep_ == "prep" and t.lower_ in _OTHER_TIME_PREPS for t in (trigger.head, trigger)
    ) or (trigger.dep_ == "pobj" and trigger.head.lower_ in _OTHER_TIME_PREPS)


def _sentence_has_expression(sentence: Span, expressions: list[TimeExpression]) -> bool:
    return any(sentence.start_char <= e.start < sentence.end_char for e in expressions)


def _previous_sentence(sentence: Span) -> Span | None:
    """The sentence before, skipping fragments with no words (a stray closing quote)."""
    while sentence.start > 0:
        sentence = sentence_of(sentence.doc[sentence.start - 1])
        if any(t.is_alpha for t in sentence):
            return sentence
    return None


def _is_past(verb: Token) -> bool:
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


# -- places ------------------------------------------------------------------------------


def _with_place(
    event: Event,
    trigger: Token,
    places: list[PlaceMention],
    dateline_place: Place | None,
) -> Event:
    found = event_places(trigger, places)
    for other in _restating_words(trigger):
        found = found or event_places(other, places)
    if found:
        locations = tuple(_location(m.place, _PRECISION.get(m.place.kind, "place"), m.text)
                          for m in found)  # fmt: skip
        return replace(event, location=locations[0], locations=locations)
    if dateline_place is not None:
        location = _location(dateline_place, "dateline", None)
        return replace(event, location=location, locations=(location,))
    return event


def _restating_words(trigger: Token) -> list[Token]:
    """Other words for the same act that may carry its place: the verb a participle
    continues ("exploded in Kirkuk, killing five") and an event-noun subject ("the
    attack in Bunia killed four")."""
    words = []
    if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj"):
        words.append(trigger.head)
    words += [c for c in trigger.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    return words


def _location(place: Place, precision: str, text: str | None) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        text=text,
    )


def _dateline_place(article: Article) -> Place | None:
    if article.dateline is None:
        return None
    candidates = Gazetteer.packaged().candidates(article.dateline.place)
    cities = [c for c in candidates if c.kind in ("city", "site")]
    return (cities or candidates or [None])[0]


# -- casualties --------------------------------------------------------------------------


def _with_toll(
    event: Event,
    trigger: Token,
    casualties: list[Casualty],
    events: list[Event],
    people: ArticleActors,
) -> Event:
    if event.type not in Ontology.packaged().harmful:
        return event
    sentence = sentence_of(trigger)
    here = [c for c in casualties if sentence.start_char <= c.start < sentence.end_char]
    mine = [c for c in here if getattr(_owner(c, trigger.doc, events), "id", None) == event.id]
    if not mine:
        return event
    fatalities = _total([c for c in mine if c.kind == "killed"])
    injuries = _total([c for c in mine if c.kind == "injured"])
    recipient = event.recipient
    victims = next((c.victims for c in mine if c.victims is not None), None)
    if victims is not None and (recipient is None or recipient.country is None):
        coded = people.code(trigger.doc[victims])
        if coded.country:
            recipient = coded
    return replace(
        event,
        fatalities=fatalities or event.fatalities,
        injuries=injuries or event.injuries,
        recipient=recipient,
    )


def _owner(casualty: Casualty, doc: Doc, events: list[Event]) -> Event | None:
    """The harmful event in the casualty's sentence whose trigger is nearest to it."""
    harm = doc[casualty.trigger]
    sentence = sentence_of(harm)
    best: tuple[int, Event] | None = None
    harmful = Ontology.packaged().harmful
    for event in events:
        mention = event.mentions[0]
        in_sentence = sentence.start_char <= mention.start < sentence.end_char
        if event.type not in harmful or not in_sentence:
            continue
        distance = abs(mention.trigger_start - harm.idx)
        if best is None or distance < best[0]:
            best = (distance, event)
    return best[1] if best else None


def _total(casualties: list[Casualty]) -> Count | None:
    """One count for the event: the phrase that says most (several phrases in one
    sentence about one event restate the toll, they do not add up)."""
    if not casualties:
        return None
    best = max(casualties, key=lambda c: (c.count.min or 0, c.count.max or 0))
    return best.count
