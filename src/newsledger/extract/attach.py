"""When, where and how many: attaching dates, places and tolls to coded events.

Each event takes the time expression that governs its own clause; a main-clause event
with none takes the nearest earlier expression of its paragraph, or of the sentence just
before, when the tenses agree. An event with no expression of its own keeps `date` None:
the publication date is never passed off as the event's date. A background event (an
earlier happening the news is measured against, `background.py`) takes only the time
phrase and the place of its own stretch of the sentence.

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
from newsledger.extract.background import BackgroundRules
from newsledger.extract.casualties import Casualty, find_casualties, tells_no_cause
from newsledger.extract.gazetteer import Gazetteer, Place
from newsledger.extract.happenings import act_words, refers_back
from newsledger.extract.modality import ModalityRules, clause_verb, relative_antecedents
from newsledger.extract.model import Count, Event, Location
from newsledger.extract.ontology import Ontology
from newsledger.extract.places import PlaceMention, event_places
from newsledger.extract.time import TimeExpression, find_time_expressions
from newsledger.nlp import children, doc_text, paragraph_of, sentence_of, span_tokens

_PRECISION = {"city": "place", "site": "place", "admin1": "admin1", "country": "country"}
# Prepositions that put a noun event at another time than its clause ("following the
# attack", "since the raid"): such an event does not take the clause's date.
_OTHER_TIME_PREPS = ModalityRules.packaged().other_time_preps


def attach(
    doc: Doc,
    article: Article,
    events: list[Event],
    people: ArticleActors,
    casualties: list[Casualty] | None = None,
) -> list[Event]:
    """The events with date, location, fatalities and injuries filled in where the text
    supports them; `casualties` are the article's counts, found here if not given."""
    anchor = article.published
    # The dateline's day is the report's, not any event's.
    dateline_end = article.dateline.end if article.dateline else 0
    expressions = [e for e in find_time_expressions(doc, anchor) if e.start >= dateline_end]
    places = people.places
    dateline_place = _dateline_place(article)
    casualties = find_casualties(doc) if casualties is None else casualties
    enriched = []
    event_words = _event_words(doc, events)
    # whose each count is, decided once for the article (`_owner`)
    owners = [(c, getattr(_owner(c, doc, events), "id", None)) for c in casualties]
    for event in events:
        trigger = _trigger_token(doc, event)
        if trigger is None:
            enriched.append(event)
            continue
        if event.background:
            event = _with_background_time_and_place(
                event, trigger, expressions, anchor, event_words, places, dateline_place
            )
        else:
            event = _with_date(event, trigger, expressions, anchor, event_words)
            event = _with_place(event, trigger, places, dateline_place)
        mine = [c for c, owner in owners if owner == event.id]
        event = _with_toll(event, trigger, mine, people)
        enriched += _per_country(event, trigger, mine, places)
    return enriched


def _with_background_time_and_place(
    event: Event,
    trigger: Token,
    expressions: list[TimeExpression],
    anchor: date | None,
    event_words: frozenset[int],
    places: list[PlaceMention],
    dateline_place: Place | None,
) -> Event:
    """An earlier happening takes the time and place of its own stretch of the sentence,
    never the news clause's (the dateline stays the fallback, marked so); with no time
    of its own it may take one told before its sentence, unless it lies days apart ("two
    weeks after")."""
    rules = BackgroundRules.packaged()
    scope = rules.scope_of(trigger) or range(trigger.i, trigger.i + 1)
    sentence = sentence_of(trigger)
    own = [e for e in expressions if e.token in scope]
    told_of_news = any(
        sentence.start <= e.token < sentence.end and e.token not in scope for e in expressions
    )
    inherits = not own and not told_of_news and not rules.apart_in_time(trigger, scope)
    event = _with_date(event, trigger, own, anchor, event_words, False)
    if event.date is None and inherits:
        event = _with_date(event, trigger, expressions, anchor, event_words)
    return _with_place(event, trigger, [p for p in places if p.token in scope], dateline_place)


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    mention = event.mentions[0]
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# -- dates -------------------------------------------------------------------------------


def _event_words(doc: Doc, events: list[Event]) -> frozenset[int]:
    """The trigger words of the article's events: a time phrase on one of them is that
    event's ("the 2014 bombing"), not the time of the verb above it."""
    triggers = (_trigger_token(doc, event) for event in events)
    return frozenset(t.i for t in triggers if t is not None)


def _with_date(
    event: Event,
    trigger: Token,
    expressions: list[TimeExpression],
    anchor: date | None,
    event_words: frozenset[int] = frozenset(),
    inherits: bool = True,
) -> Event:
    """The event dated by the time phrase of its clause, or with `inherits` by one told
    before it (`_inherited_expression`)."""
    expression = _governing_expression(trigger, expressions, event_words, anchor)
    speech = ModalityRules.packaged().reporting_verb(trigger) if event.verbal else None
    if expression is None and speech is not None:
        # a demand or promise told as reported speech is made when it is said: "Israel
        # must allow aid in, Guterres said on Tuesday" (never a reported act's day)
        expression = _governing_expression(speech, expressions, event_words, anchor)
    if expression is None and inherits:
        expression = _inherited_expression(trigger, expressions)
    if expression is None or expression.date is None or _spans_to_report(expression, trigger):
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
        historical=event.historical or _is_history(expression, anchor, trigger),
    )


def _opens_period(expression: TimeExpression) -> bool:
    """ "since 2019", "since October": when a period began that runs up to the report
    ("plagued by attacks since 2019"), not the day of an event."""
    return expression.text.split()[0].lower() in ModalityRules.packaged().continuing_preps


def _spans_to_report(expression: TimeExpression, trigger: Token) -> bool:
    """A period that began at the expression and dates nothing in it ("the first bombing
    since February"), unless the event is told by a clause on its time (`_on_time`)."""
    return _opens_period(expression) and not _on_time(trigger, expression)


def _on_time(trigger: Token, expression: TimeExpression) -> bool:
    """The trigger's clause hangs on the expression's time: in "since February, when a
    suicide bomber killed 14", the killing is February's."""
    clause = clause_verb(trigger)
    if clause.dep_ == "relcl":
        return expression.start <= clause.head.idx < expression.end
    # the parser may hang "since November 2020, when fighting erupted" on the main verb
    if clause.dep_ != "advcl" or not any(c.lower_ == "when" for c in children(clause)):
        return False
    between = doc_text(trigger.doc)[expression.end : clause.left_edge.idx]
    return between.strip() in ("", ",")


def _is_history(
    expression: TimeExpression, anchor: date | None, trigger: Token | None = None
) -> bool:
    """A date well before the article ("in 2014", "ten years ago"), unless the phrase
    runs up to the article ("since 2015") and the trigger is not told at its start
    ("since May 2023, when clashes erupted": the clashes are May 2023's)."""
    rules = ModalityRules.packaged()
    if expression.date is None or anchor is None:
        return False
    if _opens_period(expression) and (trigger is None or not _on_time(trigger, expression)):
        return False
    return rules.is_history(expression.date, anchor.year)


def _governing_expression(
    trigger: Token,
    expressions: list[TimeExpression],
    event_words: frozenset[int] = frozenset(),
    anchor: date | None = None,
) -> TimeExpression | None:
    """An expression in the trigger's own clause: attached to the trigger (or the nouns
    its relative clause hangs on) first, else to its verb. An expression on another
    event's noun is that event's: in "gathered on Friday for the victims of a bombing
    ten years ago", Friday is the gathering's and ten years ago the bombing's. A recent
    day in a trailing phrase on a remembered event ("the anniversary of the massacre on
    Thursday") is the remembrance's, and a clause on a time tells what happened then
    ("since February, when a suicide bomber killed 14")."""
    sentence = sentence_of(trigger)
    told = [e for e in expressions if sentence.start_char <= e.start < sentence.end_char]
    if not told:
        return None  # most sentences tell no time: nothing below is needed
    own = _own_words(trigger)
    remembered = ModalityRules.packaged().commemorated(trigger)
    doc = trigger.doc
    best: tuple[int, TimeExpression] | None = None
    for expression in told:
        if _on_time(trigger, expression):
            return expression
        head = doc[expression.token]
        if remembered and head.pos_ == "ADP" and not _is_history(expression, anchor):
            continue
        if _tells_the_saying(head, trigger):
            continue
        rank = _governed_rank(head, own, event_words)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, expression)
    return best[1] if best is not None else None


def _tells_the_saying(time_word: Token, trigger: Token) -> bool:
    """A time phrase between a speech verb and the clause it reports tells when it was
    said, wherever the parser hangs it: in "the army said on Monday its troops had
    killed 12", Monday is the saying's; the killing came before."""
    verb = clause_verb(trigger)
    speech = verb.head
    # the reported clause, also where the parser took it for an adverbial one with no
    # word to join it ("said on Wednesday they had fired")
    reported = verb.dep_ == "ccomp" or (
        verb.dep_ in ("advcl", "parataxis") and not any(c.dep_ == "mark" for c in children(verb))
    )
    if not reported or speech.lemma_.lower() not in ModalityRules.packaged().transparent_heads:
        return False
    subject = next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
    clause_start = subject.left_edge.i if subject is not None else verb.i
    return speech.i < time_word.i < clause_start


def _own_words(trigger: Token) -> dict[int, int]:
    """The words whose time is the trigger's, ranked: the trigger and the nouns its
    relative clause hangs on (0), then its clause's verb (1), then the other words of the
    same act (2: `happenings.act_words`). An event a remembrance is
    of ("a memorial to the victims of a bombing") does not share its clause's time."""
    rules = ModalityRules.packaged()
    nouns = relative_antecedents(trigger)
    own = {word.i: 0 for word in (trigger, *nouns)}
    remembered = any(rules.commemorated(word) for word in (trigger, *nouns))
    if remembered or _in_other_time_phrase(trigger):  # "rebuilt last year after years of war"
        return own
    own.setdefault(clause_verb(trigger).i, 1)
    if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj"):
        own.setdefault(trigger.head.i, 1)  # "exploded on Monday, killing five": Monday's
    for word in act_words(trigger):  # "killed in a strike that hit his car late Wednesday"
        own.setdefault(word.i, 2)
    return own


def _governed_rank(head: Token, own: dict[int, int], event_words: frozenset[int]) -> int | None:
    """The rank of the own word an expression attaches to, looking up from it (2 more
    through a participle on a noun); None when it attaches to another clause or to
    another event's noun (unless that noun is the means of the act: "arrested in a raid
    on Monday")."""
    means = ModalityRules.packaged().means_preps
    penalty = 0
    for ancestor in (head, *head.ancestors):
        if ancestor.i in own:
            return own[ancestor.i] + penalty
        if ancestor.i == head.i:
            continue
        if ancestor.pos_ == "VERB" and ancestor.dep_ == "acl":
            # the parser may hang the act's day on a participle in its object: "hit a
            # monastery sheltering villagers on Wednesday", "ambushed a convoy escorted
            # by volunteers on Sunday"
            penalty = 2
            continue
        # a noun the parser took for a verb: "the Kerem Shalom crossing on Sunday"
        nominal = any(c.dep_ in ("det", "compound", "poss") for c in children(ancestor))
        if ancestor.pos_ in ("VERB", "AUX") and not nominal:
            return None  # attached to another clause
        if ancestor.i in event_words and not (
            ancestor.dep_ == "pobj" and ancestor.head.lower_ in means
        ):
            return None
    return None


def _inherited_expression(
    trigger: Token, expressions: list[TimeExpression]
) -> TimeExpression | None:
    """For a clause with no expression of its own: the nearest earlier expression in its
    sentence's paragraph, else in the sentence just before, if the tenses agree."""
    if _at_other_time(trigger) or _sentence_has_expression(sentence_of(trigger), expressions):
        return None
    if trigger.pos_ in ("NOUN", "PROPN") and refers_back(trigger):
        return None  # "the airstrike on the monastery": the airstrike's own day
    sentence = sentence_of(trigger)
    previous = _previous_sentence(sentence)
    paragraph_start = _paragraph_start(sentence)
    window_start = min(paragraph_start, previous.start_char if previous is not None else 10**9)
    earlier = [
        e for e in expressions
        if window_start <= e.start < sentence.start_char and e.date
        and not _dates_a_report(e, expressions, trigger.doc)
    ]  # fmt: skip
    if not earlier:
        return None
    nearest = max(earlier, key=lambda e: e.start)
    past = _is_past(clause_verb(trigger))
    if past != _is_past(clause_verb(trigger.doc[nearest.token])):
        return None
    return nearest


def _dates_a_report(
    expression: TimeExpression, expressions: list[TimeExpression], doc: Doc
) -> bool:
    """The time phrase dates a saying whose sentence dates its act apart ("fighters
    ambushed a convoy on Sunday, security sources said on Tuesday"): Tuesday is the
    report's day, which no act in the next sentence inherits. A saying with no other
    date ("Last week, the army said it had retaken the town") dates what it tells."""
    if not _on_speech(doc[expression.token]):
        return False
    sentence = sentence_of(doc[expression.token])
    return any(
        other is not expression
        and sentence.start_char <= other.start < sentence.end_char
        and not _on_speech(doc[other.token])
        for other in expressions
    )


def _on_speech(head: Token) -> bool:
    transparent = ModalityRules.packaged().transparent_heads
    for ancestor in (head, *head.ancestors):
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.lemma_.lower() in transparent
    return False


def _paragraph_start(sentence: Span) -> int:
    """Where the sentence's paragraph begins: after the last blank line before it."""
    paragraph = paragraph_of(sentence)
    first = next((t for t in span_tokens(paragraph) if not t.is_space), None)
    return first.idx if first is not None else paragraph.start_char


def _at_other_time(trigger: Token) -> bool:
    """ "following the attack", "the anniversary of the massacre": another time."""
    if ModalityRules.packaged().commemorated(trigger):
        return True
    return any(
        t.dep_ == "prep" and t.lower_ in _OTHER_TIME_PREPS for t in (trigger.head, trigger)
    ) or _in_other_time_phrase(trigger)


def _in_other_time_phrase(trigger: Token) -> bool:
    """A noun event in a phrase that sets another time than its clause's, also through
    a measure of time: "rebuilt only last year after years of war" (the war is not last
    year's), "arrested on Monday following the attack"."""
    node = trigger
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head  # "years of war" -> "years"
    return node.dep_ == "pobj" and node.head.lower_ in _OTHER_TIME_PREPS


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
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in children(verb))


# -- places ------------------------------------------------------------------------------


def _with_place(
    event: Event,
    trigger: Token,
    places: list[PlaceMention],
    dateline_place: Place | None,
) -> Event:
    violent = event.type in Ontology.packaged().harmful
    found = event_places(trigger, places, violent)
    for other in act_words(trigger):
        found = found or event_places(other, places, violent)
    if found:
        locations = tuple(_location(m.place, _PRECISION.get(m.place.kind, "place"), m.text)
                          for m in found)  # fmt: skip
        return replace(event, location=locations[0], locations=locations)
    if dateline_place is not None:
        location = _location(dateline_place, "dateline", None)
        return replace(event, location=location, locations=(location,))
    return event


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


def _with_toll(event: Event, trigger: Token, mine: list[Casualty], people: ArticleActors) -> Event:
    """The event with the counts `_owner` gave it (its sentence's, a fact box's, or a
    later sentence's that tells no act of its own)."""
    if event.type not in Ontology.packaged().harmful:
        return event
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


def _per_country(
    event: Event, trigger: Token, mine: list[Casualty], places: list[PlaceMention]
) -> list[Event]:
    """One act whose tolls its sentence gives country by country is one event per
    country: "US strikes on 85 targets in Syria and Iraq killed 16 people in Iraq and 23
    in Syria" is an ASSAULT in Iraq with 16 killed and one in Syria with 23 (ACLED codes
    an event per location). Each later event's id takes a letter ("-001b")."""
    if event.type not in Ontology.packaged().harmful:
        return [event]
    doc = trigger.doc
    sentence = sentence_of(trigger)
    by_country: dict[str, tuple[PlaceMention, list[Casualty]]] = {}
    for casualty in mine:
        inside = sentence.start_char <= casualty.start < sentence.end_char
        if not inside or casualty.infobox:
            continue
        place = _counted_at(casualty, doc, places)
        if place is None:
            return [event]  # a count with no country of its own: one event
        mention, counted = by_country.setdefault(place.place.country, (place, []))
        counted.append(casualty)
    if len(by_country) < 2:
        return [event]
    split = []
    for n, (mention, counted) in enumerate(by_country.values()):
        location = _location(mention.place, _PRECISION.get(mention.place.kind, "place"),
                             mention.text)  # fmt: skip
        recipient = event.recipient
        if recipient is not None and recipient.country in by_country:
            phrase = _count_phrase(counted[0], doc) if n else None
            recipient = replace(  # the first keeps its own words, the next "23 in Syria"
                recipient,
                country=mention.place.country,
                text=phrase.text if phrase is not None else recipient.text,
                start=phrase.start_char if phrase is not None else recipient.start,
                end=phrase.end_char if phrase is not None else recipient.end,
            )
        split.append(
            replace(
                event,
                id=event.id if n == 0 else f"{event.id}{chr(ord('a') + n)}",
                location=location,
                locations=(location,),
                recipient=recipient,
                fatalities=_total([c for c in counted if c.kind == "killed"]),
                injuries=_total([c for c in counted if c.kind == "injured"]),
            )
        )
    return split


def _count_phrase(casualty: Casualty, doc: Doc) -> Span | None:
    """The words that count one country's dead: "23 in Syria"."""
    start = sentence_of(doc[casualty.trigger]).start
    numbers = [
        t for t in doc[start:]
        if t.text == casualty.count.text and t.like_num and t.idx < casualty.end
    ]  # fmt: skip
    if not numbers:
        return None
    head = numbers[-1]
    return doc[head.left_edge.i : head.right_edge.i + 1]


def _counted_at(casualty: Casualty, doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """The place a count names for its own victims ("16 people in Iraq", "23 in Syria"),
    else the place on its harm word."""
    span = doc.char_span(casualty.start, casualty.end, alignment_mode="expand")
    if span is None:
        return None
    heads = [doc[casualty.victims]] if casualty.victims is not None else []
    heads += [t for t in span if t.text == casualty.count.text and t.like_num]
    heads = heads[-1:] if casualty.victims is None else heads[:1]
    # the parser may hang the first count's place on the verb: "killed 20 people in
    # Gaza and three in Lebanon"
    for head in (*heads, doc[casualty.trigger]):
        for prep in (c for c in children(head) if c.dep_ == "prep" and c.lower_ == "in"):
            for noun in (c for c in children(prep) if c.dep_ == "pobj"):
                found = next((m for m in places if m.start <= noun.idx < m.end), None)
                if found is not None:
                    return found
    return None


def _owner(casualty: Casualty, doc: Doc, events: list[Event]) -> Event | None:
    """The harmful event in the casualty's sentence whose trigger is nearest to it.

    A fact box count ("Casualties: 30-31 killed") is the article's main happening's:
    its first harmful event told as done (not negated, hypothetical, future or generic),
    else its first harmful event. A sentence with no harmful event whose count names no
    cause of its own (`casualties.tells_no_cause`: "At least 14 worshippers died,
    officials said") tells the toll of the last act told as done before it, in its
    paragraph or the sentence just before (as a date is inherited), an assault before
    any other for a death toll."""
    harmful = Ontology.packaged().harmful

    def told_as_done(told: list[Event]) -> list[Event]:
        return [e for e in told if not (e.negated or e.hypothetical or e.future or e.generic)]

    if casualty.infobox:
        told = sorted((e for e in events if e.type in harmful), key=lambda e: e.mentions[0].start)
        return (told_as_done(told) or told or [None])[0]
    harm = doc[casualty.trigger]
    sentence = sentence_of(harm)
    best: tuple[int, Event] | None = None
    for event in events:
        mention = event.mentions[0]
        in_sentence = sentence.start_char <= mention.start < sentence.end_char
        if event.type not in harmful or not in_sentence:
            continue
        distance = abs(mention.trigger_start - harm.idx)
        if best is None or distance < best[0]:
            best = (distance, event)
    if best is None and tells_no_cause(casualty, doc):
        paragraph = paragraph_of(sentence).start_char
        previous = sentence_of(doc[sentence.start - 1]).start_char if sentence.start else 0
        window = min(paragraph, previous)
        before = [
            e for e in events
            if e.type in harmful and window <= e.mentions[0].start < sentence.start_char
        ]  # fmt: skip
        before = told_as_done(sorted(before, key=lambda e: e.mentions[0].start))
        # the dead of a raid are the assault's, not the looting's told after it: "said
        # its fighters had seized weapons. Two sources put the toll at 35 soldiers"
        lethal = [e for e in before if e.type == "ASSAULT"] if casualty.kind == "killed" else []
        return (lethal or before)[-1] if before else None
    return best[1] if best else None


def _total(casualties: list[Casualty]) -> Count | None:
    """One count for the event: the phrase that says most (several phrases in one
    sentence about one event restate the toll, they do not add up), where the counts one
    harm word joins are its parts, summed ("two policemen and three attackers were
    killed": 5)."""
    if not casualties:
        return None
    by_harm: dict[int, list[Casualty]] = {}
    for casualty in casualties:
        by_harm.setdefault(casualty.trigger, []).append(casualty)
    totals = [_sum([c.count for c in parts]) for parts in by_harm.values()]
    return max(totals, key=lambda c: (c.min or 0, c.max or 0))


def _sum(parts: list[Count]) -> Count:
    """Counts of one harm's parts added up: a bound is unknown if any part's is."""
    if len(parts) == 1:
        return parts[0]
    low = None if any(p.min is None for p in parts) else sum(p.min or 0 for p in parts)
    high = None if any(p.max is None for p in parts) else sum(p.max or 0 for p in parts)
    return Count(low, high, " and ".join(p.text for p in parts))
