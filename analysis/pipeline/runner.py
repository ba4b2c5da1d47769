"""Execute one declared run of a notebook: ``python -m analysis.pipeline.runner RUN``.

papermill executes the notebook; this module does what papermill does not:

1. it refuses an unknown run or a bad parameter before any kernel starts, listing what is allowed;
2. it lets the notebook write its outputs into a fresh staging directory of its own;
3. only when every cell has run, every declared output exists and is non-empty, nothing
   undeclared was written, the notebook loaded only the tables it declares and nothing outside
   the staging directory was touched, does it move the outputs into ``paper/`` (replacing a file
   only when its bytes changed, so nothing downstream goes stale) and, for a default run, write
   the executed notebook back over the committed one (again only if it changed);
4. it strips papermill's volatile metadata, so that committed notebooks stay byte-stable.

A failed or interrupted run therefore leaves the last good outputs untouched. Each cell has a
time limit and so has the whole notebook; a dead kernel is noticed within about a second.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis import files, paths
from analysis.pipeline.runs import ParameterError, Run, RunNameError, check_parameters, runs

STAGING = paths.BUILD / "staging"
VARIANT_NOTEBOOKS = paths.BUILD / "notebooks"
LOGS = paths.BUILD / "logs"
MOVES = paths.BUILD / "moves.log"

#: Seconds one cell may run, and one whole notebook.
CELL_TIMEOUT = int(os.environ.get("JAWZJAN_CELL_TIMEOUT", "600"))
NOTEBOOK_TIMEOUT = int(os.environ.get("JAWZJAN_NOTEBOOK_TIMEOUT", "1200"))

#: Generated outputs a notebook must never write directly (it writes into its staging directory);
#: hand-edited files (notebooks, raw data, the paper's text) are not watched, so that editing them
#: while a run is under way is never undone.
PROTECTED = ("paper/figures", "paper/tables", "paper/values", "paper/build", "data/processed", "data/CODEBOOK.md")


#: Interrupts (SIGINT, SIGTERM) this process received while a run executed. The handler raises
#: KeyboardInterrupt too, but a library between the handler and the runner could swallow it; the
#: runner looks here before it moves any output in, so an interrupted run never writes.
RECEIVED: list[int] = []


def _interrupt(signum, frame):
    RECEIVED.append(signum)
    raise KeyboardInterrupt


class InterruptedAfterWriting(KeyboardInterrupt):
    """An interrupt that arrived while the outputs were moved in, and was held until all of them were."""


class RunFailed(RuntimeError):
    """A run failed; the message says why, and nothing of the last good outputs was changed."""


@dataclass
class Timings:
    """Seconds spent in each phase of a run."""

    process: float = 0.0
    papermill: float = 0.0
    kernel: float = 0.0
    imports: float = 0.0
    work: float = 0.0
    write: float = 0.0
    #: the runner's own work around the execution: refusing bad runs, sweeping, snapshots of the
    #: protected directories, and the checks of the outputs and of the tables read
    checks: float = 0.0
    cells: list = field(default_factory=list)

    def total(self) -> float:
        """Sum of the phases."""
        return self.process + self.papermill + self.kernel + self.imports + self.work + self.write + self.checks

    def overhead(self) -> float:
        """Seconds beyond kernel start and cell execution."""
        return self.process + self.papermill + self.write + self.checks


#: Optional format checkers jsonschema imports whenever they are installed (about 50 ms in all, on top
#: of papermill's import). The only schemas a run validates are nbformat's, which use none of their
#: formats; blocked in the runner's own process only (a kernel is a process of its own).
UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax", "isoduration", "arrow", "fqdn", "rfc3339_validator", "rfc3986_validator",
                          "uri_template", "webcolors", "jsonpointer")

#: When the previous run of this process ended (``time.monotonic``), if one did.
_PREVIOUS_END: list[float] = []


def time_before_run() -> float:
    """Seconds this process spent before the run about to start, outside any earlier run.

    The first run of a process is charged the start of the process (interpreter, imports); a
    later run only the time since the previous one ended.
    """
    return time.monotonic() - _PREVIOUS_END[-1] if _PREVIOUS_END else process_age()


def process_age() -> float:
    """Seconds since this process was created (Linux), or 0 where unknown."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def kernel_env(run: Run, staging: Path) -> dict:
    """The variables the kernel gets on top of the runner's environment.

    Parameters
    ----------
    run : analysis.pipeline.runs.Run
        The run being executed.
    staging : pathlib.Path
        Where the notebook is to write its outputs.
    """
    return {
        "PYTHONHASHSEED": "0",
        "JAWZJAN_RUN": run.name,
        "JAWZJAN_OUTPUT_ROOT": str(staging),
        "JAWZJAN_DRAW_ONLY": "0",  # a declared run always writes its figure files
        "SOURCE_DATE_EPOCH": "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def strip_metadata(nb) -> None:
    """Remove what papermill and nbclient add that changes from run to run, in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook.
    """
    nb.metadata.pop("papermill", None)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]


def _snapshot() -> dict[str, tuple[int, int]]:
    out = {}
    for top in PROTECTED:
        base = paths.ROOT / top
        for p in [base] if base.is_file() else base.rglob("*"):
            if p.is_file():
                st = p.stat()
                out[str(p.relative_to(paths.ROOT))] = (st.st_mtime_ns, st.st_size)
    return out


def _journal_moves(moved: list[str]) -> None:
    """Record the files this runner moved into place, so concurrent runners can tell them from forgeries."""
    MOVES.parent.mkdir(parents=True, exist_ok=True)
    with open(MOVES, "a", encoding="utf-8") as fh:
        for rel in moved:
            st = (paths.ROOT / rel).stat()
            fh.write(f"{rel}\t{st.st_mtime_ns}\t{st.st_size}\n")


def _journalled() -> set[tuple[str, int, int]]:
    try:
        lines = MOVES.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    out = set()
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            out.add((parts[0], int(parts[1]), int(parts[2])))
    return out


def _outside_writes(before: dict, backup: dict) -> list[str]:
    """Files in the protected directories changed during the run by anyone but a runner; restored."""
    after = _snapshot()
    moved = _journalled()
    bad = []
    for rel in sorted(set(before) | set(after)):
        if before.get(rel) == after.get(rel):
            continue
        if rel in after and (rel, *after[rel]) in moved:
            continue  # another run's outputs, moved into place by its runner
        bad.append(rel)
        target = paths.ROOT / rel
        if rel in backup:
            files.write_bytes_atomic(target, backup[rel])
            os.utime(target, ns=(before[rel][0], before[rel][0]))
        elif rel not in before:
            target.unlink(missing_ok=True)
    return bad


def _backup(snapshot: dict) -> dict[str, bytes]:
    """The bytes of every file in paper/ (what the write-up reads), to restore after a forged write."""
    return {rel: (paths.ROOT / rel).read_bytes() for rel in snapshot if not rel.startswith("paper/build/")}


def execute(nb_path: Path, run: Run, staging: Path, timings: Timings):
    """Execute a notebook with papermill in a fresh kernel and return it.

    Parameters
    ----------
    nb_path : pathlib.Path
        The notebook to execute.
    run : analysis.pipeline.runs.Run
        The run: its parameters are injected unless it is the default run.
    staging : pathlib.Path
        Directory the notebook writes its outputs into.
    timings : Timings
        Filled in with the time of each phase.

    Raises
    ------
    RunFailed
        Naming the cell that failed and its error, a timeout or a dead kernel.
    """
    t = time.perf_counter()
    for module in UNUSED_FORMAT_CHECKERS:  # never pay for checkers of formats no schema here uses
        sys.modules.setdefault(module, None)
    import papermill
    from papermill.exceptions import PapermillExecutionError

    os.environ.update(kernel_env(run, staging))
    LOGS.mkdir(parents=True, exist_ok=True)
    timings.papermill = time.perf_counter() - t
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT

    def cell_timeout(cell) -> int:
        left = deadline - time.monotonic()
        if left <= 0:
            raise RunFailed(f"the notebook ran longer than its limit of {NOTEBOOK_TIMEOUT} s")
        return max(1, int(min(CELL_TIMEOUT, left)))

    from jupyter_client import AsyncKernelManager
    from jupyter_client.asynchronous import AsyncKernelClient

    sockets = Path(tempfile.mkdtemp(prefix="jawzjan-kernel-"))

    class PromptClient(AsyncKernelClient):
        """A client that connects once the kernel's sockets are there (see :func:`wait_for_kernel_sockets`)."""

        def start_channels(self, *args, **kwargs):
            wait_for_kernel_sockets(self, self.parent.kernel_running)
            return super().start_channels(*args, **kwargs)

    kernel_log = open(LOGS / f"{run.name}.kernel.log", "w", encoding="utf-8")  # noqa: SIM115 (closed below)

    class LocalKernelManager(AsyncKernelManager):
        """A kernel spoken to over IPC sockets in a private directory: no network interface needed.

        The kernel process's own output (an interrupted kernel's traceback, say) goes to
        ``build/logs/<run>.kernel.log``, not to the terminal: the run's message says what failed.
        """

        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(sockets / "k"))
            super().__init__(**kwargs)
            self.connection_file = str(sockets / "connection.json")
            self.client_factory = PromptClient

        def kernel_running(self) -> bool:
            return self.has_kernel and self.provisioner.process.poll() is None

        async def start_kernel(self, **kwargs):
            kwargs.setdefault("stdout", kernel_log)
            kwargs.setdefault("stderr", kernel_log)
            return await super().start_kernel(**kwargs)

    t = time.perf_counter()
    try:
        nb = papermill.execute_notebook(
            str(nb_path),
            None,
            parameters=None if run.default else dict(run.parameters),
            cwd=str(paths.ROOT / "notebooks"),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            start_timeout=60,
            timeout_func=cell_timeout,
            kernel_manager_class=LocalKernelManager,
        )
    except PapermillExecutionError as exc:
        raise RunFailed(f"code cell [{exc.exec_count}] failed: {exc.ename}: {exc.evalue}") from None
    except RunFailed:
        raise
    except Exception as exc:  # timeouts, dead kernels, a notebook that cannot be read
        what = type(exc).__name__
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else what
        if "DeadKernel" in what:
            msg = "the kernel died"
        elif "Timeout" in what and time.monotonic() >= deadline - 1:
            msg = f"the notebook ran longer than its limit of {NOTEBOOK_TIMEOUT} s"
        elif "Timeout" in what:
            msg = f"a cell ran longer than its limit of {CELL_TIMEOUT} s"
        elif isinstance(exc, (ValueError, OSError)) and "notebook" in what.lower() + msg.lower():
            msg = f"{nb_path.relative_to(paths.ROOT)} cannot be read as a notebook: {msg}"
        raise RunFailed(f"{msg} ({what})") from None
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
        kernel_log.close()
    total = time.perf_counter() - t
    for cell in nb.cells:
        meta = cell.metadata.get("execution", {})
        start, end = meta.get("iopub.execute_input"), meta.get("shell.execute_reply")
        if cell.cell_type != "code" or not (start and end):
            continue
        from datetime import datetime

        dt = (datetime.fromisoformat(end.rstrip("Z")) - datetime.fromisoformat(start.rstrip("Z"))).total_seconds()
        timings.cells.append(dt)
        if "imports" in cell.metadata.get("tags", []):
            timings.imports += dt
        else:
            timings.work += dt
    timings.kernel = max(0.0, total - timings.imports - timings.work)
    strip_metadata(nb)
    return nb


def wait_for_kernel_sockets(client, alive, limit: float = 10.0) -> None:
    """Return once a starting kernel has bound the IPC sockets ``client`` is about to connect to.

    A ZMQ connection that finds no socket is retried only after 100 ms, for every channel: a
    client that connects while the kernel is still starting waits that long for nothing. Over
    TCP this returns at once; over IPC it also returns when ``alive()`` turns false (the kernel
    died) or after ``limit`` seconds, and ZMQ's own retries take over.

    Parameters
    ----------
    client : jupyter_client.KernelClient
        A client whose connection info is set and whose channels are not yet started.
    alive : callable
        Whether the kernel's process is still running.
    limit : float
        Seconds to wait at most.
    """
    if client.transport != "ipc":
        return
    files = [client._make_url(channel).split("://", 1)[1] for channel in ("shell", "iopub", "stdin", "control", "hb")]
    deadline = time.monotonic() + limit
    checks = 0
    while not all(os.path.exists(f) for f in files) and time.monotonic() < deadline:
        checks += 1
        if checks % 25 == 0 and not alive():
            return
        time.sleep(0.002)


def _check_staging(r: Run, staging: Path) -> list[str]:
    declared = r.outputs()
    problems = [f"{o} was not written" for o in declared if not (staging / o).is_file()]
    problems += [f"{o} is empty" for o in declared if (staging / o).is_file() and (staging / o).stat().st_size == 0]
    written = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    problems += [f"{o} was written but is not declared in notebooks/runs.toml" for o in written if o not in declared]
    values_file = staging / declared[-1]
    if values_file.is_file():
        try:
            read = set(json.loads(values_file.read_text(encoding="utf-8")).get("reads", []))
        except (ValueError, UnicodeDecodeError) as exc:
            return problems + [f"{declared[-1]} is not valid JSON ({exc})"]
        undeclared = sorted(read - set(r.notebook.reads))
        if undeclared:
            problems.append(
                f"the notebook loaded {', '.join(undeclared)} but notebooks/runs.toml does not list "
                f"{'it' if len(undeclared) == 1 else 'them'} under reads, so make would not rerun it when "
                f"{'it changes' if len(undeclared) == 1 else 'they change'}"
            )
    return problems


def _move_in(r: Run, staging: Path) -> list[str]:
    """Put a run's changed outputs in place: all of them, or (on a full disk, a read-only directory) none."""
    outs = r.outputs()
    try:
        changed = files.replace_all_if_changed([(staging / o, paths.ROOT / o) for o in outs])
    except OSError as exc:
        where = Path(exc.filename).parent if exc.filename else "the output directories"
        raise RunFailed(f"cannot write the outputs into {where} ({exc.strerror}); none was replaced") from None
    return [outs[i] for i in changed]


def sweep() -> None:
    """Remove what killed runs left behind: staging directories and temporary files of dead processes."""
    if STAGING.is_dir():
        for d in STAGING.iterdir():
            if not files.token_alive(d.name.rsplit(".", 1)[-1]):
                shutil.rmtree(d, ignore_errors=True)
    for top in ("paper", "data", "notebooks"):
        files.sweep_temporaries(paths.ROOT / top)


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
    RunFailed
        If a cell fails, a declared output is missing or empty, an undeclared one appears, or
        the notebook wrote outside its staging directory; nothing is changed then.
    """
    timings = Timings(process=time_before_run())
    started = time.perf_counter()
    all_runs = runs()
    if name not in all_runs:
        raise KeyError(f"unknown run {name!r}; the runs are: {', '.join(all_runs)}")
    r = all_runs[name]
    check_parameters(r.notebook.name, r.parameters)
    sweep()
    src = r.notebook.path
    mtime = src.stat().st_mtime
    # one staging directory per invocation: a kernel orphaned by a killed run cannot write into the next
    staging = STAGING / f"{name}.{files.process_token()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    before = _snapshot()
    backup = _backup(before)
    try:
        nb = execute(src, r, staging, timings)
        forged = _outside_writes(before, backup)
        if forged:
            raise RunFailed(
                "the notebook wrote outside its staging directory (restored): " + ", ".join(forged)
                + "; write outputs only through analysis.pipeline.outputs"
            )
        problems = _check_staging(r, staging)
        if problems:
            raise RunFailed("; ".join(problems))
        t = time.perf_counter()
        import nbformat

        text = nbformat.writes(nb) + "\n"
        # Defer SIGINT and SIGTERM while the outputs are moved in, so an interrupt cannot leave
        # half of them new and half old.
        written = False
        if RECEIVED:
            raise KeyboardInterrupt
        try:
            with files.deferred_signals():
                moved = _move_in(r, staging)
                _journal_moves(moved)
                if r.default:
                    files.write_text_if_changed(src, text, keep_mtime=mtime)
                else:
                    files.write_text_if_changed(VARIANT_NOTEBOOKS / f"{name}.ipynb", text)
                written = True
        except KeyboardInterrupt:
            if written:  # the interrupt was held until every output was in place
                raise InterruptedAfterWriting() from None
            raise
        timings.write = time.perf_counter() - t
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        sweep()  # again: a kernel orphaned by a killed run may have written into its old staging directory since
        _PREVIOUS_END.append(time.monotonic())
    timed = timings.papermill + timings.kernel + timings.imports + timings.work + timings.write
    timings.checks = max(0.0, time.perf_counter() - started - timed)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Run each named run; print one progress line per run."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m analysis.pipeline.runner RUN [RUN ...]\nruns: " + ", ".join(runs()), file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupt)
    for name in argv:
        try:
            r = runs().get(name)
        except (ParameterError, RunNameError, ValueError, OSError) as exc:
            print(f"[run] {name}: refused: {exc}", file=sys.stderr)
            return 2
        label = f"{name} ({r.label()})" if r and r.parameters else name
        print(f"[run] {label}: started", flush=True)
        try:
            t = run(name)
        except (KeyError, ParameterError) as exc:
            print(f"[run] {label}: refused: {exc.args[0]}", file=sys.stderr)
            return 2
        except (RunFailed, OSError) as exc:
            print(f"[run] {label}: FAILED: {exc}; previous outputs left in place", file=sys.stderr)
            return 1
        except InterruptedAfterWriting:
            print(f"[run] {label}: interrupted after its outputs were all written", file=sys.stderr)
            return 130
        except KeyboardInterrupt:
            print(f"[run] {label}: interrupted; previous outputs left in place", file=sys.stderr)
            return 130
        print(
            f"[run] {label}: {t.total():.1f} s (process {t.process:.2f}, papermill import {t.papermill:.2f}, "
            f"kernel {t.kernel:.2f}, imports {t.imports:.2f}, cells {t.work:.2f}, write {t.write:.2f}, checks {t.checks:.2f}; "
            f"overhead {t.overhead():.2f})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
