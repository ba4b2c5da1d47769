"""Each table loads in one call as a typed DataFrame, validated first, documented from the schema."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

import analysis
from analysis import paths
from analysis.data.load import load_table
from analysis.data.schema import resources
from analysis.data.validate import DataValidationError
from conftest import set_cell

TABLES = list(resources())


@pytest.mark.parametrize("name", TABLES)
def test_loader_types_follow_the_schema(name):
    df = getattr(analysis, f"load_{name}")()
    res = resources()[name]
    assert list(df.columns) == [f.name for f in res.fields]
    for f in res.fields:
        dtype = df[f.name].dtype
        if f.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), f.name
        elif f.type == "integer":
            assert str(dtype) == "Int64", f.name
        elif f.type == "number":
            assert str(dtype) == "Float64", f.name
        elif f.type == "boolean":
            assert str(dtype) == "boolean", f.name
        elif f.enum is not None:
            assert isinstance(dtype, pd.CategoricalDtype) and list(dtype.categories) == list(f.enum), f.name
        else:
            assert str(dtype).startswith("string"), f.name


@pytest.mark.parametrize("name", TABLES)
def test_loader_keeps_every_row(name):
    with open(paths.RAW / f"{name}.csv", encoding="utf-8", newline="") as fh:
        n = sum(1 for _ in csv.DictReader(fh))
    df = getattr(analysis, f"load_{name}")()
    assert len(df) == n
    key = resources()[name].primary_key
    assert not df.duplicated(list(key)).any()


@pytest.mark.parametrize("name", TABLES)
def test_loader_docstring_documents_every_column(name):
    doc = getattr(analysis, f"load_{name}").__doc__
    for f in resources()[name].fields:
        assert f"``{f.name}``" in doc
        assert f.description in doc
    assert "Returns\n-------" in doc and "Raises\n------" in doc


def test_empty_cells_are_missing_not_empty_strings():
    claims = analysis.load_claims()
    assert claims["subject_id"].isna().any()
    assert not (claims["subject_id"] == "").any()


def test_loader_refuses_invalid_data(project):
    set_cell(project, "claims", "cl_fighters_nemat", "best", "eighty")
    with pytest.raises(DataValidationError, match=r"claims\.csv:\d+: best: type: not a whole number \(eighty\)"):
        load_table("claims", project)
    # every table is guarded, not only the broken one
    with pytest.raises(DataValidationError):
        load_table("places", project)


def test_unknown_table_lists_the_tables():
    with pytest.raises(KeyError, match="the tables are: sources, places"):
        load_table("fighters")
