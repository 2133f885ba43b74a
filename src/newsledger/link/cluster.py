"""Average-link clustering with cannot-links: events join while the mean score of all
their cross pairs stays at or above the threshold and no pair is vetoed.

Why average link: single link chains (A~B, B~C, so A~C even when A and C are a day and
a city apart); average link asks every member to fit. Why our own: the clusters are
small (the reports of one happening), must honour cannot-links and must come out the
same whatever order events arrive in; scipy's hierarchy offers neither constraint nor
sparse input, and would be a heavy dependency for a few dozen lines. Ties break on the
members' ids, so the result depends only on the set of events.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from newsledger.link.features import PairScore
from newsledger.link.views import EventView

Scorer = Callable[[EventView, EventView], PairScore]


def cluster(
    events: list[EventView], score: Scorer, threshold: float
) -> tuple[list[list[EventView]], dict[tuple[str, str], PairScore]]:
    """Clusters of the events (each sorted by id, clusters by first id) and the pair
    scores computed on the way (keyed by the two ids in order)."""
    ordered = sorted(events, key=lambda e: e.id)
    # Every pair is scored (the incidents' `why` reads them all); only clusters joined by
    # at least one linking pair can merge: find those pairs once.
    scores: dict[tuple[str, str], PairScore] = {}
    linked = set()
    for i, j in combinations(range(len(ordered)), 2):
        a, b = ordered[i], ordered[j]  # a.id < b.id: ids are unique
        scored = scores[a.id, b.id] = score(a, b)
        if scored.veto is None and scored.score >= threshold:
            linked.add((i, j))
    clusters: list[list[EventView]] = [[e] for e in ordered]
    joined: dict[int, set[int]] = {i: set() for i in range(len(ordered))}  # by a link
    for i, j in linked:
        joined[i].add(j)
        joined[j].add(i)
    means: dict[tuple[int, int], float | None] = {}  # of clusters that have not changed
    while True:
        options = []
        for a, near in joined.items():
            for b in near:
                if a > b:
                    continue
                if (a, b) not in means:
                    means[a, b] = _mean(clusters[a], clusters[b], scores)
                mean = means[a, b]
                if mean is not None and mean >= threshold:
                    options.append((-mean, clusters[a][0].id, clusters[b][0].id, a, b))
        if not options:
            break
        *_, a, b = min(options)  # the closest pair; ties by the clusters' first ids
        clusters[a] = sorted(clusters[a] + clusters[b], key=lambda e: e.id)
        clusters[b] = []
        for other in joined.pop(b):  # b's links are a's now
            joined[other].discard(b)
            if other != a:
                joined[other].add(a)
                joined[a].add(other)
        means = {key: mean for key, mean in means.items() if a not in key and b not in key}
    found = sorted((c for c in clusters if c), key=lambda c: c[0].id)
    return found, scores


def _mean(
    first: list[EventView], second: list[EventView], scores: dict[tuple[str, str], PairScore]
) -> float | None:
    """The mean score of all cross pairs, or None when any pair is vetoed."""
    total = 0.0
    for a in first:
        for b in second:
            scored = scores[(a.id, b.id) if a.id < b.id else (b.id, a.id)]
            if scored.veto is not None:
                return None
            total += scored.score
    return total / (len(first) * len(second))
