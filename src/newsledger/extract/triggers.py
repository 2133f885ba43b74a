"""The trigger lexicon: which words report an event, and with which PLOVER type, mode
and CAMEO code (`resources/patterns/event_triggers.tsv`).

A row may need its word to govern another ("fire" + "gas" is crowd control) or pass
the sense tests of its `with` column (senses.py: "shoot videos" shoots no one). The
lexicon is read once per process; `trigger_entry` picks the row that fits a token in
its sentence, `act_type` the type it would code to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from newsledger.data import read_tsv, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.actors import ActorCoder
from newsledger.extract.ontology import PLOVER_TYPES, Ontology
from newsledger.extract.senses import Condition, TriggerSenses, tells_time
from newsledger.nlp import children, sentence_of, token_words, tokens

TRIGGER_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
_ADJ_DEPS = {"acomp", "ROOT", "ccomp", "conj", "xcomp", "advcl", "oprd"}
# Entities that are never a trigger nor a participant: "March" the month, "Strike Day"
NOT_PARTICIPANTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


@dataclass(frozen=True)
class Trigger:
    """One row of `event_triggers.tsv`. `governs` holds the row's plain words (the
    trigger must govern one; they also name its instruments, see `instrument_words`);
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
            words = token_words(token.doc)
            before = self.words[:-1]
            if tuple(words.lemma[start : token.i]) != before and (
                tuple(words.lower[start : token.i]) != before
            ):
                return False
        if not (self.specific or self.excludes):
            return True
        tested = _Tested.of(token)
        if any(tested.holds(test, around=True) for test in self.excludes):
            return False  # "killed off", "shoot videos", "in charge of"
        if not self.specific:
            return True
        return self._governs_word(tested.governed) or any(
            tested.holds(test, around=False) for test in self.requires
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


class _Tested:
    """The sense tests already run on one trigger word. The rows of a word share their
    tests ("!@sport" rules out many), and each test looks at the same words around
    it, so both are worked out once per word of the article."""

    def __init__(self, token: Token) -> None:
        self.token = token
        self.governed = [t for t in governed_words(token) if not tells_time(t)]
        self._around: list[Token] | None = None
        self._done_to: list[Token] | None = None
        self._results: dict[tuple[int, bool], bool] = {}

    @classmethod
    def of(cls, token: Token) -> _Tested:
        known = token.doc.user_data.setdefault("newsledger_trigger_tests", {})
        found = known.get(token.i)
        if found is None:
            found = known[token.i] = cls(token)
        return found

    def holds(self, test: Condition, around: bool) -> bool:
        """`test` on what a ! test looks at (`around`) or on what the act is done to."""
        key = (id(test), around)  # the lexicon keeps its tests for the process's life
        found = self._results.get(key)
        if found is None:
            found = self._results[key] = test.holds(self.token, self._words(around))
        return found

    def _words(self, around: bool) -> list[Token]:
        senses = TriggerSenses.packaged()
        if around:
            if self._around is None:
                self._around = senses.around(self.token, self.governed)
            return self._around
        if self._done_to is None:
            self._done_to = senses.done_to(self.token, self.governed)
        return self._done_to


def governed_words(token: Token) -> Iterator[Token]:
    """The trigger's dependents, seeing through measures: in "delivered 200 tonnes of
    food aid" the trigger governs the aid."""
    for child in children(token):
        yield child
        if child.dep_ in ("dobj", "nsubjpass", "pobj") or child.pos_ == "NOUN":
            for of in (c for c in children(child) if c.dep_ == "prep" and c.lower_ == "of"):
                yield from (c for c in children(of) if c.dep_ == "pobj")


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


@cache
def _listed_words() -> frozenset[str]:
    """The words the lexicon's keys are filed under (a phrase's last word)."""
    return frozenset(word for word, _ in trigger_lexicon())


def listed_tokens(sentence: Span) -> list[Token]:
    """The sentence's words that have rows in the lexicon, by lemma or form: most words
    have none, and one lookup rules them out before `trigger_entry`'s tests."""
    words, listed = token_words(sentence.doc), _listed_words()
    return [
        tokens(sentence.doc)[i] for i in range(sentence.start, sentence.end)
        if words.lemma[i] in listed or words.lower[i] in listed
    ]  # fmt: skip


def trigger_entry(token: Token, senses: TriggerSenses) -> Trigger | None:
    """The lexicon row that fits `token` in its sentence, if the word can be a trigger."""
    words = token_words(token.doc)
    pos = TRIGGER_POS.get(words.pos[token.i])
    if pos is None:
        return None
    lexicon = trigger_lexicon()
    keys = [k for k in ((words.lemma[token.i], pos), (words.lower[token.i], pos)) if k in lexicon]
    if not keys:
        return None  # most words: no row to test, so none of the tests below
    if token.ent_type_ in NOT_PARTICIPANTS:
        return None  # "March" the month, "Strike Day" the date
    if pos is None or token.dep_ in ("compound", "amod") and pos != "ADJ":
        return None  # "attack helicopter", "striking teachers": the head word decides
    if pos == "ADJ" and token.dep_ not in _ADJ_DEPS:
        return None
    if pos == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN" and not _main_verb(token):
        return None  # "troops stationed in Iraq", "strikes ordered by X": description
    if senses.describes_state(token):
        return None  # "were stationed in Jordan at the time": where troops are
    for key in keys:
        entry = next((t for t in lexicon.get(key, ()) if t.fits(token)), None)
        if entry is not None:
            return entry
    return None


def _main_verb(participle: Token) -> bool:
    """A past tense the parser hung on the sentence's only noun as a participle: "A bomb
    killed at least 10 people" (a participle takes no direct object)."""
    return participle.head.dep_ == "ROOT" and any(c.dep_ == "dobj" for c in children(participle))


def act_type(token: Token) -> str | None:
    """The event type the lexicon gives a noun or verb here, as `_triggers` reads it."""
    pos = TRIGGER_POS.get(token.pos_)
    lexicon = trigger_lexicon()
    for key in ((token.lemma_.lower(), pos), (token.lower_, pos)):
        entry = next((t for t in lexicon.get(key, ()) if t.fits(token)), None)
        if entry is not None:
            return entry.type
    return None


def is_event_word(token: Token) -> bool:
    """A noun the lexicon lists as naming an act ("strike", "blast", "raid"; a gerund
    by its own form: "fighting")."""
    lexicon = trigger_lexicon()
    return (token.lemma_.lower(), "NOUN") in lexicon or (token.lower_, "NOUN") in lexicon


def instrument_words(trigger: Token) -> tuple[frozenset[str], frozenset[str]]:
    """The governed words of the trigger's rows, (of material acts, of verbal acts): the
    instruments it is done with ("fired tear gas", "imposed sanctions", "sent troops",
    "issued a reminder"), which are never its recipient. A verbal act's people are whom
    it is aimed at instead ("summoned Mali's ambassador", see arguments.py), and an
    assault's words name its targets ("struck a convoy"; its weapons are
    `weapon_words`)."""
    material = Ontology.packaged().material
    done: set[str] = set()
    verbal: set[str] = set()
    for entry in trigger_lexicon().get(
        (trigger.lemma_.lower(), TRIGGER_POS.get(trigger.pos_, "")), ()
    ):
        if entry.type == "ASSAULT":
            continue
        words = set(entry.governs)
        for test in entry.requires:  # "shared @information", "handed over @relief"
            if test.kind == "class" and not test.role:
                words |= test.words
        (done if entry.type in material else verbal).update(words)
    return frozenset(done), frozenset(verbal)
