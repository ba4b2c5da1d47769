"""Atomic writers: an output either keeps its last good content or gets its new one.

Every file the pipeline writes goes through these helpers. They write to a temporary file in the
same directory (named after the writing process, so that a later run can tell a dead writer's
leftovers from a live one's) and rename it over the target, so an interrupted or failed run never
leaves a truncated output behind. Writers that compare first leave an unchanged file alone, with
its modification time, so that make sees nothing to rebuild downstream.

Only the standard library is imported at module level: make's rule generator uses this module
before the environment exists.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
from pathlib import Path

#: Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _start_ticks(pid: int) -> str | None:
    """When a process started, in clock ticks since boot (Linux), or None where unknown."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def process_token() -> str:
    """This process as ``PID-START``: unlike a bare pid, it is never reused by a later process."""
    return f"{os.getpid()}-{_start_ticks(os.getpid()) or 0}"


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}.{process_token()}."


def _stage_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (synced, mode 644) and return its path.

    Nothing is left behind if the write fails; the caller renames the file over ``path``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


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
    tmp = _stage_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text with ``\\n`` line endings to ``path`` atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_if_changed(path: Path, data: bytes, keep_mtime: float | None = None) -> bool:
    """Write ``data`` atomically unless the file already holds exactly it.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    data : bytes
        The complete new content.
    keep_mtime : float, optional
        If given and the file is written, set its modification time to this.

    Returns
    -------
    bool
        Whether the file was written.
    """
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes_atomic(path, data)
    if keep_mtime is not None:
        os.utime(path, (keep_mtime, keep_mtime))
    return True


def write_text_if_changed(path: Path, text: str, keep_mtime: float | None = None) -> bool:
    """Write UTF-8 ``text`` atomically unless the file already holds exactly it.

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    text : str
        The complete new content.
    keep_mtime : float, optional
        If given and the file is written, set its modification time to this.

    Returns
    -------
    bool
        Whether the file was written.
    """
    return write_bytes_if_changed(path, text.encode("utf-8"), keep_mtime)


def replace_all_if_changed(pairs) -> list[int]:
    """Move finished files over their targets, all of them or none; targets already equal are left alone.

    Every changed file is first copied to a temporary file beside its target (so another file system
    is no obstacle); only when all are written are they renamed over their targets, which needs no
    space and cannot fail half way. The source files are removed afterwards.

    Parameters
    ----------
    pairs : sequence of (pathlib.Path, pathlib.Path)
        Each finished file and where it belongs.

    Returns
    -------
    list of int
        The positions in ``pairs`` of the targets that were replaced.

    Raises
    ------
    OSError
        If any file cannot be written beside its target (a full disk, a read-only directory); then
        no target was replaced and no temporary file is left.
    """
    staged: list[tuple[int, Path, Path]] = []
    try:
        for i, (src, dst) in enumerate(pairs):
            src, dst = Path(src), Path(dst)
            data = src.read_bytes()
            try:
                if dst.read_bytes() == data:
                    continue
            except OSError:
                pass
            staged.append((i, _stage_beside(dst, data), dst))
    except BaseException:
        for _, tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for _, tmp, dst in staged:
        os.replace(tmp, dst)
    for src, _ in pairs:
        Path(src).unlink(missing_ok=True)
    return [i for i, _, _ in staged]


def replace_if_changed(src: Path, dst: Path) -> bool:
    """Move ``src`` over ``dst`` unless ``dst`` already holds the same bytes (then ``src`` is removed).

    Parameters
    ----------
    src, dst : pathlib.Path
        A finished file, and where it belongs.

    Returns
    -------
    bool
        Whether ``dst`` was replaced.
    """
    return bool(replace_all_if_changed([(src, dst)]))


def neutralise_formula(value):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe (OWASP).

    Parameters
    ----------
    value : object
        A cell; only text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
        changed, and a plain signed number is left alone.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(1)"), neutralise_formula("-5"), neutralise_formula("Darzab")
    ("'=HYPERLINK(1)", '-5', 'Darzab')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
            return value  # a plain negative or signed number stays a number
        except ValueError:
            return "'" + value
    return value


def write_csv_atomic(path: Path, df) -> Path:
    """Write a DataFrame as UTF-8 CSV (no index, ``\\n`` line endings) atomically.

    Dates are written as ``YYYY-MM-DD`` and missing values as empty cells, so that the file reads
    the same in R, a spreadsheet or pandas; text cells that a spreadsheet would run as a formula
    are neutralised with a leading apostrophe, and a carriage return in a cell becomes a line feed
    (which is quoted). The file is left alone if its bytes would not change.

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
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            # a carriage return would not be quoted with "\n" line endings and would split the row
            out[col] = out[col].map(lambda v: neutralise_formula(v.replace("\r\n", "\n").replace("\r", "\n"))
                                    if isinstance(v, str) else neutralise_formula(v))
    text = out.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    write_text_if_changed(path, text)
    return Path(path)


def write_json_atomic(path: Path, obj) -> Path:
    """Write ``obj`` as sorted, indented JSON with a final newline, atomically (if changed).

    Parameters
    ----------
    path : pathlib.Path
        Target file.
    obj : object
        Anything ``json.dumps`` accepts; NaN and infinities are refused.
    """
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    write_text_if_changed(path, text)
    return Path(path)


def token_alive(token: str) -> bool:
    """Whether the process a :func:`process_token` names is still running.

    Parameters
    ----------
    token : str
        ``PID-START``; a bare pid is accepted too.
    """
    pid, _, start = token.partition("-")
    if not pid.isdigit():
        return False
    if not pid_alive(int(pid)):
        return False
    return not start or start == "0" or _start_ticks(int(pid)) == start


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running (a zombie left by a killed parent is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def sweep_temporaries(directory: Path) -> list[Path]:
    """Remove temporary files of this module's writers whose writing process is gone.

    Parameters
    ----------
    directory : pathlib.Path
        Searched recursively.

    Returns
    -------
    list of pathlib.Path
        The files removed.
    """
    removed = []
    for p in Path(directory).rglob(".*.tmp"):
        parts = p.name[:-4].split(".")
        token = parts[-2] if len(parts) >= 3 else ""
        if not token_alive(token):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


@contextlib.contextmanager
def deferred_signals():
    """Hold SIGINT and SIGTERM until the block ends, so that a group of moves completes as one."""
    caught = []
    old = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            old[sig] = signal.signal(sig, lambda s, f: caught.append(s))
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)
        if caught:
            raise KeyboardInterrupt
