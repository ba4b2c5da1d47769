"""The package shows its layers: base < data < topics < style < pipeline, and lower never imports higher."""
from __future__ import annotations

import ast

import pytest

from analysis import paths

PACKAGE = paths.ROOT / "analysis"
#: Rank of each layer; a module may import only modules of its own rank or lower.
RANKS = {"base": 0, "data": 1, "topics": 2, "style": 3, "pipeline": 4}
#: Third-party packages a layer must never import (at any depth in the module).
FORBIDDEN = {"data": {"plotnine", "matplotlib"}, "topics": {"plotnine", "matplotlib"}, "base": {"plotnine", "matplotlib"}}
#: Entry points above every layer.
ENTRY = {"analysis/__init__.py", "analysis/__main__.py"}


def layer_of(module: str) -> str:
    """The layer of a module name such as ``analysis.data.load`` (``base`` for top-level modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in RANKS else "base"


def imports(source: str) -> list[tuple[int, str]]:
    """Every module a source imports, anywhere in it, with its line."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            if node.module in ("analysis",) or node.module in {f"analysis.{k}" for k in RANKS}:
                out += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return out


def violations(module: str, source: str) -> list[str]:
    """Imports of ``module`` that reach a higher layer or a forbidden package."""
    mine = layer_of(module)
    found = []
    for line, name in imports(source):
        top = name.split(".")[0]
        if top == "analysis":
            other = layer_of(name)
            if name in ("analysis", "analysis.paths", "analysis.files", "analysis.formatting"):
                other = "base"
            if RANKS[other] > RANKS[mine]:
                found.append(f"{module}:{line}: the {mine} layer imports {name} ({other} layer)")
        elif top in FORBIDDEN.get(mine, set()):
            found.append(f"{module}:{line}: the {mine} layer imports {top}")
    return found


def modules():
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = str(p.relative_to(paths.ROOT))
        if rel in ENTRY:
            continue
        name = rel[:-3].replace("/", ".").removesuffix(".__init__")
        yield name, p


@pytest.mark.parametrize("name, path", list(modules()), ids=lambda x: x if isinstance(x, str) else "")
def test_no_module_imports_a_higher_layer(name, path):
    assert violations(name, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "module, source",
    [
        ("analysis.data.processed", "from analysis.topics.displacement import displacement\n"),
        ("analysis.data.load", "def f():\n    from analysis.style import theme\n"),
        ("analysis.topics.collapse", "import plotnine\n"),
        ("analysis.files", "from analysis.pipeline import runs\n"),
    ],
)
def test_the_check_catches_an_upward_import(module, source):
    assert violations(module, source), "an upward import went unnoticed"


def test_every_layer_is_a_package_with_a_docstring():
    for layer in ("data", "topics", "style", "pipeline"):
        init = PACKAGE / layer / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"analysis/{layer} has no docstring"
