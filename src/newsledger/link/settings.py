"""The linking settings of `resources/patterns/linking.toml`, checked when loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError

_RESOURCE = "patterns/linking.toml"
_FEATURES = ("type", "date", "place", "participants", "toll", "text")


@dataclass(frozen=True)
class LinkSettings:
    window_days: int
    undated_days: int
    near_km: float
    apart_km: float
    threshold: float
    max_block: int
    families: tuple[frozenset[str], ...]
    copy_ratio: float
    copy_days: int
    copy_chars: int
    weights: dict[str, float]
    _kin_types: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    @cache
    def packaged(cls) -> LinkSettings:
        table = load_toml(_RESOURCE)
        path = resource_path(_RESOURCE)
        try:
            weights = {name: float(table["weights"][name]) for name in _FEATURES}
            settings = cls(
                window_days=int(table["window_days"]),
                undated_days=int(table["undated_days"]),
                near_km=float(table["near_km"]),
                apart_km=float(table["apart_km"]),
                threshold=float(table["threshold"]),
                max_block=int(table["max_block"]),
                families=tuple(frozenset(f) for f in table["families"]),
                copy_ratio=float(table["copy_ratio"]),
                copy_days=int(table["copy_days"]),
                copy_chars=int(table["copy_chars"]),
                weights=weights,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"{path}: missing or malformed setting ({exc})") from exc
        if not 0 < settings.threshold <= 1:
            raise ResourceError(f"{path}: threshold must lie in (0, 1]")
        return settings

    def kin(self, first: str, second: str) -> bool:
        """Types that may tell one happening: the same, or of one family."""
        return first == second or second in self.kin_types(first)

    def kin_types(self, type_: str) -> frozenset[str]:
        """The types kin to this one, itself included (read once per type: linking asks
        for every pair of a block)."""
        found = self._kin_types.get(type_)
        if found is None:
            found = frozenset({type_}.union(*(f for f in self.families if type_ in f)))
            self._kin_types[type_] = found
        return found
