"""Who did what to whom, from the dependency parse: the tokens that head an event's
actor and recipient (`arguments`), before any dictionary codes them.

The actor is the subject, a passive's "by" agent, a country word on a noun ("U.S.
strikes"), the agent of an act named by a noun ("an attack carried out by X") or the
subject a participle, infinitive or conjunct inherits, never a witness ("said they
heard explosions"), a complainer ("protested against the shelling") or a weapon ("a
bomb exploded"), nor the dead ("14 people died in the air strikes"). The recipient is
the passive subject, the object, or the target of "on", "against", "with" or "to", but
never what the act is done with: a weapon, a row's instrument ("imposed sanctions on
Iran"), what a transfer moves ("sent 300 engineers to Libya"), the doer's own people
("withdrew its ambassador from Niger": Niger). An act named between two sides has both
("talks between Serbia and Kosovo"); a demand is made of its "from" party
(`addressee`). A speech verb's subject stands in for "we", and for "it" or "they" in
reported speech outside quotation marks. Word lists come from
`resources/patterns/modality.toml` (`[participants]`, prepositions, transfer verbs).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract.actors import ActorCoder, ParticipantRules
from newsledger.extract.modality import ModalityRules
from newsledger.extract.ontology import Ontology
from newsledger.extract.senses import TriggerSenses
from newsledger.extract.triggers import (
    NOT_PARTICIPANTS,
    act_type,
    governed_words,
    instrument_words,
    is_event_word,
)
from newsledger.nlp import children, sentence_of

_RULES = ModalityRules.packaged()  # read-only word lists, shared by every article
_AGENT_PREPS = _RULES.agent_preps
_TARGET_PREPS = _RULES.target_preps
_CONTENT_PREPS = _RULES.content_preps
_MEANS_PREPS = _RULES.means_preps
_RELATIVE_TAGS = {"WDT", "WP"}
# How a country word sits on an act noun: "Russia's strikes", "U.S. airstrikes", "a
# Myanmar military airstrike" (the parser's nmod).
_OWNER_DEPS = ("poss", "compound", "amod", "nmod")


def arguments(trigger: Token) -> tuple[Token | None, Token | None]:
    """(actor head, recipient head) from the trigger's dependents, or its governor's.

    An object that is the act's instrument ("fired tear gas at protesters", "fired two
    missiles at a tanker", "sent 300 engineers to Libya") is not the recipient; the
    prepositional target is."""
    actor = None
    coder = ActorCoder.packaged()
    instruments = instrument_words(trigger)
    # Recipient candidates, best first: passive subject, object, instrument's target,
    # then "on", "against", "with", "to" ... targets.
    ranked: list[tuple[int, Token | None]] = []
    victim_subject = _reduced_passive(trigger)
    for child in children(trigger):
        if child.dep_ == "nsubj" and not victim_subject:
            actor = child
        elif child.dep_ in ("nsubjpass", "nsubj"):
            ranked.append((0, child))  # "Three soldiers killed": a headline's passive
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _AGENT_PREPS):
            actor = object_of(child) or actor
        elif child.dep_ == "dative":  # "give Tanzania a grant", "provide photos to Macedonia"
            ranked.append((1, object_of(child) if child.pos_ == "ADP" else child))
        elif child.dep_ == "dobj":
            sources = [*_sources(trigger), *_sources(child)] if _own(child) else []
            doer = _doer_reacted_to(trigger, child)
            if doer is not None:  # "condemned the Israeli strikes": Israel
                ranked.append((1, doer))
            elif sources:  # "withdrew its troops from Mali": whence, not what
                ranked += [(4, o) for o in sources]
            elif not _is_instrument(child, trigger, instruments):
                ranked.append((1, child))
            else:  # "imposed sanctions on Iran": the instrument's target
                moved = trigger.lemma_.lower() in _RULES.transfer_verbs
                for prep in (c for c in children(child) if c.dep_ == "prep"):
                    if prep.lower_ in _TARGET_PREPS:  # "passed intelligence ... to X"
                        rank = 2 if prep.lower_ == "to" or not moved else 3
                        ranked.append((rank, object_of(prep)))
        elif child.dep_ == "prep" and child.lower_ == "in" and _envoy(object_of(child)):
            ranked.append((3, object_of(child)))  # "called in Russia's envoy"
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
            moved = child.lower_ == "to" and trigger.lemma_.lower() in _RULES.transfer_verbs
            ranked.append((2 if moved else 3, object_of(child)))
        elif child.dep_ == "prep" and child.lower_ == "of" and _violent_noun(trigger):
            ranked.append((3, object_of(child)))  # "the shelling of Kherson"
        elif (
            child.dep_ in _OWNER_DEPS
            and trigger.pos_ != "VERB"
            and coder.country_of(child.text.removesuffix("'s"))
        ):
            actor = actor or child
    if actor is not None and actor.tag_ in _RELATIVE_TAGS and trigger.dep_ == "relcl":
        actor = trigger.head  # "the government which is pushing ...": the government
    sides = _between(trigger) if actor is None else None
    if sides is not None:  # "talks between Serbia and Kosovo"
        actor = sides[0]
        ranked.append((0, sides[1]))
    if actor is None and trigger.pos_ != "VERB":
        actor = _event_agent(trigger)  # "an attack carried out by the X Brigade"
    if actor is None:
        actor = _controller_object(trigger) or _instrument_owner(trigger)
    if actor is None and not victim_subject and subject_of(trigger) is None:
        actor = _inherited_subject(trigger)
    if actor is not None:
        actor = speaker_for(actor, trigger) or actor
    means = actor is not None and (actor.pos_ == "NOUN" or actor.tag_ == "VBG")
    if (
        means
        and (is_event_word(actor) or actor.lemma_.lower() in ModalityRules.packaged().weapon_words)
        and not TriggerSenses.packaged().classes["people"].names(actor)  # "Protesters set"
    ):
        # "A roadside bombing killed ...", "a bomb planted by militants exploded": the
        # bombing or the bomb is the means, its doer the actor; "fighting between the
        # army and the RSF killed 40": its sides
        sides = _between(actor)
        if sides is not None:
            ranked.append((0, sides[1]))
        actor = sides[0] if sides is not None else _event_agent(actor)
    recipients = (_participant(t) for _, t in sorted(ranked, key=lambda r: r[0]))
    recipient = next((t for t in recipients if t is not None), None)
    joint = _joint(trigger, actor) if recipient is None else None
    if joint is not None:
        actor, recipient = joint
    if recipient is not None and recipient.lower_ in ParticipantRules.packaged().first_person:
        recipient = speaker_for(recipient, trigger) or recipient  # "they attacked us"
    actor = _participant(actor)
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipient = None
    if recipient is not None and recipient.lower_ in _RULES.reflexive_pronouns:
        recipient = None  # "a suicide bomber blew himself up"
    return actor, recipient


def _doer_reacted_to(trigger: Token, obj: Token) -> Token | None:
    """Who did the act that a verbal act's object names: the one criticised, blamed or
    thanked for it ("condemned the Israeli strikes on Rafah", "praised Kenya's
    deployment"; PLOVER codes the target of an accusation as its recipient, not the
    place the act hit)."""
    spoken = act_type(trigger)
    if spoken is None or not Ontology.packaged().types[spoken].verbal or not is_event_word(obj):
        return None
    return _event_agent(obj)


def _envoy(noun: Token | None) -> bool:
    return noun is not None and TriggerSenses.packaged().classes["envoy"].names(noun)


def _between(trigger: Token) -> tuple[Token, Token] | None:
    """The two sides of an act a noun names between them: "talks between Serbia and
    Kosovo", "fighting between the army and the RSF"."""
    if trigger.pos_ not in ("NOUN", "PROPN") and trigger.tag_ != "VBG":
        return None
    for prep in (c for c in children(trigger) if c.dep_ == "prep" and c.lower_ == "between"):
        first = _participant(object_of(prep))
        sides = _two_sides(first) if first is not None else None
        if sides is not None:
            return sides
    return None


def _two_sides(first: Token) -> tuple[Token, Token] | None:
    """Two parties joined in one phrase: "Serbia and Kosovo", "Azerbaijani and Armenian
    troops" (the adjectives are the sides)."""
    second = next((c for c in children(first) if c.dep_ == "conj"), None)
    if second is not None:
        return first, second
    for modifier in (c for c in children(first) if c.dep_ in ("amod", "compound", "nmod")):
        other = next((c for c in children(modifier) if c.dep_ == "conj"), None)
        if other is not None:  # "clashes between Azerbaijani and Armenian troops"
            return modifier, other
    return None


def _joint(trigger: Token, actor: Token | None) -> tuple[Token, Token] | None:
    """The two sides of a joint act told with both as its subject: "Ruto and Abiy
    agreed", "Indian and Pakistani troops exchanged fire" (PLOVER codes the first as the
    actor, the second as the recipient)."""
    if actor is None or trigger.lemma_.lower() not in _RULES.joint_verbs:
        return None
    return _two_sides(actor)


def _own(obj: Token) -> bool:
    """An object the doer owns: "its troops", "their ambassador"."""
    return any(c.dep_ == "poss" and c.lower_ in _RULES.own_pronouns for c in children(obj))


def _sources(trigger: Token) -> list[Token]:
    """Whence an act takes something: "from Mali", "out of Guinea" (on the verb, or on
    its object as the parser may hang it)."""
    found = []
    for prep in (c for c in children(trigger) if c.dep_ == "prep"):
        if prep.lower_ == "from":
            found.append(object_of(prep))
        elif prep.lower_ == "out":
            found += [object_of(c) for c in children(prep) if c.lower_ == "of"]
    return [t for t in found if t is not None]


def _is_instrument(
    obj: Token, trigger: Token, instruments: tuple[frozenset[str], frozenset[str]]
) -> bool:
    """An object that is what the act is done with, not to: a governed word of the
    trigger's row ("fired tear gas at protesters", "20 tonnes of aid"), a weapon ("fired
    two missiles at a tanker"), or what a transfer moves when a "to" phrase or an
    indirect object names who gets it ("send 300 engineers to a mission in Libya"). What
    is shot down or intercepted is the act's target ("shot down an army drone")."""
    if _RULES.intercepts(trigger):
        return False
    if trigger.lemma_.lower() in _RULES.transfer_verbs and any(
        (c.dep_ == "prep" and c.lower_ == "to") or c.dep_ == "dative" for c in children(trigger)
    ):
        return True
    measured = {g.lemma_.lower() for g in governed_words(trigger) if g.head.head == obj}
    if obj.lemma_.lower() in _RULES.weapon_words or measured & _RULES.weapon_words:
        return True  # "fired two missiles", "fired dozens of rockets"
    done, said = instruments
    if obj.lemma_.lower() in done or measured & done:
        return True  # "sent troops", "imposed sanctions"
    people = TriggerSenses.packaged().classes["people"]
    if people.names(obj) or ActorCoder.packaged().role_of(obj.lemma_):
        return False  # "summoned Mali's ambassador": whom the act is aimed at
    return obj.lemma_.lower() in said or bool(measured & said)


def content_recipient(trigger: Token) -> Token | None:
    """Whom a demand, promise, refusal or threat concerns: "demanded that the US cancel"
    (the US), "offered to hand over to Britain" (Britain), "called for sanctions against
    Nigeria" (Nigeria); an allegation told after its content ("Iran has shipped drones
    to Russia, the ministry alleged"): Iran."""
    inverted = (
        trigger.dep_ in ("ccomp", "parataxis", "advcl")
        and trigger.head.i < trigger.i
        and not any(c.dep_ in ("mark", "advmod") for c in children(trigger))  # "after X said"
    )
    clauses = [trigger.head] if inverted else []
    for clause in clauses:
        subject = _participant(subject_of(clause))
        if subject is not None and subject.lower_ not in ModalityRules.packaged().pronouns:
            return subject
    for child in children(trigger):
        if child.dep_ == "ccomp":
            subject = _participant(subject_of(child))
            if subject is not None and subject.lower_ not in ModalityRules.packaged().pronouns:
                return subject
        if child.dep_ in ("xcomp", "advcl") or (
            child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS
        ):
            inner = child if child.dep_ != "prep" else object_of(child)
            if inner is not None:
                _, recipient = arguments(inner)
                if recipient is not None:
                    return recipient
    return None


def addressee(trigger: Token) -> Token | None:
    """Whom a demand is made of: "demanding independence from Britain", "demanded an
    apology from Japan"; for a protest, whom its demand is made of ("marched in Glasgow
    demanding independence from Britain")."""
    demands = _RULES.demand_words
    words = [trigger] if trigger.lemma_.lower() in demands else []
    words += [
        c for c in children(trigger)
        if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in demands
    ]  # fmt: skip
    material = Ontology.packaged().material
    words += [  # "an apology from Japan", not "the withdrawal of forces from Bosnia"
        c for w in words for c in children(w)
        if c.dep_ == "dobj" and act_type(c) not in material
    ]  # fmt: skip
    for word in words:
        for prep in (c for c in children(word) if c.dep_ == "prep" and c.lower_ == "from"):
            found = _participant(object_of(prep))
            if found is not None:
                return found
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, active or passive."""
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _participant(token: Token | None) -> Token | None:
    """Dates, numbers and relative pronouns are not participants; in "dozens of
    protesters" the participants are the protesters."""
    if token is None or token.tag_ in _RELATIVE_TAGS:
        return None
    if token.ent_type_ in NOT_PARTICIPANTS or token.pos_ == "NUM":
        of = next((c for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"), None)
        return object_of(of) if of is not None and token.ent_type_ != "DATE" else None
    return token


def _controller_object(trigger: Token) -> Token | None:
    """Object control: in "pushes Baghdad to expel troops", Baghdad expels (but in
    "used tear gas to disperse them", the police do)."""
    if not ModalityRules.packaged().is_urged(trigger):
        return None
    return next((c for c in children(trigger.head) if c.dep_ == "dobj"), None)


def _instrument_owner(trigger: Token) -> Token | None:
    """ "killed in U.S. airstrikes", "killed in an ambush claimed by X": the doer of the
    means is the one who killed."""
    means = (c for c in children(trigger) if c.dep_ == "agent" or c.lower_ in _MEANS_PREPS)
    for prep in means:
        noun = object_of(prep)
        if noun is None:
            continue
        if is_event_word(noun):
            agent = _event_agent(noun)
            if agent is not None:
                return agent
        for child in children(noun):
            if child.dep_ in _OWNER_DEPS and ActorCoder.packaged().country_of(
                child.text.removesuffix("'s")
            ):
                return child
    return None


def _event_agent(noun: Token) -> Token | None:
    """Who does the act an event noun names: a country that owns it ("Russia's strikes",
    "U.S. airstrikes ordered by President Biden") or a country's force named on it ("a
    Pakistani army mortar attack"), else its own agent ("an attack
    carried out by X", "a bombing claimed by X", "an attack by rebels"), else its
    possessor or a named group modifying it ("a Houthi attack"). A weapon is no agent
    ("a strike carried out by a drone")."""
    words = ParticipantRules.packaged()
    weapons = ModalityRules.packaged().weapon_words
    coder = ActorCoder.packaged()
    for child in children(noun):
        if child.dep_ in _OWNER_DEPS and coder.country_of(child.text.removesuffix("'s")):
            return child
    for child in children(noun):  # "a Pakistani army mortar attack": the Pakistani army
        if child.dep_ in ("compound", "nmod") and any(
            g.dep_ in _OWNER_DEPS and coder.country_of(g.text.removesuffix("'s"))
            for g in children(child)
        ):
            return child
    for child in children(noun):
        if child.dep_ == "prep" and child.lower_ in _AGENT_PREPS:
            agent = object_of(child)
        elif child.dep_ == "acl" and child.lemma_.lower() in words.act_verbs:
            by = next((c for c in children(child) if c.dep_ == "agent"), None)
            agent = object_of(by)
        else:
            continue
        if agent is not None and agent.lemma_.lower() not in weapons:
            return agent
    for child in children(noun):
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
            subject = subject_of(node)
            if subject is not None and subject.dep_ == "nsubj":
                return subject
            if subject is not None and child.dep_ == "xcomp":
                return subject  # "was forced to step down": the one forced did it
        elif child is trigger and child.dep_ == "acl" and is_event_word(node):
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
        if means and _suffers(head.head):
            return False  # "14 people died in the air strikes": victims, not doers
        return means or not violent
    if node.dep_ == "dobj" and violent:
        return head.lemma_.lower() in words.act_verbs  # not "condemned the attack"
    return True


def _suffers(verb: Token) -> bool:
    """A verb whose subject suffers the act told by its means: a passive ("were killed
    in the raid") or a verb of dying ("died in the strikes")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    dying = verb.lemma_.lower() in _RULES.dying_verbs
    return dying or any(c.dep_ in ("auxpass", "nsubjpass") for c in children(verb))


def _violent_noun(token: Token) -> bool:
    return token.pos_ != "VERB" and act_type(token) in ParticipantRules.packaged().violent_types


def _reduced_passive(trigger: Token) -> bool:
    """A headline's passive without its auxiliary: "Three soldiers killed, 20 injured",
    "Aid worker kidnapped near Goma". A harm verb's participle with a subject but no
    auxiliary and no object tells what was done to the subject."""
    if trigger.lemma_.lower() not in ParticipantRules.packaged().harm_participles:
        return False
    deps = {c.dep_ for c in children(trigger)}
    # "Police officer shot dead in Peshawar": the small model reads a past tense, but
    # "shot dead" without an object is passive.
    participle = trigger.tag_ == "VBN" or (trigger.tag_ == "VBD" and "oprd" in deps)
    return participle and "nsubj" in deps and not deps & {"aux", "auxpass", "dobj"}


def speaker_for(pronoun: Token, trigger: Token) -> Token | None:
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
    speaker = subject_of(speech) if speech is not None else None
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
    of = next((c for c in children(noun) if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = object_of(of)
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


def object_of(preposition: Token | None) -> Token | None:
    """The object of a preposition (a noun or a clause: "after attacking")."""
    if preposition is None:
        return None
    return next((c for c in children(preposition) if c.dep_ in ("pobj", "pcomp")), None)
