"""Incidents: the events of different articles that tell one real-world happening,
linked after the ledger stores them (`linker.py`), each within its block of stored
events it may meet (`blocks.py`), with the copies of one report counted once
(`copies.py`), pairs scored on explainable features (`features.py`), clustered by
average link with cannot-links (`cluster.py`) and summed up as records with every
source behind them (`incidents.py`). Settings: `resources/patterns/linking.toml`."""

from newsledger.link.linker import link_articles, link_unlinked, rebuild
from newsledger.link.settings import LinkSettings

__all__ = ["LinkSettings", "link_articles", "link_unlinked", "rebuild"]
