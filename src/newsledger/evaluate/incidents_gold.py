"""Scoring incidents against a gold clustering of articles.

The gold file is JSON Lines of `{"id": article id, "incident": label}`. Each stored
article's predicted cluster is the incident of its main event: the unflagged event with
the highest toll, else its first unflagged event (flags: negated, hypothetical, future,
generic, historical, and background: an earlier happening the news is measured
against) (an article with none, or whose main
event has no incident, is a cluster of its own). Scores, over the articles of the gold
file that the ledger holds:
- pairwise precision, recall and F1 over pairs of articles put together;
- B-cubed precision, recall and F1 (Bagga and Baldwin 1998: per article, the share of
  its predicted cluster that is in its gold cluster, and the reverse, averaged).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.evaluate.gold_lines import json_kind, read_gold_objects

# an article's main event is none told as background ("came hours after a car bomb ...")
_FLAGS = ("negated", "hypothetical", "future", "generic", "historical", "background")


@dataclass(frozen=True)
class IncidentScores:
    articles: int
    missing: list[str]  # gold articles the ledger does not hold
    pairwise: dict[str, float]
    bcubed: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "missing": self.missing,
            "pairwise": self.pairwise,
            "bcubed": self.bcubed,
        }


def read_incident_gold(path: Path) -> Iterator[tuple[str, str] | InputError]:
    """(article id, label) per line, or an InputError naming the line."""
    for item in read_gold_objects(path):
        if isinstance(item, InputError):
            yield item
            continue
        number, data = item
        article, label = data.get("id"), data.get("incident")
        if not isinstance(article, str) or not isinstance(label, (str, int)):
            kinds = f"id is {json_kind(article)}, incident is {json_kind(label)}"
            yield InputError(f"{path}:{number}", f"needs a string id and incident ({kinds})")
            continue
        yield article, str(label)


def predicted_clusters(db: sqlite3.Connection) -> dict[str, str]:
    """Article id -> the incident of its main event (or the article id itself)."""
    rows = db.execute(
        "SELECT a.id AS article, e.incident, e.fatalities_min, e.fatalities_max, e.position, "
        f"{', '.join('e.' + f for f in _FLAGS)} "
        "FROM articles a LEFT JOIN events e ON e.article_hash = a.hash "
        "ORDER BY a.id, e.position"
    ).fetchall()
    best: dict[str, tuple[tuple[int, int], str | None]] = {}
    for row in rows:
        article = row["article"]
        if row["position"] is None or any(row[f] for f in _FLAGS):
            best.setdefault(article, ((-1, 0), None))
            continue
        toll = row["fatalities_max"] or row["fatalities_min"] or 0
        rank = (toll, -row["position"])  # highest toll, else the first event
        if article not in best or rank > best[article][0]:
            best[article] = (rank, row["incident"])
    return {article: incident or f"article:{article}" for article, (_, incident) in best.items()}


def score_clusters(gold: dict[str, str], predicted: dict[str, str]) -> IncidentScores:
    articles = sorted(a for a in gold if a in predicted)
    missing = sorted(a for a in gold if a not in predicted)
    same_gold = {p for p in combinations(articles, 2) if gold[p[0]] == gold[p[1]]}
    same_pred = {p for p in combinations(articles, 2) if predicted[p[0]] == predicted[p[1]]}
    both = len(same_gold & same_pred)
    pairwise = _prf(both / len(same_pred) if same_pred else 1.0,
                    both / len(same_gold) if same_gold else 1.0)  # fmt: skip
    precision = recall = 0.0
    for article in articles:
        mine = {a for a in articles if predicted[a] == predicted[article]}
        true = {a for a in articles if gold[a] == gold[article]}
        precision += len(mine & true) / len(mine)
        recall += len(mine & true) / len(true)
    n = len(articles) or 1
    return IncidentScores(len(articles), missing, pairwise, _prf(precision / n, recall / n))


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
