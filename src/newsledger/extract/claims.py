"""Quantity claims and the contradictions between them: who says how many were killed,
arrested or deployed, and which figures about one quantity cannot both be true.

A claim is a number tied by the parse to what it counts: the killed and injured counts
of `casualties.py`, a noun of `[counted]` ("2,500 troops", "dozens of protesters", "12 air
strikes"), a count of people that a word of `[harmed]` takes ("47 people had been
arrested", "10,000 displaced"), the figure a tally is put at ("put the number of arrests
at more than 120"), or money. Its `value` is the range the qualifier gives (the rules of
`casualties.parse_number`; an approximate figure, "about 2,000", is widened by
`approximate_share`). Its `subject_key` is what is counted, whose, where and in which
happening ("troops|USA|IRQ|", "killed|||<event id>"), so that "over 2,000 troops" in a
subtitle and "2,500 troops" in the body meet. Its `source` is the speaker of the quote
that holds it, else the outlet.

Two claims with one key contradict when their ranges do not meet, unless the later one
updates the earlier upwards ("the toll rose to 45"). A claim told for another scope (Iraq
alone, not Iraq and Syria; killed, not killed and injured) has another key, so it never
meets the first. Word lists: `resources/patterns/claims.toml`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsledger.article import Article
from newsledger.extract.actors import ArticleActors
from newsledger.extract.casualties import (
    Casualty,
    is_quantity,
    number_phrase,
    parse_number,
    quantities,
)
from newsledger.extract.claim_rules import ClaimRules
from newsledger.extract.happenings import told_again
from newsledger.extract.model import Claim, Contradiction, Count, Event, Quantity, Quote
from newsledger.extract.ontology import Ontology
from newsledger.extract.quotes import speech_cues
from newsledger.nlp import children, sentence_of, span_tokens, subtree, token_words, tokens

_RESOURCE = "patterns/claims.toml"
_NOT_COUNTS = {"DATE", "TIME", "ORDINAL", "PERCENT"}
_CASUALTY_KINDS = ("killed", "injured")
_PEOPLE_KINDS = ("arrested", "missing", "displaced")
_FORCES = ("troops", "strikes", "attacks", "targets")  # kinds counted as someone's


@dataclass(frozen=True)
class _Reading:
    """A claim before it is numbered: the number phrase, what it counts, and the token
    that stands for that ("troops", "arrested")."""

    kind: str
    number: Span
    counted: Token
    subject: str
    unit: str | None = None
    casualty: Casualty | None = None


def find_claims(
    doc: Doc,
    article: Article,
    events: list[Event],
    quotes: list[Quote],
    casualties: list[Casualty],
    people: ArticleActors,
) -> tuple[list[Claim], list[Contradiction], list[Event]]:
    """The article's claims in text order (ids "<hash12>-c<n>"), the contradictions
    among them, and the events with each toll's `claim` id set."""
    rules = ClaimRules.packaged()
    readings = list(_casualty_readings(doc, casualties))
    taken = {(r.number.start, r.number.end) for r in readings}
    readings += [
        r for r in _quantity_readings(doc, rules) if (r.number.start, r.number.end) not in taken
    ]
    readings.sort(key=lambda r: r.number.start)
    prefix = article.hash[:12]
    happening = _happenings(doc, events)
    claims: list[Claim] = []
    for n, reading in enumerate(readings, 1):
        linked = _events_of(reading, events, doc)
        words = _claim_text(reading)
        claims.append(
            Claim(
                kind=reading.kind,
                subject=reading.subject,
                subject_key=_subject_key(reading, linked, people, happening),
                value=_value(reading, rules),
                qualifier=_qualifier(reading, rules),
                text=words.text,
                start=words.start_char,
                end=words.end_char,
                id=f"{prefix}-c{n}",
                source=_source(reading.number, quotes, article, people),
                reported=article.published.isoformat() if article.published else None,
                unit=reading.unit,
                events=tuple(e.id for e in linked),
            )
        )
    events = [_with_claims(event, claims) for event in events]
    return claims, contradictions(claims, _parts(readings)), events


def _parts(readings: list[_Reading]) -> set[tuple[int, int]]:
    """Pairs of tolls that one harm word joins ("three police officers and five attackers
    were killed"): parts of one toll, never two figures for one quantity."""
    return {
        (i, j)
        for i, a in enumerate(readings)
        for j, b in enumerate(readings)
        if i < j
        and a.casualty is not None
        and b.casualty is not None
        and a.casualty.trigger == b.casualty.trigger
    }


# -- readings -----------------------------------------------------------------------------


def _casualty_readings(doc: Doc, casualties: list[Casualty]) -> Iterator[_Reading]:
    """Killed and injured counts, as casualties.py read them."""
    for casualty in casualties:
        if casualty.infobox:
            continue
        span = doc.char_span(casualty.start, casualty.end, alignment_mode="expand")
        if span is None:
            continue
        text = casualty.count.text
        start = span.text.find(text)
        number = (
            doc.char_span(span.start_char + start, span.start_char + start + len(text))
            if start >= 0
            else None
        )
        if number is None:
            continue
        victims = doc[casualty.victims] if casualty.victims is not None else None
        harm = doc[casualty.trigger]
        subject = f"{victims.text if victims is not None else 'people'} {casualty.kind}"
        yield _Reading(casualty.kind, number, victims or harm, subject, casualty=casualty)


def _quantity_readings(doc: Doc, rules: ClaimRules) -> Iterator[_Reading]:
    words, all_tokens, flags = token_words(doc), tokens(doc), quantities(doc)
    for i, quantity in enumerate(flags):
        if not quantity or words.ent_type[i] in _NOT_COUNTS:
            continue
        token = all_tokens[i]
        head = token.head
        if head.i != i and flags[head.i] and head.pos_ == "NUM":
            continue  # "two" in "two hundred": the phrase's head speaks for it
        if words.lower[i] in ("a", "an", "another", "no", "one") or token.pos_ == "DET":
            continue  # a count of one is no disputed figure
        number = number_phrase(token)
        if parse_number(_figure(number, rules)) is None or _is_year(token):
            continue
        reading = _money(token, number, rules) or _counted(token, number, rules)
        if reading is not None:
            yield reading


def _figure(number: Span, rules: ClaimRules) -> str:
    """The number's words without a currency sign or word ("about $11 billion")."""
    lower = token_words(number.doc).lower
    kept = (t for t in span_tokens(number) if lower[t.i] not in rules.currencies)
    return " ".join(t.text for t in kept if t.pos_ != "SYM")


def _is_year(token: Token) -> bool:
    return (
        token.like_num
        and token.text.isdigit()
        and len(token.text) == 4
        and 1900 <= int(token.text) <= 2100
    )


def _money(token: Token, number: Span, rules: ClaimRules) -> _Reading | None:
    """A sum of money: a MONEY entity, or a number beside a currency word or sign."""
    doc = token.doc
    words = token_words(doc)
    # the word before the number, the number's words and the two after it
    around = range(max(number.start - 1, 0), min(number.end + 2, len(doc)))
    units = (
        rules.currencies.get(words.lower[i]) or rules.currencies.get(words.lemma[i]) for i in around
    )
    unit = next((u for u in units if u), None)
    if unit is None and words.ent_type[token.i] != "MONEY":
        return None
    head = token.head if token.head.i != token.i else token
    subject = head.text if not is_quantity(head) else "money"
    # "$30 million"
    sign = number.start > 0 and words.lower[number.start - 1] in rules.currencies
    money = doc[number.start - 1 : number.end] if sign else number
    return _Reading("money", money, head, subject, unit=unit)


def _counted(token: Token, number: Span, rules: ClaimRules) -> _Reading | None:
    """What a number counts: its noun ("2,500 troops"), the noun after "of" ("dozens
    of protesters"), a count of people by the word that takes it ("47 people had been
    arrested"), or a tally's figure ("put the number of arrests at more than 120")."""
    noun = token.head if token.dep_ == "nummod" else _of_object(token) or token
    if _partitive(token):
        return None  # "several of the detainees", "none of the fighters": a part, no figure
    # what was done to them decides first: "arrested 30 protesters" counts arrests
    kind = _harm_kind(noun, rules) or _noun_kind(noun, rules)
    if kind is None:
        tallied = _tallied(token, rules)
        if tallied is not None:
            noun, kind = tallied
    if kind is None:
        return None
    return _Reading(kind, number, noun, _subject_words(noun, number, kind))


def _partitive(number: Token) -> bool:
    """ "three of the soldiers", "none of them": part of a group counted elsewhere."""
    of = _of_object(number)
    if of is None:
        return number.lower_ in ClaimRules.packaged().none_words
    return of.pos_ == "PRON" or any(
        c.dep_ in ("det", "poss") and c.lower_ != "a" for c in children(of)
    )


def _noun_kind(noun: Token, rules: ClaimRules) -> str | None:
    lemma = noun.lemma_.lower()
    pair = f"{noun.nbor(-1).lower_} {lemma}" if noun.i > 0 else lemma
    return rules.counted.get(pair) or rules.counted.get(lemma)


def _harm_kind(noun: Token, rules: ClaimRules) -> str | None:
    """The kind a word that takes the counted people gives: the verb they are the
    subject or object of, or a word describing them ("missing", "displaced")."""
    words = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else []
    words += [c for c in children(noun) if c.dep_ in ("amod", "acl", "relcl")]
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":  # "dozens are missing"
        words += [c for c in children(noun.head) if c.dep_ in ("acomp", "attr")]
    for word in words:
        kind = rules.harmed.get(word.lemma_.lower()) or rules.harmed.get(word.lower_)
        if kind is not None:
            return kind
    return None


def _tallied(number: Token, rules: ClaimRules) -> tuple[Token, str] | None:
    """ "put the number of arrests at more than 120", "the tally rose to 45": the
    tally's "of" noun decides."""
    if number.dep_ != "pobj" or number.head.lower_ not in ("at", "to"):
        return None
    verb = number.head.head
    tallies = [c for c in children(verb) if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    for tally in tallies:
        if tally.lemma_.lower() not in rules.tallies:
            continue
        counted = _of_object(tally)
        if counted is None:
            continue
        kind = _noun_kind(counted, rules) or rules.harmed.get(counted.lemma_.lower())
        if kind is not None:
            return counted, kind
    return None


def _of_object(token: Token) -> Token | None:
    of = next((c for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in children(of) if c.dep_ == "pobj"), None) if of is not None else None


def _subject_words(noun: Token, number: Span, kind: str) -> str:
    """What is counted, as written: the noun with its modifiers and a short place or
    owner phrase ("U.S. troops in Iraq"), without the number."""
    doc = noun.doc
    keep = [noun, *(c for c in children(noun) if c.dep_ in ("compound", "amod", "nmod", "poss"))]
    for prep in (
        c for c in children(noun) if c.dep_ == "prep" and c.lower_ in ("in", "across", "from")
    ):
        phrase = subtree(prep)
        if len(phrase) <= 5:
            keep += phrase
    words = sorted({t.i for t in keep} - set(range(number.start, number.end)))
    text = " ".join(doc[i].text for i in words)
    if not text or (noun.lemma_.lower() in ClaimRules.packaged().people and kind in _PEOPLE_KINDS):
        return f"{text or 'people'} {kind}"  # "people arrested", "Dozens arrested"
    return text


def _claim_text(reading: _Reading) -> Span:
    """The words of the claim: the number and what it counts, as one span."""
    doc = reading.number.doc
    indices = [reading.number.start, reading.number.end - 1, reading.counted.i]
    counted = reading.counted
    if reading.kind in _PEOPLE_KINDS and counted.dep_ in ("nsubj", "nsubjpass", "dobj"):
        indices.append(counted.head.i)  # "47 people had been arrested"
    if reading.casualty is not None:
        span = doc.char_span(reading.casualty.start, reading.casualty.end, alignment_mode="expand")
        if span is not None:
            indices += [span.start, span.end - 1]
    sentence = sentence_of(reading.number[0])
    start = max(min(indices), sentence.start)
    end = min(max(indices), sentence.end - 1)
    return doc[start : end + 1]


# -- values, qualifiers, keys, sources --------------------------------------------------


def _value(reading: _Reading, rules: ClaimRules) -> Quantity:
    bounds = parse_number(_figure(reading.number, rules))
    if reading.casualty is not None:
        bounds = (reading.casualty.count.min, reading.casualty.count.max)
    low, high = bounds if bounds is not None else (None, None)
    qualifier = (_qualifier(reading, rules) or "").lower()
    if qualifier in rules.approximate and low is not None and high is not None:
        margin = rules.approximate_share
        return Quantity(low * (1 - margin), high * (1 + margin))
    return Quantity(
        float(low) if low is not None else None, float(high) if high is not None else None
    )


def _qualifier(reading: _Reading, rules: ClaimRules) -> str | None:
    """The word that bounds the figure ("over", "at least", "dozens"), or "rising to" for
    a figure a verb of increase gives ("the toll rose to 45")."""
    if _is_update(reading, rules):
        return "rising to"
    text = reading.number.text.lower()
    phrase = next((p for p in rules.qualifiers if text.startswith(p + " ")), None)
    if phrase is not None:
        return phrase
    first = reading.number[0]
    return first.lower_ if not first.like_num and first.is_alpha else None


def _is_update(reading: _Reading, rules: ClaimRules) -> bool:
    head = reading.number[-1]
    while head.head.i != head.i and head.dep_ in ("nummod", "quantmod", "compound", "pobj", "prep"):
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    return head.lemma_.lower() in rules.updates


def _happenings(doc: Doc, events: list[Event]) -> dict[str, str]:
    """Event id -> "<happening id>@<scope>": the happening it tells (its own, or an
    earlier one it tells again with another toll, `happenings.told_again`) and the
    countries its record names ("IRQ", "IRQ+SYR"; a record that names none has its
    happening's). A toll for Iraq alone and one for Iraq and Syria are of two scopes."""
    ordered = sorted(events, key=lambda e: e.mentions[0].start)
    first: dict[str, str] = {}
    for index, event in enumerate(ordered):
        kin = [e for e in ordered[:index] if e.type == event.type]
        earlier = next(
            (e for e in reversed(kin) if told_again(doc, e, event, latest=e is kin[-1])), None
        )
        scope = _scope(event)
        if earlier is None:
            first[event.id] = f"{event.id}@{scope}"
        else:
            happening, inherited = first[earlier.id].split("@", 1)
            first[event.id] = f"{happening}@{scope or inherited}"
    return first


def _scope(event: Event) -> str:
    places = event.locations or ((event.location,) if event.location is not None else ())
    named = [p for p in places if p.precision not in ("dateline", "article")]
    return "+".join(sorted({p.country for p in named if p.country}))


def _subject_key(
    reading: _Reading, linked: list[Event], people: ArticleActors, happening: dict[str, str]
) -> str:
    """kind|owner|place country|happening: the quantity a claim is about. The owner is
    the country of forces counted; for arrests, the missing and the displaced, the group
    when a word names one ("suspects"); for tolls, the happening and its scope."""
    owner = _owner(reading, people)
    where = (
        _where(reading, people)
        or next((e.location.country for e in linked if e.location is not None), None)
        or people.main_country()  # a figure with no place of its own is the story's
    )
    told = ""
    if reading.kind in _CASUALTY_KINDS:
        # a toll of no event found is its own sentence's: it meets no other toll
        told = happening[linked[0].id] if linked else f"s{sentence_of(reading.number[0]).start}"
        where = None  # the happening says where; a toll's own words may name less
    if reading.kind in _PEOPLE_KINDS:  # "three suspects" and "47 people" are two groups
        word = reading.counted.lemma_.lower()
        group = (
            ""
            if word in ClaimRules.packaged().generic_people or is_quantity(reading.counted)
            else word
        )
        owner = group
    return "|".join((reading.kind, owner or "", where or "", told))


def _owner(reading: _Reading, people: ArticleActors) -> str | None:
    """Whose the counted are: a country word on them ("U.S. troops"), or the subject of
    the verb that has them ("The United States has 2,500 troops")."""
    if reading.kind not in _FORCES:
        return None  # whose arrests or dead are is no part of what is counted
    noun = reading.counted
    for child in children(noun):
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i not in range(
            reading.number.start, reading.number.end
        ):
            country = people.coder.country_of(child.text.removesuffix("'s"))
            if country is not None and country.country:
                return country.country
    if noun.dep_ == "dobj":
        subject = next((c for c in children(noun.head) if c.dep_ == "nsubj"), None)
        if subject is not None:
            return people.code(subject).country
    return None


def _where(reading: _Reading, people: ArticleActors) -> str | None:
    """The country of a place in the counted words' phrase or their verb's ("troops in
    Iraq", "troops stationed in Iraq", "47 people had been arrested in Nairobi")."""
    noun = reading.counted
    scope = {t.i for t in subtree(noun)}
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        scope |= {
            t.i
            for c in children(noun.head)
            if c.dep_ == "prep" and c.lower_ in ("in", "across", "at", "near")
            for t in subtree(c)
        }
    for mention in people.places:
        if mention.token in scope and mention.place.country:
            return mention.place.country
    return None


def _source(
    number: Span, quotes: list[Quote], article: Article, people: ArticleActors
) -> str | None:
    """Who the figure is attributed to: the speaker of the quote that holds it, else the
    subject of the verb that gives it ("The forum put the number of arrests at more than
    120"), else the outlet."""
    position = number.start_char
    for quote in quotes:
        if quote.start <= position < quote.end and quote.speaker is not None:
            return quote.speaker.name or quote.speaker.text.split(",")[0]
    rules = ClaimRules.packaged()
    verb = next((t for t in number[0].ancestors if t.pos_ == "VERB"), None)
    if verb is not None and (
        verb.lemma_.lower() in rules.source_verbs or verb.lemma_.lower() in speech_cues()
    ):
        subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in ("it", "they", "which", "that"):
            speaker = people.code(subject)
            return speaker.name or speaker.text.split(",")[0]  # without its appositive
    return article.source


# -- links to events ---------------------------------------------------------------------


def _events_of(reading: _Reading, events: list[Event], doc: Doc) -> list[Event]:
    """The events a claim quantifies. A toll is the harmful event's nearest to it in its
    sentence (as casualties attach), else that of the event whose toll it became (a
    later total: "the toll rose to 45"); another count is the event whose trigger is the
    counted noun or its verb ("launched 12 air strikes")."""
    sentence = sentence_of(reading.number[0])

    def triggers(event: Event) -> list[int]:
        return [
            m.trigger_start
            for m in event.mentions
            if sentence.start_char <= m.trigger_start < sentence.end_char
        ]

    if reading.casualty is not None:
        harmful = Ontology.packaged().harmful
        near = [(min(abs(t - reading.number.start_char) for t in triggers(e)), e)
                for e in events if e.type in harmful and triggers(e)]  # fmt: skip
        if near:
            return [min(near, key=lambda pair: pair[0])[1]]
        text = reading.casualty.count.text
        field = "fatalities" if reading.kind == "killed" else "injuries"
        return [
            e for e in events if getattr(e, field) is not None and getattr(e, field).text == text
        ]
    anchors = {reading.counted.idx, reading.counted.head.idx}
    return [e for e in events if anchors & set(triggers(e))]


def _with_claims(event: Event, claims: list[Claim]) -> Event:
    """The event with the id of the claim that gave each of its tolls."""
    changes = {}
    for field, kind in (("fatalities", "killed"), ("injuries", "injured")):
        count: Count | None = getattr(event, field)
        if count is None:
            continue
        claim = next((c for c in claims if c.kind == kind and event.id in c.events), None)
        if claim is not None:
            changes[field] = replace(count, claim=claim.id)
    return replace(event, **changes) if changes else event


# -- contradictions ----------------------------------------------------------------------


def contradictions(
    claims: list[Claim], parts: set[tuple[int, int]] | None = None
) -> list[Contradiction]:
    """Pairs of claims about one quantity (one `subject_key`) whose ranges do not meet,
    unless the later raises the earlier ("rising to") or the two are `parts` of one
    figure (index pairs); each with a note for readers."""
    found = []
    for i, first in enumerate(claims):
        for j in range(i + 1, len(claims)):
            second = claims[j]
            if first.subject_key != second.subject_key or _meet(first.value, second.value):
                continue
            if (i, j) in (parts or set()):
                continue
            if second.qualifier == "rising to" and _above(second.value, first.value):
                continue  # a later, larger figure updates the earlier one
            found.append(Contradiction(claims=(i, j), note=_note(first, second)))
    return found


def _meet(a: Quantity, b: Quantity) -> bool:
    low_ok = a.min is None or b.max is None or a.min <= b.max
    high_ok = b.min is None or a.max is None or b.min <= a.max
    return low_ok and high_ok


def _above(later: Quantity, earlier: Quantity) -> bool:
    return later.min is not None and (earlier.max is None or later.min >= earlier.max)


def _note(first: Claim, second: Claim) -> str:
    def said(claim: Claim) -> str:
        return (
            f'according to {claim.source or "the article"}, "{claim.text}" ({_range(claim.value)})'
        )

    text = f"{said(first)}; {said(second)}."
    return (
        f"{text[0].upper()}{text[1:]} Both count {second.subject}, and the figures do not "
        "overlap, so both cannot be true."
    )


def _range(value: Quantity) -> str:
    def number(x: float) -> str:
        return f"{x:,.0f}"

    if value.min is not None and value.max is not None:
        same = value.min == value.max
        return number(value.min) if same else f"{number(value.min)} to {number(value.max)}"
    if value.min is not None:
        return f"at least {number(value.min)}"
    if value.max is not None:
        return f"at most {number(value.max)}"
    return "no bound"
