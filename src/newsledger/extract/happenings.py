"""One record per happening: which mentions in an article tell the same happening.

This module is the one place that decides it, in two steps, and then chooses the fields
of the merged record.

1. **One act told by several words in one sentence** (`restated_by`, `continues_act`).
   events.py asks these while it builds its candidates, because the words folded into
   an act lend it participants ("..., killing three Iraqis" gives the victims):
   - a noun or gerund that names the means or the act of a verb of the same type:
     "killed in an attack", "killed by a strike", "the shelling killed two";
   - a participle, relative clause or conjunct that continues an act of the same type,
     also when that act's word is itself folded into its verb: "targeted a vehicle,
     killing three", "killed in a drone strike that hit his car", "killed in air strikes
     targeting Beirut", "were killed when rebels attacked".
2. **Mentions across sentences** (`group_happenings`). The frame of a happening is its
   type and flags, its participants (actor and recipient countries), its time (date
   windows overlap), its place (same country) and its toll (ranges overlap, or the
   later is a part of the earlier: "killing 12 ... two of the dead were officers").
   Two mentions are one happening when nothing in the frame conflicts and something
   ties them:
   - the later one points back at it: it refers back ("the deadly attack", "Monday's
     bombing", "were killed in the assault"), its target does ("ambushed an army
     patrol ... the patrol was attacked"), the earlier is the headline (while no body
     mention has joined it: a headline tells the lead's story), or it retells it in a
     direct quote by a doer it does not name ("'they attacked us,' a soldier said").
     Such a mention may be a day off ("late Tuesday", "overnight", a speaker's "last
     night"), but not at another named place of its precision outside the scene;
   - with dates that fit exactly: both name the same place or give the same toll; or
     the earlier is the latest happening of its type and the later names no place of
     its own (nor a date the earlier lacks) or a place of the same scene (within
     `near_km`, or inside the earlier's province): a story goes on telling the
     happening at hand ("Five people were wounded") until it names another place.
   "Another attack", "a second strike", "attacked again" never join. Of the happenings
   a mention fits, it joins the latest told with the same word ("the airstrike" joins
   the airstrike, not a raid told since), else in the same mode ("the blast" joins the
   bombing, not a clash told since), else the latest.
   A sentence that reports only a new total ("Two more died in hospital, raising the toll
   to 11") updates the toll of the happening told before it.
3. **The merged record's fields**, chosen in this order: mentions in text order; the
   actor and the recipient that are coded most (country, then sector); the most precise
   date; the most precise place (a place the text ties to the act, then an admin1
   division, then a country); the toll, where a later total beats the earlier counts, a
   toll beats a part of it, and otherwise the tighter count wins; the highest
   confidence. Then, for a material act still without a place of its own: the
   headline's place, else the article's main place (`precision: "article"`), and only
   last the dateline's, which says where the reporter is. A state's forces named
   without a country ("a police checkpoint") take the country of the happening's place,
   as an unnamed actor does in events.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Token

from newsledger.article import Article
from newsledger.data import load_toml
from newsledger.extract.casualties import Casualty, is_toll_total
from newsledger.extract.dictionaries import NON_STATE
from newsledger.extract.gazetteer import Place, distance_km
from newsledger.extract.modality import ModalityRules
from newsledger.extract.model import Actor, Count, Event, Location
from newsledger.extract.ontology import Ontology
from newsledger.extract.places import PlaceMention
from newsledger.extract.time import date_window
from newsledger.extract.triggers import is_event_word, trigger_lexicon
from newsledger.nlp import children, sentence_of, sentences

# How precise a date or a place is, higher better (also used by link/incidents.py).
DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, None: 0}
PLACE_RANK = {"place": 5, "admin1": 4, "country": 3, "article": 2, "dateline": 1, None: 0}
_NO_TIE, _GOES_ON, _POINTED, _POINTED_AT = 0, 1, 2, 3  # see `_tie`
_ONE_DAY = 1  # "late Tuesday" against "overnight", a quoted "last night" against "Monday"

# -- 1. one act in one sentence ---------------------------------------------------------


def restated_by(token: Token) -> Token | None:
    """The word whose act `token` restates, if the parse ties them as one act: a noun
    or gerund that is the means ("killed in an attack", "by a strike"), the subject
    ("the shelling killed two") or the object ("carried out an attack") of that word.
    The caller checks that the two are of the same type."""
    gerund = token.tag_ == "VBG" and token.dep_ in ("csubj", "nsubj", "pobj", "pcomp")
    # a verb in a noun's place is a noun misread: "US strikes on 85 targets killed 16"
    nominal = token.dep_ in ("nsubj", "nsubjpass", "dobj")
    if token.pos_ == "VERB" and not gerund and not nominal:  # "shelling" is still a name
        return None
    head = token.head
    if token.dep_ in ("pobj", "pcomp") and head.lower_ in ModalityRules.packaged().means_preps:
        return head.head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "csubj"):
        return head
    return None


def continues_act(token: Token) -> bool:
    """Whether `token` goes on telling the act of the word it hangs from: a relative
    clause or participle on it, a conjunct, an -ing clause ("..., killing three"), or a
    when-clause ("were killed when rebels attacked")."""
    return (
        token.dep_ in ("relcl", "acl", "conj")
        or (token.dep_ == "ccomp" and _relative_subject(token))  # a misparsed relcl
        or (token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp"))
        or (
            token.dep_ == "advcl"
            and any(c.dep_ == "advmod" and c.lower_ in ("when", "as") for c in children(token))
        )
    )


def act_words(trigger: Token) -> tuple[Token, ...]:
    """The other words of the sentence that tell the trigger's act, nearest first, where
    its place or time may stand instead: the verb an -ing clause continues ("exploded in
    Kirkuk, killing five"), an event noun or gerund subject ("shelling near Donetsk
    killed two"), the means ("killed in a strike in Gaza") and what continues the means
    ("killed in a strike that hit his car in Baghdad"), and what continues the trigger
    ("an air raid that struck a market in Idlib"), two steps deep ("were killed and two
    burned when rebels struck the ship off Mokha"). Worked out once per trigger: dates,
    places and the happening frame all ask."""
    known = trigger.doc.user_data.setdefault("newsledger_act_words", {})
    if trigger.i not in known:
        known[trigger.i] = tuple(_act_words(trigger))
    return known[trigger.i]


def _act_words(trigger: Token) -> list[Token]:
    words: list[Token] = []
    if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj"):
        words.append(trigger.head)
    means = ModalityRules.packaged().means_preps
    for child in children(trigger):
        if child.dep_ in ("nsubj", "csubj") and (child.pos_ == "NOUN" or child.tag_ == "VBG"):
            words.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ in means:
            words += [
                c for c in children(child)
                if c.dep_ in ("pobj", "pcomp") and (c.pos_ == "NOUN" or c.tag_ == "VBG")
            ]  # fmt: skip
    # what continues the act, and what continues that ("were killed and two others
    # burned when rebels struck the ship off Mokha on Tuesday"): two steps
    level = [trigger, *words]
    for _ in range(2):
        level = [c for word in level for c in children(word)
                 if c.pos_ == "VERB" and continues_act(c) and c not in words]  # fmt: skip
        words += level
    return words


def _relative_subject(verb: Token) -> bool:
    """ "shelling that hit a school": a clause whose subject is a relative pronoun."""
    return any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in children(verb)) or any(
        c.dep_ == "nsubj" and c.lower_ in ("that", "which") and c.i < verb.i for c in children(verb)
    )


# -- 2. mentions across sentences -------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What the article says around its mentions: where its body starts (before it, the
    headline), where its direct quotes are, and its pronouns."""

    doc: Doc
    body_start: int
    quotes: tuple[tuple[int, int], ...]
    pronouns: frozenset[str]

    def in_headline(self, event: Event) -> bool:
        return all(m.start < self.body_start for m in event.mentions)

    def in_quote(self, event: Event) -> bool:
        start = event.mentions[0].trigger_start
        return any(q_start <= start < q_end for q_start, q_end in self.quotes)

    def unnamed(self, actor: Actor | None) -> bool:
        return actor is None or (actor.country is None and actor.text.lower() in self.pronouns)


def group_happenings(
    doc: Doc,
    article: Article,
    events: list[Event],
    *,
    casualties: Iterable[Casualty] = (),
    quotes: Iterable[tuple[int, int]] = (),
    places: Iterable[PlaceMention] = (),
) -> list[Event]:
    """The article's events, one per happening, in text order, each with all its
    mentions and its fields chosen as the module docstring says.

    `casualties` are the article's counts (casualties.find_casualties), `quotes` the
    (start, end) offsets of its direct quotes, `places` its place mentions."""
    context = _Context(doc, article.body_start, tuple(quotes), ModalityRules.packaged().pronouns)
    merged: list[Event] = []
    for event in events:
        kin = [m for m in merged if _kin(m, event)]
        # latest told first: the story goes on about the happening it told last
        kin.sort(key=lambda m: m.mentions[-1].start, reverse=True)
        antecedent = _antecedent(context, kin, event)
        if antecedent is None:
            merged.append(event)
        else:
            merged[merged.index(antecedent)] = _combine(antecedent, event)
    merged = _toll_updates(doc, merged, casualties)
    fallback = _article_place(article, list(places))
    return [_completed(event, fallback) for event in merged]


def _antecedent(context: _Context, kin: list[Event], event: Event) -> Event | None:
    """The happening a mention joins: of those of its kind (`_kin`, latest told first),
    one of its strongest ties. What a mention says of itself (`_Told`) is worked out
    only where it has kin told before it: a third of mentions have none."""
    if not kin:
        return None
    told = _Told.of(context, event)
    ties = [(_tie(context, m, told, m is kin[0]), m) for m in kin]
    strongest = max(tie for tie, _ in ties)
    fitting = [m for tie, m in ties if tie == strongest and tie != _NO_TIE]
    return _nearest_alike(context.doc, fitting, event)


@dataclass(frozen=True)
class _Told:
    """What a mention says of itself, worked out once however many happenings it is
    compared with: whether it announces another one ("another attack"), refers back
    ("the assault"), or retells one in a quote by a doer it does not name."""

    event: Event
    another: bool
    refers_back: bool
    retold: bool

    @classmethod
    def of(cls, context: _Context, event: Event) -> _Told:
        return cls(
            event,
            another=_announces_another(context.doc, event),
            refers_back=_refers_back_at(context.doc, event),
            retold=context.in_quote(event) and context.unnamed(event.actor),
        )


def _flags(event: Event) -> tuple[bool, ...]:
    return (event.negated, event.hypothetical, event.generic, event.historical)


def _nearest_alike(doc: Doc, fitting: list[Event], event: Event) -> Event | None:
    """Of the happenings a mention fits (latest first), the latest told with the same
    word ("the airstrike" joins the airstrike, not the raid told since), else in the
    same mode ("the blast" joins the bombing, not the clash), else the latest."""
    if not fitting:
        return None
    word = _trigger(doc, event)
    if word is not None:
        keys = _word_keys(word)
        for happening in fitting:
            if keys & _lemmas(doc, happening):
                return happening
    # "the blast" joins the bombing, not a gunfight told since
    mode = event.mode or (_told_mode(word) if word is not None else None)
    same = [h for h in fitting if mode is not None and h.mode == mode]
    unlike = [h for h in fitting if not _same_family(h.mode, mode)]
    fitting = same or [h for h in fitting if h not in unlike] or fitting
    return fitting[0] if fitting else None


def _told_mode(trigger: Token) -> str | None:
    """The mode an act's other words give it: "the bombing destroyed dozens of stalls"
    is told as a bombing (explosives), though "destroyed" has no mode of its own."""
    lexicon = trigger_lexicon()
    for word in act_words(trigger):
        pos = "NOUN" if word.pos_ in ("NOUN", "PROPN") else "VERB"
        modes = [t.mode for t in lexicon.get((word.lemma_.lower(), pos), ()) if t.mode]
        if modes:
            return modes[0]
    return None


def _same_family(a: str | None, b: str | None) -> bool:
    """Modes of one family, or a mode unknown on either side."""
    family = _mode_family()
    return a not in family or b not in family or family[a] == family[b]


@cache
def _mode_family() -> dict[str, str]:
    """Mode -> its family's name (happenings.toml, [mode_families])."""
    families = _settings()["mode_families"]
    return {mode: name for name, modes in families.items() for mode in modes}


def _lemmas(doc: Doc, event: Event) -> set[str]:
    """The words a happening was told with: its triggers and the other words of their
    acts ("an airstrike hit the monastery" is told as an airstrike too)."""
    words = (doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
             for m in event.mentions)  # fmt: skip
    triggers = [span.root for span in words if span is not None and len(span)]
    return {key for t in triggers for w in (t, *act_words(t)) for key in _word_keys(w)}


def _word_keys(word: Token) -> set[str]:
    """A word's lemma, and for a gerund noun its verb: "the bombing" was told as
    "bombed", "the kidnapping" as "kidnapped"."""
    lemma = word.lemma_.lower()
    keys = {lemma}
    if word.pos_ == "NOUN" and lemma.endswith("ing") and len(lemma) > 5:
        stem = lemma[:-3]
        keys.add(stem)
        if stem[-1] == stem[-2]:
            keys.add(stem[:-1])  # "kidnapping": kidnap
    return keys


def _kin(earlier: Event, later: Event) -> bool:
    """Of one type and the same flags: the happenings a mention may belong to; a
    seizure told after an attack may be part of the attack (`assault_parts`). A
    background mention is never one with the news of its own sentence."""
    part = earlier.type == "ASSAULT" and later.type == "COERCE" and later.mode in _assault_parts()
    return (
        (earlier.type == later.type or part)
        and _flags(earlier) == _flags(later)
        and not _news_and_background(earlier, later)
    )


def _news_and_background(earlier: Event, later: Event) -> bool:
    """One sentence's news and the earlier happening it is measured against ("struck
    ... in retaliation for a rocket attack") are two happenings, and news told later
    does not go on about a background happening ("after shelling of the market killed
    19. Thousands fled the fighting around Sake"). A background mention may still
    point back at the news ("protests erupted a day after the shelling")."""
    if earlier.background == later.background:
        return False
    if earlier.background:
        return True
    return bool({m.sentence for m in earlier.mentions} & {m.sentence for m in later.mentions})


def _tie(context: _Context, earlier: Event, told: _Told, latest: bool) -> int:
    """How a mention is tied to a happening told before, if its frame fits:
    `_POINTED_AT` when it points at that very happening (its target is the happening's,
    the happening is the headline), `_POINTED` when it points back at some happening
    (it refers back, or retells one in a quote), `_GOES_ON` when the story goes on
    about it, `_NO_TIE` otherwise. A mention joins one of its strongest ties."""
    later = told.event
    if not _kin(earlier, later) or earlier.type not in Ontology.packaged().mergeable:
        return _NO_TIE
    if earlier.generic or told.another:
        return _NO_TIE
    if not _frame_fits(earlier, later) or not _compatible_count(
        earlier.fatalities, later.fatalities
    ):
        return _NO_TIE
    # A day apart ("late Tuesday", "overnight", a speaker's "last night") only for a
    # mention that clearly points back at the happening.
    if _same_target(context.doc, earlier, later) or context.in_headline(earlier):
        return _NO_TIE if _apart(earlier.location, later.location) else _POINTED_AT
    if told.retold or told.refers_back:
        return _NO_TIE if _apart(earlier.location, later.location) else _POINTED
    goes_on = _compatible_date(earlier, later) and (
        (latest and (_adds_nothing(earlier, later) or _near(earlier.location, later.location)))
        or _same_place_named(earlier.location, later.location)
        or _same_count(earlier.fatalities, later.fatalities)
    )
    return _GOES_ON if goes_on else _NO_TIE


def _frame_fits(earlier: Event, later: Event) -> bool:
    """Participants, place and date (a day's slack) that can be one happening's."""
    return (
        _compatible_actor(earlier.actor, later.actor)
        and _compatible_actor(earlier.recipient, later.recipient)
        and _compatible_place(earlier.location, later.location)
        and _compatible_date(earlier, later, slack_days=_ONE_DAY)
    )


def _adds_nothing(earlier: Event, later: Event) -> bool:
    """A mention that names no place of its own (the dateline's is the reporter's), nor a
    date where the happening it would join has none."""
    no_place = later.location is None or later.location.precision == "dateline"
    return no_place and (later.date is None or earlier.date is not None)


def _apart(a: Location | None, b: Location | None) -> bool:
    """Two places of one precision, each named for its mention, that are not one scene:
    "the attack in Bunia" is not the attack in Goma told before it."""
    if a is None or b is None or a.precision != b.precision:
        return False  # a town inside a province the gazetteer cannot always tell
    own = a.precision in ("place", "admin1")
    return own and not (_same_place_named(a, b) or _near(a, b))


def _near(a: Location | None, b: Location | None) -> bool:
    """Places of one scene: within `near_km` of each other, or one inside the other's
    first-level division ("in Cauca province" and "near Suárez")."""
    if a is None or b is None or "dateline" in (a.precision, b.precision):
        return False
    if a.country != b.country:
        return False
    if (
        a.precision == "admin1"
        and b.admin1 == a.name
        or b.precision == "admin1"
        and a.admin1 == b.name
    ):
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return _km(a, b) <= _settings()["near_km"]


def _km(a: Location, b: Location) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]


def _announces_another(doc: Doc, event: Event) -> bool:
    """ "another attack", "a second strike hit", "in a separate attack, gunmen killed",
    "attacked again": not the one just told."""
    trigger = _trigger(doc, event)
    if trigger is None:
        return False
    words = _distinct_words()
    return any(
        c.lower_ in words
        for word in (trigger, *act_words(trigger))
        for c in children(word)
        if c.dep_ in ("det", "amod", "advmod")
    )


@cache
def _settings() -> dict:
    return load_toml("patterns/happenings.toml")


@cache
def _assault_parts() -> frozenset[str]:
    return frozenset(_settings()["assault_parts"])


def _distinct_words() -> frozenset[str]:
    return frozenset(_settings()["distinct_words"])


def _trigger(doc: Doc, event: Event) -> Token | None:
    mention = event.mentions[0]
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _compatible_actor(a: Actor | None, b: Actor | None) -> bool:
    """Parties that can be one: unknown, of one country, or one of them coded to a
    non-state code that names no country ("an al Qaeda-linked group", IMG, and JNIM,
    MLI, can be the same fighters)."""
    if a is None or b is None or not (a.country and b.country):
        return True
    return a.country == b.country or bool({a.country, b.country} & NON_STATE)


def _compatible_place(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or "dateline" in (a.precision, b.precision):
        return True
    return not (a.country and b.country) or a.country == b.country


def _same_place_named(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None or "dateline" in (a.precision, b.precision):
        return False
    return a.name == b.name


def _compatible_date(a: Event, b: Event, slack_days: int = 0) -> bool:
    """Dates that can name the same day: "on Monday" fits "this month" and "this year"."""
    if a.date is None or b.date is None:
        return True
    first = date_window(date.fromisoformat(a.date), a.date_precision)
    second = date_window(date.fromisoformat(b.date), b.date_precision)
    return (first[0] - second[1]).days <= slack_days and (second[0] - first[1]).days <= slack_days


def _compatible_count(a: Count | None, b: Count | None) -> bool:
    """Tolls that can be one happening's: ranges that overlap, or a later figure that is
    part of the earlier toll ("killing 12 ... two of the dead were officers")."""
    if a is None or b is None:
        return True
    return _overlap(a, b) or (b.max is not None and (a.min or 0) >= b.max)


def _overlap(a: Count, b: Count) -> bool:
    low_a, high_a = a.min or 0, a.max if a.max is not None else 10**9
    low_b, high_b = b.min or 0, b.max if b.max is not None else 10**9
    return low_a <= high_b and low_b <= high_a


def _same_count(a: Count | None, b: Count | None) -> bool:
    return a is not None and b is not None and (a.min, a.max) == (b.min, b.max)


def _refers_back_at(doc: Doc, event: Event) -> bool:
    trigger = _trigger(doc, event)
    return trigger is not None and refers_back(trigger)


def told_again(doc: Doc, earlier: Event, later: Event, latest: bool = False) -> bool:
    """Whether a later record tells an earlier happening again and would be one with it
    but for its toll: it points back at it ("Israeli strikes on Rafah killed 16 ... 40
    people were killed in the strikes"), or, when the earlier is the `latest` of its
    kind, names no doer, place or date of its own ("The U.N. said at least 12 people had
    been killed"). claims.py weighs the two figures as a contradiction, not two
    happenings."""
    if not _kin(earlier, later) or earlier.type not in Ontology.packaged().mergeable:
        return False
    if not _frame_fits(earlier, later):
        return False
    if latest and later.actor is None and _adds_nothing(earlier, later):
        return True
    mention = later.mentions[0]
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    return span is not None and len(span) > 0 and refers_back(span.root)


def refers_back(trigger: Token) -> bool:
    """The mention names its act with a definite noun phrase: the trigger itself ("the
    deadly drone attack", "Monday's raid") or the means of its verb ("were killed in the
    assault"). Such a mention points at a happening told before: it takes its time from
    that happening, not from the sentence before it."""
    rules = ModalityRules.packaged()
    nouns = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else []
    for prep in (c for c in children(trigger) if c.lower_ in rules.means_preps):
        # "killed in the assault", not "attacked a post in the township"
        nouns += [
            c for c in children(prep)
            if c.dep_ == "pobj" and c.pos_ == "NOUN" and is_event_word(c)
        ]  # fmt: skip
    nouns += [  # "The strike destroyed two trucks"
        c for c in children(trigger) if c.dep_ == "nsubj" and c.pos_ == "NOUN" and is_event_word(c)
    ]
    return any(
        (c.dep_ == "det" and c.lower_ in rules.referring_determiners) or c.dep_ == "poss"
        for noun in nouns
        for c in children(noun)
    )


def _same_target(doc: Doc, earlier: Event, later: Event) -> bool:
    """The later mention's target, or what it is part of, refers back to the earlier's:
    "ambushed an army patrol ... the patrol was attacked", "attacked a base ... shelled
    the base", "attacked an army camp ... the camp's radio mast had been destroyed",
    "an air strike on a monastery ... bombs on the monastery compound"."""
    first, second = _head(doc, earlier.recipient), _head(doc, later.recipient)
    if first is None or second is None:
        return False
    owners = [c for c in children(second) if c.dep_ == "poss" and c.pos_ == "NOUN"]
    referring = ModalityRules.packaged().referring_determiners
    word = first.lemma_.lower()

    def names_it(noun: Token) -> bool:  # "the monastery" or "the monastery compound"
        compounds = (c.lemma_.lower() for c in children(noun) if c.dep_ == "compound")
        return noun.lemma_.lower() == word or word in compounds

    return any(
        names_it(noun)
        and any(c.dep_ in ("det", "poss") and c.lower_ in referring for c in children(noun))
        for noun in (second, *owners)
    )


def _head(doc: Doc, actor: Actor | None) -> Token | None:
    if actor is None or actor.start is None or actor.end is None:
        return None
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    ok = span is not None and len(span) and span.root.pos_ in ("NOUN", "PROPN")
    return span.root if ok else None


def _combine(first: Event, second: Event) -> Event:
    """The first event, with both events' mentions and the best of what they know."""
    date_from = max((first, second), key=lambda e: DATE_RANK[e.date_precision])
    place_from = max(
        (first, second), key=lambda e: PLACE_RANK[e.location.precision if e.location else None]
    )
    return replace(
        first,
        mode=first.mode or (second.mode if second.type == first.type else None),
        mentions=first.mentions + second.mentions,
        actor=_better(first.actor, second.actor),
        recipient=_better(first.recipient, second.recipient),
        date=date_from.date,
        date_precision=date_from.date_precision,
        date_text=date_from.date_text,
        location=place_from.location,
        locations=place_from.locations,
        fatalities=_tighter(first.fatalities, second.fatalities),
        injuries=_tighter(first.injuries, second.injuries),
        confidence=max(first.confidence, second.confidence),
        background=first.background and second.background,  # news if told as news once
    )


def _better(a: Actor | None, b: Actor | None) -> Actor | None:
    if a is None or b is None:
        return a or b

    def known(actor: Actor) -> tuple[bool, bool]:
        return actor.country is not None, actor.sector is not None

    return a if known(a) >= known(b) else b


def _tighter(a: Count | None, b: Count | None) -> Count | None:
    """The count that pins the number down more: an exact figure beats "at least"; of a
    toll and a part of it, the toll."""
    if a is None:
        return b
    if b is None:
        return a
    if not _overlap(a, b):
        return a if (a.min or 0) >= (b.min or 0) else b

    def width(count: Count) -> float:
        if count.min is None or count.max is None:
            return float("inf")
        return count.max - count.min

    return a if width(a) <= width(b) else b


def _toll_updates(doc: Doc, events: list[Event], casualties: Iterable[Casualty]) -> list[Event]:
    """A new total in a sentence that reports no harmful act of its own ("Two more died
    in hospital overnight, raising the toll to 11") is the toll of the unflagged harmful
    happening told last before it (an assault before any other), when it is higher than
    what that one says."""
    harmful = Ontology.packaged().harmful
    told = {m.sentence for e in events if e.type in harmful for m in e.mentions}
    index = {sentence.start: n for n, sentence in enumerate(sentences(doc))}
    updated = list(events)
    for casualty in casualties:
        sentence = sentence_of(doc[casualty.trigger])
        if casualty.kind != "killed" or index[sentence.start] in told:
            continue
        if not is_toll_total(casualty, doc):
            continue
        before = [
            (number, event)
            for number, event in enumerate(updated)
            if event.type in harmful
            and not any(_flags(event))
            and event.mentions[0].start < sentence.start_char
        ]
        if not before:
            continue
        lethal = [pair for pair in before if pair[1].type == "ASSAULT"]  # not the looting
        number, event = max(lethal or before, key=lambda pair: pair[1].mentions[-1].start)
        known = event.fatalities.min if event.fatalities and event.fatalities.min else 0
        if (casualty.count.min or 0) > known:
            updated[number] = replace(event, fatalities=casualty.count)
    return updated


# -- 3. places and participants of the merged record ------------------------------------


def _article_place(article: Article, places: list[PlaceMention]) -> Location | None:
    """Where the article's story is, for an act that names no place: the headline's one
    place, else the place the body names most (at least twice, and more than any other;
    a city or region before a country).
    The dateline's place is left out: it says where the reporter is."""
    dateline_end = article.dateline.end if article.dateline else 0
    headline = {p.place for p in places if p.start < article.body_start}
    inner = {p.country for p in headline if p.kind != "country"}
    headline = {p for p in headline if p.kind != "country" or p.country not in inner}
    if len(headline) == 1:  # "Mali's Mopti region": Mopti
        return _location(headline.pop())
    named = [p.place for p in places if p.start >= max(dateline_end, article.body_start)]
    # Countries come last: "U.S. forces" names a side, "in Iraq" is wide.
    local = [place for place in named if place.kind != "country"] or named
    # counted by name: "Sagaing region" and "in Sagaing" are one name read two ways (the
    # first reading stands for it)
    first = {}
    for place in local:
        first.setdefault((place.name, place.country), place)
    ranked = Counter((place.name, place.country) for place in local).most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return _location(first[ranked[0][0]])
    return None


def _location(place: Place) -> Location:
    return Location(
        name=place.name, country=place.country, admin1=place.admin1, lat=place.lat,
        lon=place.lon, precision="article", text=None,
    )  # fmt: skip


def _completed(event: Event, fallback: Location | None) -> Event:
    ontology = Ontology.packaged()
    own = event.location is not None and event.location.precision != "dateline"
    if not own and fallback is not None and event.type in ontology.material:
        event = replace(event, location=fallback, locations=(fallback,))
    recipient = _located_forces(event.recipient, event.location)
    sector = recipient.sector if recipient is not None else None
    acled = ontology.acled(event.type, event.mode, sector)
    if recipient is event.recipient and acled == event.acled:
        return event  # most events: copying one costs more than the rules above
    return replace(event, recipient=recipient, acled=acled)


def _located_forces(recipient: Actor | None, location: Location | None) -> Actor | None:
    """Police, soldiers or officials named without a country are the state's where the
    happening took place: news names a foreign force's country."""
    if recipient is None or recipient.country or location is None or not location.country:
        return recipient
    if recipient.sector not in Ontology.packaged().state_sectors:
        return recipient
    return replace(recipient, country=location.country)
