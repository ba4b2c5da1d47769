"""Time regeneration against the papermill command line, like with like, and the data checks.

Run with ``make bench``. Works on a temporary copy of the project (sharing its environment), so the
working tree is never touched. Prints a line as each phase starts and ends, then:

- full regeneration of every run with ``make -j1``, then through the papermill command line one
  run after another; then ``make -j2`` and papermill two runs at a time;
- a no-op ``make all`` (which must start no kernel) and one notebook made stale;
- per run: wall time, kernel start, cell execution and the overhead beyond those two
  (process start, the papermill import, the runner's checks and sweeps, staging and moving outputs in);
- validation plus provenance over the whole data;

and checks them against the targets.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.pipeline.runs import runs  # noqa: E402

ITEMS = ("analysis", "data", "notebooks", "paper", "Makefile", "pyproject.toml", "conftest.py",
         "requirements.lock", "requirements", "CITATION.cff", "scripts")
LINE = re.compile(r"\[run\] (\S+).*?: ([\d.]+) s \(process ([\d.]+), papermill import ([\d.]+), kernel ([\d.]+), "
                  r"imports ([\d.]+), cells ([\d.]+), write ([\d.]+), checks ([\d.]+); overhead ([\d.]+)\)")


def say(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def copy_project(dst: Path) -> None:
    for item in ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dst / item, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dst / item)
    (dst / ".venv").symlink_to(ROOT / ".venv")


def timed(cmd, cwd, env) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return dt, r.stdout


def papermill_args(pm: str, name: str, run, out_dir: Path) -> list[str]:
    args = [pm, f"notebooks/{run.notebook.name}.ipynb", str(out_dir / f"{name}.ipynb"), "--cwd", "notebooks",
            "--no-progress-bar"]
    if not run.default:
        for k, v in run.parameters.items():
            args += ["-y", f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}"]
    return args


def main() -> int:
    all_runs = runs()
    with tempfile.TemporaryDirectory(prefix="jawzjan-bench-") as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        copy_project(work)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JAWZJAN_", "MAKEFLAGS", "MFLAGS"))}
        env["PYTHONPATH"] = str(work)
        py = str(work / ".venv" / "bin" / "python")
        results: dict[str, float] = {}

        say("data checks: validation plus provenance over every table and text (median of 5)")
        checks = []
        for _ in range(5):
            a = timed([py, "-m", "analysis", "validate"], work, env)[0]
            b = timed([py, "-m", "analysis", "provenance"], work, env)[0]
            checks.append(a + b)
        results["checks"] = statistics.median(checks)
        say(f"  validation + provenance: {results['checks']:.2f} s")

        say("warming up: first make all in a copy of the project")
        timed(["make", "-s", "all"], work, env)
        pm = str(work / ".venv" / "bin" / "papermill")
        naive_env = dict(env, JAWZJAN_OUTPUT_ROOT=str(Path(tmp) / "naive-outputs"), PYTHONHASHSEED="0")
        out_dir = Path(tmp) / "papermill"
        out_dir.mkdir()

        def papermill(name_run) -> None:
            timed(papermill_args(pm, name_run[0], name_run[1], out_dir), work, naive_env)

        # the two ways are timed one right after the other at each number of jobs, so that the
        # machine's speed, which drifts over minutes, weighs on both alike
        for jobs in (1, 2):
            say(f"full regeneration with make -j{jobs} ({len(all_runs)} runs) ...")
            for stamp in (work / "build" / "stamps").glob("run-*"):
                stamp.unlink()
            dt, out = timed(["make", f"-j{jobs}", "all"], work, env)
            results[f"make -j{jobs}"] = dt
            say(f"  make -j{jobs}: {dt:.1f} s ({len(LINE.findall(out))} runs)")
            say(f"the same runs by the papermill command line, {'one after another' if jobs == 1 else 'two at a time'} ...")
            t = time.perf_counter()
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                list(pool.map(papermill, all_runs.items()))
            results[f"papermill -j{jobs}"] = time.perf_counter() - t
            say(f"  papermill -j{jobs}: {results[f'papermill -j{jobs}']:.1f} s")

        noop = []
        for _ in range(5):
            dt, out = timed(["make", "all"], work, env)
            noop.append(dt)
            assert "[run]" not in out, "a no-op make all started a run"
        results["no-op"] = statistics.median(noop)
        say(f"no-op make all: {results['no-op']:.3f} s (median of 5, no kernel started)")
        first = next(iter(all_runs.values())).notebook.name
        (work / "build" / "stamps" / f"run-{first}").unlink()
        dt, out = timed(["make", "all"], work, env)
        results["single"] = dt
        say(f"one run made stale ({first}) and rebuilt with what depends on it: {dt:.1f} s")

        say("per run, each alone (seconds):")
        print(f"  {'run':<28}{'wall':>6}{'kernel':>8}{'cells':>7}{'overhead':>10}  (overhead: process, papermill import, checks, write)")
        overheads = []
        for name in all_runs:
            (work / "build" / "stamps" / f"run-{name}").unlink(missing_ok=True)
            dt, out = timed([py, "-m", "analysis.pipeline.runner", name], work, env)
            m = LINE.search(out)
            kern, cells, over = float(m.group(5)), float(m.group(6)) + float(m.group(7)), float(m.group(10))
            overheads.append(over)
            print(f"  {name:<28}{dt:>6.2f}{kern:>8.2f}{cells:>7.2f}{over:>10.2f}")

    checks = [
        ("validation + provenance under 3 s", results["checks"] < 3, f"{results['checks']:.2f} s"),
        ("make -j2 faster than papermill two at a time", results["make -j2"] < results["papermill -j2"],
         f"{results['make -j2']:.1f} s against {results['papermill -j2']:.1f} s"),
        ("make -j1 no slower than papermill one after another", results["make -j1"] <= results["papermill -j1"] * 1.05,
         f"{results['make -j1']:.1f} s against {results['papermill -j1']:.1f} s"),
        ("no-op under 1 s", results["no-op"] < 1, f"{results['no-op']:.3f} s"),
        ("overhead per run beyond kernel and cells under 0.5 s", max(overheads) < 0.5, f"max {max(overheads):.2f} s"),
    ]
    say("targets:")
    for what, ok, shown in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {what}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
