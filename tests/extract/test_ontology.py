"""The ontology table is data: a mistake in it is refused when it loads, naming the file."""

import copy

import pytest

from newsledger.data import load_toml
from newsledger.errors import ResourceError
from newsledger.extract.ontology import Ontology


def test_misspelt_type_in_a_stage_list_is_refused_with_the_file_name():
    table = copy.deepcopy(load_toml("ontology/plover.toml"))  # the loader caches
    table["stages"]["harmful"].append("ASSUALT")
    with pytest.raises(ResourceError, match=r"plover\.toml.*unknown types \['ASSUALT'\]"):
        Ontology(table)


def test_missing_stage_list_is_refused():
    table = copy.deepcopy(load_toml("ontology/plover.toml"))  # the loader caches
    del table["stages"]["mergeable"]
    with pytest.raises(ResourceError, match=r"plover\.toml: missing .* 'mergeable'"):
        Ontology(table)


def test_a_quad_category_without_a_number_is_refused():
    table = copy.deepcopy(load_toml("ontology/plover.toml"))  # the loader caches
    del table["quad_codes"]["verbal conflict"]
    with pytest.raises(ResourceError, match=r"plover\.toml: no \[quad_codes\] .*'verbal conflict'"):
        Ontology(table)


def test_packaged_stages_name_only_plover_types():
    ontology = Ontology.packaged()
    assert "ASSAULT" in ontology.harmful and "ASSAULT" in ontology.mergeable
    assert "ACCUSE" not in ontology.mergeable  # each statement is its own event
    assert "ACCUSE" not in ontology.material
