"""Analysis results written beside the joined tables in ``data/processed/``, for R and spreadsheet users."""
from __future__ import annotations

from pathlib import Path

from analysis import paths
from analysis.files import write_csv_atomic
from analysis.topics.displacement import displacement
from analysis.topics.estimates import triangulate
from analysis.topics.fighter_strength import commanders_roster

#: File name -> function producing it.
TABLES = {
    "roster.csv": commanders_roster,
    "triangulation.csv": triangulate,
    "displacement.csv": displacement,
}


def write_all(directory: Path | None = None) -> list[Path]:
    """Write every analysis-result table; return the paths written."""
    directory = Path(directory or paths.PROCESSED)
    return [write_csv_atomic(directory / name, fn()) for name, fn in TABLES.items()]
