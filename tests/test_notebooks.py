"""Notebook runs: declared outputs, parameter checks, atomic outputs and nbval catching stale notebooks."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis import paths
from analysis.pipeline import notebook_io
from analysis.pipeline.runner import strip_metadata
from analysis.pipeline.runs import ParameterError, check_parameters, notebooks, parameters_cell_values, runs
from conftest import project_env, run_runner, set_cell, snapshot

RUNS = runs()


@pytest.mark.parametrize("name", list(RUNS))
def test_every_declared_output_exists_and_is_not_empty(name):
    for rel in RUNS[name].outputs():
        p = paths.ROOT / rel
        assert p.is_file(), f"{rel} missing: run `make all`"
        assert p.stat().st_size > 0, f"{rel} is empty"


@pytest.mark.parametrize("name", list(RUNS))
def test_values_trace_to_their_run(name):
    run = RUNS[name]
    doc = json.loads((paths.ROOT / "paper" / "values" / f"{name}.json").read_text(encoding="utf-8"))
    assert doc["run"] == name
    assert doc["notebook"] == f"notebooks/{run.notebook.name}.ipynb"
    assert doc["parameters"] == run.parameters
    assert set(doc["reads"]) <= set(run.notebook.reads)
    for key, v in doc["values"].items():
        assert v["description"], key
        assert set(v) == {"value", "text", "description"}


def test_no_stray_outputs():
    declared = {rel for r in RUNS.values() for rel in r.outputs()}
    for sub in ("figures", "tables", "values"):
        for p in (paths.ROOT / "paper" / sub).iterdir():
            assert str(p.relative_to(paths.ROOT)) in declared, f"{p} is not the output of any declared run"


def test_variants_are_declared_and_differ_from_the_default():
    assert {"fighter_strength-tertiary"} <= set(RUNS)
    tertiary = {r.parameters["include_tertiary"] for r in RUNS.values() if r.notebook.name == "displacement"}
    assert tertiary == {False, True}  # the default and the variant with tertiary pages


@pytest.mark.parametrize("nb", list(notebooks()))
def test_notebook_defaults_are_allowed(nb):
    values = parameters_cell_values(notebooks()[nb].path)
    assert check_parameters(nb, values) == values


@pytest.mark.parametrize(
    "nb, values, message",
    [
        ("fighter_strength", {"include_tertiary": "medium"}, "include_tertiary = 'medium' is not allowed: use True or False"),
        ("displacement", {"include_tertiary": "no"}, "use True or False"),
        ("timeline", {"start": 2020, "end": 2018}, "start = 2020 is not allowed: use a whole number from 2009 to 2018"),
        ("timeline", {"start": 2017, "end": 2015}, "start = 2017 is after end = 2015"),
        ("offensive_2018", {"event_id": "ev_x"}, "use one of 'ev_2018_january_offensive', 'ev_2018_feb_attacks'"),
        ("collapse", {"collapse_copies": "yes", "include_tertiary": False}, "use True or False"),
        ("governance", {"districts": ["darzab", "kabul"]}, "use a non-empty list of distinct values from 'darzab', 'qush_tepa'"),
        ("sensitivity", {"dozens_floor": 0}, "use a whole number from 12 to 36"),
        ("assessment", {"include_tertiary": False, "colour": "red"}, "unknown parameter 'colour': assessment takes include_tertiary"),
    ],
)
def test_bad_parameters_name_the_allowed_values(nb, values, message):
    with pytest.raises(ParameterError) as err:
        check_parameters(nb, values)
    assert message in str(err.value)


def test_strip_metadata_removes_what_changes_between_runs():
    import nbformat

    nb = nbformat.from_dict({
        "metadata": {"papermill": {"duration": 1.0}, "language_info": {"name": "python", "version": "3.11.7"}},
        "cells": [{"cell_type": "code", "source": "1", "metadata": {"papermill": {}, "execution": {"a": 1}, "tags": []}}],
    })
    strip_metadata(nb)
    assert nb.metadata == {"language_info": {"name": "python"}}
    assert nb.cells[0].metadata == {}


def _loopback_works() -> bool:
    """Whether a TCP connection can be made over the loopback interface."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=2):
                return True
    except OSError:
        return False


#: papermill's own command line talks to its kernel over TCP on loopback; make's runs (and nbval,
#: through the test set-up) use IPC sockets and need no network interface at all.
needs_loopback = pytest.mark.skipif(
    not _loopback_works(),
    reason="no loopback interface: the papermill command line reaches its kernel over TCP on 127.0.0.1 "
           "(make's runs and nbval use IPC sockets and are tested here all the same)",
)


@pytest.mark.e2e
@needs_loopback
def test_papermill_cli_gives_the_same_outputs_as_make(tmp_path):
    """A declared run executed with the papermill command line writes exactly the committed outputs."""
    run = RUNS["offensive_2018"]
    out = tmp_path / "executed.ipynb"
    r = subprocess.run([str(paths.ROOT / ".venv" / "bin" / "papermill"), str(run.notebook.path), str(out),
                        "--cwd", str(paths.ROOT / "notebooks"), "--no-progress-bar"],
                       env=project_env(paths.ROOT, JAWZJAN_OUTPUT_ROOT=str(tmp_path / "outputs"), PYTHONHASHSEED="0"),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    for rel in run.outputs():
        assert (tmp_path / "outputs" / rel).read_bytes() == (paths.ROOT / rel).read_bytes(), rel


def test_notebook_round_trip_is_byte_stable():
    for nb in notebooks().values():
        text = nb.path.read_text(encoding="utf-8")
        assert notebook_io.dumps(notebook_io.read(nb.path)) == text


def test_committed_notebooks_have_no_volatile_metadata():
    for nb in notebooks().values():
        doc = json.loads(nb.path.read_text(encoding="utf-8"))
        assert "papermill" not in doc["metadata"]
        for cell in doc["cells"]:
            assert "execution" not in cell.get("metadata", {})
            for out in cell.get("outputs", []):
                text = json.dumps(out)
                assert str(paths.ROOT) not in text, f"{nb.name}: absolute path in an output"


def test_runner_refuses_a_bad_variant_before_any_kernel_starts(full_project):
    toml = full_project / "notebooks" / "runs.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[variants]]\nrun = "fighter_strength-mid"\n'
                    'notebook = "fighter_strength"\nparameters = { include_tertiary = "mid" }\n', encoding="utf-8")
    before = snapshot(full_project, "paper", "notebooks")
    r = run_runner(full_project, "fighter_strength-mid")
    assert r.returncode == 2
    assert "include_tertiary = 'mid' is not allowed: use True or False" in r.stderr
    assert snapshot(full_project, "paper", "notebooks") == before


@pytest.mark.e2e
def test_runner_reproduces_the_committed_outputs(full_project):
    before = snapshot(full_project, "paper", "notebooks")
    r = run_runner(full_project, "offensive_2018")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("[run] offensive_2018 (event_id='ev_2018_january_offensive'): ")
    assert snapshot(full_project, "paper", "notebooks") == before


@pytest.mark.e2e
def test_nbval_fails_on_a_changed_claim_until_the_notebook_is_rerun(full_project):
    # the locals' estimate of the force, which the assessment notebook (the quickest) shows
    set_cell(full_project, "claims", "cl_fighters_total_locals", "best", "430")
    nb = "notebooks/assessment.ipynb"
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", nb]
    stale = subprocess.run(args, cwd=full_project, env=project_env(full_project), capture_output=True, text=True, timeout=300)
    assert stale.returncode == 1, stale.stdout[-2000:]
    assert "failed" in stale.stdout
    r = run_runner(full_project, "assessment")
    assert r.returncode == 0, r.stderr
    fresh = subprocess.run(args, cwd=full_project, env=project_env(full_project), capture_output=True, text=True, timeout=300)
    assert fresh.returncode == 0, fresh.stdout[-2000:]
    values = json.loads((full_project / "paper" / "values" / "assessment.json").read_text())
    assert values["values"]["locals_about"]["value"] == 430


def test_papermill_help_lists_each_parameter_with_its_description():
    # papermill's own command line, called in this process (one import for all the notebooks)
    from click.testing import CliRunner
    from papermill.cli import papermill

    for nb in notebooks().values():
        r = CliRunner().invoke(papermill, ["--help-notebook", str(nb.path)])
        assert r.exit_code == 0, r.output
        for name in nb.parameters:
            line = next((l for l in r.output.splitlines() if l.strip().startswith(name)), "")
            assert line, f"{nb.name}: {name} not listed by papermill --help-notebook"
            assert len(line.split(maxsplit=2)) == 3, f"{nb.name}: {name} has no description"


@pytest.mark.e2e
@needs_loopback
def test_papermill_fails_fast_on_a_bad_parameter(tmp_path):
    out = tmp_path / "out.ipynb"
    r = subprocess.run([str(paths.ROOT / ".venv" / "bin" / "papermill"), str(paths.ROOT / "notebooks" / "fighter_strength.ipynb"),
                        str(out), "-p", "include_tertiary", "medium", "--cwd", str(paths.ROOT / "notebooks")],
                       env=project_env(paths.ROOT, JAWZJAN_OUTPUT_ROOT=str(tmp_path / "outputs")),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "ParameterError" in r.stderr and "use True or False" in r.stderr
    executed = json.loads(out.read_text())
    code = [c for c in executed["cells"] if c["cell_type"] == "code"]
    failed = next(i for i, c in enumerate(code) if any(o.get("output_type") == "error" for o in c.get("outputs", [])))
    # parameters, injected parameters, then the check: nothing else ran
    assert failed == 2
    assert not (tmp_path / "outputs").exists()


def test_what_if_parameters_go_to_an_adhoc_directory(monkeypatch):
    from analysis.pipeline import outputs

    monkeypatch.delenv("JAWZJAN_OUTPUT_ROOT", raising=False)
    declared = outputs.start("fighter_strength", include_tertiary=True)
    assert declared.name == "fighter_strength-tertiary" and declared.root == paths.ROOT
    adhoc = outputs.start("timeline", start=2016, end=2017)
    assert adhoc.name.startswith("timeline-adhoc-")
    assert adhoc.root == paths.ROOT / "build" / "adhoc"


@pytest.mark.e2e
def test_runner_refuses_a_notebook_that_reads_an_undeclared_table(full_project):
    toml = full_project / "notebooks" / "runs.toml"
    text = toml.read_text(encoding="utf-8")
    # the quickest run; its notebook loads the events table
    block = text.index("[notebooks.assessment]")
    reads = text.index("reads = ", block)
    end = text.index("\n", reads)
    declared = text[reads:end]
    assert '"events", ' in declared
    toml.write_text(text[:reads] + declared.replace('"events", ', "") + text[end:], encoding="utf-8")
    before = snapshot(full_project, "paper")
    r = run_runner(full_project, "assessment")
    assert r.returncode == 1
    assert "the notebook loaded events but notebooks/runs.toml does not list it under reads" in r.stderr
    assert snapshot(full_project, "paper") == before


def test_every_numeric_parameter_is_bounded():
    for nb in notebooks().values():
        for p in nb.parameters.values():
            if p.kind in ("integer", "number", "positive_number_or_none"):
                assert p.min is not None and p.max is not None, f"{nb.name}.{p.name} has no bounds in runs.toml"


@pytest.mark.parametrize("value", [1e308, float("inf"), float("nan"), -1, 0, True])
def test_a_number_parameter_refuses_values_out_of_bounds(value):
    from analysis.pipeline.runs import Parameter

    with pytest.raises(ParameterError, match="is not allowed: use"):
        Parameter("persons_per_family", "positive_number_or_none", min=1, max=20).check(value)


def test_a_kernel_forked_for_nbval_starts_as_a_fresh_kernel_would(tmp_path, monkeypatch):
    """nbval's kernels are forked from a warm process (``tests/warm_kernels.py``); each must still be a
    kernel of its own: its own process and session, the directory and environment asked for, no table
    recorded as read, and pandas and matplotlib set as in a kernel started afresh."""
    import os

    import nbval.kernel
    import warm_kernels

    monkeypatch.setattr(warm_kernels, "enabled", True)
    monkeypatch.delenv(warm_kernels.COLD_ENV, raising=False)
    km = nbval.kernel.KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path), env={**os.environ, "JAWZJAN_PROBE": "asked"})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        forked = isinstance(km.provisioner.process, warm_kernels.ForkedProcess)
        code = ("import os, json, pandas as pd, matplotlib.pyplot as plt\n"
                "from analysis.data import load\n"
                "plt.figure(); plt.close('all')\n"
                "print(json.dumps([os.getpid(), os.getsid(0), os.getcwd(), os.environ.get('JAWZJAN_PROBE'),\n"
                "                  sorted(load.LOADED), pd.get_option('display.max_columns'), plt.get_backend()]))\n")
        printed = []
        reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: printed.append(m["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        pid, sid, cwd, probe, loaded, max_columns, backend = json.loads("".join(printed))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert pid == km.provisioner.pid and pid != os.getpid() and sid == pid
    assert forked, "the kernel was not forked from the warm process"
    assert cwd == str(tmp_path) and probe == "asked"
    assert loaded == []
    assert max_columns == 20  # pandas' default inside a Jupyter kernel (0 in a terminal)
    assert backend == "module://matplotlib_inline.backend_inline"


def test_an_interrupt_swallowed_during_execution_still_stops_the_moves(monkeypatch):
    """A library may catch the KeyboardInterrupt a Ctrl-C raises while the notebook executes; the
    runner's handler has recorded the signal, and the run must stop before any output is moved in."""
    import signal

    from analysis.pipeline import runner

    name = next(iter(RUNS))
    moved = []

    def execute(src, run, staging, timings):  # the interrupt arrives, and something swallows it
        try:
            runner._interrupt(signal.SIGINT, None)
        except KeyboardInterrupt:
            pass
        import nbformat

        return nbformat.read(src, as_version=4)

    monkeypatch.setattr(runner, "RECEIVED", [])
    monkeypatch.setattr(runner, "execute", execute)
    monkeypatch.setattr(runner, "_outside_writes", lambda before, backup: [])
    monkeypatch.setattr(runner, "_check_staging", lambda r, staging: [])
    monkeypatch.setattr(runner, "_move_in", lambda r, staging: moved.append(r) or [])
    monkeypatch.setattr(runner.files, "write_text_if_changed", lambda *a, **k: moved.append(a[0]))
    with pytest.raises(KeyboardInterrupt):
        runner.run(name)
    assert moved == [], "outputs were moved in after an interrupt"


def test_a_client_connects_once_the_kernels_sockets_exist_and_not_after_it_died(tmp_path):
    """The runner's (and nbval's) clients wait for a starting kernel's IPC sockets, never for a dead one."""
    import threading
    import time

    from analysis.pipeline.runner import wait_for_kernel_sockets

    class Client:
        transport = "ipc"

        def _make_url(self, channel):
            return f"ipc://{tmp_path}/k-{channel}"

    def bind():  # the kernel binds its five sockets a little later
        time.sleep(0.2)
        for channel in ("shell", "iopub", "stdin", "control", "hb"):
            (tmp_path / f"k-{channel}").touch()

    started = time.monotonic()
    threading.Thread(target=bind).start()
    wait_for_kernel_sockets(Client(), alive=lambda: True)
    assert 0.2 <= time.monotonic() - started < 5
    for f in tmp_path.iterdir():
        f.unlink()
    started = time.monotonic()
    wait_for_kernel_sockets(Client(), alive=lambda: False)  # a dead kernel binds nothing
    assert time.monotonic() - started < 1


def test_a_later_run_of_one_process_is_charged_only_its_own_time(monkeypatch):
    """``python -m analysis.pipeline.runner A B``: B's progress line must not count A's time as its overhead."""
    import time

    from analysis.pipeline import runner

    name = next(iter(RUNS))

    def execute(src, run, staging, timings):  # a notebook that takes a while
        import nbformat

        time.sleep(0.1)
        return nbformat.read(src, as_version=4)

    monkeypatch.setattr(runner, "_PREVIOUS_END", [])
    monkeypatch.setattr(runner, "execute", execute)
    monkeypatch.setattr(runner, "_check_staging", lambda r, staging: [])
    monkeypatch.setattr(runner, "_move_in", lambda r, staging: [])
    monkeypatch.setattr(runner, "_journal_moves", lambda moved: None)
    monkeypatch.setattr(runner.files, "write_text_if_changed", lambda *a, **k: False)
    first = runner.run(name)
    second = runner.run(name)
    assert first.process == pytest.approx(runner.process_age(), abs=5)  # the first is charged the process start
    assert second.process < 0.1, f"the second run was charged {second.process:.2f} s before it started"


def test_the_progress_line_gives_every_phase_and_make_bench_reads_it(monkeypatch, capsys):
    """The overhead a run reports is its whole time less kernel start and cells, and bench parses the line."""
    import importlib.util
    import time

    from analysis.pipeline import runner

    name = next(iter(RUNS))

    def execute(src, run, staging, timings):
        import nbformat

        time.sleep(0.1)  # and fills in no phase: this time must still be counted, as the runner's own
        return nbformat.read(src, as_version=4)

    monkeypatch.setattr(runner, "execute", execute)
    monkeypatch.setattr(runner, "_check_staging", lambda r, staging: [])
    monkeypatch.setattr(runner, "_move_in", lambda r, staging: [])
    monkeypatch.setattr(runner, "_journal_moves", lambda moved: None)
    monkeypatch.setattr(runner.files, "write_text_if_changed", lambda *a, **k: False)
    monkeypatch.setattr(runner.signal, "signal", lambda *a: None)
    assert runner.main([name]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    spec = importlib.util.spec_from_file_location("benchmark", paths.ROOT / "bench" / "benchmark.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    m = bench.LINE.search(line)
    assert m, line
    total, process, papermill, kernel, imports, cells, write, checks, overhead = map(float, m.groups()[1:])
    assert checks >= 0.1 - 0.02, "time the run spent outside every phase is not counted"
    assert overhead == pytest.approx(process + papermill + write + checks, abs=0.02)
    assert total == pytest.approx(overhead + kernel + imports + cells, abs=0.06)
