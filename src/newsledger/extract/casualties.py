"""Casualty counts: how many people a sentence reports killed or injured, and who they were.

A number counts casualties only when the parse ties it to a harm word: the object of
"killed", the subject of "were wounded" or "died", the modifier of "deaths", the figure a
death toll "rose to". So "2,500 troops", "in 1988" or "$12 million" in the same sentence
are never read as a count. The victims may stand outside the harm word's clause: the
noun a relative clause hangs on, also through a saying ("named 11 fighters they said
were killed"), or the dead counted as remains ("the bodies of seven miners", "23
bodies"; not "two UN bodies"). A fact box line ("Casualties: 30-31 killed, 70 injured")
is read without the parse and marked `infobox`. Word lists live in
`resources/patterns/casualties.toml`.

Bounds, as `parse_number` gives them (min, max; None is unknown):
- "16", "three", "1,200", "a dozen", "two dozen" -> exact; "a soldier" -> 1; "no one" -> 0.
- "at least N" -> (N, None); "more than N", "over N" -> (N + 1, None).
- "up to N", "as many as N" -> (None, N); "nearly N", "almost N", "fewer than N" -> (None, N - 1).
- "about N", "some N", "an estimated N" -> (N, N): approximate, the qualifier kept in `text`.
- "between A and B", "A to B", "A or B" -> (A, B).
- "dozens" -> (24, None), "scores" -> (40, None), "hundreds" -> (200, None): at least two
  of the unit; "several" -> (3, None); "a few" -> (2, None). "many" is no count.
One figure told for both harms ("20 people were killed or wounded", "five casualties")
bounds each harm from above only: a killed and an injured entry, each (None, N); a zero
stays (0, 0) for both.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.attrs import LIKE_NUM, TAG
from spacy.tokens import Doc, Span, Token

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.model import Count
from newsledger.nlp import children, doc_text, entities, sentence_of, subtree, token_words, tokens

KILLED, INJURED = "killed", "injured"
_EITHER = "either"  # one figure for both harms: "casualties", "killed or wounded"
_HARMS = (KILLED, INJURED, _EITHER)
_PARTS = ("verbs", "intransitive", "nouns", "adjectives")
_PARTS_OF = {"VERB": ("verbs", "intransitive"), "ADJ": ("adjectives",)}  # else nouns
_HARM_POS = frozenset({"VERB", "ADJ", "NOUN", "PROPN"})  # the tags a harm word can carry
_RULES = ("at_least", "more_than", "up_to", "fewer_than", "approximate")
_RESOURCE = "patterns/casualties.toml"
# What hangs after a number is not part of it: "three of them", "12, including ...".
_CUT = {"prep", "relcl", "acl", "appos", "advcl"}
_NOT_COUNTS = {"MONEY", "PERCENT", "ORDINAL", "TIME"}
_PLACES_AND_TIMES = {"GPE", "LOC", "FAC", "DATE", "TIME"}
_DIGITS = re.compile(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?")
Bounds = tuple[int | None, int | None]
_UNREAD = object()  # a phrase `bounds` has not read yet
_KNOWN_BOUNDS = 1 << 16  # phrases `bounds` remembers before it starts again


@dataclass(frozen=True)
class Casualty:
    """One count of people killed or injured, with the tokens that say so."""

    kind: str  # "killed" or "injured"
    count: Count
    start: int  # character offsets of the whole phrase: "at least 16 Iraqis were killed"
    end: int
    trigger: int  # token index of the harm word ("killed", "dead", "injuries", "toll")
    victims: int | None  # token index of the victims' head noun ("Iraqis"), if named
    # from a fact box line ("Casualties: 30-31 killed"), which tells the toll of the
    # article's main happening rather than of an act in its own sentence
    infobox: bool = False


@dataclass(frozen=True)
class _Reading:
    kind: str
    trigger: Token
    number: Span
    bounds: Bounds
    victims: Token | None
    extra: tuple[Token, ...] = ()  # more words of the phrase: "lives" in "lost their lives"


class _Lexicon:
    """The word lists of `casualties.toml`, checked when loaded."""

    def __init__(self, table: dict[str, Any]) -> None:
        try:
            self.harm = {k: {p: frozenset(table[k][p]) for p in _PARTS} for k in _HARMS}
            words = table["words"]
            self.victim_nouns = frozenset(words["victim_nouns"])
            self.toll_nouns = frozenset(words["toll_nouns"])
            self.default_toll = frozenset(words["default_toll"])
            self.loses_life = frozenset(words["subject_loses_life"])
            self.takes_life = frozenset(words["verb_takes_life"])
            self.life_verbs = self.loses_life | self.takes_life
            self.collective = frozenset(words["collective_nouns"])
            self.figurative = frozenset(words["figurative_verbs"])
            self.causes = frozenset(words["cause_prepositions"])
            self.added = frozenset(words["added_words"])
            self.remains = frozenset(words["remains_nouns"])
            self.remains_modifiers = frozenset(words["remains_modifiers"])
            self.max_count = int(table["max_count"])
            self.numbers: dict[str, int] = dict(table["numbers"])
            self.multipliers: dict[str, int] = dict(table["multipliers"])
            self.vague: dict[str, int] = dict(table["vague"])
            self.quantities: dict[str, Bounds] = {
                phrase: (b.get("min"), b.get("max")) for phrase, b in table["quantities"].items()
            }
            qualifiers = table["qualifiers"]
            self.range_openers = tuple(qualifiers["range_openers"])
            pairs = [(phrase, rule) for rule in _RULES for phrase in qualifiers[rule]]
            infobox = table["infobox"]
            self.box_labels: dict[str, str] = dict(infobox["labels"])
            self.box_other = frozenset(infobox["other_outcomes"])
        except (KeyError, TypeError, AttributeError) as exc:
            path = resource_path(_RESOURCE)
            raise ResourceError(
                f"{path}: missing or malformed entry {exc} (every section of the packaged "
                "file is required)"
            ) from exc
        for phrase, (low, high) in self.quantities.items():
            if low is not None and high is not None and low > high:
                raise ResourceError(
                    f"{resource_path(_RESOURCE)}: [quantities] {phrase!r}: min > max"
                )
        # a fact box field: a listed label and a colon, then the rest of the line
        labels = "|".join(re.escape(w) for w in sorted(self.box_labels, key=len, reverse=True))
        # the lookahead of the labels' first letters lets the search skip ahead cheaply
        firsts = "".join(sorted({re.escape(w[0]) for w in self.box_labels if w}))
        self.box_field = re.compile(
            rf"(?<!\S)(?=[{firsts}])(?P<label>{labels})\s*:[ \t]*(?P<items>[^\n]*)",
            re.IGNORECASE,
        )
        bad = [label for label, kind in self.box_labels.items() if kind not in _HARMS]
        if bad:
            raise ResourceError(
                f"{resource_path(_RESOURCE)}: [infobox] labels {', '.join(bad)}: the harm "
                f"must be one of {', '.join(_HARMS)}"
            )
        # Longest first, so "more than" is tried before "more" and "at about" before "about".
        self.qualifiers = sorted(pairs, key=lambda pair: -len(pair[0]))
        self.qualifier_phrases = frozenset(phrase for phrase, _ in self.qualifiers)
        self._known_bounds: dict[str, Bounds | None] = {}
        self.heads = {*self.numbers, *self.multipliers, *self.vague}
        self.heads |= {phrase.split()[-1] for phrase in self.quantities}
        # every lemma or form `_readings` can start from: any other word yields nothing
        self.trigger_words = self.toll_nouns | self.life_verbs
        self.trigger_words = self.trigger_words.union(
            *(words for parts in self.harm.values() for words in parts.values())
        )

    @classmethod
    @cache
    def packaged(cls) -> _Lexicon:
        return cls(load_toml(_RESOURCE))

    def harm_of(self, token: Token, parts: tuple[str, ...] = _PARTS) -> str | None:
        """The first kind of harm (in `_HARMS` order) whose words of these parts of
        speech hold the token's lemma or its form."""
        lemma, form = token.lemma_.lower(), token.lower_
        for kind in _HARMS:
            for part in parts:
                words = self.harm[kind][part]
                if lemma in words or form in words:
                    return kind
        return None

    def harm_of_word(self, word: str) -> str | None:
        """The harm a written word names, as `harm_of` without a parse: "killed",
        "deaths", "injuries"; plurals are read back to the listed singular."""
        word = word.lower()
        forms = {word, word.removesuffix("s"), word.removesuffix("es")}
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        for kind in _HARMS:
            if any(forms & self.harm[kind][part] for part in _PARTS):
                return kind
        return None

    def is_quantity(self, token: Token) -> bool:
        """A number (`like_num`, tagged CD) or a word of `heads` ("dozens")."""
        return self.quantities_of(token.doc)[token.i]

    def quantities_of(self, doc: Doc) -> list[bool]:
        """Whether each token of the doc is a quantity, read once per doc: claims ask
        about every token, and the casualty rules about the same ones many times."""
        found = doc.user_data.get("newsledger_quantities")
        if found is None or found[0] is not self:
            # every token's `like_num` and `tag` (the hash of `tag_`) as one array: no
            # Token or tag string is built per token
            table = doc.to_array([LIKE_NUM, TAG]).reshape(-1, 2)
            numeric = ((table[:, 0] != 0) | (table[:, 1] == doc.vocab.strings["CD"])).tolist()
            lower = token_words(doc).lower
            flags = [n or word in self.heads for n, word in zip(numeric, lower, strict=True)]
            found = doc.user_data["newsledger_quantities"] = (self, flags)
        return found[1]

    def bounds(self, words: str) -> Bounds | None:
        """`_bounds`, remembered: the same few phrases ("three", "at least 16") come
        back in every article."""
        found = self._known_bounds.get(words, _UNREAD)
        if found is _UNREAD:
            if len(self._known_bounds) >= _KNOWN_BOUNDS:
                self._known_bounds.clear()
            found = self._known_bounds[words] = self._bounds(words)
        return found  # type: ignore[return-value]

    def _bounds(self, words: str) -> Bounds | None:
        text = " ".join(words.lower().replace("\u2013", "-").replace("\u2014", "-").split())
        for phrase, rule in self.qualifiers:
            if text.startswith(phrase + " "):
                inner = self.bounds(text[len(phrase) + 1 :])
                return None if inner is None else _qualify(rule, *inner)
        opened = next((o for o in self.range_openers if text.startswith(o + " ")), None)
        if opened:
            text = text[len(opened) + 1 :]
        # "and" splits a range only after "between": "two hundred and fifty" is one number.
        for separator in (" to ", " or ", " and " if opened else None):
            if separator and separator in text:
                low, high = (self.bounds(part) for part in text.split(separator, 1))
                return (low[0], high[1]) if low and high else None
        if match := re.fullmatch(r"([\d,.]+) ?- ?([\d,.]+)", text):
            low, high = self._exact(match[1]), self._exact(match[2])
            return (low, high) if low is not None and high is not None else None
        if text in self.quantities:
            return self.quantities[text]
        units = text.split(" of ")  # "tens of thousands": at least 2 x 10 x 1000
        if all(unit in self.vague for unit in units):
            product = 2
            for unit in units:
                product *= self.vague[unit]
            return (product, None)
        value = self._exact(text)
        return None if value is None else (value, value)

    def _exact(self, text: str) -> int | None:
        """A number written in digits or words: "1,200", "1.5 million", "two hundred and fifty"."""
        total, current, seen = 0.0, 0.0, False
        for index, word in enumerate(re.split(r"[\s-]+", text)):
            if word == "and" and seen:
                continue
            if word in ("a", "an") and index == 0:  # "a dozen", "a hundred"
                current = 1
                continue
            if _DIGITS.fullmatch(word):
                current += float(word.replace(",", ""))
            elif word in self.numbers:
                current += self.numbers[word]
            elif word in self.multipliers and self.multipliers[word] >= 1000:
                total, current = total + (current or 1) * self.multipliers[word], 0
            elif word in self.multipliers:
                current = (current or 1) * self.multipliers[word]
            else:
                return None
            seen = True
        value = total + current
        if not seen or not math.isfinite(value):
            return None  # "1e999", 400 digits
        return int(value) if value == int(value) else None

    def toll_bounds(self, words: str) -> Bounds | None:
        """`bounds` of a casualty phrase: a figure over `max_count` is no one event's toll
        ("killed 10,000,000,000,000 people", "1.5 billion"); money and other claims may
        be that large."""
        bounds = self.bounds(words)
        if bounds is None or any(b is not None and b > self.max_count for b in bounds):
            return None
        return bounds


def _qualify(rule: str, low: int | None, high: int | None) -> Bounds:
    if rule == "at_least":
        return (low, None)
    if rule == "more_than":
        return (None if low is None else low + 1, None)
    if rule == "up_to":
        return (None, high)
    if rule == "fewer_than":  # "nearly 30" is fewer than 30
        return (None, None if high is None else max(high - 1, 0))
    return (low, high)  # approximate: the qualifier stays in Count.text


def number_phrase(head: Token) -> Span:
    """The number phrase a quantity word heads, with its qualifier ("more than 2,000",
    "dozens"): what `parse_number` reads."""
    return _number_span(head, _Lexicon.packaged())


def is_quantity(token: Token) -> bool:
    """A number in digits or words, or a word of quantity ("dozens", "several")."""
    return _Lexicon.packaged().is_quantity(token)


def quantities(doc: Doc) -> list[bool]:
    """Whether each token of the doc `is_quantity`, by position (made once per doc)."""
    return _Lexicon.packaged().quantities_of(doc)


def parse_number(words: str) -> Bounds | None:
    """A number phrase as (min, max), or None if it is no count (rules in the module doc)."""
    return _Lexicon.packaged().bounds(words)


def find_casualties(doc: Doc) -> list[Casualty]:
    """Every killed / injured count in the doc, in text order.

    Modality is not judged here ("threatened to kill 100 hostages" is a count): the
    `trigger` token lets the caller read negation and hypotheticals off the clause.
    A fact box line ("Casualties: 30-31 killed, 70 injured") is read by its own rule
    (`_box_casualties`) and marked `infobox`; the parse of such a line is not read.
    """
    lexicon = _Lexicon.packaged()
    boxed, fields = _box_casualties(doc, lexicon)
    words, all_tokens = token_words(doc), tokens(doc)
    candidates = [
        all_tokens[i]
        for i, (lemma, lower) in enumerate(zip(words.lemma, words.lower, strict=True))
        if lemma in lexicon.trigger_words or lower in lexicon.trigger_words
    ]  # no other word is a harm or toll word (`_readings`)
    readings = [
        reading
        for token in candidates
        for reading in _readings(token, lexicon)
        if not any(
            start <= index < end
            for index in (reading.trigger.idx, reading.number.start_char)
            for start, end in fields
        )
    ]
    return sorted(_resolve(readings) + boxed, key=lambda c: (c.start, c.kind != KILLED, c.trigger))


def _readings(token: Token, lexicon: _Lexicon) -> Iterator[_Reading]:
    pos = token.pos_
    if pos not in _HARM_POS:
        return
    lemma = token.lemma_.lower()
    if pos == "NOUN" and lemma in lexicon.toll_nouns:
        yield from _toll(token, lexicon)
        return
    if pos == "VERB" and lemma in lexicon.life_verbs:
        lives = _child(token, "dobj")
        if lives is not None and lives.lemma_.lower() == "life":
            arg = _child(token, "nsubj") if lemma in lexicon.loses_life else _of_object(lives)
            for reading in _counted(KILLED, token, arg, lexicon, singular=True):
                yield replace(reading, extra=(lives,))
        return
    kind = lexicon.harm_of(token, _PARTS_OF.get(pos, ("nouns",)))
    if kind is None:
        return
    # "death toll", "number of dead": the toll reads these; "death sentence" is no count.
    if token.dep_ == "compound" or (token.dep_ == "pobj" and _under_toll(token, lexicon)):
        return
    remains = lemma in lexicon.remains or token.lower_ in lexicon.remains
    if remains and not _remains_of_people(token, lexicon):
        return  # "two UN bodies", "a governing body"
    arg = _argument(token, lexicon)
    if arg is token:  # "16 deaths", "five dead": the harm word carries the number
        victims_ok = lemma in lexicon.victim_nouns
        yield from _counted(kind, token, arg, lexicon, singular=False, victims_ok=victims_ok)
        return
    # Only a number counts what "a dead end" or "hurt a fragile economy" name: the
    # singular reading ("a soldier" = 1) needs a harm word that takes people.
    figurative = lemma in lexicon.figurative and arg is not None and arg.dep_ == "dobj"
    singular = token.dep_ != "amod" and not figurative
    yield from _counted(kind, token, arg, lexicon, singular=singular)


def _argument(trigger: Token, lexicon: _Lexicon, depth: int = 0) -> Token | None:
    """The token that carries the count of those harmed by `trigger` (maybe itself)."""
    if trigger.pos_ != "VERB" and _child(trigger, "nummod") is not None:
        return trigger  # "five dead", "16 deaths", "16 martyrs"
    if trigger.pos_ in ("NOUN", "PROPN"):
        no = any(c.dep_ == "det" and c.lower_ == "no" for c in children(trigger))
        return trigger if no else _of_object(trigger)  # "no casualties", "deaths of 12"
    arg = None
    if trigger.pos_ == "VERB":
        arg = _child(trigger, "nsubjpass") or _child(trigger, "dobj")
        # "12 injured", "five wounded": a participle's subject is the victim, unless it is
        # the perfect of an active verb ("gunmen have killed").
        if arg is None and _subject_is_harmed(trigger, lexicon):
            arg = _child(trigger, "nsubj")
        if arg is None and trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            arg = trigger.head  # "three soldiers killed in the blast"
    elif trigger.dep_ == "amod":
        arg = trigger.head  # "three wounded soldiers"
    if arg is None and trigger.dep_ in ("oprd", "acomp", "xcomp"):
        head = trigger.head  # "left 20 people dead", "were shot dead", "are dead"
        arg = _child(head, "nsubjpass") or _child(head, "dobj")
        if arg is None and head.lemma_ in ("be", "remain", "lie"):
            arg = _child(head, "nsubj")
    if arg is None and depth < 2:
        # "20 people were killed or wounded", "killed and wounded dozens": shared argument
        neighbours = [c for c in children(trigger) if c.dep_ == "conj"]
        neighbours += [trigger.head] if trigger.dep_ == "conj" else []
        for neighbour in neighbours:
            if neighbour.pos_ in ("VERB", "ADJ") and lexicon.harm_of(neighbour):
                arg = _argument(neighbour, lexicon, depth + 1)
                if arg is not None and arg is not neighbour:
                    break
                arg = None
    # "soldiers who were killed", "11 fighters they said were killed", "9 farmers they
    # said were shot dead": the victims are the noun the relative clause hangs on
    clause = trigger.head if trigger.dep_ in ("oprd", "acomp") else trigger
    gap = arg is None and clause.pos_ == "VERB" and _subject_is_harmed(clause, lexicon)
    if gap or (arg is not None and arg.tag_ in ("WP", "WDT")):
        arg = _relative_antecedent(clause)
    return arg


def _subject_is_harmed(verb: Token, lexicon: _Lexicon) -> bool:
    """Whether the verb's subject (or its gap) is the one harmed: "three died", "were
    killed", "shot dead"; not the perfect of an active verb ("gunmen have killed")."""
    if verb.lemma_.lower() in lexicon.harm[KILLED]["intransitive"]:
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(verb))
    passive = any(c.dep_ == "auxpass" for c in children(verb))  # "have been killed"
    return verb.tag_ == "VBN" and (passive or not perfect)


def _relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on, when `verb` is that clause or is told inside
    it through a saying: in "named 11 fighters they said were killed", the gap of
    "were killed" is "fighters" ("said" is the relative clause, "killed" its complement);
    so in "fighters said to have been killed". The antecedent stands in for the victims
    only when the gap is the victims' place (a passive or intransitive harm verb).

    A clause with no relative word follows its antecedent directly ("fighters they
    said"), so the noun just before it is the antecedent, whatever noun further back the
    parser hung the clause on ("officials named 11 fighters they said ...")."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp") or node.head.pos_ not in ("VERB", "AUX"):
            break
        node = node.head
    if node.dep_ != "relcl" and (node is verb or node.dep_ != "acl"):
        return None
    first = node.left_edge
    if node.dep_ == "relcl" and first.i > 0 and first.tag_ not in ("WP", "WDT", "IN"):
        before = node.doc[first.i - 1]
        if before.pos_ in ("NOUN", "PROPN"):
            return before
    return node.head


def _counted(
    kind: str,
    trigger: Token,
    arg: Token | None,
    lexicon: _Lexicon,
    singular: bool,
    victims_ok: bool = True,
) -> Iterator[_Reading]:
    """Readings for `arg` and the nouns joined to it ("three soldiers and two civilians")."""
    if arg is None:
        return
    targets = [arg]
    if arg is not trigger:
        targets += [c for c in arg.conjuncts if c.i > arg.i and c.pos_ in ("NOUN", "PROPN", "NUM")]
        # "killed 20 people in Gaza and three in Lebanon": the parser may join the second
        # count to the verb
        targets += [c for c in children(trigger) if c.dep_ == "conj" and c.pos_ == "NUM"]
    covered: set[int] = set()
    for target in targets:
        found = _count_of(target, lexicon, singular, victims_ok)
        if found is not None and target.i not in covered:  # "fifty" in "one hundred and fifty"
            number, bounds, victims = found
            covered.update(range(number.start, number.end))
            yield _Reading(kind, trigger, number, bounds, victims)


def _count_of(
    arg: Token, lexicon: _Lexicon, singular: bool, victims_ok: bool
) -> tuple[Span, Bounds, Token | None] | None:
    """The number phrase that counts `arg`, its bounds, and the victims' noun.

    `singular` lets "a soldier" and a person's name count as one."""
    doc = arg.doc
    if lexicon.is_quantity(arg):
        number = _number_span(arg, lexicon)
        victims = _of_object(arg)  # "dozens of civilians", "three of the soldiers"
    elif arg.pos_ in ("NOUN", "PROPN", "ADJ"):
        victims = arg
        # "16 Iraqis", and "several people" where the parser makes "several" an adjective
        modifier = next(
            (c for c in children(arg) if c.dep_ in ("nummod", "amod") and lexicon.is_quantity(c)),
            None,
        )
        det = next((c for c in children(arg) if c.dep_ == "det"), None)
        if modifier is not None:
            number = _number_span(modifier, lexicon)
        elif det is not None and det.lower_ == "no":
            number = doc[det.i : det.i + 1]  # "no soldiers were killed"
        elif not singular:
            return None
        elif (
            det is not None
            and det.lower_ in ("a", "an", "another")
            and arg.tag_ in ("NN", "NNP")
            and arg.lemma_.lower() not in lexicon.collective
        ):
            number = doc[det.i : det.i + 1]  # "a senior commander was killed"
        elif arg.pos_ == "PROPN" and arg.ent_type_ == "PERSON":
            name = next(e for e in entities(doc) if e.start <= arg.i < e.end)
            return name, (1, 1), arg  # "Smith was killed": one person, named
        else:
            return None
    else:
        return None
    words = token_words(doc)
    if any(
        words.ent_type[i] in _NOT_COUNTS or words.text[i] in ("$", "%")
        for i in range(number.start, number.end)
    ):
        return None
    bounds = lexicon.toll_bounds(doc_text(doc)[number.start_char : number.end_char])
    if bounds is None:
        return None
    if victims is not None and (not victims_ok or victims.pos_ not in ("NOUN", "PROPN")):
        victims = None
    return number, bounds, victims


def _number_span(head: Token, lexicon: _Lexicon) -> Span:
    """The words of a number: its own modifiers ("at least", "between .. and"), and a
    qualifier the parser hung on the noun instead ("an estimated 30 people")."""
    doc = head.doc
    words, all_tokens, quantity = token_words(doc), tokens(doc), lexicon.quantities_of(doc)
    cut = {t.i for c in children(head) if c.dep_ in _CUT for t in subtree(c)}
    kept = {t.i for t in subtree(head)} - cut
    start = end = head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    while end > head.i and not quantity[end]:
        end -= 1  # "dozens more"
    while start < head.i and all_tokens[start].is_punct:
        start += 1
    floor = sentence_of(head).start
    text, space = words.text, words.whitespace
    for size in (3, 2, 1):
        if start - size < floor:
            continue
        first = start - size  # the words' text as `doc[first:start].text` gives it
        phrase = "".join(text[k] + space[k] for k in range(first, start - 1)) + text[start - 1]
        if phrase.lower() in lexicon.qualifier_phrases:
            start = first
            break
    return doc[start : end + 1]


def _toll(toll: Token, lexicon: _Lexicon) -> Iterator[_Reading]:
    """A toll and the figure its verb gives: "the death toll rose to more than 200"."""
    harm_word = None
    for child in children(toll):
        if child.dep_ == "compound" and lexicon.harm_of(child):
            harm_word = child
        elif child.dep_ == "prep" and child.lower_ == "of":
            harm_word = next((p for p in children(child) if lexicon.harm_of(p)), harm_word)
    if harm_word is not None:
        kind = lexicon.harm_of(harm_word)
    else:
        kind = KILLED if toll.lemma_.lower() in lexicon.default_toll else None
    if kind is None:
        return
    candidates = [_of_object(toll)]
    if toll.dep_ in ("nsubj", "nsubjpass", "dobj"):
        for child in children(toll.head):
            if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                candidates.append(_child(child, "pobj"))
            elif child.dep_ in ("attr", "dobj") and child is not toll:
                candidates.append(child)
    for candidate in candidates:
        if candidate is not None and candidate is not harm_word:
            found = _count_of(candidate, lexicon, singular=False, victims_ok=True)
            if found is not None:
                number, bounds, victims = found
                yield _Reading(kind, harm_word or toll, number, bounds, victims, (toll,))
                return


def _remains_of_people(noun: Token, lexicon: _Lexicon) -> bool:
    """Whether "bodies" are the dead: not "two UN bodies" nor "international bodies",
    which a compound or an adjective of another kind marks as institutions."""
    return not any(
        c.dep_ == "compound"
        or (c.dep_ == "amod" and c.lemma_.lower() not in lexicon.remains_modifiers)
        for c in children(noun)
    )


def _under_toll(token: Token, lexicon: _Lexicon) -> bool:
    preposition = token.head
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in lexicon.toll_nouns


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in children(token) if c.dep_ == dep), None)


def _of_object(token: Token) -> Token | None:
    for child in children(token):
        if child.dep_ == "prep" and child.lower_ == "of":
            return _child(child, "pobj")
    return None


def _resolve(readings: list[_Reading]) -> list[Casualty]:
    """One entry per harm per number; a figure claimed by both harms bounds each from above."""
    by_number: dict[tuple[int, int], list[_Reading]] = {}
    for reading in readings:
        by_number.setdefault((reading.number.start, reading.number.end), []).append(reading)
    out: list[Casualty] = []
    for group in by_number.values():
        kinds = {r.kind for r in group}
        shared = _EITHER in kinds or {KILLED, INJURED} <= kinds
        done: set[str] = set()
        for reading in group:
            for kind in (KILLED, INJURED) if reading.kind == _EITHER else (reading.kind,):
                if kind in done:
                    continue
                done.add(kind)
                low, high = reading.bounds
                if shared:
                    low, high = (0, 0) if high == 0 else (None, high)
                out.append(_casualty(kind, reading, Count(low, high, reading.number.text)))
    return sorted(out, key=lambda c: (c.start, c.kind != KILLED, c.trigger))


def _casualty(kind: str, reading: _Reading, count: Count) -> Casualty:
    doc = reading.trigger.doc
    indices = [reading.number.start, reading.number.end - 1, reading.trigger.i]
    indices += [t.i for t in reading.extra]
    if reading.victims is not None:
        indices.append(reading.victims.i)
    first, last = doc[min(indices)], doc[max(indices)]
    return Casualty(
        kind=kind,
        count=count,
        start=first.idx,
        end=last.idx + len(last.text),
        trigger=reading.trigger.i,
        victims=None if reading.victims is None else reading.victims.i,
    )


def _box_casualties(doc: Doc, lexicon: _Lexicon) -> tuple[list[Casualty], list[tuple[int, int]]]:
    """The counts of fact box fields ("Casualties: 30-31 killed, 70 injured", "Deaths:
    12"), and the character spans of those fields.

    A field is a capitalised label of `[infobox] labels`, a colon, and items separated
    by commas or semicolons up to the end of the line or the next "Label:" (cleaning may
    join a box's lines into one paragraph). Each item is a number phrase and the harm
    word after it; with no harm word, the label's harm. Notes in brackets ("(3 days)",
    "[1]") are dropped, an item naming another outcome ("200 captured") or written as a
    year ("2023") is no count, and the first item that is no number ends the field.
    """
    text = doc_text(doc)
    found: list[Casualty] = []
    fields: list[tuple[int, int]] = []
    position = 0
    while field := lexicon.box_field.search(text, position):
        items = field["items"]
        following = _NEXT_LABEL.search(items)
        if following:
            items = items[: following.start()]
        offset = field.start("items")
        position = max(offset + len(items), field.end("label"))
        if not field["label"][0].isupper():
            continue  # "the number of deaths: ..." in running prose
        counts: list[Casualty] = []
        for start, item in _box_items(items):
            read = _box_item(doc, lexicon, item, offset + start, field)
            if read is None:
                break
            counts.extend(read)
        if counts:
            found.extend(counts)
            fields.append((field.start(), offset + len(items)))
    return found, fields


def _box_items(items: str) -> Iterator[tuple[int, str]]:
    """The items of a field with their offsets: split at semicolons, at commas that
    are no thousands separators ("1,200"), and at "and" before a number."""
    start = 0
    for separator in _BOX_SEPARATOR.finditer(items):
        yield start, items[start : separator.start()]
        start = separator.end()
    yield start, items[start:]


# The next field of a fact box joined into the same line: "... 70 injured Deaths: 12"
_NEXT_LABEL = re.compile(r"\s(?=[A-Z][A-Za-z]*(?:\s+[a-z]+){0,3}\s*:)")
_BOX_SEPARATOR = re.compile(r";|,(?!\d{3}(?!\d))|\s+and\s+(?=\d)")
_BOX_NOTE = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _box_item(
    doc: Doc, lexicon: _Lexicon, item: str, offset: int, field: re.Match[str]
) -> list[Casualty] | None:
    """The casualties of one item of a fact box field, [] for an item that is no toll
    ("200 captured", "2023"), None when the item is no number phrase at all."""
    masked = _BOX_NOTE.sub(lambda note: " " * len(note[0]), item)
    words = [(m.start() + offset, m[0].strip(".:")) for m in re.finditer(r"\S+", masked)]
    words = [(start, word) for start, word in words if word]
    if not words:
        return []
    number = None
    for size in range(min(len(words), 4), 0, -1):
        phrase = " ".join(word for _, word in words[:size])
        bounds = lexicon.toll_bounds(re.sub(r"^(\d[\d,]*)\+$", r"at least \1", phrase))
        if bounds is not None:
            number = (size, phrase, bounds)
            break
    if number is None:
        return None
    size, phrase, (low, high) = number
    if _YEAR.fullmatch(phrase):
        return []
    rest = []
    for start, word in words[size:]:
        if word[0].isupper():
            break  # a name or the next sentence
        rest.append((start, word))
    if any(word.lower() in lexicon.box_other for _, word in rest):
        return []
    harm = next(((s, w) for s, w in rest[:3] if lexicon.harm_of_word(w)), None)
    kind = lexicon.harm_of_word(harm[1]) if harm else lexicon.box_labels[field["label"].lower()]
    if kind is None:
        return []
    trigger_at = (harm[0], harm[0] + len(harm[1])) if harm else field.span("label")
    trigger = doc.char_span(*trigger_at, alignment_mode="expand")
    start = words[0][0]
    end = trigger_at[1] if harm else words[size - 1][0] + len(words[size - 1][1])
    count_text = doc_text(doc)[start : words[size - 1][0] + len(words[size - 1][1])]
    out = []
    for harm_kind in (KILLED, INJURED) if kind == _EITHER else (kind,):
        bounds = ((0, 0) if high == 0 else (None, high)) if kind == _EITHER else (low, high)
        out.append(
            Casualty(
                kind=harm_kind,
                count=Count(*bounds, count_text),
                start=start,
                end=end,
                trigger=trigger[-1].i if trigger is not None and len(trigger) else 0,
                victims=None,
                infobox=True,
            )
        )
    return out


def tells_no_cause(casualty: Casualty, doc: Doc) -> bool:
    """Whether the count is the victims of an act told elsewhere: a harm verb or
    predicate whose subject is the victims, with no cause of its own ("At least 14
    worshippers died, officials said" after "Gunmen attacked a church"). Not a cause
    phrase ("died in a road accident", "of cholera", "when a bus overturned"; a named
    place is no cause: "were killed in Kaduna"), a part ("two of the victims died"), an
    addition ("two more died") or a running total: those say something else."""
    lexicon = _Lexicon.packaged()
    trigger = doc[casualty.trigger]
    if casualty.infobox or trigger.pos_ not in ("VERB", "ADJ") or is_toll_total(casualty, doc):
        return False
    verb = trigger.head if trigger.dep_ in ("oprd", "acomp") else trigger
    subject = _child(verb, "nsubj") or _child(verb, "nsubjpass")
    if subject is None or any(
        (c.dep_ == "prep" and c.lower_ == "of") or c.lower_ in lexicon.added
        for c in subtree(subject)
    ):
        return False
    for word in {verb, trigger}:
        for child in children(word):
            if child.dep_ == "advcl":
                return False
            if child.dep_ in ("prep", "agent") and child.lower_ in lexicon.causes:
                cause = _child(child, "pobj")
                if cause is not None and cause.ent_type_ not in _PLACES_AND_TIMES:
                    return False
    return True


def is_toll_total(casualty: Casualty, doc: Doc) -> bool:
    """Whether the count is a running total ("raising the toll to 11", "the number of
    dead rose to 40"), not the victims of one act."""
    lexicon = _Lexicon.packaged()
    trigger = doc[casualty.trigger]
    return (
        trigger.lemma_.lower() in lexicon.toll_nouns
        or (trigger.dep_ == "compound" and trigger.head.lemma_.lower() in lexicon.toll_nouns)
        or _under_toll(trigger, lexicon)
    )
