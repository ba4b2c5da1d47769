"""The notebooks, their parameters and their runs, as declared in ``notebooks/runs.toml``.

This module uses the standard library only, so that ``make`` can read the
declarations (and generate its rules) before the environment exists, and so
that a bad parameter is refused before any kernel starts.
"""
from __future__ import annotations

import ast
import hashlib
import json
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analysis import notebook_io, paths
from analysis.io import write_text_if_changed

RUNS_FILE = paths.ROOT / "notebooks" / "runs.toml"
NOTEBOOKS = paths.ROOT / "notebooks"
FIGURE_FORMATS = ("svg", "png", "pdf")
TABLE_FORMATS = ("md", "csv")


class ParameterError(ValueError):
    """A notebook parameter has a value that is not allowed; the message lists the allowed values."""


@dataclass(frozen=True)
class Parameter:
    """What one notebook parameter accepts."""

    name: str
    kind: str
    choices: tuple = ()
    min: float | None = None
    max: float | None = None

    def allowed(self) -> str:
        """Describe the allowed values in words."""
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind == "choices":
            return "a non-empty list of distinct values from " + ", ".join(repr(c) for c in self.choices)
        if self.kind == "integer":
            return f"a whole number from {self.min:g} to {self.max:g}"
        if self.kind == "positive_number_or_none":
            return "None (derive it from the data) or a number greater than 0"
        if self.kind == "boolean":
            return "True or False"
        raise ValueError(f"unknown parameter kind {self.kind!r}")

    def check(self, value) -> None:
        """Raise :class:`ParameterError` unless ``value`` is allowed.

        Parameters
        ----------
        value : object
            The value given for this parameter.
        """
        ok = False
        if self.kind == "choice":
            ok = isinstance(value, str) and value in self.choices
        elif self.kind == "choices":
            ok = (
                isinstance(value, (list, tuple))
                and len(value) > 0
                and len(set(value)) == len(value)
                and all(isinstance(v, str) and v in self.choices for v in value)
            )
        elif self.kind == "integer":
            ok = isinstance(value, int) and not isinstance(value, bool) and self.min <= value <= self.max
        elif self.kind == "positive_number_or_none":
            ok = value is None or (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and math.isfinite(value)
                and value > 0
            )
        elif self.kind == "boolean":
            ok = isinstance(value, bool)
        if not ok:
            raise ParameterError(f"parameter {self.name} = {value!r} is not allowed: use {self.allowed()}")


@dataclass(frozen=True)
class Notebook:
    """A notebook and what it declares."""

    name: str
    title: str
    reads: tuple[str, ...]
    figures: tuple[str, ...]
    tables: tuple[str, ...]
    parameters: dict[str, Parameter] = field(hash=False)

    @property
    def path(self) -> Path:
        """The committed notebook file."""
        return NOTEBOOKS / f"{self.name}.ipynb"

    def defaults(self) -> dict:
        """The parameter values of the notebook's ``parameters`` cell."""
        return parameters_cell_values(self.path)


@dataclass(frozen=True)
class Run:
    """One execution of a notebook with one set of parameters."""

    name: str
    notebook: Notebook
    parameters: dict = field(hash=False)
    default: bool = False

    def outputs(self) -> list[str]:
        """Every file the run writes, relative to the project root, values file last."""
        out = []
        for fig in self.notebook.figures:
            out += [f"paper/figures/{self.name}-{fig}.{ext}" for ext in FIGURE_FORMATS]
        for tab in self.notebook.tables:
            out += [f"paper/tables/{self.name}-{tab}.{ext}" for ext in TABLE_FORMATS]
        out.append(f"paper/values/{self.name}.json")
        return out

    def label(self) -> str:
        """Parameters as ``name=value`` pairs, for progress lines and captions."""
        return ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in self.parameters.items())


def parameters_cell_values(path: Path) -> dict:
    """Read the literal assignments of a notebook's cell tagged ``parameters``.

    Parameters
    ----------
    path : pathlib.Path
        An ``.ipynb`` file.

    Returns
    -------
    dict
        ``{name: value}`` in the order the cell assigns them.

    Raises
    ------
    ValueError
        If the notebook has no ``parameters`` cell or it holds anything but
        literal assignments.
    """
    for cell in notebook_io.read(Path(path))["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell["source"]
            values = {}
            for node in ast.parse(src).body:
                if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
                    raise ValueError(f"{path.name}: the parameters cell may hold only simple assignments")
                values[node.targets[0].id] = ast.literal_eval(node.value)
            return values
    raise ValueError(f"{path.name} has no cell tagged 'parameters'")


def _spec() -> dict:
    return tomllib.loads(RUNS_FILE.read_text(encoding="utf-8"))


def notebooks() -> dict[str, Notebook]:
    """Every declared notebook, by name."""
    out = {}
    for name, nb in _spec()["notebooks"].items():
        params = {
            p: Parameter(p, d["kind"], tuple(d.get("choices", ())), d.get("min"), d.get("max"))
            for p, d in nb.get("parameters", {}).items()
        }
        out[name] = Notebook(name, nb["title"], tuple(nb["reads"]), tuple(nb["figures"]), tuple(nb["tables"]), params)
    return out


def check_parameters(notebook: str, values: dict) -> dict:
    """Check a full set of parameter values for a notebook.

    Parameters
    ----------
    notebook : str
        Notebook name, such as ``"fighter_strength"``.
    values : dict
        Parameter values by name.

    Returns
    -------
    dict
        ``values``, unchanged, when every value is allowed.

    Raises
    ------
    ParameterError
        Naming every bad or unknown parameter and the values it allows.
    """
    nbs = notebooks()
    if notebook not in nbs:
        raise ParameterError(f"unknown notebook {notebook!r}; the notebooks are: {', '.join(nbs)}")
    spec = nbs[notebook].parameters
    errors = []
    for name, value in values.items():
        if name not in spec:
            errors.append(f"unknown parameter {name!r}: {notebook} takes {', '.join(spec) or 'no parameters'}")
            continue
        try:
            spec[name].check(value)
        except ParameterError as exc:
            errors.append(str(exc))
    for name in spec:
        if name not in values:
            errors.append(f"parameter {name} is missing: use {spec[name].allowed()}")
    extra = _cross_checks(notebook, values)
    errors += extra
    if errors:
        raise ParameterError(f"{notebook}: " + "; ".join(errors))
    return values


def _cross_checks(notebook: str, values: dict) -> list[str]:
    if notebook == "timeline":
        s, e = values.get("start"), values.get("end")
        if isinstance(s, int) and isinstance(e, int) and s > e:
            return [f"start = {s} is after end = {e}: start must not be later than end"]
    return []


def runs() -> dict[str, Run]:
    """Every run: each notebook's default run first, then the declared variants."""
    nbs = notebooks()
    out = {}
    for name, nb in nbs.items():
        out[name] = Run(name, nb, nb.defaults(), default=True)
    for v in _spec().get("variants", []):
        nb = nbs[v["notebook"]]
        params = {**nb.defaults(), **v["parameters"]}
        out[v["run"]] = Run(v["run"], nb, params)
    return out


def run_for(notebook: str, values: dict) -> Run:
    """Return the declared run of ``notebook`` with these parameter values.

    Values matching no declared run give an ad-hoc run, named with a short
    hash of the values, whose outputs go to ``build/adhoc/`` instead of
    ``paper/``.
    """
    for run in runs().values():
        if run.notebook.name == notebook and run.parameters == values:
            return run
    digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:8]
    return Run(f"{notebook}-adhoc-{digest}", notebooks()[notebook], dict(values))


def makefile() -> str:
    """Make rules for every run: grouped file targets with real prerequisites."""
    lines = ["# Generated from notebooks/runs.toml by `python3 -m analysis.runs`. Do not edit.", ""]
    all_outputs = []
    for run in runs().values():
        nb = run.notebook
        outs = run.outputs()
        all_outputs += outs
        deps = [f"notebooks/{nb.name}.ipynb", f"build/params/{run.name}.json", "$(ANALYSIS)", "$(ENV_OK)", "$(DESCRIPTOR)"]
        deps += [f"data/raw/{t}.csv" for t in nb.reads]
        var = "RUN_" + run.name.replace("-", "_")
        lines.append(f"{var} := {' '.join(outs)}")
        lines.append(f"$({var}) &: {' '.join(deps)} | $(STAMPS)/validated")
        lines.append(f"\t@$(PY) -m analysis.runner {run.name}")
        lines.append(f"run-{run.name}: $({var})")
        lines.append("")
    lines.append(f"RUN_OUTPUTS := {' '.join(all_outputs)}")
    lines.append(f"RUN_NAMES := {' '.join(runs())}")
    return "\n".join(lines) + "\n"


def write_build_files(build: Path | None = None) -> None:
    """Write ``build/runs.mk`` and one parameter file per run (each only if changed)."""
    build = Path(build or paths.ROOT / "build")
    for run in runs().values():
        write_text_if_changed(build / "params" / f"{run.name}.json", json.dumps(run.parameters, sort_keys=True) + "\n")
    write_text_if_changed(build / "runs.mk", makefile())


if __name__ == "__main__":
    write_build_files()
