"""Shared fixtures: temporary copies of the project and the source texts."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from analysis import paths

ROOT = paths.ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's data in a temporary directory, for the library of this process to read.

    The library itself is not copied (tests pass the copy as ``root``, or ask for :func:`in_project`):
    a test that runs the library's commands on the copy in a subprocess asks for
    :func:`project_with_library`.
    """
    dst = tmp_path / "project"
    dst.mkdir()
    shutil.copytree(ROOT / "data", dst / "data")
    return dst


@pytest.fixture
def in_project(project: Path, monkeypatch) -> Path:
    """A copy of the project's data that this process's library reads as the project's, for the test.

    ``analysis.paths.ROOT`` points at the copy while the test runs: every loader (and every topic
    function built on them) reads and validates the copy's tables, as edited by the test.
    """
    from analysis import paths as project_paths

    monkeypatch.setattr(project_paths, "ROOT", project)
    return project


@pytest.fixture
def project_with_library(project: Path) -> Path:
    """A copy of the project's data and library: its own code runs on its own data."""
    shutil.copytree(ROOT / "analysis", project / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    return project


@pytest.fixture(scope="session")
def source_dir() -> Path:
    """The directory of source texts, or a skip that says why there is none."""
    d = paths.sources_dir()
    if d is None:
        pytest.skip(
            f"source texts not found: neither ${paths.SOURCES_ENV} nor ../shared/sources beside the "
            "project exists, so claims cannot be checked against their paragraphs"
        )
    return d


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV as header and rows of strings."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a CSV with minimal quoting and ``\\n`` line endings."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def set_cell(root: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of a raw table in a copy; return the file line of that row."""
    path = root / "data" / "raw" / f"{table}.csv"
    header, rows = read_rows(path)
    col = header.index(column)
    for i, row in enumerate(rows):
        if row[0] == row_id:
            row[col] = value
            write_rows(path, header, rows)
            return i + 2
    raise KeyError(row_id)


def line_of(root: Path, table: str, row_id: str) -> int:
    """File line of the row whose first cell is ``row_id``."""
    _, rows = read_rows(root / "data" / "raw" / f"{table}.csv")
    return [r[0] for r in rows].index(row_id) + 2


COPY_ITEMS = ("analysis", "data", "notebooks", "paper", "Makefile", "pyproject.toml", "conftest.py", "CITATION.cff",
              "requirements.lock", "requirements", "tests/warm_kernels.py")


def copy_project(dst: Path) -> Path:
    """Copy the whole project into ``dst`` (sharing the environment); return ``dst``."""
    dst.mkdir(parents=True)
    for item in COPY_ITEMS:
        src = ROOT / item
        if src.is_dir():
            # compiled modules come along (their source times are kept, so Python still checks them)
            shutil.copytree(src, dst / item, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            (dst / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / item)
    (dst / ".venv").symlink_to(ROOT / ".venv")
    return dst


def add_build_state(root: Path) -> Path:
    """Give a copy the build rules and stamps (times kept), so that make sees it as up to date."""
    for sub in ("runs.mk", "params", "stamps"):
        src = ROOT / "build" / sub
        dst = root / "build" / sub
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.exists():
            shutil.copy2(src, dst)
    return root


@pytest.fixture
def full_project(tmp_path: Path) -> Path:
    """A copy of the whole project (sharing the environment) for runs of make, the runner or nbval."""
    return copy_project(tmp_path / "project")


def project_env(root: Path, **extra) -> dict:
    """Environment for a subprocess working on a copy: the copy's library comes first.

    Raises
    ------
    FileNotFoundError
        If the copy has no library: the subprocess would import this checkout's, which reads
        this checkout's data, not the copy's.
    """
    import os

    if not (root / "analysis" / "__init__.py").is_file():
        raise FileNotFoundError(f"{root} has no copy of the library (use the project_with_library fixture)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAWZJAN_")}
    env["PYTHONPATH"] = str(root)
    env.update(extra)
    return env


def run_runner(root: Path, *args: str, timeout: int = 300, **env):
    """Run ``python -m analysis.pipeline.runner ARGS`` on a copy; return the completed process."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "analysis.pipeline.runner", *args], cwd=root,
                          env=project_env(root, **env), capture_output=True, text=True, timeout=timeout)


def snapshot(root: Path, *dirs: str) -> dict[str, bytes]:
    """Bytes of every file under the given directories of ``root``."""
    out = {}
    for d in dirs:
        for p in sorted((root / d).rglob("*")):
            if p.is_file():
                out[str(p.relative_to(root))] = p.read_bytes()
    return out


@pytest.fixture
def built_project(full_project: Path) -> Path:
    """A full copy that make sees as up to date: the build rules and stamps come along, times kept."""
    return add_build_state(full_project)


OUTPUT_DIRS = ("data/processed", "paper/figures", "paper/tables", "paper/values", "paper/build", "notebooks")


def outputs(root: Path) -> dict[str, bytes]:
    """Every generated output of a copy, with the codebook."""
    snap = snapshot(root, *OUTPUT_DIRS)
    snap["data/CODEBOOK.md"] = (root / "data" / "CODEBOOK.md").read_bytes()
    return snap


def make(root: Path, *targets: str, timeout: int = 900, **env):
    import subprocess

    return subprocess.run(["make", *targets], cwd=root, env=project_env(root, **env), capture_output=True,
                          text=True, timeout=timeout)
