"""Officials coded by the dated dictionary (resources/actors/officials.tsv), people named
again later in an article, and names of people that hold a group's or country's word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import write

from newsledger.article import Article
from newsledger.errors import ResourceError
from newsledger.extract import extract
from newsledger.extract.dictionaries import packaged_dictionary, person_key, read_officials


def _actor(text: str, published: date | None, event_type: str | None = None):
    """The actor of the article's first event (of `event_type` where given)."""
    events = extract(Article(text=text, published=published)).events
    return next(e for e in events if event_type in (None, e.type)).actor


# --- officials in office on the article's date code as their country and sector -------


@pytest.mark.parametrize(
    ("text", "published", "country", "sector", "name"),
    [
        (
            "President Emmanuel Macron on Tuesday imposed an arms embargo on the junta in Niger.",
            date(2024, 5, 2), "FRA", "GOV", "Emmanuel Macron",
        ),
        ("Netanyahu threatened Hezbollah with a devastating response.",
         date(2024, 5, 2), "ISR", "GOV", "Benjamin Netanyahu"),
        ("Lavrov accused the West of prolonging the war.",
         date(2023, 6, 1), "RUS", "GOV", "Sergei Lavrov"),
        ("Gen. Abdel Fattah al-Burhan vowed to crush the paramilitaries.",
         date(2024, 1, 10), "SDN", "MIL", "Abdel Fattah al-Burhan"),
        ("Hemedti accused the army of bombing civilians.",
         date(2024, 1, 10), "SDN", "UAF", "Mohamed Hamdan Dagalo"),
        ("Kagame denied backing the M23 rebels.", date(2025, 2, 1), "RWA", "GOV", "Paul Kagame"),
        ("Syrskyi ordered the troops to withdraw from Avdiivka.",
         date(2024, 2, 20), "UKR", "MIL", "Oleksandr Syrskyi"),
        ("Modi condemned the attack in Pahalgam.",
         date(2025, 4, 25), "IND", "GOV", "Narendra Modi"),
    ],
)  # fmt: skip
def test_an_official_codes_as_the_office_held_on_the_publication_date(
    text, published, country, sector, name
):
    actor = _actor(text, published)
    assert (actor.country, actor.sector, actor.name) == (country, sector, name)


def test_an_officials_name_before_a_role_word_gives_the_country_and_the_role_the_sector():
    actor = _actor("Putin's troops shelled Kharkiv.", date(2024, 5, 2))
    assert (actor.country, actor.sector) == ("RUS", "MIL")


@pytest.mark.parametrize(
    ("text", "published", "country", "name"),
    [
        ("Sheikh Tamim bin Hamad Al Thani condemned the attack on the convoy.",
         date(2024, 5, 1), "QAT", "Tamim bin Hamad Al Thani"),
        ("Emir Tamim bin Hamad Al Thani condemned the attack on the convoy.",
         date(2024, 5, 1), "QAT", "Tamim bin Hamad Al Thani"),
        ("Crown Prince Mohammed bin Salman met Blinken in Riyadh.",
         date(2023, 6, 1), "SAU", "Mohammed bin Salman"),
    ],
)  # fmt: skip
def test_a_title_the_recogniser_puts_inside_the_name_is_not_part_of_it(
    text, published, country, name
):
    """The recogniser tags "Sheikh Tamim bin Hamad Al Thani" PERSON whole: the title
    ("Sheikh", from titles.tsv) does not make the emir's name part of a longer one."""
    actor = _actor(text, published)
    assert (actor.country, actor.sector, actor.name) == (country, "GOV", name)


# --- term boundaries: the same name, before and after leaving or changing office -------


@pytest.mark.parametrize(
    ("text", "published", "country", "sector", "role"),
    [
        ("Kuleba condemned the strike on the port.", date(2023, 5, 1), "UKR", "GOV",
         "foreign minister"),
        ("Kuleba condemned the strike on the port.", date(2025, 5, 1), None, None, None),
        ("Yoav Gallant threatened to expand the offensive.", date(2024, 3, 1), "ISR", "GOV",
         "defence minister"),
        ("Yoav Gallant threatened to expand the offensive.", date(2025, 3, 1), None, None, None),
        ("Ali Khamenei threatened to retaliate.", date(2025, 5, 1), "IRN", "GOV",
         "supreme leader"),
        ("Ali Khamenei threatened to retaliate.", date(2026, 6, 1), None, None, None),
        ("Lecornu condemned the attack on the convoy.", date(2023, 5, 1), "FRA", "GOV",
         "defence minister"),
        ("Lecornu condemned the attack on the convoy.", date(2025, 10, 20), "FRA", "GOV",
         "prime minister"),
        ("Liz Truss condemned the attack on the convoy.", date(2022, 1, 10), "GBR", "GOV",
         "foreign secretary"),
        ("Liz Truss condemned the attack on the convoy.", date(2022, 10, 10), "GBR", "GOV",
         "prime minister"),
        ("Ahmed al-Sharaa threatened the regime.", date(2023, 5, 1), "SYR", "REB", "hts leader"),
        ("Ahmed al-Sharaa threatened the rebels.", date(2025, 5, 1), "SYR", "GOV", "president"),
        ("Hibatullah Akhundzada urged fighters to stop attacks.", date(2020, 5, 1), "AFG", "REB",
         "taliban leader"),
        ("Hibatullah Akhundzada urged fighters to stop attacks.", date(2022, 5, 1), "AFG", "GOV",
         "supreme leader"),
    ],
)  # fmt: skip
def test_an_official_codes_only_within_the_term_and_as_the_office_of_the_day(
    text, published, country, sector, role
):
    actor = _actor(text, published)
    assert (actor.country, actor.sector, actor.role) == (country, sector, role)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Kuleba condemned the strike on the port.", "UKR", "GOV"),  # one office
        ("Lecornu condemned the attack on the convoy.", "FRA", "GOV"),  # two, both FRA/GOV
        ("Ahmed al-Sharaa threatened the rebels.", None, None),  # HTS leader, then president
    ],
)
def test_without_a_date_an_official_codes_only_when_every_office_agrees(text, country, sector):
    actor = _actor(text, None)
    assert (actor.country, actor.sector) == (country, sector)


# --- later mentions in the same article ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "event_type", "name", "country"),
    [
        (
            "President Emmanuel Macron met African leaders in Paris on Monday. "
            "Macron later accused Russia of destabilising the Sahel.",
            date(2024, 5, 2), "ACCUSE", "Emmanuel Macron", "FRA",
        ),
        (
            "President William Ruto met Abiy Ahmed in Addis Ababa. "
            "The president later accused Somalia of stoking tensions.",
            date(2024, 5, 1), "ACCUSE", "William Ruto", "KEN",
        ),
        (
            "Sergei Lavrov met his Chinese counterpart in Beijing. "
            "The minister accused Washington of provoking the conflict.",
            date(2024, 5, 1), "ACCUSE", "Sergei Lavrov", "RUS",
        ),
        (
            "Prime Minister Abiy Ahmed signed a truce with the Tigrayan rebels. "
            "He accused Eritrea of obstructing the deal.",
            date(2022, 11, 1), "ACCUSE", "Abiy Ahmed", "ETH",
        ),
        (
            "Zelensky met Erdogan in Istanbul. He urged Russia to withdraw its troops.",
            date(2021, 3, 1), "REQUEST", "Volodymyr Zelensky", "UKR",
        ),
        (
            "Israeli Prime Minister Benjamin Netanyahu threatened Hezbollah. "
            "The prime minister also accused Iran of arming the group. "
            "He later met Putin in Moscow.",
            date(2024, 5, 2), "CONSULT", "Benjamin Netanyahu", "ISR",
        ),
    ],
)  # fmt: skip
def test_a_later_surname_title_or_he_codes_as_the_person_introduced(
    text, published, event_type, name, country
):
    actor = _actor(text, published, event_type)
    assert (actor.name, actor.country, actor.sector) == (name, country, "GOV")


def test_a_he_with_no_person_named_just_before_stays_uncoded():
    text = (
        "Kenyan police arrested 20 protesters. Rain fell overnight. "
        "He accused the opposition of plotting a coup."
    )
    actor = _actor(text, date(2024, 5, 1), "ACCUSE")
    assert (actor.name, actor.country) == (None, None)


# --- a person's name is not the group or country a word of it names --------------------


@pytest.mark.parametrize(
    ("text", "published", "wrong", "country"),
    [
        (
            "Kenya's foreign minister Grace Wagner Otieno accused Ethiopia of sending "
            "troops over the border.",
            date(2024, 5, 2), "RUS", "KEN",
        ),
        ("Thérèse Kayikwamba Wagner accused Rwanda of backing the rebels.",
         date(2025, 3, 1), "RUS", "COD"),
        ("Michael Jordan criticised the referees.", date(2024, 5, 1), "JOR", None),
        ("Jordan Peterson criticised the protesters.", date(2024, 5, 1), "JOR", None),
        ("Chad Smith condemned the attack on the village.", date(2024, 5, 1), "TCD", None),
        ("Georgia Harrison condemned the attack on the village.", date(2024, 5, 1), "GEO", None),
        ("Eric Trump criticised the ruling.", date(2025, 5, 1), "USA", None),
        ("Maher al-Assad threatened the rebels.", date(2020, 5, 1), "SYR", None),
    ],
)  # fmt: skip
def test_a_word_inside_a_persons_name_does_not_code_the_person(text, published, wrong, country):
    actor = _actor(text, published, "ACCUSE" if "accused" in text else None)
    assert actor.country != wrong
    assert actor.country == country


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Houthi spokesman Mohammed Ali condemned the strikes.", "YEM", "REB"),
        ("Hamas official Basem Naim condemned the raid.", "PSE", "REB"),
        ("Iraqi Foreign Minister Fuad Hussein condemned the attack.", "IRQ", "GOV"),
    ],
)
def test_a_group_or_country_before_a_title_still_codes_the_person(text, country, sector):
    actor = _actor(text, date(2024, 5, 1))
    assert (actor.country, actor.sector) == (country, sector)


# --- the dictionary file ------------------------------------------------------------------

HEADER = "name\taliases\tcountry\tsector\trole\tstart\tend\tsource\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ana Lima\t\tXXX\tGOV\tpresident\t2020-01-01\t\tsite", "country 'XXX'"),
        ("Ana Lima\t\tBRA\tBOSS\tpresident\t2020-01-01\t\tsite", "sector 'BOSS'"),
        ("Ana Lima\t\tBRA\tGOV\tpresident\t1/1/2020\t\tsite", "start '1/1/2020'"),
        ("Ana Lima\t\tBRA\tGOV\tpresident\t2020-01-01\t2019-12-31\tsite", "before start"),
        ("Ana Lima\t\tBRA\tGOV\tpresident\t2020-01-01\t\t", "empty source"),
        ("Ana Lima\tLima||A. Lima\tBRA\tGOV\tpresident\t2020-01-01\t\tsite", "empty alias"),
    ],
)
def test_a_malformed_official_is_refused_with_file_and_line(tmp_path: Path, row, message):
    path = write(tmp_path / "officials.tsv", "# officials\n" + HEADER + row + "\n")
    with pytest.raises(ResourceError, match=message) as error:
        read_officials(path)
    assert f"{path}:3:" in str(error.value)


def test_an_alias_two_people_share_is_refused(tmp_path: Path):
    path = write(
        tmp_path / "officials.tsv",
        HEADER + "Nawaz Sharif\tSharif\tPAK\tGOV\tprime minister\t2013-06-05\t2017-07-28\tw\n"
        "Shehbaz Sharif\tSharif\tPAK\tGOV\tprime minister\t2022-04-11\t\tw\n",
    )
    with pytest.raises(ResourceError, match="'Sharif' names Shehbaz Sharif here and Nawaz"):
        read_officials(path)


def test_rows_of_one_name_are_one_person_reached_by_every_alias(tmp_path: Path):
    path = write(
        tmp_path / "officials.tsv",
        HEADER + "Liz Truss\tTruss\tGBR\tGOV\tforeign secretary\t2021-09-15\t2022-09-06\tw\n"
        "Liz Truss\t\tGBR\tGOV\tprime minister\t2022-09-06\t2022-10-25\tw\n",
    )
    officials = read_officials(path)
    assert [t.role for t in officials["truss"]] == ["foreign secretary", "prime minister"]


def test_packaged_official_aliases_name_no_country_organisation_or_role():
    """A surname alone is listed only where no dictionary word is spelled the same."""
    dictionary = packaged_dictionary()
    words = {person_key(k) for k in dictionary.actors} | {person_key(k) for k in dictionary.roles}
    assert sorted(set(dictionary.officials) & words) == []
