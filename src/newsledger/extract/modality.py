"""PLOVER's auxiliary flags for one trigger: negated, future, hypothetical, generic,
historical (and the word lists for reported obligation and criticism that events.py
reads).

Modal words attach to the clause's verb, not to a noun trigger ("will hold talks"),
so every test looks at the trigger and at the verb of its clause. An event noun also
takes flags from the words around it: "no sign of fighting" (negated), "the threat of
war" (hypothetical), "a string of kidnappings" (generic), "the 2014 bombing" or "a
memorial to the victims of a bombing" (historical); a relative clause takes its noun's
("a bombing ten years ago that killed 45"). A time phrase tells the time of the word it
hangs on, so "the 2014 bombing" makes history of the bombing, not of the verb above it.
Violence told as a total ("more than 250 people have been killed, according to
government figures"), over years ("hit by attacks for two decades", "after years of
war") is generic; what a slogan or a demand wants stopped ("placards reading 'Stop the
killing'") is hypothetical. The word lists live in `resources/patterns/modality.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from newsledger.data import load_toml, read_tsv, resource_path
from newsledger.extract.time import TimeGrammar
from newsledger.nlp import children, doc_text, entities_in, sentence_of, span_tokens, subtree

_NOMINAL_DEPS = {"dobj", "pobj", "prep", "attr", "acomp", "compound", "amod", "appos",
                 "npadvmod", "conj", "nsubj", "nsubjpass", "oprd", "dative", "agent"}  # fmt: skip
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")  # "in 1988", "in the 1990s"
_WRITTEN_RANK = re.compile(r"\d+(?:st|nd|rd|th)")  # "the 3rd this month"
_NOUNS = ("NOUN", "PROPN")
# The links from an event noun up to a word of remembrance ("a memorial to the victims
# of a bombing", "the market bombing memorial", "the massacre's anniversary").
_REMEMBERED_DEPS = {"pobj", "prep", "compound", "poss", "dobj", "conj", "appos"}


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    generic: bool = False
    historical: bool = False


class ModalityRules:
    """The word lists of `modality.toml`, as sets."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.future_aux = frozenset(table["future_aux"])
        self.hypothetical_aux = frozenset(table["hypothetical_aux"])
        self.obligation_aux = frozenset(table["obligation_aux"])
        self.pending_adverbs = frozenset(table["pending_adverbs"])
        self.conditional_marks = frozenset(table["conditional_marks"])
        self.intent_heads = frozenset(table["intent_heads"])
        self.failure_heads = frozenset(table["failure_heads"])
        self.ultimatum_marks = frozenset(table["ultimatum_marks"])
        self.transparent_heads = frozenset(table["transparent_heads"])
        self.light_verbs = frozenset(table["light_verbs"])
        self.generic_modifiers = frozenset(table["generic_modifiers"])
        self.criticism_words = frozenset(table["criticism_words"])
        self.characterizing_verbs = frozenset(table["characterizing_verbs"])
        self.object_control_verbs = frozenset(table["object_control_verbs"])
        self.weapon_words = frozenset(table["weapon_words"])
        self.transfer_verbs = frozenset(table["transfer_verbs"])
        self.joint_verbs = frozenset(table["joint_verbs"])
        self._interception_verbs = frozenset(table["interception_verbs"])
        self._interception_particles = frozenset(table["interception_particles"])
        self.dying_verbs = frozenset(table["dying_verbs"])
        self.flagged_nouns = frozenset(table["flagged_nouns"])
        self.pronouns = frozenset(table["pronouns"])
        self.own_pronouns = frozenset(table["own_pronouns"])
        self.reflexive_pronouns = frozenset(table["reflexive_pronouns"])
        self.referring_determiners = frozenset(table["referring_determiners"])
        prepositions = table["prepositions"]
        self.agent_preps = frozenset(prepositions["agent"])
        self.target_preps = frozenset(prepositions["target"])
        self.content_preps = frozenset(prepositions["content"])
        self.means_preps = frozenset(prepositions["means"])
        self.place_preps = frozenset(prepositions["place"])
        self.other_time_preps = frozenset(prepositions["other_time"])
        self.continuing_preps = frozenset(prepositions["continuing"])
        self.evidence_nouns = frozenset(table["evidence_nouns"])
        self.denial_verbs = frozenset(table["denial_verbs"])
        self.exclusion_verbs = frozenset(table["exclusion_verbs"])
        self.possibility_modifiers = frozenset(table["possibility_modifiers"])
        self.possibility_heads = frozenset(table["possibility_heads"])
        self.series_heads = frozenset(table["series_heads"])
        self.series_ranks = frozenset(table["series_ranks"])
        self.series_verbs = frozenset(table["series_verbs"])
        self.series_min_count = int(table["series_min_count"])
        self.repeat_adverbs = frozenset(table["repeat_adverbs"])
        self.series_counts = frozenset(table["series_counts"])
        self.commemoration_words = frozenset(table["commemoration_words"])
        self.historical_phrases = tuple(table["historical_phrases"])
        self.historical_years = int(table["historical_years"])
        self.toll_verbs = frozenset(table["toll_verbs"])
        self.conflict_nouns = frozenset(table["conflict_nouns"])
        self.aggregate_counts = frozenset(table["aggregate_counts"])
        self.tally_words = frozenset(table["tally_words"])
        self.duration_units = frozenset(table["duration_units"])
        self.span_preps = frozenset(table["span_preps"])
        self.period_modifiers = frozenset(table["period_modifiers"])
        self.term_verbs = frozenset(table["term_verbs"])
        self.cessation_words = frozenset(table["cessation_words"])
        self.demand_words = frozenset(table["demand_words"])
        self.act_marks = frozenset(table["act_marks"])

    @classmethod
    @cache
    def packaged(cls) -> ModalityRules:
        return cls(load_toml("patterns/modality.toml"))

    def reporting_verb(self, token: Token) -> Token | None:
        """The speech verb whose reported clause holds `token` ("said it would ...")."""
        node = token
        while node.head.i != node.i:
            parent = node.head
            if node.dep_ in ("ccomp", "parataxis") and parent.lemma_.lower() in (
                self.transparent_heads
            ):
                return parent
            node = parent
        return None

    def modality(self, trigger: Token, reference_year: int | None) -> Modality:
        verb = clause_verb(trigger)
        auxiliaries = {c.lower_ for c in children(verb) if c.dep_ in ("aux", "auxpass")}
        reported = self.reporting_verb(verb) is not None
        hypothetical_aux = auxiliaries & self.hypothetical_aux
        if reported:
            hypothetical_aux -= {"would", "'d"}  # "said it would withdraw": reported future
        # Inside an if-clause the event is hypothetical; an event with an if-clause of
        # its own ("would meet them if ...") is a conditional offer or threat instead.
        conditional = any(
            c.dep_ == "mark" and c.lower_ in self.conditional_marks for c in children(verb)
        )
        intended = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.intent_heads
        # "pushes Baghdad to expel troops": what others are pushed to do has not happened
        urged = self.is_urged(verb)
        own = Modality(
            negated=_negated(trigger)
            or (verb is not trigger and _negated(verb) and not self._unstopped(verb))
            or (
                verb.dep_ == "xcomp"
                and verb.head.lemma_.lower() in self.failure_heads
                and not self._unstopped(verb)  # "failed to end the clashes": they go on
            )
            or self._denied(trigger),
            future=bool(auxiliaries & self.future_aux)
            or intended
            or (reported and bool(auxiliaries & {"would", "'d"})),
            hypothetical=bool(hypothetical_aux) or conditional or urged
            or self._possible(trigger) or self._demanded_stop(trigger),
            generic=self._generic(trigger) or (verb is not trigger and self._generic(verb))
            or self._in_series(trigger) or self._over_time(trigger, verb),
            historical=self._historical(trigger, verb, reference_year),
        )  # fmt: skip
        antecedents = relative_antecedents(trigger)
        if not antecedents:
            return own  # most triggers: no noun lends its flags
        return _either(own, *(self._noun_modality(n, reference_year) for n in antecedents))

    def _noun_modality(self, noun: Token, reference_year: int | None) -> Modality:
        """The flags the words around a noun give it ("no sign of", "the threat of", "a
        string of", "ten years ago"), for the relative clause it carries. History may
        come from the noun's clause too: what "the siege, which killed 11,000, ended in
        1996" killed is history."""
        return Modality(
            negated=_negated(noun) or self._denied(noun),
            hypothetical=self._possible(noun) or self._demanded_stop(noun),
            generic=self._generic(noun)
            or self._in_series(noun)
            or self._of_years(noun)
            or noun.lemma_.lower() in self.series_heads,  # "a wave of unrest, in which ..."
            historical=self._historical(noun, clause_verb(noun), reference_year),
        )

    def intercepts(self, trigger: Token) -> bool:
        """Whether the act is done to a weapon ("shot down a drone", "intercepted two
        missiles"): its object is then the recipient, not the instrument."""
        return trigger.lemma_.lower() in self._interception_verbs or any(
            c.dep_ == "prt" and c.lower_ in self._interception_particles for c in children(trigger)
        )

    def is_urged(self, verb: Token) -> bool:
        """An infinitive under a verb of pushing or asking ("push Baghdad to expel")."""
        infinitive = verb.dep_ == "xcomp" or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))
        )
        # "was forced to step down": the passive's subject did it
        passive = any(c.dep_ == "auxpass" for c in children(verb.head))
        return infinitive and not passive and verb.head.lemma_.lower() in self.object_control_verbs

    def is_history(self, day: date, reference_year: int | None) -> bool:
        """Whether a date lies far enough before the article's year to be history."""
        return reference_year is not None and reference_year - day.year >= self.historical_years

    def commemorated(self, token: Token) -> bool:
        """An event a remembrance is of ("a memorial to the victims of a bombing", "the
        anniversary of the massacre"): it happened before, not at the remembrance.
        Found once per word and doc: the flags, the date and the place of each event
        ask it again."""
        known = token.doc.user_data.setdefault("newsledger_commemorated", {})
        found = known.get(token.i)
        if found is None:
            found = known[token.i] = self._commemorated(token)
        return found

    def _commemorated(self, token: Token) -> bool:
        if any(  # "bombing memorial" that the parse reads as a modified "bombing"
            c.i > token.i and c.dep_ in ("amod", "compound", "appos")
            and c.lemma_.lower() in self.commemoration_words
            for c in children(token)
        ):  # fmt: skip
            return True
        node = token
        for _ in range(6):
            if node.head.i == node.i or node.dep_ not in _REMEMBERED_DEPS:
                return False
            node = node.head
            if node.lemma_.lower() in self.commemoration_words:
                return True
            if node.pos_ in ("VERB", "AUX"):  # "held a memorial for the victims of ..."
                return any(
                    c.dep_ in ("dobj", "attr") and c.lemma_.lower() in self.commemoration_words
                    for c in children(node)
                )
        return False

    def _historical(self, trigger: Token, verb: Token, reference_year: int | None) -> bool:
        """A time phrase on the trigger, else on its clause's verb, that lies well before
        the article ("in 1988", "ten years ago", "last decade's war"); without one, an
        event that a remembrance is of. The noun's own time comes first: in "gathered on
        Friday for the anniversary of the 2014 massacre" the massacre is 2014's."""
        phrases = self._times_of(trigger)
        if self.commemorated(trigger):
            phrases = self.remembered_times(phrases, reference_year)
            return not phrases or any(self._is_history(p, reference_year) for p in phrases)
        if not phrases and verb is not trigger:
            phrases = self._times_of(verb)
        return any(self._is_history(p, reference_year) for p in phrases)

    def remembered_times(self, phrases: list[Span], reference_year: int | None) -> list[Span]:
        """The time phrases on a remembered event that are its own. A recent one in a
        trailing "on"/"in" phrase ("marked the anniversary of the massacre on Thursday")
        is the remembrance's time: what is remembered is history."""
        return [
            p for p in phrases
            if not _prepositional(p) or self._is_history(p, reference_year)
        ]  # fmt: skip

    def _times_of(self, word: Token) -> list[Span]:
        """The time phrases of the word's sentence that tell its time."""
        return [phrase for phrase, told in self._sentence_times(word) if word.i in told]

    def _sentence_times(self, word: Token) -> list[tuple[Span, frozenset[int]]]:
        """Each time phrase of the word's sentence with the words whose time it tells,
        found once per sentence (every event of the sentence asks)."""
        sentence = sentence_of(word)
        known = word.doc.user_data.setdefault("newsledger_sentence_times", {})
        found = known.get(sentence.start)
        if found is None:
            found = known[sentence.start] = [
                (phrase, frozenset(g.i for g in time_governors(phrase, self.means_preps)))
                for phrase in time_phrases(sentence)
            ]
        return found

    def _is_history(self, phrase: Span, reference_year: int | None) -> bool:
        """Whether a time phrase lies well before the article: read and resolved like
        a date where it can be ("ten years ago", "in 2009"), else by its words ("years
        ago", "last decade", "the 1990s")."""
        doc = phrase.doc
        before = doc[phrase.start - 1] if phrase.start else None
        if phrase[0].lower_ in self.continuing_preps or (
            before is not None and before.lower_ in self.continuing_preps
        ):
            return False  # "since 2015" runs up to the article
        grammar = TimeGrammar.packaged()
        reading = grammar.read(phrase.text)
        if reading is not None and reference_year is not None:
            resolved = grammar.resolve(reading, date(reference_year, 1, 1), "past")
            if resolved is not None:
                return self.is_history(resolved[0], reference_year)
        text = phrase.text.lower()
        if any(cue in text for cue in self.historical_phrases):
            return True
        years = [int(y) for y in _YEAR.findall(text)]
        return bool(years) and self.is_history(date(max(years), 1, 1), reference_year)

    def _denied(self, token: Token) -> bool:
        """An event noun that a negated evidence noun, a denial or an exclusion governs:
        "there was no sign of fighting", "dismissed reports of clashes", "denied any
        shelling", "denied carrying out strikes", "ruled out talks". Denying a request
        ("dismissed an appeal") does not unsay it, nor does "denied responsibility for
        the attack" deny the attack."""
        node, reported = token, False
        for _ in range(4):
            head = node.head
            if node.dep_ in ("dobj", "xcomp", "pcomp"):
                if _phrasal(head) in self.exclusion_verbs:
                    return True
                if head.lemma_.lower() in self.denial_verbs:
                    return reported or node.tag_ == "VBG" or _any(node)
            if node.dep_ == "dobj" and head.lemma_.lower() in self.light_verbs:
                node = head  # "denied carrying out strikes"
                continue
            if node.dep_ != "pobj" or head.lower_ != "of":
                return False
            noun = head.head
            if noun.lemma_.lower() not in self.evidence_nouns:
                return False
            if _negated(noun) or _negated(clause_verb(noun)):
                return True
            node, reported = noun, True
        return False

    def _possible(self, token: Token) -> bool:
        """An event noun named as a possibility: "imminent fighting", "a possible
        attack", "the threat of war", "plans for an offensive"."""
        if any(
            c.dep_ in ("amod", "advmod", "compound") and c.lower_ in self.possibility_modifiers
            for c in children(token)
        ):
            return True
        return (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "for")
            and token.head.head.lemma_.lower() in self.possibility_heads
        )

    def _in_series(self, token: Token) -> bool:
        """An event noun that names a series or a trend ("a string of kidnappings", "a
        rise in attacks") or is ranked in one ("the kidnapping is the third in the area
        this month")."""
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("of", "in")
            and token.head.head.lemma_.lower() in self.series_heads
        ):
            return True
        return self._ranked(token)

    def _ranked(self, token: Token) -> bool:
        """ "The kidnapping is the third in the area this month", "it was the latest raid
        in a string of raids": an event that a copula ranks in a series counted over a
        time, a place or a series. "The second deadliest" is a record, not a series."""
        copula = token.head
        if copula.lemma_.lower() not in self.series_verbs or copula.i == token.i:
            return False
        if token.dep_ in ("nsubj", "nsubjpass"):
            subject = token
            ranked = [c for c in children(copula) if c.dep_ in ("attr", "dobj", "oprd", "acomp")]
        elif token.dep_ in ("attr", "dobj", "oprd", "acomp"):
            subject = next((c for c in children(copula) if c.dep_ == "nsubj"), None)
            ranked = [token]
        else:
            return False
        outside = {t.i for t in subtree(subject)} if subject is not None else set()
        scope = [t for t in subtree(copula) if t.i not in outside]
        for word in ranked:
            rank = word if self._is_rank(word) else next(
                (c for c in children(word) if c.dep_ in ("amod", "advmod", "nummod")
                 and self._is_rank(c)), None,
            )  # fmt: skip
            if rank is None or (rank is not word and word.tag_ == "JJS"):
                continue
            counted = (word.i, copula.i)
            if any(
                t.ent_type_ == "DATE"
                or t.lower_ == "such"
                or (t.dep_ == "prep" and t.lower_ in ("in", "since", "of") and t.head.i in counted)
                for t in scope
            ):
                return True
        return False

    def _is_rank(self, token: Token) -> bool:
        text = token.lower_
        return text in self.series_ranks or (
            text != "1st" and _WRITTEN_RANK.fullmatch(text) is not None
        )

    # -- totals and spans of violence --------------------------------------------------

    def _over_time(self, trigger: Token, verb: Token) -> bool:
        """Violence told over a stretch of time, not as one happening: a span of years
        ("hit by waves of violence for more than two decades", "after years of war"), a
        perfect over a period ("plagued by attacks since 2019", "have been killed this
        year") or a perfect toll that nothing ties to one happening (`_untied_toll`)."""
        if self._of_years(trigger) or (
            trigger.lemma_.lower() in self.conflict_nouns and _opens_a_period(trigger)
        ):
            return True
        modifiers = [m for m in _clause_modifiers(trigger, verb) if not _holds(m, trigger)]
        if verb.lemma_.lower() not in self.term_verbs and any(
            self._span(m, verb) for m in modifiers
        ):
            return True
        if not _perfect(verb):
            return False
        if any(_opens_since(m) for m in modifiers):
            return True
        times = self._clause_times(verb)
        if times:
            return not all(_one_day(t) for t in times)  # "this year", "in the past week"
        # a toll is told of its whole clause: "killed in Monday's attack" ties the attack
        return self._untied_toll(verb, _clause_modifiers(verb, verb))

    def _of_years(self, token: Token) -> bool:
        """ "after years of war", "two decades of conflict": a span, not a happening."""
        return (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.lemma_.lower() in self.duration_units
        )

    def _span(self, modifier: Token, verb: Token) -> bool:
        """A phrase that stretches the act over years: "for decades", "for more than two
        decades", "over the past three years", "in recent years". Not "in years" or, in
        a clause with a superlative, "in recent years": "the deadliest attack in recent
        years" ranks one attack among those of the years."""
        if modifier.dep_ != "prep" or modifier.lower_ not in self.span_preps:
            return False
        for unit in (c for c in children(modifier) if c.dep_ == "pobj"):
            if unit.lemma_.lower() not in self.duration_units:
                continue
            if modifier.lower_ in ("for", "throughout") or (
                any(c.lower_ in self.period_modifiers for c in children(unit)) and not _ranked(verb)
            ):
                return True
        return False

    def _clause_times(self, verb: Token) -> list[Span]:
        """The time phrases (days, hours, periods) that tell the time of the verb or of
        a verb coordinated with it."""
        words = {verb.i, *(c.i for c in _conjoined(verb))}
        return [
            phrase
            for phrase in time_phrases(sentence_of(verb), ("DATE", "TIME"))
            if any(g.i in words for g in time_governors(phrase, self.means_preps))
        ]

    def _untied_toll(self, verb: Token, modifiers: list[Token]) -> bool:
        """A present-perfect toll with no time, tied to no one happening: "More than 250
        people have been killed, according to government figures", "the war has killed
        30,000". An event noun ("killed in the blast"), a clause telling the act ("have
        been killed after gunmen opened fire") or a named doer ("gunmen have killed 12
        villagers") makes it one happening, unless the victims are counted in thousands
        or the source is a tally."""
        if verb.lemma_.lower() not in self.toll_verbs or not _present_perfect(verb):
            return False
        many = self._many_victims(verb)
        if self._tied_to_incident(verb, modifiers, many):
            return False
        causes = _causes(verb, modifiers, self.means_preps)
        if any(c.lemma_.lower() in self.conflict_nouns for c in causes):
            return True
        doers = [
            c for c in causes
            if (c.dep_ == "nsubj" or c.head.dep_ == "agent")
            and c.lemma_.lower() not in self.event_nouns() | self.weapon_words
        ]  # fmt: skip
        return many or self._tallied(verb) or not doers

    def _tied_to_incident(self, verb: Token, modifiers: list[Token], many: bool) -> bool:
        """A toll told of one act: by an event noun or a weapon as its cause ("killed in
        the blast", "a car bomb has killed"), a place that is not counted in hundreds
        ("killed in Mogadishu"), or by a clause telling the act ("after gunmen opened
        fire"). Plural events with victims in thousands ("hundreds have
        been killed in attacks") are many acts."""
        places = [
            o
            for prep in children(verb)
            if prep.dep_ == "prep" and prep.lower_ in self.place_preps
            for o in children(prep)
            if o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC", "FAC"))
        ]
        if places and not many:
            return True  # "Twelve people have been killed in Mogadishu": one place
        for cause in _causes(verb, modifiers, self.means_preps):
            lemma = cause.lemma_.lower()
            if lemma in self.conflict_nouns or cause.pos_ == "PROPN" or cause.ent_type_:
                continue
            told = lemma in self.event_nouns() or lemma in self.weapon_words
            if told and not (many and cause.tag_ == "NNS"):
                return True
        return any(
            m.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in self.act_marks for c in children(m))
            for m in modifiers
        )

    def _many_victims(self, verb: Token) -> bool:
        """Victims counted in hundreds or thousands ("thousands of civilians", "more
        than 30,000 Palestinians"): no single attack's toll."""
        for victims in (c for c in children(verb) if c.dep_ in ("nsubjpass", "dobj")):
            counts = [victims, *(c for c in children(victims) if c.dep_ in ("nummod", "quantmod"))]
            if any(c.lower_ in self.aggregate_counts or _number(c) >= 1000 for c in counts):
                return True
        return False

    def _tallied(self, verb: Token) -> bool:
        """ "according to government figures", "UN data show": the count is a tally."""
        return any(
            t.lemma_.lower() in self.tally_words
            and any(a.lower_ == "according" for a in t.ancestors)
            for t in subtree(verb)
        )

    @staticmethod
    @cache
    def event_nouns() -> frozenset[str]:
        """The nouns the trigger lexicon (`patterns/event_triggers.tsv`) names acts with:
        a toll whose cause is one of them ("killed in the blast") is one happening."""
        path = resource_path("patterns/event_triggers.tsv")
        rows = read_tsv(path, ("lemma", "pos"))
        return frozenset(row["lemma"].lower().split()[-1] for _, row in rows
                         if row["pos"] == "NOUN")  # fmt: skip

    # -- slogans and demands -------------------------------------------------------------

    def _demanded_stop(self, token: Token) -> bool:
        """An act named as what a slogan or a demand wants stopped: "placards reading
        'Stop the killing'", "'End the war now,' the crowd chanted", "calls to halt the
        bombing", "demanded an end to the shelling". An act someone stopped ("the army
        stopped the attack") or failed to stop happened."""
        stop = self._stopping(token)
        return stop is not None and (_imperative(stop) or self._demanded(stop))

    def _stopping(self, token: Token) -> Token | None:
        """The word of stopping whose object the act is ("stop the killing", "an end to
        the war", "halt the bombing and the shelling")."""
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        head = node.head
        if (
            node.dep_ in ("dobj", "xcomp")
            and head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in self.cessation_words
        ):
            return head
        if (
            node.dep_ == "pobj"
            and head.lower_ in ("to", "of")
            and head.head.pos_ in _NOUNS
            and head.head.lemma_.lower() in self.cessation_words
        ):
            return head.head
        return None

    def _demanded(self, stop: Token) -> bool:
        """A stopping that is demanded: an infinitive after a demand ("calls to halt",
        "urged Israel to stop") or a noun it governs ("demanded an end to", "calls for a
        halt to")."""
        if stop.pos_ in ("VERB", "AUX"):
            to = next((c for c in children(stop) if c.dep_ == "aux" and c.lower_ == "to"), None)
            if to is None:
                return False
            before = stop.doc[to.i - 1] if to.i else None
            return stop.head.lemma_.lower() in self.demand_words or (
                before is not None and before.lemma_.lower() in self.demand_words
            )
        node = stop
        for _ in range(2):  # "demanded an end to", "calls for an end to"
            if node.dep_ not in ("dobj", "pobj", "prep", "nsubj", "nsubjpass"):
                return False
            node = node.head
            if node.lemma_.lower() in self.demand_words:
                return True
        return False

    def is_ultimatum(self, verb: Token) -> bool:
        """A clause on a condition that the other side must meet: "unless the ban is
        lifted", "if it does not pay its debts"."""
        for clause in (c for c in children(verb) if c.dep_ == "advcl"):
            marks = {c.lower_ for c in children(clause) if c.dep_ == "mark"}
            if marks & self.ultimatum_marks or ("if" in marks and _negated(clause)):
                return True
        return False

    def _unstopped(self, verb: Token) -> bool:
        """A stopping denied tells the act went on: "the shooting never stopped", "the
        fighting did not end"."""
        return verb.lemma_.lower() in self.cessation_words

    def _generic(self, token: Token) -> bool:
        """Habitual ("almost daily attacks", "repeatedly targeted"), told of earlier
        unnamed times ("has been targeted before") or counted by the dozen ("more than
        150 attacks", "dozens of raids"); totals over a period are `_over_time`'s."""
        return (
            any(
                c.dep_ in ("amod", "advmod", "npadvmod", "compound")
                and c.lower_ in self.generic_modifiers
                for c in children(token)
            )
            or self._counted_many(token)
            or any(  # "has been targeted before", not "two days before"
                c.dep_ == "advmod" and c.lower_ in self.repeat_adverbs and not any(children(c))
                for c in children(token)
            )
        )

    def _counted_many(self, token: Token) -> bool:
        """A plural act noun counted as a campaign: a number of at least
        `series_min_count` on it, or "dozens of"/"hundreds of" above it; not when its
        clause names a day ("launched 12 air strikes on Idlib on Sunday" is one day's
        bombardment)."""
        if token.pos_ != "NOUN" or token.tag_ != "NNS" or _on_a_day(clause_verb(token)):
            return False
        if any(c.dep_ == "nummod" and _number(c) >= self.series_min_count for c in children(token)):
            return True
        return (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.lower_ in self.series_counts
        )


def _on_a_day(verb: Token) -> bool:
    """The clause names a day: a weekday or "yesterday", "overnight" (time.toml)."""
    grammar = TimeGrammar.packaged()
    return any(t.lower_ in grammar.weekdays or t.lower_ in grammar.day_words for t in subtree(verb))


def clause_verb(token: Token) -> Token:
    """The verb (or auxiliary) of the clause a noun or adjective trigger sits in."""
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.dep_ not in _NOMINAL_DEPS:
            return node
        node = node.head
    return node


def _ranked(verb: Token) -> bool:
    """A superlative in the clause ("the deadliest attack in recent years")."""
    return any(t.tag_ in ("JJS", "RBS") for t in subtree(verb))


def _perfect(verb: Token) -> bool:
    """A perfect ("have been killed", "has fought", "had plagued"); a verb coordinated
    without an auxiliary of its own shares its head's ("have been killed and 60,000
    displaced")."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(verb)):
        return True
    return verb.dep_ == "conj" and not _has_aux(verb) and _perfect(verb.head)


def _present_perfect(verb: Token) -> bool:
    """ "have been killed", "has killed"; not "had been killed", which backshifts one
    act in a narrative."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
           for c in children(verb)):  # fmt: skip
        return True
    return verb.dep_ == "conj" and not _has_aux(verb) and _present_perfect(verb.head)


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in children(verb))


def _conjoined(verb: Token) -> list[Token]:
    """The participles that share this verb's perfect ("have been killed and 60,000
    displaced since ..."): what modifies them modifies the whole. A verb of its own
    ("seized the town and held it for a year") keeps its modifiers."""
    if not _perfect(verb):
        return []
    return [
        c for c in children(verb)
        if c.dep_ == "conj" and c.tag_ == "VBN" and not _has_aux(c)
    ]  # fmt: skip


def _clause_modifiers(trigger: Token, verb: Token) -> list[Token]:
    """The words that modify the trigger, its clause's verb or a verb coordinated with
    it: where a "since", a "for decades" or an event noun that causes the act stand."""
    words = [verb, *_conjoined(verb)]
    if trigger.i != verb.i:
        words.append(trigger)
    return [c for word in words for c in children(word)]


def _holds(modifier: Token, trigger: Token) -> bool:
    """The trigger lies inside the modifier: in "have held the town since Saturday's
    attack", the attack is where the span starts, not a span of its own."""
    return modifier.left_edge.i <= trigger.i <= modifier.right_edge.i


def _opens_since(modifier: Token) -> bool:
    """ "since 2019", "since the fighting began": a period up to now."""
    if modifier.lower_ == "since":
        return True
    return modifier.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "since" for c in children(modifier)
    )


def _opens_a_period(noun: Token) -> bool:
    """A noun that starts a period running up to now: "since the fighting began",
    "since the start of the war". With a conflict noun, the whole conflict is meant."""
    node = noun
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ == "pobj" and head.lower_ == "since":
            return True
        if head.pos_ in ("VERB", "AUX"):
            return node.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "mark" and c.lower_ == "since" for c in children(head)
            )
        node = head
    return False


def _one_day(phrase: Span) -> bool:
    """A time of one day or less ("on Monday", "overnight", "this morning"); "this
    year", "in the past week" or "more than two decades" are periods."""
    if phrase.label_ == "TIME":
        return True
    grammar = TimeGrammar.packaged()
    reading = grammar.read(phrase.text)
    resolved = grammar.resolve(reading, date(2000, 1, 1), "past") if reading else None
    return resolved is not None and resolved[1] == "day"


def _causes(verb: Token, modifiers: list[Token], means_preps: Iterable[str]) -> list[Token]:
    """What does a toll verb's act: its active subject, its "by" agent, or the noun of a
    means phrase ("killed in the blast", "killed by a roadside bomb")."""
    causes = [c for c in children(verb) if c.dep_ == "nsubj"]
    for modifier in modifiers:
        if modifier.dep_ == "agent" or (modifier.dep_ == "prep" and modifier.lower_ in means_preps):
            objects = [c for c in children(modifier) if c.dep_ == "pobj"]
            causes += objects + [c for o in objects for c in children(o) if c.dep_ == "conj"]
    return causes


def _number(token: Token) -> float:
    """The value of a written number ("30,000"), 0 for words and anything else."""
    text = token.text.replace(",", "")
    try:
        return float(text) if token.like_num else 0.0
    except ValueError:
        return 0.0


def _imperative(verb: Token) -> bool:
    """A command: a bare verb with no subject and no auxiliary that opens its sentence
    or a quotation ("Stop the killing", '"End the war now," the crowd chanted')."""
    if verb.tag_ != "VB" or any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in children(verb)
    ):
        return False
    if verb.i == sentence_of(verb).start:
        return True
    before = verb.doc[verb.i - 1]
    return before.is_quote or before.text in (":", "\u2014", "\u2013")


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in children(token)):
        return True
    # "no attacks were reported", "without agreement"
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "no" for c in children(token)
    )


def _either(*flags: Modality) -> Modality:
    """Every flag any of them has."""
    return Modality(*(any(getattr(m, f.name) for m in flags) for f in fields(Modality)))


def _phrasal(verb: Token) -> str:
    """The verb's lemma with its particle: "ruled out" -> "rule out"."""
    particle = next((c.lower_ for c in children(verb) if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _any(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "any" for c in children(noun))


def _prepositional(phrase: Span) -> bool:
    root = phrase.root
    return root.dep_ == "pobj" and root.head.pos_ == "ADP" and root.head.i < phrase.start


def relative_antecedents(trigger: Token) -> list[Token]:
    """The nouns a relative clause or participle hangs on. In "the victims of a bombing
    ten years ago that killed 45" the parse may hang "killed" on "victims"; the clause
    belongs to the nouns on the path from the word before it up to that head, and those
    nouns lend it their time and flags."""
    head = trigger.head
    if trigger.dep_ not in ("relcl", "acl") or head.i >= trigger.i:
        return []
    node = trigger.doc[trigger.left_edge.i - 1]
    path: list[Token] = []
    for _ in range(10):
        if node.pos_ in _NOUNS and node.ent_type_ != "DATE":
            path.append(node)
        if node.i == head.i:
            return path
        if node.head.i == node.i or node.i < head.i:
            break
        node = node.head
    return [head]


def time_phrases(sentence: Span, labels: tuple[str, ...] = ("DATE",)) -> list[Span]:
    """The sentence's DATE entities (or those of other `labels`), and "... ago" phrases
    the tagger missed."""
    phrases = [e for e in entities_in(sentence) if e.label_ in labels]
    if "ago" not in doc_text(sentence.doc)[sentence.start_char : sentence.end_char].lower():
        return phrases
    covered = {i for e in phrases for i in range(e.start, e.end)}
    for token in span_tokens(sentence):
        if token.lower_ == "ago" and token.i not in covered:
            phrases.append(token.doc[token.left_edge.i : token.i + 1])
    return phrases


def time_governors(phrase: Span, means_preps: Iterable[str]) -> list[Token]:
    """The word whose time a phrase tells: the first word above it outside the phrase
    and its preposition ("on Friday" -> "gathered", "the 2014 bombing" -> "bombing",
    "a bombing ten years ago" -> "bombing"). A noun that is the means of its verb
    ("killed in an attack in 2014") tells the verb's time too."""
    node = phrase.root
    while node.head.i != node.i:
        node = node.head
        if phrase.start <= node.i < phrase.end or node.pos_ == "ADP":
            continue
        governors = [node]
        means = node.head
        if (
            node.pos_ in _NOUNS
            and node.dep_ == "pobj"
            and means.lower_ in means_preps
            and means.head.pos_ in ("VERB", "AUX")
        ):
            governors.append(means.head)
        return governors
    return []
