"""Analysis library of the Jawzjan enclave compendium.

One obvious loader per table (``load_claims``, ``load_events``, ...), validation
that reports every problem at once, and the helpers the notebooks share:
the commanders roster, triangulation of contested estimates and
displacement in families or individuals.

The loaders are imported lazily, so that validating the data does not pay for
importing pandas.
"""
from __future__ import annotations

import importlib

_LAZY = {
    "load_actors": "analysis.data.load",
    "load_administration": "analysis.data.load",
    "load_affiliations": "analysis.data.load",
    "load_claims": "analysis.data.load",
    "load_events": "analysis.data.load",
    "load_places": "analysis.data.load",
    "load_sources": "analysis.data.load",
    "DataValidationError": "analysis.data.validate",
    "Problem": "analysis.data.validate",
    "validate_package": "analysis.data.validate",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
