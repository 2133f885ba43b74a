"""A small real ledger for the export tests: six short articles from five countries,
extracted with the real pipeline and stored with `Ledger.write`, so that events link
into incidents (two outlets report one Mogadishu bombing), and the CLI run on it once
per export asked for."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import newsledger_cli

from newsledger.article import Article
from newsledger.export.columns import EVENT_COLUMNS
from newsledger.extract import extract
from newsledger.ledger import Ledger

ARTICLES = [
    dict(
        external_id="horn-1", source="Horn Wire", published=date(2024, 7, 1),
        title="Car bomb kills 12 at Mogadishu market",
        url="https://hornwire.example/2024/07/01/market-bomb",
        text="Car bomb kills 12 at Mogadishu market\n\nA car bomb killed 12 people at a "
        "market in Mogadishu on Monday, police said. Al-Shabaab said it carried out the "
        "attack.",
    ),
    dict(
        external_id="coast-1", source="Coast Post", published=date(2024, 7, 2),
        title="Mogadishu market toll rises to 20",
        url="https://coastpost.example/news/market-toll",
        text="Mogadishu market toll rises to 20\n\nA car bomb exploded at a market in "
        "Mogadishu on Monday, killing 20 people, hospital officials said on Tuesday.",
    ),
    dict(
        external_id="nairobi-1", source="Kenya Daily", published=date(2024, 6, 25),
        title="Thousands protest tax bill in Nairobi", url="https://kenyadaily.example/protest",
        text="Thousands protest tax bill in Nairobi\n\nThousands of Kenyans protested in "
        "Nairobi on Tuesday against a finance bill. Police fired tear gas at the protesters.",
    ),
    dict(
        external_id="iraq-1", source="Gulf Desk", published=date(2024, 2, 8),
        title="US drone strike kills militia commander in Baghdad",
        url="https://gulfdesk.example/2024/02/08/strike",
        text="US drone strike kills militia commander in Baghdad\n\nA U.S. drone strike "
        "killed a commander of Kataib Hezbollah and two other fighters in Baghdad on "
        "Wednesday, Iraqi officials said.",
    ),
    dict(
        external_id="nile-1", source="Nile Wire", published=date(2024, 5, 6),
        title="Ministers hold talks on river dispute",
        url="https://nilewire.example/2024/05/06/dam-talks",
        text="Ministers hold talks on river dispute\n\nEgyptian Foreign Minister Karim Adel "
        "met his Ethiopian counterpart in Cairo on Monday to discuss the filling of a dam "
        "on the Nile.",
    ),
    dict(
        external_id="darfur-1", source="Sudan Monitor", published=date(2024, 4, 12),
        title="RSF fighters kill villagers in Darfur", url="https://sudanmonitor.example/darfur",
        text="RSF fighters kill villagers in Darfur\n\nRSF fighters attacked the village of "
        "Um Kadada in North Darfur on Thursday, killing at least 15 civilians, residents "
        "said. The army threatened to strike RSF positions.",
    ),
]  # fmt: skip

Exported = tuple[Path, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def export_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "ledger.db"
    with Ledger(path) as ledger:
        ledger.write([extract(Article(**fields)) for fields in ARTICLES])
    return path


@pytest.fixture(scope="session")
def export(export_ledger, tmp_path_factory) -> Callable[..., Exported]:
    """`newsledger export --db LEDGER --format FMT [ARGS] --out FILE`, run once for each
    set of arguments; returns the file and the finished process."""
    folder = tmp_path_factory.mktemp("exports")
    done: dict[tuple[str, ...], Exported] = {}

    def run(fmt: str, *args: str) -> Exported:
        key = (fmt, *args)
        if key not in done:
            out = folder / f"{len(done)}.{fmt}"
            result = newsledger_cli(
                folder, "export", "--db", str(export_ledger), "--format", fmt, *args,
                "--out", str(out),
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            done[key] = (out, result)
        return done[key]

    return run


def flat_event(**fields: object) -> dict[str, object]:
    """A flat event row (`columns.EVENT_SCHEMA`) written by hand: an ASSAULT that ACLED
    codes as an attack, with the given columns, and empty ones elsewhere."""
    row: dict[str, object] = dict.fromkeys(EVENT_COLUMNS)
    row.update(
        id="0123456789ab-001", type="ASSAULT", mode=None, quad="material conflict",
        cameo="18", goldstein=-9.0, acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack", date="2024-05-01", date_precision="day",
        verbal=False, negated=False, hypothetical=False, future=False, generic=False,
        historical=False, background=False, confidence=0.6, sentence="It happened.",
        sentence_index=0, sentence_start=0, sentence_end=12, article_id="a-1",
        article_hash="0123456789ab" + "0" * 52, article_source="Test Wire",
        article_published="2024-05-02",
    )  # fmt: skip
    row.update(fields)
    return row
