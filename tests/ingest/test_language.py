"""Language detection: articles not in English are stored, warned about, and not coded.

The foreign articles below were written for these tests. Each holds words the English
dictionaries know ("explosion", "veto", "Protest", "embargo", "Ultimatum"), so coding
them as English would produce events: the fault these tests guard against.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from tests.conftest import PROTEST_ARTICLE, newsledger_cli, write

from newsledger.ingest.language import detect_language, language_name, uncoded_reason

FOREIGN = {
    "fr": """
        Dakar : la police disperse une marche de l'opposition

        Dakar, 14 mars (APS) -- La police sénégalaise a tiré des gaz lacrymogènes mardi sur
        plusieurs milliers de manifestants qui réclamaient la libération d'un opposant
        arrêté la semaine dernière. Une explosion a été entendue près du parlement et deux
        policiers ont été blessés, selon le ministère de l'Intérieur. L'opposition dénonce
        une offensive contre les libertés et demande des sanctions contre les responsables,
        tandis que le gouvernement appelle au dialogue et promet un accord avant la session
        parlementaire.
        """,
    "pt": """
        Ataque contra comboio militar deixa cinco soldados mortos em Cabo Delgado

        Maputo, 3 de junho (Lusa) -- Homens armados atacaram na segunda-feira um comboio do
        exército moçambicano na província de Cabo Delgado, matando cinco soldados e ferindo
        outros sete, segundo fontes militares. O ministro da Defesa condenou o ataque e
        prometeu reforçar a presença das tropas na região. A oposição exigiu um embargo de
        armas aos grupos rebeldes e ameaçou usar o seu veto no parlamento, enquanto
        centenas de moradores fugiram das aldeias vizinhas.
        """,
    "pl": """
        Protest rolników przed kancelarią premiera w Warszawie

        Warszawa, 12 lutego (PAP) -- Kilka tysięcy rolników zablokowało we wtorek ulice w
        centrum stolicy. Protest był skierowany przeciwko importowi zboża z Ukrainy, a
        związkowcy domagali się embargo na ukraińskie produkty rolne. Policja zatrzymała
        dwanaście osób, a trzech funkcjonariuszy zostało rannych w starciach. Przywódcy
        związku postawili rządowi ultimatum: jeśli do piątku minister rolnictwa nie
        ustąpi, protest obejmie cały kraj.
        """,
    "es": """
        Combates entre el ejército y disidentes dejan doce muertos en el Cauca

        Bogotá, 21 de septiembre (EFE) -- Al menos doce personas murieron el sábado en
        combates entre el ejército colombiano y disidentes de las FARC en el departamento
        del Cauca, informó el Ministerio de Defensa. El presidente condenó la violencia y
        ordenó el envío de quinientos soldados a la zona. La oposición pidió un embargo de
        armas contra los grupos ilegales y anunció su veto a la reforma, mientras los
        líderes indígenas denunciaron amenazas contra sus comunidades.
        """,
    "de": """
        Anschlag auf Polizeistation im Nordirak: drei Beamte getötet

        Erbil, 8. April (dpa) -- Bei einer Explosion vor einer Polizeistation im Norden des
        Irak sind am Montag drei Polizisten getötet und vier weitere verletzt worden. Die
        kurdische Regionalregierung machte die Terrormiliz Islamischer Staat für die
        Attacke verantwortlich und kündigte eine Offensive an. In Bagdad gab es Protest
        gegen die Blockade der Grenzübergänge, und die Regierung stellte den Milizen ein
        Ultimatum.
        """,
}
NAMES = {"fr": "French", "pt": "Portuguese", "pl": "Polish", "es": "Spanish", "de": "German"}

# English that a detector could take for something else: two sentences only, and a
# paragraph made mostly of Arabic, Ukrainian, Turkish and Persian names.
ENGLISH = {
    "short": """
        Police arrested twelve protesters in Nairobi on Tuesday. The interior minister said
        the march was illegal.
        """,
    "names": """
        Abdul-Mahdi al-Sudani met Volodymyr Zelensky in Baghdad on Monday. Mohammed Shia
        al-Sudani and Fuad Hussein later received Hakan Fidan and Ali Bagheri Kani.
        """,
    "protest": PROTEST_ARTICLE,
}
ENGLISH_EVENTS = {"short": "COERCE", "names": "CONSULT", "protest": "PROTEST"}


def _text(article: str) -> str:
    return " ".join(article.split())


# -- detection ------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_a_foreign_news_paragraph_gets_its_language(code):
    assert detect_language(_text(FOREIGN[code])) == code


@pytest.mark.parametrize(
    "text",
    [
        _text(ENGLISH["short"]),
        _text(ENGLISH["names"]),
        _text(PROTEST_ARTICLE),
        "Abdul-Mahdi al-Sudani met Volodymyr Zelensky in Baghdad",
        'Protesters chanted "Liberté, égalité, fraternité" outside the French embassy.',
        "Recep Tayyip Erdoğan and Kassym-Jomart Tokayev signed a deal in Astana.",
        "Uganda has",
    ],
)
def test_english_stays_english_however_short_or_full_of_foreign_names(text):
    assert detect_language(text) == "en"


def test_a_text_too_short_to_tell_is_taken_as_english():
    """A German headline alone (17 letters) is no evidence either way."""
    assert detect_language("Anschlag in Erbil") == "en"


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("La police a arrêté douze manifestants à Dakar mardi.", "fr"),
        ("La policía detuvo a doce manifestantes en Madrid el martes.", "es"),
        ("Policja zatrzymała dwunastu demonstrantów w Warszawie we wtorek.", "pl"),
    ],
)
def test_one_foreign_sentence_is_enough(sentence, code):
    assert detect_language(sentence) == code


def test_the_warning_names_the_language_in_english():
    assert language_name("pt") == "Portuguese"
    assert uncoded_reason("pl") == (
        "written in Polish (pl); only English is coded, so no events were extracted"
    )
    assert uncoded_reason("en") is None


# -- the command line, end to end -------------------------------------------------------


def _newsledger(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return newsledger_cli(cwd, *args)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages") / "corpus"
    for code, article in FOREIGN.items():
        write(folder / f"{code}.txt", article)
    for name, article in ENGLISH.items():
        write(folder / f"en_{name}.txt", article)
    return folder


def _warning(path: Path, code: str) -> str:
    return (
        f"warning: {path}: written in {NAMES[code]} ({code}); only English is coded, "
        "so no events were extracted"
    )


@pytest.fixture(scope="module")
def extracted(corpus: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, dict]]:
    result = _newsledger(corpus.parent, "extract", str(corpus), "--json")
    by_name = {Path(r["article"]["origin"]).stem: r for r in json.loads(result.stdout or "[]")}
    return result, by_name


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_extract_warns_and_codes_nothing_for_a_foreign_article(extracted, corpus, code):
    result, by_name = extracted
    assert result.returncode == 0, result.stderr
    assert _warning(corpus / f"{code}.txt", code) in result.stderr.splitlines()
    assert by_name[code]["article"]["language"] == code
    assert by_name[code]["events"] == []
    assert by_name[code]["quotes"] == []


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_extract_keeps_coding_english(extracted, corpus, name):
    result, by_name = extracted
    assert by_name[f"en_{name}"]["article"]["language"] == "en"
    types = {event["type"] for event in by_name[f"en_{name}"]["events"]}
    assert ENGLISH_EVENTS[name] in types
    assert f"en_{name}.txt" not in result.stderr


@pytest.fixture(scope="module", params=[1, 2], ids=["in-process", "two-workers"])
def ingested(request, corpus: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    db = corpus.parent / f"ledger-{request.param}.db"
    result = _newsledger(
        corpus.parent, "ingest", str(corpus), "--db", str(db), "--workers", str(request.param)
    )
    return result, db


def _stored(db: Path, path: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT language, (SELECT count(*) FROM events WHERE article_hash = hash) "
            "FROM articles WHERE origin = ?",
            (str(path),),
        ).fetchone()


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_ingest_stores_a_foreign_article_without_events_and_warns(ingested, corpus, code):
    result, db = ingested
    assert result.returncode == 0, result.stderr
    assert _warning(corpus / f"{code}.txt", code) in result.stderr.splitlines()
    assert _stored(db, corpus / f"{code}.txt") == (code, 0)


def test_ingest_closing_line_counts_the_articles_not_in_english(ingested):
    result, _ = ingested
    assert result.stdout.strip().splitlines()[-1] == (
        "ingested 8, unchanged 0, failed 0 (5 not in English: stored without events)"
    )


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_ingest_stores_english_with_its_events(ingested, corpus, name):
    _, db = ingested
    language, events = _stored(db, corpus / f"en_{name}.txt")
    assert language == "en"
    assert events > 0


def test_a_foreign_json_lines_record_is_named_by_its_line(tmp_path):
    records = [
        {"id": "fr-1", "text": _text(FOREIGN["fr"])},
        {"id": "en-1", "text": _text(ENGLISH["short"])},
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = _newsledger(tmp_path, "extract", str(dump), "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["article"]["id"], r["article"]["language"]) for r in lines] == [
        ("fr-1", "fr"),
        ("en-1", "en"),
    ]
    assert lines[0]["events"] == [] and lines[1]["events"]
    assert result.stderr.splitlines() == [
        f"warning: {dump}:1: written in French (fr); only English is coded, "
        "so no events were extracted"
    ]
