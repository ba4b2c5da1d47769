"""The notebooks, their parameters and their runs, as declared in ``notebooks/runs.toml``.

This module uses the standard library only, so that ``make`` can read the
declarations (and generate its rules) before the environment exists, and so
that a bad parameter is refused before any kernel starts.
"""
from __future__ import annotations

import ast
import copy
import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.files import write_text_if_changed
from analysis.pipeline import notebook_io

RUNS_FILE = paths.NOTEBOOKS / "runs.toml"
NOTEBOOKS = paths.NOTEBOOKS
FIGURE_FORMATS = ("svg", "png", "pdf")
TABLE_FORMATS = ("md", "csv")
#: What a run, notebook, figure or table name may look like: it becomes part of file names and make targets.
NAME = re.compile(r"[a-z][a-z0-9_]*(-[a-z0-9_]+)*")
#: Modules every run depends on besides those its notebook imports: the machinery that executes it.
RUN_MACHINERY = (
    "analysis/paths.py",
    "analysis/files.py",
    "analysis/pipeline/runs.py",
    "analysis/pipeline/runner.py",
    "analysis/pipeline/notebook_io.py",
)


class ParameterError(ValueError):
    """A notebook parameter has a value that is not allowed; the message lists the allowed values."""


class RunNameError(ValueError):
    """notebooks/runs.toml is unreadable or declares a name that cannot become a file name."""


def figure_path(run: str, key: str, ext: str) -> str:
    """Where a run's figure goes, relative to the project root: ``paper/figures/<run>-<key>.<ext>``."""
    return f"paper/figures/{run}-{key}.{ext}"


def table_path(run: str, key: str, ext: str) -> str:
    """Where a run's table goes: ``paper/tables/<run>-<key>.<ext>``."""
    return f"paper/tables/{run}-{key}.{ext}"


def values_path(run: str) -> str:
    """Where a run's values go: ``paper/values/<run>.json``."""
    return f"paper/values/{run}.json"


@dataclass(frozen=True)
class Parameter:
    """What one notebook parameter accepts."""

    KINDS = ("choice", "choices", "integer", "number", "positive_number_or_none", "boolean")

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
            return f"None (derive it from the data) or a number from {self.min:g} to {self.max:g}"
        if self.kind == "number":
            return f"a number from {self.min:g} to {self.max:g}"
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
        elif self.kind in ("positive_number_or_none", "number"):
            ok = (value is None and self.kind == "positive_number_or_none") or (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and math.isfinite(value)
                and self.min <= value <= self.max
                and value > 0 if self.kind == "positive_number_or_none" else self.min <= value <= self.max
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
    depends: tuple[str, ...] = ()

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
            out += [figure_path(self.name, fig, ext) for ext in FIGURE_FORMATS]
        for tab in self.notebook.tables:
            out += [table_path(self.name, tab, ext) for ext in TABLE_FORMATS]
        out.append(values_path(self.name))
        return out

    def label(self) -> str:
        """Parameters as ``name=value`` pairs, for progress lines and captions."""
        return ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in self.parameters.items())


def _stat_key(path: Path) -> tuple:
    """What identifies a file's contents cheaply: its size and modification time in nanoseconds."""
    try:
        st = Path(path).stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino)


_CACHE: dict = {}


def _cached(kind: str, path: Path, compute):
    """``compute()`` once per version of ``path``; a copy of the result each time (callers may change it)."""
    key = (kind, _stat_key(path))
    if key not in _CACHE:
        _CACHE[key] = compute()
    return copy.deepcopy(_CACHE[key])


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
    return _cached("parameters", path, lambda: _parameters_cell_values(Path(path)))


def _parameters_cell_values(path: Path) -> dict:
    for cell in notebook_io.read(Path(path))["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            src = cell["source"]
            values = {}
            try:
                body = ast.parse(src).body
            except SyntaxError as exc:
                raise ValueError(f"{path.name}: the parameters cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
            for node in body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    target = node.targets[0]
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                    target = node.target
                else:
                    raise ValueError(f"{path.name}: the parameters cell may hold only simple assignments such as `x: int = 1`")
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    raise ValueError(f"{path.name}: parameter {target.id} must be a literal value") from None
            return values
    raise ValueError(f"{path.name} has no cell tagged 'parameters'")


def _spec() -> dict:
    return _cached("spec", RUNS_FILE, _read_spec)


def _read_spec() -> dict:
    try:
        spec = tomllib.loads(RUNS_FILE.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RunNameError(f"{RUNS_FILE.relative_to(paths.ROOT)}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RunNameError(f"{RUNS_FILE.relative_to(paths.ROOT)}: not valid TOML: {exc}") from None
    problems = []
    nbs = spec.get("notebooks")
    if not isinstance(nbs, dict) or not nbs:
        problems.append("no [notebooks.NAME] tables")
        nbs = {}
    for name, nb in nbs.items():
        where = f"notebooks.{name}"
        if not NAME.fullmatch(name) or "-" in name:
            problems.append(f"{where}: notebook name must be lowercase letters, digits and _")
        if not isinstance(nb, dict):
            problems.append(f"{where}: must be a table")
            continue
        for key in ("title", "reads", "figures", "tables"):
            if key not in nb:
                problems.append(f"{where}: missing {key}")
        for key in ("figures", "tables"):
            for item in nb.get(key, []):
                if not (isinstance(item, str) and NAME.fullmatch(item)):
                    problems.append(f"{where}.{key}: {item!r} is not a valid name (lowercase letters, digits, _ and -)")
        for dep in nb.get("depends", []):
            if not (isinstance(dep, str) and re.fullmatch(r"[A-Za-z0-9_./-]+", dep) and ".." not in dep
                    and (paths.ROOT / dep).is_file()):
                problems.append(f"{where}.depends: {dep!r} is not a file of the project")
        for p, d in nb.get("parameters", {}).items():
            if not isinstance(d, dict) or d.get("kind") not in Parameter.KINDS:
                problems.append(f"{where}.parameters.{p}: kind must be one of {', '.join(Parameter.KINDS)}")
    for i, v in enumerate(spec.get("variants", []), 1):
        run = v.get("run") if isinstance(v, dict) else None
        if not (isinstance(run, str) and NAME.fullmatch(run)):
            problems.append(
                f"variants[{i}]: run name {run!r} is not allowed: use lowercase letters, digits, _ and -, "
                "starting with the notebook's name (it becomes a file name and a make target)"
            )
        elif v.get("notebook") not in nbs:
            problems.append(f"variants[{i}] ({run}): unknown notebook {v.get('notebook')!r}; the notebooks are: {', '.join(nbs)}")
        elif not run.startswith(v["notebook"] + "-"):
            problems.append(f"variants[{i}]: run name {run!r} must start with {v['notebook']}-")
        elif not isinstance(v.get("parameters"), dict):
            problems.append(f"variants[{i}] ({run}): parameters must be a table")
    if problems:
        raise RunNameError(f"{RUNS_FILE.relative_to(paths.ROOT)}: " + "; ".join(problems))
    return spec


def notebooks() -> dict[str, Notebook]:
    """Every declared notebook, by name."""
    out = {}
    for name, nb in _spec()["notebooks"].items():
        params = {
            p: Parameter(p, d["kind"], tuple(d.get("choices", ())), d.get("min"), d.get("max"))
            for p, d in nb.get("parameters", {}).items()
        }
        out[name] = Notebook(name, nb["title"], tuple(nb["reads"]), tuple(nb["figures"]), tuple(nb["tables"]), params,
                             tuple(nb.get("depends", ())))
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


def _module_file(module: str) -> Path | None:
    rel = Path(*module.split("."))
    for cand in (paths.ROOT / rel.with_suffix(".py"), paths.ROOT / rel / "__init__.py"):
        if cand.is_file():
            return cand
    return None


def _imported_modules(source: str) -> set[str]:
    """The ``analysis`` modules a piece of code imports (at any depth), or names in strings."""
    found = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "analysis"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "analysis":
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"analysis(\.\w+)+", node.value):
            found.add(node.value)
    return found


def module_closure(sources: list[str]) -> list[str]:
    """Every file of the ``analysis`` package that code importing these sources may run.

    Parameters
    ----------
    sources : list of str
        Python code, such as a notebook's code cells.

    Returns
    -------
    list of str
        Paths relative to the project root, sorted; package ``__init__`` files included.
    """
    todo = set().union(*(_imported_modules(s) for s in sources)) if sources else set()
    seen: set[str] = set()
    out: set[Path] = set()
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        parts = mod.split(".")
        for i in range(1, len(parts) + 1):
            f = _module_file(".".join(parts[:i]))
            if f is not None and f not in out:
                out.add(f)
                todo |= _file_imports(f)
    return sorted(str(f.relative_to(paths.ROOT)) for f in out)


_FILE_IMPORTS: dict[tuple[Path, int, int], frozenset] = {}


def _file_imports(path: Path) -> frozenset:
    """:func:`_imported_modules` of a module file, parsed once per state (size and time) of the file."""
    st = path.stat()
    key = (path, st.st_size, st.st_mtime_ns)
    if key not in _FILE_IMPORTS:
        _FILE_IMPORTS[key] = frozenset(_imported_modules(path.read_text(encoding="utf-8")))
    return _FILE_IMPORTS[key]


def makefile() -> str:
    """Make rules for every run: grouped file targets with real prerequisites.

    A run depends on its notebook, its parameters, the tables it reads, the ``analysis`` modules
    its notebook imports (and what they import) and the machinery that executes it: editing the
    paper builder reruns no notebook.
    """
    lines = ["# Generated from notebooks/runs.toml by `python3 -m analysis.pipeline.runs`. Do not edit.", ""]
    all_outputs = []
    closures: dict[str, list[str]] = {}
    for run in runs().values():
        nb = run.notebook
        if nb.name not in closures:
            code = notebook_io.code_sources(notebook_io.read(nb.path))
            closures[nb.name] = sorted(set(module_closure(code)) | set(RUN_MACHINERY))
        outs = run.outputs()
        all_outputs += outs
        deps = [f"notebooks/{nb.name}.ipynb", f"build/params/{run.name}.json", *closures[nb.name], "$(ENV_OK)", "$(DESCRIPTOR)"]
        deps += [f"data/raw/{t}.csv" for t in nb.reads]
        deps += list(nb.depends)
        var = "RUN_" + run.name.replace("-", "_")
        stamp = f"$(STAMPS)/run-{run.name}"
        lines.append(f"{var} := {' '.join(outs)}")
        # the run reruns when a prerequisite changed or one of its outputs has gone missing
        lines.append(f"{stamp}: {' '.join(deps)} $(if $(filter-out $(wildcard $({var})),$({var})),FORCE) "
                     f"| $(STAMPS)/validated $(PROCESSED) $(CODEBOOK)")
        lines.append(f"\t@$(PY) -m analysis.pipeline.runner {run.name}")
        lines.append("\t@mkdir -p $(@D) && touch $@")
        # outputs are replaced only when their bytes change, so what depends on them is rebuilt only then
        lines.append(f"$({var}): {stamp} ;")
        lines.append(f"run-{run.name}: $({var})")
        lines.append(f".PHONY: run-{run.name}")
        lines.append("")
    lines.append(f"RUN_OUTPUTS := {' '.join(all_outputs)}")
    lines.append(f"RUN_NAMES := {' '.join(runs())}")
    lines.append("# A failed or interrupted run must never cost its last good outputs.")
    lines.append(".PRECIOUS: $(RUN_OUTPUTS)")
    return "\n".join(lines) + "\n"


def write_build_files(build: Path | None = None) -> None:
    """Write ``build/runs.mk`` and one parameter file per run (each only if changed)."""
    build = Path(build or paths.ROOT / "build")
    for run in runs().values():
        write_text_if_changed(build / "params" / f"{run.name}.json", json.dumps(run.parameters, sort_keys=True) + "\n")
    write_text_if_changed(build / "runs.mk", makefile())


def main() -> int:
    """Write the build files; on a bad declaration print one message and fail."""
    import sys

    try:
        write_build_files()
    except (RunNameError, ParameterError, ValueError, OSError) as exc:
        print(f"runs: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
