"""User actor dictionaries: the CSV format and the PETRARCH/Phoenix formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write

from newsledger.errors import ResourceError
from newsledger.extract.dictionaries import read_user_dictionary

PHOENIX = """
# A small actor file in the PETRARCH/Phoenix format, written for this test.
<!-- regional militias
     not in the packaged dictionary -->
NORTHERN_SHIELD_BRIGADE_  [SDNUAF]   ; militia, Darfur
+SHIELD_BRIGADE_
+NSB_

KORVALI_LIBERATION_FRONT_   # a rebel movement
+KLF_
\t[ETHREB 100101-180101]
\t[ETHPTY >180101]

AMARA_TESFAYE_  ; a governor
\t[ETHGOV]
"""

AGENTS = """
WATER_MINISTER_ {WATER_MINISTERS_} [~GOV] # an agent line
TRIBAL_ELDER_ [~CVL]
"""


def test_phoenix_actor_records_with_synonyms_and_date_restrictions(tmp_path):
    dictionary = read_user_dictionary(write(tmp_path / "extra.actors.txt", PHOENIX))
    brigade = dictionary.actors["northern shield brigade"]
    assert (brigade.country, brigade.sector) == ("SDN", "UAF")
    assert dictionary.actors["nsb"] == brigade
    assert dictionary.actors["shield brigade"].name == "Northern Shield Brigade"
    # the latest date restriction is the one in force
    assert (dictionary.actors["klf"].country, dictionary.actors["klf"].sector) == ("ETH", "PTY")
    assert dictionary.actors["amara tesfaye"].sector == "GOV"
    assert "regional militias" not in dictionary.actors


def test_phoenix_agent_lines_give_sectors(tmp_path):
    dictionary = read_user_dictionary(write(tmp_path / "extra.agents.txt", AGENTS))
    assert dictionary.roles["water minister"] == "GOV"
    assert dictionary.roles["water ministers"] == "GOV"
    assert dictionary.roles["tribal elders"] == "CVL"


def test_csv_dictionary_holds_actors_and_role_words(tmp_path):
    path = write(
        tmp_path / "actors.csv",
        "alias,name,country,sector\n"
        "Desert Hawks,Desert Hawks Brigade,LBY,UAF\n"
        "harbour master,,,GOV\n",
    )
    dictionary = read_user_dictionary(path)
    assert dictionary.actors["desert hawks"].name == "Desert Hawks Brigade"
    assert dictionary.roles["harbour master"] == "GOV"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.csv", "alias,name,country,sector\nFoo,,ZZZZ,GOV\n", "bad.csv:2: country"),
        ("bad.csv", "alias,name,country,sector\nFoo,,LBY,XYZ\n", "bad.csv:2: sector"),
        ("bad.csv", "alias,name,country,sector\nFoo,,XYZ,UAF\n", "bad.csv:2: country 'XYZ'"),
        ("bad.csv", "alias,name,country,sector\nFoo,Foo,QQQ,\n", "bad.csv:2: country 'QQQ'"),
        ("bad.csv", "alias,name,sector\nFoo,Foo,UAF\n", "bad.csv: .*missing: country"),
        ("bad.csv", "alias,country,sector\nFoo,LBY,UAF\n", "bad.csv: .*missing: name"),
        ("bad.csv", "alias,name,country,sector\nFoo,Foo Brigade,LBY\n", "bad.csv:2: a row needs"),
        ("bad.csv", "alias,name,country,sector\nFoo,Foo,LBY,UAF,extra\n", "bad.csv:2: a row"),
        ("bad.txt", "+ORPHAN_SYNONYM_\n", "bad.txt:1: a +synonym before any record"),
        ("bad.txt", "GROUP_ [SDNUAF]\n\t[SDN UAF extra\n", "bad.txt:2"),
    ],
)
def test_malformed_dictionaries_name_the_file_and_line(tmp_path, name, text, message):
    with pytest.raises(ResourceError, match=message.replace("+", r"\+")):
        read_user_dictionary(write(tmp_path / name, text))


def test_cli_actors_option_extends_coding(run_cli, tmp_path: Path):
    article = write(
        tmp_path / "darfur.txt",
        "Nyala, March 3 (SDW) -- The Shield Brigade attacked a market on Sunday.\n",
    )
    dictionary = write(tmp_path / "extra.actors.txt", PHOENIX)
    without = json.loads(run_cli("extract", str(article), "--json").stdout)
    with_extra = json.loads(
        run_cli("extract", str(article), "--json", "--actors", str(dictionary)).stdout
    )
    assert without["events"][0]["actor"]["country"] is None
    actor = with_extra["events"][0]["actor"]
    assert (actor["country"], actor["sector"], actor["name"]) == (
        "SDN", "UAF", "Northern Shield Brigade"
    )  # fmt: skip
