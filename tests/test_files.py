"""The file writers: atomic, left alone when unchanged, safe for spreadsheets, swept when orphaned.

Each test fails when the protection it names is removed from ``analysis/files.py``.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from analysis import files, paths

# A child process whose file-size limit is 1000 bytes: a write past it fails with EFBIG (SIGXFSZ ignored),
# as a full disk would fail it, without needing a mount or privileges.
_CHILD = textwrap.dedent("""
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
    from pathlib import Path
    from analysis import files
    try:
        files.{writer}(Path(sys.argv[1]), {payload})
    except OSError as exc:
        print(exc.errno)
        sys.exit(3)
""")


@pytest.mark.parametrize("writer, payload", [("write_bytes_atomic", "b'n' * 5000"),
                                             ("write_text_if_changed", "'n' * 5000")])
def test_a_write_that_fails_midway_keeps_the_old_file(tmp_path, writer, payload):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old content\n")
    r = subprocess.run([sys.executable, "-c", _CHILD.format(writer=writer, payload=payload), str(target)],
                       cwd=paths.ROOT, env={**os.environ, "PYTHONPATH": str(paths.ROOT)}, capture_output=True, text=True)
    assert r.returncode == 3, r.stderr  # the writer reported the failure
    assert target.read_bytes() == b"old content\n", "a failed write damaged the existing file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"], "a temporary file was left behind"


def test_unchanged_bytes_leave_the_file_and_its_time_alone(tmp_path):
    target = tmp_path / "t.json"
    files.write_json_atomic(target, {"a": 1})
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    inode = target.stat().st_ino
    assert files.write_text_if_changed(target, target.read_text(encoding="utf-8")) is False
    files.write_json_atomic(target, {"a": 1})
    assert target.stat().st_mtime_ns == 1_000_000_000 and target.stat().st_ino == inode
    src = tmp_path / "staged.json"
    src.write_bytes(target.read_bytes())
    assert files.replace_if_changed(src, target) is False
    assert target.stat().st_mtime_ns == 1_000_000_000 and not src.exists()
    # and a real change is written
    assert files.write_text_if_changed(target, '{"a": 2}\n') is True
    assert target.stat().st_mtime_ns != 1_000_000_000


def test_a_temporary_of_a_reused_pid_is_swept(tmp_path):
    # pid 1 is alive, but it did not start at tick 1: the writer that named this file is gone
    stale = tmp_path / ".out.svg.1-1.abcd.tmp"
    stale.write_text("half", encoding="utf-8")
    live = tmp_path / f".out.svg.{files.process_token()}.efgh.tmp"
    live.write_text("being written", encoding="utf-8")
    removed = files.sweep_temporaries(tmp_path)
    assert removed == [stale] and live.exists()


def test_a_signal_inside_the_window_is_held_until_it_ends():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with files.deferred_signals():
            os.kill(os.getpid(), signal.SIGTERM)
            done.append("after the signal")
    assert done == ["after the signal"]


def test_a_formula_cell_is_neutralised_in_every_csv_writer(tmp_path):
    import csv

    import pandas as pd

    path = tmp_path / "t.csv"
    files.write_csv_atomic(path, pd.DataFrame({"name": ["=HYPERLINK(1)", "@SUM(1)", "\t=1+1", "-5", "Darzab"]}))
    with open(path, encoding="utf-8", newline="") as fh:
        got = [row[0] for row in csv.reader(fh)][1:]
    assert got == ["'=HYPERLINK(1)", "'@SUM(1)", "'\t=1+1", "-5", "Darzab"]
    assert files.neutralise_formula("\r=1+1") == "'\r=1+1"


def test_a_cell_with_a_carriage_return_stays_in_its_row(tmp_path):
    """With "\n" line endings a bare CR would not be quoted and would split its row; it is written as a LF."""
    import csv

    import pandas as pd

    path = tmp_path / "t.csv"
    files.write_csv_atomic(path, pd.DataFrame({"a": ["x\ry", "=\r1"], "b": [1, 2]}))
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["a", "b"], ["x\ny", "1"], ["'=\n1", "2"]]
