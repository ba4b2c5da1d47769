"""Execute one declared run of a notebook: ``python -m analysis.runner RUN``.

The runner refuses a bad parameter before any kernel starts, executes the
notebook in a fresh kernel with the run's parameters injected after its
``parameters`` cell (as papermill does), and lets the notebook write its
outputs into a staging directory. Only when every cell has run and every
declared output exists and is non-empty are the outputs moved into
``paper/`` and, for a default run, the executed notebook written back over
the committed one. A failed or interrupted run therefore leaves the last good
outputs untouched.

It talks to the kernel with ``jupyter_client`` directly: papermill and
nbclient import nbformat, whose schema validation costs about a second of
imports per run.
"""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis import notebook_io, paths
from analysis.runs import ParameterError, Run, check_parameters, runs

STAGING = paths.ROOT / "build" / "staging"
VARIANT_NOTEBOOKS = paths.ROOT / "build" / "notebooks"
LOGS = paths.ROOT / "build" / "logs"
CELL_TIMEOUT = 600


class CellError(RuntimeError):
    """A cell raised an exception; the message names the cell and the error."""


@dataclass
class Timings:
    """Seconds spent in each phase of a run."""

    process: float = 0.0
    kernel: float = 0.0
    imports: float = 0.0
    work: float = 0.0
    write: float = 0.0
    cells: list = field(default_factory=list)

    def total(self) -> float:
        """Sum of the phases."""
        return self.process + self.kernel + self.imports + self.work + self.write


def process_age() -> float:
    """Seconds since this process was created (Linux), or 0 where unknown."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def inject_parameters(nb: dict, values: dict) -> dict:
    """Insert a cell assigning ``values`` after the cell tagged ``parameters``.

    Parameters
    ----------
    nb : dict
        Notebook as read by :func:`analysis.notebook_io.read`.
    values : dict
        Parameter values to assign.

    Returns
    -------
    dict
        The notebook with a code cell tagged ``injected-parameters`` (the
        same tag papermill uses) placed after the parameters cell.
    """
    source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in values.items())
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "injected-parameters",
        "metadata": {"tags": ["injected-parameters"]},
        "outputs": [],
        "source": source,
    }
    cells = [c for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for i, c in enumerate(cells):
        if "parameters" in c.get("metadata", {}).get("tags", []):
            nb["cells"] = cells[: i + 1] + [cell] + cells[i + 1 :]
            return nb
    raise ValueError("the notebook has no cell tagged 'parameters'")


class Kernel:
    """A Python kernel started in ``cwd`` with ``env``, spoken to over IPC sockets."""

    def __init__(self, cwd: Path, env: dict, log: Path):
        from jupyter_client import KernelManager

        self._tmp = tempfile.TemporaryDirectory(prefix="jawzjan-kernel-")
        self._log = open(log, "w", encoding="utf-8")
        self.km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(self._tmp.name, "k"))
        self.km.connection_file = os.path.join(self._tmp.name, "connection.json")
        self.km.start_kernel(cwd=str(cwd), env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def execute(self, code: str, timeout: float = CELL_TIMEOUT) -> tuple[list[dict], int | None, bool]:
        """Run ``code``; return its outputs, execution count and whether it failed."""
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=True)
        outputs: list[dict] = []
        count = None
        clear_pending = False
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                if not self.km.is_alive():
                    raise CellError("the kernel died")
                if time.monotonic() > deadline:
                    raise CellError(f"cell timed out after {timeout:.0f} s")
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind in ("stream", "display_data", "execute_result", "error") and clear_pending:
                outputs.clear()
                clear_pending = False
            if kind == "execute_input":
                count = content["execution_count"]
            elif kind == "stream":
                if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                    outputs[-1]["text"] += content["text"]
                else:
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind == "display_data":
                outputs.append({"output_type": "display_data", "data": content["data"], "metadata": content.get("metadata", {})})
            elif kind == "execute_result":
                outputs.append(
                    {
                        "output_type": "execute_result",
                        "data": content["data"],
                        "metadata": content.get("metadata", {}),
                        "execution_count": content["execution_count"],
                    }
                )
            elif kind == "error":
                outputs.append(
                    {
                        "output_type": "error",
                        "ename": content["ename"],
                        "evalue": content["evalue"],
                        "traceback": content["traceback"],
                    }
                )
            elif kind == "clear_output":
                if content.get("wait"):
                    clear_pending = True
                else:
                    outputs.clear()
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        failed = reply["content"]["status"] != "ok"
        return outputs, count, failed

    def close(self) -> None:
        """Stop the kernel and remove its sockets."""
        try:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=True)
        finally:
            self._log.close()
            self._tmp.cleanup()


def kernel_env(run: Run, staging: Path) -> dict:
    """The kernel's environment: pinned hash seed, the run's name and its staging directory.

    Parameters
    ----------
    run : analysis.runs.Run
        The run being executed.
    staging : pathlib.Path
        Where the notebook is to write its outputs.
    """
    env = dict(os.environ)
    env.update(
        {
            "PYTHONHASHSEED": "0",
            "JAWZJAN_RUN": run.name,
            "JAWZJAN_OUTPUT_ROOT": str(staging),
            "SOURCE_DATE_EPOCH": "0",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
    )
    return env


def execute(nb: dict, run: Run, staging: Path, timings: Timings) -> dict:
    """Execute every code cell of ``nb`` in a fresh kernel, filling in outputs.

    Parameters
    ----------
    nb : dict
        Notebook as read by :func:`analysis.notebook_io.read`; changed in place.
    run : analysis.runs.Run
        The run, for the kernel's environment.
    staging : pathlib.Path
        Directory the notebook writes its outputs into.
    timings : Timings
        Filled in with the kernel start and per-cell times.

    Returns
    -------
    dict
        ``nb``, with outputs and execution counts.

    Raises
    ------
    CellError
        For the first cell that fails, naming it and the error.
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    kernel = Kernel(paths.ROOT / "notebooks", kernel_env(run, staging), LOGS / f"{run.name}.kernel.log")
    timings.kernel = time.perf_counter() - t
    try:
        n = 0
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            n += 1
            t = time.perf_counter()
            outputs, count, failed = kernel.execute(cell["source"])
            dt = time.perf_counter() - t
            cell["outputs"], cell["execution_count"] = outputs, count
            tags = cell.get("metadata", {}).get("tags", [])
            if "imports" in tags:
                timings.imports += dt
            else:
                timings.work += dt
            timings.cells.append(dt)
            if failed:
                err = next((o for o in outputs if o["output_type"] == "error"), None)
                what = f"{err['ename']}: {err['evalue']}" if err else "the cell failed"
                raise CellError(f"code cell {n} (cell {i + 1} of the notebook) failed: {what}")
    finally:
        kernel.close()
    return nb


def _write_notebook(path: Path, text: str, keep_mtime: float | None) -> None:
    from analysis.io import write_text_if_changed

    if not write_text_if_changed(path, text):
        return
    if keep_mtime is not None:
        # The notebook's source did not change by being executed: keep its time,
        # so that outputs made from it (and other runs of it) stay up to date.
        os.utime(path, (keep_mtime, keep_mtime))


def run(name: str) -> Timings:
    """Execute one declared run and put its outputs in place.

    Parameters
    ----------
    name : str
        A run declared in ``notebooks/runs.toml``.

    Returns
    -------
    Timings

    Raises
    ------
    KeyError
        For an unknown run, listing the runs.
    ParameterError
        For a bad parameter, before any kernel starts.
    CellError
        If a cell fails; nothing is written then.
    RuntimeError
        If a declared output is missing or empty, or an undeclared one appears.
    """
    timings = Timings(process=process_age())
    all_runs = runs()
    if name not in all_runs:
        raise KeyError(f"unknown run {name!r}; the runs are: {', '.join(all_runs)}")
    r = all_runs[name]
    check_parameters(r.notebook.name, r.parameters)
    src = r.notebook.path
    mtime = src.stat().st_mtime
    nb = notebook_io.read(src)
    if not r.default:
        nb = inject_parameters(nb, r.parameters)
    # one staging directory per invocation: a kernel orphaned by a killed run cannot write into the next
    staging = STAGING / f"{name}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        execute(nb, r, staging, timings)
        t = time.perf_counter()
        declared = r.outputs()
        problems = [f"{o} was not written" for o in declared if not (staging / o).is_file()]
        problems += [f"{o} is empty" for o in declared if (staging / o).is_file() and (staging / o).stat().st_size == 0]
        written = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
        problems += [f"{o} was written but is not declared in notebooks/runs.toml" for o in written if o not in declared]
        values_file = staging / declared[-1]
        if values_file.is_file():
            import json

            read = set(json.loads(values_file.read_text(encoding="utf-8")).get("reads", []))
            undeclared = sorted(read - set(r.notebook.reads))
            if undeclared:
                problems.append(
                    f"the notebook loaded {', '.join(undeclared)} but notebooks/runs.toml does not list "
                    f"{'it' if len(undeclared) == 1 else 'them'} under reads, so make would not rerun it when "
                    f"{'it changes' if len(undeclared) == 1 else 'they change'}"
                )
        if problems:
            raise RuntimeError(f"{name}: " + "; ".join(problems))
        for o in declared:
            dst = paths.ROOT / o
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / o, dst)
        text = notebook_io.dumps(nb)
        if r.default:
            _write_notebook(src, text, keep_mtime=mtime)
        else:
            _write_notebook(VARIANT_NOTEBOOKS / f"{name}.ipynb", text, keep_mtime=None)
        timings.write = time.perf_counter() - t
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Run each named run; print one progress line per run."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m analysis.runner RUN [RUN ...]\nruns: " + ", ".join(runs()), file=sys.stderr)
        return 2
    for name in argv:
        r = runs().get(name)
        label = f"{name} ({r.label()})" if r and r.parameters else name
        try:
            t = run(name)
        except (KeyError, ParameterError) as exc:
            print(f"[run] {label}: refused: {exc.args[0]}", file=sys.stderr)
            return 2
        except (CellError, RuntimeError) as exc:
            print(f"[run] {label}: FAILED: {exc}; previous outputs left in place", file=sys.stderr)
            return 1
        print(
            f"[run] {label}: {t.total():.1f} s "
            f"(process {t.process:.2f}, kernel {t.kernel:.2f}, imports {t.imports:.2f}, "
            f"work {t.work:.2f}, write {t.write:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
