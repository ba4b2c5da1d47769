"""Public functions of the library carry numpy-style docstrings."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import analysis

MODULES = sorted(m.name for m in pkgutil.iter_modules(analysis.__path__) if not m.name.startswith("_"))


def public_functions():
    for name in MODULES:
        mod = importlib.import_module(f"analysis.{name}")
        for fname, fn in inspect.getmembers(mod, inspect.isfunction):
            if not fname.startswith("_") and fn.__module__ == mod.__name__:
                yield f"analysis.{name}.{fname}", fn


@pytest.mark.parametrize("module", MODULES)
def test_module_docstring(module):
    assert (importlib.import_module(f"analysis.{module}").__doc__ or "").strip()


@pytest.mark.parametrize("qualname, fn", list(public_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_function_docstring(qualname, fn):
    doc = inspect.getdoc(fn) or ""
    assert doc, f"{qualname} has no docstring"
    params = [p for p in inspect.signature(fn).parameters if p not in ("self", "cls")]
    if len(params) > 1 or (params and "\n" in doc):
        # functions with parameters document them in a numpy-style section,
        # unless their one-line summary names the single argument
        documented = "Parameters\n----------" in doc or all(p in doc for p in params)
        assert documented, f"{qualname} does not document its parameters {params}"
