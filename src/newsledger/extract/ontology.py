"""PLOVER types with their CAMEO roots, Goldstein scores, ACLED equivalents and the
rules that fold auxiliary modes into a single type (data file `ontology/plover.toml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    goldstein: float
    verbal: bool
    quad: str


@dataclass(frozen=True)
class DiplomaticProtest:
    """A state's protest is ACCUSE, not PROTEST (plover.toml, [diplomatic_protest])."""

    actor_sectors: frozenset[str]
    type: str
    mode: str
    cameo: str


_RESOURCE = "ontology/plover.toml"


class Ontology:
    def __init__(self, table: dict) -> None:
        try:
            self._read(table)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(
                f"{resource_path(_RESOURCE)}: missing or malformed entry {exc}"
            ) from exc

    def _read(self, table: dict) -> None:
        self.types = {
            name: EventType(name, spec["cameo"], spec["goldstein"], spec["verbal"], spec["quad"])
            for name, spec in table["types"].items()
        }
        transforms, stages = table["transforms"], table["stages"]
        lists = [*transforms.values(), *stages.values()]
        named = {*self.types, *(name for names in lists for name in names)}
        unknown = named - set(PLOVER_TYPES)
        missing = set(PLOVER_TYPES) - set(self.types)
        if missing or unknown:
            raise ResourceError(
                f"{resource_path(_RESOURCE)}: missing types {sorted(missing)}, "
                f"unknown types {sorted(unknown)}"
            )
        self._quad_codes: dict[str, int] = table["quad_codes"]
        unnumbered = {kind.quad for kind in self.types.values()} - set(self._quad_codes)
        if unnumbered:
            raise ResourceError(
                f"{resource_path(_RESOURCE)}: no [quad_codes] entry for {sorted(unnumbered)}"
            )
        self._goldstein = table["cameo_goldstein"]
        self._acled = {key: tuple(value) for key, value in table["acled"].items()}
        self.future_cooperative = frozenset(transforms["future_cooperative"])
        self.future_conflictual = frozenset(transforms["future_conflictual"])
        self.negated_future = frozenset(transforms["negated_future"])
        self.controllers = frozenset(transforms["controllers"])
        self.material = frozenset(stages["material"])
        self.harmful = frozenset(stages["harmful"])
        self.mergeable = frozenset(stages["mergeable"])
        self.state_sectors = frozenset(table["sectors"]["state"])
        self.civilian_sectors = frozenset(table["sectors"]["civilian"])
        self.weapon_modes = {
            word: mode for mode, words in table["weapon_modes"].items() for word in words
        }
        protest = table["diplomatic_protest"]
        self.diplomatic_protest = DiplomaticProtest(
            frozenset(protest["actor_sectors"]), protest["type"], protest["mode"], protest["cameo"]
        )

    @classmethod
    @cache
    def packaged(cls) -> Ontology:
        return cls(load_toml(_RESOURCE))

    def quad_code(self, event_type: str) -> int | None:
        """The number of the type's quad category (1 verbal cooperation to 4 material
        conflict, `[quad_codes]`); None for a type PLOVER does not have."""
        kind = self.types.get(event_type)
        return self._quad_codes[kind.quad] if kind else None

    def goldstein(self, cameo: str) -> float | None:
        """The Goldstein score of a CAMEO code's root (its first two digits)."""
        return self._goldstein.get(cameo[:2])

    def acled(
        self, event_type: str, mode: str | None, recipient_sector: str | None = None
    ) -> dict[str, str] | None:
        """ACLED's event_type and sub_event_type for a PLOVER type and mode (`[acled]`);
        a battle whose recipient is civilians (`[sectors] civilian`: CVL, farmers,
        journalists, aid workers ...) is violence against civilians."""
        pair = self._acled.get(f"{event_type}.{mode}") or self._acled.get(event_type)
        civilians = self._acled.get(f"{event_type}.civilians")
        unarmed = recipient_sector in self.civilian_sectors
        if pair and civilians and unarmed and pair[0] == "Battles":
            pair = civilians
        return {"event_type": pair[0], "sub_event_type": pair[1]} if pair else None

    def fold_future(self, event_type: str, negated: bool) -> str | None:
        """The single type a promised, threatened or refused act codes to, if any."""
        if negated and event_type in self.negated_future:
            return "REJECT"
        if negated:
            return None
        if event_type in self.future_cooperative:
            return "AGREE"
        if event_type in self.future_conflictual:
            return "THREATEN"
        return None
