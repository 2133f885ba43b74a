"""Event coding, sentence by sentence: triggers (triggers.py) become candidates, their
arguments (arguments.py) are coded as actors (actors.py), and each candidate becomes
one Event with its flags (modality.py).

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
   promised conflictual one THREATEN (also "vowed to send troops"), a refused one
   REJECT, and a promise on a condition the other side must meet is an ultimatum;
5. the actor is the subject (or a passive's "by" agent, or a country word modifying a
   noun: "U.S. strikes"), the recipient the object or target; a speech verb's subject
   stands in for "it" or "they" in what it reports.
Confidence orders the events of a sentence: main-clause events with coded participants
come first, events buried under other predicates last.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsledger.extract.actors import (
    ActorCoder,
    ArticleActors,
    ParticipantRules,
    affiliation,
    phrase_of,
)
from newsledger.extract.arguments import (
    addressee,
    arguments,
    content_recipient,
    speaker_for,
    subject_of,
)
from newsledger.extract.background import BackgroundRules
from newsledger.extract.gazetteer import Place
from newsledger.extract.happenings import continues_act, restated_by
from newsledger.extract.modality import Modality, ModalityRules, clause_verb
from newsledger.extract.model import Actor, Event, Mention
from newsledger.extract.ontology import Ontology
from newsledger.extract.places import event_places
from newsledger.extract.senses import TriggerSenses
from newsledger.extract.triggers import is_event_word, listed_tokens, trigger_entry
from newsledger.nlp import (
    children,
    doc_text,
    sentence_of,
    sentences,
    subtree,
    token_words,
    tokens,
)

_CONTENT_PREPS = ModalityRules.packaged().content_preps
_CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "advcl", "pcomp", "conj"}


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
    restating: list[Token] = field(default_factory=list)  # "threw stones during protests"


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
            event_id = f"{article_hash[:12]}-{len(found) + 1:03d}"
            found.append(_to_event(candidate, event_id, index, sentence, people, reference_year))
    return found


def _sentence_candidates(sentence: Span) -> list[Candidate]:
    rules, ontology = ModalityRules.packaged(), Ontology.packaged()
    candidates = list(_triggers(sentence))
    # One act told by several words is one candidate (happenings.py decides which):
    # a noun restating its verb's act ("killed in an attack") folds into the verb, and
    # so do the words that continue it ("a strike that hit his car").
    folded = _restating(candidates)
    for index, governing in folded.items():
        governing.restating.append(sentence.doc[index])
    targets = _targets(candidates)
    candidates = [
        c for c in candidates
        if c.token.i not in folded
        and not _describes_target(c.token, targets)
        and not _participant_of_another(c, candidates)
    ]  # fmt: skip
    triggered = {c.token.i: c.type for c in candidates}
    candidates += _reported_acts(sentence, rules, triggered)
    by_token = {c.token.i: c for c in candidates}
    statements = [c.content for c in candidates if c.content is not None]
    for candidate in candidates:
        if _controller(candidate.token, by_token, ontology) is not None or any(
            candidate.token.i in {t.i for t in subtree(clause)}
            for clause in statements
            if clause is not candidate.content
        ):
            candidate.unrealized = True  # the content of a promise, demand or criticism
    _promises_of_harm(candidates, by_token, ontology)
    return _merge_participles(candidates, folded)


def _promises_of_harm(
    candidates: list[Candidate], by_token: dict[int, Candidate], ontology: Ontology
) -> None:
    """A promise whose content is a conflictual act is a threat (PLOVER: a promised
    conflictual act is THREATEN): "vowed to send troops into Rafah", "pledged to strike
    back"."""
    for candidate in candidates:
        controller = by_token.get(candidate.token.head.i)  # the promise's own infinitive
        direct = candidate.token.dep_ == "xcomp" and controller is not None
        harmful = candidate.type in ontology.future_conflictual
        if direct and controller.type == "AGREE" and harmful:
            controller.type, controller.cameo = "THREATEN", ontology.types["THREATEN"].cameo


def _participant_of_another(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """People named by what they do ("protesters", "demonstrators") who take part in
    another act of the sentence are its participants, not a second event: "protesters
    threw stones at police", "police fired tear gas at protesters"."""
    token = candidate.token
    if token.pos_ != "NOUN" or not TriggerSenses.packaged().classes["people"].names(token):
        return False
    others = {c.token.i for c in candidates if c is not candidate}
    node = token
    for _ in range(4):  # "thousands of protesters marched": up through "of" and "at"
        told = {c.i for c in children(node.head) if c.dep_ == "dobj"} & others
        if node.head.i in others or (told and node.dep_ == "nsubj"):  # "hurled petrol bombs"
            return node.dep_ in ("nsubj", "nsubjpass", "dobj", "prep", "pobj")
        quantity = node.lower_ in ModalityRules.packaged().series_counts
        if node.dep_ not in ("pobj", "prep") and not quantity:
            return False
        node = node.head
    return False


def _targets(candidates: list[Candidate]) -> set[int]:
    """Token indexes of what the sentence's material acts are done to."""
    material = Ontology.packaged().material
    return {
        child.i
        for c in candidates
        if c.type in material
        for child in children(c.token)
        if child.dep_ in ("dobj", "nsubjpass")
    }


def _describes_target(token: Token, targets: set[int]) -> bool:
    """A participle that says what an act's target was doing is no act of its own: "hit
    a monastery sheltering displaced villagers" (no AID), "attacked a convoy escorting
    aid trucks"."""
    return token.dep_ == "acl" and token.tag_ == "VBG" and token.head.i in targets


def _restating(candidates: list[Candidate]) -> dict[int, Candidate]:
    """Token index of each candidate that restates another's act -> the one it restates
    (followed to the end: a noun restating a noun restating a verb)."""
    by_token = {c.token.i: c for c in candidates}
    folded: dict[int, Candidate] = {}
    for candidate in candidates:
        head = restated_by(candidate.token)
        governing = by_token.get(head.i) if head is not None else None
        if governing not in (None, candidate) and governing.type == candidate.type:
            folded[candidate.token.i] = governing
    for index, governing in list(folded.items()):
        seen = {index}
        while governing.token.i in folded and governing.token.i not in seen:
            seen.add(governing.token.i)
            governing = folded[governing.token.i]
        folded[index] = governing
    return folded


def _triggers(sentence: Span) -> Iterator[Candidate]:
    senses = TriggerSenses.packaged()
    blocked: frozenset[str] | None = None  # found for sentences with a trigger only
    for token in listed_tokens(sentence):
        entry = trigger_entry(token, senses)
        if entry is None or senses.describes_noun(token, entry.type) or affiliation(token):
            continue  # "the outpost, which hosts Danish engineers": a description
        if blocked is None:
            blocked = senses.blocked_types(sentence)
        if entry.type in blocked:
            continue  # a game is no conflict: "the visitors were killed off by a goal"
        yield Candidate(token, entry.type, entry.mode, entry.cameo, specific=entry.specific)


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
    pos, all_tokens = token_words(sentence.doc).pos, tokens(sentence.doc)
    for i in range(sentence.start, sentence.end):
        if pos[i] not in ("VERB", "AUX"):
            continue
        token = all_tokens[i]
        speech = rules.reporting_verb(token)
        if speech is None or token.head.i != speech.i:
            continue
        speaker = subject_of(speech)
        subject = subject_of(token)
        if speaker is None or subject is None:
            continue
        auxiliaries = {c.lower_ for c in children(token) if c.dep_ == "aux"}
        if auxiliaries & rules.obligation_aux or _has_to(token):
            yield Candidate(token, "REQUEST", None, "10", True, False, speaker, subject,
                            content=token)  # fmt: skip
        elif (
            token.lemma_.lower() in rules.characterizing_verbs
            and subject.pos_ != "PRON"
            and not any(triggered.get(t.i) in material for t in subtree(token))
            and any(t.lemma_.lower() in rules.criticism_words for t in subtree(token))
        ):
            yield Candidate(speech, "ACCUSE", None, "111", True, False, speaker, subject,
                            content=token)  # fmt: skip


def _has_to(verb: Token) -> bool:
    """ "Belarus has to stop pushing migrants": an obligation told with "have to"; "they
    have yet to recover" tells what has not happened yet, no obligation
    (`pending_adverbs`)."""
    pending = ModalityRules.packaged().pending_adverbs
    return (
        verb.lemma_.lower() == "have"
        and not any(c.dep_ == "advmod" and c.lower_ in pending for c in children(verb))
        and any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in children(c))
            for c in children(verb)
        )
    )


def _merge_participles(
    candidates: list[Candidate], folded: dict[int, Candidate]
) -> list[Candidate]:
    """One act told by several words is one event: "targeted a vehicle, killing three",
    "shelling that killed three civilians and wounded 11", "met and discussed", and a
    continuation of a folded noun: "killed in air strikes targeting Beirut"."""
    by_token = {c.token.i: c for c in candidates}
    parent: dict[int, Candidate] = {}
    for candidate in candidates:
        token = candidate.token
        head = by_token.get(token.head.i) or folded.get(token.head.i)
        if (
            continues_act(token)
            and head is not None
            and head is not candidate
            and head.type == candidate.type
            and head.unrealized == candidate.unrealized
        ):
            parent[id(candidate)] = head
    kept = []
    for candidate in candidates:
        root = candidate
        seen = {id(root)}
        while id(root) in parent and id(parent[id(root)]) not in seen:
            root = parent[id(root)]
            seen.add(id(root))
        if root is candidate:
            kept.append(candidate)
        else:
            root.extra_triggers.append(candidate.token)
    return kept


def _to_event(
    candidate: Candidate,
    event_id: str,
    index: int,
    sentence: Span,
    people: ArticleActors,
    reference_year: int | None,
) -> Event:
    ontology, rules = Ontology.packaged(), ModalityRules.packaged()
    if candidate.actor_head is None and candidate.recipient_head is None:
        candidate.actor_head, candidate.recipient_head = arguments(candidate.token)
        if candidate.recipient_head is None and candidate.type in ontology.controllers:
            candidate.recipient_head = content_recipient(candidate.token)
    for extra in candidate.extra_triggers:  # "..., killing three Iraqis": the victims
        doer, victims = arguments(extra)
        if candidate.actor_head is None and doer is not None:
            candidate.actor_head = doer  # "were killed when rebels attacked": the rebels
        if victims is None:
            continue
        if candidate.recipient_head is None or (
            people.code(victims).country and not people.code(candidate.recipient_head).country
        ):
            candidate.recipient_head = victims
    if candidate.type in ("REQUEST", "PROTEST"):  # "demanding independence from Britain"
        candidate.recipient_head = addressee(candidate.token) or candidate.recipient_head
    for noun in candidate.restating:  # "throwing stones during protests against X": X
        doer, target = arguments(noun)
        candidate.actor_head = candidate.actor_head or doer
        candidate.recipient_head = candidate.recipient_head or target
    actor = people.code(candidate.actor_head) if candidate.actor_head is not None else None
    if actor is not None and not actor.country:
        actor = _owned_by_speaker(actor, candidate.actor_head, candidate.token, people)
    recipient = (
        people.code(candidate.recipient_head) if candidate.recipient_head is not None else None
    )
    if recipient is not None:
        recipient = _placed_recipient(
            recipient, candidate.recipient_head, candidate.type, candidate.token, people
        )
    remote = candidate.mode == "cyber"  # hackers strike from anywhere: no local actor
    if actor is not None and candidate.actor_head.lower_ not in rules.pronouns and not remote:
        theirs = recipient.country if _owns_an_act(candidate.recipient_head) else None
        actor = _located(actor, candidate.actor_head, candidate.token, people, theirs)
    verbal = ontology.types[candidate.type].verbal or candidate.type == "PROTEST"
    stated = recipient is not None and _is_state(candidate.recipient_head, recipient)
    if verbal and stated and recipient.sector is None:
        recipient = replace(recipient, sector="GOV")  # "demanding ... from Britain"
    modality = rules.modality(candidate.token, reference_year)
    if _warns_of_outcome(candidate, rules):
        modality = replace(modality, hypothetical=True)
    event_type, cameo, modality = _fold(candidate, modality, ontology)
    mode = candidate.mode if event_type == candidate.type else None
    if event_type == "ASSAULT":
        weapon = _weapon_mode(candidate.token)
        # "a suicide bomber blew himself up", "an aerial bombardment"
        if mode in (None, "firearms") or weapon in ("suicide", "aerial"):
            mode = weapon or mode
    if event_type == "PROTEST" and _is_state(candidate.actor_head, actor):
        protest = ontology.diplomatic_protest  # PLOVER: a state's protest is ACCUSE
        event_type, cameo, mode = protest.type, protest.cameo, protest.mode
    return Event(
        id=event_id,
        type=event_type,
        mode=mode,
        cameo=cameo,
        goldstein=ontology.goldstein(cameo),
        acled=ontology.acled(event_type, mode, recipient.sector if recipient else None),
        actor=actor,
        recipient=recipient,
        mentions=(_mention(index, sentence, candidate.token),),
        verbal=ontology.types[event_type].verbal,
        negated=modality.negated,
        hypothetical=modality.hypothetical or candidate.unrealized,
        future=modality.future,
        generic=modality.generic,
        historical=modality.historical,
        background=BackgroundRules.packaged().told_as_background(candidate.token),
        confidence=_confidence(candidate, actor, recipient, rules),
    )


_WEAPON_DEPS = ("dobj", "nsubj", "nsubjpass", "csubj", "compound", "nmod", "amod")


def _weapon_mode(trigger: Token) -> str | None:
    """The mode the weapon of an assault gives it (`[weapon_modes]` of plover.toml): its
    object, subject or means ("fired two missiles", "a drone struck", "killed by a
    landmine"), or a word on the act's noun ("a rocket attack")."""
    modes = Ontology.packaged().weapon_modes
    means = ModalityRules.packaged().means_preps
    if ModalityRules.packaged().intercepts(trigger):
        return None  # "shot down a drone": the drone is the target
    words: list[Token] = [trigger.head] if trigger.dep_ == "acl" else []  # "A bomb killed"
    for child in children(trigger):
        misread = child.i < trigger.i and (child.pos_ == "NOUN" or child.tag_ == "VBG")
        if child.dep_ in _WEAPON_DEPS or misread:  # "Shelling hit ..." parsed as an aux
            words.append(child)
        elif child.dep_ in ("prep", "agent") and (child.lower_ in means or child.dep_ == "agent"):
            words += [o for o in children(child) if o.dep_ == "pobj"]
    words += [  # "fired dozens of rockets"
        o for w in words for p in children(w) if p.dep_ == "prep" and p.lower_ == "of"
        for o in children(p) if o.dep_ == "pobj"
    ]  # fmt: skip
    for word in words:  # its modifiers first: "an aerial bombardment" is an air strike
        modifiers = [c for c in children(word) if c.dep_ in ("compound", "amod")]
        for token in (*modifiers, word):
            mode = modes.get(token.lemma_.lower())
            if mode is not None:
                return mode
    return None


def _is_state(head: Token | None, actor: Actor | None) -> bool:
    """A state or an international body as such: a country named by its name ("Ghana",
    not "Ghanaians"), its government, or an IGO; not its people in the street."""
    if head is None or actor is None or not actor.country:
        return False
    if actor.sector in Ontology.packaged().diplomatic_protest.actor_sectors:
        return True
    if actor.sector is not None:
        return False
    named = ActorCoder.packaged().named(actor.text.removeprefix("the ").removeprefix("The "))
    return named is not None and (named.kind in ("name", "capital") or actor.country == "IGO")


def _owned_by_speaker(actor: Actor, head: Token, trigger: Token, people: ArticleActors) -> Actor:
    """ "Turkey's defence ministry said its forces had struck ...": the forces are the
    speaker's, so of the speaker's country, not of the place they struck; an armed group's
    forces are the group ("The Arakan Army said its forces had captured ...": REB, not
    Myanmar's army)."""
    for owner in (c for c in children(head) if c.dep_ == "poss"):
        speaker = speaker_for(owner, trigger)
        if speaker is None:
            continue
        theirs = people.code(speaker)
        if theirs.sector and theirs.sector not in Ontology.packaged().state_sectors:
            return replace(actor, country=theirs.country, sector=theirs.sector, name=theirs.name)
        return replace(actor, country=theirs.country) if theirs.country else actor
    return actor


def _owns_an_act(head: Token | None) -> bool:
    """Whether the word names the doer of an act on its noun: "Israeli" in "criticised the
    Israeli strikes", "Ethiopia's" in "Ethiopia's attack"."""
    return (
        head is not None and head.dep_ in ("amod", "poss", "compound") and is_event_word(head.head)
    )


def _located(
    actor: Actor, head: Token, trigger: Token, people: ArticleActors, theirs: str | None
) -> Actor:
    """An actor the text gives no country: the country where the event happens
    ("in Baku"), else the sentence's only country unless it is that of the recipient as
    the doer of a criticised act (`theirs`: "the senator criticised the Israeli strikes").
    News names a foreign actor's country; an unnamed one is most often local (in
    domestic news the recipient's own: "opposition leaders agreed to postpone the
    demonstration in Baku")."""
    if actor.country:
        return actor
    if head.lemma_.lower() in ModalityRules.packaged().weapon_words:
        return actor  # "Shells fired from across the border" tell nothing of who fired
    countries = {m.place.country for m in event_places(trigger, people.places)}
    if len(countries) != 1:
        countries = set(people.countries_in(sentence_of(trigger))) - {theirs}
    return replace(actor, country=countries.pop()) if len(countries) == 1 else actor


def _placed_recipient(
    recipient: Actor, head: Token, event_type: str, trigger: Token, people: ArticleActors
) -> Actor:
    """The recipient of a material act that the text gives no country takes the place
    of the act ("hit an army base near Mosul": Iraq's army); a town or city that
    violence hits stands for the people in it, its country's civilians (CVL), even a
    capital ("strikes targeting Beirut" hit Lebanon, not its government). A ship or
    an aircraft takes no country from where it was hit."""
    words = ParticipantRules.packaged()
    if head.lower_ in ModalityRules.packaged().pronouns or head.lower_ in words.first_person:
        return recipient
    threatened = event_type in words.violent_types or event_type == "THREATEN"
    if threatened and recipient.role is None:  # "vowed to send troops into Rafah"
        place = _harmed_place(head, people)
        if place is not None:
            return replace(recipient, country=recipient.country or place.country, sector="CVL")
    if recipient.country or event_type not in Ontology.packaged().material:
        return recipient
    if head.lemma_.lower() in ModalityRules.packaged().flagged_nouns:
        return recipient  # "a tanker in the Red Sea" sails under its own flag
    phrase = phrase_of(head)  # "a missionary from Calgary": the phrase's own place first
    countries = {
        m.place.country for m in people.places if phrase.start_char <= m.start < phrase.end_char
    }
    if len(countries) != 1:
        countries = {m.place.country for m in event_places(trigger, people.places)}
    return replace(recipient, country=countries.pop()) if len(countries) == 1 else recipient


def _harmed_place(head: Token, people: ArticleActors) -> Place | None:
    """The town, city or district a recipient phrase names as such: the head itself
    ("shelled Kharkiv"), its "of" phrase ("the city of Kharkiv"), or a name modifying it
    ("a Mogadishu hotel", "the Bawku district"). A country is a state, not a place hit;
    a camp or base keeps its own sector."""
    settlements = ParticipantRules.packaged().settlement_nouns
    settled = head.lemma_.lower() in settlements or head.lower_ in settlements
    names = [head]
    names += [c for c in children(head) if c.dep_ in ("compound", "amod")]
    if settled:
        for of in (c for c in children(head) if c.dep_ == "prep" and c.lower_ == "of"):
            names += [c for c in children(of) if c.dep_ == "pobj"]
    for token in names:
        place = next((m.place for m in people.places if m.start <= token.idx < m.end), None)
        if place is None or place.kind == "country":
            continue  # a country is a state, not a place hit
        if settled or place.kind in ("city", "admin1"):
            return place
    return None


def _warns_of_outcome(candidate: Candidate, rules: ModalityRules) -> bool:
    """ "warned that Washington's actions would have disastrous consequences" warns of a
    possible outcome of others' acts: no threat of the speaker's own."""
    if candidate.type != "THREATEN" or candidate.token.pos_ != "VERB":
        return False
    for clause in (c for c in children(candidate.token) if c.dep_ == "ccomp"):
        subject = subject_of(clause)
        modal = {c.lower_ for c in children(clause) if c.dep_ == "aux"} & rules.hypothetical_aux
        if modal and subject is not None and subject.pos_ != "PRON":
            return True
    return False


def _fold(
    candidate: Candidate, modality: Modality, ontology: Ontology
) -> tuple[str, str, Modality]:
    """PLOVER: return the single category, not a category plus an auxiliary mode; a
    promised act on a condition the other side must meet is an ultimatum (THREATEN)."""
    if not modality.future or modality.hypothetical or candidate.unrealized:
        return candidate.type, candidate.cameo, modality
    if ModalityRules.packaged().is_ultimatum(clause_verb(candidate.token)):
        return "THREATEN", "139", replace(modality, future=False, negated=False)
    folded = ontology.fold_future(candidate.type, modality.negated)
    if folded is None:
        return candidate.type, candidate.cameo, modality
    return folded, ontology.types[folded].cameo, replace(modality, future=False, negated=False)


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
