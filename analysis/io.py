"""Atomic writers: an output either keeps its last good content or gets its new one.

Every file the pipeline writes goes through these helpers. They write to a
temporary file in the same directory and rename it over the target, so an
interrupted or failed run never leaves a truncated output behind.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

# pandas is imported where a DataFrame is written, so that the standard-library
# parts of the project (make's rule generator) can use these writers too.


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : pathlib.Path
        Target file; its directory is created if needed.
    data : bytes
        The complete new content.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text with ``\\n`` line endings to ``path`` atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_text_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds exactly it.

    An unchanged file keeps its modification time, so make sees no change.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    text : str
        The complete new content.

    Returns
    -------
    bool
        Whether the file was written.
    """
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    write_text_atomic(path, text)
    return True


def write_csv_atomic(path: Path, df) -> Path:
    """Write a DataFrame as UTF-8 CSV (no index, ``\\n`` line endings) atomically.

    Dates are written as ``YYYY-MM-DD`` and missing values as empty cells, so
    that the file reads the same in R, a spreadsheet or pandas.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    df : pandas.DataFrame
        The table to write.
    """
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    text = out.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return write_text_atomic(path, text)


def write_json_atomic(path: Path, obj) -> Path:
    """Write ``obj`` as sorted, indented JSON with a final newline, atomically.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    obj : object
        Anything ``json.dumps`` accepts.
    """
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return write_text_atomic(path, text)
