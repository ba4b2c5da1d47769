"""Time the regeneration of every notebook run, and the same work done the naive way.

Run with ``make bench``. Works on a temporary copy of the project (sharing its
environment), so the working tree is never touched. Prints:

- full regeneration of all default runs and variants with ``make -j1`` and ``make -j2``;
- a no-op ``make all``;
- one notebook made stale and rebuilt;
- per run: process start, kernel start, imports, the notebook's own work and
  the runner's remaining overhead;
- the naive way: each run through the papermill command line, one after another;

and checks them against the targets: full -j2 under 20 s and at least twice as
fast as the naive way, no-op under 1 s, overhead per run beyond kernel start
and the notebook's own work under 0.5 s.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.pipeline.runs import runs  # noqa: E402

ITEMS = ("analysis", "data", "notebooks", "paper", "Makefile", "pyproject.toml", "conftest.py",
         "requirements.lock", "requirements")
LINE = re.compile(r"\[run\] (\S+).*?: ([\d.]+) s \(process ([\d.]+), kernel ([\d.]+), imports ([\d.]+), work ([\d.]+), write ([\d.]+)\)")


def copy_project(dst: Path) -> None:
    for item in ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dst / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dst / item)
    (dst / ".venv").symlink_to(ROOT / ".venv")


def timed(cmd, cwd, env) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stdout}\n{r.stderr}")
    return dt, r.stdout


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="jawzjan-bench-") as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        copy_project(work)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JAWZJAN_", "MAKEFLAGS", "MFLAGS"))}
        env["PYTHONPATH"] = str(work)
        print("[bench] warming up: first make all in a copy of the project", flush=True)
        timed(["make", "-s", "all"], work, env)
        results = {}
        for jobs in (1, 2):
            (work / "analysis" / "paths.py").touch()
            dt, out = timed(["make", f"-j{jobs}", "all"], work, env)
            results[f"full -j{jobs}"] = dt
            print(f"[bench] full regeneration, make -j{jobs}: {dt:.1f} s ({len(LINE.findall(out))} runs)", flush=True)
        noop = [timed(["make", "all"], work, env)[0] for _ in range(5)]
        results["no-op"] = statistics.median(noop)
        print(f"[bench] no-op make all: {results['no-op']:.3f} s (median of 5)")
        (work / "notebooks" / "casualties.ipynb").touch()
        dt, out = timed(["make", "all"], work, env)
        results["single"] = dt
        print(f"[bench] one notebook stale (casualties): {dt:.1f} s, {len(LINE.findall(out))} run(s)")

        print("\n[bench] per run, each run alone (seconds):")
        print(f"  {'run':<24}{'wall':>6}{'process':>9}{'kernel':>8}{'imports':>9}{'work':>7}{'overhead':>10}")
        overheads = []
        py = str(work / ".venv" / "bin" / "python")
        for name in runs():
            dt, out = timed([py, "-m", "analysis.pipeline.runner", name], work, env)
            m = LINE.search(out)
            proc, kern, imp, own = (float(m.group(i)) for i in (3, 4, 5, 6))
            over = dt - kern - imp - own
            overheads.append(over)
            print(f"  {name:<24}{dt:>6.2f}{proc:>9.2f}{kern:>8.2f}{imp:>9.2f}{own:>7.2f}{over:>10.2f}")

        print("\n[bench] the naive way: papermill command line, one run after another", flush=True)
        pm = str(work / ".venv" / "bin" / "papermill")
        naive_env = dict(env, JAWZJAN_OUTPUT_ROOT=str(Path(tmp) / "naive-outputs"))
        t = time.perf_counter()
        for name, run in runs().items():
            args = [pm, f"notebooks/{run.notebook.name}.ipynb", str(Path(tmp) / f"{name}.ipynb"), "--cwd", "notebooks"]
            if not run.default:
                for k, v in run.parameters.items():
                    args += ["-y", f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}"]
            timed(args, work, naive_env)
        results["naive"] = time.perf_counter() - t
        print(f"[bench] naive: {results['naive']:.1f} s")

    speedup = results["naive"] / results["full -j2"]
    checks = [
        ("full regeneration with -j2 under 20 s", results["full -j2"] < 20, f"{results['full -j2']:.1f} s"),
        ("-j2 at least 2x faster than the naive way", speedup >= 2, f"{speedup:.1f}x"),
        ("no-op under 1 s", results["no-op"] < 1, f"{results['no-op']:.3f} s"),
        ("overhead per run under 0.5 s", max(overheads) < 0.5, f"max {max(overheads):.2f} s"),
    ]
    print("\n[bench] targets:")
    for what, ok, shown in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {what}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
