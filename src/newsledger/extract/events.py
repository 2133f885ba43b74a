"""A first event finder: trigger words from a lexicon, arguments from the dependency parse.

For each verb or noun in `resources/patterns/event_triggers.tsv`, the actor is the
subject (or the "by" agent of a passive, or a possessor/modifier of a noun such as
"U.S. strikes"), and the recipient the object (or the passive subject, or "on X").
Negation and modal verbs set PLOVER's auxiliary flags.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger.data import read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder
from newsledger.extract.model import Actor, Event, Mention
from newsledger.extract.ontology import PLOVER_TYPES, Ontology

_HYPOTHETICAL = {"would", "could", "might", "may", "should"}
_FUTURE = {"will", "shall"}
_AGENT_PREPS = {"by"}
_TARGET_PREPS = {"on", "against", "with", "at"}
_NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_RELATIVE_TAGS = {"WDT", "WP"}


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    governs: frozenset[str]
    type: str
    mode: str | None
    cameo: str

    def fits(self, token: Token) -> bool:
        """Whether `token` governs one of the words this trigger needs (if it needs any)."""
        if not self.governs:
            return True
        for child in token.children:
            if child.lemma_.lower() in self.governs or child.lower_ in self.governs:
                return True
            if "@country" in self.governs and ActorCoder.packaged().country_of(
                child.text.removesuffix("'s")
            ):
                return True
        return False


@cache
def trigger_lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    path = resource_path("patterns/event_triggers.tsv")
    lexicon: dict[tuple[str, str], list[Trigger]] = {}
    for number, row in read_tsv(path, ("lemma", "pos", "with", "type", "mode", "cameo")):
        if row["type"] not in PLOVER_TYPES:
            raise ResourceError(f"{path}:{number}: {row['type']!r} is not a PLOVER type")
        if row["pos"] not in ("VERB", "NOUN"):
            raise ResourceError(f"{path}:{number}: pos must be VERB or NOUN")
        governs = frozenset(w.strip().lower() for w in row["with"].split("|") if w.strip())
        trigger = Trigger(
            row["lemma"], row["pos"], governs, row["type"], row["mode"] or None, row["cameo"]
        )  # fmt: skip
        lexicon.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {key: tuple(value) for key, value in lexicon.items()}


def find_events(doc: Doc, article_hash: str) -> list[Event]:
    """Every event a trigger word reports, in text order."""
    coder, ontology = ActorCoder.packaged(), Ontology.packaged()
    sentences = list(doc.sents)
    found: list[Event] = []
    for index, sentence in enumerate(sentences):
        for token, trigger in _triggers(sentence):
            event_type = ontology.types[trigger.type]
            actor_head, recipient_head = _arguments(token, trigger)
            actor = coder.code(actor_head) if actor_head is not None else None
            recipient = coder.code(recipient_head) if recipient_head is not None else None
            found.append(
                Event(
                    id=f"{article_hash[:12]}-{len(found) + 1:03d}",
                    type=trigger.type,
                    mode=trigger.mode,
                    cameo=trigger.cameo,
                    goldstein=ontology.goldstein(trigger.cameo),
                    acled=ontology.acled(trigger.type, trigger.mode),
                    actor=actor,
                    recipient=recipient,
                    mentions=(_mention(index, sentence, token),),
                    verbal=event_type.verbal,
                    negated=_negated(token),
                    hypothetical=_has_aux(token, _HYPOTHETICAL),
                    future=_has_aux(token, _FUTURE),
                    confidence=_confidence(actor, recipient),
                )
            )
    return found


def _triggers(sentence: Span) -> Iterator[tuple[Token, Trigger]]:
    lexicon = trigger_lexicon()
    chosen: dict[int, Trigger] = {}
    for token in sentence:
        pos = (
            "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        )
        if pos is None:
            continue
        if token.dep_ in ("compound", "amod"):
            continue  # "attack helicopter", "striking teachers": the head word decides
        for trigger in lexicon.get((token.lemma_.lower(), pos), ()):
            if trigger.fits(token):
                chosen[token.i] = trigger
                break
    for i, trigger in chosen.items():
        token = sentence.doc[i]
        # "killed in a drone attack": the noun restates the verb's event; keep one.
        if trigger.pos == "NOUN" and any(
            a.i in chosen and chosen[a.i].type == trigger.type for a in token.ancestors
        ):
            continue
        yield token, trigger


def _arguments(trigger: Token, entry: Trigger) -> tuple[Token | None, Token | None]:
    """(actor head, recipient head) from the trigger's dependents, or its governor's.

    An object the lexicon names as the trigger's instrument ("fired tear gas at
    protesters") is not the recipient; the prepositional target is."""
    actor = recipient = None
    coder = ActorCoder.packaged()
    for child in trigger.children:
        if child.dep_ == "nsubj":
            actor = child
        elif child.dep_ == "nsubjpass":
            recipient = child
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _AGENT_PREPS):
            actor = _object_of(child) or actor
        elif child.dep_ in ("dobj", "dative") and recipient is None:
            if child.lemma_.lower() not in entry.governs:
                recipient = child
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and recipient is None:
            recipient = _object_of(child)
        elif (
            child.dep_ in ("poss", "compound", "amod")
            and trigger.pos_ != "VERB"
            and coder.country_of(child.text.removesuffix("'s"))
        ):
            actor = actor or child
    if actor is not None and actor.tag_ in _RELATIVE_TAGS and trigger.dep_ == "relcl":
        actor = trigger.head  # "the government which is pushing ...": the government
    if actor is None:
        actor = _controller(trigger) or _instrument_owner(trigger)
    if actor is None and not any(c.dep_ == "nsubjpass" for c in trigger.children):
        actor = _inherited_subject(trigger)
    actor, recipient = _participant(actor), _participant(recipient)
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipient = None
    return actor, recipient


def _participant(token: Token | None) -> Token | None:
    """Dates, numbers and relative pronouns are not participants; in "dozens of
    protesters" the participants are the protesters."""
    if token is None or token.tag_ in _RELATIVE_TAGS:
        return None
    if token.ent_type_ in _NOT_PARTICIPANTS or token.pos_ == "NUM":
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return _object_of(of) if of is not None and token.ent_type_ != "DATE" else None
    return token


def _controller(trigger: Token) -> Token | None:
    """Object control: in "pushes Baghdad to expel troops", Baghdad expels."""
    if trigger.dep_ != "xcomp":
        return None
    return next((c for c in trigger.head.children if c.dep_ == "dobj"), None)


def _instrument_owner(trigger: Token) -> Token | None:
    """ "killed in U.S. airstrikes": the strikes' owner is the one who killed."""
    for prep in (c for c in trigger.children if c.dep_ in ("prep", "agent")):
        noun = _object_of(prep)
        if noun is None:
            continue
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod") and ActorCoder.packaged().country_of(
                child.text.removesuffix("'s")
            ):
                return child
    return None


def _inherited_subject(trigger: Token) -> Token | None:
    """The subject of the verb that governs a participle, infinitive, conjunct or noun."""
    node = trigger
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj", "advcl", "pobj", "dobj", "prep", "acl"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
    return None


def _object_of(preposition: Token) -> Token | None:
    return next((c for c in preposition.children if c.dep_ == "pobj"), None)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children if token.dep_ in ("xcomp", "dobj")
    )


def _has_aux(token: Token, words: set[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


def _confidence(actor: Actor | None, recipient: Actor | None) -> float:
    """A simple ordering score: how much of who-did-what-to-whom the parse supplied."""
    score = 0.4
    if actor is not None:
        score += 0.25 + (0.1 if actor.country else 0.0)
    if recipient is not None:
        score += 0.15 + (0.1 if recipient.country else 0.0)
    return round(score, 2)


def _mention(index: int, sentence: Span, trigger: Token) -> Mention:
    text = sentence.text.rstrip()
    return Mention(
        sentence=index,
        start=sentence.start_char,
        end=sentence.start_char + len(text),
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
    )
