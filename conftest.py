"""Test session set-up shared by the unit tests, the doctests and nbval.

Notebooks executed by the tests (nbval re-runs the committed ones) write their
figures, tables and values into a temporary directory, never into ``paper/``.
"""
import os
import tempfile

_OUTPUTS = tempfile.TemporaryDirectory(prefix="jawzjan-test-outputs-")


def pytest_configure(config):
    os.environ["JAWZJAN_OUTPUT_ROOT"] = _OUTPUTS.name
