"""The quick reader runs are for `pytest -m "not long"`: where the long run is selected
too (the whole suite, as CI runs it), it reads the same kinds of documents fifty times
over, and the quick ones are left out."""

from __future__ import annotations

import pytest

_QUICK = "test_a_reader_answers_hostile_input_with_an_article_or_one_line"
_LONG = "test_every_reader_on_10000_hostile_documents"


@pytest.hookimpl(trylast=True)  # after `-m` and `-k` have chosen
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not any(getattr(item, "originalname", None) == _LONG for item in items):
        return
    quick = [item for item in items if getattr(item, "originalname", None) == _QUICK]
    if quick:
        config.hook.pytest_deselected(items=quick)
        items[:] = [item for item in items if item not in quick]
