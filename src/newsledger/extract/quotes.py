"""Who said what: direct quotes in quotation marks, reported speech after a cue verb, and
"according to X".

Direct quotes are found by their marks (straight or curly; one that spans paragraphs
goes on where the next paragraph reopens it, `_quoted_spans`). Each is attributed to the
subject of a speech verb outside the marks in its sentence, in the short sentence right
after it ("... conflict." He said.), or to "according to X"; a quote with none that
follows an attributed quote without a sentence between keeps that speaker, as split
quotes and quotes of several paragraphs do. Reported speech is the clause, or the
object of the cue's preposition, that a cue verb of `speech_cues.tsv` introduces
("warned that ...", "called for a ceasefire", "accused X of shelling", "The attacks will
go on, the group said"). A speaker "he" or "she" that the article's people do not
resolve is the last named speaker before it. Word lists: `resources/patterns/
quotes.toml`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ArticleActors
from newsledger.extract.model import Actor, Event, Quote
from newsledger.extract.ontology import Ontology
from newsledger.nlp import (
    children,
    doc_text,
    sentence_of,
    span_tokens,
    subtree,
    token_words,
    tokens,
)

_RESOURCE = "patterns/quotes.toml"
_CUES = "patterns/speech_cues.tsv"
_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class SpeechCue:
    """A speech verb: the prepositions whose object is what was said, and whether its
    direct object is."""

    preps: frozenset[str]
    object: bool


@dataclass(frozen=True)
class QuoteRules:
    opening: frozenset[str]
    closing: frozenset[str]
    min_words: int
    anonymous_sources: frozenset[str]
    unnamed_representatives: frozenset[str]
    indefinite: frozenset[str]
    attribution: frozenset[str]
    attribution_preposition: str
    personal_pronouns: frozenset[str]
    infinitive_cues: frozenset[str]
    naming_cues: frozenset[str]
    cues: dict[str, SpeechCue]

    @property
    def marks(self) -> re.Pattern[str]:
        """Any quotation mark: what `_quoted_spans` looks for in the text."""
        return _marks_pattern(self.opening | self.closing)

    @classmethod
    @cache
    def packaged(cls) -> QuoteRules:
        table = load_toml(_RESOURCE)
        path = resource_path(_RESOURCE)

        def words(key: str) -> frozenset[str]:
            value = table.get(key)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ResourceError(f"{path}: {key} must be a list of strings")
            return frozenset(value)

        cues = {}
        for _, row in read_tsv(resource_path(_CUES), ("lemma", "preps", "object")):
            if row["object"] not in ("yes", "no"):
                raise ResourceError(f"{resource_path(_CUES)}: {row['lemma']}: object is yes or no")
            preps = frozenset(p for p in row["preps"].lower().split("|") if p)
            cues[row["lemma"].lower()] = SpeechCue(preps, row["object"] == "yes")
        return cls(
            opening=words("opening_marks"),
            closing=words("closing_marks"),
            min_words=int(table.get("min_words", 4)),
            anonymous_sources=frozenset(w.lower() for w in words("anonymous_sources")),
            unnamed_representatives=frozenset(w.lower() for w in words("unnamed_representatives")),
            indefinite=frozenset(w.lower() for w in words("indefinite")),
            attribution=frozenset(w.lower() for w in words("attribution")),
            attribution_preposition=str(table.get("attribution_preposition", "to")),
            personal_pronouns=frozenset(w.lower() for w in words("personal_pronouns")),
            infinitive_cues=frozenset(w.lower() for w in words("infinitive_cues")),
            naming_cues=frozenset(w.lower() for w in words("naming_cues")),
            cues=cues,
        )

    def cue(self, token: Token) -> SpeechCue | None:
        if token.pos_ != "VERB":
            return None
        return self.cues.get(token.lemma_.lower())


@cache
def _marks_pattern(marks: frozenset[str]) -> re.Pattern[str]:
    single = sorted(m for m in marks if len(m) == 1)  # the text is read a character at a time
    return re.compile("[" + "".join(re.escape(m) for m in single) + "]")


@cache
def speech_cues() -> frozenset[str]:
    """The lemmas of the speech verbs."""
    return frozenset(QuoteRules.packaged().cues)


@dataclass
class _Found:
    """A quote with the token that attributes it (a cue verb, or "according")."""

    quote: Quote
    cue: Token | None


def find_quotes(doc: Doc, people: ArticleActors, article_hash: str = "") -> list[Quote]:
    """Every quote of the article in text order, with ids "<hash12>-q<n>"."""
    return [found.quote for found in _find(doc, people, article_hash)]


def _find(doc: Doc, people: ArticleActors, article_hash: str) -> list[_Found]:
    rules = QuoteRules.packaged()
    found = _direct_quotes(doc, people, rules)
    taken = [(f.quote.start, f.quote.end) for f in found]
    found += _reported_speech(doc, people, rules, taken)
    taken = [(f.quote.start, f.quote.end) for f in found]
    found += _according_to(doc, people, rules, taken)
    found.sort(key=lambda f: f.quote.start)
    found = _resolve_pronouns(found, rules)
    prefix = article_hash[:12]
    return [
        _Found(
            replace(
                f.quote,
                id=f"{prefix}-q{n}" if prefix else f"q{n}",
                cue_start=f.cue.idx if f.cue is not None else None,
            ),
            f.cue,
        )
        for n, f in enumerate(found, 1)
    ]


# -- direct quotes ------------------------------------------------------------------------


def _quoted_spans(text: str, rules: QuoteRules) -> Iterator[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks. A straight mark
    closes an open quote unless it reopens it at the start of a new paragraph, the
    quote having run on unclosed."""
    start: int | None = None
    for mark in rules.marks.finditer(text):  # the marks only: most of the text has none
        index, char = mark.start(), mark[0]
        opens, closes = char in rules.opening, char in rules.closing
        if start is None:
            if opens:
                start = index + 1
            continue
        reopens = opens and _starts_paragraph(text, index) and text.find("\n\n", start, index) >= 0
        if reopens or (opens and not closes):
            if not reopens:
                start = index + 1  # a curly opening mark with the last one unclosed
            continue
        yield start, index
        start = None


def _starts_paragraph(text: str, index: int) -> bool:
    """Whether only spaces stand between the mark and a line break (without copying
    the text before it, as a quote can open hundreds of times in a long article)."""
    end = index
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return text.endswith("\n", 0, end)


def _direct_quotes(doc: Doc, people: ArticleActors, rules: QuoteRules) -> list[_Found]:
    text = doc_text(doc)
    found: list[_Found] = []
    last: _Found | None = None  # the last attributed quote, for those that go on from it
    for start, end in _quoted_spans(text, rules):
        words = len(text[start:end].split())
        first = _token_at(doc, start)
        final = _token_at(doc, max(start, end - 1))
        if first is None or final is None or words < 2:
            continue
        cue = _attribution(doc, start, end, final, rules)
        naming = cue is not None and cue.lemma_.lower() in rules.naming_cues
        if words < rules.min_words and (cue is None or naming):
            continue  # "so-called", "what they call a 'self-defence force'": no speech
        if cue is not None:
            speaker, anonymous = _speaker_of(cue, people, rules)
        elif last is not None and _goes_on(doc, last, start):
            speaker, anonymous = last.quote.speaker, last.quote.anonymous
        else:
            speaker, anonymous = None, False
        went_on = cue is None and speaker is not None and last is not None
        if went_on and last is not None:
            cue = last.cue
        quote = Quote(
            speaker=speaker,
            text=text[start:end],
            direct=True,
            cue=_cue_word(cue) if cue is not None else None,
            start=start,
            end=end,
            anonymous=anonymous,
        )
        entry = _Found(quote, cue)
        found.append(entry)
        if speaker is not None:
            last = entry
    return found


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _attribution(doc: Doc, start: int, end: int, final: Token, rules: QuoteRules) -> Token | None:
    """The cue verb (or "according") outside the marks that attributes the quote: in the
    sentence where the quote ends or begins, else in a short sentence that opens right
    after the closing mark ("... conflict." He said.)."""
    sentence = sentence_of(final)
    opening = sentence_of(_token_at(doc, start) or final)
    candidates = [sentence, opening]
    following = _next_sentence(sentence)
    if following is not None and following.start_char - end <= 3 and len(following) <= 8:
        candidates.append(following)
    if opening.start > 0:  # 'Adraee said:' closing the paragraph before the quote
        before = sentence_of(doc[opening.start - 1])
        if doc_text(doc)[before.start_char : start].rstrip(' \n"\u201c').endswith(":"):
            candidates.append(before)
    words = token_words(doc)
    for span in candidates:
        for token in span_tokens(span):
            i = token.i
            if words.lemma[i] not in rules.cues and words.lower[i] not in rules.attribution:
                continue  # neither a cue verb nor "according": the tests below fail
            if start <= token.idx < end:
                continue
            cue = rules.cue(token)
            if cue is not None and any(c.dep_ in _SUBJECTS for c in children(token)):
                return token
            if token.lower_ in rules.attribution and _attributed_to(token, rules) is not None:
                return token
    return None


def _next_sentence(sentence: Span) -> Span | None:
    doc = sentence.doc
    index = sentence.end
    while index < len(doc) and doc[index].is_space:
        index += 1
    return sentence_of(doc[index]) if index < len(doc) else None


def _goes_on(doc: Doc, last: _Found, start: int) -> bool:
    """Whether a quote follows the last attributed one with nothing between but that
    quote's own attribution: the next part of a split quote ('"...," he said, "..."'),
    the next sentence or paragraph of the same speech ('"...," said X, a farmer. "..."')."""
    text = doc_text(doc)
    if not text[last.quote.end : start].strip(' \t\n"\u201c\u201d,.;:'):
        return True
    own = {sentence_of(t).start for t in (last.cue,) if t is not None}
    end_token = _token_at(doc, max(last.quote.start, last.quote.end - 1))
    if end_token is not None:
        own.add(sentence_of(end_token).start)
    between = doc.char_span(last.quote.end, start, alignment_mode="contract")
    if between is None:
        return False
    words = [t for t in between if not (t.is_punct or t.is_space)]
    return all(sentence_of(t).start in own for t in words)


def _cue_word(cue: Token) -> str:
    rules = QuoteRules.packaged()
    return "according to" if cue.lower_ in rules.attribution else cue.lemma_.lower()


# -- speakers ------------------------------------------------------------------------------


def _speaker_of(cue: Token, people: ArticleActors, rules: QuoteRules) -> tuple[Actor | None, bool]:
    """(speaker, anonymous) for a cue verb's subject or the object of "according to"."""
    attributed = cue.lower_ in rules.attribution
    head = _attributed_to(cue, rules) if attributed else _cue_subject(cue)
    if head is None:
        return None, False
    speaker = _placed(people.code(head), people)
    if speaker.name is None and head.lower_ in rules.personal_pronouns:
        person = people.person_before(head)  # '"We hear you," he said'
        if person is not None:
            speaker = replace(
                speaker,
                name=person.name,
                country=person.country,
                sector=person.sector,
                role=person.role,
            )
    elif speaker.name is None and _unknown_name(head, speaker):
        name = [t for t in subtree(head) if t.i <= head.i and t.pos_ == "PROPN"]
        speaker = replace(speaker, name=" ".join(t.text for t in name))  # "Fatou Diallo"
    return speaker, _is_anonymous(head, speaker, rules)


def _placed(speaker: Actor, people: ArticleActors) -> Actor:
    """An official, soldier or policeman the text gives no country is of the country the
    story is about ("Defence Minister Ivan Velasquez" in a report from Colombia), as
    forces without a country are in events."""
    if speaker.country or speaker.sector not in Ontology.packaged().state_sectors:
        return speaker
    return replace(speaker, country=people.main_country())


def _unknown_name(head: Token, speaker: Actor) -> bool:
    """A speaker named by two or more capitalised words that no dictionary codes and the
    entity recogniser did not call a place or body: a person's name it missed."""
    if head.pos_ != "PROPN" or speaker.country or speaker.sector:
        return False
    if head.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "FAC"):
        return False
    words = [t for t in subtree(head) if t.i <= head.i and t.pos_ == "PROPN"]
    return len(words) >= 2 and all(t.text[:1].isupper() for t in words)


def _cue_subject(cue: Token) -> Token | None:
    """The speech verb's subject, or the subject it shares with the verb it is joined to
    ("denied the accusation and said ...", "..., adding that ...", "urging donors ...")."""
    verb = cue
    for _ in range(3):
        subject = next((c for c in children(verb) if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _attributed_to(according: Token, rules: QuoteRules) -> Token | None:
    to = next((c for c in children(according) if c.lower_ == rules.attribution_preposition), None)
    if to is None:
        return None
    return next((c for c in children(to) if c.dep_ == "pobj"), None)


def _is_anonymous(head: Token, speaker: Actor, rules: QuoteRules) -> bool:
    """A source not named: no person's name, and a head word of an unnamed source
    ("officials", "a diplomat", "two security sources"), or a spokesperson or aide that is
    not definite ("a spokesman", "aides")."""
    if head.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in subtree(head)):
        return False  # a person named (an organisation's name leaves the source unnamed)
    word = head.lemma_.lower()
    if head.lower_ in rules.anonymous_sources or word in rules.anonymous_sources:
        return True
    if head.lower_ in rules.unnamed_representatives or word in rules.unnamed_representatives:
        determiner = next((c for c in children(head) if c.dep_ == "det"), None)
        return determiner is None or determiner.lower_ in rules.indefinite
    return False


def _resolve_pronouns(found: list[_Found], rules: QuoteRules) -> list[_Found]:
    """A speaker "he", "she" or "they" the article's people left without a name is the
    last named speaker before it (news attributes a quote to the person it is about)."""
    last_named: Actor | None = None
    out = []
    for entry in found:
        speaker = entry.quote.speaker
        if (
            speaker is not None
            and speaker.name is None
            and last_named is not None
            and (speaker.text.lower() in rules.personal_pronouns)
        ):
            resolved = replace(last_named, text=speaker.text, start=speaker.start, end=speaker.end)
            entry = _Found(replace(entry.quote, speaker=resolved), entry.cue)
        elif speaker is not None and speaker.name:
            last_named = speaker
        out.append(entry)
    return out


# -- reported speech -----------------------------------------------------------------------


def _reported_speech(
    doc: Doc, people: ArticleActors, rules: QuoteRules, taken: list[tuple[int, int]]
) -> list[_Found]:
    found = []
    all_tokens = tokens(doc)
    for i, lemma in enumerate(token_words(doc).lemma):
        if lemma not in rules.cues:
            continue  # `rules.cue` would say None: no need to build the token
        token = all_tokens[i]
        cue = rules.cue(token)
        if cue is None:
            continue
        span = _said(token, cue, rules)
        if span is None or _overlaps(span.start_char, span.end_char, taken):
            continue
        if _overlaps(token.idx, token.idx + len(token), taken):
            continue  # a saying inside a direct quote is the quoted speaker's words
        if token.dep_ == "relcl" and span.root.dep_ == "xcomp":
            continue  # "an official who asked not to be named": no speech reported
        speaker, anonymous = _speaker_of(token, people, rules)
        found.append(
            _Found(
                Quote(
                    speaker=speaker,
                    text=_text(span),
                    direct=False,
                    cue=lemma,
                    start=span.start_char,
                    end=span.end_char,
                    anonymous=anonymous,
                ),
                token,
            )
        )
    return found


def _said(verb: Token, cue: SpeechCue, rules: QuoteRules) -> Span | None:
    """What the cue verb says was said: its clause, the object of one of its
    prepositions or its object; or, told after it, the clause it hangs from ("The attacks
    will go on, the group said")."""
    doc = verb.doc
    for child in children(verb):
        infinitive = child.dep_ == "xcomp" and verb.lemma_.lower() in rules.infinitive_cues
        if child.dep_ == "ccomp" or (infinitive and child.i > verb.i):
            return _trimmed(doc[child.left_edge.i : child.right_edge.i + 1])
        if child.dep_ == "prep" and child.lower_ in cue.preps:
            obj = next((c for c in children(child) if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _trimmed(doc[obj.left_edge.i : obj.right_edge.i + 1])
        reduced = child.dep_ == "dobj" and any(
            c.dep_ == "acl" and c.tag_ == "VBN" for c in children(child)
        )  # a headline's "says 14 militants killed"
        if child.dep_ == "dobj" and (cue.object or reduced):
            return _trimmed(doc[child.left_edge.i : child.right_edge.i + 1])
        if child.dep_ == "prep" and child.lower_ == "in":  # "said in a statement that ..."
            medium = next((c for c in children(child) if c.dep_ == "pobj"), None)
            clause = next(
                (
                    c
                    for c in (children(medium) if medium is not None else ())
                    if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(m.lower_ == "that" and m.dep_ == "mark" for m in children(c))
                ),
                None,
            )
            if clause is not None:
                return _trimmed(doc[clause.left_edge.i : clause.right_edge.i + 1])
    inverted = verb.dep_ in ("ccomp", "parataxis", "advcl") and verb.head.i < verb.i
    if inverted and not any(c.dep_ in ("mark", "advmod") for c in children(verb)):
        head = verb.head
        end = verb.left_edge.i  # the words before the saying's own phrase
        return _trimmed(doc[head.left_edge.i : end]) if end > head.left_edge.i else None
    return None


def _trimmed(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    all_tokens, lower = tokens(doc), token_words(doc).lower
    while start < end and (
        all_tokens[start].is_punct or all_tokens[start].is_space or lower[start] == "that"
    ):
        start += 1
    while end > start and (all_tokens[end - 1].is_punct or all_tokens[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def _text(span: Span) -> str:
    """`span.text`, cut from the doc's text (spaCy joins the span's tokens anew)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


# -- "according to X" ----------------------------------------------------------------------


def _according_to(
    doc: Doc, people: ArticleActors, rules: QuoteRules, taken: list[tuple[int, int]]
) -> list[_Found]:
    """ "According to the health ministry, 40 people were killed": the sentence without
    the attribution, said by the ministry."""
    found = []
    all_tokens = tokens(doc)
    for i, lower in enumerate(token_words(doc).lower):
        if lower not in rules.attribution:
            continue
        token = all_tokens[i]
        if _attributed_to(token, rules) is None:
            continue
        sentence = sentence_of(token)
        if _overlaps(sentence.start_char, sentence.end_char, taken):
            continue  # its quote, or its sentence's reported speech, carries it
        attribution = {t.i for t in subtree(token)}
        kept = [t for t in span_tokens(sentence) if t.i not in attribution]
        if not kept:
            continue
        span = _trimmed(doc[kept[0].i : kept[-1].i + 1])
        if span is None:
            continue
        if span.start <= token.i < span.end:  # "40 people, according to X, were killed"
            span = _trimmed(doc[kept[0].i : token.i]) or span
        speaker, anonymous = _speaker_of(token, people, rules)
        found.append(
            _Found(
                Quote(
                    speaker=speaker,
                    text=_text(span),
                    direct=False,
                    cue="according to",
                    start=span.start_char,
                    end=span.end_char,
                    anonymous=anonymous,
                ),
                token,
            )
        )
    return found


# -- links to events -----------------------------------------------------------------------


def link_quotes(quotes: list[Quote], events: list[Event]) -> tuple[list[Quote], list[Event]]:
    """Each quote with the ids of the verbal events it expresses, each verbal event with
    the ids of its quotes: an event whose trigger is in the quoted words, or is the
    quote's own speech verb (a demand, an accusation, a warning)."""
    by_event: dict[str, list[str]] = {}
    linked = []
    # Which verbal events (by their order) have a trigger at each offset, so that a
    # quote finds its events by a search of the offsets rather than a test of each one.
    verbal = [e for e in events if e.verbal]
    at: dict[int, set[int]] = {}
    for number, event in enumerate(verbal):
        for mention in event.mentions:
            at.setdefault(mention.trigger_start, set()).add(number)
    offsets = sorted(at)
    for quote in quotes:
        inside = offsets[bisect_left(offsets, quote.start) : bisect_left(offsets, quote.end)]
        numbers = set().union(*(at[s] for s in inside), at.get(quote.cue_start, ()))
        ids = tuple(verbal[n].id for n in sorted(numbers))
        for event_id in ids:
            by_event.setdefault(event_id, []).append(quote.id)
        linked.append(_with(quote, "events", ids))
    events = [_with(e, "quotes", tuple(by_event.get(e.id, ()))) for e in events]
    return linked, events


def _with(record: Any, field: str, ids: tuple[str, ...]) -> Any:
    """The record with `field` set to `ids`; the record itself when it has them already
    (most have none, and `replace` copies every field)."""
    return record if getattr(record, field) == ids else replace(record, **{field: ids})


def quote_spans(quotes: list[Quote]) -> list[tuple[int, int]]:
    """(start, end) of the direct quotes: where happenings.py treats retellings apart."""
    return [(q.start, q.end) for q in quotes if q.direct]
