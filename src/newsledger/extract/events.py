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
from newsledger.extract.actors import ActorCoder, ArticleActors, ParticipantRules, phrase_of
from newsledger.extract.happenings import continues_act, restated_by
from newsledger.extract.modality import Modality, ModalityRules, clause_verb
from newsledger.extract.model import Actor, Event, Mention
from newsledger.extract.ontology import PLOVER_TYPES, Ontology
from newsledger.extract.places import Place, event_places
from newsledger.extract.senses import Condition, TriggerSenses, tells_time
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
    """One row of `event_triggers.tsv`. `governs` holds the row's plain words (the
    trigger must govern one; they also name its instruments, see `_instrument_words`);
    `requires` and `excludes` hold its other tests (senses.py): a word class, a
    dependent's relation, the word it hangs from, or any of these negated."""

    words: tuple[str, ...]
    pos: str
    governs: frozenset[str]
    type: str
    mode: str | None
    cameo: str
    requires: tuple[Condition, ...] = ()
    excludes: tuple[Condition, ...] = ()

    @property
    def specific(self) -> bool:
        """Whether the row needs something governed (it then outranks a bare row)."""
        return bool(self.governs or self.requires)

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
        if not (self.specific or self.excludes):
            return True
        senses = TriggerSenses.packaged()
        governed = [t for t in _governed(token) if not tells_time(t)]
        if self.excludes:
            around = senses.around(token, governed)
            if any(test.holds(token, around) for test in self.excludes):
                return False  # "killed off", "shoot videos", "in charge of"
        if not self.specific:
            return True
        done_to = senses.done_to(token, governed)
        return self._governs_word(governed) or any(
            test.holds(token, done_to) for test in self.requires
        )

    def _governs_word(self, governed: list[Token]) -> bool:
        for child in governed:
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
    senses = TriggerSenses.packaged()
    lexicon: dict[tuple[str, str], list[Trigger]] = {}
    for number, row in read_tsv(path, ("lemma", "pos", "with", "type", "mode", "cameo")):
        if row["type"] not in PLOVER_TYPES:
            raise ResourceError(f"{path}:{number}: {row['type']!r} is not a PLOVER type")
        if row["pos"] not in ("VERB", "NOUN", "ADJ"):
            raise ResourceError(f"{path}:{number}: pos must be VERB, NOUN or ADJ")
        tests = senses.parse_with(row["with"], f"{path}:{number}")
        words = tuple(row["lemma"].lower().split())
        trigger = Trigger(
            words, row["pos"], tests.governs, row["type"], row["mode"] or None,
            row["cameo"], tests.requires, tests.excludes,
        )  # fmt: skip
        lexicon.setdefault((words[-1], trigger.pos), []).append(trigger)
    return {
        key: tuple(sorted(entries, key=lambda t: (-len(t.words), not t.specific)))
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
    # One act told by several words is one candidate (happenings.py decides which):
    # a noun restating its verb's act ("killed in an attack") folds into the verb, and
    # so do the words that continue it ("a strike that hit his car").
    folded = _restating(candidates)
    candidates = [c for c in candidates if c.token.i not in folded]
    triggered = {c.token.i: c.type for c in candidates}
    candidates += _reported_acts(sentence, rules, triggered)
    by_token = {c.token.i: c for c in candidates}
    statements = [c.content for c in candidates if c.content is not None]
    for candidate in candidates:
        if _controller(candidate.token, by_token, ontology) is not None or any(
            candidate.token.i in {t.i for t in clause.subtree} for clause in statements
        ):
            candidate.unrealized = True  # the content of a promise, demand or criticism
    return _merge_participles(candidates, folded)


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
    blocked = senses.blocked_types(sentence)
    for token in sentence:
        entry = _trigger_entry(token, senses)
        if entry is None or senses.describes_noun(token, entry.type):
            continue  # "the outpost, which hosts Danish engineers": a description
        if entry.type in blocked:
            continue  # a game is no conflict: "the visitors were killed off by a goal"
        yield Candidate(token, entry.type, entry.mode, entry.cameo, specific=entry.specific)


def _trigger_entry(token: Token, senses: TriggerSenses) -> Trigger | None:
    """The lexicon row that fits `token` in its sentence, if the word can be a trigger."""
    pos = _TRIGGER_POS.get(token.pos_)
    if token.ent_type_ in _NOT_PARTICIPANTS:
        return None  # "March" the month, "Strike Day" the date
    if pos is None or token.dep_ in ("compound", "amod") and pos != "ADJ":
        return None  # "attack helicopter", "striking teachers": the head word decides
    if pos == "ADJ" and token.dep_ not in _ADJ_DEPS:
        return None
    if pos == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN":
        return None  # "troops stationed in Iraq", "strikes ordered by X": description
    if senses.describes_state(token):
        return None  # "were stationed in Jordan at the time": where troops are
    lexicon = trigger_lexicon()
    for key in ((token.lemma_.lower(), pos), (token.lower_, pos)):
        entry = next((t for t in lexicon.get(key, ()) if t.fits(token)), None)
        if entry is not None:
            return entry
    return None


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
    if recipient is not None:
        recipient = _placed_recipient(
            recipient, candidate.recipient_head, candidate.type, candidate.token, people
        )
    modality = rules.modality(candidate.token, reference_year)
    if _warns_of_outcome(candidate, rules):
        modality = replace(modality, hypothetical=True)
    event_type, cameo, modality = _fold(candidate, modality, ontology)
    mode = candidate.mode if event_type == candidate.type else None
    if event_type == "PROTEST" and _is_state(candidate.actor_head, actor):
        protest = ontology.diplomatic_protest  # PLOVER: a state's protest is ACCUSE
        event_type, cameo, mode = protest.type, protest.cameo, protest.mode
    return Event(
        id="",
        type=event_type,
        mode=mode,
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


def _placed_recipient(
    recipient: Actor, head: Token, event_type: str, trigger: Token, people: ArticleActors
) -> Actor:
    """The recipient of a material act that the text gives no country takes the place
    of the act ("hit an army base near Mosul": Iraq's army); a town or city that
    violence hits stands for the people in it, its country's civilians (CVL), even a
    capital ("strikes targeting Beirut" hit Lebanon, not its government)."""
    words = ParticipantRules.packaged()
    if head.lower_ in ModalityRules.packaged().pronouns or head.lower_ in words.first_person:
        return recipient
    if event_type in words.violent_types and recipient.role is None:
        place = _harmed_place(head, people)
        if place is not None:
            return replace(recipient, country=recipient.country or place.country, sector="CVL")
    if recipient.country or event_type not in Ontology.packaged().material:
        return recipient
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
    names += [c for c in head.children if c.dep_ in ("compound", "amod")]
    if settled:
        for of in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            names += [c for c in of.children if c.dep_ == "pobj"]
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
    victim_subject = _reduced_passive(trigger)
    for child in trigger.children:
        if child.dep_ == "nsubj" and not victim_subject:
            actor = child
        elif child.dep_ in ("nsubjpass", "nsubj"):
            ranked.append((0, child))  # "Three soldiers killed": a headline's passive
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
        elif child.dep_ == "prep" and child.lower_ == "of" and _violent_noun(trigger):
            ranked.append((3, _object_of(child)))  # "the shelling of Kherson"
        elif (
            child.dep_ in ("poss", "compound", "amod")
            and trigger.pos_ != "VERB"
            and coder.country_of(child.text.removesuffix("'s"))
        ):
            actor = actor or child
    if actor is not None and actor.tag_ in _RELATIVE_TAGS and trigger.dep_ == "relcl":
        actor = trigger.head  # "the government which is pushing ...": the government
    if actor is None and trigger.pos_ != "VERB":
        actor = _event_agent(trigger)  # "an attack carried out by the X Brigade"
    if actor is None:
        actor = _controller_object(trigger) or _instrument_owner(trigger)
    if actor is None and not victim_subject and _subject(trigger) is None:
        actor = _inherited_subject(trigger)
    if actor is not None:
        actor = _speaker_for(actor, trigger) or actor
    if actor is not None and actor.pos_ == "NOUN" and (
        _is_event_word(actor) or actor.lemma_.lower() in ModalityRules.packaged().weapon_words
    ):
        # "A roadside bombing killed ...", "a bomb planted by militants exploded": the
        # bombing or the bomb is the means, its doer the actor
        actor = _event_agent(actor)
    recipients = (_participant(t) for _, t in sorted(ranked, key=lambda r: r[0]))
    recipient = next((t for t in recipients if t is not None), None)
    if recipient is not None and recipient.lower_ in ParticipantRules.packaged().first_person:
        recipient = _speaker_for(recipient, trigger) or recipient  # "they attacked us"
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
    """ "killed in U.S. airstrikes", "killed in an ambush claimed by X": the doer of the
    means is the one who killed."""
    means = (c for c in trigger.children if c.dep_ == "agent" or c.lower_ in _MEANS_PREPS)
    for prep in means:
        noun = _object_of(prep)
        if noun is None:
            continue
        if _is_event_word(noun):
            agent = _event_agent(noun)
            if agent is not None:
                return agent
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod") and ActorCoder.packaged().country_of(
                child.text.removesuffix("'s")
            ):
                return child
    return None


def _event_agent(noun: Token) -> Token | None:
    """Who does the act an event noun names: a country that owns it ("Russia's strikes",
    "U.S. airstrikes ordered by President Biden"), else its own agent ("an attack
    carried out by X", "a bombing claimed by X", "an attack by rebels"), else its
    possessor or a named group modifying it ("a Houthi attack"). A weapon is no agent
    ("a strike carried out by a drone")."""
    words = ParticipantRules.packaged()
    weapons = ModalityRules.packaged().weapon_words
    coder = ActorCoder.packaged()
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and coder.country_of(
            child.text.removesuffix("'s")
        ):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
            agent = _object_of(child)
        elif child.dep_ == "acl" and child.lemma_.lower() in words.act_verbs:
            by = next((c for c in child.children if c.dep_ == "agent"), None)
            agent = _object_of(by)
        else:
            continue
        if agent is not None and agent.lemma_.lower() not in weapons:
            return agent
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ModalityRules.packaged().pronouns:
            return child
        if child.dep_ in ("compound", "amod") and coder.named(child.text.removesuffix("'s")):
            return child
    return None


def _inherited_subject(trigger: Token) -> Token | None:
    """The subject of the verb that governs a participle, infinitive, conjunct or noun,
    where that subject does the act: not through a verb of perception ("said they heard
    explosions"), nor a complaint ("protested against the shelling"); a violent act
    named by a noun is its subject's only through a verb that carries it out ("carried
    out an attack", "stepped up strikes") or as the means of its act ("killed five in
    an attack")."""
    words = ParticipantRules.packaged()
    violent = _violent_noun(trigger)
    node = trigger
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj", "advcl", "pobj", "dobj", "prep", "acl", "acomp"):
            return None
        if not _own_act_link(node, violent, words):
            return None
        child, node = node, node.head
        if node.lemma_.lower() in words.perception_verbs:
            return None  # a witness, not the doer
        if node.pos_ in ("VERB", "AUX"):
            subject = _subject(node)
            if subject is not None and subject.dep_ == "nsubj":
                return subject
        elif child is trigger and child.dep_ == "acl" and _is_event_word(node):
            return _event_agent(node)  # "Israeli strikes targeting Beirut": the strikes'
    return None


def _own_act_link(node: Token, violent: bool, words: ParticipantRules) -> bool:
    """Whether the step from `node` to its head keeps the head's subject the doer."""
    head = node.head
    if node.dep_ == "pobj":
        if head.lower_ in words.complaint_preps:
            return False  # "protested against the shelling", "anger over the raid"
        partitive = head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN")
        means = head.lower_ in _MEANS_PREPS or partitive  # "a wave of strikes"
        return means or not violent
    if node.dep_ == "dobj" and violent:
        return head.lemma_.lower() in words.act_verbs  # not "condemned the attack"
    return True


def _violent_noun(token: Token) -> bool:
    return token.pos_ != "VERB" and _act_type(token) in ParticipantRules.packaged().violent_types


def _act_type(token: Token) -> str | None:
    """The event type the lexicon gives a noun or verb here, as `_triggers` reads it."""
    pos = _TRIGGER_POS.get(token.pos_)
    for key in ((token.lemma_.lower(), pos), (token.lower_, pos)):
        entry = next((t for t in trigger_lexicon().get(key, ()) if t.fits(token)), None)
        if entry is not None:
            return entry.type
    return None


def _reduced_passive(trigger: Token) -> bool:
    """A headline's passive without its auxiliary: "Three soldiers killed, 20 injured",
    "Aid worker kidnapped near Goma". A harm verb's participle with a subject but no
    auxiliary and no object tells what was done to the subject."""
    if trigger.lemma_.lower() not in ParticipantRules.packaged().harm_participles:
        return False
    deps = {c.dep_ for c in trigger.children}
    # "Police officer shot dead in Peshawar": the small model reads a past tense, but
    # "shot dead" without an object is passive.
    participle = trigger.tag_ == "VBN" or (trigger.tag_ == "VBD" and "oprd" in deps)
    return participle and "nsubj" in deps and not deps & {"aux", "auxpass", "dobj"}


def _speaker_for(pronoun: Token, trigger: Token) -> Token | None:
    """The speaker a pronoun stands for in what the speaker reports: "we" or "I" always
    ("'We hit them,' the commander said"); "it", "he" or "they" agreeing with the
    speaker in reported speech ("the army said it killed five", "rebels said they
    took the town"), but never inside a quote, where the third person is others
    ("'They attacked us,' a soldier said")."""
    rules, words = ModalityRules.packaged(), ParticipantRules.packaged()
    lower = pronoun.lower_
    if lower not in rules.pronouns and lower not in words.first_person:
        return None
    speech = rules.reporting_verb(trigger)
    speaker = _subject(speech) if speech is not None else None
    if speaker is None or speaker.lower_ in rules.pronouns or speaker.tag_ == "PRP":
        return None
    if lower in words.first_person:
        return speaker
    if _in_quotation(trigger):
        return None
    if lower in words.plural_third_person:  # "rebels", "a group of leaders", "Hamas"
        return speaker if _plural(speaker) or speaker.pos_ == "PROPN" else None
    singular = speaker.tag_ not in ("NNS", "NNPS")  # "the Union of Teachers ... said it"
    return speaker if lower in words.singular_third_person and singular else None


def _plural(noun: Token) -> bool:
    """A plural noun phrase: "rebels", or "a group of leaders", "dozens of residents"."""
    if noun.tag_ in ("NNS", "NNPS"):
        return True
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = _object_of(of)
    return inner is not None and inner.tag_ in ("NNS", "NNPS")


def _in_quotation(token: Token) -> bool:
    """Whether the token stands inside quotation marks: an opening mark before it in its
    sentence is still open, or a closing mark after it closes a quote begun earlier."""
    sentence = sentence_of(token)
    depth = 0
    for word in sentence.doc[sentence.start : token.i]:
        depth += _quote_mark(word)
        depth = max(depth, 0)
    if depth > 0:
        return True
    for word in sentence.doc[token.i + 1 : sentence.end]:
        depth += _quote_mark(word)
        if depth < 0:
            return True
    return False


def _quote_mark(token: Token) -> int:
    """+1 for an opening quotation mark, -1 for a closing one, 0 for any other token."""
    if token.tag_ == "``" or token.text == "\u201c":
        return 1
    if token.tag_ == "''" or token.text == "\u201d":
        return -1
    return 0


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
