"""Event coding: trigger words from a lexicon, arguments from the dependency parse.

Per sentence:
1. every verb, noun or adjective in `resources/patterns/event_triggers.tsv` is a
   candidate, with its PLOVER type, mode and CAMEO code;
2. a noun that restates a verb's event ("killed in an attack") is dropped, and the
   complement of a promise, demand, refusal or threat ("threatened to impose
   sanctions") is kept only as unrealized content of that act;
3. reported obligation ("X said Y must withdraw") is X's REQUEST to Y, and a reported
   characterization ("said the coalition has become a factor of instability") is the
   speaker's ACCUSE;
4. PLOVER's auxiliary modes fold into one type: a promised cooperative act is AGREE, a
   promised conflictual one THREATEN, a refused one REJECT;
5. the actor is the subject (or a passive's "by" agent, or a country word modifying a
   noun: "U.S. strikes"), the recipient the object or target; a speech verb's subject
   stands in for "it" or "they" in what it reports.
Confidence orders the events of a sentence: main-clause events with coded participants
come first, events buried under other predicates last.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from newsledger.data import read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder, ArticleActors
from newsledger.extract.modality import Modality, ModalityRules, clause_verb
from newsledger.extract.model import Actor, Event, Mention
from newsledger.extract.ontology import PLOVER_TYPES, Ontology
from newsledger.extract.places import event_places
from newsledger.nlp import doc_text, sentence_of, sentences

_RULES = ModalityRules.packaged()  # read-only word lists, shared by every article
_AGENT_PREPS = _RULES.agent_preps
_TARGET_PREPS = _RULES.target_preps
_CONTENT_PREPS = _RULES.content_preps
_MEANS_PREPS = _RULES.means_preps
_NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_RELATIVE_TAGS = {"WDT", "WP"}
_TRIGGER_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
_ADJ_DEPS = {"acomp", "ROOT", "ccomp", "conj", "xcomp", "advcl", "oprd"}
_CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "advcl", "pcomp", "conj"}


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    pos: str
    governs: frozenset[str]
    type: str
    mode: str | None
    cameo: str

    def fits(self, token: Token) -> bool:
        """Whether `token` (the last word) and the words before it match this entry."""
        if len(self.words) > 1:
            start = token.i - len(self.words) + 1
            if start < sentence_of(token).start:
                return False
            before = token.doc[start : token.i]
            if [t.lemma_.lower() for t in before] != list(self.words[:-1]) and [
                t.lower_ for t in before
            ] != list(self.words[:-1]):
                return False
        if not self.governs:
            return True
        for child in _governed(token):
            if child.lemma_.lower() in self.governs or child.lower_ in self.governs:
                return True
            if "@country" in self.governs and ActorCoder.packaged().country_of(
                child.text.removesuffix("'s")
            ):
                return True
        return False


def _governed(token: Token) -> Iterator[Token]:
    """The trigger's dependents, seeing through measures: in "delivered 200 tonnes of
    food aid" the trigger governs the aid."""
    for child in token.children:
        yield child
        if child.dep_ in ("dobj", "nsubjpass", "pobj") or child.pos_ == "NOUN":
            for of in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
                yield from (c for c in of.children if c.dep_ == "pobj")


@cache
def trigger_lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """Entries by (last word, part of speech): longer phrases first, then entries that
    need a governed word, then the rest, each group in file order."""
    path = resource_path("patterns/event_triggers.tsv")
    lexicon: dict[tuple[str, str], list[Trigger]] = {}
    for number, row in read_tsv(path, ("lemma", "pos", "with", "type", "mode", "cameo")):
        if row["type"] not in PLOVER_TYPES:
            raise ResourceError(f"{path}:{number}: {row['type']!r} is not a PLOVER type")
        if row["pos"] not in ("VERB", "NOUN", "ADJ"):
            raise ResourceError(f"{path}:{number}: pos must be VERB, NOUN or ADJ")
        governs = frozenset(w.strip().lower() for w in row["with"].split("|") if w.strip())
        words = tuple(row["lemma"].lower().split())
        trigger = Trigger(
            words, row["pos"], governs, row["type"], row["mode"] or None, row["cameo"]
        )
        lexicon.setdefault((words[-1], trigger.pos), []).append(trigger)
    return {
        key: tuple(sorted(entries, key=lambda t: (-len(t.words), not t.governs)))
        for key, entries in lexicon.items()
    }


@dataclass
class Candidate:
    """One trigger in one sentence, on its way to becoming an Event."""

    token: Token
    type: str
    mode: str | None
    cameo: str
    specific: bool = False
    unrealized: bool = False
    actor_head: Token | None = None
    recipient_head: Token | None = None
    content: Token | None = None  # the reported clause an ACCUSE characterizes
    extra_triggers: list[Token] = field(default_factory=list)


def find_events(
    doc: Doc,
    article_hash: str,
    people: ArticleActors,
    reference_year: int | None = None,
    dateline_end: int = 0,
) -> list[Event]:
    """Every event the article reports, in text order (the dateline reports none)."""
    found: list[Event] = []
    for index, sentence in enumerate(sentences(doc)):
        if sentence.end_char <= dateline_end:
            continue
        for candidate in _sentence_candidates(sentence):
            event = _to_event(candidate, index, sentence, people, reference_year)
            found.append(event)
    return [_numbered(event, article_hash, n) for n, event in enumerate(found, 1)]


def _numbered(event: Event, article_hash: str, number: int) -> Event:
    return replace(event, id=f"{article_hash[:12]}-{number:03d}")


def _sentence_candidates(sentence: Span) -> list[Candidate]:
    rules, ontology = ModalityRules.packaged(), Ontology.packaged()
    candidates = list(_triggers(sentence))
    by_token = {c.token.i: c for c in candidates}
    # A noun naming the means of its verb's event ("killed in an attack", "carried out
    # by a drone strike") is that event; "killed after the attack" names another.
    candidates = [c for c in candidates if not _restates(c, by_token)]
    triggered = {c.token.i: c.type for c in candidates}
    candidates += _reported_acts(sentence, rules, triggered)
    by_token = {c.token.i: c for c in candidates}
    statements = [c.content for c in candidates if c.content is not None]
    for candidate in candidates:
        if _controller(candidate.token, by_token, ontology) is not None or any(
            candidate.token.i in {t.i for t in clause.subtree} for clause in statements
        ):
            candidate.unrealized = True  # the content of a promise, demand or criticism
    return _merge_participles(candidates)


def _restates(candidate: Candidate, by_token: dict[int, Candidate]) -> bool:
    token = candidate.token
    if token.pos_ == "VERB":
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _MEANS_PREPS:
        head = head.head
    elif token.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return False
    governing = by_token.get(head.i)
    return governing is not None and governing is not candidate and governing.type == candidate.type


def _triggers(sentence: Span) -> Iterator[Candidate]:
    lexicon = trigger_lexicon()
    for token in sentence:
        pos = _TRIGGER_POS.get(token.pos_)
        if token.ent_type_ in _NOT_PARTICIPANTS:
            continue  # "March" the month, "Strike Day" the date
        if pos is None or token.dep_ in ("compound", "amod") and pos != "ADJ":
            continue  # "attack helicopter", "striking teachers": the head word decides
        if pos == "ADJ" and token.dep_ not in _ADJ_DEPS:
            continue
        if pos == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # "troops stationed in Iraq", "strikes ordered by X": description
        for key in ((token.lemma_.lower(), pos), (token.lower_, pos)):
            entry = next((t for t in lexicon.get(key, ()) if t.fits(token)), None)
            if entry is not None:
                yield Candidate(
                    token, entry.type, entry.mode, entry.cameo, specific=bool(entry.governs)
                )
                break


def _controller(
    token: Token, by_token: dict[int, Candidate], ontology: Ontology
) -> Candidate | None:
    """The promise, demand, refusal or threat whose content `token` is, if any."""
    node = token
    while node.head.i != node.i and node.dep_ in _CONTENT_DEPS:
        if node.dep_ == "prep" and node.lower_ not in _CONTENT_PREPS:
            return None
        node = node.head
        candidate = by_token.get(node.i)
        if candidate is not None and candidate.type in ontology.controllers:
            return candidate
    return None


def _reported_acts(
    sentence: Span, rules: ModalityRules, triggered: dict[int, str]
) -> Iterator[Candidate]:
    """REQUEST from reported obligation, ACCUSE from reported criticism (a statement
    that characterizes its subject with a criticism word and reports no event)."""
    material = Ontology.packaged().material
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        speech = rules.reporting_verb(token)
        if speech is None or token.head.i != speech.i:
            continue
        speaker = _subject(speech)
        subject = _subject(token)
        if speaker is None or subject is None:
            continue
        auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
        if auxiliaries & rules.obligation_aux:
            yield Candidate(token, "REQUEST", None, "10", True, False, speaker, subject)
        elif (
            token.lemma_.lower() in rules.characterizing_verbs
            and subject.pos_ != "PRON"
            and not any(triggered.get(t.i) in material for t in token.subtree)
            and any(t.lemma_.lower() in rules.criticism_words for t in token.subtree)
        ):
            yield Candidate(speech, "ACCUSE", None, "111", True, False, speaker, subject,
                            content=token)  # fmt: skip


def _merge_participles(candidates: list[Candidate]) -> list[Candidate]:
    """One act told by several words is one event: "targeted a vehicle, killing three",
    "shelling that killed three civilians and wounded 11", "met and discussed"."""
    by_token = {c.token.i: c for c in candidates}
    parent: dict[int, Candidate] = {}
    for candidate in candidates:
        token = candidate.token
        head = by_token.get(token.head.i)
        continues = (
            token.dep_ in ("relcl", "acl", "conj")
            or (token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp"))
            or (token.dep_ == "advcl" and any(  # "were killed when rebels attacked"
                c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in token.children
            ))
        )  # fmt: skip
        if (
            continues
            and head is not None
            and head is not candidate
            and head.type == candidate.type
            and head.unrealized == candidate.unrealized
        ):
            parent[id(candidate)] = head
    kept = []
    for candidate in candidates:
        root = candidate
        while id(root) in parent:
            root = parent[id(root)]
        if root is candidate:
            kept.append(candidate)
        else:
            root.extra_triggers.append(candidate.token)
    return kept


def _to_event(
    candidate: Candidate,
    index: int,
    sentence: Span,
    people: ArticleActors,
    reference_year: int | None,
) -> Event:
    ontology, rules = Ontology.packaged(), ModalityRules.packaged()
    if candidate.actor_head is None and candidate.recipient_head is None:
        candidate.actor_head, candidate.recipient_head = _arguments(candidate.token)
        if candidate.recipient_head is None and candidate.type in ontology.controllers:
            candidate.recipient_head = _content_recipient(candidate.token)
    for extra in candidate.extra_triggers:  # "..., killing three Iraqis": the victims
        doer, victims = _arguments(extra)
        if candidate.actor_head is None and doer is not None:
            candidate.actor_head = doer  # "were killed when rebels attacked": the rebels
        if victims is None:
            continue
        if candidate.recipient_head is None or (
            people.code(victims).country and not people.code(candidate.recipient_head).country
        ):
            candidate.recipient_head = victims
    actor = people.code(candidate.actor_head) if candidate.actor_head is not None else None
    if actor is not None and candidate.actor_head.lower_ not in rules.pronouns:
        actor = _located(actor, candidate.actor_head, candidate.token, people)
    recipient = (
        people.code(candidate.recipient_head) if candidate.recipient_head is not None else None
    )
    modality = rules.modality(candidate.token, reference_year)
    if _warns_of_outcome(candidate, rules):
        modality = replace(modality, hypothetical=True)
    event_type, cameo, modality = _fold(candidate, modality, ontology)
    return Event(
        id="",
        type=event_type,
        mode=candidate.mode if event_type == candidate.type else None,
        cameo=cameo,
        goldstein=ontology.goldstein(cameo),
        acled=ontology.acled(event_type, candidate.mode),
        actor=actor,
        recipient=recipient,
        mentions=(_mention(index, sentence, candidate.token),),
        verbal=ontology.types[event_type].verbal,
        negated=modality.negated,
        hypothetical=modality.hypothetical or candidate.unrealized,
        future=modality.future,
        generic=modality.generic,
        historical=modality.historical,
        confidence=_confidence(candidate, actor, recipient, rules),
    )


def _located(actor: Actor, head: Token, trigger: Token, people: ArticleActors) -> Actor:
    """An actor the text gives no country: the country where the event happens
    ("in Baku"), else the sentence's only country. News names a foreign actor's
    country; an unnamed one is most often local."""
    if actor.country:
        return actor
    if head.lemma_.lower() in ModalityRules.packaged().weapon_words:
        return actor  # "Shells fired from across the border" tell nothing of who fired
    countries = {m.place.country for m in event_places(trigger, people.places)}
    if len(countries) != 1:
        countries = set(people.countries_in(sentence_of(trigger)))
    return replace(actor, country=countries.pop()) if len(countries) == 1 else actor


def _warns_of_outcome(candidate: Candidate, rules: ModalityRules) -> bool:
    """ "warned that Washington's actions would have disastrous consequences" warns of a
    possible outcome of others' acts: no threat of the speaker's own."""
    if candidate.type != "THREATEN" or candidate.token.pos_ != "VERB":
        return False
    for clause in (c for c in candidate.token.children if c.dep_ == "ccomp"):
        subject = _subject(clause)
        modal = {c.lower_ for c in clause.children if c.dep_ == "aux"} & rules.hypothetical_aux
        if modal and subject is not None and subject.pos_ != "PRON":
            return True
    return False


def _fold(
    candidate: Candidate, modality: Modality, ontology: Ontology
) -> tuple[str, str, Modality]:
    """PLOVER: return the single category, not a category plus an auxiliary mode."""
    if not modality.future or modality.hypothetical or candidate.unrealized:
        return candidate.type, candidate.cameo, modality
    folded = ontology.fold_future(candidate.type, modality.negated)
    if folded is None:
        return candidate.type, candidate.cameo, modality
    return folded, ontology.types[folded].cameo, replace(modality, future=False, negated=False)


def _arguments(trigger: Token) -> tuple[Token | None, Token | None]:
    """(actor head, recipient head) from the trigger's dependents, or its governor's.

    An object the lexicon names as the trigger's instrument ("fired tear gas at
    protesters") is not the recipient; the prepositional target is."""
    actor = None
    coder = ActorCoder.packaged()
    instruments = _instrument_words(trigger)
    # Recipient candidates, best first: passive subject, object, instrument's target,
    # then "on", "against", "with", "to" ... targets.
    ranked: list[tuple[int, Token | None]] = []
    for child in trigger.children:
        if child.dep_ == "nsubj":
            actor = child
        elif child.dep_ == "nsubjpass":
            ranked.append((0, child))
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _AGENT_PREPS):
            actor = _object_of(child) or actor
        elif child.dep_ in ("dobj", "dative"):
            measured = {g.lemma_.lower() for g in _governed(child.head) if g.head.head == child}
            if child.lemma_.lower() not in instruments and not measured & instruments:
                ranked.append((1, child))
            else:  # "imposed sanctions on Iran": the instrument's target
                for prep in (c for c in child.children if c.dep_ == "prep"):
                    if prep.lower_ in _TARGET_PREPS:
                        ranked.append((2, _object_of(prep)))
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            ranked.append((3, _object_of(child)))
        elif (
            child.dep_ in ("poss", "compound", "amod")
            and trigger.pos_ != "VERB"
            and coder.country_of(child.text.removesuffix("'s"))
        ):
            actor = actor or child
    if actor is not None and actor.tag_ in _RELATIVE_TAGS and trigger.dep_ == "relcl":
        actor = trigger.head  # "the government which is pushing ...": the government
    if actor is None:
        actor = _controller_object(trigger) or _instrument_owner(trigger)
    if actor is None and not any(c.dep_ == "nsubjpass" for c in trigger.children):
        actor = _inherited_subject(trigger)
    rules = ModalityRules.packaged()
    if actor is not None and actor.lower_ in rules.pronouns:
        speech = rules.reporting_verb(trigger)
        speaker = _subject(speech) if speech is not None else None
        actor = speaker if speaker is not None and speaker.lower_ not in rules.pronouns else actor
    if actor is not None and actor.pos_ == "NOUN" and _is_event_word(actor):
        # "A roadside bombing killed ...": the bombing is the means, its owner the actor
        actor = next(
            (c for c in actor.children
             if c.dep_ in ("poss", "compound", "amod") and coder.country_of(c.text)),
            None,
        )  # fmt: skip
    recipients = (_participant(t) for _, t in sorted(ranked, key=lambda r: r[0]))
    recipient = next((t for t in recipients if t is not None), None)
    actor = _participant(actor)
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipient = None
    return actor, recipient


def _content_recipient(trigger: Token) -> Token | None:
    """Whom a demand, promise, refusal or threat concerns: "demanded that the US cancel"
    (the US), "offered to hand over to Britain" (Britain), "called for sanctions against
    Nigeria" (Nigeria)."""
    for child in trigger.children:
        if child.dep_ == "ccomp":
            subject = _participant(_subject(child))
            if subject is not None and subject.lower_ not in ModalityRules.packaged().pronouns:
                return subject
        if child.dep_ in ("xcomp", "advcl") or (
            child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS
        ):
            inner = child if child.dep_ != "prep" else _object_of(child)
            if inner is not None:
                _, recipient = _arguments(inner)
                if recipient is not None:
                    return recipient
    return None


def _is_event_word(token: Token) -> bool:
    return (token.lemma_.lower(), "NOUN") in trigger_lexicon()


def _instrument_words(trigger: Token) -> frozenset[str]:
    words: set[str] = set()
    for entry in trigger_lexicon().get(
        (trigger.lemma_.lower(), _TRIGGER_POS.get(trigger.pos_, "")), ()
    ):
        words |= entry.governs
    return frozenset(words)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _participant(token: Token | None) -> Token | None:
    """Dates, numbers and relative pronouns are not participants; in "dozens of
    protesters" the participants are the protesters."""
    if token is None or token.tag_ in _RELATIVE_TAGS:
        return None
    if token.ent_type_ in _NOT_PARTICIPANTS or token.pos_ == "NUM":
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return _object_of(of) if of is not None and token.ent_type_ != "DATE" else None
    return token


def _controller_object(trigger: Token) -> Token | None:
    """Object control: in "pushes Baghdad to expel troops", Baghdad expels (but in
    "used tear gas to disperse them", the police do)."""
    if not ModalityRules.packaged().is_urged(trigger):
        return None
    return next((c for c in trigger.head.children if c.dep_ == "dobj"), None)


def _instrument_owner(trigger: Token) -> Token | None:
    """ "killed in U.S. airstrikes": the strikes' owner is the one who killed."""
    means = (c for c in trigger.children if c.dep_ == "agent" or c.lower_ in _MEANS_PREPS)
    for prep in means:
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
        if node.dep_ not in ("xcomp", "conj", "advcl", "pobj", "dobj", "prep", "acl", "acomp"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = _subject(node)
            if subject is not None and subject.dep_ == "nsubj":
                return subject
    return None


def _object_of(preposition: Token | None) -> Token | None:
    if preposition is None:
        return None
    return next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)


def _confidence(
    candidate: Candidate, actor: Actor | None, recipient: Actor | None, rules: ModalityRules
) -> float:
    """An ordering score within a sentence: main-clause events with coded participants
    first. Each predicate above the trigger (other than a speech or light verb) costs."""
    score = 0.35 if candidate.token.pos_ in ("VERB", "AUX") else 0.3
    score += 0.05 if candidate.specific else 0.0
    if actor is not None:
        score += 0.2 + (0.1 if actor.country else 0.0)
    if recipient is not None:
        score += 0.1 + (0.05 if recipient.country else 0.0)
    verb = clause_verb(candidate.token)
    background = {"acl", "relcl", "advcl"}
    depth = sum(
        1
        for a in verb.ancestors
        if a.pos_ == "VERB"
        and a.lemma_.lower() not in rules.transparent_heads
        and a.lemma_.lower() not in rules.light_verbs
    )
    depth += sum(1 for t in (candidate.token, *candidate.token.ancestors) if t.dep_ in background)
    if candidate.token.pos_ != "VERB" and verb.lemma_.lower() not in (
        rules.light_verbs | rules.transparent_heads
    ):
        depth += 1  # a noun under a contentful verb: the verb is the main predicate
    return round(min(0.99, max(0.05, score - 0.2 * depth)), 2)


def _mention(index: int, sentence: Span, trigger: Token) -> Mention:
    text = doc_text(sentence.doc)[sentence.start_char : sentence.end_char].rstrip()
    return Mention(
        sentence=index,
        start=sentence.start_char,
        end=sentence.start_char + len(text),
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text),
        text=text,
    )
