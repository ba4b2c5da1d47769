"""Every path the project uses, in one place.

The project root is found from this file, so the library works from any
working directory (a notebook in ``notebooks/``, a test in a temporary copy).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
DATAPACKAGE = DATA / "datapackage.json"
CODEBOOK = DATA / "CODEBOOK.md"
BUILD = ROOT / "build"
PAPER = ROOT / "paper"
NOTEBOOKS = ROOT / "notebooks"

#: Environment variable naming a directory of source texts to use instead of
#: ``../shared/sources`` next to the project.
SOURCES_ENV = "JAWZJAN_SOURCES_DIR"


class SourcesDirError(RuntimeError):
    """``$JAWZJAN_SOURCES_DIR`` names a directory that does not exist."""


def sources_dir() -> Path | None:
    """Return the directory holding the plain-text source documents.

    Returns
    -------
    pathlib.Path or None
        The directory named by ``$JAWZJAN_SOURCES_DIR`` if set, else ``../shared/sources`` beside
        the project root, or ``None`` if that default does not exist.

    Raises
    ------
    SourcesDirError
        If ``$JAWZJAN_SOURCES_DIR`` is set but names no directory: a typo must not pass for an
        absent shelf.
    """
    override = os.environ.get(SOURCES_ENV)
    if override:
        if not Path(override).is_dir():
            raise SourcesDirError(f"${SOURCES_ENV} is set to {override!r}, which is not a directory")
        return Path(override)
    candidate = ROOT.parent / "shared" / "sources"
    return candidate if candidate.is_dir() else None
