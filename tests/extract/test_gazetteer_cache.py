"""The gazetteer cache (issue 17): built once, loaded by later processes, rebuilt when
what it was built from changes or the file is damaged, and never in the way when the
cache folder cannot be written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = (
    "import json, time; t = time.perf_counter();"
    "from newsledger.extract.gazetteer import Gazetteer;"
    "g = Gazetteer.packaged();"
    "print(json.dumps({'places': len(g), 'mokha': g.candidates('Mokha')[0].name}))"
)


def _probe(cache: Path | str, **env: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**os.environ, "NEWSLEDGER_CACHE": str(cache), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.pickle"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("cache")
    return folder, _probe(folder)


def test_the_first_process_writes_the_cache_and_the_next_reads_it(built):
    folder, first = built
    [written] = _files(folder)
    stamp = written.stat().st_mtime_ns
    assert _probe(folder) == first
    assert _files(folder) == [written] and written.stat().st_mtime_ns == stamp  # read, not rebuilt
    assert first["mokha"] == "Mocha"


def test_a_damaged_cache_file_is_rebuilt(built, tmp_path):
    folder, first = built
    copy = tmp_path / "cache"
    copy.mkdir()
    [written] = _files(folder)
    (copy / written.name).write_bytes(written.read_bytes()[:1000])  # cut short
    assert _probe(copy) == first
    assert (copy / written.name).stat().st_size > 1_000_000  # whole again (pickles vary)


def test_a_new_user_dictionary_builds_a_new_cache_and_drops_the_old(built, tmp_path):
    folder, first = built
    copy = tmp_path / "cache"
    copy.mkdir()
    [written] = _files(folder)
    (copy / written.name).write_bytes(written.read_bytes())
    actors = tmp_path / "actors.csv"
    actors.write_text("alias,name,country,sector\nKorvali Front,Korvali Front,SDN,REB\n")
    assert _probe(copy, NEWSLEDGER_ACTORS=str(actors))["places"] == first["places"]
    [rebuilt] = _files(copy)
    assert rebuilt.name != written.name


def test_an_unwritable_cache_folder_costs_only_the_build(built, tmp_path):
    _, first = built
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert _probe(blocked / "cache") == first
    assert _probe("off") == first
