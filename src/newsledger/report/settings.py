"""The report's settings in `resources/report/report.toml`, checked when loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsledger.data import load_toml, resource_path
from newsledger.errors import ResourceError
from newsledger.extract.ontology import Ontology

_RESOURCE = "report/report.toml"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_LISTS = ("incidents", "quotes", "actors", "dyads", "chains")


@dataclass(frozen=True)
class ReportSettings:
    quad_colours: dict[str, str]  # in stacking order
    conflict_quads: frozenset[str]
    reaction_days: int
    day_precisions: frozenset[str]
    trend_charts: int
    toll_kinds: tuple[str, ...]
    list_sizes: dict[str, int]

    @property
    def quads(self) -> tuple[str, ...]:
        return tuple(self.quad_colours)

    @classmethod
    @cache
    def packaged(cls) -> ReportSettings:
        table = load_toml(_RESOURCE)
        path = resource_path(_RESOURCE)
        try:
            settings = cls(
                quad_colours={str(k): str(v) for k, v in table["quads"].items()},
                conflict_quads=frozenset(table["chains"]["conflict_quads"]),
                reaction_days=int(table["chains"]["reaction_days"]),
                day_precisions=frozenset(table["trends"]["day_precisions"]),
                trend_charts=int(table["trends"]["charts"]),
                toll_kinds=tuple(table["tolls"]["kinds"]),
                list_sizes={name: int(table["lists"][name]) for name in _LISTS},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(f"{path}: missing or malformed setting ({exc})") from exc
        known = {t.quad for t in Ontology.packaged().types.values()}
        if set(settings.quad_colours) != known or not settings.conflict_quads <= known:
            raise ResourceError(f"{path}: [quads] must name the quads {sorted(known)}")
        bad = [c for c in settings.quad_colours.values() if not _COLOUR.fullmatch(c)]
        if bad:
            raise ResourceError(f"{path}: colours must read #rrggbb, not {bad}")
        return settings

    def quad(self, event_type: str) -> str:
        """The PLOVER quad category of an event type (ontology/plover.toml)."""
        return Ontology.packaged().types[event_type].quad
